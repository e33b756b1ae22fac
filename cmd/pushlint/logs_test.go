package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pushlint/pushlint/facts/logs"
)

var logSamples = filepath.Join("..", "..", "facts", "logs", "testdata", "samples")

func logSample(name string) string { return filepath.Join(logSamples, name) }

func runLogs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	stdout, stderr, code := cli(t, append([]string{"logs"}, args...)...)
	return code, stdout, stderr
}

func TestLogsText(t *testing.T) {
	t.Parallel()
	code, out, errOut := runLogs(t, logSample("ccm-log-legacy-tyang-01.log"), logSample("ccm-log-kb925282-error53-01.log"), "--level", "error")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := logSample("ccm-log-kb925282-error53-01.log") + ":5  2006-06-06 07:06:35.000 (local time, zone unknown) error   SMS_CLIENT_CONFIG_MANAGER    660  " +
		`ERROR: Unable to connect to remote registry for machine name "*computername*", error 53.`
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	// Lines 3-6 of the excerpt mention "failed" or "ERROR"; the Tao Yang line is information.
	if len(lines) != 4 || lines[2] != want {
		t.Errorf("got\n%s\nwant line 3\n%s", out, want)
	}
}

func TestLogsMultiLineAndZone(t *testing.T) {
	t.Parallel()
	code, out, _ := runLogs(t, logSample("ccmsetup-cmtrace-03-full.log"), "--grep", "through BITS")
	want := logSample("ccmsetup-cmtrace-03-full.log") + ":217  2020-02-04 15:10:38.083 UTC+0 (15:10:38Z)  error   ccmsetup                    3912  " +
		"Failed to download files through BITS. Error: 0x80190194, Description HTTP status 404: The requested URL does not exist on the server.\n" +
		"        , Context: The error occurred while the remote file was being processed.\n" +
		"        .\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, got\n%q\nwant\n%q", code, out, want)
	}
}

type logsJSON struct {
	Entries []struct {
		File, Format, Time, Bias, Component, Level, Message string
		Line                                                int
		EndLine                                             int `json:"end_line"`
		Thread                                              int
		TimeZoneKnown                                       bool   `json:"time_zone_known"`
		DisplayLevel                                        string `json:"display_level"`
	}
	Files []struct {
		Path, Format string
		Entries      int
		Unparsed     int `json:"unparsed_lines"`
	}
	Skipped []struct{ Path, Reason string }
}

func decodeLogs(t *testing.T, out string) logsJSON {
	t.Helper()
	var doc logsJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	return doc
}

