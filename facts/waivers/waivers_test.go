package waivers

import (
	"strings"
	"testing"
)

func TestLoadReadsEveryField(t *testing.T) {
	src := `# accepted findings
waivers:
  - rule: PL007
    subject: BR1
    reason: "BR1 is being decommissioned; clients move to CEN in January"
    expires: 2027-01-31
  - rule: PL101
    subject: 'logs/*.log'
    reason: old capture
    expires: "2026-12-01"
  - rule: PL101
    subject: 'PC\{1'
    reason: a machine name with a brace, escaped
    expires: "2026-12-01"
`
	ws, err := Load("waivers.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 3 {
		t.Fatalf("got %d waivers", len(ws))
	}
	w := ws[0]
	if w.Rule != "PL007" || w.Subject != "BR1" || w.Expires != "2027-01-31" || w.ExpiresSeconds != 1801353600 ||
		w.Reason != "BR1 is being decommissioned; clients move to CEN in January" {
		t.Errorf("got %+v", w)
	}
	if w.Location.Line != 3 || w.Location.Column != 5 || w.KeyLocations["expires"].Line != 6 {
		t.Errorf("locations: %+v %+v", w.Location, w.KeyLocations)
	}
	if ws[1].Subject != "logs/*.log" || ws[1].Expires != "2026-12-01" {
		t.Errorf("got %+v", ws[1])
	}
}

func TestLoadRejectsWithPosition(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty file", "", "waivers.yaml:1:1: file is empty"},
		{"no waivers key", "rules: []\n", `waivers.yaml:1:1: unknown key "rules" in the waivers file`},
		{"not a list", "waivers: PL007\n", "waivers.yaml:1:10: waivers must be a list, found a string"},
		{"missing reason", "waivers:\n  - rule: PL007\n    subject: BR1\n    expires: 2027-01-31\n",
			`waivers.yaml:2:5: waiver is missing required key "reason"`},
		{"empty reason", "waivers:\n  - rule: PL007\n    subject: BR1\n    reason: '  '\n    expires: 2027-01-31\n",
			"waivers.yaml:4:13: waiver reason (say why the finding is accepted) is empty"},
		{"missing expires", "waivers:\n  - rule: PL007\n    subject: BR1\n    reason: x\n",
			`waivers.yaml:2:5: waiver is missing required key "expires"`},
		{"bad date", "waivers:\n  - rule: PL007\n    subject: BR1\n    reason: x\n    expires: 31/01/2027\n",
			`waivers.yaml:5:14: waiver expires "31/01/2027" must be a date written YYYY-MM-DD`},
		{"impossible date", "waivers:\n  - rule: PL007\n    subject: BR1\n    reason: x\n    expires: 2027-02-30\n",
			`waivers.yaml:5:14: waiver expires "2027-02-30" must be a date`},
		{"lower-case rule", "waivers:\n  - rule: pl007\n    subject: BR1\n    reason: x\n    expires: 2027-01-31\n",
			`waivers.yaml:2:11: waiver rule "pl007": rule ids are upper-case (write PL007)`},
		{"not a rule id", "waivers:\n  - rule: secondary\n    subject: BR1\n    reason: x\n    expires: 2027-01-31\n",
			`waivers.yaml:2:11: waiver rule "secondary" is not a rule id`},
		{"numeric subject", "waivers:\n  - rule: PL007\n    subject: 001\n    reason: x\n    expires: 2027-01-31\n",
			"waivers.yaml:3:14: waiver subject (a site code, machine name, account or file glob) must be a string, found the number 001 (quote it: \"001\")"},
		{"misspelled key", "waivers:\n  - rule: PL007\n    subjet: BR1\n    subject: BR1\n    reason: x\n    expires: 2027-01-31\n",
			`waivers.yaml:3:5: unknown key "subjet" in waiver (did you mean "subject"?)`},
		{"glob that does not compile", "waivers:\n  - rule: PL007\n    subject: 'logs/[a-'\n    reason: x\n    expires: 2027-01-31\n",
			`waivers.yaml:3:14: waiver subject "logs/[a-" is not a valid glob (syntax error at 8: unexpected end of input)`},
		{"unclosed brace", "waivers:\n  - rule: PL007\n    subject: 'PC{1'\n    reason: x\n    expires: 2027-01-31\n",
			`waivers.yaml:3:14: waiver subject "PC{1" is not a valid glob (syntax error at 4: unclosed`},
		{"duplicate", "waivers:\n  - {rule: PL007, subject: BR1, reason: x, expires: 2027-01-31}\n  - {rule: PL007, subject: br1, reason: y, expires: 2027-02-28}\n",
			`waivers.yaml:3:6: a second waiver for PL007 on "br1" (the first is at line 2); keep one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load("waivers.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n  %s\nwant prefix\n  %s", err, tt.want)
			}
		})
	}
}

func TestResolveNamesUnknownRules(t *testing.T) {
	ws, err := Load("w.yaml", []byte("waivers:\n  - {rule: PL007, subject: BR1, reason: x, expires: 2027-01-31}\n  - {rule: PL999, subject: BR1, reason: x, expires: 2027-01-31}\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = Resolve(ws, map[string]string{"PL007": "pushlint.rules.config.sitecode_secondary"})
	if err == nil || err.Error() != "w.yaml:3:6: waiver rule PL999 names no rule of this run that can be waived (known: PL007)" {
		t.Errorf("got %v", err)
	}
	if ws[0].Package != "pushlint.rules.config.sitecode_secondary" {
		t.Errorf("package not set: %+v", ws[0])
	}
}
