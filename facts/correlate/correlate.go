// Package correlate ties log events to the machines being pushed to and sums up, per machine, what the logs
// say about its push: attempts, retries, failures by error code and whether a later success cleared them.
// It reads only event roles and the conventional fields (machine, request, account, error_code), never event
// names, so that new signatures take part without code changes.
//
// Events are read log after log, and so in no time order across logs: two site servers' Ccm.logs may be read
// in either order. What a machine's summary decides by order (the first and last of its attempts, retries,
// successes and failures; a failure cleared by a later success; a CCR still retrying) is therefore decided
// by time (see after). Each Ccm.log stream (X.lo_ then X.log: one site server's) numbers its own attempts,
// since a CCR's Begin, failures and Retry lines are in the log of the site server that processed it
// (KB 925282: a client installed from a secondary site is read in the secondary's Ccm.log).
//
// Correlation is one pass over the events in reading order, and what it keeps is bounded by design: a
// machine's summary is complete whatever the size of the logs, but of its events only those of the attempts
// the summary points at are kept once the machine has many (Limits), and of the events that name no machine,
// the first and last ones of each type in each file. Memory grows with the number of machines, not with the
// size of the logs.
package correlate

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pushlint/pushlint/facts/signatures"
)

// Moment is when and where something happened in the logs.
type Moment struct {
	Time          string `json:"time"` // as the event's time: RFC 3339 UTC, no Z when the zone is unknown, "" without time
	Seconds       int64  `json:"seconds"`
	HasTime       bool   `json:"has_time"`
	TimeZoneKnown bool   `json:"time_zone_known"`
	// UTCOffsetMinutes is local time minus UTC as the line's bias says (600 for UTC+10); 0 when unknown.
	UTCOffsetMinutes int    `json:"utc_offset_minutes"`
	File             string `json:"file"`
	Line             int    `json:"line"`
	Seq              int    `json:"seq"`

	stream string // the log stream (Stream) of File: moments of one stream are ordered by Seq
}

// Stream names the log a file is part of: a rolled-over X.lo_ and its X.log are one log, written by one
// component on one computer (a site server's Ccm.log), so they share a stream.
func Stream(file string) string {
	key := strings.ToLower(file)
	if strings.HasSuffix(key, ".lo_") {
		return strings.TrimSuffix(key, ".lo_") + ".log"
	}
	return key
}

// after says whether a happened after b, and whether the logs can tell. Within one log, reading order
// decides (threads write a few lines out of time order; the .lo_ comes before its .log). Across logs, the
// times do, when both have one on the same clock: both UTC (converted with each line's own bias), or both
// the wall clock of a writer whose zone is unknown. Otherwise it cannot be told.
func after(a, b Moment) (later, known bool) {
	if a.stream == b.stream {
		return a.Seq > b.Seq, true
	}
	if a.HasTime && b.HasTime && a.TimeZoneKnown == b.TimeZoneKnown {
		return a.Seconds > b.Seconds, true
	}
	return false, false
}

// laterThan orders moments for picking the first and the last of several, whatever order the logs were
// read in: as after, when it can tell; else a moment with a time after one without, then by time, then by
// file and line, so that the pick does not depend on which log was read first.
func laterThan(a, b Moment) bool {
	if later, known := after(a, b); known && (later || a.stream == b.stream) {
		return later
	}
	switch {
	case a.HasTime != b.HasTime:
		return a.HasTime
	case a.Seconds != b.Seconds:
		return a.Seconds > b.Seconds
	case a.File != b.File:
		return a.File > b.File
	}
	return a.Line > b.Line
}

