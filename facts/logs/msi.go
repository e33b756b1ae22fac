package logs

import (
	"bytes"
	"time"
)

// Windows Installer verbose log (msiexec /l*v; ccmsetup writes client.msi.log this way):
//
//	=== Verbose logging started: 2/24/2006  12:40:01  Build type: SHIP UNICODE ... ===
//	MSI (s) (54:74) [16:26:11:416]: Checking in-progress install: install for same configuration.
//	Action ended 17:56:36: InstallFinalize. Return value 3.
//	=== Logging stopped: 2/24/2006  12:44:33 ===
//
// Engine lines carry a time of day only ("HH:MM:SS:mmm", a colon before the milliseconds); the date is in
// the banners. Other lines (custom action output, property dumps, error texts that go on over several lines)
// have no prefix and are records of their own. The times are the local clock of the machine: no bias.

type msiKind int

const (
	msiNone    msiKind = iota
	msiEngine          // MSI (s) (PP:TT) [HH:MM:SS:mmm]: message
	msiBanner          // === ... logging started/stopped: M/D/YYYY  HH:MM:SS ===
	msiAction          // Action ended|start HH:MM:SS: ...
	msiDamaged         // starts like an engine line but is not one
)

type msiLine struct {
	kind     msiKind
	comp     string // "MSI (s)", "MSI (c)", "MSI (a)"
	thread   int
	clk      clock
	hasClock bool
	date     [3]int // banner date: year, month, day
	hasDate  bool
	msg      []byte
}

var msiContexts = map[string]string{
	"MSI (s)": "MSI (s)", "MSI (c)": "MSI (c)", "MSI (a)": "MSI (a)",
	// The TechNet page that quotes a verbose log turned "(c)" into a copyright sign.
	"MSI &copy;)": "MSI (c)", "MSI \u00a9)": "MSI (c)",
}

// parseMSI recognises the lines of a verbose MSI log that have a structure; others give msiNone.
func parseMSI(s []byte) msiLine {
	switch {
	case bytes.HasPrefix(s, []byte("MSI ")):
		return parseMSIEngine(s)
	case bytes.HasPrefix(s, []byte("=== ")) && bytes.HasSuffix(s, []byte("===")):
		return parseMSIBanner(s)
	case bytes.HasPrefix(s, []byte("Action ended ")) || bytes.HasPrefix(s, []byte("Action start ")):
		c, rest, ok := parseClock(s[len("Action ended "):], ':')
		if !ok || !bytes.HasPrefix(rest, []byte(": ")) {
			return msiLine{}
		}
		return msiLine{kind: msiAction, clk: c, hasClock: true, msg: s}
	}
	return msiLine{}
}

func parseMSIEngine(s []byte) msiLine {
	l := msiLine{kind: msiDamaged, msg: s}
	end := bytes.IndexByte(s, ')')
	if end < 0 {
		return msiLine{} // "MSI " in plain prose
	}
	comp, ok := msiContexts[string(s[:end+1])]
	if !ok {
		return msiLine{}
	}
	l.comp = comp
	rest := bytes.TrimPrefix(s[end+1:], []byte(" "))
	switch {
	case bytes.HasPrefix(rest, []byte("(")):
		// (PP:TT) [HH:MM:SS:mmm]: message; KB 2905359 shows '!' in place of ':'.
		rp := bytes.IndexByte(rest, ')')
		if rp < 0 {
			return l
		}
		ids := rest[1:rp]
		sep := bytes.IndexAny(ids, ":!")
		if sep < 0 {
			return l
		}
		l.thread, _ = atoiHex(ids[sep+1:])
		rest = bytes.TrimPrefix(rest[rp+1:], []byte(" "))
		if !bytes.HasPrefix(rest, []byte("[")) {
			return l
		}
		rb := bytes.IndexByte(rest, ']')
		if rb < 0 {
			return l
		}
		if c, tail, ok := parseClock(rest[1:rb], ':'); ok && len(tail) == 0 {
			l.clk, l.hasClock = c, true
		}
		rest = rest[rb+1:]
		rest = bytes.TrimPrefix(rest, []byte(":"))
		l.msg = bytes.TrimSpace(rest)
		l.kind = msiEngine
	default:
		// "MSI (s) 128 (0x80) Product: ..." is a verbose log viewed in Trace32, which adds a thread column.
		th := findThreads(rest)
		if len(th) == 0 || th[0].start != 0 {
			return l
		}
		l.thread = th[0].thread
		l.msg = bytes.TrimSpace(rest[th[0].end:])
		l.kind = msiEngine
	}
	return l
}

// parseMSIBanner reads "=== Logging started: 2/24/2006  12:44:33 ===" and its verbose/stopped siblings.
func parseMSIBanner(s []byte) msiLine {
	i := bytes.Index(s, []byte("ogging st"))
	if i < 0 {
		return msiLine{}
	}
	colon := bytes.IndexByte(s[i:], ':')
	if colon < 0 {
		return msiLine{}
	}
	l := msiLine{kind: msiBanner, msg: s}
	f := bytes.Fields(s[i+colon+1:])
	if len(f) < 2 {
		return l
	}
	d, ok := splitDate(f[0])
	if !ok || len(d[2]) != 4 {
		return l
	}
	m, _ := atoi(d[0])
	day, _ := atoi(d[1])
	y, _ := atoi(d[2])
	c, rest, ok := parseClock(f[1], ':')
	if !ok || len(rest) != 0 || !validDate(y, m, day) {
		return l
	}
	l.date, l.hasDate, l.clk, l.hasClock = [3]int{y, m, day}, true, c, true
	return l
}

// msiCalendar dates the times of day of an MSI log from its banners, moving to the next day when the
// clock goes back by more than twelve hours (an install running over midnight).
type msiCalendar struct {
	day     time.Time
	known   bool
	lastSec int
}

func (cal *msiCalendar) banner(date [3]int, c clock) {
	cal.day = time.Date(date[0], time.Month(date[1]), date[2], 0, 0, 0, 0, time.UTC)
	cal.known = true
	cal.lastSec = c.hour*3600 + c.min*60 + c.sec
}

func (cal *msiCalendar) at(c clock) (time.Time, bool) {
	if !cal.known {
		return time.Time{}, false
	}
	sec := c.hour*3600 + c.min*60 + c.sec
	if sec+12*3600 < cal.lastSec {
		cal.day = cal.day.AddDate(0, 0, 1)
	}
	cal.lastSec = sec
	return wallTime(cal.day.Year(), int(cal.day.Month()), cal.day.Day(), c), true
}
