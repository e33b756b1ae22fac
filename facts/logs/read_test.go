package logs

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pushlint/pushlint/internal/charset"
)

func parseString(t *testing.T, name, text string, opts Options) ([]Entry, LogFile) {
	t.Helper()
	return parseBytes(t, name, []byte(text), opts)
}

func parseBytes(t *testing.T, name string, b []byte, opts Options) ([]Entry, LogFile) {
	t.Helper()
	var out []Entry
	sum, err := Parse(context.Background(), bytes.NewReader(b), name, opts, func(e Entry) error {
		out = append(out, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, sum
}

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func encodeUTF16(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// The real ccmsetup.log re-encoded as Windows can save it must give exactly the same entries.
func TestEncodingsOfARealLog(t *testing.T) {
	raw := readSample(t, "ccmsetup-cmtrace-03-full.log")
	text := string(bytes.TrimPrefix(raw, []byte{0xEF, 0xBB, 0xBF}))
	want, wantSum := parseBytes(t, "x", raw, Options{})
	cases := []struct {
		name string
		in   []byte
		enc  charset.Encoding
	}{
		{"utf-8 without BOM", []byte(text), charset.UTF8},
		{"utf-16le with BOM", encodeUTF16(text, false, true), charset.UTF16LE},
		{"utf-16be with BOM", encodeUTF16(text, true, true), charset.UTF16BE},
		{"utf-16le without BOM", encodeUTF16(text, false, false), charset.UTF16LENoBOM},
		{"LF line endings", []byte(strings.ReplaceAll(text, "\r\n", "\n")), charset.UTF8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, sum := parseBytes(t, "x", tc.in, Options{})
			if sum.Encoding != tc.enc || sum.Format != FormatCMTrace || sum.Unparsed != 0 || sum.Lines != wantSum.Lines {
				t.Errorf("summary %+v", sum)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("entries differ from the UTF-8 original (%d vs %d)", len(got), len(want))
			}
		})
	}
}

func TestCRLFServerLog(t *testing.T) {
	raw := readSample(t, "ccm-log-legacy-stripped-01.log")
	want, _ := parseBytes(t, "x", raw, Options{})
	got, sum := parseBytes(t, "x", bytes.ReplaceAll(raw, []byte("\n"), []byte("\r\n")), Options{})
	if sum.Unparsed != 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("CRLF copy differs: %d vs %d entries, %d unparsed", len(got), len(want), sum.Unparsed)
	}
}

// An ANSI line (Windows-1252 "é") in a file that is otherwise UTF-8 is decoded, not dropped.
func TestANSILineInUTF8File(t *testing.T) {
	in := "Connected to machine CAFE  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:09.448-600><thread=6708 (0x1A34)>\n" +
		strings.Repeat("filler  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:09.448-600><thread=6708 (0x1A34)>\n", 800) +
		"Account caf\xe9\\push failed  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:10.000-600><thread=6708 (0x1A34)>\n"
	got, sum := parseString(t, "x", in, Options{})
	if last := got[len(got)-1]; last.Message != `Account café\push failed` {
		t.Errorf("message %q", last.Message)
	}
	if sum.Encoding != charset.UTF8 || len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], "Windows-1252") {
		t.Errorf("encoding %s, warnings %q", sum.Encoding, sum.Warnings)
	}
}

func TestBiasSignAndChange(t *testing.T) {
	in := "" +
		"Before the switch  $$<SMS_CLIENT_CONFIG_MANAGER><03-29-2026 00:59:59.000-60><thread=1 (0x0001)>\n" +
		"After the switch  $$<SMS_CLIENT_CONFIG_MANAGER><03-29-2026 01:00:00.000+00><thread=1 (0x0001)>\n" +
		"<![LOG[Pacific]LOG]!><time=\"23:30:00.000+480\" date=\"12-31-2025\" component=\"ccmsetup\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\n"
	got, sum := parseString(t, "x", in, Options{})
	wantTimes := []string{"2026-03-28T23:59:59Z", "2026-03-29T01:00:00Z", "2026-01-01T07:30:00Z"}
	for i, w := range wantTimes {
		if g := got[i].Time.Format("2006-01-02T15:04:05Z07:00"); g != w || !got[i].TimeZoneKnown {
			t.Errorf("entry %d: %s (zone known %v), want %s", i, g, got[i].TimeZoneKnown, w)
		}
	}
	if !reflect.DeepEqual(sum.Biases, []string{"-60", "+00", "+480"}) || !sum.BiasChanged() {
		t.Errorf("biases %q", sum.Biases)
	}
	if len(sum.Warnings) != 2 || !strings.HasPrefix(sum.Warnings[0], "line 2: timezone bias changes from -60 to +00") {
		t.Errorf("warnings %q", sum.Warnings)
	}
	first, last := sum.First.Format("2006-01-02T15:04:05Z"), sum.Last.Format("2006-01-02T15:04:05Z")
	if first != "2026-01-01T07:30:00Z" || last != "2026-03-29T01:00:00Z" {
		t.Errorf("first %s last %s", first, last)
	}
}

