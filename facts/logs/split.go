package logs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/pushlint/pushlint/facts/logs/lines"
	"github.com/pushlint/pushlint/internal/charset"
	"github.com/pushlint/pushlint/internal/inputfile"
)

// A large log is read in parts, on several cores at once. It is cut only where a record ends and the next
// begins, and only in formats whose records carry nothing over to the next once they are closed (CMTrace
// and the SMS server format), in byte-oriented encodings (UTF-8, ANSI), so that the parts read exactly as
// the whole file would, line numbers included.
var (
	splitMinBytes  int64 = 48 << 20 // files smaller than this are read whole
	partBytes      int64 = 32 << 20 // the size a part aims at
	boundaryWindow int64 = 1 << 20  // how far past its aim a part's end is looked for
)

// filePlan is how one file is read: whole (one part, no detection known), or in parts that start at record
// boundaries.
type filePlan struct {
	path  string
	parts []*part
	enc   charset.Encoding
	d     detection
	split bool
}

// part is a byte range of a file and what reading it gave.
type part struct {
	plan     *filePlan
	n        int
	off, end int64

	newlines int           // in [off, end): the lines before the next part
	counted  chan struct{} // closed once newlines is known
	batches  chan []Entry
	sum      LogFile
	res      linesResult
	base     int
	lines    int
	err      error
}

