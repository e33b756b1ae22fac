package termsafe

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct{ in, text, line string }{
		{"plain text, tabs\tand é", "plain text, tabs\tand é", "plain text, tabs\tand é"},
		{"two\nlines", "two\nlines", `two\nlines`},
		{"red \x1b[31malert\x1b[0m", `red \x1b[31malert\x1b[0m`, `red \x1b[31malert\x1b[0m`},
		{"title \x1b]0;pwned\x07", `title \x1b]0;pwned\x07`, `title \x1b]0;pwned\x07`},
		{"ok\rFAILED", `ok\rFAILED`, `ok\rFAILED`},
		{"nul\x00byte", `nul\x00byte`, `nul\x00byte`},
		{"del\x7f", `del\x7f`, `del\x7f`},
		{"c1 csi \u009b31m", `c1 csi \u009b31m`, `c1 csi \u009b31m`},
		{"admin\u202eexe.txt", `admin\u202eexe.txt`, `admin\u202eexe.txt`},
		{"isolate \u2066x\u2069", `isolate \u2066x\u2069`, `isolate \u2066x\u2069`},
		{"latin1 \xe9t\xe9", `latin1 \xe9t\xe9`, `latin1 \xe9t\xe9`},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.text {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := Line(tt.in); got != tt.line {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.line)
		}
	}
}

func FuzzLine(f *testing.F) {
	f.Add("a\x1b[2Jb\r\n\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		out := Line(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Line(%q) = %q is not UTF-8", s, out)
		}
		for _, r := range out {
			if r != '\t' && needsEscape(r, true) {
				t.Fatalf("Line(%q) = %q still holds %U", s, out, r)
			}
		}
		if Line(out) != out {
			t.Fatalf("Line is not idempotent on %q", out)
		}
	})
}

func TestCapped(t *testing.T) {
	long := strings.Repeat("k", 500_000)
	want := `"` + strings.Repeat("k", MaxQuoted) + `…" (500000 bytes)`
	if got := fmt.Sprintf("%q", Capped(long)); got != want {
		t.Errorf("%%q: %.200s", got)
	}
	if got := fmt.Sprintf("%s", Capped(long)); got != strings.Repeat("k", MaxQuoted)+"… (500000 bytes)" {
		t.Errorf("%%s: %.200s", got)
	}
	for _, short := range []string{"", "PC001", strings.Repeat("é", MaxQuoted)} {
		if got := fmt.Sprintf("%q %s", Capped(short), Capped(short)); got != fmt.Sprintf("%q %s", short, short) {
			t.Errorf("short value changed: %q", got)
		}
	}
	format := "%s %q %d %%q %s"
	args := CapQuoted(format, []any{"short", long, 42, long})
	if got := fmt.Sprintf(format, args...); got != "short "+want+" 42 %q "+long {
		t.Errorf("CapQuoted: %.200s", got)
	}
}
