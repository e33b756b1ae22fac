// Package lines splits a text stream into physical lines with a cap on the length of one line, so that a
// log of any size, even one with a multi-gigabyte run without a line break (a file zero-filled after a crash,
// a binary blob pasted into a ticket), is read in a fixed amount of memory.
package lines

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// DefaultMax is the default cap on one line, in bytes.
const DefaultMax = 1 << 20

// Reader reads lines ending in LF or CRLF. The line ending is not part of the line.
type Reader struct {
	br       *bufio.Reader
	max      int
	number   int
	long     []byte // holds a line longer than the bufio buffer
	consumed int64
}

// NewReader returns a Reader whose lines are at most max bytes (DefaultMax when max <= 0); the rest of a
// longer line is skipped. The buffer is at least 64 KiB so that Peek can show that much.
func NewReader(r io.Reader, max int) *Reader {
	if max <= 0 {
		max = DefaultMax
	}
	return &Reader{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// Peek returns up to n bytes of what Next will read, without consuming them (n is capped at 64 KiB).
func (r *Reader) Peek(n int) ([]byte, error) {
	if n > r.br.Size() {
		n = r.br.Size()
	}
	b, err := r.br.Peek(n)
	if errors.Is(err, io.EOF) || errors.Is(err, bufio.ErrBufferFull) {
		err = nil
	}
	return b, err
}

// Number is the 1-based number of the line Next returned last.
func (r *Reader) Number() int { return r.number }

// Consumed is the number of bytes read so far, line endings included.
func (r *Reader) Consumed() int64 { return r.consumed }

// Next returns the next line. The slice is valid until the following call. cut is the number of bytes
// dropped from an overlong line. At the end of the stream Next returns io.EOF; a last line without a line
// ending is still returned first.
func (r *Reader) Next() (line []byte, cut int, err error) {
	chunk, err := r.br.ReadSlice('\n')
	r.consumed += int64(len(chunk))
	switch {
	case err == nil || (errors.Is(err, io.EOF) && len(chunk) > 0):
		if len(chunk) > r.max+2 {
			break // only possible when max is below the buffer size
		}
		r.number++
		line = trimEOL(chunk)
		if len(line) > r.max {
			return line[:r.max], len(line) - r.max, nil
		}
		return line, 0, nil
	case !errors.Is(err, bufio.ErrBufferFull):
		return nil, 0, err
	}
	// The line is longer than the buffer or the cap: keep its first max bytes (plus room to recognise the
	// line ending) and count the rest.
	keep := r.max + 2
	r.long = append(r.long[:0], chunk[:min(len(chunk), keep)]...)
	total := len(chunk)
	last, beforeLast := lastTwo(0, 0, chunk)
	for errors.Is(err, bufio.ErrBufferFull) {
		chunk, err = r.br.ReadSlice('\n')
		r.consumed += int64(len(chunk))
		if room := keep - len(r.long); room > 0 {
			r.long = append(r.long, chunk[:min(room, len(chunk))]...)
		}
		total += len(chunk)
		last, beforeLast = lastTwo(last, beforeLast, chunk)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, 0, err
	}
	eol := 0
	if last == '\n' {
		eol = 1
		if beforeLast == '\r' {
			eol = 2
		}
	}
	content := total - eol
	kept := min(content, r.max)
	r.number++
	line = r.long[:kept]
	if cap(r.long) > 4*r.max {
		r.long = nil // don't keep a huge buffer alive after one huge line
	}
	return line, content - kept, nil
}

// lastTwo returns the last two bytes seen so far, given the two before chunk and chunk.
func lastTwo(last, beforeLast byte, chunk []byte) (byte, byte) {
	switch len(chunk) {
	case 0:
		return last, beforeLast
	case 1:
		return chunk[0], last
	}
	return chunk[len(chunk)-1], chunk[len(chunk)-2]
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte{'\n'})
	return bytes.TrimSuffix(b, []byte{'\r'})
}
