package siteimport

import (
	"errors"
	"os"
	"testing"
)

// FuzzDecode: any bytes give an export or an *Error with a position, never a panic; an export that
// decodes imports or fails with an *Error. go test -fuzz FuzzDecode ./internal/siteimport
func FuzzDecode(f *testing.F) {
	f.Add([]byte(minimalExport))
	f.Add([]byte(`{"format":"pushlint-site-export","format_version":1,"items":[{"__CLASS":"SMS_SCI_SiteDefinition","SiteCode":"A|C","SiteType":1}]}`))
	f.Add(utf16LE(minimalExport, true))
	if data, err := os.ReadFile("testdata/contoso-sms2003.json"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		exp, err := Decode("export.json", data)
		var e *Error
		if err != nil {
			if !errors.As(err, &e) || e.Pos.Line < 1 || e.Pos.Column < 1 {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if _, err := Import(exp, Options{}); err != nil && !errors.As(err, &e) {
			t.Fatalf("import error without a position: %v", err)
		}
	})
}

// FuzzParseSchedule: any token decodes or is refused; a decoded one has a description and an interval
// that is never negative.
func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{"0001200000100038", "02811A8040241000", "02811A80402FC400", "00011A8500080000", "zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		s, err := ParseSchedule(token)
		if err != nil {
			return
		}
		if iv, _ := s.Interval(); iv < 0 || s.String() == "" {
			t.Fatalf("%s: interval %v, %q", token, iv, s)
		}
	})
}
