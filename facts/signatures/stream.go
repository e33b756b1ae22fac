package signatures

import (
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pushlint/pushlint/facts/logs"
)

// Line is a log line quoted as evidence.
type Line struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Text string `json:"text"`
}

// Event is what a signature found in one log entry. It is an element of the input document's `events`.
type Event struct {
	Seq            int    `json:"seq"` // position in reading order across all logs
	Type           string `json:"type"`
	Signature      string `json:"signature"`
	Role           string `json:"role"`
	ClearsFailures bool   `json:"clears_failures"`
	// Unconfirmed is true when the signature that matched is marked unconfirmed: no real log has shown its
	// phrase yet, so what the event says is an expectation (docs/signatures.md).
	Unconfirmed   bool   `json:"unconfirmed"`
	Machine       string `json:"machine"` // "" when neither the line nor its context names one
	Attempt       int    `json:"attempt"` // push attempt of the machine it belongs to; 0 when none
	File          string `json:"file"`
	Line          int    `json:"line"`
	EndLine       int    `json:"end_line"`
	LogKind       string `json:"log_kind"` // "" when the file's kind is not known
	Component     string `json:"component"`
	Thread        int    `json:"thread"`
	Time          string `json:"time"` // RFC 3339 UTC; without the Z when the zone is unknown; "" without time
	TimeSeconds   int64  `json:"time_seconds"`
	HasTime       bool   `json:"has_time"`
	TimeZoneKnown bool   `json:"time_zone_known"` // false: Time is the writer's wall clock, zone unknown
	// UTCOffsetMinutes is local time minus UTC (600 for UTC+10), from the line's bias: the wall clock the
	// log shows is Time plus it. 0 when the zone is unknown.
	UTCOffsetMinutes int            `json:"utc_offset_minutes"`
	Text             string         `json:"text"` // the log message, for evidence
	Fields           map[string]any `json:"fields"`
	Before           []Line         `json:"before"` // the lines before it, oldest first, when the signature asks
}

// maxText bounds the text kept per line: a multi-kilobyte XML reply is evidence enough in its first part.
const maxText = 2000

// Stream matches the entries of one log file, in order. It keeps what signatures remember (the machine a
// thread is working on, the MSI action in progress) and the last few lines for signatures that quote the
// lines before them; it never keeps the entries themselves.
type Stream struct {
	m       *Matcher
	kind    *Kind
	decided bool
	threads map[int]map[string]any
	file    map[string]any
	ring    []Line
	next    int
	filled  int
	emitted []string
	prep    *Preparer // for entries that come unprepared
	fields  fieldsCache

	lastTime struct {
		sec       int64
		zoneKnown bool
		text      string
	}
}

// NewStream starts matching a file. The kind comes from the file name when it says it, otherwise from the
// first entry that carries a known component or format.
func (m *Matcher) NewStream(file string) *Stream {
	s := &Stream{m: m, threads: map[int]map[string]any{}, file: map[string]any{}}
	if k := m.kindByFile(file); k != nil {
		s.kind, s.decided = k, true
	}
	if m.maxBefore > 0 {
		s.ring = make([]Line, m.maxBefore)
	}
	return s
}

// Kind is the file's kind id, or "" while it is not known.
func (s *Stream) Kind() string {
	if s.kind == nil {
		return ""
	}
	return s.kind.ID
}

