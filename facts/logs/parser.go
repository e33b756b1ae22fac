package logs

import (
	"bytes"
	"fmt"
	"github.com/pushlint/pushlint/internal/termsafe"
)

const (
	// maxPendingLines bounds the continuation lines kept for a record whose end has not been seen.
	maxPendingLines = 256
	// maxOpenTrailerLines is how many lines a server trailer may be wrapped over (the KB text wraps it once).
	maxOpenTrailerLines = 3
	// maxWarnings bounds the warnings kept per file; the rest are counted.
	maxWarnings = 20
)

// parser assembles the physical lines of one file into entries. Every line is offered to every format's
// parser (a ticket may paste several formats into one file); the file's detected format (home) decides only
// what happens to lines no parser recognises:
//   - in a server log or a Trace32 copy they are continuation lines of the next record (whose trailer or
//     columns come after its message), kept until that record arrives, and counted as unparsed if none does;
//   - in a CMTrace log they are outside any record: unparsed;
//   - in an MSI log and in plain text they are records of their own.
type parser struct {
	file   string
	home   Format
	quoted bool
	max    int
	sum    *LogFile
	fn     func(Entry) error
	err    error
	in     interner

	// The CMTrace record being read.
	cmOn    bool
	cmStart int
	cmMsg   []byte
	cmCut   bool

	// Continuation lines waiting for the record they belong to, joined by '\n', or by a space where the line
	// break was a re-wrap (see wrapped).
	pend          []byte
	pendNums      []int
	pendOffs      []int
	pendRaw       []int // width of each pending line as written
	pendOpen      bool  // the pending text ends in a server trailer that is not closed yet
	pendStripped  bool  // ... or in a stripped trailer ("msg  $$"), whose fields may follow on the next line
	pendBare      bool  // the pending text ends in a bare component (Trace32 copy), bareLen bytes long
	bareLen       int
	pendOpenLines int

	// width is the widest line of the file's start, as written (indentation included): the width a copy
	// was wrapped at, when it was. rawLen is the width of the line being read.
	width  int
	rawLen int
	join   []byte

	cal           msiCalendar
	lastBias      string
	firstBias     string
	firstBiasLine int
	lastUnparsed  int
	escBuf        []byte
	warnDropped   int
}

// line parses one physical line (without its line ending, valid UTF-8, no NUL).
func (p *parser) line(num int, raw []byte) {
	if p.cmOn {
		s := raw
		if p.quoted {
			s = unquote(s)
		}
		p.cmAppend(num, []byte{'\n'})
		p.cmFeed(num, s)
		return
	}
	t := raw
	p.rawLen = len(bytes.TrimRight(raw, " \t"))
	if p.quoted {
		t = unquote(t)
	}
	if i := bytes.Index(t, cmOpen); i >= 0 {
		p.flushPending()
		if pre := bytes.TrimSpace(t[:i]); len(pre) > 0 {
			p.stray(num, pre)
		}
		p.cmBegin(num, t[i+len(cmOpen):])
		return
	}
	t = bytes.TrimSpace(t)
	if len(t) == 0 {
		p.flushPending()
		return
	}
	if p.quoted && bytes.IndexByte(t, '\\') >= 0 {
		p.escBuf = unescapeMarkdown(t, p.escBuf)
		t = p.escBuf
	}
	p.text(num, t)
}

