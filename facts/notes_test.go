//go:build unix

package facts

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// An SMS folder given both as --logs and as --inboxes: each file of a queue is noted once, by the inbox
// reader, which knows what it is; the log reader's notes about the logs stay.
func TestInboxNotesAreSaidOnce(t *testing.T) {
	sms := t.TempDir()
	box := filepath.Join(sms, "inboxes", "ccr.box")
	if err := os.MkdirAll(box, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(sms, "Logs"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"ccr.box/PC1.ccr":    "[NT Client Configuration Request]\r\nMachine Name=PC1\r\n",
		"ccr.box/notes.ini":  "[x]\r\n",
		"../Logs/ccm.log":    "",
		"../Logs/readme.doc": "x",
	} {
		if err := os.WriteFile(filepath.Join(sms, "inboxes", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(box, "PC2.ccr"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	policies := os.DirFS("../policies")
	doc, err := Build(Sources{Now: time.Now(), Policies: policies, LogPaths: []string{sms}, InboxesDir: sms})
	if err != nil {
		t.Fatal(err)
	}
	notes := doc.Notes()
	count := map[string]int{}
	for _, n := range notes {
		file, _, _ := strings.Cut(n, ": ")
		count[filepath.Base(file)]++
	}
	for file, want := range map[string]int{"PC2.ccr": 1, "notes.ini": 1, "PC1.ccr": 0, "ccm.log": 1, "readme.doc": 1} {
		if count[file] != want {
			t.Errorf("%s: %d notes, want %d; notes:\n%s", file, count[file], want, strings.Join(notes, "\n"))
		}
	}
}
