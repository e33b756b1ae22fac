package outputfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// Reports are written whole or not at all: while one is written, the previous report is still there for
// a CI step to read; a failed write leaves the previous one and no temporary file.
func TestWriteIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := os.WriteFile(path, []byte("old report"), 0o600); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("disk full")
	err := Write(path, nil, func(w io.Writer) error {
		if _, err := io.WriteString(w, strings.Repeat("new report ", 100_000)); err != nil {
			return err
		}
		if b, _ := os.ReadFile(path); string(b) != "old report" {
			t.Errorf("while writing, the report file holds %d bytes of something else", len(b))
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old report" {
		t.Errorf("a failed write changed the report to %d bytes", len(b))
	}
	if err := Write(path, nil, writeString("new report")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new report" {
		t.Errorf("report %q", b)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("the replaced report lost its permissions: %v", st.Mode())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := Write(filepath.Join(dir, "missing", "r.json"), nil, writeString("")); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}

func TestWriteNewFileAndStdout(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.txt")
	if err := Write(path, nil, writeString("report")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("new report: %v, %v", st, err)
	}
	for _, p := range []string{"", "-", "/dev/stdout"} {
		var out bytes.Buffer
		if err := Write(p, &out, writeString("to stdout")); err != nil || out.String() != "to stdout" {
			t.Errorf("Write(%q) = %v, stdout %q", p, err, out.String())
		}
	}
}

// A link is followed: the file it names gets the report, and the link stays a link.
func TestWriteThroughALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "shared", "report.json")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "report.json")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
	if err := Write(link, nil, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by %v", st.Mode())
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target holds %q", b)
	}
	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := Write(dangling, nil, writeString("x")); err == nil || !strings.Contains(err.Error(), "symbolic link to a file that does not exist") {
		t.Errorf("dangling link: %v", err)
	}
}

func TestWriteRefusesFoldersAndSockets(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, nil, writeString("x")); err == nil || !strings.HasSuffix(err.Error(), "it is a folder; give a file name") {
		t.Errorf("folder: %v", err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Errorf("the folder is gone: %v", err)
	}
}

func TestCheckNotInput(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site.yaml")
	if err := os.WriteFile(site, []byte("version: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, site)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(site, link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
	hard := filepath.Join(dir, "hard.yaml")
	if err := os.Link(site, hard); err != nil {
		t.Skipf("hard links: %v", err)
	}
	for _, tc := range []struct {
		output string
		inputs []string
		want   string
	}{
		{site, []string{site}, site + " is an input of this run; writing the output there would replace it"},
		{site, []string{"other.yaml", rel}, site + " is the same file as the input " + rel + "; writing the output there would replace it"},
		{link, []string{site}, link + " is the same file as the input " + site + "; writing the output there would replace it"},
		{hard, []string{site}, hard + " is the same file as the input " + site + "; writing the output there would replace it"},
		{filepath.Join(dir, "report.json"), []string{site}, ""},
		{"-", []string{site}, ""},
		{os.DevNull, []string{os.DevNull}, ""},
	} {
		err := CheckNotInput(tc.output, tc.inputs)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckNotInput(%s, %v) = %v", tc.output, tc.inputs, err)
		case tc.want != "" && (err == nil || err.Error() != tc.want):
			t.Errorf("CheckNotInput(%s, %v) = %v, want %q", tc.output, tc.inputs, err, tc.want)
		}
	}
}
