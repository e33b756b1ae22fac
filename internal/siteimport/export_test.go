package siteimport

import (
	"encoding/binary"
	"os"
	"strings"
	"testing"
	"unicode/utf16"
)

const minimalExport = `{
  "format": "pushlint-site-export",
  "format_version": 1,
  "items": [
    {"__CLASS": "SMS_SCI_SiteDefinition", "SiteCode": "ABC", "SiteType": 2, "FileType": 2},
    {
      "__CLASS": "SMS_SCI_Component", "SiteCode": "ABC", "ItemName": "SMS_DISCOVERY_DATA_MANAGER|SMS01",
      "Props": [{"PropertyName": "SETTINGS", "Value": 0, "Value1": "ACTIVE", "Value2": null}]
    }
  ],
  "unreadable": [],
  "withheld": []
}`

func TestDecode(t *testing.T) {
	exp, err := Decode("export.json", []byte(minimalExport))
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Items) != 2 {
		t.Fatalf("%d items; want 2", len(exp.Items))
	}
	// Each item knows where it starts, for messages about it.
	if got := exp.Items[0].Pos.String(); got != "export.json:5:5" {
		t.Errorf("item 0 at %s; want export.json:5:5", got)
	}
	if got := exp.Items[1].Pos.String(); got != "export.json:6:5" {
		t.Errorf("item 1 at %s; want export.json:6:5", got)
	}
	p, ok := exp.Items[1].Prop("settings")
	if !ok || p.Value1 != "ACTIVE" || p.Value2 != "" {
		t.Errorf("Prop(settings) = %+v, %v", p, ok)
	}
}

func TestDecodeRealExports(t *testing.T) {
	for _, f := range []string{"testdata/contoso-sms2003.json", "testdata/fabrikam-cm2007.json"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		exp, err := Decode(f, data)
		if err != nil {
			t.Fatal(err)
		}
		for i, it := range exp.Items {
			if it.Pos.Line == 0 || it.Class == "" {
				t.Errorf("%s: item %d has no position or class: %+v", f, i, it.Pos)
			}
		}
	}
}

func utf16LE(s string, bom bool) []byte {
	var out []byte
	if bom {
		out = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return out
}

// TestDecodeEncodings: PowerShell's Out-File and > write UTF-16 with a byte order mark, Notepad a UTF-8
// byte order mark; both read the same as the script's UTF-8.
func TestDecodeEncodings(t *testing.T) {
	for name, data := range map[string][]byte{
		"UTF-8 BOM":    append([]byte{0xEF, 0xBB, 0xBF}, minimalExport...),
		"UTF-16LE BOM": utf16LE(minimalExport, true),
		"UTF-16BE BOM": func() []byte {
			le := utf16LE(minimalExport, false)
			be := []byte{0xFE, 0xFF}
			for i := 0; i < len(le); i += 2 {
				be = append(be, le[i+1], le[i])
			}
			return be
		}(),
	} {
		exp, err := Decode("export.json", data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(exp.Items) != 2 || exp.Items[1].Pos.String() != "export.json:6:5" {
			t.Errorf("%s: %d items, second at %s", name, len(exp.Items), exp.Items[1].Pos)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	replace := func(old, new string) string { return strings.Replace(minimalExport, old, new, 1) }
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", []byte(" \n"), "export.json:1:1: file is empty; expected a site export written by Export-PushlintSite.ps1"},
		{"missing comma", []byte(replace(`"format_version": 1,`, `"format_version": 1`)),
			`export.json:4:3: malformed JSON: invalid character '"' after object key:value pair`},
		{"cut off", []byte(minimalExport[:200]),
			"export.json:7:28: malformed JSON: unexpected end of JSON input"},
		{"unquoted value", []byte(replace(`"Value1": "ACTIVE"`, `"Value1": ACTIVE`)),
			"export.json:8:68: malformed JSON: invalid character 'A' looking for beginning of value"},
		{"column counts characters", []byte(replace(`"SiteCode": "ABC", "SiteType"`, `"SiteCode": "ÄBÇ", "SiteType": ,`)),
			"export.json:5:74: malformed JSON: invalid character ',' looking for beginning of value"},
		{"string for a number", []byte(replace(`"Value": 0`, `"Value": "0"`)),
			`export.json:8:55: items[1].Props[0].Value: expected a whole number, found string`},
		{"object for a string", []byte(replace(`"Value1": "ACTIVE"`, `"Value1": {"x": 1}`)),
			`export.json:8:68: items[1].Props[0].Value1: expected a string, found object`},
		{"bool for a number", []byte(replace(`"SiteType": 2`, `"SiteType": true`)),
			`export.json:5:74: items[0].SiteType: expected a whole number, found bool`},
		{"string for a list", []byte(replace(`"Props": [{"PropertyName": "SETTINGS", "Value": 0, "Value1": "ACTIVE", "Value2": null}]`, `"Props": "SETTINGS"`)),
			`export.json:8:16: items[1].Props: expected an array, found string`},
		{"not an export", []byte(`[{"__CLASS": "SMS_Site"}]`),
			`export.json:1:1: expected a site export (a JSON object with "format": "pushlint-site-export"), found array`},
		{"another format", []byte(replace(`"pushlint-site-export"`, `"something-else"`)),
			`export.json:1:1: not a pushlint site export (expected "format": "pushlint-site-export"); write it with scripts/Export-PushlintSite.ps1`},
		{"no format", []byte(`{"items": []}`),
			`export.json:1:1: not a pushlint site export (expected "format": "pushlint-site-export"); write it with scripts/Export-PushlintSite.ps1`},
		{"newer version", []byte(replace(`"format_version": 1`, `"format_version": 2`)),
			"export.json:1:1: format_version 2 is not supported; this pushlint reads version 1"},
		{"invalid UTF-8", []byte(replace(`"ABC"`, "\"A\xffC\"")),
			"export.json:5:57: invalid UTF-8; the export script writes UTF-8 (save the file as UTF-8 or UTF-16 with a byte order mark)"},
		{"odd UTF-16", utf16LE(minimalExport, true)[:101],
			"export.json:1:1: UTF-16 file with an odd number of bytes (cut off?)"},
		{"UTF-16 without a byte order mark", utf16LE(minimalExport, false),
			"export.json:1:2: malformed JSON: invalid character '\\x00' looking for beginning of object key string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode("export.json", tc.data)
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tc.want {
				t.Errorf("got  %s\nwant %s", err, tc.want)
			}
			if _, ok := err.(*Error); !ok {
				t.Errorf("error is %T, not *Error", err)
			}
		})
	}
}

func TestReadFileLimit(t *testing.T) {
	dir := t.TempDir()
	big := dir + "/big.json"
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: the size is checked before anything is read.
	if err := f.Truncate(MaxExportBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadFile(big)
	want := big + ": file is 67108865 bytes; a site export may be at most 67108864 bytes"
	if err == nil || err.Error() != want {
		t.Errorf("ReadFile error = %v; want %s", err, want)
	}
	if _, err := ReadFile(dir + "/missing.json"); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}
