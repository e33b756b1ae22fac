package strictyaml

import "testing"

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