// Match appends to dst the events entry e shows, at most one per event type.
func (s *Stream) Match(dst []Event, e logs.Entry) []Event {
	if !s.decided {
		if k := s.m.kindByEntry(e); k != nil {
			s.kind, s.decided = k, true
		}
	}
	pr, _ := e.Prepared.(*Prepared)
	if pr == nil || pr.m != s.m || (pr.kind != nil && pr.kind != s.kind) {
		if s.prep == nil {
			s.prep = s.m.NewPreparer()
		}
		pr = s.prep.prepare(e, s.kind)
	}
	s.emitted = s.emitted[:0]
	cs := s.m.candidates(s.kind)
	for _, pm := range pr.matches {
		c := pm.c
		if pr.kind == nil && s.kind != nil && !cs.has[c] {
			continue // prepared against every signature, before the file's kind was known
		}
		if contains(s.emitted, c.Type) {
			continue
		}
		ev := s.event(c, e, pm.fields)
		if c.Emit {
			s.emitted = append(s.emitted, c.Type)
			dst = append(dst, ev)
		}
	}
	if len(s.ring) > 0 {
		s.ring[s.next] = Line{File: e.File, Line: e.Line, Text: clip(e.Message)}
		s.next = (s.next + 1) % len(s.ring)
		if s.filled < len(s.ring) {
			s.filled++
		}
	}
	return dst
}

// Prepared is what can be worked out of one entry on its own, on any core and in any order: which
// signatures match its message, and the fields they capture. Stream.Match adds what depends on the entries
// before it (the thread's context, the lines before, one event per type).
type Prepared struct {
	m       *Matcher
	kind    *Kind // the kind whose signatures were tried; nil: all of them
	matches []prepared
}

type prepared struct {
	c      *compiled
	fields map[string]any
}

// Preparer prepares entries for matching, with its own caches: one per goroutine.
type Preparer struct {
	m      *Matcher
	hits   []uint64
	byFile map[string]*Kind
	norm   normCache
}

// NewPreparer returns a Preparer for the matcher's signatures.
func (m *Matcher) NewPreparer() *Preparer { return &Preparer{m: m, byFile: map[string]*Kind{}} }

// Prepare sets e.Prepared, trying the signatures of the kind the file's name says (all of them when the
// name says nothing).
func (p *Preparer) Prepare(e *logs.Entry) {
	k, ok := p.byFile[e.File]
	if !ok {
		k = p.m.kindByFile(e.File)
		p.byFile[e.File] = k
	}
	e.Prepared = p.prepare(*e, k)
}

var noMatches = []prepared{}

func (p *Preparer) prepare(e logs.Entry, k *Kind) *Prepared {
	pr := &Prepared{m: p.m, kind: k, matches: noMatches}
	msg := e.Message
	comp := p.norm.lowerComponent(e.Component)
	cs := p.m.candidates(k)
	if cap(p.hits) < cs.words {
		p.hits = make([]uint64, cs.words)
	}
	hits := p.hits[:cs.words]
	copy(hits, cs.always)
	cs.literals.scan(msg, hits)
	for w, word := range hits {
		for word != 0 {
			i := w<<6 + bits.TrailingZeros64(word)
			word &= word - 1
			c := cs.list[i]
			if c.components != nil && comp != "" && !c.components[comp] {
				continue
			}
			idx := c.find(msg)
			if idx == nil {
				continue
			}
			fields := make(map[string]any, len(c.groups)+2)
			for i, g := range c.groups {
				if g == "" || idx[2*i] < 0 {
					continue
				}
				p.norm.normalize(fields, g, c.norms[i], msg[idx[2*i]:idx[2*i+1]])
			}
			for _, fv := range c.values {
				if isEmpty(fields[fv[0]]) {
					p.norm.normalize(fields, fv[0], normOf(c.Signature, fv[0]), fv[1])
				}
			}
			pr.matches = append(pr.matches, prepared{c: c, fields: fields})
		}
	}
	return pr
}

// normCache remembers what names, codes and components normalize to: a log names the same machines,
// accounts and error codes line after line.
type normCache struct {
	comp  [2]string                    // the last component seen and its lower case
	names map[string]map[string]string // normalization → raw value → normalized
	codes map[string]map[string]any    // raw error code → its fields
}

// lowerComponent lower-cases a component name; a log's entries carry one or a few.
func (n *normCache) lowerComponent(comp string) string {
	if comp != n.comp[0] {
		n.comp = [2]string{comp, strings.ToLower(comp)}
	}
	return n.comp[1]
}

