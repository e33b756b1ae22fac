package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/strictyaml"
)

// FuzzParseBaseline reads arbitrary bytes as a --baseline report: never a panic; a rejection is one line per
// error, each at a line and column inside the file; an accepted baseline is valid against the report's
// schema and marks every finding of a run new or unchanged.
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
	f.Add([]byte(`{"version": 1, "tool": {"name": "pushlint", "version": "0.1.0"}, "findings": [{"fingerprint": "0b23d508be4bfdbc5011e2e3fb07486a"}], "summary": {}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		bl, err := parseBaseline("b.json", data)
		if err != nil {
			var errs strictyaml.Errors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("error without position: %v", err)
			}
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, e := range errs {
				if e.File != "b.json" || e.Line < 1 || e.Line > lines || e.Column < 1 || strings.Contains(e.Message, "\n") {
					t.Fatalf("badly positioned error: %+v", e)
				}
			}
			return
		}
		if err := ValidateJSON("b.json", data); err != nil {
			t.Fatalf("baseline accepted, but the report schema rejects it: %v", err)
		}
		findings := append([]finding.Finding(nil), sample.Findings...)
		s := bl.Mark(findings)
		if s.New+s.Unchanged != len(findings) || s.Fixed < 0 {
			t.Fatalf("summary %+v", s)
		}
	})
}
