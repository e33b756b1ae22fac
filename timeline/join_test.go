package timeline

import (
	"testing"

	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/clients"
	"github.com/pushlint/pushlint/facts/correlate"
	"github.com/pushlint/pushlint/facts/inboxes"
	"github.com/pushlint/pushlint/facts/signatures"
	"github.com/pushlint/pushlint/finding"
)

func ev(seq int, typ, machine, file string, line int, fields map[string]any) signatures.Event {
	if fields == nil {
		fields = map[string]any{}
	}
	return signatures.Event{Seq: seq, Type: typ, Machine: machine, File: file, Line: line, Text: typ, Fields: fields}
}

func yes(b bool) *bool { return &b }

func strp(s string) *string { return &s }

// doc is a small document: a server ccm.log about PC1 and PC2, and PC1's client logs in its folder.
func doc() *facts.Document {
	return &facts.Document{
		Logs: []facts.LogFile{
			{File: "srv/ccm.log", Dir: "srv", Kind: "ccm", Side: "server"},
			{File: "c/PC1/ccmsetup.log", Dir: "c/PC1", Kind: "ccmsetup", Side: "client"},
			{File: "c/PC1/client.msi.log", Dir: "c/PC1", Kind: "client_msi", Side: "client"},
			{File: "c/PC1/InventoryAgent.log", Dir: "c/PC1", Kind: "inventoryagent", Side: "client"},
			{File: "c/PC1/CcmExec.log", Dir: "c/PC1", Kind: "ccmexec", Side: "client"},
		},
		Events: []signatures.Event{
			ev(0, "request_begin", "PC1", "srv/ccm.log", 1, nil),
			ev(1, "admin_share_connect_attempt", "PC1", "srv/ccm.log", 2, nil),
			ev(2, "admin_share_connect_attempt", "PC2", "srv/ccm.log", 3, nil),
			ev(3, "admin_share_connected", "PC1", "srv/ccm.log", 4, nil),
			ev(4, "admin_share_connect_failed", "PC2", "srv/ccm.log", 5, nil),
			ev(5, "ccmsetup_exit", "", "c/PC1/ccmsetup.log", 10, map[string]any{"exit_code": int64(0)}),
			ev(6, "msi_install_status", "", "c/PC1/client.msi.log", 20, map[string]any{"status": int64(3010)}),
		},
		Clients: []clients.Client{
			{Name: "pc1", Machine: "PC1", Client: yes(true), Assigned: yes(false), Location: clients.Location{File: "x.csv", Line: 2}, Row: "pc1,1,0"},
		},
	}
}

func stepNamed(tl Timeline, stage string) Step {
	for _, s := range tl.Steps {
		if s.Stage == stage {
			return s
		}
	}
	return Step{}
}

func newFinding(rule, sev string, subject finding.Subject, loc *finding.Location, evidence ...finding.Evidence) finding.Finding {
	return finding.Finding{Rule: rule, Severity: sev, Message: rule + " message", Subject: subject, Location: loc, Evidence: evidence}
}

func at(file string, line int) *finding.Location { return &finding.Location{File: file, Line: line} }

func rules(refs []FindingRef) string {
	s := ""
	for _, r := range refs {
		s += r.Rule + " "
	}
	return s
}

func TestJoinTiesEachFindingToOneStep(t *testing.T) {
	pc1 := finding.Subject{Kind: "machine", ID: "PC1"}
	findings := []finding.Finding{
		// About PC1's export row, which shows discovery, install and assignment: the failed one.
		newFinding("R1", "warning", pc1, at("x.csv", 2), finding.Evidence{File: "x.csv", Line: 2}),
		// About a client log that lacks what it was searched for.
		newFinding("R2", "warning", finding.Subject{Kind: "file", ID: "c/PC1/InventoryAgent.log"}, at("c/PC1/ccmsetup.log", 10)),
		// About a client log of PC1 that no stage reads.
		newFinding("R3", "error", finding.Subject{Kind: "file", ID: "c/PC1/CcmExec.log"}, at("c/PC1/CcmExec.log", 7)),
		// About PC2 only: its subject and its lines.
		newFinding("R4", "error", finding.Subject{Kind: "machine", ID: "PC2"}, at("srv/ccm.log", 5), finding.Evidence{File: "srv/ccm.log", Line: 3}),
		// A file finding that quotes a line of PC1's connect step.
		newFinding("R5", "info", finding.Subject{Kind: "file", ID: "srv/ccm.log"}, nil, finding.Evidence{File: "srv/ccm.log", Line: 4}),
		// About PC1 by name, quoting nothing of its steps.
		newFinding("R6", "info", finding.Subject{Kind: "machine", ID: "pc1.example.com"}, nil),
	}
	tl, ok := For(doc(), findings, stages(t), "PC1")
	if !ok {
		t.Fatal("PC1 not found")
	}
	for stage, want := range map[string]string{"discovery": "", "ccr": "", "connect": "R5 ", "install": "", "assignment": "R1 ", "heartbeat": "R2 "} {
		if got := rules(stepNamed(tl, stage).Findings); got != want {
			t.Errorf("%s findings %q, want %q", stage, got, want)
		}
	}
	if got := rules(tl.Findings); got != "R3 R6 " {
		t.Errorf("findings outside the steps %q, want R3 R6", got)
	}
	if tl.FirstBroken == nil || tl.FirstBroken.Stage != "assignment" || tl.FirstBroken.Finding == nil || tl.FirstBroken.Finding.Rule != "R1" {
		t.Errorf("first broken %+v", tl.FirstBroken)
	}
	if got := stepNamed(tl, "install"); got.Status != StatusOK || got.Seen != 3 {
		t.Errorf("install %+v: exit 0, status 3010 and Client=Yes are all success", got)
	}
}