func TestLogsJSONAndFilters(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		args  []string
		lines []int // Line of each entry, in order
	}{
		{"machine as a whole name, FQDN included", []string{logSample("ccm-log-legacy-stripped-01.log"), "--machine", "testpc1", "--grep", "Kerberos"}, []int{18, 20, 22}},
		{"machine prefix does not match", []string{logSample("ccm-log-legacy-stripped-01.log"), "--machine", "TESTPC"}, nil},
		{"component, several", []string{logSample("ccmsetup-cmtrace-03-full.log"), "--component", "FSPStateMessage,locationservices", "--since", "2020-02-04T15:10:35.771Z", "--until", "2020-02-04T15:10:38.2Z"}, []int{100, 101, 102, 103, 104, 225}},
		{"until a date includes that day", []string{logSample("ccmsetup-cmtrace-01.log"), "--since", "2018-01-01", "--until", "2018-02-16"}, []int{2}},
		{"time filters drop entries without a time", []string{logSample("ccm-log-kb-travelmode-03.log"), "--since", "1990-01-01"}, nil},
		// Tao Yang's line is 13:11:09 in Melbourne (bias -600), 03:11:09Z: a time without a zone is the log's
		// own local time, a time with one an instant.
		{"since, local time of the log", []string{logSample("ccm-log-legacy-tyang-01.log"), "--since", "2015-06-07T13:11"}, []int{1}},
		{"since, local time of the log, after it", []string{logSample("ccm-log-legacy-tyang-01.log"), "--since", "2015-06-07 13:12"}, nil},
		{"since, an instant before it", []string{logSample("ccm-log-legacy-tyang-01.log"), "--since", "2015-06-07T03:11:00Z"}, []int{1}},
		{"since, an instant after it", []string{logSample("ccm-log-legacy-tyang-01.log"), "--since", "2015-06-07T03:12:00Z"}, nil},
		{"until, local time of the log", []string{logSample("ccm-log-legacy-tyang-01.log"), "--until", "2015-06-07T13:11:10"}, []int{1}},
		// One wall-clock window over two logs of different zones: each line is compared with its own clock.
		// ccmsetup-cmtrace-01.log (bias +360, UTC-6) has 10:27:38 local on 2018-02-16, 16:27:38Z.
		{"local window over two zones", []string{logSample("ccmsetup-cmtrace-01.log"), logSample("ccm-log-legacy-tyang-01.log"),
			"--since", "2018-02-16T10:00", "--until", "2018-02-16T11:00"}, []int{2}},
		{"instant window over two zones", []string{logSample("ccmsetup-cmtrace-01.log"), logSample("ccm-log-legacy-tyang-01.log"),
			"--since", "2018-02-16T10:00:00Z", "--until", "2018-02-16T11:00:00Z"}, nil},
		{"level warning includes errors", []string{logSample("ccmsetup-cmtrace-03-full.log"), "--level", "warning", "--grep", "^Failed to (get client|download client)"}, []int{67, 220, 221}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runLogs(t, append(tc.args, "--format", "json")...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			doc := decodeLogs(t, out)
			var lines []int
			for _, e := range doc.Entries {
				lines = append(lines, e.Line)
			}
			if len(lines) != len(tc.lines) || (len(lines) > 0 && !equalInts(lines, tc.lines)) {
				t.Errorf("lines %v, want %v", lines, tc.lines)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

func TestLogsJSONFields(t *testing.T) {
	t.Parallel()
	code, out, _ := runLogs(t, logSample("ccm-log-legacy-tyang-01.log"), logSample("ccmsetup-trace32-kb2467702-01.log"), "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	doc := decodeLogs(t, out)
	if len(doc.Entries) != 3 || len(doc.Files) != 2 || doc.Skipped == nil {
		t.Fatalf("%+v", doc)
	}
	tyang := doc.Entries[0]
	if tyang.Time != "2015-06-07T03:11:09.448Z" || !tyang.TimeZoneKnown || tyang.Bias != "-600" || tyang.Thread != 6708 ||
		tyang.Format != "sms_server" || tyang.Level != "" || tyang.DisplayLevel != "info" {
		t.Errorf("%+v", tyang)
	}
	// Pasted text has no bias: its wall clock is shown without a zone.
	pasted := doc.Entries[2]
	if pasted.Time != "2010-12-11T16:26:12.000" || pasted.TimeZoneKnown || pasted.Component != "ccmsetup" || pasted.DisplayLevel != "error" {
		t.Errorf("%+v", pasted)
	}
}

func TestLogsEmptyJSON(t *testing.T) {
	t.Parallel()
	code, out, _ := runLogs(t, logSample("hman-kb830022-01.log"), "--grep", "no such text", "--format", "json")
	doc := decodeLogs(t, out)
	if code != 0 || len(doc.Entries) != 0 || len(doc.Files) != 1 || doc.Files[0].Entries != 4 {
		t.Errorf("exit %d, %+v", code, doc)
	}
}

func TestLogsNotesOnStderr(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	log := filepath.Join(dir, "ccm.log")
	bin := filepath.Join(dir, "tool.exe")
	writeLogFile(t, log, "<![LOG[ok]LOG]!><time=\"10:00:00.000+00\" date=\"01-02-2026\" component=\"c\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\nstray text\n")
	writeLogFile(t, bin, strings.Repeat("MZ\x90\x00\x03\x00\x00\x00", 64))
	code, out, errOut := runLogs(t, dir)
	wantErr := "pushlint: skipped " + bin + ": binary content, not a log\n" +
		"pushlint: " + log + ": 1 line(s) outside the records of its format (cmtrace)\n"
	if code != 0 || strings.Count(out, "\n") != 2 || errOut != wantErr {
		t.Errorf("exit %d, stdout %q, stderr\n%q\nwant\n%q", code, out, errOut, wantErr)
	}
}

func TestLogsBadInput(t *testing.T) {
	t.Parallel()
	cases := [][]string{
		{},
		{filepath.Join(logSamples, "missing.log")},
		{logSamples, "--level", "fatal"},
		{logSamples, "--grep", "("},
		{logSamples, "--since", "yesterday"},
		{logSamples, "--until", "2026-13-01"},
		{logSamples, "--format", "xml"},
	}
	for _, args := range cases {
		code, out, errOut := runLogs(t, args...)
		if code != ExitInvalid || out != "" || !strings.HasPrefix(errOut, "pushlint: ") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func writeLogFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The JSON of an entry is what encoding/json writes for entryJSON, byte for byte.
func TestAppendEntryIsEncodingJSON(t *testing.T) {
	at := time.Date(2015, 6, 7, 3, 11, 9, 448_000_000, time.UTC)
	for _, e := range []logs.Entry{
		{File: "ccm.log", Line: 1, EndLine: 1, Format: logs.FormatSMSServer, Time: at, HasTime: true, TimeZoneKnown: true, Bias: "-600",
			Component: "SMS_CLIENT_CONFIG_MANAGER", Thread: 6708, Message: `---> Attempting to connect to administrative share '\\PC042\admin$' <&>`},
		{File: `C:\logs\ccmsetup.log`, Line: 217, EndLine: 219, Format: logs.FormatCMTrace, Time: at, HasTime: true, Level: logs.LevelError,
			Message: "Failed to download files through BITS.\r\n, Context: \"x\"\n.\u2028\xff"},
		{File: "pasted.txt", Line: 3, EndLine: 3, Format: logs.FormatTrace32Copy, Time: at, HasTime: true, Message: "Installation failed with error code 1603"},
		{File: "plain.log", Line: 9, EndLine: 9, Format: logs.FormatPlain, Message: ""},
	} {
		want, err := json.Marshal(entryJSON{File: e.File, Line: e.Line, EndLine: e.EndLine, Format: string(e.Format),
			Time: formatTime(e), TimeZoneKnown: e.TimeZoneKnown, Bias: e.Bias, Component: e.Component,
			Level: e.Level.String(), DisplayLevel: e.DisplayLevel().String(), Thread: e.Thread, Message: e.Message})
		if err != nil {
			t.Fatal(err)
		}
		if got := appendEntry(nil, e); string(got) != string(want) {
			t.Errorf("appendEntry:\n got %s\nwant %s", got, want)
		}
	}
}
