package report

import (
	"encoding/json"
	"testing"

	"github.com/pushlint/pushlint/finding"
)

// TestGitLabCodeQuality holds the report to the fields GitLab documents for Code Quality artifacts: every
// issue has a description, check_name, fingerprint (unique in the report), a severity of info, minor,
// major, critical or blocker, and location.path with location.lines.begin ≥ 1, the path relative to the
// repository.
func TestGitLabCodeQuality(t *testing.T) {
	out := renderWith(t, "gitlab", sampleReport(), Options{BaseDir: "/ci/checkout"})
	golden(t, "report.gitlab.json", out)
	var issues []map[string]any
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 4 { // five findings, one waived
		t.Fatalf("%d issues, want 4 (the waived finding left out)", len(issues))
	}
	severities := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	seen := map[string]bool{}
	for _, is := range issues {
		for _, key := range []string{"description", "check_name", "fingerprint", "severity"} {
			if s, _ := is[key].(string); s == "" {
				t.Errorf("issue %v: %s missing or empty", is, key)
			}
		}
		if !severities[is["severity"].(string)] {
			t.Errorf("severity %v is not one GitLab knows", is["severity"])
		}
		fp := is["fingerprint"].(string)
		if seen[fp] {
			t.Errorf("fingerprint %s used twice", fp)
		}
		seen[fp] = true
		loc, _ := is["location"].(map[string]any)
		path, _ := loc["path"].(string)
		lines, _ := loc["lines"].(map[string]any)
		begin, _ := lines["begin"].(float64)
		if path == "" || path[0] == '/' || begin < 1 {
			t.Errorf("location %v: want a repository path and lines.begin ≥ 1", loc)
		}
	}
}

// What a run changed about the rules is an info issue at the line that asked for it.
func TestGitLabStatesChangedRules(t *testing.T) {
	r := sampleReport()
	r.Summary.ChangedRules = []finding.Change{
		{Kind: "disabled", Rule: "PL015", Source: "/ci/checkout/.pushlint.yaml:4:3", Message: "PL015 (...) is disabled by .pushlint.yaml:4:3 and was not evaluated: by design"},
		{Kind: "param", Param: "ccr_cycle", Source: "--param ccr_cycle=2h", Message: "parameter ccr_cycle is 2h instead of 1h (read by PL307), set by --param ccr_cycle=2h"},
	}
	out := renderWith(t, "gitlab", r, Options{BaseDir: "/ci/checkout"})
	var issues []GitLabIssue
	if err := json.Unmarshal(out, &issues); err != nil {
		t.Fatal(err)
	}
	got := issues[len(issues)-2:]
	if got[0].CheckName != "pushlint/disabled" || got[0].Severity != "info" || got[0].Location.Path != ".pushlint.yaml" || got[0].Location.Lines.Begin != 4 ||
		got[0].Description != "pushlint: PL015 (...) is disabled by .pushlint.yaml:4:3 and was not evaluated: by design" {
		t.Errorf("disabled: %+v", got[0])
	}
	if got[1].CheckName != "pushlint/param" || got[1].Location.Lines.Begin != 1 || got[0].Fingerprint == got[1].Fingerprint {
		t.Errorf("param: %+v", got[1])
	}
}
