package clients

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/internal/strictyaml"
)

// fuzzExport checks what every export read must satisfy, whatever the bytes: no panic, and either records
// that all have a machine name and a position inside the file, or positioned one-line errors.
func fuzzExport(t *testing.T, data []byte) {
	exp, err := Load("fuzz.csv", data, Options{})
	if err != nil {
		var errs strictyaml.Errors
		if !errors.As(err, &errs) {
			// Errors from the JSON and CSV readers that carry their position in the text.
			if !strings.HasPrefix(err.Error(), "fuzz.csv:") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		for _, e := range errs {
			if e.File != "fuzz.csv" || e.Line < 1 || e.Column < 1 || strings.ContainsAny(e.Message, "\n") {
				t.Fatalf("badly positioned error: %+v", e)
			}
		}
		return
	}
	lines := strings.Count(string(data), "\n") + 1
	for _, c := range exp.Clients {
		if c.Name == "" || c.Machine == "" {
			t.Fatalf("record without a machine: %+v", c)
		}
		if c.Location.Line < 1 || c.Location.Line > lines || c.Location.Column < 1 {
			t.Fatalf("record at %+v, outside the %d lines of the file", c.Location, lines)
		}
	}
	if len(exp.Source.Notes) > MaxNotes+2 { // the column notes, "N more", and the note on rows cut in evidence
		t.Fatalf("%d notes", len(exp.Source.Notes))
	}
}

func addFixtures(f *testing.F, pattern string) {
	files, _ := filepath.Glob(filepath.Join("testdata", pattern))
	bad, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "bad", "clients", pattern))
	for _, p := range append(files, bad...) {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzLoadCSV reads arbitrary delimited text as a client export.
func FuzzLoadCSV(f *testing.F) {
	addFixtures(f, "*.csv")
	addFixtures(f, "*.txt")
	f.Add([]byte("Name,Client,Last Heartbeat,IP Addresses\nPC1,Yes,2026-11-20 08:00,\"10.0.0.1, fe80::1\"\n"))
	f.Add([]byte("sep=;\nName;SMS Unique Identifier\nPC1;GUID:1\n"))
	f.Fuzz(fuzzExport)
}

// FuzzLoadJSON reads arbitrary JSON as a client export.
func FuzzLoadJSON(f *testing.F) {
	addFixtures(f, "*.json")
	f.Add([]byte(`[{"Name": "PC1", "Client": true, "ResourceID": 16777220, "IPAddresses": {"value": ["10.0.0.1"], "Count": 1}}]`))
	f.Add([]byte(`{"Name": "PC1"}`))
	f.Fuzz(fuzzExport)
}
