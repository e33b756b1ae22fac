package waivers

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gobwas/glob"

	"github.com/pushlint/pushlint/internal/strictyaml"
)

// FuzzLoad reads arbitrary bytes as a waivers file: never a panic; accepted waivers are complete, and
// rejections are positioned one-line errors.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/bad/waivers/*.yaml")
	seeds = append(seeds, "../../examples/ci/waivers.yaml")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ws, err := Load("w.yaml", data)
		if err != nil {
			var errs strictyaml.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error without position: %v", err)
			}
			for _, e := range errs {
				if e.File != "w.yaml" || e.Line < 1 || e.Column < 1 || strings.Contains(e.Message, "\n") {
					t.Fatalf("badly positioned error: %+v", e)
				}
			}
			return
		}
		for _, w := range ws {
			if !ruleIDRE.MatchString(w.Rule) || strings.TrimSpace(w.Subject) == "" || strings.TrimSpace(w.Reason) == "" || w.Expires == "" {
				t.Fatalf("incomplete waiver accepted: %+v", w)
			}
			// The router matches subjects with glob.match: an accepted subject must compile there.
			if _, err := glob.Compile(strings.ToLower(w.Subject), '/'); err != nil {
				t.Fatalf("waiver subject %q accepted, but glob.match cannot compile it: %v", w.Subject, err)
			}
		}
	})
}
