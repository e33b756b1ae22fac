package facts

import (
	"bytes"
	"encoding/json"
	"testing"
)

// WriteJSON writes what a json.Encoder writes for the whole document, byte for byte.
func TestWriteJSONIsEncodingJSON(t *testing.T) {
	docs := map[string]*Document{
		"generated": generated(t),
		"samples":   buildLogs(t, Sources{LogPaths: []string{"testdata/logs"}}),
		"empty":     buildLogs(t, Sources{}),
		"every log": buildLogs(t, Sources{LogPaths: []string{"logs/testdata/samples"}}),
	}
	before := 0
	for _, e := range docs["every log"].Events {
		before += len(e.Before)
	}
	if before == 0 {
		t.Fatal("no event quotes the lines before it")
	}
	for name, doc := range docs {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := doc.WriteJSON(&got); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			g, w := got.Bytes(), want.Bytes()
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			t.Errorf("%s: differs at byte %d:\n got %q\nwant %q", name, i, g[max(0, i-80):min(len(g), i+80)], w[max(0, i-80):min(len(w), i+80)])
		}
	}
}
