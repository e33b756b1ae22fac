//go:build unix

package inboxes

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

// Named pipes and symbolic links in a queue folder are skipped without being opened: a pipe would block
// the read forever, a link to a folder above would make a loop.
func TestPipesAndLinksInAQueue(t *testing.T) {
	root := tree(t, map[string]string{"Ccr.box/PC1.ccr": "@kb-manual.ccr"}, nil)
	box := filepath.Join(root, "Ccr.box")
	if err := syscall.Mkfifo(filepath.Join(box, "PIPE.ccr"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := os.Symlink(box, filepath.Join(box, "loop.ccr")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(root, filepath.Join(box, "Inproc")); err != nil {
		t.Fatal(err)
	}
	in, err := Load(root, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Files) != 1 || in.Files[0].Name != "PC1.ccr" {
		t.Errorf("files %+v", in.Files)
	}
	want := []string{
		filepath.Join(box, "Inproc") + ": not a regular file; skipped",
		filepath.Join(box, "PIPE.ccr") + ": not a regular file; skipped",
		filepath.Join(box, "loop.ccr") + ": not a regular file; skipped",
	}
	if !reflect.DeepEqual(in.Source.Notes, want) {
		t.Errorf("notes\n got %q\nwant %q", in.Source.Notes, want)
	}
}

// --inboxes naming a link that loops is an error, at once.
func TestInboxesFolderThatLoops(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.Symlink(b, a); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(a, b); err != nil {
		t.Fatal(err)
	}
	_, err := Load(a, now)
	if err == nil || !strings.Contains(err.Error(), "too many levels of symbolic links") {
		t.Errorf("Load: %v", err)
	}
}
