// Package outputfile writes what pushlint produces (reports, rule pages) to a path a person named, without
// replacing anything that is not a report: a regular file (or a new name) is replaced atomically, a
// terminal, device or named pipe is written into as it is, and anything else is refused. The temporary
// file and rename that make a report appear whole would, done over /dev/null, turn the device into a
// regular file; done over a named pipe, they would leave the reader waiting forever.
package outputfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Write writes the output of write to path: to stdout for "" and "-" (and /dev/stdout, which is the same
// descriptor), straight into a character device or named pipe, and atomically otherwise (a temporary file in
// the target's folder, synced, then renamed over it; a symbolic link is followed, so the file it names is
// replaced and the link kept). A replaced file keeps its permissions.
func Write(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" || path == "-" || path == "/dev/stdout" {
		return write(stdout)
	}
	st, err := os.Stat(path) // follows links: what is written to is what the link names
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if lst, lerr := os.Lstat(path); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("writing %s: it is a symbolic link to a file that does not exist; remove the link or give another name", path)
		}
		return atomic(path, path, 0o644, write)
	case err != nil:
		return fmt.Errorf("writing %s: %w", path, err)
	case st.Mode().IsRegular():
		if descriptorPath(path) {
			// /dev/fd/N, /proc/self/fd/N: a descriptor this process already holds; a rename would detach the
			// file from it.
			return stream(path, write)
		}
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		return atomic(path, target, st.Mode().Perm(), write)
	case st.Mode()&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
		return stream(path, write)
	case st.IsDir():
		return fmt.Errorf("writing %s: it is a folder; give a file name", path)
	}
	return fmt.Errorf("writing %s: it is %s; pushlint writes only to a regular file, a terminal or other character device, or a named pipe", path, kind(st.Mode()))
}

func descriptorPath(path string) bool {
	clean := filepath.Clean(path)
	return strings.HasPrefix(clean, "/dev/fd/") || strings.HasPrefix(clean, "/proc/self/fd/") || clean == "/dev/stderr"
}

// atomic writes to a temporary file beside target and renames it over target: a reader sees the old file or
// the new one, never half of one, and a failed write leaves the old one. name is the path as given, for
// messages.
func atomic(name, target string, perm fs.FileMode, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	fail := func(err error) error {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fail(err)
	}
	// On disk before it has the final name: after a crash the file is the old one or the new one.
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// stream writes into a device or pipe as it is: no temporary file, no truncation, no rename.
func stream(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// CheckNotInput refuses an output path that is the same file as one of the inputs of the run (by device
// and inode, so a second spelling, a relative path or a link is caught too): writing the report would
// replace the site description, a log or a policy with it. A device or pipe named as both (/dev/null) is
// not refused: writing into it replaces nothing.
func CheckNotInput(output string, inputs []string) error {
	if output == "" || output == "-" {
		return nil
	}
	out, err := os.Stat(output)
	if err != nil || !out.Mode().IsRegular() {
		return nil // a new file is no input; errors are the writer's to report
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		st, err := os.Stat(in)
		if err == nil && os.SameFile(out, st) {
			if filepath.Clean(in) == filepath.Clean(output) {
				return fmt.Errorf("%s is an input of this run; writing the output there would replace it", output)
			}
			return fmt.Errorf("%s is the same file as the input %s; writing the output there would replace it", output, in)
		}
	}
	return nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeIrregular != 0:
		return "not a regular file"
	}
	return "a " + m.Type().String()
}
