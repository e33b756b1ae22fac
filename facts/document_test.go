package facts

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestDocumentMatchesSchema: the document Build assembles from every kind of input validates against the
// schema the engine type-checks rules with, so a field missing from either one fails here first.
func TestDocumentMatchesSchema(t *testing.T) {
	inbox := t.TempDir()
	for dst, src := range map[string]string{
		"Ccr.box/test.ccr":        "inboxes/testdata/kb-manual.ccr",
		"Ccr.box/Inproc/AB12.CCR": "inboxes/testdata/generated.ccr",
		"Ccrretry.box/PC003":      "inboxes/testdata/notepad-unicode.ccr",
		"Ccrretry.box/PC004.KRC":  "inboxes/testdata/no-section.ccr",
		"Ccr.box/PC005.ccr.txt":   "inboxes/testdata/kb-manual.ccr", // saved by Notepad: a misnamed request
	} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(inbox, filepath.FromSlash(dst))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, clients := range []string{"clients/testdata/clients.json", "clients/testdata/console-export-unicode.txt", ""} {
		t.Run(clients, func(t *testing.T) {
			src := Sources{Now: time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), ClientsFile: clients, ClientsSite: "ABC"}
			if clients != "" {
				src.InboxesDir = inbox
			}
			doc, err := Build(src)
			if err != nil {
				t.Fatal(err)
			}
			validate(t, doc)
			if clients != "" && (len(doc.Clients) == 0 || len(doc.CCRFiles) != 5 || len(doc.Notes()) == 0) {
				t.Errorf("clients %d, ccr files %d, notes %v", len(doc.Clients), len(doc.CCRFiles), doc.Notes())
			}
		})
	}
}

func validate(t *testing.T, doc *Document) {
	t.Helper()
	schema, err := jsonschema.UnmarshalJSON(bytes.NewReader(InputSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("input.schema.json", schema); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("input.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("document does not match the input schema: %v", err)
	}
}
