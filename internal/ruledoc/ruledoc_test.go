package ruledoc

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/finding"
)

func TestGenerateQuotesTheFirstFiringAndPassingTests(t *testing.T) {
	tests := fstest.MapFS{"acme/x_test.rego": {Data: []byte(`package pushlint.rules.acme.x_test

import data.pushlint.rules.acme.x

helper := 1

test_passes_when_named if {
	x.report == set() with input as {"sites": [{"code": "ABC", "name": "Central"}]}
}

test_fires_when_unnamed if {
	count(x.report) == 1 with input as {"sites": [{"code": "ABC", "name": "ABC"}]}
}

test_fires_twice if {
	true
}
`)}}
	rules := []finding.Rule{
		{ID: "ACME001", Title: "Site | has no name", Severity: "warning", KBSection: "Intro", Remediation: "Name it.",
			Package: "pushlint.rules.acme.x", File: "house/x.rego", Reads: []string{"sites[].name"}, Params: []string{"name_grace"}},
		{ID: "ACME002", Title: "Untested", Severity: "info", KBSection: "Intro", Remediation: "-", Package: "pushlint.rules.acme.y", File: "house/y.rego"},
	}
	params := []engine.Param{{Name: "name_grace", Key: "name_grace_seconds", Duration: true, Default: 7200, Value: 7200,
		Doc: "How long a site may | go unnamed.", Rules: []string{"ACME001"}}}
	pages, err := Generate(rules, params, []engine.Source{{Name: "house", FS: tests}})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 3 {
		t.Fatalf("pages %v", len(pages))
	}
	p := string(pages["ACME001.md"])
	for _, want := range []string{
		"# ACME001: Site | has no name\n\n" + Marker,
		"| Severity | warning |",
		"| Category | acme |",
		"From its test in `house/acme/x_test.rego` (line 11):\n\n```rego\ntest_fires_when_unnamed if {\n\tcount(x.report) == 1",
		"From its test in `house/acme/x_test.rego` (line 7):\n\n```rego\ntest_passes_when_named if {",
		"- `sites[].name`",
		"  - rule: ACME001\n",
		"## Parameters\n\nThe numbers this rule decides with",
		"| `name_grace` | 2h | How long a site may \\| go unnamed. |\n",
	} {
		if !strings.Contains(p, want) {
			t.Errorf("page lacks %q:\n%s", want, p)
		}
	}
	if strings.Contains(p, "test_fires_twice") {
		t.Error("only the first firing test is quoted")
	}
	if !strings.Contains(string(pages["ACME002.md"]), "This rule has no such test yet.") {
		t.Error("a rule without tests must say so")
	}
	if !strings.Contains(string(pages["ACME002.md"]), "## Parameters\n\nNone: this rule has no threshold to set.") {
		t.Error("a rule without parameters must say so")
	}
	if !strings.Contains(string(pages[Index]), "| `name_grace` | 2h | [ACME001](ACME001.md) | How long a site may \\| go unnamed. |") {
		t.Errorf("index lacks the parameter table:\n%s", pages[Index])
	}
	if !strings.Contains(string(pages[Index]), `| [ACME001](ACME001.md) | warning | Site \| has no name | Intro |`) {
		t.Errorf("index:\n%s", pages[Index])
	}
}
