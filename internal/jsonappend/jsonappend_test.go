package jsonappend

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// Strings come out byte for byte as encoding/json writes them.
func TestStringAsEncodingJSON(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "line\nbreak\r\ttab", "<![LOG[x]LOG]!> & more",
		"ctrl \x00\x01\x1f\x7f", "café \u00e9 漢字", "bad \xff\xfe utf8", "sep \u2028 \u2029", "\xe2\x80",
		`\\SERVER\admin$`,
	} {
		want, _ := json.Marshal(s)
		if got := String(nil, s); string(got) != string(want) {
			t.Errorf("String(%q) = %s, want %s", s, got, want)
		}
		if got, want := Text(nil, s), plain(s); string(got) != want {
			t.Errorf("Text(%q) = %s, want %s", s, got, want)
		}
	}
}

// plain is s as a json.Encoder that does not escape HTML writes it.
func plain(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

func FuzzString(f *testing.F) {
	f.Add("<![LOG[x]LOG]!>\x00\xff\u2028")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := String(nil, s); string(got) != string(want) {
			t.Fatalf("String(%q) = %s, want %s", s, got, want)
		}
		if got, want := Text(nil, s), plain(s); string(got) != want {
			t.Fatalf("Text(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestMillis(t *testing.T) {
	tm := time.Date(2026, 11, 2, 6, 0, 4, 37_900_000, time.UTC)
	for _, utc := range []bool{true, false} {
		layout := "2006-01-02T15:04:05.000"
		if utc {
			layout += "Z"
		}
		if got, want := string(Millis(nil, tm, utc)), tm.Format(layout); got != want {
			t.Errorf("Millis = %s, want %s", got, want)
		}
	}
}
