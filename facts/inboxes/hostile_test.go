package inboxes

import (
	"os"
	"path/filepath"
	"testing"
)

// The inboxes of a working site server change while they are read: Client Configuration Manager moves
// and deletes requests. A request that cannot be read is a note; the others are still read.
func TestRequestsThatCannotBeRead(t *testing.T) {
	root := tree(t, map[string]string{"Ccr.box/PC1.ccr": "@kb-manual.ccr"}, nil)
	q := queueDir{QueueIncoming, filepath.Join(root, "Ccr.box")}
	if _, err := readCCR(filepath.Join(q.path, "gone.ccr"), q, now); err == nil ||
		err.Error() != "gone since the folder was listed (processed by Client Configuration Manager?)" {
		t.Errorf("vanished file: %v", err)
	}
	dir := filepath.Join(q.path, "dir.ccr")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := readCCR(dir, q, now); err == nil || err.Error() != "cannot be read: not a regular file (a folder)" {
		t.Errorf("folder in place of a file: %v", err)
	}
	if os.Geteuid() != 0 {
		locked := filepath.Join(q.path, "locked.ccr")
		if err := os.WriteFile(locked, []byte("x"), 0); err != nil {
			t.Fatal(err)
		}
		if _, err := readCCR(locked, q, now); err == nil || err.Error() != "cannot be read: permission denied" {
			t.Errorf("unreadable file: %v", err)
		}
	}
}
