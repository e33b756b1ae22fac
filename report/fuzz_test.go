package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/finding"
)

// FuzzParseBaseline reads arbitrary bytes as a --baseline report: never a panic; a rejection names the
// file; an accepted baseline marks every finding of a run new or unchanged.
func FuzzParseBaseline(f *testing.F) {
	sample := sampleReport()
	var b bytes.Buffer
	w, _ := ForFormat("json", Options{})
	if err := w.Write(&b, sample); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`{"version": 1, "findings": []}`))
	f.Add([]byte(`{"version": 2, "findings": [{}]}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		bl, err := parseBaseline("b.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "baseline b.json: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		findings := append([]finding.Finding(nil), sample.Findings...)
		s := bl.Mark(findings)
		if s.New+s.Unchanged != len(findings) || s.Fixed < 0 {
			t.Fatalf("summary %+v", s)
		}
	})
}