// event completes what a signature captured from the entry (fields, which becomes the event's) with the
// context of the entries before it.
func (s *Stream) event(c *compiled, e logs.Entry, fields map[string]any) Event {
	for _, f := range c.Recall {
		if isEmpty(fields[f]) {
			s.recall(e.Thread, f, fields)
		}
	}
	ev := Event{
		Type: c.Type, Signature: c.ID, Role: c.Role, ClearsFailures: c.ClearsFailures, Unconfirmed: c.Unconfirmed,
		File: e.File, Line: e.Line, EndLine: e.EndLine, LogKind: s.Kind(), Component: e.Component, Thread: e.Thread,
		Text: clip(e.Message), Fields: s.fields.share(fields), Before: []Line{},
	}
	if ev.EndLine < ev.Line {
		ev.EndLine = ev.Line
	}
	if m, ok := fields["machine"].(string); ok {
		ev.Machine = m
	}
	if e.HasTime {
		ev.Time, ev.TimeSeconds, ev.HasTime, ev.TimeZoneKnown = s.formatTime(e.Time, e.TimeZoneKnown), e.Time.Unix(), true, e.TimeZoneKnown
		if off, ok := e.UTCOffset(); ok && e.TimeZoneKnown {
			ev.UTCOffsetMinutes = off
		}
	}
	if c.Before > 0 {
		ev.Before = s.before(c.Before)
	}
	for _, f := range c.Remember {
		s.remember(e.Thread, f, fields)
	}
	if c.Forget {
		delete(s.threads, e.Thread)
		s.file = map[string]any{}
	}
	return ev
}

// fieldsCache shares one map between the events of a stream whose fields are equal: the events of one
// attempt name the same machine and request, and a site's log keeps millions of events. An event's fields
// are never changed once it is made.
type fieldsCache struct {
	maps map[string]map[string]any
	key  []byte
}

// share returns a map equal to fields that an earlier event already holds, or fields itself.
func (c *fieldsCache) share(fields map[string]any) map[string]any {
	if len(fields) == 0 || len(fields) > 8 {
		return fields
	}
	var keys [8]string
	n := 0
	for k := range fields {
		keys[n] = k
		n++
	}
	slices.Sort(keys[:n])
	b := c.key[:0]
	for _, k := range keys[:n] {
		// Lengths first, so that no name or value, whatever bytes it holds, reads as another.
		b = strconv.AppendInt(b, int64(len(k)), 10)
		b = append(b, ':')
		b = append(b, k...)
		switch v := fields[k].(type) {
		case string:
			b = strconv.AppendInt(append(b, 's'), int64(len(v)), 10)
			b = append(b, ':')
			b = append(b, v...)
		case int:
			b = strconv.AppendInt(append(b, 'i'), int64(v), 10)
		case int64:
			b = strconv.AppendInt(append(b, 'l'), v, 10)
		case bool:
			b = strconv.AppendBool(append(b, 'b'), v)
		default:
			return fields // not worth telling apart
		}
		b = append(b, ';')
	}
	c.key = b
	if m, ok := c.maps[string(b)]; ok {
		return m
	}
	if c.maps == nil || len(c.maps) >= maxCached {
		c.maps = make(map[string]map[string]any)
	}
	c.maps[string(b)] = fields
	return fields
}

// formatTime is FormatTime for the entries of one stream, which come many to a second.
func (s *Stream) formatTime(t time.Time, zoneKnown bool) string {
	sec := t.Unix()
	if s.lastTime.text == "" || s.lastTime.sec != sec || s.lastTime.zoneKnown != zoneKnown {
		s.lastTime.sec, s.lastTime.zoneKnown, s.lastTime.text = sec, zoneKnown, FormatTime(t, zoneKnown)
	}
	return s.lastTime.text
}

