// Package jsonappend writes JSON values by appending to a byte slice the caller reuses, for output of
// millions of small records (log entries, events) where encoding/json's reflection and one allocation per
// record were most of the cost. Strings come out exactly as encoding/json writes them: HTML characters and
// U+2028/U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
package jsonappend

import (
	"strconv"
	"time"
	"unicode/utf8"
)

const hex = "0123456789abcdef"

// htmlSafe[c] is true for the ASCII bytes that need no escaping (encoding/json's htmlSafeSet); plainSafe
// for an Encoder that does not escape HTML (its safeSet).
var htmlSafe, plainSafe = func() (h, p [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		p[c] = c != '"' && c != '\\'
		h[c] = p[c] && c != '<' && c != '>' && c != '&'
	}
	return h, p
}()

// String appends s as a JSON string, as json.Marshal writes it (<, > and & escaped).
func String(b []byte, s string) []byte { return appendString(b, s, &htmlSafe) }

// Text appends s as a JSON string, as a json.Encoder with SetEscapeHTML(false) writes it.
func Text(b []byte, s string) []byte { return appendString(b, s, &plainSafe) }

func appendString(b []byte, s string, safe *[utf8.RuneSelf]bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				// Control characters and the HTML characters <, > and &.
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Key appends "key": (key needs no escaping: it is a constant of the caller's).
func Key(b []byte, key string) []byte {
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

// Int appends n.
func Int(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

// Bool appends true or false.
func Bool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

// Millis appends t as YYYY-MM-DDTHH:MM:SS.mmm, and the Z when utc: time.Time.Format with that layout,
// without parsing the layout for every value.
func Millis(b []byte, t time.Time, utc bool) []byte {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	b = append4(b, y)
	b = append(b, '-')
	b = append2(b, int(mo))
	b = append(b, '-')
	b = append2(b, d)
	b = append(b, 'T')
	b = append2(b, h)
	b = append(b, ':')
	b = append2(b, mi)
	b = append(b, ':')
	b = append2(b, s)
	ms := t.Nanosecond() / 1e6
	b = append(b, '.', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	if utc {
		b = append(b, 'Z')
	}
	return b
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10%10), byte('0'+n%10)) }

func append4(b []byte, n int) []byte {
	if n < 0 || n > 9999 {
		return strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}
