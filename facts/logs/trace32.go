package logs

import (
	"bytes"
	"strings"
	"time"
)

// Text copied out of SMS Trace, Trace32 or CMTrace and pasted into KB articles, forums and tickets. The
// columns (message, component, date/time, thread) come out in varying order, separated by tabs, by spaces,
// or by nothing at all:
//
//	Sleeping for 661 seconds...<TAB>SMS_CLIENT_CONFIG_MANAGER<TAB>09/09/2022 14:09:09<TAB>2624 (0x0A40)
//	Installation failed with error code 1603 ccmsetup 12-11-2010 16:26:12 3264 (0x0CC0)
//	Phase 1 initialization failed (0x80004015).CcmExec\<date> \<time>3304 (0x0CE8)
//	ERROR: ... error 53.SMS_CLIENT_CONFIG_MANAGER 660 (0x0294)6/6/2006 7:06:35 AM
//
// So the columns are found by pattern, not by position: the thread column "660 (0x0294)" (the same number
// in decimal and hex, which a message almost never has), a date and time next to it, and a component name
// next to those. Such a group of columns ends a record; the text before it is the record's message.

// column is one piece of a column group found in a line.
type column struct {
	start, end int
	kind       byte // 't' thread, 'd' date/time, 'p' date/time placeholder, 'c' component
	thread     int
	when       time.Time
	hasTime    bool
}

// knownComponents are client and server component names as they appear in the component column. They let
// a component glued to the end of a message ("...failed (0x80004015).CcmExec") be cut off again.
var knownComponents = map[string]bool{
	"CcmExec": true, "execmgr": true, "smscliui": true, "ccmsetup": true, "CcmSetup": true,
	"LocationServices": true, "ClientIDManagerStartup": true, "ClientLocation": true, "InventoryAgent": true,
	"PolicyAgent": true, "PolicyEvaluator": true, "PolicyAgentProvider": true, "StatusAgent": true,
	"DataTransferService": true, "ContentTransferManager": true, "ContentAccess": true, "CAS": true,
	"FileBITS": true, "FSPStateMessage": true, "CertificateMaintenance": true, "mtrmgr": true,
	"MtrMgr": true, "SrcUpdateMgr": true, "UpdatesDeploymentAgent": true, "UpdatesHandler": true,
	"ScanAgent": true, "WUAHandler": true, "SdmAgent": true, "CIAgent": true, "RebootCoordinator": true,
	"ServiceWindowManager": true, "Scheduler": true, "SmsClientMethodProvider": true, "CCIM32": true,
	"ClientAuth": true, "CcmEval": true, "CCMNotificationAgent": true, "CcmMessaging": true,
	"SMSProv": true, "MP_ClientRegistration": true, "MP_Location": true, "MP_GetAuth": true,
	"MP_Policy": true, "MP_Status": true, "ExtADSch": true, "InventoryProvider": true, "SWMTRReportGen": true,
}

// knownBySuffix lists knownComponents longest first, for suffix matching.
var knownBySuffix = func() []string {
	var names []string
	for n := range knownComponents {
		names = append(names, n)
	}
	// Longest first, then alphabetical, so that matching is deterministic.
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && (len(names[j]) > len(names[j-1]) ||
			(len(names[j]) == len(names[j-1]) && names[j] < names[j-1])); j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
	return names
}()

// columnGroup is a run of adjacent columns that ends a Trace32 record.
type columnGroup struct {
	start, end int
	comp       []byte
	thread     int
	when       time.Time
	hasTime    bool
	hasDate    bool // a date column or placeholder was there (even if unreadable)
	glued      bool // no whitespace between the message and the group
}