// planFile decides how to read a file: in parts when it is large and of a format that can be cut.
func planFile(path string) *filePlan {
	fp := &filePlan{path: path}
	whole := func() *filePlan {
		fp.parts = []*part{{plan: fp, counted: closed, batches: make(chan []Entry, 4)}}
		return fp
	}
	if path == Stdin {
		return whole()
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() < splitMinBytes {
		return whole()
	}
	f, _, err := inputfile.Open(path)
	if err != nil {
		return whole()
	}
	defer f.Close()
	text, enc, err := charset.NewReader(f)
	if err != nil || (enc != charset.UTF8 && enc != charset.UTF8BOM && enc != charset.Windows1252) {
		return whole()
	}
	head, err := lines.NewReader(text, 0).Peek(sniffWindow)
	if err != nil {
		return whole()
	}
	d := detect(head)
	if d.binary || d.quoted || (d.format != FormatCMTrace && d.format != FormatSMSServer) {
		return whole()
	}
	fp.enc, fp.d, fp.split = enc, d, true
	cuts := []int64{0}
	for aim := partBytes; aim < st.Size()-partBytes/2; aim += partBytes {
		if at, ok := recordBoundary(f, aim, d.format); ok && at > cuts[len(cuts)-1] {
			cuts = append(cuts, at)
		}
	}
	cuts = append(cuts, st.Size())
	for i := 0; i+1 < len(cuts); i++ {
		fp.parts = append(fp.parts, &part{plan: fp, n: i, off: cuts[i], end: cuts[i+1],
			counted: make(chan struct{}), batches: make(chan []Entry, 4)})
	}
	if len(fp.parts) == 1 {
		fp.split = false
		fp.parts[0].counted = closed
	}
	return fp
}

var closed = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// recordBoundary finds, at or after aim, the start of a line that begins a record right after a line that
// ends one: `">` then `<![LOG[` in CMTrace, a thread trailer `)>` in the server format.
func recordBoundary(f *os.File, aim int64, format Format) (int64, bool) {
	buf := make([]byte, boundaryWindow)
	n, err := f.ReadAt(buf, aim)
	if err != nil && !errors.Is(err, io.EOF) {
		return 0, false
	}
	buf = buf[:n]
	prevEnd := bytes.IndexByte(buf, '\n')
	for prevEnd >= 0 && prevEnd+1 < len(buf) {
		start := prevEnd + 1
		lineEnd := bytes.IndexByte(buf[start:], '\n')
		if lineEnd < 0 {
			return 0, false
		}
		lineEnd += start
		prev := buf[:prevEnd]
		if i := bytes.LastIndexByte(prev, '\n'); i >= 0 {
			prev = prev[i+1:]
		}
		prev = bytes.TrimRight(prev, " \t\r")
		line := skipBlanks(buf[start:lineEnd])
		switch format {
		case FormatCMTrace:
			if bytes.HasSuffix(prev, []byte(`">`)) && bytes.HasPrefix(line, cmOpen) {
				return aim + int64(start), true
			}
		case FormatSMSServer:
			if bytes.HasSuffix(prev, []byte(")>")) && len(bytes.TrimSpace(line)) > 0 {
				return aim + int64(start), true
			}
		}
		prevEnd = lineEnd
	}
	return 0, false
}

// read parses one part: it counts the part's lines first, so that the next part can number its own, then
// waits for the parts before it to have counted theirs.
func (pt *part) read(ctx context.Context, opts Options, fn func(Entry) error) {
	fp := pt.plan
	if !fp.split {
		pt.sum, pt.err = ReadFile(ctx, fp.path, opts, fn)
		return
	}
	f, _, err := inputfile.Open(fp.path)
	if err != nil {
		pt.err = fmt.Errorf("%s: cannot be read: %w", fp.path, unwrapPath(err))
		close(pt.counted)
		return
	}
	defer f.Close()
	pt.newlines, pt.err = countNewlines(f, pt.off, pt.end)
	close(pt.counted)
	if pt.err != nil {
		pt.err = fmt.Errorf("%s: %w", fp.path, pt.err)
		return
	}
	for _, before := range fp.parts[:pt.n] {
		select {
		case <-before.counted:
			pt.base += before.newlines
		case <-ctx.Done():
			pt.err = ctx.Err()
			return
		}
	}
	cr := &countingReader{r: io.NewSectionReader(f, pt.off, pt.end-pt.off), progress: opts.Progress}
	var text io.Reader = cr
	if pt.n == 0 {
		text, _, err = charset.NewReader(cr) // drops the byte-order mark
	} else {
		text, err = charset.Continue(cr, fp.enc)
	}
	if err != nil {
		pt.err = fmt.Errorf("%s: %w", fp.path, err)
		return
	}
	pt.sum = LogFile{Path: fp.path, Format: fp.d.format, Encoding: fp.enc}
	lr := lines.NewReader(text, opts.maxRecord())
	pt.res, pt.err = parseLines(ctx, lr, fp.path, fp.d, opts, pt.base, &pt.sum, fn)
	pt.lines = lr.Number()
	pt.sum.Bytes = cr.n
}

func countNewlines(f *os.File, off, end int64) (int, error) {
	buf := make([]byte, 1<<20)
	n := 0
	for off < end {
		k, err := f.ReadAt(buf[:min(int64(len(buf)), end-off)], off)
		n += bytes.Count(buf[:k], []byte{'\n'})
		off += int64(k)
		if err != nil && !(errors.Is(err, io.EOF) && off >= end) {
			if errors.Is(err, io.EOF) {
				return n, fmt.Errorf("the file became shorter while it was read")
			}
			return n, err
		}
	}
	return n, nil
}

// merge puts the parts' summaries together as reading the whole file would have: counts added up, the time
// span widened, warnings in order and capped, and a timezone bias that changes between two parts noted.
func (fp *filePlan) merge() LogFile {
	if !fp.split {
		return fp.parts[0].sum
	}
	sum := LogFile{Path: fp.path, Format: fp.d.format, Encoding: fp.enc}
	var res linesResult
	lastBias := ""
	warn := func(w string) {
		if len(sum.Warnings) >= maxWarnings {
			res.warnDropped++
			return
		}
		sum.Warnings = append(sum.Warnings, w)
	}
	for _, pt := range fp.parts {
		s := pt.sum
		sum.Bytes += s.Bytes
		sum.Entries += s.Entries
		sum.Unparsed += s.Unparsed
		sum.Truncated += s.Truncated
		sum.Lines = pt.base + pt.lines
		if !s.First.IsZero() && (sum.First.IsZero() || s.First.Before(sum.First)) {
			sum.First = s.First
		}
		if s.Last.After(sum.Last) {
			sum.Last = s.Last
		}
		sum.LocalTimes = sum.LocalTimes || s.LocalTimes
		if lastBias != "" && pt.res.firstBias != "" && pt.res.firstBias != lastBias {
			warn(fmt.Sprintf("line %d: "+biasChange, pt.res.firstBiasLine, lastBias, pt.res.firstBias))
		}
		for _, b := range s.Biases {
			sum.addBias(b)
		}
		for _, w := range s.Warnings {
			warn(w)
		}
		res.warnDropped += pt.res.warnDropped
		res.ansi += pt.res.ansi
		res.nul += pt.res.nul
		if pt.res.lastBias != "" {
			lastBias = pt.res.lastBias
		}
	}
	res.finish(&sum, fp.enc, sum.Bytes)
	return sum
}
