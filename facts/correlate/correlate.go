// Package correlate ties log events to the machines being pushed to and sums up, per machine, what the logs
// say about its push: attempts, retries, failures by error code and whether a later success cleared them.
// It reads only event roles and the conventional fields (machine, request, account, error_code), never event
// names, so that new signatures take part without code changes.
package correlate

import (
	"fmt"
	"regexp"
	"sort"

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
	Cleared     bool     `json:"cleared"` // an event that clears failures came after the last occurrence
}

// Machine is everything the logs say about pushing the client to one machine.
type Machine struct {
	Name         string    `json:"name"`
	Requests     []string  `json:"requests"`
	Accounts     []string  `json:"accounts"`
	Events       int       `json:"events"`
	Attempts     int       `json:"attempts"`
	Retries      int       `json:"retries"` // times the CCR was stored in the Retry queue
	FirstSeen    Moment    `json:"first_seen"`
	LastSeen     Moment    `json:"last_seen"`
	FirstAttempt *Moment   `json:"first_attempt"`
	LastAttempt  *Moment   `json:"last_attempt"`
	FirstRetry   *Moment   `json:"first_retry"`
	LastRetry    *Moment   `json:"last_retry"`
	Failures     []Failure `json:"failures"`
	Pushed       bool      `json:"pushed"` // some event says the push completed
	LastSuccess  *Moment   `json:"last_success"`
	Retrying     bool      `json:"retrying"` // the CCR is in the Retry queue with no later success
}

var ccrName = regexp.MustCompile(`(?i)^(.+)\.(?:ccr|krc)$`)

// Correlate completes the events in place (Machine from request ids, Attempt numbers) and returns one
// Machine per machine named, sorted by name. Events must be in reading order (Seq ascending).
func Correlate(events []signatures.Event) []Machine {
	resolveMachines(events)
	byName := map[string]*tracker{}
	var names []string
	for i := range events {
		e := &events[i]
		if e.Machine == "" {
			continue
		}
		t := byName[e.Machine]
		if t == nil {
			t = newTracker(e.Machine)
			byName[e.Machine] = t
			names = append(names, e.Machine)
		}
		t.add(events, i)
	}
	sort.Strings(names)
	out := make([]Machine, 0, len(names))
	for _, n := range names {
		out = append(out, byName[n].machine(events))
	}
	return out
}

// resolveMachines gives a machine to events that name only a request: ccm.log's database lines carry the
// numeric push request id, and the `Begin Processing request` line ties that id to the machine name.
func resolveMachines(events []signatures.Event) {
	byRequest := map[string]string{}
	for _, e := range events {
		if r, ok := e.Fields["request"].(string); ok && r != "" && e.Machine != "" {
			byRequest[r] = e.Machine
		}
	}
	for i := range events {
		e := &events[i]
		if e.Machine != "" {
			continue
		}
		r, ok := e.Fields["request"].(string)
		if !ok || r == "" {
			continue
		}
		if m, ok := byRequest[r]; ok {
			e.Machine = m
		} else if m := ccrName.FindStringSubmatch(r); m != nil {
			e.Machine = signatures.MachineName(m[1])
		}
	}
}

type tracker struct {
	m        Machine
	attempt  int
	open     bool
	begun    bool  // the open attempt had a begin event
	pending  []int // info events seen before any attempt opened
	failures map[string]*failureAcc
	order    []string
	requests map[string]bool
	accounts map[string]bool
}

type failureAcc struct {
	f        Failure
	attempts map[int]bool
	types    map[string]bool
	accounts map[string]bool
}

func newTracker(name string) *tracker {
	return &tracker{m: Machine{Name: name}, failures: map[string]*failureAcc{}, requests: map[string]bool{}, accounts: map[string]bool{}}
}

func momentOf(e *signatures.Event) Moment {
	return Moment{Time: e.Time, Seconds: e.TimeSeconds, HasTime: e.HasTime, TimeZoneKnown: e.TimeZoneKnown,
		UTCOffsetMinutes: e.UTCOffsetMinutes, File: e.File, Line: e.Line, Seq: e.Seq}
}

