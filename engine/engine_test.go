package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/finding"
)

const goodRule = `# METADATA
# title: Site name missing
# custom:
#   id: XX001
#   severity: warning
#   kb_section: Introduction
#   remediation: Name the site.
package pushlint.rules.test.site_name

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), sprintf("site %s has no name", [site.code]), site.location) if {
	some site in input.sites
	site.name == site.code
}
`

func builtin() Source { return Source{Name: "policies", FS: pushlint.Policies, Builtin: true} }

// withRule builds options with the built-in tree plus one extra user rule file given as an in-memory FS.
func newEngine(t *testing.T, files map[string]string, noBuiltin bool) (*Engine, error) {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		writeFile(t, dir+"/"+name, src)
	}
	return New(context.Background(), Options{Builtin: builtin(), PolicyDirs: []string{dir}, NoBuiltin: noBuiltin, InputSchema: facts.InputSchema, Timeout: 10 * time.Second})
}

func input(sites ...map[string]any) map[string]any {
	list := make([]any, len(sites))
	for i, s := range sites {
		list[i] = s
	}
	return map[string]any{"version": 1, "now_seconds": 0, "sites": list}
}

func site(code, name string) map[string]any {
	return map[string]any{"code": code, "name": name, "location": map[string]any{"file": "site.yaml", "line": 3, "column": 5}}
}

func TestUserRuleProducesFindingFromMetadata(t *testing.T) {
	e, err := newEngine(t, map[string]string{"name.rego": goodRule}, true)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Evaluate(context.Background(), input(site("ABC", "ABC"), site("DEF", "Branch")))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(got), got)
	}
	f := got[0]
	want := finding.Finding{Rule: "XX001", Severity: "warning", Title: "Site name missing", Message: "site ABC has no name",
		Subject: finding.Subject{Kind: "site", ID: "ABC"}, Location: &finding.Location{File: "site.yaml", Line: 3, Column: 5}, Evidence: []finding.Evidence{},
		Remediation: "Name the site.", KBSection: "Introduction"}
	if f.Rule != want.Rule || f.Severity != want.Severity || f.Title != want.Title || f.Message != want.Message ||
		f.Subject != want.Subject || *f.Location != *want.Location || f.Remediation != want.Remediation || f.KBSection != want.KBSection {
		t.Errorf("got %+v\nwant %+v", f, want)
	}
}

func TestPolicyErrorsFailClosed(t *testing.T) {
	tests := []struct {
		name string
		rule string
		want string
	}{
		{"missing severity", strings.Replace(goodRule, "#   severity: warning\n", "", 1),
			"metadata error: " + "%DIR%/r.rego:1: METADATA custom.severity is missing"},
		{"bad severity", strings.Replace(goodRule, "severity: warning", "severity: critical", 1),
			`METADATA custom.severity "critical" must be one of error, warning, info`},
		{"missing title", strings.Replace(goodRule, "# title: Site name missing\n", "", 1), "METADATA has no title"},
		{"missing remediation", strings.Replace(goodRule, "#   remediation: Name the site.\n", "", 1), "METADATA custom.remediation is missing"},
		{"no metadata", goodRule[strings.Index(goodRule, "package"):], "has no METADATA block"},
		{"bad package depth", strings.Replace(goodRule, "pushlint.rules.test.site_name", "pushlint.rules.site_name", 1),
			"rule packages must be named pushlint.rules.<category>.<name>"},
		{"no report rule", strings.Replace(goodRule, "report contains", "findings contains", 1), "defines no `report` rule"},
		{"bad gate package depth", strings.Replace(goodRule, "pushlint.rules.test.site_name", "pushlint.gate.test.site_name", 1),
			"gate rule packages must be named pushlint.gate.<name>"},
		{"misspelled input field", strings.Replace(goodRule, "site.name == site.code", "site.nmae == site.code", 1),
			"undefined ref: site.nmae"},
		{"denied builtin", strings.Replace(goodRule, "site.name == site.code", `http.send({"method": "get", "url": "http://x"})`, 1),
			"built-in function http.send is not allowed in pushlint policies (network access)"},
		{"wall clock", strings.Replace(goodRule, "site.name == site.code", "time.now_ns() > 0", 1),
			"built-in function time.now_ns is not allowed in pushlint policies (the wall clock; use input.now_seconds, which --now sets)"},
		{"syntax error", strings.Replace(goodRule, "some site in", "some site inn", 1), "parse error"},
		{"duplicate id", goodRule + "", "rule id XX001 is already used"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"r.rego": tt.rule}
			if tt.name == "duplicate id" {
				files["s.rego"] = strings.Replace(goodRule, "pushlint.rules.test.site_name", "pushlint.rules.test.other", 1)
			}
			_, err := newEngine(t, files, true)
			var pe *PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v (%T), want a PolicyError", err, err)
			}
			want := tt.want
			if i := strings.Index(want, "%DIR%"); i >= 0 {
				want = want[strings.Index(want, "/r.rego"):]
			}
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not contain %q", err, want)
			}
		})
	}
}

