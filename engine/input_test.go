package engine_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/correlate"
	"github.com/pushlint/pushlint/facts/signatures"
)

// viaJSON is how the document reached Rego before: encoded, decoded with exact numbers, converted.
func viaJSON(t testing.TB, v any) ast.Value {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		t.Fatal(err)
	}
	av, err := ast.InterfaceToValue(x)
	if err != nil {
		t.Fatal(err)
	}
	return av
}

// TestInputValueIsWhatJSONWouldCarry: building the value straight from the Go document gives exactly the value
// the JSON round trip gave, on real documents (the examples with logs, clients and inboxes).
func TestInputValueIsWhatJSONWouldCarry(t *testing.T) {
	for _, src := range []facts.Sources{
		{SiteFile: "../examples/site.yaml"},
		{SiteFile: "../examples/clean-site.yaml", LogPaths: []string{"../facts/testdata/logs"}},
		{LogPaths: []string{"../timeline/testdata/story/logs"}, ClientsFile: "../timeline/testdata/story/clients.csv",
			InboxesDir: "../timeline/testdata/story/Inboxes"},
	} {
		src.Now, src.Policies = time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), pushlint.Policies
		doc, err := facts.Build(src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := engine.InputValue(doc)
		if err != nil {
			t.Fatal(err)
		}
		if want := viaJSON(t, doc); got.Compare(want) != 0 {
			t.Errorf("%+v: InputValue differs from the JSON round trip:\n got %s\nwant %s", src, got, want)
		}
	}
}

func TestInputValueEdgeCases(t *testing.T) {
	type inner struct {
		A int `json:"a"`
	}
	type doc struct {
		Big     int64          `json:"big"`
		Skip    string         `json:"-"`
		Omit    []string       `json:"omit,omitempty"`
		OmitNil *inner         `json:"omit_nil,omitempty"`
		Nil     []int          `json:"nil"`
		Empty   []int          `json:"empty"`
		Ptr     *inner         `json:"ptr"`
		Fields  map[string]any `json:"fields"`
		Num     json.Number    `json:"num"`
		inner
	}
	in := doc{Big: 1115224, Skip: "x", Omit: []string{}, Empty: []int{}, Ptr: &inner{A: 2},
		Fields: map[string]any{"code": int64(53), "hex": "0x35", "f": 0.5}, Num: "12", inner: inner{A: 7}}
	got, err := engine.InputValue(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := viaJSON(t, in); got.Compare(want) != 0 {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if s := got.String(); !bytes.Contains([]byte(s), []byte(`"big": 1115224`)) {
		t.Errorf("a large integer did not stay exact: %s", s)
	}
	if _, err := engine.InputValue(map[string]any{"x": func() {}}); err == nil {
		t.Error("a Go func was accepted into the input document")
	}
}

// largeDocument is a document with n machines' worth of events, the shape a central site's ccm.log gives.
func largeDocument(n int) *facts.Document {
	doc := &facts.Document{Version: facts.DocumentVersion, Sites: nil, Logs: []facts.LogFile{{File: "ccm.log", Entries: n * 20}}}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("PC%05d", i)
		for j := 0; j < 10; j++ {
			doc.Events = append(doc.Events, signatures.Event{Seq: len(doc.Events), Type: "admin_share_connect", Role: "info",
				Machine: name, File: "ccm.log", Line: len(doc.Events)*2 + 1, Time: "2026-11-20T10:00:00Z", TimeSeconds: 1795600000,
				HasTime: true, TimeZoneKnown: true, Text: `---> Attempting to connect to administrative share '\\` + name + `\admin$' using account 'CONTOSO\svc'`,
				Fields: map[string]any{"machine": name, "account": `CONTOSO\svc`}})
		}
		doc.Machines = append(doc.Machines, correlate.Machine{Name: name, Requests: []string{}, Accounts: []string{}, Failures: []correlate.Failure{}})
	}
	return doc
}

// BenchmarkInputValue compares building the value in one pass with the JSON round trip it replaces
// (go test -bench InputValue -benchmem ./engine).
func BenchmarkInputValue(b *testing.B) {
	doc := largeDocument(10_000) // 100,000 events
	b.Run("direct", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := engine.InputValue(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("via-json", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			viaJSON(b, doc)
		}
	})
}
