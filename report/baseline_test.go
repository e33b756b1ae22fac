package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/finding"
)

func sampleJSON(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := ForFormat("json", Options{})
	if err := w.Write(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// What the JSON writer writes is what the schema describes: a report with waived findings, a baseline
// comparison and details validates.
func TestJSONReportMatchesItsSchema(t *testing.T) {
	if err := ValidateJSON("report.json", sampleJSON(t)); err != nil {
		t.Fatal(err)
	}
}

// A report read back as a baseline marks the same findings unchanged; one written before reports carried
// fingerprints is fingerprinted when read.
func TestBaselineRoundTrip(t *testing.T) {
	data := sampleJSON(t)
	bl, err := parseBaseline("b.json", data)
	if err != nil {
		t.Fatal(err)
	}
	findings := append([]finding.Finding(nil), sampleReport().Findings...)
	if s := bl.Mark(findings); s.New != 0 || s.Unchanged != len(findings) {
		t.Errorf("summary %+v", s)
	}
	var legacy map[string]any
	if err := json.Unmarshal(data, &legacy); err != nil {
		t.Fatal(err)
	}
	for _, f := range legacy["findings"].([]any) {
		delete(f.(map[string]any), "fingerprint")
	}
	old, _ := json.Marshal(legacy)
	if bl, err = parseBaseline("old.json", old); err != nil {
		t.Fatal(err)
	}
	if s := bl.Mark(findings); s.New != 0 || s.Unchanged != len(findings) {
		t.Errorf("legacy baseline: summary %+v", s)
	}
}

// A baseline that is not a whole report is refused with the line and column of each mistake.
func TestBaselineRejectsWithPosition(t *testing.T) {
	head := `{"version": 1, "tool": {"name": "pushlint", "version": "0.1.0"},` + "\n"
	tail := "\n" + `"summary": {"error": 0, "warning": 0, "info": 0, "waived": 0, "rules_evaluated": 1, "inputs": {"sites": 1, "logs": 0, "entries": 0, "clients": 0, "ccr_files": 0}}}`
	finding := `{"rule": "PL001", "severity": "error", "title": "t", "message": "m", "subject": {"kind": "site", "id": "CEN"}, "location": null, "evidence": [], "remediation": "r", "kb_section": "k", "waived": false}`
	for _, tc := range []struct{ name, data, want string }{
		{"fingerprints only", head + `"findings": [{"fingerprint": "0b23d508be4bfdbc5011e2e3fb07486a"}],` + tail,
			"b.json:2:14: findings[0]: missing properties 'rule', 'severity', 'title', 'message', 'subject', 'location', 'evidence', 'remediation', 'kb_section', 'waived'"},
		{"list of fingerprints", head + `"findings": ["0b23d508be4bfdbc5011e2e3fb07486a"],` + tail,
			"b.json:2:14: findings[0]: got string, want object"},
		{"findings not a list", head + `"findings": {"rule": "PL001"},` + tail, "b.json:2:13: findings: expected a list of findings"},
		{"no findings", head + `"fingerprints": [],` + tail,
			"b.json:1:1: not a pushlint JSON report: missing findings (write one with --format json)\nb.json:2:1: unknown key \"fingerprints\""},
		{"bad severity", head + `"findings": [` + strings.Replace(finding, `"error"`, `"fatal"`, 1) + `],` + tail,
			"b.json:2:44: findings[0].severity: value must be one of 'error', 'warning', 'info'"},
		{"bad rule id", head + `"findings": [` + strings.Replace(finding, `"PL001"`, `"pl1"`, 1) + `],` + tail,
			"b.json:2:23: findings[0].rule: 'pl1' does not match pattern"},
		{"empty message", head + `"findings": [` + strings.Replace(finding, `"m"`, `""`, 1) + `],` + tail,
			"b.json:2:78: findings[0].message: minLength: got 0, want 1"},
		{"unknown finding key", head + `"findings": [` + strings.Replace(finding, `"waived": false`, `"waived": false, "hidden": true`, 1) + `],` + tail,
			"b.json:2:14: findings[0]: additional properties 'hidden' not allowed"},
		{"edited fingerprint", head + `"findings": [` + strings.Replace(finding, `"waived": false`, `"waived": false, "fingerprint": "00000000000000000000000000000000"`, 1) + `],` + tail,
			"b.json:2:230: findings[0].fingerprint: 00000000000000000000000000000000 is not the fingerprint of this finding"},
		{"twice", head + `"findings": [], "findings": [],` + tail, `b.json:2:17: key "findings" appears twice`},
		{"text after", head + `"findings": [],` + tail + `{}`, "b.json:3:164: text after the end of the report"},
		{"summary", head + `"findings": [],` + "\n" + `"summary": {"error": -1}}`,
			"b.json:3:12: summary: missing properties 'warning', 'info', 'waived', 'rules_evaluated', 'inputs'\nb.json:3:22: summary.error: minimum: got -1, want 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseBaseline("b.json", []byte(tc.data))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got\n%v\nwant prefix\n%s", err, tc.want)
			}
		})
	}
}
