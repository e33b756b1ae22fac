package logs

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Web pages, KB articles and tickets re-wrap log rows: a long row runs over several lines, its server
// trailer or its Trace32 columns included, and a page that lost a line break glues two rows into one. The
// differential tests below build such copies from real rows (testdata/wrap/README.md says where each comes
// from) and check that they read as the same records as the rows themselves.

// wrapRows are the real rows, one per line, that the copies are built from.
var wrapRows = []struct {
	file   string
	format Format
}{
	{"samples/ccm-log-legacy-tyang-01.log", FormatSMSServer},
	{"samples/ccim32-legacy-kb236052-01.log", FormatSMSServer},
	{"wrap/ccm-legacy-q262298.log", FormatSMSServer},
	{"wrap/ccm-trace32-q262298.log", FormatTrace32Copy},
	{"wrap/ccmsetup-trace32-kb2467702.log", FormatTrace32Copy},
}

func readRows(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

// record is what a copy must keep of an entry: everything but where it sits in the file.
type record struct {
	Time, Bias, Component, Message string
	HasTime, TimeZoneKnown         bool
	Thread                         int
}

var (
	spaceRun = regexp.MustCompile(` {2,}`)
	anySpace = regexp.MustCompile(`\s+`)
)

// readRecords parses text as a file named name. With exactSpacing, messages keep their line breaks (runs of
// spaces become one: a re-wrap at a double space cannot keep both); without, all white space is one space.
func readRecords(t *testing.T, name, text string, format Format, exactSpacing bool) []record {
	t.Helper()
	entries, sum := parseString(t, name, text, Options{})
	if sum.Format != format || sum.Unparsed != 0 {
		t.Fatalf("%s: format %s with %d unparsed lines (warnings %q), want %s with none\n%s", name, sum.Format, sum.Unparsed, sum.Warnings, format, text)
	}
	out := make([]record, len(entries))
	for i, e := range entries {
		msg := spaceRun.ReplaceAllString(e.Message, " ")
		if !exactSpacing {
			msg = anySpace.ReplaceAllString(e.Message, " ")
		}
		out[i] = record{Time: e.Time.Format("2006-01-02T15:04:05.000"), Bias: e.Bias, Component: e.Component, Message: msg,
			HasTime: e.HasTime, TimeZoneKnown: e.TimeZoneKnown, Thread: e.Thread}
	}
	return out
}

func sameRecords(t *testing.T, what string, got, want []record, text string) {
	t.Helper()
	if len(text) > 1500 {
		text = text[:1500] + "..."
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d records, want %d\n%s", what, len(got), len(want), text)
		for i, r := range got {
			t.Logf("got %d: %+v", i, r)
		}
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s: record %d\n got %+v\nwant %+v\n%s", what, i, got[i], want[i], text)
		}
	}
}

// wrapText wraps text greedily at width columns, as a KB article or a mail client does: words are moved
// to the next line when they do not fit; indent is put before every line.
func wrapText(text string, width int, indent string) []string {
	var out []string
	line := indent
	for _, w := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(w) > width {
			out = append(out, line)
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += w
	}
	return append(out, line)
}