// A broken step that no finding quotes is explained by the most severe finding about the machine that
// belongs to no step.
func TestFirstBrokenFallsBackToTheMachinesFinding(t *testing.T) {
	d := doc()
	d.Events = append(d.Events, ev(7, "remote_registry_failed", "PC1", "srv/ccm.log", 9, nil))
	findings := []finding.Finding{
		newFinding("R7", "warning", finding.Subject{Kind: "machine", ID: "PC1"}, nil),
		newFinding("R8", "error", finding.Subject{Kind: "machine", ID: "PC1"}, nil),
	}
	tl, _ := For(d, findings, stages(t), "pc1")
	if tl.FirstBroken == nil || tl.FirstBroken.Stage != "connect" || tl.FirstBroken.Finding == nil || tl.FirstBroken.Finding.Rule != "R8" {
		t.Errorf("first broken %+v, want connect explained by R8", tl.FirstBroken)
	}
}

func TestStatusFromCodesAndQueues(t *testing.T) {
	d := doc()
	d.Clients = nil
	d.Events = []signatures.Event{
		ev(0, "ccmsetup_exit", "", "c/PC1/ccmsetup.log", 1, map[string]any{"exit_code": int64(0)}),
		ev(1, "msi_install_status", "", "c/PC1/client.msi.log", 5, map[string]any{"status": int64(1603)}),
		ev(2, "ccmsetup_exit", "", "c/PC1/ccmsetup.log", 9, map[string]any{}), // no code: no evidence
	}
	d.CCRFiles = []inboxes.CCRFile{
		{File: "in/Ccrretry.box/PC1", Queue: inboxes.QueueRetry, Machine: "PC1", Valid: false,
			Problems: []inboxes.Problem{{Line: 1, Message: "has no [NT Client Configuration Request] section"}},
			Location: inboxes.Location{File: "in/Ccrretry.box/PC1", Line: 1}, Modified: "2022-08-12T15:30:00Z", ModifiedSeconds: 1660318200},
	}
	tl, _ := For(d, nil, stages(t), "PC1")
	if s := stepNamed(tl, "install"); s.Status != StatusFailed || s.Seen != 2 || s.Source.Line != 5 {
		t.Errorf("install %+v, want failed at client.msi.log:5", s)
	}
	if s := stepNamed(tl, "ccr"); s.Status != StatusFailed || s.Note != "the CCR file cannot be processed: has no [NT Client Configuration Request] section" {
		t.Errorf("ccr %+v", s)
	}
}

func TestClientEvidence(t *testing.T) {
	hb, hbs := "2022-08-12T09:30:00Z", int64(1660296600)
	for _, tc := range []struct {
		name   string
		c      clients.Client
		what   string
		status string // "" when the column says nothing of the stage
		note   string
	}{
		{"record", clients.Client{Name: "pc1"}, ClientRecord, StatusOK, "the client export has a record of pc1"},
		{"installed", clients.Client{Client: yes(true)}, ClientInstalled, StatusOK, "Client=Yes: the site processed a heartbeat from the installed client"},
		{"Client=No is no install evidence", clients.Client{Client: yes(false)}, ClientInstalled, "", ""},
		{"assigned", clients.Client{Assigned: yes(true), SiteCode: strp("AVH")}, ClientAssigned, StatusOK, "Assigned=Yes, site AVH"},
		{"installed, not assigned", clients.Client{Client: yes(true), Assigned: yes(false)}, ClientAssigned, StatusFailed, "Assigned=No although Client=Yes: the installed client is not assigned to a site"},
		{"not installed, not assigned", clients.Client{Assigned: yes(false)}, ClientAssigned, StatusPending, "Assigned=No: the client is not installed yet (Client is not Yes)"},
		{"no Assigned value", clients.Client{Client: yes(true)}, ClientAssigned, "", ""},
		{"heartbeat", clients.Client{LastHeartbeat: &hb, LastHeartbeatSeconds: &hbs}, ClientLastHeartbeat, StatusOK, "last heartbeat " + hb},
		{"no heartbeat", clients.Client{}, ClientLastHeartbeat, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it, ok := clientEvidence(item{}, tc.c, tc.what)
			if ok != (tc.status != "") || it.status != tc.status || it.note != tc.note {
				t.Errorf("got %v %q %q, want %q %q", ok, it.status, it.note, tc.status, tc.note)
			}
		})
	}
}

