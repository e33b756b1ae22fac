package engine

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// rule is a user rule file with the given id, package name and body.
func rule(id, name, body string) string {
	head := strings.NewReplacer("XX001", id, "site_name", name).Replace(goodRule[:strings.Index(goodRule, "report contains")])
	return head + body
}

// A built-in function that never checks for cancellation cannot hold the run: after the time limit and a
// short grace, evaluation ends and names the rule that was still running, without running anything again.
func TestWatchdogStopsARuleStuckInABuiltin(t *testing.T) {
	release, entered := make(chan struct{}), make(chan struct{}, 1)
	orig := topdown.GetBuiltin("strings.reverse")
	topdown.RegisterBuiltinFunc("strings.reverse", func(_ topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
		entered <- struct{}{}
		<-release // ignores the context, as a long-running built-in does
		return iter(ops[0])
	})
	defer func() {
		// The stuck rule looked the built-in up before it blocked: put the original back only then, and
		// let the rule go after.
		<-entered
		topdown.RegisterBuiltinFunc("strings.reverse", orig)
		close(release)
	}()
	defer func(g time.Duration) { watchdogGrace = g }(watchdogGrace)
	watchdogGrace = 100 * time.Millisecond

	e, err := newEngine(t, map[string]string{
		"stuck.rego": rule("XX002", "stuck", `
report contains lib.finding(lib.site_subject(site), "m", site.location) if {
	some site in input.sites
	strings.reverse(site.name) == ""
}`),
		"quick.rego": goodRule,
	}, true)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = e.Evaluate(ctx, input(site("ABC", "ABC")))
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Evaluate returned after %s, want the time limit plus the grace", took)
	}
	var pe *PolicyError
	if !errors.As(err, &pe) || pe.Kind != "timeout" {
		t.Fatalf("got %v, want a timeout", err)
	}
	if len(pe.Messages) != 2 || !strings.HasPrefix(pe.Messages[1], "XX002 (pushlint.rules.test.stuck, ") ||
		!strings.HasSuffix(pe.Messages[1], "was still running when the time ran out") {
		t.Errorf("messages %q, want the stuck rule named, and only it", pe.Messages)
	}
}

