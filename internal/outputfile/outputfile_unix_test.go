//go:build unix

package outputfile

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A character device named as the output (/dev/null, /dev/tty, a serial console) is written into; the
// temporary file and rename would have replaced the device node with a regular file. The node is made in a
// temporary folder as a copy of /dev/null (major 1, minor 3 on Linux), so the test touches no system file.
func TestWriteIntoACharacterDevice(t *testing.T) {
	null, err := os.Stat("/dev/null")
	if err != nil {
		t.Skipf("no /dev/null: %v", err)
	}
	sys, ok := null.Sys().(*syscall.Stat_t)
	if !ok {
		t.Skip("no device numbers on this system")
	}
	dev := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(sys.Rdev)); err != nil {
		t.Skipf("mknod needs privileges this test does not have: %v", err)
	}
	if err := Write(dev, nil, writeString("report")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat(dev)
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("after the write the device node is %v (%v)", st.Mode(), err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dev)); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	// A device that refuses the write makes an error, not a silent loss.
	if full := deviceCopy(t, "/dev/full"); full != "" {
		err := Write(full, nil, writeString(strings.Repeat("x", 8192)))
		if !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("Write(full) = %v, want no space left on device", err)
		}
		if st, err := os.Lstat(full); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			t.Errorf("after the write the device node is %v (%v)", st.Mode(), err)
		}
	}
}

// deviceCopy makes a node in a temporary folder with the device numbers of the system's character device
// dev, so that a test writes to the device without touching the system's node; "" when it cannot.
func deviceCopy(t *testing.T, dev string) string {
	st, err := os.Stat(dev)
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return ""
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	p := filepath.Join(t.TempDir(), filepath.Base(dev))
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, int(sys.Rdev)); err != nil {
		return ""
	}
	return p
}

// A named pipe is written into, for the process reading it; it stays a pipe.
func TestWriteIntoANamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "report.pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := Write(fifo, nil, writeString("report through a pipe")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "report through a pipe" {
		t.Errorf("the reader got %q", s)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("after the write the pipe is %v (%v)", st.Mode(), err)
	}
}

func TestWriteRefusesASocket(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("unix sockets: %v", err)
	}
	defer l.Close()
	err = Write(sock, nil, writeString("x"))
	if err == nil || !strings.HasSuffix(err.Error(), "it is a socket; pushlint writes only to a regular file, a terminal or other character device, or a named pipe") {
		t.Errorf("socket: %v", err)
	}
	if st, err := os.Lstat(sock); err != nil || st.Mode()&os.ModeSocket == 0 {
		t.Errorf("the socket was replaced: %v (%v)", st.Mode(), err)
	}
}
