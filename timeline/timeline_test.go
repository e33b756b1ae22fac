package timeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/finding"
)

const story = "testdata/story"

var (
	storyNow      = time.Date(2022, 8, 13, 8, 0, 0, 0, time.UTC)
	retryCCRTime  = time.Date(2022, 8, 12, 15, 30, 0, 0, time.UTC)
	incomingCCRAt = time.Date(2022, 8, 13, 7, 45, 0, 0, time.UTC)
)

// storyInboxes copies the story's Inboxes folder and gives its files known times, since a checkout does not
// keep file times.
func storyInboxes(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "Inboxes")
	times := map[string]time.Time{"Ccrretry.box/TESTPC1": retryCCRTime, "ccr.box/OTHERPC.CCR": incomingCCRAt}
	for rel, mt := range times {
		b, err := os.ReadFile(filepath.Join(story, "Inboxes", rel))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mt, mt); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

var (
	engineOnce sync.Once
	storyEng   *engine.Engine
	engineErr  error
)

// evaluate runs the built-in rules over the document, as `pushlint check` does.
func evaluate(t *testing.T, doc *facts.Document) []finding.Finding {
	t.Helper()
	engineOnce.Do(func() {
		storyEng, engineErr = engine.New(context.Background(), engine.Options{
			Builtin:     engine.Source{Name: "policies", FS: pushlint.Policies, Builtin: true},
			InputSchema: facts.InputSchema, Timeout: time.Minute,
		})
	})
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	findings, err := storyEng.Evaluate(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return findings
}

func stages(t *testing.T) *Stages {
	t.Helper()
	st, err := Load(pushlint.Policies)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func build(t *testing.T, src facts.Sources) (*facts.Document, []finding.Finding) {
	t.Helper()
	src.Now, src.Policies = storyNow, pushlint.Policies
	doc, err := facts.Build(src)
	if err != nil {
		t.Fatal(err)
	}
	return doc, evaluate(t, doc)
}

// steps writes each step on one line: stage, status, time, source, evidence type, how many pieces of
// evidence, and the rules of the findings tied to it.
func steps(tl Timeline, inbox string) []string {
	var out []string
	for _, s := range tl.Steps {
		where := "-"
		if s.Source != nil {
			file := s.Source.File
			if inbox != "" {
				file = strings.Replace(file, inbox, "$INBOXES", 1)
			}
			where = fmt.Sprintf("%s:%d", file, s.Source.Line)
		}
		tm := s.Time
		if tm == "" {
			tm = "-"
		} else if !s.TimeZoneKnown {
			tm += " (local)"
		}
		var rules []string
		for _, f := range s.Findings {
			rules = append(rules, f.Rule)
		}
		out = append(out, fmt.Sprintf("%s | %s | %s | %s | %s | %d | %s", s.Stage, s.Status, tm, where, s.Type, s.Seen, strings.Join(rules, ",")))
	}
	return out
}

func sameLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("steps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The whole story of TESTPC1: a CCR file waiting in Ccrretry.box, the site server's ccm.log, the client's
// ccmsetup.log (collected into a folder named after it) and its row of the client export, joined into one
// ordered list of steps; the first broken one is the connect stage, named by what failed there (the
// Kerberos logon) and explained by the finding about Kerberos with NTLM fallback off, not by one about the
// push account's rights.
func TestStoryJoinsEveryInputOfOneMachine(t *testing.T) {
	inbox := storyInboxes(t)
	doc, findings := build(t, facts.Sources{
		LogPaths:    []string{filepath.Join(story, "logs")},
		ClientsFile: filepath.Join(story, "clients.csv"),
		InboxesDir:  inbox,
	})
	tl, ok := For(doc, findings, stages(t), "testpc1.testdomain.com")
	if !ok {
		t.Fatal("TESTPC1 not found")
	}
	if tl.Machine != "TESTPC1" {
		t.Errorf("machine %q", tl.Machine)
	}
	ccm := story + "/logs/site/SMS_Logs/ccm.log"
	setup := story + "/logs/clients/TESTPC1/ccmsetup.log"
	sameLines(t, steps(tl, inbox), []string{
		"discovery | ok | - | " + story + "/clients.csv:2 | client_record | 1 | ",
		"ccr | pending | 2022-08-12T15:30:00Z | $INBOXES/Ccrretry.box/TESTPC1:2 | ccr_file | 3 | PL104",
		"connect | failed | - | " + ccm + ":23 | ntlm_fallback_disabled | 9 | PL109",
		"service | ok | 2020-02-04T15:10:35Z | " + setup + ":37 | ccmsetup_service_running | 4 | ",
		"install | failed | 2020-02-04T15:10:38Z | " + setup + ":228 | ccmsetup_exit | 4 | PL202",
		"assignment | pending | - | " + story + "/clients.csv:2 | client_record | 1 | ",
		"policy | not seen | - | - |  | 0 | ",
		"heartbeat | not seen | - | - |  | 0 | ",
	})
	if tl.FirstBroken == nil || tl.FirstBroken.Step != 3 || tl.FirstBroken.Stage != "connect" {
		t.Fatalf("first broken %+v, want step 3, connect", tl.FirstBroken)
	}
	f := tl.FirstBroken.Finding
	if f == nil || f.Rule != "PL109" || f.Subject != (finding.Subject{Kind: "machine", ID: "TESTPC1"}) ||
		!strings.HasPrefix(f.Message, `TESTPC1: Kerberos authentication to the client failed`) || f.Remediation == "" {
		t.Errorf("first broken finding %+v", f)
	}
	connect := tl.Steps[2]
	if connect.Title != "Kerberos logon" {
		t.Errorf("connect step titled %q, want the step that failed: Kerberos logon", connect.Title)
	}
	if connect.Evidence != `--> NTLM fallback is not enabled, remote machine "TESTPC1" is not continuing with client push.` {
		t.Errorf("connect evidence %q", connect.Evidence)
	}
	if got := tl.Steps[1].Note; !strings.HasPrefix(got, "in Ccrretry.box") {
		t.Errorf("CCR note %q", got)
	}
	if got, want := tl.Steps[7].Searched, []string{story + "/clients.csv:2"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("heartbeat searched %q, want %q", got, want)
	}
	if len(tl.Findings) != 0 {
		t.Errorf("findings outside the steps: %+v", tl.Findings)
	}
	if got := strings.Join(tl.ClientLogFolders, ","); got != story+"/logs/clients/TESTPC1" {
		t.Errorf("client log folders %q", got)
	}
}

// OTHERPC's logs sit beside TESTPC1's: its folder, its CCR in Ccr.box and its row join OTHERPC only, and a
// ccm.log that never names it shows nothing of its connect stage. Its install failed in a log whose times
// are the client's wall clock, with error 1603 and no client.msi.log: PL110 explains that step.
func TestStoryOtherMachineNearMiss(t *testing.T) {
	inbox := storyInboxes(t)
	doc, findings := build(t, facts.Sources{
		LogPaths:    []string{filepath.Join(story, "logs")},
		ClientsFile: filepath.Join(story, "clients.csv"),
		InboxesDir:  inbox,
	})
	tl, ok := For(doc, findings, stages(t), "OTHERPC")
	if !ok {
		t.Fatal("OTHERPC not found")
	}
	setup := story + "/logs/clients/OTHERPC/ccmsetup.log"
	sameLines(t, steps(tl, inbox), []string{
		"discovery | ok | - | " + story + "/clients.csv:3 | client_record | 1 | ",
		"ccr | pending | 2022-08-13T07:45:00Z | $INBOXES/ccr.box/OTHERPC.CCR:2 | ccr_file | 1 | ",
		"connect | not seen | - | - |  | 0 | ",
		"service | not seen | - | - |  | 0 | ",
		"install | failed | 2010-12-11T16:26:12 (local) | " + setup + ":2 | client_install_failed | 1 | PL110",
		"assignment | pending | - | " + story + "/clients.csv:3 | client_record | 1 | ",
		"policy | not seen | - | - |  | 0 | ",
		"heartbeat | not seen | - | - |  | 0 | ",
	})
	ccmLogs := story + "/logs/site/SMS_Logs/ccm-q235778.log," + story + "/logs/site/SMS_Logs/ccm.log"
	if got := strings.Join(tl.Steps[2].Searched, ","); got != ccmLogs {
		t.Errorf("connect searched %q, want %q", got, ccmLogs)
	}
	if got := strings.Join(tl.Steps[3].Searched, ","); got != ccmLogs+","+setup {
		t.Errorf("service searched %q", got)
	}
	if tl.FirstBroken == nil || tl.FirstBroken.Stage != "install" || tl.FirstBroken.Finding == nil || tl.FirstBroken.Finding.Rule != "PL110" {
		t.Errorf("first broken %+v, want install explained by PL110", tl.FirstBroken)
	}
	for _, s := range tl.Steps {
		if s.Source != nil && (strings.Contains(s.Source.File, "TESTPC1") || strings.HasSuffix(s.Source.File, "ccm.log")) {
			t.Errorf("step %s joined another machine's evidence: %+v", s.Stage, s.Source)
		}
	}
}

// Every machine an input names gets a timeline, and only those: a folder of client logs names no machine
// by itself.
func TestBuildListsTheMachinesInputsName(t *testing.T) {
	doc, findings := build(t, facts.Sources{
		LogPaths:    []string{filepath.Join(story, "logs")},
		ClientsFile: filepath.Join(story, "clients.csv"),
		InboxesDir:  storyInboxes(t),
	})
	var names []string
	for _, tl := range Build(doc, findings, stages(t)) {
		names = append(names, tl.Machine)
	}
	if got := strings.Join(names, " "); got != "OTHERPC TESTCLI TESTPC1 THIRDPC" {
		t.Errorf("machines %q", got)
	}
	tl, _ := For(doc, findings, stages(t), "THIRDPC")
	sameLines(t, steps(tl, ""), []string{
		"discovery | ok | - | " + story + "/clients.csv:4 | client_record | 1 | ",
		"ccr | not seen | - | - |  | 0 | ",
		"connect | not seen | - | - |  | 0 | ",
		"service | not seen | - | - |  | 0 | ",
		"install | ok | - | " + story + "/clients.csv:4 | client_record | 1 | ",
		"assignment | ok | - | " + story + "/clients.csv:4 | client_record | 1 | ",
		"policy | not seen | - | - |  | 0 | ",
		"heartbeat | ok | 2022-08-12T09:30:00Z | " + story + "/clients.csv:4 | client_record | 1 | ",
	})
	if tl.FirstBroken != nil {
		t.Errorf("first broken %+v, want none", tl.FirstBroken)
	}
	if got := tl.Steps[5].Note; got != "Assigned=Yes, site AVH" {
		t.Errorf("assignment note %q", got)
	}
}

// Without the export and the inboxes, the stages only they show are "not seen", with nothing searched and
// the input that would show them named.
func TestMissingInputsAreNotSeen(t *testing.T) {
	doc, findings := build(t, facts.Sources{LogPaths: []string{filepath.Join(story, "logs", "site")}})
	if _, ok := For(doc, findings, stages(t), "OTHERPC"); ok {
		t.Error("OTHERPC is in no input read, but has a timeline")
	}
	tl, ok := For(doc, findings, stages(t), "TESTPC1")
	if !ok {
		t.Fatal("TESTPC1 not found")
	}
	ccm := story + "/logs/site/SMS_Logs/ccm.log"
	sameLines(t, steps(tl, ""), []string{
		"discovery | not seen | - | - |  | 0 | ",
		"ccr | pending | - | " + ccm + ":26 | request_stored_in_retry | 2 | PL104",
		"connect | failed | - | " + ccm + ":23 | ntlm_fallback_disabled | 9 | PL109",
		"service | not seen | - | - |  | 0 | ",
		"install | not seen | - | - |  | 0 | ",
		"assignment | not seen | - | - |  | 0 | ",
		"policy | not seen | - | - |  | 0 | ",
		"heartbeat | not seen | - | - |  | 0 | ",
	})
	d := tl.Steps[0]
	if len(d.Searched) != 0 || !strings.Contains(d.ShownBy, "--clients") {
		t.Errorf("discovery: searched %q, shown by %q", d.Searched, d.ShownBy)
	}
	if got := tl.Steps[4].Searched; len(got) != 0 {
		t.Errorf("install searched %q: no client log of TESTPC1 was read", got)
	}
}

// A client's logs alone, in a folder named after it, are enough to ask for its timeline.
func TestClientLogFolderAloneMentionsTheMachine(t *testing.T) {
	doc, findings := build(t, facts.Sources{LogPaths: []string{filepath.Join(story, "logs", "clients")}})
	if got := Machines(doc); len(got) != 0 {
		t.Errorf("machines %q: folders name none by themselves", got)
	}
	tl, ok := For(doc, findings, stages(t), "testpc1")
	if !ok {
		t.Fatal("TESTPC1 not found from its log folder")
	}
	if tl.Steps[4].Status != StatusFailed || tl.FirstBroken == nil || tl.FirstBroken.Stage != "install" ||
		tl.FirstBroken.Finding == nil || tl.FirstBroken.Finding.Rule != "PL202" {
		t.Errorf("install %+v, first broken %+v", tl.Steps[4], tl.FirstBroken)
	}
	for _, name := range []string{"NOPE", "clients", "", "  "} {
		if _, ok := For(doc, findings, stages(t), name); ok {
			t.Errorf("%q has a timeline", name)
		}
	}
}
