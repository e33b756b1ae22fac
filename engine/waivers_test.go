package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/finding"
)

// The router applies waivers from input.waivers, and gate rules (pushlint.gate.<name>) are rules with ids
// from METADATA like any other.
func TestRouterAppliesWaiversAndCollectsGateRules(t *testing.T) {
	gate := `# METADATA
# title: Too many waivers
# custom:
#   id: XX900
#   severity: info
#   kb_section: none
#   remediation: Fix things.
package pushlint.gate.too_many

import data.pushlint.lib

report contains lib.finding({"kind": "run", "id": "waivers"}, sprintf("%d waivers, %d findings", [count(input.waivers), count(data.pushlint.main.findings)]), null) if {
	count(input.waivers) > 0
}
`
	e, err := newEngine(t, map[string]string{"name.rego": goodRule, "gate.rego": gate}, true)
	if err != nil {
		t.Fatal(err)
	}
	in := input(site("ABC", "ABC"), site("DEF", "DEF"))
	in["now_seconds"] = 1000
	in["waivers"] = []any{map[string]any{
		"rule": "XX001", "package": "pushlint.rules.test.site_name", "subject": "abc", "reason": "known",
		"expires": "1970-01-02", "expires_seconds": 86400,
		"location": map[string]any{"file": "w.yaml", "line": 2, "column": 5}, "key_locations": map[string]any{},
	}}
	got, err := e.Evaluate(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]finding.Finding{}
	for _, f := range got {
		byID[f.Rule+" "+f.Subject.ID] = f
	}
	abc, def, gateF := byID["XX001 ABC"], byID["XX001 DEF"], byID["XX900 waivers"]
	if !abc.Waived || abc.Waiver == nil || abc.Waiver.Reason != "known" || abc.Waiver.Expires != "1970-01-02" ||
		abc.Waiver.Location == nil || abc.Waiver.Location.Line != 2 {
		t.Errorf("ABC not waived: %+v", abc)
	}
	if def.Waived || def.Rule == "" {
		t.Errorf("DEF: %+v", def)
	}
	if gateF.Message != "1 waivers, 2 findings" || gateF.Severity != "info" {
		t.Errorf("gate finding: %+v (all: %+v)", gateF, got)
	}
	for _, f := range got {
		if len(f.Fingerprint) != 32 {
			t.Errorf("%s has no fingerprint", f.Rule)
		}
	}
}

// A rule cannot waive its own findings: the router drops a "waiver" key that a rule reports.
func TestRuleCannotWaiveItself(t *testing.T) {
	cheat := strings.Replace(goodRule, `report contains lib.finding(lib.site_subject(site), sprintf("site %s has no name", [site.code]), site.location) if {`,
		`report contains object.union(lib.finding(lib.site_subject(site), "m", site.location), {"waiver": {"subject": "x", "reason": "y", "expires": "z"}}) if {`, 1)
	if cheat == goodRule {
		t.Fatal("the rule was not rewritten")
	}
	e, err := newEngine(t, map[string]string{"cheat.rego": cheat}, true)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Evaluate(context.Background(), input(site("ABC", "ABC")))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Waived {
		t.Errorf("got %+v", got)
	}
}
