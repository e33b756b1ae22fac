package strictyaml

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCheckNesting(t *testing.T) {
	repeat := strings.Repeat
	var indented strings.Builder
	for i := range 300 {
		indented.WriteString(repeat(" ", i) + "k:\n")
	}
	tests := []struct {
		name, text, err string
	}{
		{"flow brackets", "sites: " + repeat("[", 100_000) + repeat("]", 100_000), "x.yaml:1:263: nesting is deeper than 64 levels"},
		{"flow mappings", "sites:\n  " + repeat("{a: ", 10_000), "x.yaml:2:1019: nesting is deeper than 64 levels"},
		{"compact sequences", "sites:\n" + repeat("- ", 10_000) + "x\n", "x.yaml:2:511: nesting is deeper than 64 levels"},
		{"indentation", indented.String(), "x.yaml:257:258: nesting is deeper than 64 levels"},
		{"flow across lines", "a: [\n" + repeat("[\n", 300), "x.yaml:256:1: nesting is deeper than 64 levels"},
		{"brackets in plain scalars", repeat("- name: see [1 and {2\n", 1000), ""},
		{"brackets in quotes", repeat("- \"[[[[[[[[[[\" \n- '[{[{[{'' [[[['\n", 300), ""},
		{"brackets in comments", repeat("a: 1 # [[[[[[[[[[\n", 300), ""},
		{"block scalar", "text: |\n" + strings.ReplaceAll("\n"+indented.String(), "\n", "\n  ")[1:] + "\nnext: 1\n", ""},
		{"folded scalar", "text: >-\n" + repeat("   [[[[[[[[[\n", 300), ""},
		{"multi-line double quotes", "a: \"" + repeat("[\\\n", 300) + "\"\nb: 1\n", ""},
		{"unclosed double quote ending in a backslash", "\"\n\\\\\\", ""},
		{"a modest flow", "a: " + repeat("[", 60) + repeat("]", 60), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			err := checkNesting("x.yaml", []byte(tt.text), 64)
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("scan took %s", elapsed)
			}
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.err {
				t.Errorf("got %q, want %q", got, tt.err)
			}
		})
	}
}

// Every real file the project holds passes the scan.
func TestCheckNestingAcceptsRealFiles(t *testing.T) {
	var files []string
	for _, g := range []string{"../../examples/*.yaml", "../../examples/*/*.yaml", "../../policies/*/*/data.yaml", "../../.github/*/*.yml"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 3 {
		t.Fatalf("only %d files found", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkNesting(f, b, 64); err != nil {
			t.Errorf("%v", err)
		}
	}
}
