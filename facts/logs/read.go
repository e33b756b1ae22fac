package logs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/pushlint/pushlint/facts/logs/lines"
	"github.com/pushlint/pushlint/internal/charset"
	"github.com/pushlint/pushlint/internal/inputfile"
)

// LogFile summarises one physical file after reading it.
type LogFile struct {
	Path     string           `json:"path"`
	Format   Format           `json:"format"`
	Encoding charset.Encoding `json:"encoding"`
	// Quoted is true when the file is a Markdown block quote (a KB article or a ticket): the "> " prefixes
	// were removed and backslash escapes undone.
	Quoted    bool  `json:"markdown_quoted,omitempty"`
	Binary    bool  `json:"binary,omitempty"` // not text: nothing was read
	Bytes     int64 `json:"bytes"`
	Lines     int   `json:"lines"`
	Entries   int   `json:"entries"`
	Unparsed  int   `json:"unparsed_lines"`  // lines outside the file format's records (see parser)
	Truncated int   `json:"truncated_lines"` // lines longer than the cap, cut
	// First and Last are the earliest and latest entry times (log lines are not strictly in time order:
	// threads write them).
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
	// LocalTimes is true when some entry times are the writer's wall clock, of unknown zone (no bias in
	// the log): First and Last then mix them with UTC.
	LocalTimes bool     `json:"local_times,omitempty"`
	Biases     []string `json:"biases,omitempty"` // distinct timezone biases, in order of appearance
	Warnings   []string `json:"warnings,omitempty"`
}

const maxBiases = 16

func (f *LogFile) addBias(b string) {
	for _, seen := range f.Biases {
		if seen == b {
			return
		}
	}
	if len(f.Biases) < maxBiases {
		f.Biases = append(f.Biases, b)
	}
}

// BiasChanged reports whether the file's timezone bias changed (a daylight-saving switch while logging).
func (f *LogFile) BiasChanged() bool { return len(f.Biases) > 1 }

// Options tune reading.
type Options struct {
	// MaxRecordBytes caps one line and one multi-line record; the rest is dropped with a warning. Default
	// 1 MiB.
	MaxRecordBytes int
	// Workers is how many files are parsed at once by Read. Default GOMAXPROCS.
	Workers int
	// Progress, when set, is called with the number of raw bytes read, as reading goes. Read calls it from
	// several goroutines at once.
	Progress func(n int64)
	// Prepare, when set, gives each goroutine that reads a function it calls on every entry it read, before
	// handing the entry over: work on entries that needs no other entry is done on every core.
	Prepare func() func(*Entry)
}

func (o Options) maxRecord() int {
	if o.MaxRecordBytes <= 0 {
		return lines.DefaultMax
	}
	return o.MaxRecordBytes
}

// Parse reads a log from r and calls fn for each entry, in file order; name is used as Entry.File. The
// format and encoding are detected from the content. Memory use does not depend on the size of r. An error
// from fn stops reading and is returned.
func Parse(ctx context.Context, r io.Reader, name string, opts Options, fn func(Entry) error) (LogFile, error) {
	sum := LogFile{Path: name}
	cr := &countingReader{r: r, progress: opts.Progress}
	text, enc, err := charset.NewReader(cr)
	if err != nil {
		return sum, fmt.Errorf("%s: %w", name, err)
	}
	sum.Encoding = enc
	lr := lines.NewReader(text, opts.maxRecord())
	head, err := lr.Peek(sniffWindow)
	if err != nil {
		return sum, fmt.Errorf("%s: %w", name, err)
	}
	d := detect(head)
	sum.Format, sum.Quoted, sum.Binary = d.format, d.quoted, d.binary
	if d.binary {
		sum.Format = ""
		sum.Warnings = append(sum.Warnings, "binary content, not a log: skipped")
		sum.Bytes = cr.n
		return sum, nil
	}
	res, err := parseLines(ctx, lr, name, d, opts, 0, &sum, fn)
	if err != nil {
		return sum, err
	}
	sum.Lines = lr.Number()
	sum.Bytes = cr.n
	res.finish(&sum, enc, cr.n)
	return sum, nil
}

// linesResult is what parseLines saw besides entries.
type linesResult struct {
	ansi, nul   int // lines read as Windows-1252, lines that held NUL bytes
	warnDropped int // warnings past maxWarnings
	// The first and last timezone bias of the part read, and the line of the first: a file read in parts
	// checks for a change between two parts when it puts them together.
	firstBias, lastBias string
	firstBiasLine       int
}

