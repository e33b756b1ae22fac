package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pushlint/pushlint/internal/strictyaml"
)

// FuzzLoad feeds arbitrary bytes to the site.yaml reader: it must never panic, and every rejection must be
// positioned errors (file:line:col), because that is all a user gets to find the problem.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/bad/site/*.yaml")
	seeds = append(seeds, "../../examples/site.yaml", "../../examples/clean-site.yaml")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		type result struct {
			desc *Description
			err  error
		}
		done := make(chan result, 1)
		go func() {
			d, e := Load("fuzz.yaml", data)
			done <- result{d, e}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Load did not return within 10s on %q", data)
		}
		desc, err := r.desc, r.err
		if err == nil {
			if desc == nil || len(desc.Sites) == 0 {
				t.Fatalf("accepted a description without sites")
			}
			return
		}
		var yerrs strictyaml.Errors
		if !errors.As(err, &yerrs) || len(yerrs) == 0 {
			t.Fatalf("error without position: %T %v", err, err)
		}
		for _, e := range yerrs {
			if e.Line < 1 || e.Column < 1 || e.File != "fuzz.yaml" || strings.ContainsRune(e.Message, '\n') {
				t.Fatalf("badly positioned error: %+v", e)
			}
		}
	})
}
