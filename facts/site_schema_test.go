package facts

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaBlind lists the malformed files under testdata/bad/site/ that the JSON Schema of site.yaml
// cannot reject, and why: they are wrong only across values, in their bytes, or in YAML features that a
// YAML-to-JSON conversion resolves silently. The Go reader rejects every one of them (facts/site tests); an
// editor using the schema will not.
var schemaBlind = map[string]string{
	"alias-bomb.yaml":                    "YAML aliases: the schema validates values after expansion and cannot limit it; the reader caps it",
	"billion-laughs.yaml":                "YAML aliases expanding to a million values: the schema validates after expansion; the reader caps it",
	"self-alias.yaml":                    "an alias to its own enclosing list: YAML resolves it before a schema sees anything",
	"merge-key.yaml":                     "a merge key (<<) is resolved by the YAML parser before the schema sees the mapping",
	"nul-byte.yaml":                      "a NUL byte inside a value: an encoding problem, below what a schema sees",
	"undefined-alias.yaml":               "an alias to no anchor is a YAML error, reported by the editor's YAML parser, not by the schema",
	"latin1.yaml":                        "the file's bytes are not UTF-8: an encoding problem, below what a schema sees",
	"second-document.yaml":               "a second YAML document after ---: the schema validates one document at a time",
	"duplicate-site-code.yaml":           "site codes must be unique across sites: JSON Schema cannot compare values of different items",
	"unknown-parent.yaml":                "a parent must name a site of the file: a reference across items",
	"parent-self.yaml":                   "a site cannot be its own parent: a comparison between two values",
	"parent-loop.yaml":                   "parents must not form a loop: a reference chain across items",
	"secondary-parent-of-secondary.yaml": "a secondary's parent must be a primary: a reference across items",
	"unbalanced-quote-properties.yaml":   "install_properties is parsed as Windows Installer properties by the reader; for the schema it is a string",
	"bad-boundary-subnet.yaml":           "a subnet's prefix length is checked by parsing the address, not by a pattern",
	"bad-ip-range.yaml":                  "an IP range must run from low to high: a comparison between two addresses",
	"boundary-host-bits.yaml":            "host bits set in a subnet: arithmetic on the address",
}

// TestSiteSchemaAcceptsGoodAndRejectsBadDescriptions validates every site description in the repository
// (examples, testdata) against facts/schema/site.schema.json, as an editor with yaml-language-server does.
func TestSiteSchemaAcceptsGoodAndRejectsBadDescriptions(t *testing.T) {
	schema := compileSiteSchema(t)
	good, bad := siteDescriptions(t)
	if len(good) == 0 || len(bad) == 0 {
		t.Fatalf("found %d good and %d bad site descriptions; the test would prove nothing", len(good), len(bad))
	}
	for _, path := range good {
		t.Run("good/"+path, func(t *testing.T) {
			doc, err := yamlToJSON(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(doc); err != nil {
				t.Errorf("valid site description rejected by the schema: %v", err)
			}
		})
	}
	for _, path := range bad {
		name := filepath.Base(path)
		t.Run("bad/"+name, func(t *testing.T) {
			why, blind := schemaBlind[name]
			if hasAliases(path) {
				// Expanding an alias bomb would take the test down; the reader caps the expansion.
				if !blind {
					t.Errorf("%s uses YAML aliases, which the schema validates only after expansion; list it in schemaBlind", name)
				}
				return
			}
			doc, err := yamlToJSON(path)
			rejected := err != nil || schema.Validate(doc) != nil
			switch {
			case blind && rejected:
				t.Errorf("the schema now rejects %s; remove it from schemaBlind (%s)", name, why)
			case !blind && !rejected:
				t.Errorf("malformed %s passes the schema; tighten facts/schema/site.schema.json or add it to schemaBlind with the reason", name)
			}
		})
	}
}

func compileSiteSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SiteSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("site.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("site.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// siteDescriptions finds every YAML file of the repository that is a site description: the malformed
// corpus (testdata/bad/site) and every other YAML file whose top level has a "sites" key. The rest of the
// bad-input corpus (waivers, policies) is left alone: it is no site description, and some of it is
// built to exhaust a YAML reader that has no limits.
func siteDescriptions(t *testing.T) (good, bad []string) {
	t.Helper()
	root := ".."
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := filepath.Ext(p); ext != ".yaml" && ext != ".yml" {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "testdata/bad/site/") {
			bad = append(bad, p)
			return nil
		}
		if strings.HasPrefix(rel, "testdata/bad/") {
			return nil
		}
		if isSiteDescription(p) {
			good = append(good, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(good)
	sort.Strings(bad)
	return good, bad
}

func isSiteDescription(path string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	var top map[string]any
	if yaml.Unmarshal(b, &top) != nil {
		return false
	}
	_, ok := top["sites"]
	return ok
}

// yamlToJSON converts a YAML file into the JSON value an editor's schema validation sees.
func yamlToJSON(path string) (any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v any
	if err := yaml.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	if v == nil {
		return nil, errors.New("empty document")
	}
	j, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(j))
}

// hasAliases reports whether a YAML file refers to anchors (*name), without expanding them.
func hasAliases(path string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	f, err := parser.ParseBytes(b, 0)
	if err != nil {
		return false
	}
	found := false
	for _, d := range f.Docs {
		ast.Walk(aliasFinder{&found}, d)
	}
	return found
}

type aliasFinder struct{ found *bool }

func (a aliasFinder) Visit(n ast.Node) ast.Visitor {
	if _, ok := n.(*ast.AliasNode); ok {
		*a.found = true
	}
	return a
}