func TestMultiLineCMTrace(t *testing.T) {
	in := "<![LOG[one\r\ntwo <Msg a=\"1\">]]\r\nthree]LOG]!><time=\"10:00:00.000+00\" date=\"01-02-2026\" component=\"c\" context=\"\" type=\"3\" thread=\"7\" file=\"f.cpp:1\">\r\n" +
		// A record cut off (no ]LOG]!>) before the next one starts.
		"<![LOG[cut off\r\n" +
		"<![LOG[next]LOG]!><time=\"10:00:01.000+00\" date=\"01-02-2026\" component=\"c\" context=\"\" type=\"2\" thread=\"7\" file=\"\"><![LOG[same line]LOG]!><time=\"10:00:02.000+00\" date=\"01-02-2026\" component=\"c\" context=\"\" type=\"1\" thread=\"7\" file=\"\">\r\n" +
		"text outside any record\r\n" +
		"<![LOG[never closed\r\nat the end"
	got, sum := parseString(t, "x", in, Options{})
	type short struct {
		line, end int
		msg       string
		level     Level
	}
	var gotShort []short
	for _, e := range got {
		gotShort = append(gotShort, short{e.Line, e.EndLine, e.Message, e.Level})
	}
	want := []short{
		{1, 3, "one\ntwo <Msg a=\"1\">]]\nthree", LevelError},
		{4, 5, "cut off", LevelUnknown},
		{5, 5, "next", LevelWarning},
		{5, 5, "same line", LevelInfo},
		{6, 6, "text outside any record", LevelUnknown},
		{7, 8, "never closed\nat the end", LevelUnknown},
	}
	if !reflect.DeepEqual(gotShort, want) {
		t.Errorf("got  %+v\nwant %+v", gotShort, want)
	}
	// Lines 4, 5 (the cut-off record, which ends where the next starts), 6, 7 and 8.
	if sum.Format != FormatCMTrace || sum.Unparsed != 5 || len(sum.Warnings) != 2 {
		t.Errorf("format %s, %d unparsed, warnings %q", sum.Format, sum.Unparsed, sum.Warnings)
	}
}

func TestTruncation(t *testing.T) {
	const max = 64 << 10
	huge := strings.Repeat("A", 3*max)
	in := "<![LOG[before]LOG]!><time=\"10:00:00.000+00\" date=\"01-02-2026\" component=\"c\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\n" +
		"<![LOG[" + huge + "]LOG]!><time=\"10:00:01.000+00\" date=\"01-02-2026\" component=\"c\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\n" +
		"<![LOG[" + strings.Repeat("B\n", max) + "]LOG]!><time=\"10:00:02.000+00\" date=\"01-02-2026\" component=\"c\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\n" +
		"<![LOG[after]LOG]!><time=\"10:00:03.000+00\" date=\"01-02-2026\" component=\"c\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\n"
	got, sum := parseString(t, "x", in, Options{MaxRecordBytes: max})
	if len(got) != 4 {
		t.Fatalf("%d entries", len(got))
	}
	// The overlong line (cut at max bytes, "<![LOG[" included) lost its ]LOG]!> with the cut: its record
	// ends where the next begins.
	if len(got[1].Message) != max-len("<![LOG[") || got[1].HasTime {
		t.Errorf("overlong line: %d bytes, has time %v", len(got[1].Message), got[1].HasTime)
	}
	// The multi-line record keeps its attributes; its message stops at the cap.
	if len(got[2].Message) != max || !got[2].HasTime || got[2].EndLine-got[2].Line != max {
		t.Errorf("long record: %d bytes, has time %v, lines %d-%d", len(got[2].Message), got[2].HasTime, got[2].Line, got[2].EndLine)
	}
	if got[3].Message != "after" || !got[3].HasTime {
		t.Errorf("reading did not go on after the long lines: %+v", got[3])
	}
	// The cut line, its record left unclosed, the long multi-line record.
	if sum.Truncated != 1 || len(sum.Warnings) != 3 {
		t.Errorf("truncated %d, warnings %q", sum.Truncated, sum.Warnings)
	}
}

