package facts

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var updateSchemas = flag.Bool("update", false, "rewrite schema/input.schema.json and schema/site.schema.json from their sources")

// TestSchemasAreCurrent: the committed schemas are what the format description and the base generate (go
// generate ./facts rewrites them).
func TestSchemasAreCurrent(t *testing.T) {
	base, err := os.ReadFile("schema/input.base.json")
	if err != nil {
		t.Fatal(err)
	}
	input, siteYAML, err := GenerateSchemas(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		path string
		want []byte
	}{{"schema/input.schema.json", input}, {"schema/site.schema.json", siteYAML}} {
		if *updateSchemas {
			if err := os.WriteFile(f.path, f.want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, f.want) {
			t.Errorf("%s is not what its sources generate; run go generate ./facts and commit the result", f.path)
		}
	}
}