// Failure is one kind of failure of one machine's push: every failure event with the same error code (the
// Win32 code when there is one, so that 5 and 0x80070005 are one), or of the same type when it has no code.
type Failure struct {
	Code        *int64   `json:"code"` // nil for failures that carry no code
	Hex         string   `json:"hex"`
	Types       []string `json:"types"`
	Accounts    []string `json:"accounts"`
	Attempts    int      `json:"attempts"` // attempts in which it occurred
	Events      int      `json:"events"`
	First       Moment   `json:"first"`
	Last        Moment   `json:"last"`
	LastAttempt int      `json:"last_attempt"`
	Cleared     bool     `json:"cleared"` // an event that clears failures came after the last occurrence, in time
}

// Machine is everything the logs say about pushing the client to one machine.
type Machine struct {
	Name     string   `json:"name"`
	Requests []string `json:"requests"`
	Accounts []string `json:"accounts"`
	Events   int      `json:"events"`
	Attempts int      `json:"attempts"`
	// Retries counts the times the CCR was stored in the Retry queue of the site server that stored it there
	// last (each server retries its own CCR); FirstRetry and LastRetry are that server's.
	Retries      int       `json:"retries"`
	FirstSeen    Moment    `json:"first_seen"`
	LastSeen     Moment    `json:"last_seen"`
	FirstAttempt *Moment   `json:"first_attempt"`
	LastAttempt  *Moment   `json:"last_attempt"`
	FirstRetry   *Moment   `json:"first_retry"`
	LastRetry    *Moment   `json:"last_retry"`
	Failures     []Failure `json:"failures"`
	Pushed       bool      `json:"pushed"` // some event says the push completed
	LastSuccess  *Moment   `json:"last_success"`
	Retrying     bool      `json:"retrying"` // the CCR is in the Retry queue with no later success (in time)

	// EventIndex says where the machine's events are in the document's events, in reading order: the
	// policies read a machine's events through it instead of searching every event for its name.
	EventIndex []int `json:"event_index"`
	// EventCounts counts the events that name the machine, by type: all of them, also those of attempts that
	// are not kept in the document's events.
	EventCounts map[string]int `json:"event_counts"`
}

// Limits bound what correlation keeps of the events.
type Limits struct {
	// MachineEvents is how many events of one machine are kept before the events of attempts that its
	// summary does not point at are dropped.
	MachineEvents int
	// AttemptEvents is how many context (info) events of one attempt are kept; the events that open, end,
	// fail or retry an attempt are always kept.
	AttemptEvents int
	// LooseEvents is how many events that name no machine are kept per file and event type: the first half
	// and the last half of them.
	LooseEvents int
	// PendingEvents is how many events that name only a request not yet tied to a machine wait for it.
	PendingEvents int
	// Requests is how many request names or ids one machine lists (the first ones seen): a machine retried
	// for weeks under a new request id each time would otherwise list them all.
	Requests int
	// RequestMachines is how many request ids are remembered with the machine they were tied to, the most
	// recent ones: a line that names only a request joins that machine.
	RequestMachines int
}

// DefaultLimits keep every event of a machine with up to 64 events (five or so attempts). A machine retried
// for days keeps its first and last attempts and those its failures and successes point at: what its
// findings quote. Every count in its summary stays exact.
var DefaultLimits = Limits{MachineEvents: 64, AttemptEvents: 32, LooseEvents: 64, PendingEvents: 4096, Requests: 32, RequestMachines: 1 << 16}

var ccrName = regexp.MustCompile(`(?i)^(.+)\.(?:ccr|krc)$`)

// Correlator ties events to machines as they are read. Add the events in reading order (Seq ascending),
// then call Finish once.
type Correlator struct {
	limits    Limits
	byName    map[string]*tracker
	byRequest map[string]string
	requests  []string // the keys of byRequest, oldest first, as a ring once full
	nextReq   int
	pending   map[string][]signatures.Event // events naming only a request, waiting for the line that ties it to a machine
	waiting   int
	loose     map[looseKey]*bucket
	looseKeys []looseKey
	streams   map[string]string // file → its Stream
}

type looseKey struct{ file, typ string }

// bucket keeps the first and the last events of one type in one file.
type bucket struct {
	first []signatures.Event
	last  []signatures.Event // a ring once full
	next  int
	total int
}

