// Package timeline orders, for one machine, what the inputs say happened to its client push: discovery,
// CCR, ADMIN$/IPC$ connect, ccmsetup service, client.msi result, site assignment, policy and heartbeat.
// Which log events show which stage is data (policies/pushlint/timeline/data.yaml); the findings a run
// produced are joined to the steps by what they are about (a machine, a file) and by the lines they quote,
// never by rule id. Everything here is a pure function of the input document and the findings.
package timeline

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/clients"
	"github.com/pushlint/pushlint/facts/inboxes"
	"github.com/pushlint/pushlint/facts/machine"
	"github.com/pushlint/pushlint/finding"
)

// Types of evidence that is not a log event.
const (
	TypeClientRecord = "client_record" // a row of the client export
	TypeCCRFile      = "ccr_file"      // a CCR file in an inbox queue
)

// Timeline is what the inputs say happened to one machine, stage by stage.
type Timeline struct {
	Machine string `json:"machine"` // join key: NetBIOS name, upper case
	// FirstBroken is the first step that failed, with the finding that explains it; nil when none failed.
	FirstBroken *Broken `json:"first_broken"`
	Steps       []Step  `json:"steps"`
	// Findings are about the machine but tied to no step (a machine subject whose lines no step quotes, a
	// client log of the machine that no stage reads).
	Findings []FindingRef `json:"findings"`
	// ClientLogFolders are the folders whose client logs were taken as this machine's: those named after it.
	ClientLogFolders []string `json:"client_log_folders"`
}

// Broken points at the first failed step.
type Broken struct {
	Step    int         `json:"step"` // position in steps, from 1
	Stage   string      `json:"stage"`
	Finding *FindingRef `json:"finding"` // nil when no finding explains it
}

// Step is one stage of the push, as the inputs show it.
type Step struct {
	Stage  string `json:"stage"`
	Title  string `json:"title"`
	Status string `json:"status"` // ok | pending | failed | not seen
	// Time of the evidence that decided the status: RFC 3339 UTC, or without the Z when it is the wall
	// clock of a writer whose zone is unknown; "" when that evidence has no time.
	Time          string `json:"time"`
	TimeZoneKnown bool   `json:"time_zone_known"`
	// UTCOffsetMinutes is the zone of a log line's time (local time minus UTC, 600 for UTC+10): the wall
	// clock the log shows is Time plus it. Absent for times no log dates (an export's, a CCR file's).
	UTCOffsetMinutes *int    `json:"utc_offset_minutes,omitempty"`
	Source           *Source `json:"source"` // where that evidence is; nil when not seen
	Evidence         string  `json:"evidence"`
	Type             string  `json:"type"` // event type, client_record or ccr_file; "" when not seen
	Note             string  `json:"note"` // what the evidence says when the line alone does not
	Seen             int     `json:"seen"` // pieces of evidence found for the stage
	// ShownBy (when not seen) names the input that would show the stage; Searched, the inputs that were
	// read and could have shown it for this machine but do not (omitted when none was read).
	ShownBy  string       `json:"shown_by,omitempty"`
	Searched []string     `json:"searched,omitempty"`
	Findings []FindingRef `json:"findings"` // findings about this step, most severe first

	lines []Source // every piece of evidence, for joining findings
	files map[string]bool
}

// Source is a line of an input file.
type Source struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// FindingRef is a finding as a timeline shows it.
type FindingRef struct {
	Rule        string            `json:"rule"`
	Severity    string            `json:"severity"`
	Title       string            `json:"title"`
	Message     string            `json:"message"`
	Remediation string            `json:"remediation"`
	KBSection   string            `json:"kb_section"`
	Subject     finding.Subject   `json:"subject"`
	Location    *finding.Location `json:"location"`
	Waived      bool              `json:"waived"`
	Fingerprint string            `json:"fingerprint"`
	Confidence  string            `json:"confidence,omitempty"` // "unconfirmed": see finding.Finding
}

// item is one piece of evidence for a stage.
type item struct {
	status string
	typ    string
	src    Source
	text   string
	note   string

	time      string
	seconds   int64
	hasTime   bool
	zoneKnown bool
	offset    *int // a log line's UTC offset, when its zone is known
	seq       int  // reading order of a log event
	snapshot  bool // a client export row or a CCR file: the state when the inputs were taken
}

