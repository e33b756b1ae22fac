package inboxes

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestContentIsTheKBsTwoLines(t *testing.T) {
	want := "[NT Client Configuration Request]\r\nMachine Name=PC001\r\n"
	if got := string(CCRContent("PC001")); got != want {
		t.Errorf("Content = %q, want %q", got, want)
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string // "" for valid
	}{
		{[]string{"PC001", "LAB-07", "wks_42"}, ""},
		{[]string{"PC001", "pc001"}, `machine name "pc001" is given twice (as "PC001" too)`},
		{[]string{"..", "PC/1", "ABCDEFGHIJKLMNOP"}, "machine name \"..\" is only dots\nmachine name \"PC/1\" contains '/'"},
		{[]string{"NUL"}, "reserved"},
		{[]string{"bad name"}, "a space"},
	} {
		err := CheckMachineNames(tc.names)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckMachineNames(%q) = %v", tc.names, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckMachineNames(%q) = %v, want %q", tc.names, err, tc.want)
		}
	}
}

// TestWrittenFileIsAValidCCR: what pushlint ccr writes, the inbox reader accepts.
func TestWrittenFileIsAValidCCR(t *testing.T) {
	box := filepath.Join(t.TempDir(), "Ccr.box")
	if err := os.Mkdir(box, 0o755); err != nil {
		t.Fatal(err)
	}
	path, err := WriteCCR(box, "PC001", false)
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(box, "PC001.ccr") {
		t.Errorf("path %s", path)
	}
	in, err := Load(box, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Files) != 1 || !in.Files[0].Valid || *in.Files[0].MachineName != "PC001" || in.Files[0].Machine != "PC001" {
		t.Errorf("%+v", in.Files)
	}
	entries, _ := os.ReadDir(box)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
}

func TestWriteRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "PC001.ccr")
	if err := os.WriteFile(existing, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := WriteCCR(dir, "PC001", false)
	if !errors.Is(err, ErrCCRExists) || !strings.Contains(err.Error(), "give --force to replace it") {
		t.Fatalf("err = %v, want ErrCCRExists", err)
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Errorf("existing file changed to %q", b)
	}
	if _, err := WriteCCR(dir, "PC001", true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(existing); string(b) != string(CCRContent("PC001")) {
		t.Errorf("--force did not replace the file: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestWriteIntoAMissingFolder(t *testing.T) {
	_, err := WriteCCR(filepath.Join(t.TempDir(), "nope"), "PC001", false)
	if err == nil || !strings.Contains(err.Error(), "writing") {
		t.Errorf("err = %v", err)
	}
}
