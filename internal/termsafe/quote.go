package termsafe

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxQuoted is how many characters of one value from the input a message quotes. A key, a cell or a name
// that long is already wrong; quoting all of a 500 KB one would bury the message (and a CI log) under it.
const MaxQuoted = 80

// Capped is a value from the input, for a message: formatted with %q it is quoted, with %s or %v written
// as it is, and either way cut after MaxQuoted characters with an ellipsis and its full length:
// "kkkk…" (500000 bytes).
type Capped string

// Format implements fmt.Formatter.
func (c Capped) Format(f fmt.State, verb rune) {
	s, cut := clip(string(c))
	switch verb {
	case 'q':
		if cut {
			s += "…"
		}
		fmt.Fprint(f, strconv.Quote(s))
	default:
		if cut {
			s += "…"
		}
		fmt.Fprint(f, s)
	}
	if cut {
		fmt.Fprintf(f, " (%d bytes)", len(c))
	}
}

// clip cuts s after MaxQuoted characters.
func clip(s string) (string, bool) {
	if utf8.RuneCountInString(s) <= MaxQuoted {
		return s, false
	}
	n := 0
	for i := range s {
		if n == MaxQuoted {
			return s[:i], true
		}
		n++
	}
	return s, false
}

// CapQuoted returns args with every string that format quotes (%q) made Capped, when it is longer than
// MaxQuoted characters: for functions that format messages whose quoted arguments come from the input.
// Arguments written with %s are left whole (they are often a message composed earlier).
func CapQuoted(format string, args []any) []any {
	if strings.Contains(format, "%[") {
		return args // explicit argument indexes: not worth following
	}
	var out []any
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.*", format[i]) >= 0 {
			if format[i] == '*' {
				n++
			}
			i++
		}
		if i >= len(format) || format[i] == '%' {
			continue
		}
		if format[i] == 'q' && n < len(args) {
			if s, ok := args[n].(string); ok && utf8.RuneCountInString(s) > MaxQuoted {
				if out == nil {
					out = append([]any(nil), args...)
				}
				out[n] = Capped(s)
			}
		}
		n++
	}
	if out == nil {
		return args
	}
	return out
}
