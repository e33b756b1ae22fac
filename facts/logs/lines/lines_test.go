package lines

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

type got struct {
	line string
	cut  int
}

func readAll(t *testing.T, in string, max int) []got {
	t.Helper()
	r := NewReader(strings.NewReader(in), max)
	var out []got
	for {
		line, cut, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, got{string(line), cut})
		if r.Number() != len(out) {
			t.Fatalf("Number() = %d after %d lines", r.Number(), len(out))
		}
	}
	if r.Consumed() != int64(len(in)) {
		t.Errorf("Consumed() = %d, want %d", r.Consumed(), len(in))
	}
	return out
}

func TestNext(t *testing.T) {
	long := strings.Repeat("x", 200<<10) // longer than the 64 KiB buffer
	cases := []struct {
		name string
		in   string
		max  int
		want []got
	}{
		{"LF", "a\nb\n", 0, []got{{"a", 0}, {"b", 0}}},
		{"CRLF", "a\r\nb\r\n", 0, []got{{"a", 0}, {"b", 0}}},
		{"no final line ending", "a\r\nb", 0, []got{{"a", 0}, {"b", 0}}},
		{"blank lines kept", "\n\r\n", 0, []got{{"", 0}, {"", 0}}},
		{"lone CR is not a line end", "a\rb\n", 0, []got{{"a\rb", 0}}},
		{"empty", "", 0, nil},
		{"line at the cap", "abcd\r\nef\n", 4, []got{{"abcd", 0}, {"ef", 0}}},
		{"line over the cap", "abcdef\r\nxy\n", 4, []got{{"abcd", 2}, {"xy", 0}}},
		{"long line within the cap", long + "\r\nnext\n", 1 << 20, []got{{long, 0}, {"next", 0}}},
		{"long line over the cap", long + "\r\nnext", 100 << 10, []got{{long[:100<<10], 100 << 10}, {"next", 0}}},
		{"long last line over the cap", long, 1000, []got{{long[:1000], len(long) - 1000}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := readAll(t, tc.in, tc.max)
			if len(out) != len(tc.want) {
				t.Fatalf("%d lines, want %d", len(out), len(tc.want))
			}
			for i := range out {
				if out[i] != tc.want[i] {
					t.Errorf("line %d: got %d bytes (cut %d), want %d bytes (cut %d)", i+1,
						len(out[i].line), out[i].cut, len(tc.want[i].line), tc.want[i].cut)
				}
			}
		})
	}
}

func TestPeekDoesNotConsume(t *testing.T) {
	r := NewReader(strings.NewReader("first\nsecond\n"), 0)
	head, err := r.Peek(1 << 20)
	if err != nil || string(head) != "first\nsecond\n" {
		t.Fatalf("Peek: %q %v", head, err)
	}
	line, _, err := r.Next()
	if err != nil || string(line) != "first" {
		t.Fatalf("Next: %q %v", line, err)
	}
}

type failAfter struct {
	data []byte
}

func (f *failAfter) Read(b []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, io.ErrUnexpectedEOF
	}
	n := copy(b, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestNextReadError(t *testing.T) {
	r := NewReader(&failAfter{data: bytes.Repeat([]byte("x"), 100<<10)}, 0)
	if _, _, err := r.Next(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("got %v, want the read error", err)
	}
}

func FuzzNext(f *testing.F) {
	f.Add([]byte("a\r\nb\nc"), 3)
	f.Add([]byte("\r\n\r\n"), 1)
	f.Fuzz(func(t *testing.T, in []byte, max int) {
		max = max%4096 + 1
		if max <= 0 {
			max = 1
		}
		r := NewReader(bytes.NewReader(in), max)
		for {
			line, cut, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(line) > max || cut < 0 || bytes.IndexByte(line, '\n') >= 0 {
				t.Fatalf("line of %d bytes (max %d), cut %d", len(line), max, cut)
			}
		}
		if r.Consumed() != int64(len(in)) {
			t.Fatalf("consumed %d of %d", r.Consumed(), len(in))
		}
	})
}
