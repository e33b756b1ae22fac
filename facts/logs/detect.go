package logs

import "bytes"

// sniffWindow is how much decoded text format detection looks at.
const sniffWindow = 64 << 10

// detection is what the start of a file says about its content.
type detection struct {
	format Format
	quoted bool // a Markdown block quote: every line starts with "> "
	binary bool
	width  int // the widest line, as written: a re-wrapped copy's wrap width (see parser.wrapped)
}

// detect decides a file's format from the first lines of its text, by counting the lines each format's
// parser recognises. Any recognised CMTrace, server or MSI line makes the file that format (most lines wins;
// ties go to the stricter format). A Trace32 copy needs its column groups on at least a tenth of the lines,
// because one accidental "5 (0x5)" in prose must not turn a plain file into one. A file whose lines no
// parser recognises is plain text. The file name plays no part.
func detect(head []byte) detection {
	var d detection
	if isBinary(head) {
		d.binary = true
		return d
	}
	lines := bytes.Split(head, []byte{'\n'})
	if len(head) == sniffWindow && len(lines) > 1 {
		lines = lines[:len(lines)-1] // the window may end inside a line
	}
	nonBlank, quotedLines := 0, 0
	for _, l := range lines {
		d.width = max(d.width, len(bytes.TrimRight(l, " \t\r")))
		t := bytes.TrimSpace(l)
		if len(t) == 0 {
			continue
		}
		nonBlank++
		if t[0] == '>' {
			quotedLines++
		}
	}
	d.quoted = quotedLines > 0 && quotedLines*10 >= nonBlank*6
	var votes [5]int
	for _, l := range lines {
		t := l
		if d.quoted {
			t = unquote(t)
		}
		t = bytes.TrimSpace(t)
		if len(t) == 0 {
			continue
		}
		if d.quoted {
			t = unescapeMarkdown(t, nil)
		}
		votes[classify(t)]++
	}
	d.format = FormatPlain
	best := 0
	for i, f := range []Format{FormatCMTrace, FormatSMSServer, FormatMSI, FormatTrace32Copy} {
		n := votes[i+1]
		if f == FormatTrace32Copy && n*10 < nonBlank {
			continue
		}
		if n > best {
			best, d.format = n, f
		}
	}
	return d
}

// classify says which format recognises a trimmed line: 1 CMTrace, 2 server, 3 MSI, 4 Trace32, 0 none.
func classify(t []byte) int {
	switch {
	case bytes.Contains(t, cmOpen) || bytes.Contains(t, []byte(`]LOG]!><time="`)):
		return 1
	case bytes.Contains(t, dollars):
		if _, st := parseServer(t); st != noTrailer {
			return 2
		}
	}
	if k := parseMSI(t).kind; k == msiEngine || k == msiBanner || k == msiAction || isMSIText(t) {
		return 3
	}
	if len(findGroups(t, true)) > 0 {
		return 4
	}
	return 0
}

// isMSIText recognises unprefixed lines that only verbose MSI logs write, for detection only.
func isMSIText(t []byte) bool {
	return bytes.HasPrefix(t, []byte("Property(S): ")) || bytes.HasPrefix(t, []byte("Property(C): ")) ||
		(bytes.HasPrefix(t, []byte("CustomAction ")) && bytes.Contains(t, []byte(" returned actual error code ")))
}

// isBinary reports content that is not text: more than 1% NUL or control bytes other than the whitespace
// ones (tab, line feed, carriage return, form feed, vertical tab) and escape. Runs of NUL bytes do not
// count: Windows leaves them where a log was being written when the power went (the file's size was
// already extended, its data not yet written), and a short log ending in a zero-filled cluster is still a
// log. Executables and archives are binary by their scattered control bytes, not by their NUL padding.
func isBinary(b []byte) bool {
	bad := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == 0 {
			run := 1
			for i+run < len(b) && b[i+run] == 0 {
				run++
			}
			if run >= nulRun {
				i += run - 1
				continue
			}
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
			bad++
		}
	}
	return bad > 0 && bad*100 > len(b)
}

// nulRun is the shortest run of NUL bytes taken for zero-fill rather than binary content.
const nulRun = 16

// unquote removes a Markdown block-quote marker ("> " after optional indentation).
func unquote(b []byte) []byte {
	t := bytes.TrimLeft(b, " \t")
	if len(t) == 0 || t[0] != '>' {
		return b
	}
	t = t[1:]
	if len(t) > 0 && t[0] == ' ' {
		t = t[1:]
	}
	return t
}

// unescapeMarkdown undoes Markdown backslash escapes (a backslash before ASCII punctuation), which the KB
// articles put in front of '\', '<' and '{' in quoted log lines: "\\\\COMPUTER1" is "\\COMPUTER1" on the
// page and in the log. The result is built in buf (reused when it has room).
func unescapeMarkdown(b, buf []byte) []byte {
	i := bytes.IndexByte(b, '\\')
	if i < 0 {
		i = len(b)
	}
	out := append(buf[:0], b[:i]...)
	for ; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) && isASCIIPunct(b[i+1]) {
			i++
		}
		out = append(out, b[i])
	}
	return out
}

func isASCIIPunct(c byte) bool {
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')
}