// findThreads finds the thread columns "660 (0x0294)" of a line: decimal, space, the same number in hex.
func findThreads(s []byte) []column {
	var out []column
	for i := 0; ; {
		j := bytes.Index(s[i:], []byte("(0"))
		if j < 0 {
			return out
		}
		j += i
		i = j + 2
		if i >= len(s) || (s[i] != 'x' && s[i] != 'X') || j < 2 || s[j-1] != ' ' {
			continue
		}
		d := j - 1
		for d > 0 && s[d-1] >= '0' && s[d-1] <= '9' {
			d--
		}
		h := i + 1
		for h < len(s) && isHex(s[h]) {
			h++
		}
		if d == j-1 || h == i+1 || h >= len(s) || s[h] != ')' {
			continue
		}
		dec, ok1 := atoi(s[d : j-1])
		hex, ok2 := atoiHex(s[i+1 : h])
		if !ok1 || !ok2 || dec != hex {
			continue
		}
		out = append(out, column{start: d, end: h + 1, kind: 't', thread: dec})
		i = h + 1
	}
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// The column scanners below are written by hand, not as regular expressions: a backtracking search for a
// date at the end of every message cost 30 µs a line. trace32_ref_test.go keeps the expressions they
// implement and fuzzes one against the other.

// columnTail is the longest stretch a column can take; columnBefore looks no further back.
const columnTail = 96

// columnBefore returns the column that ends at the end of s (after trailing spaces and tabs), if any: the
// leftmost start from which a date/time, a placeholder or an SMS_ component runs exactly to the end.
func columnBefore(s []byte) (column, bool) {
	t := bytes.TrimRight(s, " \t")
	off := max(0, len(t)-columnTail)
	// Each scanner is tried only where its column can begin.
	if c, ok := endingAt(t, off, "0123456789", dateTimeAt); ok {
		return c, true
	}
	if c, ok := endingAt(t, off, "<\\", placeholderAt); ok {
		return c, true
	}
	return endingAt(t, off, "S", smsComponentAt)
}

// endingAt returns the leftmost column, from offset off on, that scan reads exactly to the end of t.
func endingAt(t []byte, off int, first string, scan func([]byte) (column, bool)) (column, bool) {
	for i := off; i < len(t); i++ {
		if strings.IndexByte(first, t[i]) < 0 {
			continue
		}
		if c, ok := scan(t[i:]); ok && c.end == len(t)-i {
			c.start, c.end = i, len(t)
			return c, true
		}
	}
	return column{}, false
}

// columnAfter returns the column that starts at the start of s (after leading spaces and tabs), if any,
// and the offset of that start.
func columnAfter(s []byte) (column, int, bool) {
	t := bytes.TrimLeft(s, " \t")
	off := len(s) - len(t)
	if c, ok := dateTimeAt(t); ok {
		return c, off, true
	}
	if c, ok := placeholderAt(t); ok {
		return c, off, true
	}
	if c, ok := smsComponentAt(t); ok && !isWordByte(t, c.end) {
		return c, off, true
	}
	return column{}, 0, false
}

// scanner reads digits and punctuation from the start of a line.
type scanner struct {
	s []byte
	i int
}

// digits reads between lo and hi digits; with exact, the run of digits must not be longer than hi.
func (sc *scanner) digits(lo, hi int, exact bool) (int, int, bool) {
	j := sc.i
	for j < len(sc.s) && j-sc.i < hi && sc.s[j] >= '0' && sc.s[j] <= '9' {
		j++
	}
	n := j - sc.i
	if n < lo || (exact && j < len(sc.s) && sc.s[j] >= '0' && sc.s[j] <= '9') {
		return 0, 0, false
	}
	v, _ := atoi(sc.s[sc.i:j])
	sc.i = j
	return v, n, true
}

func (sc *scanner) byteIn(set string) (byte, bool) {
	if sc.i < len(sc.s) && strings.IndexByte(set, sc.s[sc.i]) >= 0 {
		sc.i++
		return sc.s[sc.i-1], true
	}
	return 0, false
}

// dateTimeAt reads a date and time at the start of s, as a log viewer shows them: 6/6/2006 7:06:35 AM,
// 12-11-2010 16:26:12, 9/20/99 5:24:02 PM, 09/09/2022 14:09:09.123. The column's end is its length.
//
// Dates with '-' are month-day-year as CM logs write them; dates with '/' are the viewer's rendering in the
// copier's locale: month/day/year (the en-US KB articles) unless the first field cannot be a month.
func dateTimeAt(s []byte) (column, bool) {
	sc := &scanner{s: s}
	a, _, ok1 := sc.digits(1, 2, true)
	sep, ok2 := sc.byteIn("/-")
	b, _, ok3 := sc.digits(1, 2, true)
	_, ok4 := sc.byteIn("/-")
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return column{}, false
	}
	y, yn, ok := sc.digits(2, 4, true)
	if !ok || yn == 3 {
		return column{}, false
	}
	if _, ok := sc.byteIn(" T"); !ok {
		return column{}, false
	}
	for {
		if _, ok := sc.byteIn(" T"); !ok {
			break
		}
	}
	var clk clock
	var ok5, ok6, ok7, ok8, ok9 bool
	clk.hour, _, ok5 = sc.digits(1, 2, true)
	_, ok6 = sc.byteIn(":")
	clk.min, _, ok7 = sc.digits(2, 2, false)
	_, ok8 = sc.byteIn(":")
	clk.sec, _, ok9 = sc.digits(2, 2, false)
	if !ok5 || !ok6 || !ok7 || !ok8 || !ok9 {
		return column{}, false
	}
	if sc.i+1 < len(s) && (s[sc.i] == '.' || s[sc.i] == ',') && s[sc.i+1] >= '0' && s[sc.i+1] <= '9' {
		sc.i++
		start := sc.i
		scale := int(time.Second)
		for sc.i < len(s) && sc.i-start < 7 && s[sc.i] >= '0' && s[sc.i] <= '9' {
			scale /= 10
			clk.nsec += int(s[sc.i]-'0') * scale
			sc.i++
		}
	}
	pm, hasAMPM := false, false
	mark := sc.i
	for sc.i < len(s) && isSpace(s[sc.i]) {
		sc.i++
	}
	if ap, ok := sc.byteIn("AaPp"); ok {
		sc.byteIn(".")
		if _, ok := sc.byteIn("Mm"); ok {
			sc.byteIn(".")
			pm, hasAMPM = ap == 'P' || ap == 'p', true
		}
	}
	if !hasAMPM {
		sc.i = mark
	}
	c := column{end: sc.i, kind: 'd'}
	if yn == 2 {
		y += 1900
		if y < 1970 {
			y += 100
		}
	}
	mon, day := a, b
	if sep == '/' && a > 12 && b <= 12 {
		mon, day = b, a
	}
	if clk.hour > 23 || clk.min > 59 || clk.sec > 60 || !validDate(y, mon, day) {
		return c, true // a column all the same, without a time
	}
	if hasAMPM {
		if clk.hour < 1 || clk.hour > 12 {
			return c, true
		}
		clk.hour %= 12
		if pm {
			clk.hour += 12
		}
	}
	c.when, c.hasTime = wallTime(y, mon, day, clk), true
	return c, true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// placeholderAt reads the KB articles' stand-in for the date and time columns, "<date> <time>" (with
// Markdown's escaping backslashes when they were not undone).
func placeholderAt(s []byte) (column, bool) {
	i := 0
	for k, word := range []string{"<date>", "<time>"} {
		if k == 1 {
			for i < len(s) && isSpace(s[i]) {
				i++
			}
		}
		if i < len(s) && s[i] == '\\' {
			i++
		}
		if !bytes.HasPrefix(s[i:], []byte(word)) {
			return column{}, false
		}
		i += len(word)
	}
	return column{end: i, kind: 'p'}, true
}

// smsComponentAt reads an SMS component name at the start of s: SMS_ then capitals, digits and '_'.
func smsComponentAt(s []byte) (column, bool) {
	if len(s) < 5 || !bytes.HasPrefix(s, []byte("SMS_")) || s[4] < 'A' || s[4] > 'Z' {
		return column{}, false
	}
	i := 5
	for i < len(s) && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_') {
		i++
	}
	return column{end: i, kind: 'c'}, true
}

