package report

import (
	"encoding/json"
	"testing"
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
