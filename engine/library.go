package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/pushlint/pushlint/finding"
)

// userData is a data file of a --policy folder.
type userData struct {
	display string
	dir     string         // its folder in the tree: the path its keys are loaded at
	obj     map[string]any // its content
}

// reaches says whether data loaded at prefix puts a value at or below root: a data.yaml at the top of a
// folder can spell {pushlint: {lib: ...}} as well as a file in pushlint/lib/ can.
func reaches(prefix []string, obj map[string]any, root []string) bool {
	for k, v := range obj {
		p := append(append([]string(nil), prefix...), k)
		switch {
		case len(p) >= len(root) && equalParts(p[:len(root)], root):
			return true
		case len(p) < len(root) && equalParts(p, root[:len(p)]):
			if child, ok := v.(map[string]any); ok && reaches(p, child, root) {
				return true
			}
		}
	}
	return false
}

func equalParts(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkLibrary finds the files of --policy folders that define anything inside the built-in library or router
// (the packages of built-in policies that are not rules: pushlint.lib, pushlint.main) or the parameters. Such
// a file changes what every rule means: one function in pushlint.lib can make every waiver cover every finding,
// and the run exits 0 with "no findings". It is refused unless allow is set; then each is reported.
func (l *loaded) checkLibrary(allow bool) error {
	protected := map[string]bool{ParamsRoot: true}
	for _, f := range l.files {
		pkg := strings.TrimPrefix(f.module.Package.Path.String(), "data.")
		if f.builtin && !f.test && !strings.HasPrefix(pkg+".", RulesRoot+".") && !strings.HasPrefix(pkg+".", GateRoot+".") {
			protected[pkg] = true
		}
	}
	roots := make([]ast.Ref, 0, len(protected))
	for pkg := range protected {
		roots = append(roots, ast.MustParseRef("data."+pkg))
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i].Compare(roots[j]) < 0 })
	var refused []string
	for _, f := range l.files {
		if f.builtin {
			continue
		}
		for _, def := range definedRefs(f.module) {
			root, ok := overlapping(def, roots)
			if !ok {
				continue
			}
			what := fmt.Sprintf("%s:%d: package %s defines %s, inside pushlint's built-in %s", f.name, def.row,
				strings.TrimPrefix(f.module.Package.Path.String(), "data."), def.ref, describeRoot(root))
			refused = append(refused, what)
			l.changes = append(l.changes, finding.Change{Kind: finding.ChangeLibraryOverride, File: f.name,
				Package: strings.TrimPrefix(root.String(), "data."), Source: "--allow-library-override",
				Message: fmt.Sprintf("%s defines %s inside pushlint's built-in %s (allowed by --allow-library-override): findings, waivers and thresholds may not mean what the built-in policies say",
					f.name, def.ref, describeRoot(root))})
			break
		}
	}
	// A data file can add keys under the parameters (a house rule's own threshold), never into the library.
	for _, d := range l.userData {
		var prefix []string
		if d.dir != "." {
			prefix = strings.Split(d.dir, "/")
		}
		for _, root := range roots {
			name := strings.TrimPrefix(root.String(), "data.")
			if name == ParamsRoot || !reaches(prefix, d.obj, strings.Split(name, ".")) {
				continue
			}
			refused = append(refused, fmt.Sprintf("%s: data loaded into data.%s, pushlint's built-in %s", d.display, name, describeRoot(root)))
			l.changes = append(l.changes, finding.Change{Kind: finding.ChangeLibraryOverride, File: d.display, Package: name,
				Source: "--allow-library-override",
				Message: fmt.Sprintf("%s loads data into data.%s, pushlint's built-in %s (allowed by --allow-library-override): findings and waivers may not mean what the built-in policies say",
					d.display, name, describeRoot(root))})
			break
		}
	}
	if len(refused) > 0 && !allow {
		refused = append(refused, "a file there changes what every rule and waiver means; give --allow-library-override to load it anyway (every report then says so)")
		return &PolicyError{Kind: "library", Messages: refused}
	}
	return nil
}

func describeRoot(root ast.Ref) string {
	switch s := strings.TrimPrefix(root.String(), "data."); s {
	case "pushlint.main":
		return "router (" + s + ")"
	case ParamsRoot:
		return "parameters (" + s + ")"
	default:
		return "library (" + s + ")"
	}
}

type definedRef struct {
	ref  ast.Ref
	row  int
	rule bool // a rule's document; else the package itself
}

// definedRefs are the documents a module defines: its package, and each rule's path below it (ref heads such
// as `lib.x := 1` in package pushlint reach into other packages).
func definedRefs(m *ast.Module) []definedRef {
	out := []definedRef{{m.Package.Path, m.Package.Location.Row, false}}
	for _, r := range m.Rules {
		head := r.Head.Ref().GroundPrefix().Copy()
		if v, ok := head[0].Value.(ast.Var); ok {
			head[0] = ast.StringTerm(string(v)) // the rule's name is the first key below the package
		}
		ref := m.Package.Path.Concat(head)
		out = append(out, definedRef{ref, r.Location.Row, true})
	}
	return out
}

// overlapping is the protected root that a package lies in, or that a rule's document lies in or contains.
func overlapping(def definedRef, roots []ast.Ref) (ast.Ref, bool) {
	for _, root := range roots {
		if def.ref.HasPrefix(root) || (def.rule && root.HasPrefix(def.ref)) {
			return root, true
		}
	}
	return nil, false
}