// isWordByte reports whether s[i] is an ASCII word character (what ends a name); false past the end.
func isWordByte(s []byte, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
}

// smsComponents finds the SMS component names of s that stand as whole names on their right.
func smsComponents(s []byte) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		j := bytes.Index(s[i:], []byte("SMS_"))
		if j < 0 {
			break
		}
		j += i
		if c, ok := smsComponentAt(s[j:]); ok && !isWordByte(s, j+c.end) {
			out = append(out, [2]int{j, j + c.end})
			i = j + c.end
			continue
		}
		i = j + 1
	}
	return out
}

// findGroups finds the column groups of a line: each thread column grown by the date/time, placeholder and
// component columns right next to it. With bareComponents (a file already known to be a Trace32 copy), an
// SMS_ component alone also ends a record when the line ends there or the next message ("--->") starts
// right after it, as in KB text that ran the rows together.
func findGroups(s []byte, bareComponents bool) []columnGroup {
	var groups []columnGroup
	var threads []column
	if bytes.Contains(s, []byte("(0")) {
		threads = findThreads(s)
	}
	last := 0
	for _, t := range threads {
		if t.start < last {
			continue
		}
		g := columnGroup{start: t.start, end: t.end, thread: t.thread}
		for k := 0; k < 3; k++ { // grow to the right
			c, off, ok := columnAfter(s[g.end:])
			if !ok {
				break
			}
			lo := g.end + off
			g.add(c, s[lo+c.start:lo+c.end])
			g.end = lo + c.end
		}
		for k := 0; k < 3; k++ { // grow to the left
			c, ok := columnBefore(s[last:g.start])
			if !ok {
				break
			}
			g.add(c, s[last+c.start:last+c.end])
			g.start = last + c.start
		}
		g.glued = g.start > 0 && s[g.start-1] != ' ' && s[g.start-1] != '\t'
		groups = append(groups, g)
		last = g.end
	}
	if !bareComponents || !bytes.Contains(s, []byte("SMS_")) {
		return groups
	}
	// Bare components between (or after) the thread groups.
	var out []columnGroup
	prev := 0
	add := func(lo, hi int) {
		for _, m := range smsComponents(s[lo:hi]) {
			a, b := lo+m[0], lo+m[1]
			rest := bytes.TrimLeft(s[b:], " \t")
			if len(rest) != 0 && !bytes.HasPrefix(rest, []byte("-->")) && !bytes.HasPrefix(rest, []byte("--->")) {
				continue
			}
			out = append(out, columnGroup{start: a, end: b, comp: s[a:b],
				glued: a > 0 && s[a-1] != ' ' && s[a-1] != '\t'})
		}
	}
	for _, g := range groups {
		add(prev, g.start)
		out = append(out, g)
		prev = g.end
	}
	add(prev, len(s))
	return out
}

