package logs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Logs are collected from live servers and shares: a file may be gone, replaced or locked between the
// moment Collect lists it and the moment Read opens it. Read must stop with an error that names the file
// (the run would otherwise report on less evidence than it says it read), and never wait forever.
func TestReadFilesThatChangeAfterCollect(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, path string)
		want   string
		is     error
	}{
		{"removed", func(t *testing.T, p string) {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		}, ": cannot be read: no such file or directory", os.ErrNotExist},
		{"replaced by a folder", func(t *testing.T, p string) {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, ": cannot be read: not a regular file (a folder)", nil},
		{"made unreadable", func(t *testing.T, p string) {
			if os.Geteuid() == 0 {
				t.Skip("root reads files whatever their mode")
			}
			if err := os.Chmod(p, 0); err != nil {
				t.Fatal(err)
			}
		}, ": cannot be read: permission denied", os.ErrPermission},
	}
	if fifo := replaceByPipe(); fifo != nil {
		tests = append(tests, struct {
			name   string
			change func(t *testing.T, path string)
			want   string
			is     error
		}{"replaced by a named pipe", fifo, ": cannot be read: not a regular file (a named pipe)", nil})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "a.log"), serverLine("first", 1))
			write(t, filepath.Join(dir, "b.log"), serverLine("second", 2))
			col, err := Collect([]string{dir})
			if err != nil || len(col.Streams) != 2 {
				t.Fatalf("Collect: %+v, %v", col, err)
			}
			victim := filepath.Join(dir, "b.log")
			tt.change(t, victim)
			_, err = Read(context.Background(), col.Streams, Options{}, func(Entry) error { return nil })
			if err == nil || err.Error() != victim+tt.want {
				t.Fatalf("Read: %v, want %q", err, victim+tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
		})
	}
}

// A named pipe found while walking a folder is skipped at once: opening it to sniff its format would wait
// for a writer that never comes.
func TestCollectSkipsPipes(t *testing.T) {
	fifo := replaceByPipe()
	if fifo == nil {
		t.Skip("no named pipes here")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ccm.log"), serverLine("x", 1))
	p := filepath.Join(dir, "pipe.log")
	write(t, p, "")
	fifo(t, p)
	col, err := Collect([]string{dir})
	if err != nil || len(col.Streams) != 1 || len(col.Skipped) != 1 || col.Skipped[0].Path != p ||
		!strings.Contains(col.Skipped[0].Reason, "not a regular file") {
		t.Errorf("Collect: %+v, %v", col, err)
	}
}