// New starts a correlation.
func New(limits Limits) *Correlator {
	if limits.MachineEvents <= 0 {
		limits = DefaultLimits
	}
	if limits.Requests <= 0 {
		limits.Requests = DefaultLimits.Requests
	}
	if limits.RequestMachines <= 0 {
		limits.RequestMachines = DefaultLimits.RequestMachines
	}
	return &Correlator{limits: limits, byName: map[string]*tracker{}, byRequest: map[string]string{},
		pending: map[string][]signatures.Event{}, loose: map[looseKey]*bucket{}, streams: map[string]string{}}
}

// Add takes the next event in reading order. It completes the event (its machine, from the request it
// names; its attempt) before keeping it.
func (c *Correlator) Add(e signatures.Event) {
	r, _ := e.Fields["request"].(string)
	switch {
	case e.Machine != "" && r != "":
		// ccm.log's database lines carry the numeric push request id, and the `Begin Processing request`
		// line ties that id to the machine name: events that named only the id join the machine now.
		c.remember(r, e.Machine)
		if waiting, ok := c.pending[r]; ok {
			delete(c.pending, r)
			c.waiting -= len(waiting)
			for _, w := range waiting {
				w.Machine = e.Machine
				c.machine(w)
			}
		}
	case e.Machine == "" && r != "":
		if m, ok := c.byRequest[r]; ok {
			e.Machine = m
		} else if m := ccrName.FindStringSubmatch(r); m != nil {
			e.Machine = signatures.MachineName(m[1])
		} else if c.waiting < c.limits.PendingEvents {
			c.pending[r] = append(c.pending[r], e)
			c.waiting++
			return
		}
	}
	if e.Machine == "" {
		c.addLoose(e)
		return
	}
	c.machine(e)
}

// remember ties a request id to a machine, forgetting the oldest id once RequestMachines are remembered.
func (c *Correlator) remember(request, machine string) {
	if _, ok := c.byRequest[request]; !ok {
		if len(c.requests) < c.limits.RequestMachines {
			c.requests = append(c.requests, request)
		} else {
			delete(c.byRequest, c.requests[c.nextReq])
			c.requests[c.nextReq] = request
			c.nextReq = (c.nextReq + 1) % len(c.requests)
		}
	}
	c.byRequest[request] = machine
}

func (c *Correlator) machine(e signatures.Event) {
	t := c.byName[e.Machine]
	if t == nil {
		t = newTracker(e.Machine, c.limits)
		c.byName[e.Machine] = t
	}
	stream, ok := c.streams[e.File]
	if !ok {
		stream = Stream(e.File)
		c.streams[e.File] = stream
	}
	t.add(e, stream)
}

func (c *Correlator) addLoose(e signatures.Event) {
	k := looseKey{e.File, e.Type}
	b := c.loose[k]
	if b == nil {
		b = &bucket{}
		c.loose[k] = b
		c.looseKeys = append(c.looseKeys, k)
	}
	b.total++
	half := max(c.limits.LooseEvents/2, 1)
	switch {
	case len(b.first) < half:
		b.first = append(b.first, e)
	case len(b.last) < half:
		b.last = append(b.last, e)
	default:
		b.last[b.next] = e
		b.next = (b.next + 1) % half
	}
}

