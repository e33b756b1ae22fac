package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.txt")
	if err := os.WriteFile(small, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(small, 10); err != nil || string(b) != "0123456789" {
		t.Errorf("ReadFile at the limit = %q, %v", b, err)
	}
	_, err := ReadFile(small, 9)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != 10 || err.Error() != small+" is 10 bytes; the limit is 9 bytes" {
		t.Errorf("over the limit: %v", err)
	}

	// A huge file is refused from its size alone: the sparse file below would not fit in memory.
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(64 << 30); err != nil {
		t.Skipf("cannot make a sparse file here: %v", err)
	}
	f.Close()
	if _, err := ReadFile(huge, 8<<20); err == nil || err.Error() != huge+" is 64 GiB; the limit is 8 MiB" {
		t.Errorf("huge file: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestOpenRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "ccm.log")
	if err := os.WriteFile(log, []byte("text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, st, err := Open(log)
	if err != nil || st.Size() != 5 {
		t.Fatalf("Open(regular) = %v, %v", st, err)
	}
	f.Close()
	if _, _, err := Open(dir); !errors.Is(err, ErrNotRegular) || !strings.HasSuffix(err.Error(), "not a regular file (a folder)") {
		t.Errorf("Open(folder) = %v", err)
	}
	if _, _, err := Open(filepath.Join(dir, "gone.log")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open(missing) = %v", err)
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1536: "1.5 KiB", 64 << 20: "64 MiB", 100_000_000: "95.4 MiB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}