// text parses a trimmed line that does not start a CMTrace record.
func (p *parser) text(num int, t []byte) {
	if p.pendBare && !p.bareContinues(t) {
		p.emitBare()
	}
	if p.pendOpen {
		if p.pendStripped && (len(t) == 0 || t[0] != '<') {
			// The stripped trailer was the record's end after all.
			p.flushPending()
		} else if len(p.pend)+1+len(t) <= p.max {
			p.pushPending(num, t)
			if end := gluedEnd(p.pend); end >= 0 {
				// The trailer that closed on this line is followed by the next row, glued to it.
				rest := append([]byte(nil), bytes.TrimSpace(p.pend[end:])...)
				p.pend = p.pend[:end]
				rec, _ := parseServer(p.pend)
				p.emitServer(num, rec)
				p.text(num, rest)
				return
			}
			rec, st := parseServer(p.pend)
			switch {
			case st == fullTrailer && (!p.pendStripped || rec.hasFields):
				p.emitServer(num, rec)
				return
			case st == openTrailer && p.pendOpenLines < maxOpenTrailerLines:
				p.pendOpenLines++
				p.pendStripped = false
				return
			}
			p.popPending()
		}
		// The trailer never closed: what was pending is not a record (or, stripped, a record of its own); this
		// line starts afresh.
		p.flushPending()
	}
	if bytes.Contains(t, dollars) {
		// Rows glued into one line: each but the last ends with its trailer. A line with one "$$" that ends
		// in '>' (every line of a real log) cannot be two rows.
		for end := gluedEnd(t); end >= 0; end = gluedEnd(t) {
			p.text(num, bytes.TrimSpace(t[:end]))
			t = bytes.TrimSpace(t[end:])
		}
		if len(p.pendNums) > 0 && len(p.pend)+1+len(t) > p.max {
			p.flushPending()
		}
		record := t
		if len(p.pendNums) > 0 {
			p.pushPending(num, t)
			record = p.pend
		}
		rec, st := parseServer(record)
		switch {
		case st == fullTrailer && rec.stripped && p.home == FormatSMSServer:
			// "msg  $$" at a line end: a sanitiser stripped the fields, or a re-wrapped copy put them on the
			// next line. The next line tells.
			if len(p.pendNums) == 0 {
				p.pushPending(num, t)
			}
			p.pendOpen, p.pendStripped, p.pendOpenLines = true, true, 0
			return
		case st == fullTrailer:
			p.emitServer(num, rec)
			return
		case st == openTrailer:
			if len(p.pendNums) == 0 {
				p.pushPending(num, t)
			}
			p.pendOpen, p.pendOpenLines = true, 0
			return
		}
		if len(p.pendNums) > 0 {
			p.popPending()
		}
	}
	if m := parseMSI(t); m.kind != msiNone {
		p.flushPending()
		p.emitMSI(num, m)
		return
	}
	if p.trace32(num, t) {
		return
	}
	switch p.home {
	case FormatSMSServer, FormatTrace32Copy:
		// Lines that would make the record longer than the cap are not continuation lines of one record.
		if len(p.pendNums) >= maxPendingLines || len(p.pend)+1+len(t) > p.max {
			p.flushPending()
		}
		p.pushPending(num, t)
	case FormatCMTrace:
		p.stray(num, t)
	default:
		p.emit(Entry{Line: num, EndLine: num, Message: string(t)})
	}
}

// trace32 parses the column groups of a line copied out of a log viewer.
func (p *parser) trace32(num int, t []byte) bool {
	groups := findGroups(t, p.home == FormatTrace32Copy)
	first := num
	if p.home == FormatTrace32Copy && len(p.pendNums) > 0 && (len(groups) == 0 ||
		groups[0].comp == nil && (!groups[0].hasDate || groups[0].start == 0)) {
		// A page re-wrapped the row: its columns began on the line before ("... SMS_CLIENT_CONFIG_MANAGER
		// 9/20/99" / "5:24:08 PM 276 (0x114)", "... 5:24:02 PM 227" / "(0xE3)", "... error code 1603
		// ccmsetup" / "12-11-2010 16:26:12 3264 (0x0CC0)"). Read the two lines as one.
		n := len(p.pendNums) - 1
		last := p.pend[p.pendOffs[n]:]
		p.join = append(append(append(p.join[:0], last...), ' '), t...)
		if cg := findGroups(p.join, true); len(cg) > 0 && cg[0].end > len(last)+1 && crossesBreak(p.join, cg[0], len(last)) {
			first = p.pendNums[n]
			p.popPending()
			p.pendBare = false
			t, groups = p.join, cg
		}
	}
	if p.pendBare {
		p.emitBare()
	}
	if len(groups) == 0 {
		return false
	}
	if p.home != FormatTrace32Copy && (len(groups) != 1 || groups[0].end != len(t)) {
		return false // outside a Trace32 copy, only a classic row (message, then its columns) counts
	}
	pos := 0
	for i, g := range groups {
		frag, comp := t[pos:g.start], g.comp
		if comp == nil {
			frag, comp = splitComponent(frag, g)
		}
		at := num
		if i == 0 {
			at = first
		}
		if g.thread == 0 && !g.hasDate && i == len(groups)-1 && len(bytes.TrimSpace(t[g.end:])) == 0 {
			// A bare component at the line's end ends its record, unless the row's date and thread columns
			// were wrapped onto the next line: hold it until that line says.
			p.pushPending(at, bytes.TrimSpace(t[pos:g.end]))
			p.pendBare, p.bareLen = true, 0
			if bytes.HasSuffix(p.pend, comp) { // else the record's cap cut it off
				p.bareLen = len(comp)
			}
			return true
		}
		p.pushPending(at, bytes.TrimSpace(frag))
		e := Entry{Line: p.firstPending(at), EndLine: num, Message: string(p.pend),
			Component: p.in.get(comp), Thread: g.thread}
		if g.hasTime {
			e.Time, e.HasTime = g.when, true
		}
		p.resetPending()
		p.emit(e)
		pos = g.end
	}
	p.pushPending(num, bytes.TrimSpace(t[pos:]))
	return true
}

