package textfile

import (
	"strings"
	"testing"

	"github.com/pushlint/pushlint/internal/charset"
)

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func utf16be(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFE, 0xFF)
	}
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

func TestDecode(t *testing.T) {
	const text = "Name,Client\r\nPC001,Yes\r\nCAFÉ,No\r\n"
	for _, tc := range []struct {
		name string
		in   []byte
		want string
		enc  Encoding
	}{
		{"utf-8", []byte(text), text, charset.UTF8},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, text...), text, charset.UTF8BOM},
		{"utf-16le with BOM", utf16le(text, true), text, charset.UTF16LE},
		{"utf-16be with BOM", utf16be(text, true), text, charset.UTF16BE},
		{"utf-16le without BOM", utf16le("Name,Client\r\n", false), "Name,Client\r\n", charset.UTF16LENoBOM},
		{"utf-16be without BOM", utf16be("Name,Client\r\n", false), "Name,Client\r\n", charset.UTF16BENoBOM},
		{"ANSI", []byte("Name\r\nCAF\xc9\r\n"), "Name\r\nCAFÉ\r\n", charset.Windows1252},
		{"ANSI line after the sniffed start", []byte(strings.Repeat("x", 5000) + "\nCAFÉ\nCAF\xc9\n"), strings.Repeat("x", 5000) + "\nCAFÉ\nCAFÉ\n", charset.UTF8},
		{"empty", nil, "", charset.UTF8},
		{"BOM only", []byte{0xFF, 0xFE}, "", charset.UTF16LE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, enc, err := Decode(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want || enc != tc.enc {
				t.Errorf("Decode = %q, %s; want %q, %s", got, enc, tc.want, tc.enc)
			}
		})
	}
}

func TestBinary(t *testing.T) {
	for in, want := range map[string]bool{
		"[NT Client Configuration Request]\r\n\tMachine Name=PC1\r\n": false,
		"MZ\x90\x00\x03": true,
		"form\ffeed":     false,
		"\x1b[31mcolour": true,
	} {
		if got := Binary(in); got != want {
			t.Errorf("Binary(%q) = %v, want %v", in, got, want)
		}
	}
}
