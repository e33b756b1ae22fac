package engine

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"
)

// inputReads is what a rule package reads of the input document: the top-level keys its report rule, and
// every rule and function that rule depends on, refer to (input.machines → "machines"). whole is true when
// some rule reads the input as a whole or through a key only known at evaluation time (input[k], walk(input)).
type inputReads struct {
	keys  map[string]bool
	whole bool
}

// readsAny says whether the package reads any of the keys.
func (r inputReads) readsAny(keys []string) bool {
	if r.whole {
		return true
	}
	for _, k := range keys {
		if r.keys[k] {
			return true
		}
	}
	return false
}

// union adds what o reads.
func (r inputReads) union(o inputReads) inputReads {
	r.whole = r.whole || o.whole
	for k := range o.keys {
		r.keys[k] = true
	}
	return r
}

// packageReads works out inputReads for a package from the compiled policies, following the rule graph
// from its report and notes rules (or those of roots, when given).
func packageReads(c *ast.Compiler, pkg string, roots ...string) inputReads {
	return readsFrom(c, pkg, nil, roots...)
}

// routerReads is what the router and the gate rules read; the rule packages' reports are handed to the
// router as data, so what those packages read does not count.
func routerReads(c *ast.Compiler, pkg string) inputReads {
	rulesRoot := ast.MustParseRef("data." + RulesRoot)
	return readsFrom(c, pkg, func(r *ast.Rule) bool { return r.Module != nil && r.Module.Package.Path.HasPrefix(rulesRoot) }, "report", "notes")
}

// readsFrom is packageReads that does not follow the rules skip says.
func readsFrom(c *ast.Compiler, pkg string, skip func(*ast.Rule) bool, roots ...string) inputReads {
	reads := inputReads{keys: map[string]bool{}}
	seen := map[util.T]bool{}
	var queue []util.T
	if len(roots) == 0 {
		roots = []string{"report", "notes"}
	}
	for _, root := range roots {
		for _, r := range c.GetRules(ast.MustParseRef("data." + pkg + "." + root)) {
			queue = append(queue, r)
		}
	}
	for len(queue) > 0 {
		node := queue[0]
		queue = queue[1:]
		if seen[node] {
			continue
		}
		seen[node] = true
		rule, ok := node.(*ast.Rule)
		if !ok || (skip != nil && skip(rule)) {
			continue
		}
		var visit func(t *ast.Term) bool
		visit = func(t *ast.Term) bool {
			switch v := t.Value.(type) {
			case ast.Var:
				if v.Equal(ast.InputRootDocument.Value) {
					reads.whole = true
				}
			case ast.Ref:
				if !v[0].Equal(ast.InputRootDocument) {
					return false
				}
				if len(v) < 2 {
					reads.whole = true
				} else if key, ok := v[1].Value.(ast.String); ok {
					reads.keys[string(key)] = true
				} else {
					reads.whole = true
				}
				for _, x := range v[1:] {
					ast.WalkTerms(x, visit)
				}
				return true
			}
			return false
		}
		ast.WalkTerms(rule, visit)
		for dep := range c.Graph.Dependencies(rule) {
			queue = append(queue, dep)
		}
	}
	return reads
}