// openAttempt starts a new push attempt. Info events seen before the first attempt (the `Attempting to
// connect` line of a KB excerpt without a `Begin Processing` line) belong to it.
func (t *tracker) openAttempt(e *signatures.Event, events []signatures.Event) {
	t.attempt++
	t.open = true
	t.m.Attempts = t.attempt
	mo := momentOf(e)
	if t.m.FirstAttempt == nil {
		first := mo
		t.m.FirstAttempt = &first
	}
	t.m.LastAttempt = &mo
	for _, i := range t.pending {
		events[i].Attempt = t.attempt
	}
	t.pending = nil
}

func (t *tracker) add(events []signatures.Event, i int) {
	e := &events[i]
	mo := momentOf(e)
	if t.m.Events == 0 {
		t.m.FirstSeen = mo
	}
	t.m.LastSeen = mo
	t.m.Events++
	if r, ok := e.Fields["request"].(string); ok && r != "" {
		t.requests[r] = true
	}
	if a, ok := e.Fields["account"].(string); ok && a != "" {
		t.accounts[a] = true
	}
	t.assignAttempt(events, i)
	switch e.Role {
	case signatures.RoleRetry:
		t.m.Retries++
		if t.m.FirstRetry == nil {
			first := mo
			t.m.FirstRetry = &first
		}
		t.m.LastRetry = &mo
	case signatures.RoleFailure:
		t.addFailure(e, mo)
	case signatures.RoleSuccess:
		t.m.Pushed = true
		t.m.LastSuccess = &mo
	}
}

// assignAttempt numbers the machine's push attempts. A begin event opens one (unless the open attempt was
// opened by a failure before its begin line was seen); a failure, success or retry outside any attempt
// opens one, since excerpts often lack the begin line; a retry or end closes it. Info events join the open
// attempt, or the last one (bookkeeping written after the CCR went to Retry).
func (t *tracker) assignAttempt(events []signatures.Event, i int) {
	e := &events[i]
	switch e.Role {
	case signatures.RoleBegin:
		if !t.open || t.begun {
			t.openAttempt(e, events)
		}
		t.begun = true
	case signatures.RoleFailure, signatures.RoleSuccess, signatures.RoleRetry:
		if !t.open {
			t.openAttempt(e, events)
			t.begun = false
		}
	case signatures.RoleEnd:
		// belongs to the attempt it ends, open or just closed by a retry
	default:
		if !t.open && t.attempt == 0 {
			t.pending = append(t.pending, i)
			return
		}
	}
	e.Attempt = t.attempt
	if e.Role == signatures.RoleRetry || e.Role == signatures.RoleEnd {
		t.open, t.begun = false, false
	}
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
		acc = &failureAcc{f: Failure{First: mo}, attempts: map[int]bool{}, types: map[string]bool{}, accounts: map[string]bool{}}
		if hasCode {
			c := code
			acc.f.Code = &c
			acc.f.Hex = fmt.Sprintf("0x%x", code)
		}
		t.failures[key] = acc
		t.order = append(t.order, key)
	}
	acc.f.Events++
	acc.f.Last = mo
	acc.f.LastAttempt = e.Attempt
	acc.attempts[e.Attempt] = true
	acc.types[e.Type] = true
	if a, ok := e.Fields["account"].(string); ok && a != "" {
		acc.accounts[a] = true
	}
}

func (t *tracker) machine(events []signatures.Event) Machine {
	m := t.m
	m.Requests = sortedSet(t.requests)
	m.Accounts = sortedSet(t.accounts)
	m.Failures = []Failure{}
	var clears []int
	for _, e := range events {
		if e.Machine == m.Name && e.ClearsFailures {
			clears = append(clears, e.Seq)
		}
	}
	for _, key := range t.order {
		acc := t.failures[key]
		f := acc.f
		f.Attempts = len(acc.attempts)
		f.Types = sortedSet(acc.types)
		f.Accounts = sortedSet(acc.accounts)
		for _, seq := range clears {
			if seq > f.Last.Seq {
				f.Cleared = true
			}
		}
		m.Failures = append(m.Failures, f)
	}
	// After a successful push the CCR also goes to the Retry queue, for a second pass that checks the SMS
	// Agent Host runs (KB 925282, pre-installation step 5): a retry after a success with no failure since is
	// that verification, not a failed push being retried.
	failedSinceSuccess := false
	for _, f := range m.Failures {
		if m.LastSuccess == nil || f.Last.Seq > m.LastSuccess.Seq {
			failedSinceSuccess = true
		}
	}
	m.Retrying = m.LastRetry != nil && (m.LastSuccess == nil || m.LastRetry.Seq > m.LastSuccess.Seq && failedSinceSuccess)
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
