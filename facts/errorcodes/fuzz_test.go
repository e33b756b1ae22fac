package errorcodes

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pushlint/pushlint"
)

// FuzzExplain reads arbitrary text as a code the way `pushlint explain` does: never a panic; a code that
// parses reads back to the same value in its hexadecimal and signed forms; a failure is one of the two
// errors explain prints.
func FuzzExplain(f *testing.F) {
	tab, err := Load(pushlint.Policies)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"53", "0x35", "000004b3", "-2147024891", "0x80070005", "4b3", "1326", " 0x4B3 ", "-0", "4294967295", "4294967296", "0x", "--1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, perr := Parse(s)
		ex, err := tab.Explain(s)
		if perr != nil {
			if !errors.Is(err, ErrNotACode) {
				t.Fatalf("Parse(%q) failed but Explain said %v", s, err)
			}
			return
		}
		forms := []string{fmt.Sprintf("0x%08x", v), fmt.Sprintf("%08x", v), fmt.Sprint(int32(v))}
		for i, form := range forms {
			if i == 2 && len(form) == 8 {
				continue // eight digits are hexadecimal, as Ccm.log writes codes; documented for explain
			}
			if back, err := Parse(form); err != nil || back != v {
				t.Fatalf("%q is %d, but its form %q reads as %d, %v", s, v, form, back, err)
			}
		}
		var unknown *UnknownError
		switch {
		case err == nil:
			if ex.Value != v || ex.Entry.Name == "" || ex.Input != strings.TrimSpace(s) {
				t.Fatalf("Explain(%q) = %+v", s, ex)
			}
		case errors.As(err, &unknown):
			if unknown.Value != v {
				t.Fatalf("Explain(%q) unknown value %d, Parse %d", s, unknown.Value, v)
			}
		default:
			t.Fatalf("Explain(%q): %v", s, err)
		}
	})
}
