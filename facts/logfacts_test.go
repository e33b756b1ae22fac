package facts

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/facts/logs"
)

var testNow = time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)

func buildLogs(t *testing.T, src Sources) *Document {
	t.Helper()
	src.Now, src.Policies = testNow, pushlint.Policies
	doc, err := Build(src)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestBuildLogs(t *testing.T) {
	doc := buildLogs(t, Sources{LogPaths: []string{"testdata/logs/server", "testdata/logs/client/ccmsetup-cmtrace-03-full.log"}})
	if len(doc.Logs) != 3 {
		t.Fatalf("logs = %+v", doc.Logs)
	}
	byName := map[string]LogFile{}
	for _, l := range doc.Logs {
		byName[filepath.Base(l.File)] = l
	}
	setup := byName["ccmsetup-cmtrace-03-full.log"]
	if setup.Kind != "ccmsetup" || setup.Side != "client" || !setup.HasTime ||
		setup.FirstTime != "2020-02-04T15:10:29Z" || setup.LastTime != "2020-02-04T15:10:38Z" || setup.Dir != "testdata/logs/client" {
		t.Errorf("ccmsetup.log summary = %+v", setup)
	}
	tyang := byName["ccm-log-legacy-tyang-01.log"]
	// 13:11:09 at bias -600 (Melbourne) is 03:11:09 UTC.
	if tyang.Kind != "ccm" || tyang.Side != "server" || tyang.FirstTime != "2015-06-07T03:11:09Z" || tyang.Entries != 1 || tyang.Events != 1 {
		t.Errorf("tyang summary = %+v", tyang)
	}
	if stripped := byName["ccm-log-legacy-stripped-01.log"]; stripped.HasTime || stripped.Entries != 28 {
		t.Errorf("stripped summary = %+v; its metadata was stripped, so no times", stripped)
	}
	for i, e := range doc.Events {
		if e.Seq != i {
			t.Fatalf("event %d has seq %d", i, e.Seq)
		}
	}
	if len(doc.Machines) != 1 {
		t.Fatalf("machines = %+v", doc.Machines)
	}
	m := doc.Machines[0]
	if m.Name != "TESTPC1" || m.Retries != 1 || !m.Retrying || m.Pushed || m.Attempts != 1 {
		t.Errorf("TESTPC1 = %+v", m)
	}
	var codes []string
	for _, f := range m.Failures {
		if f.Code == nil {
			codes = append(codes, strings.Join(f.Types, "+"))
		} else {
			codes = append(codes, f.Hex)
		}
	}
	if got := strings.Join(codes, ","); got != "0x80004005,ntlm_fallback_disabled,0x5" {
		t.Errorf("failure groups = %s", got)
	}
	if doc.Inputs.Logs[0] != "testdata/logs/server" || len(doc.Inputs.Signatures) != 0 {
		t.Errorf("inputs = %+v", doc.Inputs)
	}
}

// TestDocumentMatchesSchema: every field the document carries is declared in the schema the engine type
// checks rules against, and nothing more is required.
func TestLogDocumentMatchesSchema(t *testing.T) {
	for _, src := range []Sources{
		{},
		{LogPaths: []string{"testdata/logs"}},
	} {
		validate(t, buildLogs(t, src))
	}
}

func TestBuildLogsWithUserSignatures(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "site.sig.yaml")
	if err := os.WriteFile(file, []byte(`
events:
  request_stored_in_retry: {disabled: true}
  mp_check:
    title: the site checks for a management point
    logs: [ccm]
    contains: sp_ismpavailable
    pattern: "sp_IsMPAvailable\\] N'(?P<site>\\w+)'"
    fields: {site: lower}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := buildLogs(t, Sources{LogPaths: []string{"testdata/logs/server"}, SignatureFiles: []string{file}})
	types := map[string]int{}
	for _, e := range doc.Events {
		types[e.Type]++
		if e.Type == "mp_check" && e.Fields["site"] != "avh" {
			t.Errorf("mp_check fields = %v", e.Fields)
		}
	}
	if types["request_stored_in_retry"] != 0 || types["mp_check"] != 1 || types["mp_availability_check"] != 1 {
		t.Errorf("event types = %v", types)
	}
	if doc.Machines[0].Retries != 0 {
		t.Errorf("retries = %d with the retry signature disabled", doc.Machines[0].Retries)
	}
}

func TestBuildLogsErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("events:\n  x:\n    title: x\n    pattern: '(?<=a)b'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		src  Sources
		want string
	}{
		{"bad signature file", Sources{SignatureFiles: []string{bad}}, bad + ":4:14: event x.pattern is not a valid RE2 regular expression"},
		{"missing signature file", Sources{SignatureFiles: []string{filepath.Join(dir, "nope.yaml")}}, "reading signatures:"},
		{"missing log", Sources{LogPaths: []string{filepath.Join(dir, "nope.log")}}, "reading logs:"},
		{"reader error", Sources{LogPaths: []string{"x"}, LogReader: func(context.Context, []string, func() func(*logs.Entry), func(logs.Entry) error) ([]string, error) {
			return nil, os.ErrPermission
		}}, "reading logs: permission denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.src.Now, tt.src.Policies = testNow, pushlint.Policies
			_, err := Build(tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestBuildLogsReader: facts go through whatever reader it is given, entry by entry.
func TestBuildLogsReader(t *testing.T) {
	lines := []string{
		`ERROR: Unable to connect to remote registry for machine name "SERVER42", error 53.`,
		`ERROR: Unable to access target machine for request: "SERVER42.KRC", machine name: "SERVER42", error code: 53`,
		`Stored request "SERVER42.KRC", machine name "SERVER42", in queue "Retry".`,
	}
	start := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	reader := func(_ context.Context, paths []string, _ func() func(*logs.Entry), fn func(logs.Entry) error) ([]string, error) {
		for i, l := range lines {
			e := logs.Entry{File: "SMS/Logs/ccm.log", Line: i + 1, EndLine: i + 1, Format: logs.FormatSMSServer,
				Time: start.Add(time.Duration(i) * time.Second), HasTime: true, TimeZoneKnown: true, Component: "SMS_CLIENT_CONFIG_MANAGER", Thread: 660, Message: l}
			if err := fn(e); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
	doc := buildLogs(t, Sources{LogPaths: []string{"SMS/Logs"}, LogReader: reader})
	if len(doc.Events) != 3 || doc.Events[2].Time != "2026-11-20T09:00:02Z" || doc.Events[2].LogKind != "ccm" {
		t.Fatalf("events = %+v", doc.Events)
	}
	m := doc.Machines[0]
	if m.Name != "SERVER42" || len(m.Failures) != 1 || m.Failures[0].Events != 2 || m.Failures[0].Attempts != 1 || m.LastRetry.Time != "2026-11-20T09:00:02Z" {
		t.Errorf("machine = %+v", m)
	}
}

// Logs copied from a client with their Windows folders still belong to that client's folder.
func TestCollectionFolder(t *testing.T) {
	tests := map[string]string{
		"collected/PC042/ccmsetup.log":                                "collected/PC042",
		"collected/PC042/ccmsetup/ccmsetup.log":                       "collected/PC042",
		"collected/PC042/CCM/Logs/InventoryAgent.log":                 "collected/PC042",
		"collected/PC042/Windows/System32/CCM/Logs/CcmExec.log":       "collected/PC042",
		"collected/PC042/C$/WINDOWS/system32/ccmsetup/client.msi.log": "collected/PC042",
		"Logs/ccmsetup.log":                                           "Logs",
		"ccmsetup.log":                                                ".",
		"SMS/Logs/ccm.log":                                            "SMS",
	}
	for file, want := range tests {
		if got := collectionFolder(filepath.FromSlash(file)); got != filepath.FromSlash(want) {
			t.Errorf("collectionFolder(%q) = %q, want %q", file, got, want)
		}
	}
}

// TestNotALogIsSkipped: a file in no log format whose lines no signature knows is not a log, whatever its
// name: it is left out of the document with a note, and does not give a Ccm.log to the rules.
func TestNotALogIsSkipped(t *testing.T) {
	dir := t.TempDir()
	access := filepath.Join(dir, "ccm.log")
	if err := os.WriteFile(access, []byte("#Software: Microsoft Internet Information Services 5.0\n#Fields: time c-ip cs-method cs-uri-stem sc-status\n15:12:27 192.168.114.201 SUBSCRIBE /aliases/salman 200\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := buildLogs(t, Sources{LogPaths: []string{dir, "testdata/logs/server"}})
	for _, l := range doc.Logs {
		if l.File == access || !l.IsLog() {
			t.Errorf("%s is in the document: %+v", l.File, l)
		}
	}
	if len(doc.Logs) == 0 {
		t.Fatal("the real logs beside it were not read")
	}
	want := access + ": skipped: not a log: no line in a log format pushlint reads (CMTrace, SMS server log, Trace32 copy, Windows Installer log) and no line a log signature knows"
	if !slices.Contains(doc.Notes(), want) {
		t.Errorf("notes %q lack %q", doc.Notes(), want)
	}
}

// A progress display hears how many log files there are and their size before reading starts, then the
// bytes as they are read, up to that size.
func TestLogsFoundAndProgress(t *testing.T) {
	paths := []string{"testdata/logs/server", "testdata/logs/client/ccmsetup-cmtrace-03-full.log"}
	var size int64
	for _, f := range []string{"server/ccm-log-legacy-stripped-01.log", "server/ccm-log-legacy-tyang-01.log", "client/ccmsetup-cmtrace-03-full.log"} {
		st, err := os.Stat(filepath.Join("testdata/logs", f))
		if err != nil {
			t.Fatal(err)
		}
		size += st.Size()
	}
	var files int
	var total int64
	var read atomic.Int64
	ctx := WithProgress(context.Background(), Progress{
		LogsFound: func(n int, b int64) {
			if read.Load() != 0 {
				t.Errorf("told of the logs found after %d bytes were read", read.Load())
			}
			files, total = n, b
		},
		Read: func(n int64) { read.Add(n) },
	})
	if _, err := BuildContext(ctx, Sources{Now: testNow, Policies: pushlint.Policies, LogPaths: paths}); err != nil {
		t.Fatal(err)
	}
	if files != 3 || total != size || read.Load() != size {
		t.Errorf("found %d files of %d bytes, read %d bytes; want 3 files, %d bytes", files, total, read.Load(), size)
	}
}