// normalize is the package's normalize, through the cache.
func (s *normCache) normalize(fields map[string]any, name, norm, raw string) {
	switch norm {
	case NormMachine, NormAccount, NormRequest, NormUpper, NormLower:
		cache := s.names[norm]
		if cache == nil || len(cache) >= maxCached {
			cache = map[string]string{}
			if s.names == nil {
				s.names = map[string]map[string]string{}
			}
			s.names[norm] = cache
		}
		v, ok := cache[raw]
		if !ok {
			tmp := map[string]any{}
			normalize(tmp, name, norm, raw)
			v, _ = tmp[name].(string)
			cache[strings.Clone(raw)] = v
		}
		fields[name] = v
	case NormErrorCode:
		if s.codes == nil || len(s.codes) >= maxCached {
			s.codes = map[string]map[string]any{}
		}
		c, ok := s.codes[raw]
		if !ok {
			c = map[string]any{}
			normalize(c, "v", norm, raw)
			s.codes[strings.Clone(raw)] = c
		}
		fields[name] = c["v"]
		if h, ok := c["v_hex"]; ok {
			fields[name+"_hex"] = h
		}
		if w, ok := c["v_win32"]; ok {
			fields[name+"_win32"] = w
		}
	default:
		normalize(fields, name, norm, raw)
	}
}

// maxCached bounds each of a stream's caches of normalized values.
const maxCached = 4096

// FormatTime writes an entry's time for the input document: RFC 3339 UTC when the log said its zone, and
// the same without the Z when the time is the writer's wall clock in a zone nobody knows (text copied out
// of Trace32, MSI logs), so that no message presents a local time as UTC.
func FormatTime(t time.Time, zoneKnown bool) string {
	t = t.UTC()
	if zoneKnown {
		return t.Format(time.RFC3339)
	}
	return t.Format("2006-01-02T15:04:05")
}

func normOf(sig *Signature, field string) string {
	if n, ok := sig.Fields[field]; ok {
		return n
	}
	return NormText
}

// derived are the keys a normalization adds next to a field; context carries them along with it.
func derived(f string) []string { return []string{f, f + "_hex", f + "_win32"} }

// remember stores a field for later entries of the same thread and, as a fallback for entries that carry no
// thread (text pasted from a KB), of the same file.
func (s *Stream) remember(thread int, f string, fields map[string]any) {
	if isEmpty(fields[f]) {
		return
	}
	ctx := s.threads[thread]
	if ctx == nil && thread != 0 {
		ctx = map[string]any{}
		s.threads[thread] = ctx
	}
	for _, k := range derived(f) {
		if v, ok := fields[k]; ok {
			if ctx != nil {
				ctx[k] = v
			}
			s.file[k] = v
		}
	}
}

// recall fills a field from the thread's context, else from the file's: ccm.log processes several CCRs at
// once on different threads, and a WNetAddConnection2 line names the account but not the machine.
func (s *Stream) recall(thread int, f string, fields map[string]any) {
	ctx := s.file
	if t := s.threads[thread]; thread != 0 && t != nil && !isEmpty(t[f]) {
		ctx = t
	}
	if isEmpty(ctx[f]) {
		return
	}
	for _, k := range derived(f) {
		if v, ok := ctx[k]; ok {
			fields[k] = v
		}
	}
}

func (s *Stream) before(n int) []Line {
	if n > s.filled {
		n = s.filled
	}
	out := make([]Line, 0, n)
	for i := n; i > 0; i-- {
		out = append(out, s.ring[(s.next-i+len(s.ring))%len(s.ring)])
	}
	return out
}

func isEmpty(v any) bool {
	if v == nil {
		return true
	}
	s, ok := v.(string)
	return ok && s == ""
}

func clip(s string) string {
	s = strings.TrimRight(s, " \t\r\n")
	if len(s) > maxText {
		cut := maxText
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}