// A ticket that pastes several formats into one file: each line is still read with its own format's fields.
func TestMixedFile(t *testing.T) {
	in := "Hi, client push fails for PC042. ccm.log:\n" +
		"\n" +
		"---> ERROR: Unable to access target machine for request: \"2097152019\", machine name: \"PC042\", error code: 53  $$<SMS_CLIENT_CONFIG_MANAGER><09-25-2026 15:13:57.327-60><thread=19068 (0x4A7C)>\n" +
		"---> Deleting SMS Client Install Lock File  $$<SMS_CLIENT_CONFIG_MANAGER><09-25-2026 15:13:58.000-60><thread=19068 (0x4A7C)>\n" +
		"\n" +
		"and ccmsetup.log on the client:\n" +
		"\n" +
		"<![LOG[CcmSetup failed with error code 0x80004005]LOG]!><time=\"15:34:23.493+360\" date=\"02-21-2018\" component=\"ccmsetup\" context=\"\" type=\"1\" thread=\"580\" file=\"ccmsetup.cpp:11055\">\n" +
		"MSI (s) (54:74) [16:26:11:416]: Suspended install detected. Resuming.\n" +
		"Installation failed with error code 1603 ccmsetup 12-11-2010 16:26:12 3264 (0x0CC0)\n" +
		"Thanks!\n"
	got, sum := parseString(t, "ticket.txt", in, Options{})
	type short struct {
		line int
		comp string
		tid  int
		msg  string
	}
	var gotShort []short
	for _, e := range got {
		gotShort = append(gotShort, short{e.Line, e.Component, e.Thread, e.Message})
	}
	want := []short{
		{1, "", 0, "Hi, client push fails for PC042. ccm.log:"},
		{3, "SMS_CLIENT_CONFIG_MANAGER", 19068, `---> ERROR: Unable to access target machine for request: "2097152019", machine name: "PC042", error code: 53`},
		{4, "SMS_CLIENT_CONFIG_MANAGER", 19068, "---> Deleting SMS Client Install Lock File"},
		{6, "", 0, "and ccmsetup.log on the client:"},
		{8, "ccmsetup", 580, "CcmSetup failed with error code 0x80004005"},
		{9, "MSI (s)", 0x74, "Suspended install detected. Resuming."},
		{10, "ccmsetup", 3264, "Installation failed with error code 1603"},
		{11, "", 0, "Thanks!"},
	}
	if !reflect.DeepEqual(gotShort, want) {
		t.Errorf("got  %+v\nwant %+v", gotShort, want)
	}
	// The server lines are the majority: the prose lines are lines outside its records.
	if sum.Format != FormatSMSServer || sum.Unparsed != 3 {
		t.Errorf("format %s, %d unparsed", sum.Format, sum.Unparsed)
	}
	// Local 15:13:57.327 at bias -60 (UTC+1) is 14:13:57.327 UTC.
	if got[1].Time.Format("15:04:05.000") != "14:13:57.327" || !got[1].TimeZoneKnown {
		t.Errorf("server time %v", got[1].Time)
	}
}

func TestMSIDatesFromBanner(t *testing.T) {
	in := "=== Verbose logging started: 2/24/2006  23:59:58  Build type: SHIP UNICODE 3.01.4000.2435  Calling process: C:\\WINDOWS\\system32\\msiexec.exe ===\n" +
		"MSI (c) (1C:B8) [23:59:59:001]: Resetting cached policy values\n" +
		"Property(C): ProductName = Configuration Manager Client\n" +
		"MSI (s) (74:A8) [00:00:01:250]: Product: Configuration Manager Client -- Installation operation failed.\n" +
		"Action ended 0:00:02: INSTALL. Return value 3.\n" +
		"MSI (s) (74:A8) damaged\n"
	got, sum := parseString(t, "client.msi.log", in, Options{})
	want := []string{"2006-02-24T23:59:58Z", "2006-02-24T23:59:59.001Z", "", "2006-02-25T00:00:01.25Z", "2006-02-25T00:00:02Z", ""}
	if len(got) != len(want) {
		t.Fatalf("%d entries", len(got))
	}
	for i, w := range want {
		g := ""
		if got[i].HasTime {
			g = got[i].Time.Format("2006-01-02T15:04:05.999Z07:00")
		}
		if g != w || got[i].TimeZoneKnown {
			t.Errorf("entry %d (%q): %q, want %q", i, got[i].Message, g, w)
		}
	}
	if sum.Format != FormatMSI || sum.Unparsed != 1 {
		t.Errorf("format %s, %d unparsed", sum.Format, sum.Unparsed)
	}
}

func TestBinaryContent(t *testing.T) {
	bin := bytes.Repeat([]byte{0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x02}, 100)
	got, sum := parseBytes(t, "x.exe", bin, Options{})
	if len(got) != 0 || !sum.Binary || len(sum.Warnings) != 1 {
		t.Errorf("%d entries, summary %+v", len(got), sum)
	}
}