// TestWrappedCopiesReadAsTheirRows re-wraps whole files at many widths, in a KB's indented text and in a
// Markdown block quote with hard breaks: the records are the rows', line breaks inside a message read as
// the spaces they replaced.
func TestWrappedCopiesReadAsTheirRows(t *testing.T) {
	for _, src := range wrapRows {
		rows := readRows(t, src.file)
		orig := strings.Join(rows, "\n") + "\n"
		want := readRecords(t, "orig.log", orig, src.format, true)
		for width := 40; width <= 100; width += 4 {
			for _, style := range []struct{ name, indent, end string }{{"kb", "   ", ""}, {"markdown", "> ", "  "}} {
				var b strings.Builder
				for _, r := range rows {
					if style.name == "markdown" {
						r = strings.ReplaceAll(r, `\`, `\\`) // as the Markdown source of a page escapes it
					}
					for _, l := range wrapText(r, width, style.indent) {
						b.WriteString(l + style.end + "\n")
					}
				}
				got := readRecords(t, "wrapped.log", b.String(), src.format, true)
				sameRecords(t, fmt.Sprintf("%s wrapped at %d (%s)", src.file, width, style.name), got, want, b.String())
			}
		}
	}
}

// TestOneBreakAnywhereReadsAsTheRow breaks one row at a time at each of its spaces (the trailer's and the
// columns' included): whatever line the break falls on, the copy reads as the rows.
func TestOneBreakAnywhereReadsAsTheRow(t *testing.T) {
	for _, src := range wrapRows {
		rows := readRows(t, src.file)
		want := readRecords(t, "orig.log", strings.Join(rows, "\n")+"\n", src.format, false)
		for i, r := range rows {
			for at := 1; at < len(r); at++ {
				if r[at] != ' ' || r[at-1] == ' ' {
					continue
				}
				broken := append([]string{}, rows...)
				broken[i] = r[:at] + "\n" + strings.TrimLeft(r[at:], " ")
				text := strings.Join(broken, "\n") + "\n"
				got := readRecords(t, "broken.log", text, src.format, false)
				sameRecords(t, fmt.Sprintf("%s row %d broken at column %d", src.file, i+1, at), got, want, text)
			}
		}
	}
}

// TestGluedRowsReadAsTwo glues each row to the next, with and without a space, as a page that dropped a
// line break shows them.
func TestGluedRowsReadAsTwo(t *testing.T) {
	for _, src := range wrapRows {
		rows := readRows(t, src.file)
		want := readRecords(t, "orig.log", strings.Join(rows, "\n")+"\n", src.format, true)
		for i := 0; i+1 < len(rows); i++ {
			for _, sep := range []string{"", " "} {
				glued := append([]string{}, rows[:i]...)
				glued = append(glued, rows[i]+sep+rows[i+1])
				glued = append(glued, rows[i+2:]...)
				text := strings.Join(glued, "\n") + "\n"
				got := readRecords(t, "glued.log", text, src.format, true)
				sameRecords(t, fmt.Sprintf("%s rows %d and %d glued with %q", src.file, i+1, i+2, sep), got, want, text)
			}
		}
	}
}

// TestServerTrailerEdges: the trailer's fields on the line after a "$$" that ends a line are the record's
// (a page that broke the row after "$$"); a "$$" that ends a line before a message line is a stripped
// trailer (Microsoft Q&A 965723); "~~" before "$$" leaves no '~' in the message.
func TestServerTrailerEdges(t *testing.T) {
	const trailer = "$$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:09.448-600><thread=6708 (0x1A34)>"
	cases := []struct {
		name, text string
		want       []record
	}{
		{"fields after the break", "Execute query exec [sp_CP_GetPushRequestMachine] 2097152112~  $$\n" + trailer[2:] + "\n",
			[]record{{Time: "2015-06-07T03:11:09.448", Bias: "-600", Component: "SMS_CLIENT_CONFIG_MANAGER",
				Message: "Execute query exec [sp_CP_GetPushRequestMachine] 2097152112", HasTime: true, TimeZoneKnown: true, Thread: 6708}}},
		{"stripped, then the next row", "======>Begin Processing request: \"2097152019\", machine name: \"TESTPC1\"  $$  \n" +
			"Execute query exec [sp_IsMPAvailable] N'AVH'~  $$  \n",
			[]record{{Time: "0001-01-01T00:00:00.000", Message: `======>Begin Processing request: "2097152019", machine name: "TESTPC1"`},
				{Time: "0001-01-01T00:00:00.000", Message: "Execute query exec [sp_IsMPAvailable] N'AVH'"}}},
		{"doubled tilde", "Execute query exec [sp_CP_GetPushRequestMachine] 2097152112~~  " + trailer + "\n",
			[]record{{Time: "2015-06-07T03:11:09.448", Bias: "-600", Component: "SMS_CLIENT_CONFIG_MANAGER",
				Message: "Execute query exec [sp_CP_GetPushRequestMachine] 2097152112", HasTime: true, TimeZoneKnown: true, Thread: 6708}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sameRecords(t, tc.name, readRecords(t, "ccm.log", tc.text, FormatSMSServer, true), tc.want, tc.text)
		})
	}
}
