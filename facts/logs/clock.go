package logs

import (
	"bytes"
	"sync/atomic"
	"time"
)

// The date and time pieces of the formats are parsed by hand: a regular expression per line would be most
// of the cost of reading a CMTrace or server log.

// atoi parses an unsigned decimal of 1 to 9 digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// atoiHex parses an unsigned hexadecimal of 1 to 8 digits.
func atoiHex(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 8 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		n = n<<4 | int(d)
	}
	return n, true
}

// clock is a time of day.
type clock struct {
	hour, min, sec, nsec int
}

// parseClock parses H:MM:SS with an optional fraction after sep ('.' in CM logs, ':' in MSI logs) and
// returns what follows it (a CMTrace bias, for instance).
func parseClock(b []byte, sep byte) (clock, []byte, bool) {
	var c clock
	parts := [3]*int{&c.hour, &c.min, &c.sec}
	for i, p := range parts {
		j := 0
		for j < len(b) && j < 2 && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		if j == 0 || (i > 0 && j != 2) {
			return c, b, false
		}
		*p, _ = atoi(b[:j])
		b = b[j:]
		if i < 2 {
			if len(b) == 0 || b[0] != ':' {
				return c, b, false
			}
			b = b[1:]
		}
	}
	if len(b) > 1 && b[0] == sep && b[1] >= '0' && b[1] <= '9' {
		j := 1
		scale := int(time.Second)
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			if scale > 1 {
				scale /= 10
				c.nsec += int(b[j]-'0') * scale
			}
			j++
		}
		b = b[j:]
	}
	if c.hour > 23 || c.min > 59 || c.sec > 60 {
		return c, b, false
	}
	return c, b, true
}

// parseBias parses a CMTrace/server-log timezone bias: a sign and 1 to 4 digits of minutes ("+00", "-600").
func parseBias(b []byte) (int, bool) {
	if len(b) < 2 || len(b) > 5 || (b[0] != '+' && b[0] != '-') {
		return 0, false
	}
	n, ok := atoi(b[1:])
	if !ok || n > 24*60 {
		return 0, false
	}
	if b[0] == '-' {
		n = -n
	}
	return n, true
}

// parseMDY parses the month-day-year date of CM logs (MM-DD-YYYY; M-D-YYYY and '/' tolerated).
func parseMDY(b []byte) (y, m, d int, ok bool) {
	f, ok := splitDate(b)
	if !ok || len(f[2]) != 4 {
		return 0, 0, 0, false
	}
	m, _ = atoi(f[0])
	d, _ = atoi(f[1])
	y, _ = atoi(f[2])
	if !validDate(y, m, d) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// splitDate splits "a-b-c" or "a/b/c" (1-2, 1-2 and 2 or 4 digits) into its three fields.
func splitDate(b []byte) (f [3][]byte, ok bool) {
	for i := range f {
		j := 0
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		if j == 0 || (i < 2 && j > 2) || (i == 2 && j != 2 && j != 4) {
			return f, false
		}
		f[i] = b[:j]
		b = b[j:]
		if i < 2 {
			if len(b) == 0 || (b[0] != '-' && b[0] != '/') {
				return f, false
			}
			b = b[1:]
		}
	}
	return f, len(b) == 0
}

func validDate(y, m, d int) bool {
	return y >= 1980 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func daysIn(y, m int) int {
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return monthDays[m]
}

// wallTime builds the wall-clock time of a date and clock, labelled UTC.
func wallTime(y, m, d int, c clock) time.Time {
	return dayStart(y, m, d).Add(time.Duration(c.hour)*time.Hour + time.Duration(c.min)*time.Minute +
		time.Duration(c.sec)*time.Second + time.Duration(c.nsec))
}

// dayStart is midnight UTC of a date; the last one asked is remembered per goroutine-free cache slot, since
// a log's lines come thousands to a day. time.Date is the costly part of reading a timestamp.
func dayStart(y, m, d int) time.Time {
	key := int64(y)<<16 | int64(m)<<8 | int64(d)
	if c := lastDay.Load(); c != nil && c.key == key {
		return c.t
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	lastDay.Store(&dayCache{key, t})
	return t
}

type dayCache struct {
	key int64
	t   time.Time
}

var lastDay atomic.Pointer[dayCache]

var months = map[string]int{
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}

// parseCtime parses the C ctime()-style date of SMS 1.x and 2.0 server logs: "Mon Dec 04 15:41:45 1995"
// (SMS 1.2, followed by the '~' that stands for ctime's own newline) or "Tue Jan 04 15:19:23.375 2000"
// (SMS 2.0, with milliseconds). Any whitespace, line breaks included, may separate the fields: the KB
// articles that quote these logs wrapped them.
func parseCtime(b []byte) (time.Time, bool) {
	f := bytes.Fields(bytes.TrimRight(bytes.TrimSpace(b), "~"))
	// SMS 2003 clients append the zone's name: "Fri Feb 13 8:13:13.819 2004 Central Standard Time" (KB 922362).
	// The name says nothing a bias would: the time stays the writer's wall clock, zone unknown.
	if len(f) > 5 && !isZoneName(f[5:]) || len(f) < 5 {
		return time.Time{}, false
	}
	m, ok := months[string(f[1])]
	if !ok {
		return time.Time{}, false
	}
	d, ok1 := atoi(f[2])
	y, ok2 := atoi(bytes.TrimRight(f[4], "~"))
	c, rest, ok3 := parseClock(f[3], '.')
	if !ok1 || !ok2 || !ok3 || len(rest) != 0 || !validDate(y, m, d) {
		return time.Time{}, false
	}
	return wallTime(y, m, d, c), true
}

// isZoneName accepts the words of a Windows time zone name: "Central Standard Time", "W. Europe Daylight Time",
// "(GMT+01:00) Amsterdam".
func isZoneName(words [][]byte) bool {
	for _, w := range words {
		for _, c := range w {
			if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || bytes.IndexByte([]byte(".()+-:&'"), c) >= 0) {
				return false
			}
		}
	}
	return len(words) <= 8
}

// utcFromBias converts the wall clock of a CM log to UTC. The bias is the Windows TIME_ZONE_INFORMATION.Bias
// convention, bias = UTC - local in minutes, so UTC = local + bias: a Melbourne server (UTC+10) writes
// "13:11:09.448-600" for 03:11:09.448Z. docs/log-formats.md has the evidence.
func utcFromBias(wall time.Time, bias int) time.Time {
	return wall.Add(time.Duration(bias) * time.Minute)
}
