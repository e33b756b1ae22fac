package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A file named like a log that is not one (a web server's access log saved as ccm.log) is skipped with a note
// naming it, instead of being read as the site server's Ccm.log; the same notion makes a run with no other
// input "nothing to check". Plain text with lines the signatures know (a KB excerpt) is a log.
// testdata/notalog/README.md says where the lines come from.
func TestFileNamedLikeALogThatIsNotOne(t *testing.T) {
	t.Parallel()
	iis := filepath.Join("testdata", "notalog", "iis-named-ccm")
	iisLog := filepath.Join(iis, "SMS", "Logs", "ccm.log")
	kb := filepath.Join("testdata", "notalog", "kb-excerpt-named-ccm")
	note := "pushlint: note: " + iisLog + ": skipped: not a log: no line in a log format pushlint reads (CMTrace, " +
		"SMS server log, Trace32 copy, Windows Installer log) and no line a log signature knows\n"

	t.Run("alone, nothing to check", func(t *testing.T) {
		t.Parallel()
		_, stderr, code := cli(t, "check", "--logs", iis, "--now", "2026-11-25")
		if code != ExitInvalid || !strings.Contains(stderr, "nothing to check: --logs "+iis+" holds no log") {
			t.Errorf("exit %d, stderr %q; want 2 and nothing to check", code, stderr)
		}
	})

	t.Run("beside a log, skipped with a note", func(t *testing.T) {
		t.Parallel()
		stdout, stderr, code := cli(t, "facts", "--logs", iis, "--logs", kb, "--now", "2026-11-25")
		if code != ExitClean || stderr != note {
			t.Fatalf("exit %d, stderr %q; want 0 and the note %q", code, stderr, note)
		}
		var doc struct {
			Logs []struct {
				File string `json:"file"`
				Kind string `json:"kind"`
			} `json:"logs"`
		}
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, l := range doc.Logs {
			files = append(files, filepath.ToSlash(l.File)+" "+l.Kind)
		}
		if want := []string{"testdata/notalog/kb-excerpt-named-ccm/SMS/Logs/ccm.log ccm"}; !slices.Equal(files, want) {
			t.Errorf("logs of the input document = %v, want %v", files, want)
		}
	})

	t.Run("the near miss, plain text a signature knows, is read", func(t *testing.T) {
		t.Parallel()
		var rep logRuleReport
		code := runLogRuleCommand(t, &rep, "check", "--logs", kb, "--format", "json", "--now", "2026-11-25")
		var rules []string
		for _, f := range rep.Findings {
			rules = append(rules, f.Rule)
		}
		if code != ExitFindings || !slices.Equal(slices.Compact(rules), []string{"PL103"}) {
			t.Errorf("exit %d, rules %v; want 1 and PL103", code, rules)
		}
	})
}