// Finish returns the events kept, in reading order, and one Machine per machine named, sorted by name, each
// with the positions of its events in the returned events.
func (c *Correlator) Finish() ([]signatures.Event, []Machine) {
	// Requests never tied to a machine stay events of no machine, in reading order.
	var left []signatures.Event
	for _, w := range c.pending {
		left = append(left, w...)
	}
	sort.Slice(left, func(i, j int) bool { return left[i].Seq < left[j].Seq })
	for _, e := range left {
		c.addLoose(e)
	}
	c.pending, c.waiting = nil, 0

	names := make([]string, 0, len(c.byName))
	n := 0
	for name, t := range c.byName {
		names = append(names, name)
		n += len(t.events)
	}
	sort.Strings(names)
	type ref struct {
		seq     int
		machine int // index in names, or -1
		e       *signatures.Event
	}
	for _, b := range c.loose {
		n += len(b.first) + len(b.last)
	}
	refs := make([]ref, 0, n)
	for mi, name := range names {
		t := c.byName[name]
		for i := range t.events {
			refs = append(refs, ref{t.events[i].Seq, mi, &t.events[i]})
		}
	}
	for _, k := range c.looseKeys {
		b := c.loose[k]
		for i := range b.first {
			refs = append(refs, ref{b.first[i].Seq, -1, &b.first[i]})
		}
		for i := range b.last {
			refs = append(refs, ref{b.last[i].Seq, -1, &b.last[i]})
		}
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].seq < refs[j].seq })
	events := make([]signatures.Event, len(refs))
	machines := make([]Machine, len(names))
	for i, name := range names {
		machines[i] = c.byName[name].machine()
	}
	for i, r := range refs {
		events[i] = *r.e
		if r.machine >= 0 {
			machines[r.machine].EventIndex = append(machines[r.machine].EventIndex, i)
		}
	}
	c.byName, c.loose, c.looseKeys = nil, nil, nil
	return events, machines
}

// Correlate correlates events whose Seq is their index, completes them in place (Machine from request ids,
// Attempt numbers) and returns one Machine per machine named, sorted by name. Nothing is dropped: it is for
// events already in memory.
func Correlate(events []signatures.Event) []Machine {
	n := len(events) + 1
	c := New(Limits{MachineEvents: n, AttemptEvents: n, LooseEvents: 2 * n, PendingEvents: n, Requests: n, RequestMachines: n})
	for _, e := range events {
		c.Add(e)
	}
	kept, machines := c.Finish()
	for _, e := range kept {
		events[e.Seq] = e
	}
	return machines
}

type tracker struct {
	m          Machine
	limits     Limits
	attempt    int       // attempts numbered so far, over every log
	writers    []*writer // per log stream (one site server's Ccm.log): its open attempt; seldom more than two
	pending    int       // events waiting in some writer's pending
	failures   map[string]*failureAcc
	order      []string
	requests   map[string]bool
	accounts   map[string]bool
	clears     []*clearMark // per log stream, its last event that clears failures
	firstSucc  int          // attempt of the first success; -1 when none
	lastSucc   int
	events     []signatures.Event // kept
	perAttempt map[int]int        // kept info events per attempt, once the machine has many
	pruned     bool
	nextPrune  int // size of events at which to prune again
}

// writer is what one log stream says of the machine's current attempt: a site server's Ccm.log brackets the
// CCRs it processes, whatever another site server's log says meanwhile.
type writer struct {
	stream  string
	attempt int   // the attempt this log has open or last had; 0 before its first
	open    bool  // an attempt is open
	begun   bool  // the open attempt had a begin event
	pending []int // positions in events of info events this log wrote before any attempt opened

	// The CCR this site server stored in its Retry queue: each server retries its own (Ccrretry.box).
	retries                             int
	firstRetry, lastRetry               *Moment
	firstRetryAttempt, lastRetryAttempt int
}

// clearMark is the last event of one log stream that clears failures: by reading order (for failures of the
// same log) and by time (for those of other logs).
type clearMark struct {
	stream        string
	bySeq, byTime Moment
}

type failureAcc struct {
	f            Failure
	firstAttempt int
	lastCounted  int // the attempt last counted in f.Attempts
	types        map[string]bool
	accounts     map[string]bool
}

func newTracker(name string, limits Limits) *tracker {
	return &tracker{m: Machine{Name: name, EventCounts: map[string]int{}}, limits: limits, failures: map[string]*failureAcc{}, requests: map[string]bool{},
		accounts: map[string]bool{}, firstSucc: -1, events: make([]signatures.Event, 0, 12)}
}

