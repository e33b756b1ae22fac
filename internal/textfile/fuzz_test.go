package textfile

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// twoMarks reports data that starts with the byte-order mark of its encoding twice: the second is text.
func twoMarks(data []byte) bool {
	for _, mark := range []string{"\x00\x00\xfe\xff", "\xff\xfe\x00\x00", "\xef\xbb\xbf", "\xff\xfe", "\xfe\xff"} {
		if strings.HasPrefix(string(data), mark) {
			return strings.HasPrefix(string(data[len(mark):]), mark)
		}
	}
	return false
}

// FuzzDecode decodes arbitrary bytes as a Windows text file: never a panic, always UTF-8 out, never a
// byte-order mark left at the start.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("Name,Client\r\nPC1,Yes\r\n"))
	f.Add(utf16le("[NT Client Configuration Request]\r\nMachine Name=PC1\r\n", true))
	f.Add(utf16be("Name\tClient\r\n", true))
	f.Add(utf16le("Name\tClient\r\n", false))
	f.Add([]byte("\xef\xbb\xbfcaf\xe9\n"))
	f.Add([]byte{0xff, 0xfe, 0x41})
	f.Fuzz(func(t *testing.T, data []byte) {
		text, _, err := Decode(data)
		if err != nil {
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("Decode(%q) = %q, not UTF-8", data, text)
		}
		if strings.HasPrefix(text, "\ufeff") && !twoMarks(data) {
			t.Fatalf("Decode(%q) kept a byte-order mark: %q", data, text)
		}
		Binary(text)
	})
}
