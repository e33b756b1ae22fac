package logs

import (
	"bytes"
	"regexp"
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

var (
	dateTimeRE = `(\d{1,2})([/-])(\d{1,2})[/-](\d{4}|\d{2})[ T]+(\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,7})?)(?:\s*([AaPp])\.?[Mm]\.?)?`
	// The KB articles replaced the real date and time by placeholders; Markdown escaped their '<'.
	placeholderRE = `\\?<date>\s*\\?<time>`
	dateAtStart   = regexp.MustCompile(`^(?:` + dateTimeRE + `)`)
	dateAtEnd     = regexp.MustCompile(`(?:` + dateTimeRE + `)$`)
	placeAtStart  = regexp.MustCompile(`^` + placeholderRE)
	placeAtEnd    = regexp.MustCompile(placeholderRE + `$`)
	smsCompAtEnd  = regexp.MustCompile(`SMS_[A-Z][A-Z0-9_]*$`)
	smsCompAtHead = regexp.MustCompile(`^SMS_[A-Z][A-Z0-9_]*\b`)
	smsComp       = regexp.MustCompile(`SMS_[A-Z][A-Z0-9_]*\b`)
)

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

// columnBefore returns the column that ends at the end of s (after trailing spaces and tabs), if any.
// Only the tail of s is searched: no column is longer than columnTail bytes, and an end-anchored
// expression would otherwise scan the whole message.
func columnBefore(s []byte) (column, bool) {
	const columnTail = 96
	t := bytes.TrimRight(s, " \t")
	off := max(0, len(t)-columnTail)
	t = t[off:]
	var c column
	if m := dateAtEnd.FindSubmatchIndex(t); m != nil {
		c = dateColumn(t, m)
	} else if m := placeAtEnd.FindIndex(t); m != nil {
		c = column{start: m[0], end: m[1], kind: 'p'}
	} else if m := smsCompAtEnd.FindIndex(t); m != nil {
		c = column{start: m[0], end: m[1], kind: 'c'}
	} else {
		return column{}, false
	}
	c.start += off
	c.end += off
	return c, true
}

// columnAfter returns the column that starts at the start of s (after leading spaces and tabs), if any.
func columnAfter(s []byte) (column, int, bool) {
	t := bytes.TrimLeft(s, " \t")
	off := len(s) - len(t)
	if m := dateAtStart.FindSubmatchIndex(t); m != nil {
		return dateColumn(t, m), off, true
	}
	if m := placeAtStart.FindIndex(t); m != nil {
		return column{start: m[0], end: m[1], kind: 'p'}, off, true
	}
	if m := smsCompAtHead.FindIndex(t); m != nil {
		return column{start: m[0], end: m[1], kind: 'c'}, off, true
	}
	return column{}, 0, false
}

// dateColumn reads a date/time match. Dates with '-' are month-day-year as CM logs write them; dates with
// '/' are the viewer's rendering in the copier's locale: month/day/year (the en-US KB articles) unless the
// first field cannot be a month.
func dateColumn(s []byte, m []int) column {
	c := column{start: m[0], end: m[1], kind: 'd'}
	a, _ := atoi(s[m[2]:m[3]])
	b, _ := atoi(s[m[6]:m[7]])
	y, _ := atoi(s[m[8]:m[9]])
	if m[9]-m[8] == 2 {
		y += 1900
		if y < 1970 {
			y += 100
		}
	}
	mon, day := a, b
	if s[m[4]] == '/' && a > 12 && b <= 12 {
		mon, day = b, a
	}
	clk, rest, ok := parseClock(bytes.ReplaceAll(s[m[10]:m[11]], []byte(","), []byte(".")), '.')
	if !ok || len(rest) != 0 || !validDate(y, mon, day) {
		return c
	}
	if m[12] >= 0 {
		pm := s[m[12]] == 'p' || s[m[12]] == 'P'
		if clk.hour < 1 || clk.hour > 12 {
			return c
		}
		clk.hour %= 12
		if pm {
			clk.hour += 12
		}
	}
	c.when, c.hasTime = wallTime(y, mon, day, clk), true
	return c
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
		for _, m := range smsComp.FindAllIndex(s[lo:hi], -1) {
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