// later says whether a happened after b. Times decide when both have one and both are either UTC or
// wall clock; log events otherwise keep reading order; a snapshot (export, inbox) is the state when the
// inputs were taken, so it comes after log lines whose time cannot be compared with it.
func later(a, b item) bool {
	if a.hasTime && b.hasTime && a.zoneKnown == b.zoneKnown && a.seconds != b.seconds {
		return a.seconds > b.seconds
	}
	if !a.snapshot && !b.snapshot {
		return a.seq > b.seq
	}
	return a.snapshot && !b.snapshot
}

// Machines lists the machines the inputs name, sorted: those the logs push to or speak of, the rows of
// the client export and the CCR files. A folder of client logs names no machine by itself (it may be
// called ccmsetup or Logs); its logs join a machine that another input names.
func Machines(doc *facts.Document) []string {
	set := map[string]bool{}
	for _, m := range doc.Machines {
		set[machine.Key(m.Name)] = true
	}
	for _, e := range doc.Events {
		set[machine.Key(e.Machine)] = true
	}
	for _, c := range doc.Clients {
		set[machine.Key(c.Machine)] = true
	}
	for _, f := range doc.CCRFiles {
		set[machine.Key(f.Machine)] = true
	}
	delete(set, "")
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Build returns the timeline of every machine the inputs name, sorted by machine; nil when they name none.
func Build(doc *facts.Document, findings []finding.Finding, st *Stages) []Timeline {
	ix := newIndex(doc, findings)
	var out []Timeline
	for _, m := range Machines(doc) {
		out = append(out, (&builder{ix: ix, st: st, key: m, unkept: map[int]int{}}).timeline())
	}
	return out
}

// For returns the timeline of one machine, given as the user wrote it. ok is false when no input mentions
// the machine: no log line names it, no export row or CCR file is for it, no client log is in a folder
// named after it.
func For(doc *facts.Document, findings []finding.Finding, st *Stages, name string) (tl Timeline, ok bool) {
	key := machine.Key(name)
	ix := newIndex(doc, findings)
	if key == "" || !ix.mentions(key) {
		return Timeline{}, false
	}
	return (&builder{ix: ix, st: st, key: key, unkept: map[int]int{}}).timeline(), true
}

type builder struct {
	ix     *index
	st     *Stages
	key    string
	unkept map[int]int // stage → its events the document does not keep
}

func (b *builder) timeline() Timeline {
	items := make([][]item, len(b.st.List))
	b.eventItems(items)
	b.clientItems(items)
	b.ccrItems(items)
	folders := map[string]bool{}
	for _, l := range b.ix.clientLogs[b.key] {
		folders[l.Dir] = true
	}
	tl := Timeline{Machine: b.key, Steps: make([]Step, 0, len(b.st.List)), Findings: []FindingRef{}, ClientLogFolders: sortedKeys(folders)}
	for i, stage := range b.st.List {
		tl.Steps = append(tl.Steps, b.step(stage, items[i], b.unkept[i]))
	}
	b.join(&tl)
	for i := range tl.Steps {
		missing(&tl.Steps[i])
	}
	for i := range tl.Steps {
		if tl.Steps[i].Status != StatusFailed {
			continue
		}
		br := &Broken{Step: i + 1, Stage: tl.Steps[i].Stage}
		if len(tl.Steps[i].Findings) > 0 {
			f := tl.Steps[i].Findings[0]
			br.Finding = &f
		} else if f, ok := firstMachineFinding(tl.Findings, b.key); ok {
			br.Finding = &f
		}
		tl.FirstBroken = br
		break
	}
	return tl
}

// missing marks failed a stage that no input shows when a finding (a warning or an error) says it is missing
// from a file the stage searched: the rules decide when an absence is evidence (for a client's policy or
// heartbeat, once its logs reach past the install by more than a grace period), and the timeline agrees
// with them instead of calling the stage merely not seen. The step then points where the finding does.
func missing(s *Step) {
	if s.Status != StatusNotSeen {
		return
	}
	for _, f := range s.Findings {
		if finding.SeverityRank(f.Severity) > finding.SeverityRank("warning") || f.Subject.Kind != "file" || !contains(s.Searched, f.Subject.ID) {
			continue
		}
		s.Status = StatusFailed
		s.Note = "missing from " + f.Subject.ID + ", which should show it by now"
		if f.Location != nil {
			s.Source = &Source{File: f.Location.File, Line: f.Location.Line}
		}
		return
	}
}

// step sums up the stage's evidence: items, and unkept more events the document left out.
func (b *builder) step(stage Stage, items []item, unkept int) Step {
	s := Step{Stage: stage.ID, Title: stage.Title, Status: StatusNotSeen, Findings: []FindingRef{}, files: map[string]bool{}}
	if len(items) == 0 {
		s.ShownBy, s.Searched = stage.ShownBy, b.searched(stage)
		return s
	}
	last := items[0]
	for _, it := range items[1:] {
		if later(it, last) {
			last = it
		}
	}
	for _, it := range items {
		s.lines = append(s.lines, it.src)
		s.files[it.src.File] = true
	}
	src := last.src
	if last.status == StatusFailed {
		s.Title = failedStep(stage, items, s.Title)
	}
	s.Status, s.Source, s.Evidence, s.Type, s.Note, s.Seen = last.status, &src, last.text, last.typ, last.note, len(items)+unkept
	if last.hasTime {
		s.Time, s.TimeZoneKnown, s.UTCOffsetMinutes = last.time, last.zoneKnown, last.offset
	}
	return s
}

// failedStep names a failed stage by what failed: the title of the latest failed event whose type has one
// in the stage's steps, unless something succeeded after it. A summary line after it (Ccm.log's "Unable to
// access target machine ... error code: 5" after the WMI line) does not hide what failed.
func failedStep(stage Stage, items []item, title string) string {
	var named *item
	for i := range items {
		it := &items[i]
		if _, ok := stage.Steps[it.typ]; ok && it.status == StatusFailed && (named == nil || later(*it, *named)) {
			named = it
		}
	}
	if named == nil {
		return title
	}
	for _, it := range items {
		if it.status == StatusOK && later(it, *named) {
			return title
		}
	}
	return stage.Steps[named.typ]
}

// searched names the inputs that were read and could have shown the stage for this machine.
func (b *builder) searched(stage Stage) []string {
	var out []string
	kinds := map[string]bool{}
	for _, k := range stage.Logs {
		kinds[k] = true
	}
	for _, l := range b.ix.serverLogs {
		if kinds[l.Kind] {
			out = append(out, l.File)
		}
	}
	for _, l := range b.ix.clientLogs[b.key] {
		if kinds[l.Kind] {
			out = append(out, l.File)
		}
	}
	if len(stage.Clients) > 0 && b.ix.doc.Inputs.Clients.File != "" {
		rows := b.rows()
		if len(rows) == 0 {
			out = append(out, b.ix.doc.Inputs.Clients.File)
		}
		for _, c := range rows {
			out = append(out, fmt.Sprintf("%s:%d", c.Location.File, c.Location.Line))
		}
	}
	if stage.Inboxes && b.ix.doc.Inputs.Inboxes.Dir != "" {
		out = append(out, b.ix.doc.Inputs.Inboxes.Dir)
	}
	return out
}

func (b *builder) eventItems(items [][]item) {
	kept := map[string]int{} // events naming the machine, by type
	for _, i := range b.ix.events[b.key] {
		e := &b.ix.doc.Events[i]
		r, ok := b.st.byType[e.Type]
		if !ok {
			continue
		}
		if e.Machine != "" {
			kept[e.Type]++
		}
		status := r.status
		if r.byCode != nil {
			code, ok := intField(e.Fields[r.byCode.Field])
			if !ok {
				continue
			}
			status = StatusFailed
			for _, c := range r.byCode.OK {
				if code == c {
					status = StatusOK
				}
			}
		}
		var offset *int
		if e.HasTime && e.TimeZoneKnown {
			off := e.UTCOffsetMinutes
			offset = &off
		}
		items[r.stage] = append(items[r.stage], item{
			status: status, typ: e.Type, src: Source{File: e.File, Line: e.Line}, text: e.Text,
			time: e.Time, seconds: e.TimeSeconds, hasTime: e.HasTime, zoneKnown: e.TimeZoneKnown, offset: offset, seq: e.Seq,
		})
	}
	// The events the document does not keep (a machine retried for days keeps the attempts its summary
	// points at; a file the first and last events of each type) still count as evidence of their stage.
	for typ, n := range b.ix.named[b.key] {
		if r, ok := b.st.byType[typ]; ok && n > kept[typ] {
			b.unkept[r.stage] += n - kept[typ]
		}
	}
	for _, l := range b.ix.clientLogs[b.key] {
		for typ, et := range l.EventTypes {
			r, ok := b.st.byType[typ]
			if !ok {
				continue
			}
			// What its own logs left out (an event there that names the machine and was left out of its
			// attempts would count twice: client logs seldom name their machine).
			if left := et.Events - len(et.Index); left > 0 {
				b.unkept[r.stage] += left
			}
		}
	}
}

// rows are the export rows of the machine that describe it now: an obsolete record counts only when the
// export has no other.
func (b *builder) rows() []clients.Client {
	var current, obsolete []clients.Client
	for _, i := range b.ix.clients[b.key] {
		c := b.ix.doc.Clients[i]
		if c.Obsolete != nil && *c.Obsolete {
			obsolete = append(obsolete, c)
		} else {
			current = append(current, c)
		}
	}
	if len(current) > 0 {
		return current
	}
	return obsolete
}

func (b *builder) clientItems(items [][]item) {
	for _, c := range b.rows() {
		base := item{typ: TypeClientRecord, src: Source{File: c.Location.File, Line: c.Location.Line}, text: c.Row, snapshot: true}
		for i, stage := range b.st.List {
			for _, what := range stage.Clients {
				it, ok := clientEvidence(base, c, what)
				if ok {
					items[i] = append(items[i], it)
				}
			}
		}
	}
}

// clientEvidence is what one column of an export row says about a stage. Client=No says only that the site
// has no heartbeat from an installed client; it is no evidence of how the installation went.
func clientEvidence(it item, c clients.Client, what string) (item, bool) {
	installed := c.Client != nil && *c.Client
	switch what {
	case ClientRecord:
		it.status, it.note = StatusOK, fmt.Sprintf("the client export has a record of %s", c.Name)
	case ClientInstalled:
		if !installed {
			return it, false
		}
		it.status, it.note = StatusOK, "Client=Yes: the site processed a heartbeat from the installed client"
	case ClientAssigned:
		switch {
		case c.Assigned == nil:
			return it, false
		case *c.Assigned:
			it.status, it.note = StatusOK, "Assigned=Yes"
			if c.SiteCode != nil {
				it.note += ", site " + *c.SiteCode
			}
		case installed:
			it.status, it.note = StatusFailed, "Assigned=No although Client=Yes: the installed client is not assigned to a site"
		default:
			it.status, it.note = StatusPending, "Assigned=No: the client is not installed yet (Client is not Yes)"
		}
	case ClientLastHeartbeat:
		if c.LastHeartbeat == nil || c.LastHeartbeatSeconds == nil {
			return it, false
		}
		it.status, it.note = StatusOK, "last heartbeat "+*c.LastHeartbeat
		it.time, it.seconds, it.hasTime, it.zoneKnown = *c.LastHeartbeat, *c.LastHeartbeatSeconds, true, true
	default:
		return it, false
	}
	return it, true
}

var queueNotes = map[string]string{
	inboxes.QueueIncoming:   "in Ccr.box, waiting for Client Configuration Manager",
	inboxes.QueueProcessing: "in Ccr.box\\Inproc, being processed",
	inboxes.QueueRetry:      "in Ccrretry.box: Client Configuration Manager tries it again every 60 minutes, up to 168 times",
}

func (b *builder) ccrItems(items [][]item) {
	for _, i := range b.ix.ccr[b.key] {
		f := b.ix.doc.CCRFiles[i]
		it := item{typ: TypeCCRFile, src: Source{File: f.File, Line: f.Location.Line}, text: f.Text, snapshot: true,
			status: StatusPending, note: queueNotes[f.Queue],
			time: f.Modified, seconds: f.ModifiedSeconds, hasTime: f.Modified != "" && f.TimeKnown, zoneKnown: true}
		if !f.TimeKnown {
			// A copy's or a checkout's file time is not when the site got the CCR (inboxes.judgeFileTimes).
			it.time, it.seconds = "", 0
		}
		if !f.Valid {
			it.status, it.note = StatusFailed, "the CCR file cannot be processed: "+problems(f.Problems)
		}
		for i, stage := range b.st.List {
			if stage.Inboxes {
				items[i] = append(items[i], it)
			}
		}
	}
}

func problems(ps []inboxes.Problem) string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += "; "
		}
		s += p.Message
	}
	return s
}

// intField reads a numeric event field, whichever way it was decoded.
func intField(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case int:
		return int64(n), true
	case float64:
		return int64(n), float64(int64(n)) == n
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	return 0, false
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
