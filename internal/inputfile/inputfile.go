// Package inputfile opens the files pushlint reads about the world with two guarantees that os.ReadFile
// does not give: a file larger than its kind can be is refused before it is read (a 10 GB file given as
// site.yaml or as a client export must not be loaded to be rejected), and a file found while walking a
// folder is opened only if it is a regular file, without blocking (a named pipe left in a logs folder, or
// put in place of a log between listing the folder and reading it, would otherwise hang the run forever).
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// TooLargeError is a file over the limit for its kind. Size is -1 when the file is not a regular file (a
// pipe) and only the limit is known to be exceeded.
type TooLargeError struct {
	Path  string
	Size  int64
	Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("%s is larger than the limit of %s", e.Path, Bytes(e.Limit))
	}
	return fmt.Sprintf("%s is %s; the limit is %s", e.Path, Bytes(e.Size), Bytes(e.Limit))
}

// ErrNotRegular is returned by Open for a folder, pipe, device or socket.
var ErrNotRegular = errors.New("not a regular file")

// ReadFile reads a file a person named on the command line. It may be a pipe (pushlint check <(...)), so
// its size is checked twice: from the file system before reading, and by reading at most limit+1 bytes.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b []byte
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		if st.Size() > limit {
			return nil, &TooLargeError{Path: path, Size: st.Size(), Limit: limit}
		}
		b = make([]byte, 0, st.Size()+1) // read into place: growing by doubling would hold up to twice the file
	}
	b, err = readAll(io.LimitReader(f, limit+1), b)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: unwrap(err)}
	}
	if int64(len(b)) > limit {
		size := int64(-1)
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size() // it grew while being read
		}
		return nil, &TooLargeError{Path: path, Size: size, Limit: limit}
	}
	return b, nil
}

// ReadRegular reads a file found in a folder (a policy, a data file): it must be a regular file, or a link
// to one, and at most limit bytes, which is checked before anything is read. A link to /dev/zero or to a
// named pipe is refused instead of being read until memory runs out or forever.
func ReadRegular(path string, limit int64) ([]byte, error) {
	f, st, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, &TooLargeError{Path: path, Size: st.Size(), Limit: limit}
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: unwrap(err)}
	}
	if int64(len(b)) > limit { // it grew while being read
		return nil, &TooLargeError{Path: path, Size: -1, Limit: limit}
	}
	return b, nil
}

// readAll appends what r holds to b, growing it only when it is full.
func readAll(r io.Reader, b []byte) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// Open opens a file found in a folder for reading, and returns it with its information, if it is a regular
// file; otherwise it returns an error wrapping ErrNotRegular, without having waited for a writer.
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, kind(st.Mode()))}
	}
	return f, st, nil
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Bytes writes a size for people: 1536 → "1.5 KiB".
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %ciB", int64(v), "KMGTPE"[exp])
	}
	return fmt.Sprintf("%.1f %ciB", v, "KMGTPE"[exp])
}
