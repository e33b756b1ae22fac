package machine

import (
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"pc001":                   "PC001",
		" TESTPC1.TESTDOMAIN.com": "TESTPC1",
		"Pc-01":                   "PC-01",
		"":                        "",
		".hidden":                 ".HIDDEN",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckNetBIOS(t *testing.T) {
	for _, tc := range []struct {
		name string
		want string // substring of the error; "" for valid
	}{
		{"PC001", ""},
		{"a", ""},
		{"WKS-0042_LAB", ""},
		{"PC!@#$%^&')(-_{}", "16 characters"},
		{"X!@#$%^&')(.-_{", ""},
		{"ABCDEFGHIJKLMNO", ""},
		{"ABCDEFGHIJKLMNOP", "at most 15"},
		{"pc001.contoso.com", "give the computer name only: pc001"},
		{"", "empty"},
		{"...", "only dots"},
		{".PC", "starts with a dot"},
		{"PC1.", `"PC1." ends with a dot; Windows drops a trailing dot from names (give PC1)`},
		{"PC1..", "(give PC1)"},
		{"PC 01", "a space"},
		{"PC\\01", `'\'`},
		{"PC/01", `'/'`},
		{"PC:1", `':'`},
		{"PC*", `'*'`},
		{"PC?", `'?'`},
		{`PC"`, `'"'`},
		{"PC<1>", `'<'`},
		{"PC|1", `'|'`},
		{"PC\r\nX", "control character"},
		{"PCé", "non-ASCII"},
		{"=cmd|calc", `'='`},
		{"12345", "only digits"},
		{"con", "reserved"},
		{"LPT1", "reserved"},
		{"System", "reserved"},
	} {
		err := CheckNetBIOS(tc.name)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckNetBIOS(%q) = %v, want valid", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckNetBIOS(%q) = %v, want an error containing %q", tc.name, err, tc.want)
		}
	}
}
