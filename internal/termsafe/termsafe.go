// Package termsafe makes text read from the world safe to print on a terminal. Logs, client exports and CCR
// files come from broken machines and may hold anything: an escape sequence in a log message would
// recolour, move the cursor, retitle the window or hide the lines around it when pushlint prints it, and a
// carriage return or a bidirectional override can make a line read differently from what it holds. Such
// characters are shown as escapes instead (\x1b, \r, \u202e), so what an administrator reads is what the
// file holds.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text returns s with every character that a terminal would act on, instead of showing, written as a
// visible escape: C0 and C1 control characters except tab and line feed, DEL, bidirectional formatting
// characters, and bytes that are not UTF-8. Line feeds are kept: multi-line messages stay multi-line.
func Text(s string) string { return escape(s, false) }

// Line is Text that also escapes line feeds, for a value that must stay on one line.
func Line(s string) string { return escape(s, true) }

func escape(s string, oneLine bool) string {
	if clean(s, oneLine) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case needsEscape(r, oneLine):
			b.WriteString(escapeRune(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func clean(s string, oneLine bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			if c == '\t' || (c == '\n' && !oneLine) {
				continue
			}
			return false
		}
		if c >= 0x80 {
			// Multi-byte: C1 controls, bidi characters and invalid UTF-8 need a closer look.
			for _, r := range s[i:] {
				if r == utf8.RuneError || needsEscape(r, oneLine) {
					return false
				}
			}
			return true
		}
	}
	return true
}

func needsEscape(r rune, oneLine bool) bool {
	switch {
	case r == '\t':
		return false
	case r == '\n':
		return oneLine
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f: // C1 controls: 0x9b is a one-byte CSI on some terminals
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f: // Arabic letter mark, LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}

func escapeRune(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case 0x1b:
		return `\x1b`
	}
	if r < 0x80 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}
