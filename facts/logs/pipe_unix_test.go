//go:build unix

package logs

import (
	"os"
	"syscall"
	"testing"
)

// replaceByPipe returns a function that puts a named pipe where a file was.
func replaceByPipe() func(t *testing.T, path string) {
	return func(t *testing.T, p string) {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
}