// crossesBreak tells whether a column group found in two lines joined at brk has columns on the first line:
// it starts there, or the component it takes from the text before it ends the first line.
func crossesBreak(joined []byte, g columnGroup, brk int) bool {
	if g.start < brk {
		return true
	}
	if g.comp != nil || g.start != brk+1 {
		return false
	}
	_, comp := splitComponent(joined[:g.start], g)
	return comp != nil
}

// emitBare emits the record that a bare component at the end of the last pending line ended.
func (p *parser) emitBare() {
	n := len(p.pend) - p.bareLen
	e := Entry{Line: p.pendNums[0], EndLine: p.pendNums[len(p.pendNums)-1],
		Message: string(bytes.TrimSpace(p.pend[:n])), Component: p.in.get(p.pend[n:])}
	p.resetPending()
	p.emit(e)
}

// bareContinues tells whether a line may carry the date and thread columns of the row whose component
// ended the line before (see trace32): it starts with a column group that has no component.
func (p *parser) bareContinues(t []byte) bool {
	if p.home != FormatTrace32Copy {
		return false
	}
	g := findGroups(t, true)
	return len(g) > 0 && g[0].start == 0 && g[0].comp == nil
}

func (p *parser) emitServer(num int, r serverRecord) {
	e := Entry{Line: p.firstPending(num), EndLine: num, Message: string(r.msg), Component: p.in.get(r.comp),
		Thread: r.thread}
	if r.hasTime {
		e.Time, e.HasTime = r.wall, true
		if r.hasBias {
			e.Time, e.Bias, e.TimeZoneKnown = utcFromBias(r.wall, r.biasMin), p.in.get(r.bias), true
		}
	}
	if r.badDate {
		p.warnf(num, "unreadable date in the server-log trailer")
	}
	if r.badThread != nil {
		p.badThread(num, r.badThread)
	}
	p.resetPending()
	p.emit(e)
}

func (p *parser) emitMSI(num int, m msiLine) {
	e := Entry{Line: num, EndLine: num, Message: string(m.msg), Component: m.comp, Thread: m.thread}
	switch m.kind {
	case msiBanner:
		if m.hasDate {
			p.cal.banner(m.date, m.clk)
			e.Time, e.HasTime = wallTime(m.date[0], m.date[1], m.date[2], m.clk), true
		}
	case msiEngine, msiAction:
		if m.hasClock {
			e.Time, e.HasTime = p.cal.at(m.clk)
		}
	case msiDamaged:
		p.markUnparsed(num, num)
		p.warnf(num, "starts like a Windows Installer log line but has no (process:thread) [time]: prefix")
	}
	p.emit(e)
}

// --- CMTrace records

func (p *parser) cmBegin(num int, s []byte) {
	p.cmOn, p.cmStart, p.cmMsg, p.cmCut = true, num, p.cmMsg[:0], false
	p.cmFeed(num, s)
}

