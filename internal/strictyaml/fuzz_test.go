package strictyaml

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// walk reads every value of the document the way the readers do, asking each scalar for every type, so
// that the fuzzer reaches all of the Decoder.
func walk(n *Node, depth int) {
	if n == nil || depth > 200 || n.d.Full() {
		return
	}
	switch v := n.n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		var keys []string
		values := []*ast.MappingValueNode{}
		if m, ok := v.(*ast.MappingNode); ok {
			values = m.Values
		} else {
			values = append(values, v.(*ast.MappingValueNode))
		}
		for i, mv := range values {
			if i%2 == 0 { // leave some keys unknown
				keys = append(keys, scalarText(mv.Key))
			}
		}
		m := n.Map("thing", keys...)
		m.Require("thing", "version")
		for _, k := range m.Keys() {
			walk(m.Get(k), depth+1)
			_ = m.KeyLoc(k)
		}
	case *ast.SequenceNode:
		for _, item := range n.List("things") {
			walk(item, depth+1)
		}
	default:
		n.String("s")
		n.Bool("b")
		n.Int("i")
		n.Enum("e", "a", "b")
		n.Duration("d")
		n.IsNull()
	}
}

// FuzzParse parses and walks arbitrary bytes: never a panic, never a hang, and every error names a
// position in the file on one line.
func FuzzParse(f *testing.F) {
	var seeds []string
	for _, g := range []string{"../../testdata/bad/site/*.yaml", "../../testdata/bad/waivers/*.yaml", "../../examples/*.yaml", "../../examples/ci/*.yaml"} {
		m, _ := filepath.Glob(g)
		seeds = append(seeds, m...)
	}
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("a: |\n  text\n b: 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan error, 1)
		go func() {
			doc, err := Parse("f.yaml", data, DefaultLimits)
			if err == nil {
				d := NewDecoder(doc)
				walk(d.Root(), 0)
				err = d.Err()
			}
			done <- err
		}()
		var err error
		select {
		case err = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("no result within 10s for %q", data)
		}
		if err == nil {
			return
		}
		var errs Errors
		if !errors.As(err, &errs) || len(errs) == 0 {
			t.Fatalf("error without position: %T %v", err, err)
		}
		for _, e := range errs {
			if e.File != "f.yaml" || e.Line < 1 || e.Column < 1 || strings.Contains(e.Message, "\n") {
				t.Fatalf("badly positioned error: %+v", e)
			}
		}
		if len(errs) > DefaultLimits.MaxErrors {
			t.Fatalf("%d errors", len(errs))
		}
	})
}
