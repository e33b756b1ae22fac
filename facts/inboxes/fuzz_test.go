package inboxes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse reads arbitrary bytes as a CCR file: never a panic; a request is valid exactly when it has no
// problem and a usable machine name, and every problem points at a line of the file.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.ccr")
	more, _ := filepath.Glob("../../testdata/bad/inboxes/*/*/*")
	for _, p := range append(seeds, more...) {
		if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() || st.Size() > 1<<16 {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("[NT Client Configuration Request]\r\nMachine Name=PC1\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := CCRFile{Problems: []Problem{}, Sections: []string{}, Properties: map[string]string{}, Location: Location{File: "x.ccr", Line: 1, Column: 1}}
		parse(&c, data)
		c.Valid = len(c.Problems) == 0
		lines := strings.Count(string(data), "\n") + 1
		for _, p := range c.Problems {
			if p.Line < 1 || p.Line > lines || p.Message == "" {
				t.Fatalf("problem %+v outside the %d lines", p, lines)
			}
		}
		if c.Valid && (c.MachineName == nil || *c.MachineName == "" || badNameChar(*c.MachineName) != "") {
			t.Fatalf("valid request without a usable machine name: %+v", c)
		}
		if c.Location.Line < 1 || c.Location.Line > lines {
			t.Fatalf("location %+v outside the %d lines", c.Location, lines)
		}
	})
}