func TestLater(t *testing.T) {
	utc := func(sec int64, seq int) item { return item{hasTime: true, zoneKnown: true, seconds: sec, seq: seq} }
	local := func(sec int64, seq int) item { return item{hasTime: true, seconds: sec, seq: seq} }
	noTime := func(seq int) item { return item{seq: seq} }
	snap := item{snapshot: true, seq: -1}
	snapAt := func(sec int64) item { return item{snapshot: true, hasTime: true, zoneKnown: true, seconds: sec} }
	for _, tc := range []struct {
		name string
		a, b item
		want bool
	}{
		{"UTC times decide", utc(200, 1), utc(100, 9), true},
		{"UTC times decide, other way", utc(100, 9), utc(200, 1), false},
		{"same second: reading order", utc(100, 2), utc(100, 1), true},
		{"wall clock against UTC: reading order", local(100, 2), utc(9999, 1), true},
		{"no time: reading order", noTime(1), noTime(2), false},
		{"snapshot after a log line", snap, utc(100, 5), true},
		{"log line before a snapshot", noTime(5), snap, false},
		{"snapshot with a time against a later UTC line", snapAt(100), utc(200, 1), false},
		{"two snapshots without times: the first stays", snap, snap, false},
	} {
		if got := later(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: later = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Events the document does not keep (a machine retried for days keeps the attempts its summary points at; a
// file the first and last events of each type) still count as evidence of their stage.
func TestSeenCountsEventsNotKept(t *testing.T) {
	d := doc()
	d.Machines = []correlate.Machine{{Name: "PC1", EventCounts: map[string]int{"request_begin": 1, "admin_share_connect_attempt": 40, "admin_share_connected": 1}}}
	d.Logs[1].EventTypes = map[string]facts.EventType{"ccmsetup_exit": {Events: 5, Index: []int{5}}}
	tl, ok := For(d, nil, stages(t), "PC1")
	if !ok {
		t.Fatal("PC1 not found")
	}
	plain, _ := For(doc(), nil, stages(t), "PC1")
	connect, install := stepNamed(tl, "connect"), stepNamed(tl, "install")
	if want := stepNamed(plain, "connect").Seen + 39; connect.Seen != want {
		t.Errorf("connect seen %d, want %d (39 attempts not kept)", connect.Seen, want)
	}
	if want := stepNamed(plain, "install").Seen + 4; install.Seen != want {
		t.Errorf("install seen %d, want %d (4 exits of ccmsetup.log not kept)", install.Seen, want)
	}
}

// A stage no input shows is failed, not merely not seen, when a rule reports it missing from a file the stage
// searched (PL207: no heartbeat in InventoryAgent.log though the client's logs reach past the install by more
// than the grace): the timeline and the rules agree. Without such a finding (within the grace), or with an
// info one, it stays not seen.
func TestMissingEvidenceARuleReportsFailsTheStep(t *testing.T) {
	inventory := finding.Subject{Kind: "file", ID: "c/PC1/InventoryAgent.log"}
	for _, tc := range []struct {
		name     string
		findings []finding.Finding
		status   string
		broken   string
	}{
		{"reported missing", []finding.Finding{newFinding("R2", "warning", inventory, at("c/PC1/ccmsetup.log", 10))}, StatusFailed, "heartbeat"},
		{"within the grace", nil, StatusNotSeen, ""},
		{"info only", []finding.Finding{newFinding("R9", "info", inventory, at("c/PC1/ccmsetup.log", 10))}, StatusNotSeen, ""},
		{"about another file", []finding.Finding{newFinding("R3", "error", finding.Subject{Kind: "file", ID: "c/PC1/CcmExec.log"}, at("c/PC1/ccmsetup.log", 10))}, StatusNotSeen, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := doc()
			d.Clients[0].Assigned = yes(true)
			tl, _ := For(d, tc.findings, stages(t), "PC1")
			s := stepNamed(tl, "heartbeat")
			if s.Status != tc.status {
				t.Errorf("heartbeat %+v, want %s", s, tc.status)
			}
			if tc.status == StatusFailed && (s.Source == nil || *s.Source != (Source{"c/PC1/ccmsetup.log", 10}) ||
				s.Note != "missing from c/PC1/InventoryAgent.log, which should show it by now") {
				t.Errorf("heartbeat source %+v note %q", s.Source, s.Note)
			}
			broken := ""
			if tl.FirstBroken != nil {
				broken = tl.FirstBroken.Stage
			}
			if broken != tc.broken {
				t.Errorf("first broken %q, want %q", broken, tc.broken)
			}
		})
	}
}
