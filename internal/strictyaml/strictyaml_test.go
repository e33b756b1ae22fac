package strictyaml

import (
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"90m", 5400, ""},
		{"36h", 129600, ""},
		{"7d", 604800, ""},
		{"2w", 1209600, ""},
		{"7", 0, `"7" is not a duration; expected a number and a unit, e.g. 90m, 36h, 7d, 2w`},
		{"7days", 0, `"7days" has no known unit; expected a number and one of m, h, d, w (e.g. 7d)`},
		{"-1d", 0, `"-1d" is not a duration; expected a whole number and a unit, e.g. 7d`},
		{"1.5d", 0, `"1.5d" is not a duration; expected a whole number and a unit, e.g. 7d`},
		{"0h", 0, `"0h" is zero; expected a positive duration`},
		{"99999w", 0, `"99999w" is longer than 100 years`},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		switch {
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("ParseDuration(%q) error = %v, want %q", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParseDuration(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"heartbeat", "network", "ad_system"}
	tests := map[string]string{"heartbeet": "heartbeat", "netwrk": "network", "adsystem": "ad_system", "zzz": ""}
	for in, want := range tests {
		if got := suggest(in, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// Encodings and line ends a hand-written file may come in: each refused at its position, saying what it is;
// a %YAML directive before "---" starts the one document instead of being taken for a document of its own.
func TestParseBytes(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
	}{
		{"utf-32le", "\xff\xfe\x00\x00v\x00\x00\x00", "f.yaml:1:1: file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8"},
		{"utf-32be", "\x00\x00\xfe\xff\x00\x00\x00v", "f.yaml:1:1: file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8"},
		{"utf-16le", "\xff\xfev\x00", "f.yaml:1:1: file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"},
		{"nel", "# site\u0085version: 1\u0085", "f.yaml:1:7: U+0085 NEL (next line): YAML 1.2 does not end a line there, so the lines around it run together; save the file with ordinary line ends (LF or CRLF)"},
		{"line separator", "a: 1\nb: x\u2028y\n", "f.yaml:2:5: U+2028 LINE SEPARATOR: YAML 1.2 does not end a line there"},
		{"paragraph separator", "a: 1\u2029", "f.yaml:1:5: U+2029 PARAGRAPH SEPARATOR: YAML 1.2 does not end a line there"},
		{"yaml 1.1 directive", "%YAML 1.1\n---\na: 1\n", ""},
		{"yaml 1.2 directive", "%YAML 1.2\n---\na: 1\n", ""},
		{"tag directive", "%TAG !e! tag:example.com,2000:\n---\na: 1\n", ""},
		{"directive and two documents", "%YAML 1.2\n---\na: 1\n---\nb: 2\n", "f.yaml:5:1: expected one YAML document, found a second one"},
		{"yaml 2.0", "%YAML 2.0\n---\na: 1\n", "f.yaml:1:7: YAML syntax error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse("f.yaml", []byte(tc.data), DefaultLimits)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("rejected: %v", err)
			case tc.want == "" && doc.Root == nil:
				t.Error("no document")
			case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}