// parseLines parses the lines of lr, numbered from base+1, as a file of the detected format.
func parseLines(ctx context.Context, lr *lines.Reader, name string, d detection, opts Options, base int, sum *LogFile, fn func(Entry) error) (linesResult, error) {
	var res linesResult
	p := &parser{file: name, home: d.format, quoted: d.quoted, width: d.width, max: opts.maxRecord(), sum: sum, fn: fn, lastUnparsed: base}
	var clean []byte
	for {
		line, cut, err := lr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return res, fmt.Errorf("%s: line %d: %w", name, base+lr.Number()+1, err)
		}
		num := base + lr.Number()
		if cut > 0 {
			sum.Truncated++
			p.warnf(num, "line is %d bytes longer than the %d-byte cap; the rest was dropped", cut, p.max)
		}
		if bytes.IndexByte(line, 0) >= 0 {
			// Windows leaves NUL runs where a log was being written when the power went.
			clean = append(clean[:0], line...)
			clean = bytes.ReplaceAll(clean, []byte{0}, nil)
			line = clean
			res.nul++
		}
		if fixed, changed := charset.FixLine(line); changed {
			line = fixed
			res.ansi++
		}
		p.line(num, line)
		if p.err != nil {
			return res, p.err
		}
		if num%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return res, err
			}
		}
	}
	p.finish(base + lr.Number())
	res.warnDropped = p.warnDropped
	res.firstBias, res.firstBiasLine, res.lastBias = p.firstBias, p.firstBiasLine, p.lastBias
	return res, p.err
}

// finish adds the warnings about the whole file, after those of its lines.
func (res linesResult) finish(sum *LogFile, enc charset.Encoding, size int64) {
	if res.warnDropped > 0 {
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%d more warning(s) not shown", res.warnDropped))
	}
	if size == 0 {
		// Said, so that "no entries" is not read as "nothing happened": the writer never wrote, or the copy
		// was made of a file still being created.
		sum.Warnings = append(sum.Warnings, "the file is empty")
	}
	if charset.CutUTF16(enc, size) {
		sum.Warnings = append(sum.Warnings, "the file has an odd number of bytes, which UTF-16 text cannot have: it was cut off, and its last byte was read as U+FFFD")
	}
	if charset.CutUTF32(enc, size) {
		sum.Warnings = append(sum.Warnings, "the file's size is not a multiple of four bytes, which UTF-32 text cannot have: it was cut off, and its last bytes were read as U+FFFD")
	}
	if res.ansi > 0 {
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%d line(s) were not valid UTF-8 and were read as Windows-1252", res.ansi))
	}
	if res.nul > 0 {
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%d line(s) held NUL bytes (removed)", res.nul))
	}
}

// ReadFile opens path and parses it with Parse. Only a regular file is read: a file replaced by a named
// pipe after Collect listed it is an error, not a read that waits forever. A file that cannot be opened
// (gone, no permission) is an error that names it: evidence that was found and then not read must not
// pass for evidence of nothing.
func ReadFile(ctx context.Context, path string, opts Options, fn func(Entry) error) (LogFile, error) {
	if path == Stdin {
		return Parse(ctx, os.Stdin, path, opts, fn)
	}
	f, _, err := inputfile.Open(path)
	if err != nil {
		return LogFile{Path: path}, fmt.Errorf("%s: cannot be read: %w", path, unwrapPath(err))
	}
	defer f.Close()
	return Parse(ctx, f, path, opts, fn)
}

type countingReader struct {
	r        io.Reader
	n        int64
	progress func(int64)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	if c.progress != nil && n > 0 {
		c.progress(int64(n))
	}
	return n, err
}

// entryBatch is how many entries a worker hands over at a time.
const entryBatch = 256

// Read parses the files of every stream with a pool of Options.Workers goroutines and calls fn for each
// entry in a deterministic order: streams in the order given, each stream's files in order (the rolled-over
// .lo_ before the .log), entries in file order. fn is called from one goroutine at a time. A worker parses
// ahead of fn by a few batches at most, so memory is bounded by the number of workers, not by the size of
// the files. It returns one LogFile per file, in the same order. The first error (from a file or from fn)
// stops everything and is returned.
func Read(ctx context.Context, streams []Stream, opts Options, fn func(Entry) error) ([]LogFile, error) {
	var plans []*filePlan
	var jobs []*part
	for _, s := range streams {
		for _, f := range s.Files {
			fp := planFile(f)
			plans = append(plans, fp)
			jobs = append(jobs, fp.parts...)
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	next := make(chan *part)
	go func() {
		defer close(next)
		for _, j := range jobs {
			select {
			case next <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(workers, max(len(jobs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				batch := make([]Entry, 0, entryBatch)
				send := func() error {
					select {
					case j.batches <- batch:
						batch = make([]Entry, 0, entryBatch)
						return nil
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				prepare := func(*Entry) {}
				if opts.Prepare != nil {
					prepare = opts.Prepare()
				}
				j.read(ctx, opts, func(e Entry) error {
					prepare(&e)
					batch = append(batch, e)
					if len(batch) == entryBatch {
						return send()
					}
					return nil
				})
				if j.err == nil && len(batch) > 0 {
					j.err = send()
				}
				close(j.batches)
			}
		}()
	}

	sums := make([]LogFile, 0, len(plans))
	var err error
files:
	for _, fp := range plans {
		for _, j := range fp.parts {
		batches:
			for {
				select {
				case batch, ok := <-j.batches:
					if !ok {
						break batches
					}
					for _, e := range batch {
						if err = fn(e); err != nil {
							break files
						}
					}
				case <-ctx.Done():
					// A part not yet handed to a worker never closes its channel.
					err = parent.Err()
					if err == nil {
						err = ctx.Err()
					}
					break files
				}
			}
			if j.err != nil {
				err = j.err
				break files
			}
		}
		sums = append(sums, fp.merge())
	}
	cancel()
	wg.Wait()
	if err == nil {
		err = parent.Err()
	}
	return sums, err
}
