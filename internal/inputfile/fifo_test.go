//go:build unix

package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe with no writer: opening it for reading the usual way waits forever.
func TestOpenDoesNotWaitForAPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ccm.log")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if _, _, err := Open(p); !errors.Is(err, ErrNotRegular) || !strings.HasSuffix(err.Error(), "(a named pipe)") {
		t.Errorf("Open(fifo) = %v", err)
	}
}

// A file named on the command line may be a pipe; what comes through it is capped as well.
func TestReadFileCapsAPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "site.yaml")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		w, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			done <- err
			return
		}
		_, err = w.Write(make([]byte, 4096))
		w.Close()
		done <- err
	}()
	_, err := ReadFile(p, 100)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != -1 || err.Error() != p+" is larger than the limit of 100 bytes" {
		t.Errorf("ReadFile(pipe) = %v", err)
	}
	<-done // the writer may see a broken pipe once the reader stops; either way it ends
}
