package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/pushlint/pushlint/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// sampleReport has a finding of every severity, one with a location, one with evidence only, one with
// neither, a waived one, a baseline comparison, a path with a space and characters every format must
// escape, and a rule with no finding.
func sampleReport() *Report {
	rules := []finding.Rule{
		{ID: "PL006", Title: "Client rediscovery period is not larger than the Heartbeat Discovery interval",
			Description: "The Clear Install Flag task clears Client=Yes for clients without a heartbeat.",
			Severity:    "error", KBSection: "Troubleshoot Heartbeat Discovery",
			Remediation: "Set the rediscovery period larger than the heartbeat interval.",
			Reads:       []string{"sites[].maintenance.clear_install_flag"}, Package: "pushlint.rules.config.rediscovery_period", Builtin: true},
		{ID: "PL016", Title: "Push account is disabled, locked or expired", Severity: "warning",
			KBSection:   "The SMS Advanced Client Push Installation account is configured incorrectly or is missing",
			Remediation: "Unlock the account.", Package: "pushlint.rules.config.push_account_state"},
		{ID: "PL101", Title: "Admin$ share unreachable (error 53)", Severity: "error",
			KBSection: "cannot connect to the client Admin$ share", Remediation: "Check name resolution; 100% of it.",
			Package: "pushlint.rules.logs.admin_share"},
		{ID: "PL107", Title: "Push completed", Severity: "info", KBSection: "Pre-installation phase, step 5",
			Remediation: "Nothing to do.", Package: "pushlint.rules.logs.push_completed"},
		{ID: "PL902", Title: "A waiver matches no finding", Severity: "warning", KBSection: "none: pushlint's CI gate (docs/ci.md)",
			Remediation: "Delete the waiver.", Package: "pushlint.gate.waiver_stale"},
	}
	findings := []finding.Finding{
		{Rule: "PL006", Severity: "error", Title: rules[0].Title,
			Message:  "site CEN: Clear Install Flag rediscovery period (7d) is not larger than the Heartbeat Discovery interval (7d)",
			Subject:  finding.Subject{Kind: "site", ID: "CEN"},
			Location: &finding.Location{File: "sites/site.yaml", Line: 38, Column: 44}, Evidence: []finding.Evidence{},
			Remediation: rules[0].Remediation, KBSection: rules[0].KBSection, Baseline: finding.BaselineNew},
		{Rule: "PL101", Severity: "error", Title: rules[2].Title,
			Message: "PC042: the site server could not reach ADMIN$, error 53 (network path not found)\r\nand 0x4b3",
			Subject: finding.Subject{Kind: "machine", ID: "PC042"},
			Evidence: []finding.Evidence{
				{File: "logs/SMS 01/ccm.log", Line: 1042, Text: `---> Attempting to connect to administrative share '\\PC042\admin$' using account 'CONTOSO\svc-push'~  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:09.448-600><thread=6708 (0x1A34)>`},
				{File: "logs/SMS 01/ccm.log", Line: 1043, Text: `---> ERROR: Unable to access target machine for request: "2097152112", machine name: "PC042",  error code: 53`},
			},
			Remediation: rules[2].Remediation, KBSection: rules[2].KBSection, Baseline: finding.BaselineUnchanged},
		{Rule: "PL016", Severity: "warning", Title: rules[1].Title,
			Message:  `account CONTOSO\svc-smspush-old is locked: 50% of pushes, a,b:c`,
			Subject:  finding.Subject{Kind: "account", ID: `CONTOSO\svc-smspush-old`},
			Location: &finding.Location{File: "sites/site.yaml", Line: 31, Column: 11}, Evidence: []finding.Evidence{},
			Remediation: rules[1].Remediation, KBSection: rules[1].KBSection, Baseline: finding.BaselineNew},
		{Rule: "PL016", Severity: "warning", Title: rules[1].Title,
			Message:  `account CONTOSO\svc-old2 is disabled`,
			Subject:  finding.Subject{Kind: "account", ID: `CONTOSO\svc-old2`},
			Location: &finding.Location{File: "sites/site.yaml", Line: 32, Column: 11}, Evidence: []finding.Evidence{},
			Remediation: rules[1].Remediation, KBSection: rules[1].KBSection, Waived: true, Baseline: finding.BaselineNew,
			Waiver: &finding.Waiver{Subject: `contoso\svc-old2`, Reason: "kept for the BR1 rollback", Expires: "2027-01-31",
				Location: &finding.Location{File: "ci/waivers.yaml", Line: 2, Column: 5}}},
		{Rule: "PL107", Severity: "info", Title: rules[3].Title,
			Message: "PC007: push completed, the ccmsetup service was started",
			Subject: finding.Subject{Kind: "machine", ID: "PC007"}, Evidence: []finding.Evidence{},
			Remediation: rules[3].Remediation, KBSection: rules[3].KBSection, Baseline: finding.BaselineNew,
			Details: map[string]any{"attempts": 3}},
	}
	for i := range findings {
		findings[i].Fingerprint = finding.Fingerprint(findings[i])
	}
	finding.Sort(findings)
	r := New(Tool{Name: "pushlint", Version: "0.1.0"}, findings, rules, Inputs{SiteDescription: "sites/site.yaml", Sites: 3})
	r.Summary.Baseline = &BaselineSummary{File: "baseline.json", New: 4, Unchanged: 1}
	return r
}

func render(t *testing.T, format string, r *Report) []byte {
	t.Helper()
	return renderWith(t, format, r, Options{})
}

// renderWith writes r in format with the given options.
func renderWith(t *testing.T, format string, r *Report, o Options) []byte {
	t.Helper()
	w, err := ForFormat(format, o)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.Write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test ./report -update and review the diff):\n%s", path, got)
	}
}
