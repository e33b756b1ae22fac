package logs

import (
	"bytes"
	"time"
)

// SMS 2003 / ConfigMgr 2007 site server format (ccm.log, sitecomp.log, hman.log, ...): the message, then a
// trailer with the component, the local time and bias, and the thread:
//
//	Execute query exec [sp_CP_GetPushRequestMachine] 2097152112~  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:09.448-600><thread=6708 (0x1A34)>
//
// Variants read here, each seen in real material:
//   - SMS 1.2: <Mon Dec 04 15:41:45 1995~> (a ctime() date) and <thread=E0> (bare hex);
//   - SMS 2.0: <Tue Jan 04 15:19:23.375 2000> and one space before "$$";
//   - a trailer wrapped over two lines, and message lines before the trailer's line (KB text re-wrapped): a
//     line break inside a trailer field ("<06-07-2015" / "13:11:09.448-600>", "<thread=6708" / "(0x1A34)>")
//     reads as the space it replaced;
//   - two rows glued into one line, where a page lost the line break: a complete trailer followed by more
//     text ends its record, and the text after it starts the next one;
//   - the trailer stripped by an HTML sanitiser, leaving "msg~  $$  " (Microsoft Q&A);
//   - the KB shorthand "msg $$ SMS_CLIENT_CONFIG_MANAGER".
//
// '~' straight before "$$" stands for a line break the logger removed (the SMS 1.2 log shows it after the
// ctime() date, whose string ends in '\n'); it is not part of the message, and neither is a doubled "~~".

type trailerState int

const (
	noTrailer   trailerState = iota // not a server-format record
	openTrailer                     // "$$<" seen but the trailer is not closed yet: it may go on next line
	fullTrailer
)

// serverRecord is one parsed server-format record.
type serverRecord struct {
	msg       []byte
	comp      []byte
	wall      time.Time
	hasTime   bool
	bias      []byte
	biasMin   int
	thread    int
	badThread []byte // the thread= value when it is not a thread id (it was dropped)
	badDate   bool   // a date field was there but could not be read
	hasBias   bool
	hasFields bool // the trailer had its <component><date><thread> fields (not stripped)
	stripped  bool // nothing followed "$$": an HTML sanitiser took the fields for tags
}

var dollars = []byte("$$")

// maxTrailer bounds the length of a complete trailer, "<SMS_CLIENT_CONFIG_MANAGER><06-07-2015
// 13:11:09.448-600><thread=6708 (0x1A34)>" and its variants, with room for a long component name.
const maxTrailer = 256

// parseServer parses the text of one record (one line, or several joined by '\n').
func parseServer(text []byte) (serverRecord, trailerState) {
	var r serverRecord
	at := lastDollars(text)
	if at < 0 {
		return r, noTrailer
	}
	state, n := r.parseTrailer(text[at+2:])
	if state == fullTrailer && len(bytes.TrimSpace(text[at+2+n:])) != 0 {
		return serverRecord{}, noTrailer
	}
	if state == fullTrailer {
		r.msg = trimServerMessage(text[:at])
	}
	return r, state
}

// gluedEnd finds where a record ends inside text that holds more than one: the end of the first complete
// trailer (<component><date><thread=..>) that more text follows, as when a web page lost the line break
// between two rows. It returns -1 when there is no such trailer.
func gluedEnd(text []byte) int {
	if text[len(text)-1] == '>' && bytes.Index(text, dollars) == lastDollars(text) {
		return -1
	}
	for off := 0; off < len(text); {
		i := bytes.Index(text[off:], dollars)
		if i < 0 {
			return -1
		}
		at := off + i
		var r serverRecord
		// A trailer is short: looking no further keeps a line of many "$$<" linear.
		if st, n := r.parseTrailer(text[at+2 : min(len(text), at+2+maxTrailer)]); st == fullTrailer && r.hasFields {
			if end := at + 2 + n; len(bytes.TrimSpace(text[end:])) != 0 {
				return end
			}
			return -1
		}
		off = at + 2
	}
	return -1
}

// lastDollars is bytes.LastIndex(text, "$$") without the generic search's setup cost, which showed in
// profiles: it runs on every line of a server log.
func lastDollars(text []byte) int {
	for i := len(text) - 1; i > 0; {
		j := bytes.LastIndexByte(text[:i+1], '$')
		if j <= 0 {
			return -1
		}
		if text[j-1] == '$' {
			return j - 1
		}
		i = j - 1
	}
	return -1
}

