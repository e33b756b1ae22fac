package policiestest

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/pushlint/pushlint"
)

// orderAndArithmetic are the operators a threshold takes part in: a number compared by order (late > 86400) or
// used to compute one (168 * 3600). A number compared for equality is an identity (an error code, an exit
// code), not a threshold.
var orderAndArithmetic = map[string]bool{
	"lt": true, "lte": true, "gt": true, "gte": true,
	"plus": true, "minus": true, "mul": true, "div": true, "rem": true,
}

// thresholdLiterals lists the numbers a rule module decides with instead of reading data.pushlint.params: a
// number other than 0 and 1 compared by order or used in arithmetic, directly or through a constant of the
// module (_limit := 168 ... m.retries >= _limit), and a numeric constant used for anything but an equality
// test (a default interval handed on as a value).
func thresholdLiterals(m *ast.Module) []string {
	constants := map[ast.Var]*ast.Rule{}
	for _, r := range m.Rules {
		if len(r.Head.Args) == 0 && r.Head.Value != nil && numeric(r.Head.Value, nil) {
			constants[r.Head.Name] = r
		}
	}
	var found []string
	report := func(t *ast.Term, what string) {
		found = append(found, fmt.Sprintf("%s:%d: %s", m.Package.Location.File, t.Location.Row, what))
	}
	check := func(op string, args []*ast.Term) {
		if !orderAndArithmetic[op] {
			return
		}
		for _, a := range args {
			switch v := a.Value.(type) {
			case ast.Number:
				if s := v.String(); s != "0" && s != "1" && s != "-1" {
					report(a, fmt.Sprintf("the number %s in %s", s, op))
				}
			case ast.Var:
				if r, ok := constants[v]; ok {
					report(a, fmt.Sprintf("%s (= %s, line %d) in %s", v, r.Head.Value, r.Location.Row, op))
				}
			case ast.Ref:
				if r, ok := constants[v[0].Value.(ast.Var)]; ok && len(v) == 1 {
					report(a, fmt.Sprintf("%s (= %s, line %d) in %s", v, r.Head.Value, r.Location.Row, op))
				}
			}
		}
	}
	// Uses of each constant, and how many of them are equality tests (input.code == _class_not_registered).
	uses, equalities := map[ast.Var]int{}, map[ast.Var]int{}
	constant := func(t *ast.Term) (ast.Var, bool) {
		switch v := t.Value.(type) {
		case ast.Var:
			_, ok := constants[v]
			return v, ok
		case ast.Ref:
			if head, ok := v[0].Value.(ast.Var); ok && len(v) == 1 {
				_, ok := constants[head]
				return head, ok
			}
		}
		return "", false
	}
	equality := func(op string, args []*ast.Term) {
		if op == "equal" || op == "neq" {
			for _, a := range args {
				if v, ok := constant(a); ok {
					equalities[v]++
				}
			}
		}
	}
	ast.WalkExprs(m, func(e *ast.Expr) bool {
		if e.IsCall() {
			check(e.Operator().String(), e.Operands())
			equality(e.Operator().String(), e.Operands())
		}
		return false
	})
	ast.WalkTerms(m, func(t *ast.Term) bool {
		if c, ok := t.Value.(ast.Call); ok {
			check(c[0].String(), c[1:])
			equality(c[0].String(), c[1:])
		}
		if v, ok := constant(t); ok {
			uses[v]++
		}
		return false
	})
	for v, r := range constants {
		if uses[v] > equalities[v] {
			report(r.Head.Value, fmt.Sprintf("the constant %s = %s used as a value", v, r.Head.Value))
		}
	}
	sort.Strings(found)
	return found
}

// numeric says whether a term is a number, or arithmetic over numbers.
func numeric(t *ast.Term, _ map[ast.Var]bool) bool {
	switch v := t.Value.(type) {
	case ast.Number:
		return true
	case ast.Call:
		if !orderAndArithmetic[v[0].String()] {
			return false
		}
		for _, a := range v[1:] {
			if !numeric(a, nil) {
				return false
			}
		}
		return true
	}
	return false
}

// Every number a rule decides with lives in policies/pushlint/params/data.yaml (rules.md, "Parameters are
// data"): an auditor changes a threshold in .pushlint.yaml, never by copying a rule.
func TestNoThresholdLiteralInRules(t *testing.T) {
	var found []string
	err := fs.WalkDir(pushlint.Policies, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		b, err := fs.ReadFile(pushlint.Policies, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts("policies/"+p, string(b), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		pkg := m.Package.Path.String()
		if strings.HasPrefix(pkg, "data.pushlint.rules.") || strings.HasPrefix(pkg, "data.pushlint.gate.") {
			found = append(found, thresholdLiterals(m)...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("%s: a threshold belongs in policies/pushlint/params/data.yaml, read as data.pushlint.params.<name>", f)
	}
}

// The scan must find what it is for, and leave identities and counts alone.
func TestThresholdScan(t *testing.T) {
	tests := []struct {
		name, body string
		want       int
	}{
		{"order", "report contains 1 if input.late > 86400", 1},
		{"arithmetic", "report contains x if x := input.tries * 3600", 1},
		{"constant", "_limit := 168\n\nreport contains 1 if input.retries >= _limit", 1},
		{"computed constant", "_window := (168 * 60) * 60\n\nreport contains 1 if input.age > _window", 1},
		{"nested", "report contains 1 if input.late > input.interval + 86400", 1},
		{"param", "_limit := data.pushlint.params.retry_limit\n\nreport contains 1 if input.retries >= _limit", 0},
		{"error code", "report contains 1 if input.code == 53", 0},
		{"error code constant", "_class := 2147746132\n\nreport contains 1 if input.code == _class", 0},
		{"count", "report contains 1 if count(input.sites) > 0", 0},
		{"last index", "report contains x if x := input.list[count(input.list) - 1]", 0},
		{"more than one", "report contains 1 if input.attempts > 1", 0},
		{"constant handed on", "_default := 604800\n\nreport contains x if x := {\"seconds\": _default}", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ast.MustParseModuleWithOpts("package pushlint.rules.x.y\n\n"+tt.body+"\n", ast.ParserOptions{RegoVersion: ast.RegoV1})
			if got := thresholdLiterals(m); (len(got) > 0) != (tt.want > 0) {
				t.Errorf("found %v, want findings: %v", got, tt.want > 0)
			}
		})
	}
}