// NUL runs (a log being written when the power went) are removed, not read as binary.
func TestNULRunsInsideALog(t *testing.T) {
	line := "Submitted request successfully  $$<SMS_CLIENT_CONFIG_MANAGER><09-25-2026 15:13:57.327-60><thread=19068 (0x4A7C)>\n"
	in := strings.Repeat(line, 2000) + strings.Repeat("\x00", 4096) + line
	got, sum := parseString(t, "ccm.log", in, Options{})
	if len(got) != 2001 || sum.Unparsed != 0 || got[2000].Message != "Submitted request successfully" {
		t.Errorf("%d entries, %d unparsed", len(got), sum.Unparsed)
	}
}

func TestCallbackErrorStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	_, err := Parse(context.Background(), strings.NewReader("a\nb\nc\n"), "x", Options{}, func(Entry) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("err %v after %d entries", err, n)
	}
}

func TestCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Parse(ctx, strings.NewReader(strings.Repeat("line\n", 10000)), "x", Options{}, func(Entry) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v", err)
	}
}

func TestDisplayLevel(t *testing.T) {
	cases := []struct {
		e    Entry
		want Level
	}{
		{Entry{Level: LevelWarning, Message: "failed"}, LevelWarning},
		{Entry{Message: "ERROR: Unable to access target machine"}, LevelError},
		{Entry{Message: "WNetAddConnection2 failed"}, LevelError},
		{Entry{Message: "Warning - could not read files"}, LevelWarning},
		{Entry{Message: "Action ended 17:56:36: InstallFinalize. Return value 3."}, LevelError},
		{Entry{Message: "Submitted request successfully"}, LevelInfo},
	}
	for _, tc := range cases {
		if got := tc.e.DisplayLevel(); got != tc.want {
			t.Errorf("%q: %s, want %s", tc.e.Message, got, tc.want)
		}
	}
}

// A short log that ends in a zero-filled cluster (power lost while it was written) is a log, not a binary:
// its lines are read and the NULs reported.
func TestShortLogWithZeroFilledTail(t *testing.T) {
	line := "Submitted request successfully  $$<SMS_CLIENT_CONFIG_MANAGER><09-25-2026 15:13:57.327-60><thread=19068 (0x4A7C)>\n"
	got, sum := parseString(t, "ccm.log", line+line+strings.Repeat("\x00", 4096), Options{})
	if len(got) != 2 || sum.Binary || !reflect.DeepEqual(sum.Warnings, []string{"1 line(s) held NUL bytes (removed)"}) {
		t.Errorf("%d entries, summary %+v", len(got), sum)
	}
}

func TestEmptyAndCutOffFilesAreSaid(t *testing.T) {
	_, sum := parseString(t, "empty.log", "", Options{})
	if !reflect.DeepEqual(sum.Warnings, []string{"the file is empty"}) {
		t.Errorf("empty file: %+v", sum)
	}
	cut := append(encodeUTF16("Submitted request successfully  $$<SMS_CLIENT_CONFIG_MANAGER><09-25-2026 15:13:57.327-60><thread=19068 (0x4A7C)>\r\n", false, true), 'S')
	got, sum := parseBytes(t, "ccm.log", cut, Options{})
	want := "the file has an odd number of bytes, which UTF-16 text cannot have: it was cut off, and its last byte was read as U+FFFD"
	if len(got) == 0 || got[0].Message != "Submitted request successfully" || sum.Warnings[len(sum.Warnings)-1] != want {
		t.Errorf("%d entries, summary %+v", len(got), sum)
	}
	// UTF-32 (PowerShell's Out-File -Encoding UTF32) comes in groups of four bytes.
	var utf32 []byte
	for _, r := range "\ufeffSubmitted request successfully  $$<SMS_CLIENT_CONFIG_MANAGER><09-25-2026 15:13:57.327-60><thread=19068 (0x4A7C)>\r\n" {
		utf32 = append(utf32, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
	}
	got, sum = parseBytes(t, "ccm.log", append(utf32, 'S', 0), Options{})
	want = "the file's size is not a multiple of four bytes, which UTF-32 text cannot have: it was cut off, and its last bytes were read as U+FFFD"
	if len(got) == 0 || got[0].Message != "Submitted request successfully" || sum.Warnings[len(sum.Warnings)-1] != want {
		t.Errorf("UTF-32: %d entries, summary %+v", len(got), sum)
	}
}

func TestDisplayLevelIgnoresCase(t *testing.T) {
	for msg, want := range map[string]Level{
		"Installation FAILED": LevelError, "an Error occurred": LevelError, "Action ended: x. Return Value 3.": LevelError,
		"WARNING: disk": LevelWarning, "all fine": LevelInfo, "": LevelInfo, "retur": LevelInfo, "Return value 2": LevelInfo,
	} {
		if got := (Entry{Message: msg}).DisplayLevel(); got != want {
			t.Errorf("%q: %v, want %v", msg, got, want)
		}
	}
}