// cmFeed reads the text after "<![LOG[" (or a continuation line of the message).
func (p *parser) cmFeed(num int, s []byte) {
	end := bytes.Index(s, cmClose)
	next := bytes.Index(s, cmOpen)
	if next >= 0 && (end < 0 || next < end) {
		// A new record starts before this one's message ended: this one was cut short.
		p.cmAppend(num, s[:next])
		p.cmBroken(num)
		p.cmBegin(num, s[next+len(cmOpen):])
		return
	}
	if end < 0 {
		p.cmAppend(num, s)
		return
	}
	p.cmAppend(num, s[:end])
	p.cmOn = false
	e := Entry{Line: p.cmStart, EndLine: num, Message: string(p.cmMsg)}
	a, rest, ok := parseCMAttrs(s[end+len(cmClose):])
	if ok {
		ok = a.fill(&e, &p.in)
		if _, good := a.threadID(); !good {
			p.badThread(num, a.thread)
		}
	}
	if !ok {
		p.markUnparsed(p.cmStart, num)
		p.warnf(num, "CMTrace record with a missing or unreadable time/date/component element")
		rest = s[end+len(cmClose):]
		if i := bytes.Index(rest, cmOpen); i >= 0 {
			rest = rest[i:]
		} else {
			rest = nil
		}
	}
	p.emit(e)
	rest = bytes.TrimSpace(rest)
	if len(rest) == 0 {
		return
	}
	if i := bytes.Index(rest, cmOpen); i >= 0 {
		if pre := bytes.TrimSpace(rest[:i]); len(pre) > 0 {
			p.stray(num, pre)
		}
		p.cmBegin(num, rest[i+len(cmOpen):])
		return
	}
	p.stray(num, rest)
}

func (p *parser) cmAppend(num int, b []byte) {
	room := p.max - len(p.cmMsg)
	if len(b) > room {
		if !p.cmCut {
			p.cmCut = true
			p.warnf(num, "CMTrace record started on line %d is longer than %d bytes; the rest of its message was dropped", p.cmStart, p.max)
		}
		b = b[:max(room, 0)]
	}
	p.cmMsg = append(p.cmMsg, b...)
}

// cmBroken emits a record whose "]LOG]!>" never came (a file cut off, or a record damaged by an editor).
func (p *parser) cmBroken(num int) {
	p.cmOn = false
	p.markUnparsed(p.cmStart, num)
	p.warnf(p.cmStart, "CMTrace record without its closing ]LOG]!>")
	p.emit(Entry{Line: p.cmStart, EndLine: num, Message: string(bytes.TrimSpace(p.cmMsg))})
}

// stray emits text that is outside any record of the file's format.
func (p *parser) stray(num int, t []byte) {
	p.markUnparsed(num, num)
	p.emit(Entry{Line: num, EndLine: num, Message: string(t)})
}

// --- continuation lines

// pushPending adds a line to the pending record, cut so that the record stays within the cap.
func (p *parser) pushPending(num int, t []byte) {
	if len(t) == 0 {
		return
	}
	room := p.max - len(p.pend)
	if len(p.pendNums) > 0 {
		room--
	}
	if len(t) > room {
		p.warnf(num, "record longer than %d bytes; the rest of its message was dropped", p.max)
		t = t[:max(room, 0)]
	}
	if n := len(p.pendNums); n > 0 {
		sep := byte('\n')
		if p.wrapped(p.pendRaw[n-1], t) {
			sep = ' '
		}
		p.pend = append(p.pend, sep)
	}
	p.pendOffs = append(p.pendOffs, len(p.pend))
	p.pendNums = append(p.pendNums, num)
	p.pendRaw = append(p.pendRaw, p.rawLen)
	p.pend = append(p.pend, t...)
}

// wrapped tells a line break that a page or a KB article made when it re-wrapped a long row from one that
// was in the log (a CMTrace message holding line breaks, copied out of the viewer). A re-wrap breaks a
// line only when the next word would not fit: so the line before it, as written, plus the next word is
// wider than the widest line of the file, less a little (KB Q262298 wraps "... HAMPTON\SMSService" / "(67)"
// at 76 columns in a text whose widest line has 81). A re-wrapped break reads as the space it replaced, so
// that "request: \"01MOLQGI\"," / "machine name: ..." is the phrase the log wrote.
func (p *parser) wrapped(prevWidth int, next []byte) bool {
	if p.width == 0 {
		return false
	}
	word := bytes.IndexAny(next, " \t")
	if word < 0 {
		word = len(next)
	}
	return prevWidth+1+word > p.width-wrapSlack
}

// wrapSlack is how much narrower than the widest line a re-wrapped line may end: wrappers count some
// characters differently (escapes, tabs) than they show.
const wrapSlack = 6

