// Package pushlint carries the built-in policy tree into the binary: the Rego rules, their library, router
// and data files (signatures, error codes, timeline stages) under policies/, and their Rego tests under
// policies_test/, so that `pushlint test` runs the same tests as `go tool opa test policies policies_test`.
// Only the CLI imports it; it hands these trees down to the packages that read them (the engine, facts, the
// timeline), so no package below the CLI knows where the policies come from.
package pushlint

import (
	"embed"
	"io/fs"
)

//go:embed policies
var policyTree embed.FS

//go:embed policies_test
var policyTestTree embed.FS

// Policies is the built-in policy tree, rooted at policies/.
var Policies = sub(policyTree, "policies")

// PolicyTests is the tree of the built-in policies' Rego tests, rooted at policies_test/.
var PolicyTests = sub(policyTestTree, "policies_test")

func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // dir is a literal embedded above: fs.Sub fails only on an invalid path
	}
	return s
}

// LibraryModules is the source of the Rego library (policies/lib) by path, for tests that evaluate one of
// its functions on its own against the Go code it must agree with.
func LibraryModules() (map[string]string, error) {
	modules := map[string]string{}
	err := fs.WalkDir(Policies, "lib", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Policies, p)
		modules[p] = string(b)
		return err
	})
	return modules, err
}
