package policiestest

import (
	"context"
	"sync"
	"testing"

	"github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/facts"
)

// builtinTests runs the built-in Rego tests once for the tests of this package that read their results.
var builtinTests = sync.OnceValues(func() (*engine.TestReport, error) {
	return engine.RunTests(context.Background(), engine.Options{
		Builtin:     engine.Source{Name: "policies", FS: pushlint.Policies, Builtin: true},
		InputSchema: facts.InputSchema,
	}, []engine.Source{{Name: "policies_test", FS: pushlint.PolicyTests, Builtin: true}})
})

// TestRegoPolicies runs every built-in Rego test through the same compiler, input schema and sandbox that
// `pushlint check` uses, so `go test ./...` fails when `opa test policies policies_test` would.
func TestRegoPolicies(t *testing.T) {
	rep, err := builtinTests()
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) == 0 {
		t.Fatal("no Rego tests found")
	}
	for _, r := range rep.Results {
		t.Run(r.Package+"."+r.Name, func(t *testing.T) {
			switch {
			case r.Skip:
				t.Skipf("%s:%d skipped (todo_ test)", r.File, r.Line)
			case !r.Pass:
				t.Errorf("%s:%d failed %s", r.File, r.Line, r.Error)
			}
		})
	}
}

// TestEveryRuleHasTests: a rule without a test file is a rule nobody has seen fire.
func TestEveryRuleHasTests(t *testing.T) {
	rep, err := builtinTests()
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]int{}
	for _, r := range rep.Results {
		tested[r.Package]++
	}
	e, err := engine.New(context.Background(), engine.Options{
		Builtin:     engine.Source{Name: "policies", FS: pushlint.Policies, Builtin: true},
		InputSchema: facts.InputSchema,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range e.Rules() {
		if n := tested["data."+rule.Package+"_test"]; n < 2 {
			t.Errorf("%s (%s) has %d tests in package %s_test; want fire and no-fire cases", rule.ID, rule.File, n, rule.Package)
		}
	}
}
