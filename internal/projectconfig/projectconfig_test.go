package projectconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadReadsEverySetting(t *testing.T) {
	src := `# The gate of the Contoso hierarchy.
policy: [house-rules, ../shared-rules]
fail_on: warning
waivers: waivers.yaml
baseline: reports/last.json
date_order: dmy
rules:
  PL006: {severity: error}
  PL015: {enabled: false, reason: "schema not extended by design"}
params:
  install_grace: 2h
  retry_limit: 168
`
	c, err := Load("ci/.pushlint.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Policy, " "); got != "ci/house-rules shared-rules" {
		t.Errorf("policy %q: paths are relative to the file's folder", got)
	}
	if c.FailOn != "warning" || c.Waivers != "ci/waivers.yaml" || c.Baseline != "ci/reports/last.json" || c.DateOrder != "dmy" {
		t.Errorf("settings %+v", c)
	}
	if len(c.Rules) != 2 || c.Rules[0].ID != "PL006" || c.Rules[0].Severity != "error" || c.Rules[0].Enabled != nil ||
		c.Rules[1].ID != "PL015" || c.Rules[1].Enabled == nil || *c.Rules[1].Enabled || c.Rules[1].Reason != "schema not extended by design" ||
		c.Rules[1].Location.String() != "ci/.pushlint.yaml:9:3" {
		t.Errorf("rules %+v", c.Rules)
	}
	if len(c.Params) != 2 || c.Params[0] != (Param{"install_grace", "2h", Location{File: "ci/.pushlint.yaml", Line: 11, Column: 18}, Location{File: "ci/.pushlint.yaml", Line: 11, Column: 3}}) ||
		c.Params[1] != (Param{"retry_limit", "168", Location{File: "ci/.pushlint.yaml", Line: 12, Column: 16}, Location{File: "ci/.pushlint.yaml", Line: 12, Column: 3}}) {
		t.Errorf("params %+v", c.Params)
	}
}

// Strict like site.yaml: every mistake is one line with file:line:column and what was expected.
func TestLoadRejectsMistakes(t *testing.T) {
	tests := []struct{ src, want string }{
		{"fail-on: warning\n", `c.yaml:1:1: unknown key "fail-on" in the configuration (did you mean "fail_on"?)`},
		{"fail_on: warnings\n", `c.yaml:1:10: fail_on must be one of error | warning | info | never, found "warnings" (did you mean "warning"?)`},
		{"date_order: ymd\n", `c.yaml:1:13: date_order (how client exports write dates: dmy is 25/03/2008, mdy is 03/25/2008) must be one of dmy | mdy, found "ymd" (did you mean "dmy"?)`},
		{"rules:\n  pl006: {severity: error}\n", `c.yaml:2:3: rules: "pl006": rule ids are upper-case (write PL006)`},
		{"rules:\n  PL006: {severity: fatal}\n", `c.yaml:2:21: rules.PL006.severity must be one of error | warning | info, found "fatal"`},
		{"rules:\n  PL006: {enable: false}\n", `c.yaml:2:11: unknown key "enable" in rules.PL006 (did you mean "enabled"?)`},
		{"rules:\n  PL015: {enabled: false}\n", `c.yaml:2:11: rules.PL015: enabled: false needs a reason (say why the rule is off; every report prints it)`},
		{"rules:\n  PL015: {enabled: no, reason: x}\n", `c.yaml:2:20: rules.PL015.enabled must be true or false, found "no" (write false)`},
		{"rules:\n  PL006: {}\n", `c.yaml:2:10: rules.PL006 says nothing; give enabled: false (with a reason) or a severity`},
		{"rules:\n  PL006: {severity: error}\n  PL006: {severity: info}\n", `c.yaml:3:3: duplicate key "PL006" in rules (rule ids, each with enabled, severity, reason) (first at line 2)`},
		{"params:\n  ccr_cycle: [1h]\n", `c.yaml:2:14: params.ccr_cycle (a count such as 168, or a duration with a unit such as 2h) must be a string, found a list`},
		{"policy: 3\n", `c.yaml:1:9: policy (a folder, or a list of folders such as [house-rules]) must be a string, found the number 3 (quote it: "3")`},
		{"waivers: ''\n", `c.yaml:1:10: waivers (the waivers file) is empty`},
		{"", `c.yaml:1:1: file is empty; expected settings such as fail_on, policy, waivers, rules and params`},
		{"- fail_on\n", `c.yaml:1:1: the configuration must be a mapping of keys to values, found a list`},
	}
	for _, tt := range tests {
		_, err := Load("c.yaml", []byte(tt.src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

func TestFindStopsAtTheRepositoryRoot(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	deep := filepath.Join(repo, "sites", "london")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Above the repository: belongs to something else, never read.
	if err := os.WriteFile(filepath.Join(root, FileName), []byte("fail_on: info\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(deep); err != nil || got != "" {
		t.Errorf("Find = %q, %v; want none below a repository without one", got, err)
	}
	if err := os.WriteFile(filepath.Join(repo, FileName), []byte("fail_on: warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(deep); err != nil || got != filepath.Join(deep, "..", "..", FileName) {
		t.Errorf("Find = %q, %v; want the repository's", got, err)
	}
	nearest := filepath.Join(repo, "sites", FileName)
	if err := os.WriteFile(nearest, []byte("fail_on: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := Find(deep); got != filepath.Join(deep, "..", FileName) {
		t.Errorf("Find = %q; want the nearest one", got)
	}
}
