package logs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pushlint/pushlint/facts/logs/lines"
	"github.com/pushlint/pushlint/internal/charset"
	"github.com/pushlint/pushlint/internal/inputfile"
)

// Stream is one log as a component writes it: X.log and, when it rolled over, its previous part X.lo_
// (SMS and ConfigMgr rename a full log to .lo_ and start a new .log, so the .lo_ holds the older lines).
type Stream struct {
	Name  string   `json:"name"`  // the .log's path (the .lo_'s when it is alone)
	Files []string `json:"files"` // in reading order: X.lo_ first, then X.log
	Bytes int64    `json:"bytes"`
}

// Skipped is a file or folder that was not read, and why.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Collection is what Collect found.
type Collection struct {
	Streams []Stream
	Skipped []Skipped
}

// Bytes is the total size of the streams.
func (c Collection) Bytes() int64 {
	var n int64
	for _, s := range c.Streams {
		n += s.Bytes
	}
	return n
}

// Collect finds the logs among paths (files or folders, folders walked recursively, following symbolic
// links but never into a folder twice, so a link loop ends) and groups each X.log with its X.lo_.
//
// Files named on the command line are read whatever they hold, unless they are binary. Files found in a
// folder are read when their content is a recognised log format, or when it is text and the name ends in
// .log, .lo_ or .txt (SMS/Logs holds many logs that are plain text: ExtADSch.log, pasted tickets); anything
// else (binaries, .ini, .xml, .csv) is skipped with a note. A path that does not exist is an error.
//
// Stdin ("-") is the standard input, read once, as a log of its own: a log decompressed or fetched on the
// fly (zcat ccm.log.gz | pushlint logs -), or larger than the disk.
func Collect(paths []string) (Collection, error) {
	c := &collector{seenDir: map[string]bool{}, seenFile: map[string]string{}}
	stdin := false
	for _, p := range paths {
		if p == Stdin {
			if stdin {
				return Collection{}, fmt.Errorf("logs: - (standard input) is named twice; it can be read once")
			}
			stdin = true
			c.files = append(c.files, collected{path: p}) // size unknown
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			return Collection{}, fmt.Errorf("logs: %w", err)
		}
		if info.IsDir() {
			c.walk(p)
			continue
		}
		if !info.Mode().IsRegular() {
			c.skip(p, "not a regular file")
			continue
		}
		c.file(p, info, false)
	}
	return Collection{Streams: c.group(), Skipped: c.skipped}, nil
}

// Stdin names the standard input among the paths of Collect and Read.
const Stdin = "-"

type collector struct {
	seenDir  map[string]bool
	seenFile map[string]string
	files    []collected
	skipped  []Skipped
}

type collected struct {
	path string
	size int64
}

func (c *collector) skip(path, reason string) {
	c.skipped = append(c.skipped, Skipped{Path: path, Reason: reason})
}

func (c *collector) walk(dir string) {
	real, err := realPath(dir)
	if err != nil {
		c.skip(dir, err.Error())
		return
	}
	if c.seenDir[real] {
		c.skip(dir, "folder already read (a symbolic link to it or to a parent)")
		return
	}
	c.seenDir[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		c.skip(dir, fmt.Sprintf("cannot list the folder: %v", unwrapPath(err)))
		return
	}
	for _, de := range entries {
		p := filepath.Join(dir, de.Name())
		info, err := os.Stat(p) // follows links
		if err != nil {
			c.skip(p, fmt.Sprintf("cannot read: %v", unwrapPath(err)))
			continue
		}
		switch {
		case info.IsDir():
			c.walk(p)
		case !info.Mode().IsRegular():
			c.skip(p, "not a regular file")
		default:
			c.file(p, info, true)
		}
	}
}

func (c *collector) file(path string, info fs.FileInfo, walked bool) {
	real, err := realPath(path)
	if err != nil {
		c.skip(path, err.Error())
		return
	}
	if first, ok := c.seenFile[real]; ok {
		c.skip(path, "same file as "+first)
		return
	}
	c.seenFile[real] = path
	if walked && isDocument(path) {
		// A README or ticket export beside collected logs often quotes log lines; reading it as a log would
		// report what it quotes as this site's problems. Named on the command line, it is read.
		c.skip(path, "a document, not a log (name the file itself to read it)")
		return
	}
	d, err := sniffFile(path)
	if err != nil {
		c.skip(path, fmt.Sprintf("cannot read: %v", unwrapPath(err)))
		return
	}
	if d.binary {
		c.skip(path, "binary content, not a log")
		return
	}
	if walked && d.format == FormatPlain && !hasLogName(path) {
		c.skip(path, "no log records recognised, and not named .log, .lo_ or .txt")
		return
	}
	c.files = append(c.files, collected{path: path, size: info.Size()})
}

var documentExts = map[string]bool{".md": true, ".markdown": true, ".htm": true, ".html": true, ".pdf": true,
	".doc": true, ".docx": true, ".rtf": true, ".odt": true}

func isDocument(path string) bool { return documentExts[strings.ToLower(filepath.Ext(path))] }

// group pairs each X.lo_ with its X.log (same folder, names compared without case, as Windows does),
// keeping the order in which the logs were found.
func (c *collector) group() []Stream {
	var out []Stream
	index := map[string]int{}
	for _, f := range c.files {
		key, ext := rolloverKey(f.path)
		if f.path == Stdin {
			key = ""
		}
		i, ok := index[key]
		if key == "" || !ok {
			if key != "" {
				index[key] = len(out)
			}
			out = append(out, Stream{Name: f.path, Files: []string{f.path}, Bytes: f.size})
			continue
		}
		s := &out[i]
		s.Bytes += f.size
		if ext == ".lo_" {
			s.Files = append([]string{f.path}, s.Files...)
		} else {
			s.Files = append(s.Files, f.path)
			s.Name = f.path
		}
	}
	return out
}

// rolloverKey is the folder and lower-cased base name of a .log or .lo_ file, and its lower-cased extension;
// "" for other files.
func rolloverKey(path string) (string, string) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".log" && ext != ".lo_" {
		return "", ext
	}
	base := strings.ToLower(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	return filepath.Join(filepath.Dir(path), base), ext
}

func hasLogName(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".log", ".lo_", ".txt":
		return true
	}
	return false
}

// sniffFile detects the encoding and format of a file from its start.
func sniffFile(path string) (detection, error) {
	f, _, err := inputfile.Open(path)
	if err != nil {
		return detection{}, err
	}
	defer f.Close()
	text, _, err := charset.NewReader(f)
	if err != nil {
		return detection{}, err
	}
	head, err := lines.NewReader(text, 0).Peek(sniffWindow)
	if err != nil {
		return detection{}, err
	}
	return detect(head), nil
}

func realPath(p string) (string, error) {
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", fmt.Errorf("cannot resolve: %v", unwrapPath(err))
	}
	return filepath.Abs(r)
}

// unwrapPath drops the path from an *fs.PathError: the caller already names the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
