package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/finding"
)

func sample() *Report {
	findings := []finding.Finding{
		{Rule: "PL006", Severity: "error", Title: "t", Message: "site CEN: rediscovery", Subject: finding.Subject{Kind: "site", ID: "CEN"},
			Location: &finding.Location{File: "site.yaml", Line: 38, Column: 44}, Evidence: []finding.Evidence{}, Remediation: "Fix it.\nThen check.", KBSection: "Troubleshoot Heartbeat Discovery"},
		{Rule: "PL101", Severity: "warning", Title: "t", Message: "SERVER42: admin$ unreachable", Subject: finding.Subject{Kind: "machine", ID: "SERVER42"},
			Evidence: []finding.Evidence{{File: "ccm.log", Line: 12, Text: "ERROR: Unable to access target machine"}}, Remediation: "Open the firewall.", KBSection: "k"},
		{Rule: "PL016", Severity: "warning", Title: "t", Message: "waived one", Subject: finding.Subject{Kind: "account", ID: `CONTOSO\old`}, Waived: true, Remediation: "r", KBSection: "k"},
	}
	return New(Tool{"pushlint", "0.1.0"}, findings, make([]finding.Rule, 16), Inputs{SiteDescription: "site.yaml", Sites: 3})
}

func TestSummaryCountsWaivedApart(t *testing.T) {
	s := sample().Summary
	if s.Error != 1 || s.Warning != 1 || s.Info != 0 || s.Waived != 1 || s.RulesEvaluated != 16 {
		t.Errorf("summary %+v", s)
	}
}

func TestTextGroupsBySubjectWithEvidenceAndFix(t *testing.T) {
	var b bytes.Buffer
	if err := (textWriter{}).Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	want := `site CEN
  error   PL006  site CEN: rediscovery
           at site.yaml:38:44
           fix: Fix it.
                Then check.
           KB 925282: Troubleshoot Heartbeat Discovery

account CONTOSO\old
  waived  PL016  waived one
           fix: r
           KB 925282: k

machine SERVER42
  warning PL101  SERVER42: admin$ unreachable
           ccm.log:12  ERROR: Unable to access target machine
           fix: Open the firewall.
           KB 925282: k

pushlint: 1 error, 1 warning, 0 info, 1 waived; 16 rules evaluated on site.yaml (3 sites).
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes without Color")
	}
}

func TestTextColourOnlyWhenAsked(t *testing.T) {
	var b bytes.Buffer
	if err := (textWriter{color: true}).Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ansiRed+ansiBold+"error  "+ansiReset) {
		t.Errorf("no red error label in %q", b.String())
	}
}

func TestNoFindingsSummary(t *testing.T) {
	var b bytes.Buffer
	r := New(Tool{"pushlint", "0.1.0"}, nil, make([]finding.Rule, 2), Inputs{SiteDescription: "s.yaml", Sites: 1})
	if err := (textWriter{}).Write(&b, r); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "pushlint: no findings; 2 rules evaluated on s.yaml (1 site).\n"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestJSONHasTheContractKeys(t *testing.T) {
	var b bytes.Buffer
	if err := (jsonWriter{}).Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"version", "tool", "findings", "summary"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("report lacks %q", k)
		}
	}
	f := doc["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"rule", "severity", "title", "message", "subject", "location", "evidence", "remediation", "kb_section", "waived"} {
		if _, ok := f[k]; !ok {
			t.Errorf("finding lacks %q", k)
		}
	}
	if _, err := ForFormat("yaml", Options{}); err == nil {
		t.Error("unknown format accepted")
	}
}