func momentOf(e *signatures.Event, stream string) Moment {
	return Moment{Time: e.Time, Seconds: e.TimeSeconds, HasTime: e.HasTime, TimeZoneKnown: e.TimeZoneKnown,
		UTCOffsetMinutes: e.UTCOffsetMinutes, File: e.File, Line: e.Line, Seq: e.Seq, stream: stream}
}

// openAttempt starts a new push attempt in the log of w. Info events that log wrote before its first
// attempt (the `Attempting to connect` line of a KB excerpt without a `Begin Processing` line) belong to it.
func (t *tracker) openAttempt(w *writer, mo Moment) {
	t.attempt++
	w.attempt = t.attempt
	w.open = true
	t.m.Attempts = t.attempt
	if t.m.FirstAttempt == nil || laterThan(*t.m.FirstAttempt, mo) {
		first := mo
		t.m.FirstAttempt = &first
	}
	if t.m.LastAttempt == nil || laterThan(mo, *t.m.LastAttempt) {
		last := mo
		t.m.LastAttempt = &last
	}
	for _, i := range w.pending {
		t.events[i].Attempt = w.attempt
	}
	t.pending -= len(w.pending)
	w.pending = nil
}

func (t *tracker) add(e signatures.Event, stream string) {
	mo := momentOf(&e, stream)
	if t.m.Events == 0 || laterThan(t.m.FirstSeen, mo) {
		t.m.FirstSeen = mo
	}
	if t.m.Events == 0 || laterThan(mo, t.m.LastSeen) {
		t.m.LastSeen = mo
	}
	t.m.Events++
	t.m.EventCounts[e.Type]++
	if r, ok := e.Fields["request"].(string); ok && r != "" {
		if len(t.requests) < t.limits.Requests {
			t.requests[r] = true
		}
	}
	if a, ok := e.Fields["account"].(string); ok && a != "" {
		t.accounts[a] = true
	}
	w := t.writer(stream)
	preAttempt := t.assignAttempt(w, &e, mo)
	if e.ClearsFailures {
		c := t.clearMark(mo)
		if mo.Seq > c.bySeq.Seq {
			c.bySeq = mo
		}
		if mo.HasTime && (!c.byTime.HasTime || mo.Seconds > c.byTime.Seconds) {
			c.byTime = mo
		}
	}
	switch e.Role {
	case signatures.RoleRetry:
		w.retries++
		if w.firstRetry == nil {
			first := mo
			w.firstRetry, w.firstRetryAttempt = &first, e.Attempt
		}
		last := mo
		w.lastRetry, w.lastRetryAttempt = &last, e.Attempt
	case signatures.RoleFailure:
		t.addFailure(&e, mo)
	case signatures.RoleSuccess:
		t.m.Pushed = true
		if t.firstSucc < 0 {
			t.firstSucc = e.Attempt
		}
		if t.m.LastSuccess == nil || laterThan(mo, *t.m.LastSuccess) {
			last := mo
			t.m.LastSuccess = &last
			t.lastSucc = e.Attempt
		}
	}
	t.keep(e, w, preAttempt)
}

// writer is the state of the machine's attempts in one log stream.
func (t *tracker) writer(stream string) *writer {
	for _, w := range t.writers {
		if w.stream == stream {
			return w
		}
	}
	w := &writer{stream: stream}
	t.writers = append(t.writers, w)
	return w
}

// clearMark is the last event that clears failures in the log stream of mo, mo when it is the first.
func (t *tracker) clearMark(mo Moment) *clearMark {
	for _, c := range t.clears {
		if c.stream == mo.stream {
			return c
		}
	}
	c := &clearMark{stream: mo.stream, bySeq: mo, byTime: mo}
	t.clears = append(t.clears, c)
	return c
}