func (g *columnGroup) add(c column, text []byte) {
	switch c.kind {
	case 'd':
		g.hasDate = true
		if c.hasTime && !g.hasTime {
			g.when, g.hasTime = c.when, true
		}
	case 'p':
		g.hasDate = true
	case 'c':
		if g.comp == nil {
			g.comp = text
		}
	}
}

// splitComponent separates the component from the message text before a column group that had none: a
// known component glued to the message ("...failed (0x80004015).CcmExec"), or, when the group has a date
// column and spacing shows where columns begin, the last word ("... error code 1603 ccmsetup").
func splitComponent(frag []byte, g columnGroup) (msg, comp []byte) {
	frag = bytes.TrimRight(frag, " \t")
	for _, name := range knownBySuffix {
		if bytes.HasSuffix(frag, []byte(name)) {
			return frag[:len(frag)-len(name)], frag[len(frag)-len(name):]
		}
	}
	if g.hasDate && !g.glued {
		if sp := bytes.LastIndexAny(frag, " \t"); sp >= 0 && isWordComponent(frag[sp+1:]) {
			return frag[:sp], frag[sp+1:]
		}
	}
	return frag, nil
}

func isWordComponent(b []byte) bool {
	if len(b) == 0 || len(b) > 64 {
		return false
	}
	for i, c := range b {
		letter := (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'
		if !letter && (i == 0 || ((c < '0' || c > '9') && c != '.' && c != '-')) {
			return false
		}
	}
	return !strings.HasSuffix(string(b), ".")
}