func (p *parser) popPending() {
	n := len(p.pendNums) - 1
	if n < 0 {
		return
	}
	cut := p.pendOffs[n]
	if n > 0 {
		cut-- // the '\n' before it
	}
	p.pend, p.pendNums, p.pendOffs, p.pendRaw = p.pend[:cut], p.pendNums[:n], p.pendOffs[:n], p.pendRaw[:n]
}

func (p *parser) firstPending(num int) int {
	if len(p.pendNums) > 0 {
		return p.pendNums[0]
	}
	return num
}

func (p *parser) resetPending() {
	p.pend, p.pendNums, p.pendOffs, p.pendRaw = p.pend[:0], p.pendNums[:0], p.pendOffs[:0], p.pendRaw[:0]
	p.pendOpen, p.pendStripped, p.pendBare, p.pendOpenLines = false, false, false, 0
	if cap(p.pend) > 4*p.max {
		p.pend = nil
	}
}

// flushPending emits continuation lines that no record claimed, one entry per line, as unparsed; a record
// whose stripped trailer ended it is emitted as that record.
func (p *parser) flushPending() {
	if len(p.pendNums) == 0 {
		p.resetPending()
		return
	}
	if p.pendStripped {
		if rec, st := parseServer(p.pend); st == fullTrailer {
			p.emitServer(p.pendNums[len(p.pendNums)-1], rec)
			return
		}
	}
	if p.pendBare {
		p.emitBare()
		return
	}
	for i, num := range p.pendNums {
		end := len(p.pend)
		if i+1 < len(p.pendOffs) {
			end = p.pendOffs[i+1] - 1
		}
		p.markUnparsed(num, num)
		p.emit(Entry{Line: num, EndLine: num, Message: string(p.pend[p.pendOffs[i]:end])})
	}
	p.warnf(p.pendNums[0], "%d line(s) outside any %s record", len(p.pendNums), p.home)
	p.resetPending()
}

func (p *parser) finish(lastLine int) {
	if p.cmOn {
		p.cmBroken(lastLine)
	}
	p.flushPending()
}

// --- accounting

func (p *parser) emit(e Entry) {
	if p.err != nil {
		return
	}
	e.File, e.Format = p.file, p.home
	s := p.sum
	s.Entries++
	if e.HasTime {
		s.LocalTimes = s.LocalTimes || !e.TimeZoneKnown
		if s.First.IsZero() || e.Time.Before(s.First) {
			s.First = e.Time
		}
		if e.Time.After(s.Last) {
			s.Last = e.Time
		}
	}
	if e.Bias != "" && e.Bias != p.lastBias {
		if p.lastBias != "" {
			p.warnf(e.Line, biasChange, p.lastBias, e.Bias)
		} else {
			p.firstBias, p.firstBiasLine = e.Bias, e.Line
		}
		p.lastBias = e.Bias
		s.addBias(e.Bias)
	}
	p.err = p.fn(e)
}

const biasChange = "timezone bias changes from %s to %s minutes (daylight saving time, or the clock was reconfigured)"

// markUnparsed counts lines from..to as unparsed, each line once.
func (p *parser) markUnparsed(from, to int) {
	from = max(from, p.lastUnparsed+1)
	if to >= from {
		p.sum.Unparsed += to - from + 1
		p.lastUnparsed = to
	}
}

// badThread says that a thread value was dropped: a thread id is at most nine decimal or eight hexadecimal
// digits, and a longer or garbled one is kept out of the entry rather than read as some other number.
func (p *parser) badThread(line int, value []byte) {
	p.warnf(line, "thread %q is not a thread id (up to 9 decimal or 8 hexadecimal digits); the entry is kept without it", termsafe.Capped(value))
}

func (p *parser) warnf(line int, format string, args ...any) {
	if len(p.sum.Warnings) >= maxWarnings {
		p.warnDropped++
		return
	}
	p.sum.Warnings = append(p.sum.Warnings, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, args...))
}

// interner shares the strings that repeat on every line (components, biases) instead of allocating them
// per entry. It stops growing at a fixed size, so a file of random components cannot exhaust memory.
type interner struct{ m map[string]string }

func (in *interner) get(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := in.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if in.m == nil {
		in.m = make(map[string]string)
	}
	if len(in.m) < 1024 {
		in.m[s] = s
	}
	return s
}