// keep stores the event unless the machine already has many and the event is context (an info line) of an
// attempt that holds its share of them.
func (t *tracker) keep(e signatures.Event, w *writer, preAttempt bool) {
	if preAttempt {
		w.pending = append(w.pending, len(t.events))
		t.pending++
		t.events = append(t.events, e)
		return
	}
	if t.pruned && e.Role == signatures.RoleInfo {
		if t.perAttempt[e.Attempt] >= t.limits.AttemptEvents {
			return
		}
		t.perAttempt[e.Attempt]++
	}
	t.events = append(t.events, e)
	if len(t.events) > max(t.limits.MachineEvents, t.nextPrune) && t.pending == 0 {
		t.prune()
		// What the summary points at may itself be many events: prune again only when they have doubled.
		t.nextPrune = 2 * len(t.events)
	}
}

// prune drops the events of the attempts nothing in the machine's summary points at. The first and the
// current attempt (of every log) stay, and so do those of the first and last retry and success and the
// first and last occurrence of every failure.
func (t *tracker) prune() {
	keep := map[int]bool{0: true, 1: true, t.attempt: true}
	for _, w := range t.writers {
		keep[w.attempt], keep[w.firstRetryAttempt], keep[w.lastRetryAttempt] = true, true, true
	}
	if t.firstSucc >= 0 {
		keep[t.firstSucc], keep[t.lastSucc] = true, true
	}
	for _, acc := range t.failures {
		keep[acc.firstAttempt], keep[acc.f.LastAttempt] = true, true
	}
	kept := t.events[:0]
	for _, e := range t.events {
		if keep[e.Attempt] {
			kept = append(kept, e)
		}
	}
	clear(t.events[len(kept):])
	t.events = kept
	if !t.pruned || len(t.events) > t.limits.MachineEvents {
		// From now on each attempt keeps a bounded share of context lines.
		t.pruned = true
		t.perAttempt = map[int]int{}
		for _, e := range t.events {
			if e.Role == signatures.RoleInfo {
				t.perAttempt[e.Attempt]++
			}
		}
	}
	for a := range t.perAttempt {
		if !keep[a] {
			delete(t.perAttempt, a)
		}
	}
	// Keep the slice from pinning a large array after a big drop.
	if cap(t.events) > 4*len(t.events)+64 {
		t.events = append([]signatures.Event(nil), t.events...)
	}
}

// assignAttempt numbers the machine's push attempts, in the log of w. A begin event opens one (unless the
// open attempt was opened by a failure before its begin line was seen); a failure, success or retry outside
// any attempt opens one, since excerpts often lack the begin line; a retry or end closes it. Info events join
// the open attempt, or the last one (bookkeeping written after the CCR went to Retry). It reports an info
// event seen before any attempt of its log, whose attempt is set when the first one opens.
func (t *tracker) assignAttempt(w *writer, e *signatures.Event, mo Moment) bool {
	switch e.Role {
	case signatures.RoleBegin:
		if !w.open || w.begun {
			t.openAttempt(w, mo)
		}
		w.begun = true
	case signatures.RoleFailure, signatures.RoleSuccess, signatures.RoleRetry:
		if !w.open {
			t.openAttempt(w, mo)
			w.begun = false
		}
	case signatures.RoleEnd:
		// belongs to the attempt it ends, open or just closed by a retry
	default:
		if !w.open && w.attempt == 0 {
			return true
		}
	}
	e.Attempt = w.attempt
	if e.Role == signatures.RoleRetry || e.Role == signatures.RoleEnd {
		w.open, w.begun = false, false
	}
	return false
}

// failureCode is the code a failure is grouped by: the Win32 code inside it when there is one.
func failureCode(e *signatures.Event) (int64, bool) {
	for _, k := range []string{"error_code_win32", "error_code"} {
		switch v := e.Fields[k].(type) {
		case int64:
			return v, true
		case int:
			return int64(v), true
		}
	}
	return 0, false
}