func TestRuntimeErrorsFailClosed(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"conflicting values", `
x := 1 if input.version == 1
x := 2 if input.version == 1
report contains lib.finding(lib.site_subject(site), "m", site.location) if {
	some site in input.sites
	x > 0
}`, "eval_conflict_error"},
		{"builtin type error", `
report contains lib.finding(lib.site_subject(site), "m", site.location) if {
	some site in input.sites
	to_number(site.name) > 0
}`, "to_number"},
		{"malformed finding", `
report contains {"subject": {"kind": lib.site_subject(site).kind}, "message": "m"} if {
	some site in input.sites
}`, "finding subject must be {kind, id}"},
		{"finding without message", `
report contains {"subject": lib.site_subject(site)} if {
	some site in input.sites
}`, "finding has no message"},
		{"unknown key", `
report contains object.union(lib.finding(lib.site_subject(site), "m", site.location), {"sev": "x"}) if {
	some site in input.sites
}`, `finding has unexpected key "sev"`},
		{"bad confidence", `
report contains object.union(lib.finding(lib.site_subject(site), "m", site.location), {"confidence": "maybe"}) if {
	some site in input.sites
}`, `finding confidence "maybe" must be "unconfirmed" (or left out)`},
		{"bad severity override", `
report contains lib.finding_with_severity(lib.site_subject(site), "m", site.location, "fatal") if {
	some site in input.sites
}`, `finding severity "fatal" must be error, warning or info`},
	}
	head := goodRule[:strings.Index(goodRule, "report contains")]
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := newEngine(t, map[string]string{"r.rego": head + tt.body}, true)
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.Evaluate(context.Background(), input(site("ABC", "Central")))
			var pe *PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a PolicyError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestOverrideReplacesBuiltinRuleWithSameID(t *testing.T) {
	override := strings.NewReplacer("XX001", "PL006", "pushlint.rules.test.site_name", "pushlint.rules.acme.stricter_rediscovery").Replace(goodRule)
	e, err := newEngine(t, map[string]string{"r.rego": override}, false)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range e.Rules() {
		if r.ID == "PL006" {
			n++
			if r.Builtin || r.Package != "pushlint.rules.acme.stricter_rediscovery" {
				t.Errorf("PL006 is %+v, want the user's rule", r)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d rules with id PL006, want 1", n)
	}
}

func TestTimeoutNamesThePolicy(t *testing.T) {
	slow := goodRule[:strings.Index(goodRule, "report contains")] + `
report contains lib.finding(lib.site_subject(site), "m", site.location) if {
	some site in input.sites
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i + j < 0
}`
	dir := t.TempDir()
	writeFile(t, dir+"/slow.rego", slow)
	e, err := New(context.Background(), Options{Builtin: builtin(), PolicyDirs: []string{dir}, NoBuiltin: true, InputSchema: facts.InputSchema, Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Evaluate(context.Background(), input(site("ABC", "Central")))
	var pe *PolicyError
	if !errors.As(err, &pe) || pe.Kind != "timeout" {
		t.Fatalf("got %v, want a timeout PolicyError", err)
	}
	if !strings.Contains(err.Error(), "XX001 (pushlint.rules.test.site_name") {
		t.Errorf("timeout error does not name the slow rule: %v", err)
	}
}

// pushlint test with a folder that replaces a built-in rule under another package: the built-in tests of
// the replaced rule go with it, since they test a package that no longer exists.
func TestRunTestsDropsTestsOfReplacedRule(t *testing.T) {
	dir := t.TempDir()
	override := strings.NewReplacer("XX001", "PL006", "pushlint.rules.test.site_name", "pushlint.rules.acme.stricter_rediscovery").Replace(goodRule)
	writeFile(t, dir+"/r.rego", override)
	rep, err := RunTests(context.Background(), Options{Builtin: builtin(), PolicyDirs: []string{dir}, InputSchema: facts.InputSchema},
		[]Source{{Name: "policies_test", FS: pushlint.PolicyTests, Builtin: true}})
	if err != nil {
		t.Fatal(err)
	}
	others := 0
	for _, r := range rep.Results {
		if r.Package == "data.pushlint.rules.config.rediscovery_period_test" {
			t.Errorf("%s.%s ran, but the rule it tests was replaced", r.Package, r.Name)
		}
		if !r.Pass && !r.Skip {
			t.Errorf("%s:%d %s failed: %s", r.File, r.Line, r.Name, r.Error)
		}
		if strings.HasPrefix(r.Package, "data.pushlint.rules.config.") {
			others++
		}
	}
	if others == 0 {
		t.Error("no built-in test of another config rule ran")
	}
}
