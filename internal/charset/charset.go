// Package charset turns the byte encodings Windows writes log files in into a UTF-8 stream.
//
// SMS and ConfigMgr components write ANSI (the system code page), UTF-8 with or without a byte-order mark, and
// UTF-16 ("Unicode" in Notepad's Save As); PowerShell can write UTF-32 too. Files copied around by administrators keep whatever their editor
// saved. The encoding is sniffed from the first bytes, never taken from the file name, and the stream is
// decoded as it is read, so a file of any size needs only a fixed buffer.
package charset

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"
)

// Encoding names the encoding a stream was detected in.
type Encoding string

// The encodings NewReader detects.
const (
	UTF8           Encoding = "utf-8"
	UTF8BOM        Encoding = "utf-8-bom"
	UTF16LE        Encoding = "utf-16le"
	UTF16BE        Encoding = "utf-16be"
	UTF16LENoBOM   Encoding = "utf-16le-nobom"
	UTF16BENoBOM   Encoding = "utf-16be-nobom"
	UTF32LE        Encoding = "utf-32le" // PowerShell's Out-File -Encoding UTF32; only with its byte-order mark
	UTF32BE        Encoding = "utf-32be"
	Windows1252    Encoding = "windows-1252"
	sniffBytes              = 4096
	bufferBytes             = 64 << 10
	utf16Threshold          = 0.4 // share of code units whose high byte is NUL in UTF-16 text of Latin script
)

// CutUTF16 reports a UTF-16 stream of size bytes (its byte-order mark counted) that cannot be whole: UTF-16
// comes in pairs of bytes, so an odd size means the file was cut off, and its last byte decodes as U+FFFD.
func CutUTF16(enc Encoding, size int64) bool {
	switch enc {
	case UTF16LE, UTF16BE, UTF16LENoBOM, UTF16BENoBOM:
		return size%2 == 1
	}
	return false
}

// CutUTF32 reports a UTF-32 stream of size bytes that cannot be whole: UTF-32 comes in groups of four bytes.
func CutUTF32(enc Encoding, size int64) bool {
	switch enc {
	case UTF32LE, UTF32BE:
		return size%4 != 0
	}
	return false
}

// NewReader sniffs the first bytes of r and returns a reader that yields r's text as UTF-8, without any
// byte-order mark, and the encoding it detected.
//
// Detection order: a byte-order mark (EF BB BF, FF FE 00 00 and 00 00 FE FF of UTF-32, which must be
// tried before UTF-16's FF FE, then FF FE, FE FF); then the NUL pattern of UTF-16 without a mark
// (every other byte NUL, as Latin text in UTF-16 is); then UTF-8 if the sniffed bytes are valid UTF-8; else
// Windows-1252, the ANSI code page of the English Windows servers SMS ran on. Text that is valid UTF-8 at the
// start but not later is left to the caller (see FixLine): re-decoding a whole stream for one bad byte would
// cost every well-formed file a copy.
func NewReader(r io.Reader) (io.Reader, Encoding, error) {
	br := bufio.NewReaderSize(r, bufferBytes)
	head, err := br.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, "", fmt.Errorf("reading the start of the file: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br, UTF8BOM, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0x00, 0x00}):
		_, _ = br.Discard(4)
		return utf32Reader(br, utf32.LittleEndian), UTF32LE, nil
	case bytes.HasPrefix(head, []byte{0x00, 0x00, 0xFE, 0xFF}):
		_, _ = br.Discard(4)
		return utf32Reader(br, utf32.BigEndian), UTF32BE, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		_, _ = br.Discard(2)
		return utf16Reader(br, unicode.LittleEndian), UTF16LE, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		_, _ = br.Discard(2)
		return utf16Reader(br, unicode.BigEndian), UTF16BE, nil
	}
	switch utf16Order(head) {
	case orderLE:
		return utf16Reader(br, unicode.LittleEndian), UTF16LENoBOM, nil
	case orderBE:
		return utf16Reader(br, unicode.BigEndian), UTF16BENoBOM, nil
	}
	if validPrefix(head) {
		return br, UTF8, nil
	}
	return transform.NewReader(br, charmap.Windows1252.NewDecoder()), Windows1252, nil
}

func utf32Reader(r io.Reader, order utf32.Endianness) io.Reader {
	return transform.NewReader(r, utf32.UTF32(order, utf32.IgnoreBOM).NewDecoder())
}

// Continue decodes text that continues a stream NewReader detected as enc, from a point within it (a part
// of a large file read on its own). Only the byte-oriented encodings can be continued anywhere a line
// starts.
func Continue(r io.Reader, enc Encoding) (io.Reader, error) {
	switch enc {
	case UTF8, UTF8BOM:
		return r, nil
	case Windows1252:
		return transform.NewReader(r, charmap.Windows1252.NewDecoder()), nil
	}
	return nil, fmt.Errorf("text in %s cannot be read from the middle", enc)
}

func utf16Reader(r io.Reader, order unicode.Endianness) io.Reader {
	return transform.NewReader(r, unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder())
}

// utf16Order recognises UTF-16 without a byte-order mark by its NUL pattern: text in Latin script has a NUL
// high byte in most code units, and ANSI or UTF-8 text has no NUL at all. It returns orderNone when the
// pattern is not there. A binary file has NULs too, but in no such regular pattern.
func utf16Order(head []byte) byteOrder {
	n := len(head) / 2
	if n < 2 {
		return orderNone
	}
	var evenNUL, oddNUL int
	for i := 0; i+1 < len(head); i += 2 {
		if head[i] == 0 {
			evenNUL++
		}
		if head[i+1] == 0 {
			oddNUL++
		}
	}
	const strayNUL = 0.05
	switch {
	case float64(oddNUL) >= utf16Threshold*float64(n) && float64(evenNUL) <= strayNUL*float64(n):
		return orderLE
	case float64(evenNUL) >= utf16Threshold*float64(n) && float64(oddNUL) <= strayNUL*float64(n):
		return orderBE
	}
	return orderNone
}

type byteOrder int

const (
	orderNone byteOrder = iota
	orderLE
	orderBE
)

// validPrefix reports whether b is valid UTF-8, allowing a rune cut off by the end of the sniffed window.
func validPrefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for cut := 1; cut <= utf8.UTFMax-1 && cut <= len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) && !utf8.FullRune(b[len(b)-cut:]) {
			return true
		}
	}
	return false
}

// FixLine returns line as valid UTF-8: unchanged when it already is, else decoded as Windows-1252, which is
// what an ANSI line in an otherwise UTF-8 (or ASCII) file is. The second result reports a re-decoding.
func FixLine(line []byte) ([]byte, bool) {
	if utf8.Valid(line) {
		return line, false
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(line)
	if err != nil {
		return bytes.ToValidUTF8(line, []byte("\uFFFD")), true
	}
	return out, true
}