// A document in batches: a rule that reads the split keys runs on every batch, the others on the first
// only, and a finding reported by several batches counts once.
func TestBatches(t *testing.T) {
	e, err := newEngine(t, map[string]string{
		"machines.rego": rule("XX002", "machines", `
report contains lib.finding({"kind": "machine", "id": m.name}, sprintf("machine %s", [m.name]), site.location) if {
	some m in input.machines
	some site in input.sites
}

report contains lib.finding({"kind": "file", "id": "x.log"}, "every batch says it", {"file": "x.log", "line": 1}) if {
	count(input.machines) > 0
}`),
		"sites.rego": goodRule,
	}, true)
	if err != nil {
		t.Fatal(err)
	}
	doc := func(code string, machines ...string) map[string]any {
		d := input(site(code, code))
		list := []any{}
		for _, m := range machines {
			list = append(list, map[string]any{"name": m})
		}
		d["machines"] = list
		return d
	}
	docs := []map[string]any{doc("ABC", "PC1", "PC2"), doc("DEF", "PC3")}
	findings, err := e.Evaluate(context.Background(), &Batches{Split: []string{"machines"}, Docs: func(yield func(any, error) bool) {
		for _, d := range docs {
			if !yield(d, nil) {
				return
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		got = append(got, f.Rule+" "+f.Message)
	}
	sort.Strings(got)
	// The sites differ between the two documents only to show which document each rule saw: XX001 reads
	// no split key and ran on the first; XX002 ran on both.
	want := []string{"XX001 site ABC has no name", "XX002 every batch says it", "XX002 machine PC1", "XX002 machine PC2", "XX002 machine PC3"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A rule whose notes sum up the split keys (how many machines it could not judge) runs once over the whole
// document when Batches.Whole is given, so that its note is the one the whole document gives; without Whole
// every batch says its own.
func TestBatchesNotesOverTheWhole(t *testing.T) {
	e, err := newEngine(t, map[string]string{
		"machines.rego": rule("XX002", "machines", `
report contains lib.finding({"kind": "machine", "id": m.name}, sprintf("machine %s", [m.name]), {"file": "x.log", "line": 1}) if {
	some m in input.machines
}

notes contains sprintf("%d machines could not be judged", [count(input.machines)]) if count(input.machines) > 0`),
		"sites.rego": goodRule,
	}, true)
	if err != nil {
		t.Fatal(err)
	}
	doc := func(machines ...string) map[string]any {
		d := input(site("ABC", "ABC"))
		list := []any{}
		for _, m := range machines {
			list = append(list, map[string]any{"name": m})
		}
		d["machines"] = list
		return d
	}
	docs := []map[string]any{doc("PC1", "PC2"), doc("PC3")}
	batches := func(whole func() (any, error)) *Batches {
		return &Batches{Split: []string{"machines"}, Whole: whole, Docs: func(yield func(any, error) bool) {
			for _, d := range docs {
				if !yield(d, nil) {
					return
				}
			}
		}}
	}
	findings, notes, err := e.EvaluateWithNotes(context.Background(), batches(func() (any, error) { return doc("PC1", "PC2", "PC3"), nil }))
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 4 || strings.Join(notes, "|") != "XX002: 3 machines could not be judged" {
		t.Errorf("%d findings, notes %q; want 4 (XX001's and a machine each) and the note of the whole", len(findings), notes)
	}
	_, notes, err = e.EvaluateWithNotes(context.Background(), batches(nil))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(notes, "|") != "XX002: 1 machines could not be judged|XX002: 2 machines could not be judged" {
		t.Errorf("notes %q, want each batch's", notes)
	}
}

// What each package reads is worked out from the policies, through the library functions it calls.
func TestPackageReads(t *testing.T) {
	e, err := newEngine(t, map[string]string{
		"any.rego": rule("XX002", "any_key", `
report contains lib.finding(lib.site_subject(site), "m", site.location) if {
	some site in input.sites
	some k, _ in input
	k == "x"
}`),
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	reads := map[string]inputReads{}
	for _, p := range e.packages {
		reads[p.rule.ID] = p.reads
	}
	for id, want := range map[string][]string{
		"PL101": {"events", "machines"}, // through lib.attempt_events
		"PL104": {"events", "machines"}, // through lib.machine_events
		"PL201": {"events", "logs"},     // through lib.log_events
		"PL301": {"clients"},            // through lib.current_clients
		"PL006": {"sites"},
	} {
		r := reads[id]
		for _, k := range want {
			if !r.keys[k] {
				t.Errorf("%s reads %v (whole %v), want %s among them", id, r.keys, r.whole, k)
			}
		}
		if r.whole || r.keys["waivers"] {
			t.Errorf("%s reads %v (whole %v)", id, r.keys, r.whole)
		}
	}
	if !reads["XX002"].whole {
		t.Errorf("a rule iterating the input's keys reads %+v, want the whole input", reads["XX002"])
	}
}

// The router keeps of the first batch only what it reads: the built-in router and gate rules read the
// waivers, never the machines, so a batch's machines and events are not held until the end; a gate rule
// that reads the machines keeps them.
func TestRouterReadsFollowTheGateRules(t *testing.T) {
	e, err := newEngine(t, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if !e.routerReads.keys["waivers"] || e.routerReads.readsAny([]string{"machines", "events"}) {
		t.Errorf("built-in router reads %+v, want the waivers and neither machines nor events", e.routerReads)
	}
	e, err = newEngine(t, map[string]string{"gate.rego": `# METADATA
# title: Too many machines
# description: A gate rule that reads the machines.
# custom:
#   id: XG001
#   severity: error
#   remediation: none
#   kb_section: none
package pushlint.gate.too_many

import data.pushlint.lib

report contains lib.finding({"kind": "site", "id": "x"}, "too many", null) if count(input.machines) > 1
`}, false)
	if err != nil {
		t.Fatal(err)
	}
	if !e.routerReads.readsAny([]string{"machines"}) {
		t.Errorf("router with a gate rule on machines reads %+v, want machines", e.routerReads)
	}
}
