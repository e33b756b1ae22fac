package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A run that reads nothing exits 2 with one line that says so, for every command that evaluates inputs: a CI
// gate whose --logs path points at an empty folder must not pass as clean.
func TestNothingToCheck(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	readmeOnly := t.TempDir()
	writeTestFile(t, filepath.Join(readmeOnly, "README.md"), "# Logs of PC042\n\nCollected on Monday.\n")
	notesOnly := t.TempDir()
	writeTestFile(t, filepath.Join(notesOnly, "notes.txt"), "PC042 was switched off on Friday\n")
	nothing := "pushlint: nothing to check: give a site description (site.yaml), logs (--logs), a client export (--clients) or an Inboxes folder (--inboxes)\n"
	noLog := func(paths string) string {
		return "pushlint: nothing to check: --logs " + paths + " holds no log (no file, or only files that are not logs); " +
			"give a site description (site.yaml), logs (--logs), a client export (--clients) or an Inboxes folder (--inboxes)\n"
	}
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string // the whole standard error when code is 2
	}{
		{"check, no input", []string{"check"}, ExitInvalid, nothing},
		{"facts, no input", []string{"facts"}, ExitInvalid, nothing},
		{"timeline, no input", []string{"timeline", "PC042"}, ExitInvalid, nothing},
		{"check, empty folder", []string{"check", "--logs", empty}, ExitInvalid, noLog(empty)},
		{"facts, empty folder", []string{"facts", "--logs", empty}, ExitInvalid, noLog(empty)},
		{"timeline, empty folder", []string{"timeline", "PC042", "--logs", empty}, ExitInvalid, noLog(empty)},
		{"check, folder holding only a README", []string{"check", "--logs", readmeOnly}, ExitInvalid, noLog(readmeOnly)},
		{"check, folder holding only notes", []string{"check", "--logs", notesOnly}, ExitInvalid, noLog(notesOnly)},
		{"check, two empty folders", []string{"check", "--logs", empty, "--logs", readmeOnly}, ExitInvalid, noLog(empty + ", " + readmeOnly)},
		{"facts, a real log", []string{"facts", "--logs", "testdata/logs/ccm-log-kb925282-error53-01.log"}, ExitClean, ""},
		{"facts, a real log beside an empty folder", []string{"facts", "--logs", empty, "--logs", "testdata/logs"}, ExitClean, ""},
		{"facts, a site description and an empty folder", []string{"facts", "../../examples/clean-site.yaml", "--logs", empty}, ExitClean, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := cli(t, append(tc.args, "--now", "2026-11-25")...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			if tc.code == ExitInvalid && (stderr != tc.stderr || out != "") {
				t.Errorf("stderr %q, stdout %q; want stderr %q and no output", stderr, out, tc.stderr)
			}
			if tc.code == ExitClean && !strings.Contains(out, `"version": 1`) {
				t.Errorf("no input document on stdout: %q", out)
			}
		})
	}
	// The folders are still what the cases say they are: the test did not pass on a missing path.
	for _, dir := range []string{empty, readmeOnly, notesOnly} {
		if _, err := os.Stat(dir); err != nil {
			t.Fatal(err)
		}
	}
}
