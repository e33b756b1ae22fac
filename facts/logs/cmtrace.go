package logs

import "bytes"

// CMTrace ("client") format, as written by ccmsetup, CcmExec and the other client agents:
//
//	<![LOG[message]LOG]!><time="15:10:29.068+00" date="02-04-2020" component="ccmsetup" context="" type="1" thread="3396" file="ccmsetup.cpp:9498">
//
// A message can span lines (the real ccmsetup.log has CRLFs inside messages) and can hold XML, quotes, ']'
// and '<'. So a record starts at "<![LOG[" and its message ends at the first "]LOG]!>", never at a line end.

var (
	cmOpen  = []byte("<![LOG[")
	cmClose = []byte("]LOG]!>")
)

// cmAttrs holds the raw attribute values of one record.
type cmAttrs struct {
	time, date, component, typ, thread []byte
}

// parseCMAttrs parses the attribute element that follows "]LOG]!>": `<time=".." date=".." ...>`. Attribute
// order and the spacing between attributes are not relied on; unknown attributes are ignored. It returns
// what follows the closing '>' and whether the element was complete.
func parseCMAttrs(b []byte) (cmAttrs, []byte, bool) {
	var a cmAttrs
	b = skipBlanks(b)
	if len(b) == 0 || b[0] != '<' {
		return a, b, false
	}
	b = b[1:]
	for {
		b = skipBlanks(b)
		if len(b) == 0 {
			return a, b, false
		}
		if b[0] == '>' {
			return a, b[1:], true
		}
		eq := bytes.IndexByte(b, '=')
		if eq <= 0 || eq+1 >= len(b) || b[eq+1] != '"' {
			return a, b, false
		}
		key := b[:eq]
		b = b[eq+2:]
		end := bytes.IndexByte(b, '"')
		if end < 0 {
			return a, b, false
		}
		val := b[:end]
		b = b[end+1:]
		switch string(key) {
		case "time":
			a.time = val
		case "date":
			a.date = val
		case "component":
			a.component = val
		case "type":
			a.typ = val
		case "thread":
			a.thread = val
		}
	}
}

// thread reads the thread attribute: decimal, or 0x and hexadecimal. It reports false for a value that is
// there but is neither (too long for a thread id, or not a number); an empty one is no thread, not an error.
func (a cmAttrs) threadID() (int, bool) {
	if len(a.thread) == 0 {
		return 0, true
	}
	if n, ok := atoi(a.thread); ok {
		return n, true
	}
	if len(a.thread) > 2 && a.thread[0] == '0' && (a.thread[1] == 'x' || a.thread[1] == 'X') {
		return atoiHex(a.thread[2:])
	}
	return 0, false
}

// fill sets e's time, component, level and thread from the attributes; it reports whether time and date
// were readable.
func (a cmAttrs) fill(e *Entry, in *interner) bool {
	e.Component = in.get(a.component)
	e.Level = levelOfType(a.typ)
	e.Thread, _ = a.threadID()
	c, rest, ok := parseClock(a.time, '.')
	if !ok {
		return false
	}
	y, m, d, ok := parseMDY(a.date)
	if !ok {
		return false
	}
	e.Time, e.HasTime = wallTime(y, m, d, c), true
	if len(rest) == 0 {
		return true // no bias: the wall clock is all there is
	}
	bias, ok := parseBias(rest)
	if !ok {
		return false
	}
	e.Bias = in.get(rest)
	e.Time = utcFromBias(e.Time, bias)
	e.TimeZoneKnown = true
	return true
}

// skipBlanks drops leading spaces and tabs (bytes.TrimLeft with a cutset builds its set on every call, which
// showed in profiles: it runs for every attribute of every record).
func skipBlanks(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return b[i:]
}
