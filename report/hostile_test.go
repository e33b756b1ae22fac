package report

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/finding"
)

// Text from broken machines reaches findings through rules: a log line with terminal escape sequences, a
// client export cell written to run a command when a spreadsheet opens it, markup. Every format must carry
// it as data: no raw escape reaches a terminal, the XML stays well-formed and markup stays text.
func TestHostileTextInFindings(t *testing.T) {
	const (
		ansi    = "\x1b[2J\x1b]0;owned\x07"
		formula = `=cmd|' /C calc'!A0`
		markup  = `<script>alert(1)</script>&amp;`
		bidi    = "evil\u202etxt.exe"
	)
	rule := finding.Rule{ID: "PL900", Title: "Hostile", Severity: "error", KBSection: "none", Remediation: "None.", Package: "pushlint.rules.test.hostile"}
	f := finding.Finding{Rule: "PL900", Severity: "error", Title: "Hostile",
		Message:     "PC1 wrote " + ansi + " and " + formula,
		Subject:     finding.Subject{Kind: "machine", ID: "PC1" + ansi},
		Location:    &finding.Location{File: "clients" + ansi + ".csv", Line: 2, Column: 1},
		Evidence:    []finding.Evidence{{File: "ccm.log", Line: 7, Text: markup + " " + bidi + "\rOK"}},
		Remediation: "None.", KBSection: "none"}
	f.Fingerprint = finding.Fingerprint(f)
	r := New(Tool{Name: "pushlint", Version: "0.1.0"}, []finding.Finding{f}, []finding.Rule{rule}, Inputs{SiteDescription: "site\x1b[31m.yaml", Sites: 1})

	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			out := string(render(t, format, r))
			// JSON keeps the text exact (machines read it) and escapes control characters itself; a
			// bidirectional override is a printable character there.
			raw := "\x1b\x07\u202e"
			if format == "json" || format == "sarif" {
				raw = "\x1b\x07"
			}
			if strings.ContainsAny(out, raw) {
				t.Errorf("raw control or bidi character in the %s report:\n%q", format, out)
			}
			switch format {
			case "text":
				want := []string{
					`machine PC1\x1b[2J\x1b]0;owned\x07`,
					`PL900  PC1 wrote \x1b[2J\x1b]0;owned\x07 and ` + formula,
					`at clients\x1b[2J\x1b]0;owned\x07.csv:2:1`,
					`ccm.log:7  ` + markup + ` evil\u202etxt.exe\rOK`,
				}
				for _, w := range want {
					if !strings.Contains(out, w) {
						t.Errorf("text report lacks %q:\n%s", w, out)
					}
				}
				if strings.Contains(out, "\r") {
					t.Error("a carriage return reached the text report")
				}
			case "junit":
				var doc JUnitSuites
				if err := xml.Unmarshal([]byte(out), &doc); err != nil {
					t.Fatalf("not well-formed XML: %v\n%s", err, out)
				}
				if strings.Contains(out, "<script>") {
					t.Error("markup from a finding reached the XML unescaped")
				}
				body := doc.Suites[0].Cases[0].Failure.Body
				if !strings.Contains(body, markup) || !strings.Contains(body, formula) || !strings.Contains(body, `\x1b[2J`) {
					t.Errorf("the failure body does not read back as the finding's text: %q", body)
				}
			case "json", "sarif":
				var v any
				if err := json.Unmarshal([]byte(out), &v); err != nil {
					t.Fatalf("not JSON: %v", err)
				}
				if !strings.Contains(out, formula) || !strings.Contains(out, `\u001b[2J`) {
					t.Errorf("the %s report must keep the text as data, JSON-escaped", format)
				}
			case "github":
				lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
				if len(lines) != 2 || !strings.HasPrefix(lines[0], "::error ") {
					t.Errorf("a finding must be one workflow command line:\n%s", out)
				}
			}
		})
	}
}
