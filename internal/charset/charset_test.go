package charset

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func utf32Bytes(s string, bigEndian bool) []byte {
	var out []byte
	for _, r := range append([]rune{0xFEFF}, []rune(s)...) {
		if bigEndian {
			out = append(out, byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
		} else {
			out = append(out, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
		}
	}
	return out
}

func TestNewReader(t *testing.T) {
	const text = "<![LOG[Café ccmsetup started]LOG]!><time=\"15:10:29.068+00\" date=\"02-04-2020\">\r\nsecond line\r\n"
	cases := []struct {
		name string
		in   []byte
		want Encoding
		text string
	}{
		{"utf-8", []byte(text), UTF8, text},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, text...), UTF8BOM, text},
		{"utf-16le with BOM", utf16Bytes(text, false, true), UTF16LE, text},
		{"utf-16be with BOM", utf16Bytes(text, true, true), UTF16BE, text},
		{"utf-16le without BOM", utf16Bytes(text, false, false), UTF16LENoBOM, text},
		{"utf-16be without BOM", utf16Bytes(text, true, false), UTF16BENoBOM, text},
		// FF FE 00 00 is UTF-32's mark, not UTF-16's followed by a NUL.
		{"utf-32le with BOM", utf32Bytes(text, false), UTF32LE, text},
		{"utf-32be with BOM", utf32Bytes(text, true), UTF32BE, text},
		// 0xE9 alone is not UTF-8: an ANSI file.
		{"windows-1252", []byte("Caf\xe9 \x93quoted\x94\n"), Windows1252, "Café \u201cquoted\u201d\n"},
		{"empty", nil, UTF8, ""},
		{"one byte", []byte("x"), UTF8, "x"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, enc, err := NewReader(bytes.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if enc != tc.want || string(got) != tc.text {
				t.Errorf("got %s %q, want %s %q", enc, got, tc.want, tc.text)
			}
		})
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		enc          Encoding
		size         int64
		cut16, cut32 bool
	}{
		{UTF16LE, 10, false, false}, {UTF16LE, 11, true, false}, {UTF32LE, 12, false, false},
		{UTF32BE, 14, false, true}, {UTF32LE, 13, false, true}, {UTF8, 13, false, false},
	} {
		if CutUTF16(tc.enc, tc.size) != tc.cut16 || CutUTF32(tc.enc, tc.size) != tc.cut32 {
			t.Errorf("%s of %d bytes: cut16 %v cut32 %v", tc.enc, tc.size, CutUTF16(tc.enc, tc.size), CutUTF32(tc.enc, tc.size))
		}
	}
}

// A UTF-8 character cut by the end of the sniffed window must not make the file look like ANSI.
func TestNewReaderRuneAcrossSniffWindow(t *testing.T) {
	in := strings.Repeat("a", sniffBytes-1) + "é and more"
	_, enc, err := NewReader(strings.NewReader(in))
	if err != nil || enc != UTF8 {
		t.Fatalf("got %s, %v; want utf-8", enc, err)
	}
}

// Binary content has NULs but not in UTF-16's every-other-byte pattern.
func TestNewReaderBinaryIsNotUTF16(t *testing.T) {
	bin := bytes.Repeat([]byte{0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00}, 64)
	_, enc, err := NewReader(bytes.NewReader(bin))
	if err != nil || enc == UTF16LENoBOM || enc == UTF16BENoBOM {
		t.Fatalf("got %s, %v", enc, err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestNewReaderError(t *testing.T) {
	if _, _, err := NewReader(failingReader{}); err == nil {
		t.Fatal("want an error")
	}
}

func TestFixLine(t *testing.T) {
	if got, changed := FixLine([]byte("plain ascii")); changed || string(got) != "plain ascii" {
		t.Errorf("ascii: %q %v", got, changed)
	}
	if got, changed := FixLine([]byte("d\xe9j\xe0 vu")); !changed || string(got) != "déjà vu" {
		t.Errorf("ansi: %q %v", got, changed)
	}
}

func FuzzNewReader(f *testing.F) {
	f.Add([]byte("plain"))
	f.Add(utf16Bytes("MSI (s) (54:74) [16:26:11:416]: x\r\n", false, true))
	f.Add(utf16Bytes("$$<SMS_CLIENT_CONFIG_MANAGER>\n", true, false))
	f.Add([]byte{0xEF, 0xBB, 0xBF, 0xFF, 0xFE})
	f.Fuzz(func(t *testing.T, in []byte) {
		r, _, err := NewReader(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadAll(r); err != nil {
			t.Fatal(err)
		}
	})
}
