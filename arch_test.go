package pushlint_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/pushlint/pushlint"

// allowed says which of pushlint's own packages each package may import (its non-test files), as the design
// draws the arrows: the CLI wires everything; facts reads the world and knows no policy, finding or report;
// the engine evaluates and produces findings; the timeline joins facts and findings; the report prints
// findings and timelines; finding is a leaf; internal/ helpers serve everyone and import only each other.
// Keys and values are package paths relative to the module ("." is the root package that embeds the policies);
// a value ending in "/..." allows the folder and everything under it.
var allowed = map[string][]string{
	"cmd/pushlint":     {"...", "."},
	".":                {},
	"finding":          {},
	"engine":           {"finding", "internal/..."},
	"facts/...":        {"facts/...", "internal/..."},
	"timeline":         {"facts/...", "finding", "internal/..."},
	"report":           {"finding", "timeline", "internal/..."},
	"internal/ruledoc": {"engine", "finding", "internal/..."}, // documents rules from the engine's METADATA and tests
	"internal/...":     {"internal/..."},
	"scripts/...":      {"internal/..."}, // development tools (the benchmark data generator)
}

func matches(pattern, pkg string) bool {
	if pattern == "..." {
		return true
	}
	if prefix, ok := strings.CutSuffix(pattern, "/..."); ok {
		return pkg == prefix || strings.HasPrefix(pkg, prefix+"/")
	}
	return pkg == pattern
}

// rulesFor picks the most specific entry of allowed for pkg.
func rulesFor(pkg string) ([]string, bool) {
	best, found := "", false
	for k := range allowed {
		if matches(k, pkg) && (!found || len(k) > len(best)) {
			best, found = k, true
		}
	}
	return allowed[best], found
}

// TestImportGraph keeps the structure true: every import of one pushlint package by another follows an arrow
// of the design, and no package of the program is a test package.
func TestImportGraph(t *testing.T) {
	imports := map[string]map[string]string{} // package → imported package → file
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != "." && (strings.HasPrefix(n, ".") || n == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := path.Dir(filepath.ToSlash(p))
		if imports[pkg] == nil {
			imports[pkg] = map[string]string{}
		}
		for _, imp := range f.Imports {
			ip, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case ip == module:
				imports[pkg]["."] = p
			case strings.HasPrefix(ip, module+"/"):
				imports[pkg][strings.TrimPrefix(ip, module+"/")] = p
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 10 {
		t.Fatalf("found only %d packages; is the test running from the module root?", len(imports))
	}
	for pkg, deps := range imports {
		if strings.HasSuffix(pkg, "_test") {
			t.Errorf("%s: a package of the program lives in a folder named like a test package", pkg)
		}
		rules, ok := rulesFor(pkg)
		if !ok {
			t.Errorf("%s: no arrows are drawn for this package; add it to allowed with what it may import", pkg)
			continue
		}
		for dep, file := range deps {
			ok := false
			for _, r := range rules {
				ok = ok || matches(r, dep)
			}
			if strings.HasSuffix(dep, "_test") {
				ok = false
			}
			if !ok {
				t.Errorf("%s imports %s, against the design (allowed: %v)", file, dep, rules)
			}
		}
	}
}

func TestRulesForPicksTheMostSpecificEntry(t *testing.T) {
	for pkg, want := range map[string]string{
		"internal/ruledoc": "engine", "internal/termsafe": "internal/...", "facts/logs/lines": "facts/...", "report": "timeline",
	} {
		rules, ok := rulesFor(pkg)
		if !ok || !strings.Contains(strings.Join(rules, " "), want) {
			t.Errorf("rulesFor(%s) = %v, want it to allow %s", pkg, rules, want)
		}
	}
	if _, ok := rulesFor("cmd/other"); ok {
		t.Error("a new command must get its own arrows")
	}
}
