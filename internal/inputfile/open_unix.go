//go:build unix

package inputfile

import (
	"os"
	"syscall"
)

// openNonBlocking opens with O_NONBLOCK, which makes opening a named pipe return at once instead of
// waiting for a writer; reads from a regular file are not affected by the flag.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