func (t *tracker) addFailure(e *signatures.Event, mo Moment) {
	key := "type:" + e.Type
	code, hasCode := failureCode(e)
	if hasCode {
		key = fmt.Sprintf("code:%d", code)
	}
	acc := t.failures[key]
	if acc == nil {
		acc = &failureAcc{f: Failure{First: mo, Last: mo, LastAttempt: e.Attempt}, firstAttempt: e.Attempt, types: map[string]bool{}, accounts: map[string]bool{}}
		if hasCode {
			c := code
			acc.f.Code = &c
			acc.f.Hex = fmt.Sprintf("0x%x", code)
		}
		t.failures[key] = acc
		t.order = append(t.order, key)
	}
	if acc.f.Events == 0 || e.Attempt != acc.lastCounted {
		// A log's failures come in reading order and its attempts only grow, and logs are read one after
		// the other: a count, not the set of attempts, which would grow with the log for a machine retried
		// for weeks.
		acc.f.Attempts++
		acc.lastCounted = e.Attempt
	}
	acc.f.Events++
	if laterThan(acc.f.First, mo) {
		acc.f.First = mo
		acc.firstAttempt = e.Attempt
	}
	if acc.f.Events == 1 || laterThan(mo, acc.f.Last) {
		acc.f.Last = mo
		acc.f.LastAttempt = e.Attempt
	}
	acc.types[e.Type] = true
	if a, ok := e.Fields["account"].(string); ok && a != "" {
		acc.accounts[a] = true
	}
}

// cleared says whether an event that clears failures came after the moment: in its own log, later in
// reading order; in another log (another site server's Ccm.log), at a later time on the same clock.
func (t *tracker) cleared(mo Moment) bool {
	for _, c := range t.clears {
		if c.stream == mo.stream {
			if c.bySeq.Seq > mo.Seq {
				return true
			}
			continue
		}
		if later, known := after(c.byTime, mo); known && later {
			return true
		}
	}
	return false
}

// provenAfter says whether a is known to have happened after b.
func provenAfter(a, b Moment) bool {
	later, known := after(a, b)
	return known && later
}

func (t *tracker) machine() Machine {
	m := t.m
	// The retries are those of the site server that stored the CCR in its Retry queue last: each server
	// retries the CCR of its own Ccrretry.box, up to 168 times, so two servers' retries do not add up.
	for _, w := range t.writers {
		if w.lastRetry != nil && (m.LastRetry == nil || laterThan(*w.lastRetry, *m.LastRetry)) {
			m.Retries, m.FirstRetry, m.LastRetry = w.retries, w.firstRetry, w.lastRetry
		}
	}
	m.Requests = sortedSet(t.requests)
	m.Accounts = sortedSet(t.accounts)
	m.Failures = make([]Failure, 0, len(t.order))
	m.EventIndex = make([]int, 0, len(t.events))
	for _, key := range t.order {
		acc := t.failures[key]
		f := acc.f
		f.Types = sortedSet(acc.types)
		f.Accounts = sortedSet(acc.accounts)
		f.Cleared = t.cleared(f.Last)
		m.Failures = append(m.Failures, f)
	}
	// In the order they first occurred, whatever order the logs were read in.
	sort.SliceStable(m.Failures, func(i, j int) bool { return laterThan(m.Failures[j].First, m.Failures[i].First) })
	// After a successful push the CCR also goes to the Retry queue, for a second pass that checks the SMS
	// Agent Host runs (KB 925282, pre-installation step 5): a retry after a success with no failure since is
	// that verification, not a failed push being retried. A success that cannot be placed before the retry
	// or a failure (logs without comparable times) leaves the CCR retrying: a wrong "cleared" hides a cause.
	failedSinceSuccess := false
	for _, f := range m.Failures {
		if m.LastSuccess == nil || !provenAfter(*m.LastSuccess, f.Last) {
			failedSinceSuccess = true
		}
	}
	m.Retrying = m.LastRetry != nil && (m.LastSuccess == nil || !provenAfter(*m.LastSuccess, *m.LastRetry) && failedSinceSuccess)
	return m
}

func sortedSet(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
