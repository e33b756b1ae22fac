package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const ciSite = "cmd/pushlint/testdata/ci/site.yaml" // PL006 fires on CEN and BR1, not on BR2

type jsonReport struct {
	Findings []struct {
		Rule        string
		Severity    string
		Message     string
		Subject     struct{ Kind, ID string }
		Waived      bool
		Baseline    string
		Fingerprint string
		Waiver      *struct{ Subject, Reason, Expires string }
		Location    *struct {
			File         string
			Line, Column int
		}
	}
	Summary struct {
		Error, Warning, Info, Waived int
		Baseline                     *struct{ New, Unchanged, Fixed int }
	}
}

func decodeReport(t *testing.T, out string) jsonReport {
	t.Helper()
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return rep
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestWaiversAcceptFindingsUntilTheyExpire(t *testing.T) {
	waivers := writeTemp(t, "waivers.yaml", `waivers:
  - rule: PL006
    subject: cen
    reason: "CEN's heartbeat moves to 3d with the January change"
    expires: 2027-01-31
  - rule: PL006
    subject: BR1
    reason: BR1 is being decommissioned
    expires: 2027-01-31
`)
	out, stderr, code := runIn(t, "check", ciSite, "--waivers", waivers, "--format", "json", "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("exit %d, want 0 (every finding waived); stderr %s", code, stderr)
	}
	rep := decodeReport(t, out)
	if len(rep.Findings) != 2 || rep.Summary.Waived != 2 || rep.Summary.Error != 0 {
		t.Fatalf("want 2 waived findings and no error, got %+v", rep)
	}
	for _, f := range rep.Findings {
		if !f.Waived || f.Waiver == nil || f.Waiver.Expires != "2027-01-31" || f.Waiver.Reason == "" {
			t.Errorf("finding not marked with its waiver: %+v", f)
		}
	}

	// On the expiry date the waivers stop applying: the findings count again and each waiver is an error.
	out, _, code = runIn(t, "check", ciSite, "--waivers", waivers, "--format", "json", "--now", "2027-01-31")
	if code != 1 {
		t.Fatalf("exit %d, want 1 on the expiry date", code)
	}
	rep = decodeReport(t, out)
	expired := 0
	for _, f := range rep.Findings {
		if f.Waived {
			t.Errorf("expired waiver still applied: %+v", f)
		}
		if f.Rule == "PL901" {
			expired++
			if f.Severity != "error" || f.Subject.Kind != "waiver" || f.Location == nil || f.Location.File != waivers || f.Location.Line == 0 {
				t.Errorf("expired-waiver finding: %+v", f)
			}
		}
	}
	if expired != 2 {
		t.Errorf("want 2 PL901 findings, got %d: %s", expired, out)
	}
}

func TestStaleWaiverIsAWarning(t *testing.T) {
	waivers := writeTemp(t, "waivers.yaml", `waivers:
  - {rule: PL006, subject: CEN, reason: accepted, expires: 2027-01-31}
  - {rule: PL006, subject: BR1, reason: accepted, expires: 2027-01-31}
  - {rule: PL006, subject: BR2, reason: BR2 was fixed long ago, expires: 2027-01-31}
`)
	out, _, code := runIn(t, "check", ciSite, "--waivers", waivers, "--format", "json", "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("exit %d; a stale waiver is a warning and --fail-on is error", code)
	}
	rep := decodeReport(t, out)
	if rep.Summary.Warning != 1 {
		t.Fatalf("want one warning, got %+v", rep.Summary)
	}
	for _, f := range rep.Findings {
		if f.Rule == "PL902" && (f.Subject.ID != "PL006 BR2" || f.Location.Line != 4) {
			t.Errorf("stale waiver finding: %+v", f)
		}
	}
	if _, _, code := runIn(t, "check", ciSite, "--waivers", waivers, "--now", "2026-11-25", "--fail-on", "warning"); code != 1 {
		t.Errorf("exit %d with --fail-on warning, want 1", code)
	}
}

func TestBadWaiversFileExitsTwoWithPosition(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"unknown rule", "waivers:\n  - {rule: PL666, subject: CEN, reason: x, expires: 2027-01-31}\n", `:2:6: waiver rule PL666 names no rule of this run that can be waived`},
		{"gate rule", "waivers:\n  - {rule: PL902, subject: CEN, reason: x, expires: 2027-01-31}\n", `:2:6: waiver rule PL902 names no rule`},
		{"no reason", "waivers:\n  - rule: PL006\n    subject: CEN\n    expires: 2027-01-31\n", `:2:5: waiver is missing required key "reason"`},
		{"bad date", "waivers:\n  - {rule: PL006, subject: CEN, reason: x, expires: soon}\n", `:2:53: waiver expires "soon" must be a date written YYYY-MM-DD`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "waivers.yaml", tt.content)
			stdout, stderr, code := runIn(t, "check", ciSite, "--waivers", path)
			if code != 2 || stdout != "" {
				t.Fatalf("exit %d stdout %q, want 2 and no report", code, stdout)
			}
			if !strings.HasPrefix(stderr, "pushlint: "+path+tt.want) {
				t.Errorf("stderr %q, want %q", stderr, path+tt.want)
			}
		})
	}
	if _, stderr, code := runIn(t, "check", ciSite, "--waivers", "no/such/waivers.yaml"); code != 2 || !strings.Contains(stderr, "no/such/waivers.yaml") {
		t.Errorf("missing waivers file: exit %d, %s", code, stderr)
	}
}

