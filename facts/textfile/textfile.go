// Package textfile turns the bytes of a text file written on Windows into a Go string, whatever encoding
// the writer chose: the SMS Administrator console's "Unicode text" exports and Notepad's "Unicode" files are
// UTF-16 with a byte-order mark, PowerShell and SQL tools write UTF-8 with or without one, and older tools
// write the ANSI code page.
package textfile

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names what a file was decoded from.
type Encoding string

// The encodings Decode recognizes.
const (
	UTF8        Encoding = "utf-8"
	UTF8BOM     Encoding = "utf-8-bom"
	UTF16LE     Encoding = "utf-16le"
	UTF16BE     Encoding = "utf-16be"
	Windows1252 Encoding = "windows-1252"
)

// Decode returns the text of b and the encoding it was read as. A byte-order mark decides; without one,
// a file whose every other byte is zero is UTF-16 (some tools drop the mark), valid UTF-8 is UTF-8, and
// anything else is the Western European ANSI code page, the default of the consoles these files come from.
// The mark itself is not part of the text.
func Decode(b []byte) (string, Encoding, error) {
	var enc Encoding
	var dec encoding.Encoding
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:]), UTF8BOM, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		enc, dec = UTF16LE, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		enc, dec = UTF16BE, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case looksUTF16(b, 1):
		enc, dec = UTF16LE, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case looksUTF16(b, 0):
		enc, dec = UTF16BE, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case utf8.Valid(b):
		return string(b), UTF8, nil
	default:
		enc, dec = Windows1252, charmap.Windows1252
	}
	out, err := dec.NewDecoder().Bytes(b)
	if err != nil {
		return "", enc, fmt.Errorf("decoding %s: %w", enc, err)
	}
	return string(out), enc, nil
}

// looksUTF16 reports whether the high byte of every one of the first characters is zero (ASCII text in
// UTF-16 without a byte-order mark); zeroAt is 1 for little endian, 0 for big endian.
func looksUTF16(b []byte, zeroAt int) bool {
	n := min(len(b), 512) &^ 1
	if n < 4 {
		return false
	}
	for i := 0; i < n; i += 2 {
		if b[i+zeroAt] != 0 || b[i+1-zeroAt] == 0 {
			return false
		}
	}
	return true
}

// Binary reports whether text holds characters no text file has (NUL and other C0 controls besides tab,
// line feed, carriage return and form feed): a sign the file is not text at all.
func Binary(text string) bool {
	for _, r := range text {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			return true
		}
	}
	return false
}
