package timeline

import (
	"strings"
	"testing"

	"github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/signatures"
)

func TestBuiltinStagesInPushOrder(t *testing.T) {
	st := stages(t)
	var ids []string
	for _, s := range st.List {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, " "); got != "discovery ccr connect service install assignment policy heartbeat" {
		t.Errorf("stages %q", got)
	}
}

// A stage table that names an event type no built-in signature emits would leave a stage silently empty.
func TestBuiltinStagesNameRealEventTypesAndKinds(t *testing.T) {
	set, err := signatures.ParseFS(pushlint.Policies, facts.BuiltinSignatures, facts.BuiltinSignatures)
	if err != nil {
		t.Fatal(err)
	}
	types, kinds := map[string]bool{}, map[string]bool{}
	for _, s := range set.Events {
		typ := s.Type
		if typ == "" {
			typ = s.ID
		}
		types[typ] = true
	}
	for _, k := range set.Kinds {
		kinds[k.ID] = true
	}
	st := stages(t)
	for _, typ := range st.Types() {
		if !types[typ] {
			t.Errorf("event type %s is in the stage table but no built-in signature emits it", typ)
		}
	}
	for _, s := range st.List {
		for _, k := range s.Logs {
			if !kinds[k] {
				t.Errorf("stage %s: log kind %s is not a kind of the signature file", s.ID, k)
			}
		}
	}
}

func TestParseRejectsBadTables(t *testing.T) {
	const good = `
version: 1
stages:
  - id: ccr
    title: CCR
    what: queued
    shown_by: Ccm.log
    events:
      ok: [request_begin]
`
	if _, err := Parse("t.yaml", []byte(good)); err != nil {
		t.Fatalf("good table: %v", err)
	}
	for _, tc := range []struct {
		name, text, want string
	}{
		{"unknown key", strings.Replace(good, "title: CCR", "title: CCR\n    colour: red", 1), `t.yaml: [6:5] unknown field "colour"`},
		{"version", strings.Replace(good, "version: 1", "version: 2", 1), "version 2: expected 1"},
		{"no stages", "version: 1\nstages: []\n", "no stages"},
		{"missing title", strings.Replace(good, "title: CCR", "title: ''", 1), "stage ccr: title, what and shown_by are required"},
		{"duplicate type", strings.Replace(good, "ok: [request_begin]", "ok: [request_begin]\n      failed: [request_begin]", 1), "event type request_begin is listed twice (stages ccr and ccr)"},
		{"duplicate stage", good + "  - {id: ccr, title: again, what: x, shown_by: y}\n", "stage ccr is listed twice"},
		{"clients source", strings.Replace(good, "shown_by: Ccm.log", "shown_by: Ccm.log\n    clients: [owner]", 1), `clients "owner": expected record, client, assigned or last_heartbeat`},
		{"step of an event that is not a failure", strings.Replace(good, "shown_by: Ccm.log", "shown_by: Ccm.log\n    steps: {request_begin: begin}", 1), "stage ccr: steps names request_begin, which is none of its failed or by_code events"},
		{"step without a title", strings.Replace(good, "ok: [request_begin]", "failed: [request_begin]\n    steps: {request_begin: ''}", 1), "stage ccr: steps request_begin has no title"},
		{"by_code without codes", strings.Replace(good, "ok: [request_begin]", "by_code:\n        ccmsetup_exit: {field: exit_code}", 1), "by_code ccmsetup_exit needs a field and the codes that mean success"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