func TestBaselineCountsOnlyNewFindings(t *testing.T) {
	site, err := os.ReadFile("testdata/ci/site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	if _, _, code := runIn(t, "check", ciSite, "--format", "json", "--output", baseline, "--now", "2026-11-25"); code != 1 {
		t.Fatalf("writing the baseline: exit %d", code)
	}

	// Same findings, sites in another order (every line number moves): nothing is new.
	parts := regexp.MustCompile(`(?m)^  - code: `).Split(string(site), -1)
	reordered := parts[0] + "  - code: " + parts[3] + "  - code: " + parts[1] + "  - code: " + parts[2]
	if !strings.Contains(reordered, "BR2") || strings.Index(reordered, "BR2") > strings.Index(reordered, "code: CEN") {
		t.Fatalf("reordering failed:\n%s", reordered)
	}
	moved := writeTemp(t, "site.yaml", reordered)
	out, stderr, code := runIn(t, "check", moved, "--baseline", baseline, "--format", "json", "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("exit %d after reordering the sites, want 0; stderr %s\n%s", code, stderr, out)
	}
	rep := decodeReport(t, out)
	if b := rep.Summary.Baseline; b == nil || b.New != 0 || b.Unchanged != 2 || b.Fixed != 0 {
		t.Errorf("baseline summary %+v", rep.Summary.Baseline)
	}
	for _, f := range rep.Findings {
		if f.Baseline != "unchanged" || f.Fingerprint == "" {
			t.Errorf("finding %s %s: baseline %q fingerprint %q", f.Rule, f.Subject.ID, f.Baseline, f.Fingerprint)
		}
	}

	// BR2 breaks too: one new finding fails the run; CEN fixed shows as fixed.
	changed := strings.Replace(string(site), "rediscovery_period: 21d", "rediscovery_period: 2d", 1)
	changed = strings.Replace(changed, "rediscovery_period: 7d", "rediscovery_period: 21d", 1)
	out, _, code = runIn(t, "check", writeTemp(t, "site.yaml", changed), "--baseline", baseline, "--format", "json", "--now", "2026-11-25")
	if code != 1 {
		t.Fatalf("exit %d with a new finding, want 1", code)
	}
	rep = decodeReport(t, out)
	if b := rep.Summary.Baseline; b == nil || b.New != 1 || b.Unchanged != 1 || b.Fixed != 1 {
		t.Errorf("baseline summary %+v", rep.Summary.Baseline)
	}
	for _, f := range rep.Findings {
		if (f.Subject.ID == "BR2") != (f.Baseline == "new") {
			t.Errorf("%s: baseline %q", f.Subject.ID, f.Baseline)
		}
	}
}

func TestBadBaselineExitsTwo(t *testing.T) {
	for name, content := range map[string]string{
		"not json":      "findings:\n",
		"not a report":  `{"runs": []}`,
		"other version": `{"version": 7, "findings": []}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, stderr, code := runIn(t, "check", ciSite, "--baseline", writeTemp(t, "b.json", content))
			if code != 2 || !strings.Contains(stderr, "baseline") {
				t.Errorf("exit %d stderr %q", code, stderr)
			}
		})
	}
}