// parseTrailer reads what follows "$$" and returns how many bytes of s the trailer took; the caller decides
// what text after it means.
func (r *serverRecord) parseTrailer(s []byte) (trailerState, int) {
	all := len(s)
	s = skipSpace(s)
	if len(s) == 0 {
		r.stripped = true
		return fullTrailer, all // stripped: everything after "$$" was lost
	}
	if s[0] != '<' {
		if name := bytes.TrimRight(s, " \t\r\n"); isComponentName(name) {
			r.comp = name
			return fullTrailer, all
		}
		return noTrailer, 0
	}
	var groups [3][]byte
	for g := range groups {
		s = skipSpace(s)
		if len(s) == 0 {
			return openTrailer, 0
		}
		if s[0] != '<' {
			return noTrailer, 0
		}
		end := bytes.IndexByte(s, '>')
		if end < 0 {
			if bytes.IndexByte(s[1:], '<') >= 0 {
				return noTrailer, 0
			}
			return openTrailer, 0
		}
		groups[g] = s[1:end]
		s = s[end+1:]
	}
	if len(groups[0]) == 0 || !bytes.HasPrefix(groups[2], []byte("thread=")) {
		return noTrailer, 0
	}
	r.hasFields = true
	r.comp = groups[0]
	// A copy re-wrapped by a web page or a KB article may break a field where it had a space.
	thread := oneSpaced(groups[2][len("thread="):])
	var ok bool
	if r.thread, ok = parseServerThread(thread); !ok && len(bytes.TrimSpace(thread)) > 0 {
		r.badThread = thread
	}
	r.parseDate(oneSpaced(groups[1]))
	return fullTrailer, all - len(s)
}

// oneSpaced turns every run of white space (line breaks of a re-wrapped copy included) into one space. It
// returns b itself when there is nothing to change, which is the case on every line of a real log.
func oneSpaced(b []byte) []byte {
	clean := true
	for i, c := range b {
		if c == '\n' || c == '\r' || c == '\t' || (c == ' ' && i > 0 && b[i-1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return b
	}
	return bytes.Join(bytes.Fields(b), []byte{' '})
}

// parseServerThread reads "6708 (0x1A34)" (decimal, then hex) or SMS 1.x's bare hex "E0".
// It reports false for a value that is neither (too long for a thread id, or not a number).
func parseServerThread(b []byte) (int, bool) {
	if sp := bytes.IndexByte(b, ' '); sp > 0 {
		return atoi(b[:sp])
	}
	return atoiHex(bytes.TrimSpace(b))
}

func (r *serverRecord) parseDate(b []byte) {
	// SMS 2003 on: MM-DD-YYYY HH:MM:SS.mmm+bias
	if sp := bytes.IndexByte(b, ' '); sp > 0 {
		if y, m, d, ok := parseMDY(b[:sp]); ok {
			c, rest, ok := parseClock(skipBlanks(b[sp+1:]), '.')
			if ok {
				r.wall, r.hasTime = wallTime(y, m, d, c), true
				if len(rest) == 0 {
					return
				}
				if bias, ok := parseBias(rest); ok {
					r.bias, r.biasMin, r.hasBias = rest, bias, true
					return
				}
			}
			r.hasTime, r.badDate = false, true
			return
		}
	}
	if t, ok := parseCtime(b); ok {
		r.wall, r.hasTime = t, true
		return
	}
	r.badDate = true
}

// trimServerMessage removes the spacing before "$$" and the '~' line-break markers at either end (one or
// more: a message that ended in two line breaks shows "~~").
func trimServerMessage(b []byte) []byte {
	b = bytes.TrimSpace(b)
	b = bytes.TrimRight(b, "~")
	b = bytes.TrimLeft(b, "~")
	return bytes.TrimSpace(b)
}

// isComponentName recognises an SMS component name written on its own: SMS_CLIENT_CONFIG_MANAGER, CCIM32.
func isComponentName(b []byte) bool {
	if len(b) < 4 || b[0] < 'A' || b[0] > 'Z' {
		return false
	}
	for _, c := range b {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return bytes.HasPrefix(b, []byte("SMS_")) || knownComponents[string(b)]
}

// skipSpace drops leading spaces, tabs and line breaks.
func skipSpace(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return b[i:]
}
