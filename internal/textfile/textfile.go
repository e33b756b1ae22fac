// Package textfile reads a small text file written on Windows (a client export, a CCR file) whole, into a
// Go string, whatever encoding the writer chose: the SMS Administrator console's "Unicode text" exports and
// Notepad's "Unicode" files are UTF-16, PowerShell and SQL tools write UTF-8 with or without a byte-order
// mark, and older tools the ANSI code page. Detection is the log readers' (internal/charset), so a file
// reads the same whichever command reads it.
package textfile

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/pushlint/pushlint/internal/charset"
)

// Encoding names what a file was decoded from (utf-8, utf-8-bom, utf-16le, utf-16be, utf-16le-nobom,
// utf-16be-nobom, windows-1252).
type Encoding = charset.Encoding

// Decode returns the text of b, without a byte-order mark, and the encoding it was read as. A line that
// is not valid UTF-8 in a file that otherwise is (an ANSI value pasted into a UTF-8 export) is read as
// Windows-1252, line by line, so the rest of the file keeps its characters.
func Decode(b []byte) (string, Encoding, error) {
	r, enc, err := charset.NewReader(bytes.NewReader(b))
	if err != nil {
		return "", enc, err
	}
	var out []byte
	switch enc {
	case charset.UTF8:
		out = b // nothing to decode: no copy of a file of tens of megabytes
	case charset.UTF8BOM:
		out = b[3:]
	default:
		if out, err = io.ReadAll(r); err != nil {
			return "", enc, fmt.Errorf("decoding %s: %w", enc, err)
		}
	}
	if utf8.Valid(out) {
		return string(out), enc, nil
	}
	// Line by line, without a slice of every line (a file of line ends would make one of millions).
	var sb strings.Builder
	sb.Grow(len(out))
	for len(out) > 0 {
		line := out
		if i := bytes.IndexByte(out, '\n'); i >= 0 {
			line = out[:i+1]
		}
		fixed, _ := charset.FixLine(line)
		sb.Write(fixed)
		out = out[len(line):]
	}
	return sb.String(), enc, nil
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
