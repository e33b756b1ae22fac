package signatures

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pushlint/pushlint/facts/logs"
)

func TestParseErrorCode(t *testing.T) {
	tests := []struct {
		raw  string
		want int64
		ok   bool
	}{
		{"53", 53, true},
		{"5", 5, true},
		{"000004b3", 1203, true}, // ccm.log WNetAddConnection2: eight hex digits
		{"0000052e", 1326, true}, // logon failure
		{"0x80070005", 0x80070005, true},
		{"0X80070005", 0x80070005, true},
		{"-2147024891", 0x80070005, true}, // sp_CP_SetLastErrorCode writes the HRESULT signed
		{"#2147942405", 0x80070005, true}, // SMS 2.0 CCIM32
		{"80041002", 0x80041002, true},    // "The error code is 80041002": eight digits are hex
		{"8202", 8202, true},
		{"1603", 1603, true},
		{"4b3", 1203, true},
		{"", 0, false},
		{"0xZZ", 0, false},
		{"abc-1", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseErrorCode(tt.raw)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseErrorCode(%q) = %d, %v; want %d, %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}

func TestWin32Code(t *testing.T) {
	tests := []struct {
		code int64
		want int64
		ok   bool
	}{
		{53, 53, true},
		{0x80070005, 5, true},
		{0x80070035, 53, true},
		{0x80004005, 0, false},
		{0x80190194, 0, false},
	}
	for _, tt := range tests {
		got, ok := Win32Code(tt.code)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Win32Code(%#x) = %d, %v; want %d, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMachineName(t *testing.T) {
	tests := map[string]string{
		"SERVER42":               "SERVER42",
		"server42":               "SERVER42",
		"*computername*":         "COMPUTERNAME", // Markdown emphasis in KB 925282
		`\<computername>`:        "COMPUTERNAME", // KB placeholder with a Markdown escape
		"TESTPC1.TESTDOMAIN.com": "TESTPC1",      // Kerberos lines name the FQDN
		"10.1.2.3":               "10.1.2.3",
		`"PC01"`:                 "PC01",
		"":                       "",
	}
	for raw, want := range tests {
		if got := MachineName(raw); got != want {
			t.Errorf("MachineName(%q) = %q, want %q", raw, got, want)
		}
	}
}

// TestPhrases checks single real lines (samples, the KB, the spec's phrase table) against the event they
// must yield, and near misses that must not yield it.
func TestPhrases(t *testing.T) {
	m := builtin(t)
	tests := []struct {
		name    string
		file    string
		comp    string
		msg     string
		typ     string // the event expected; "" when none of notType may appear
		notType string
		fields  map[string]any
	}{
		{name: "retry queue", file: "ccm.log", msg: `Stored request "PC01.CCR", machine name "PC01", in queue "Retry".`,
			typ: "request_stored_in_retry", fields: map[string]any{"request": "PC01.CCR", "machine": "PC01"}},
		{name: "processing queue is not retry", file: "ccm.log", msg: `Stored request "PC01.CCR", machine name "PC01", in queue "Processing".`,
			typ: "request_stored", notType: "request_stored_in_retry"},
		{name: "attempt is not connected", file: "ccm.log", msg: `---> Attempting to connect to administrative share '\\TESTPC1\admin$' using account 'TESTDOMAIN\sccmDeploy'`,
			typ: "admin_share_connect_attempt", notType: "admin_share_connected", fields: map[string]any{"machine": "TESTPC1", "account": `TESTDOMAIN\sccmDeploy`}},
		{name: "connected", file: "ccm.log", msg: `---> Connected to administrative share on machine TESTPC1 using account 'TESTDOMAIN\sccmDeploy'`,
			typ: "admin_share_connected", fields: map[string]any{"machine": "TESTPC1", "account": `TESTDOMAIN\sccmDeploy`}},
		{name: "SMS 2.0 admin$ failure, decimal code", file: "ccm.log", msg: `---> Failed to connect to \\PC7\admin$ using account DOM\smspush (67)`,
			typ: "admin_share_connect_failed", fields: map[string]any{"machine": "PC7", "account": `DOM\smspush`, "error_code": int64(67), "error_code_win32": int64(67)}},
		{name: "target access, code glued to the component", file: "ccm.log",
			msg: `ERROR: Unable to access target machine for request: "PC01.KRC", machine name: "PC01", error code: 53SMS_CLIENT_CONFIG_MANAGER 660 (0x0294)6/6/2006 7:06:36 AM`,
			typ: "target_access_failed", fields: map[string]any{"request": "PC01.KRC", "machine": "PC01", "error_code": int64(53), "error_code_hex": "0x35"}},
		{name: "NTLM fallback enabled is not disabled", file: "ccm.log", msg: `--> NTLM fallback is enabled, remote machine "PC01" is continuing with client push.`,
			typ: "ntlm_fallback_enabled", notType: "ntlm_fallback_disabled"},
		{name: "ccm phrase in a ccmsetup log", file: "ccmsetup.log", msg: `Stored request "PC01.CCR", machine name "PC01", in queue "Retry".`,
			notType: "request_stored_in_retry"},
		{name: "component filter", file: "paste.txt", comp: "SMS_CLIENT_CONFIG_MANAGER", msg: "Error creating XML DOM (0x80040154)",
			notType: "xml_dom_failed"},
		{name: "return value 3", file: "client.msi.log", msg: "Action ended 17:56:36: InstallFinalize. Return value 3.",
			typ: "msi_return_value_3", fields: map[string]any{"action": "InstallFinalize"}},
		{name: "return value 1", file: "client.msi.log", msg: "Action ended 17:56:36: InstallFinalize. Return value 1.",
			notType: "msi_return_value_3"},
		{name: "return value 30", file: "client.msi.log", msg: "Return value 30.", notType: "msi_return_value_3"},
		{name: "MP 404", file: "ccmsetup.log", msg: "Server failed to process message and returned status code 404", typ: "mp_http_404"},
		{name: "MP 500 is not 404", file: "ccmsetup.log", msg: "Server failed to process message and returned status code 500", notType: "mp_http_404"},
		{name: "heartbeat", file: "InventoryAgent.log", msg: "Inventory: Action=Discovery ReportType=Full", typ: "heartbeat_sent",
			fields: map[string]any{"report_type": "Full"}},
		{name: "hardware inventory is no heartbeat", file: "InventoryAgent.log", msg: "Inventory: Action=Hardware ReportType=Delta", notType: "heartbeat_sent"},
		{name: "XML DOM without a code", file: "CcmExec.log", msg: "Error creating XML DOM", notType: "xml_dom_failed"},
		{name: "ccmsetup success exit", file: "ccmsetup.log", msg: "CcmSetup is exiting with return code 0", typ: "ccmsetup_exit",
			fields: map[string]any{"exit_code": int64(0)}},
		{name: "ExtADSch success is no failure", file: "ExtADSch.log", msg: "Successfully extended the Active Directory schema.",
			typ: "extadsch_succeeded", notType: "extadsch_failed"},
		{name: "BITS download is not a BITS install", file: "ccmsetup.log", msg: "Failed to download files through BITS. Error: 0x80190194, Description HTTP status 404",
			typ: "client_download_failed", notType: "bits_install_failed"},
		{name: "BITS install failure", file: "bitssetup.log", msg: "BITS installation failed with error 0x80070643", typ: "bits_install_failed",
			fields: map[string]any{"error_code": int64(0x80070643)}},
		{name: "rolled-over ccm log", file: `D:\SMS\Logs\ccm.lo_`, msg: `Stored request "PC01.CCR", machine name "PC01", in queue "Retry".`,
			typ: "request_stored_in_retry"},
		{name: "CcmExec phase 1 failure (KB 919592)", file: "CcmExec.log", msg: "Phase 1 initialization failed (0x80004015).",
			typ: "ccmexec_start_failed", fields: map[string]any{"error_code": int64(0x80004015)}},
		{name: "SMS 2003 CcmExec phase 0 failure (KB 922362)", file: "CcmExec.log", msg: "Phase 0 initialization failed (0x8004100a).",
			typ: "ccmexec_start_failed", fields: map[string]any{"error_code": int64(0x8004100a)}},
		{name: "SMS 2003 CcmExec service failure (KB 922362)", file: "CcmExec.log", msg: "Service initialization failed (0x8004100a).",
			typ: "ccmexec_start_failed", fields: map[string]any{"error_code": int64(0x8004100a)}},
		{name: "CcmExec running (KB 922362)", file: "CcmExec.log", msg: "Setting service status to RUNNING.", typ: "ccmexec_started"},
		{name: "a start attempt is no start", file: "CcmExec.log", msg: "Starting CCMEXEC service...", notType: "ccmexec_started"},
		{name: "loading settings is no start failure", file: "CcmExec.log", msg: "Error loading service settings. Code 0x8004100a",
			notType: "ccmexec_start_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := m.NewStream(tt.file)
			evs := s.Match(nil, logs.Entry{File: tt.file, Line: 1, Component: tt.comp, Message: tt.msg})
			var got *Event
			for i := range evs {
				if evs[i].Type == tt.notType {
					t.Errorf("yields %s; it must not", tt.notType)
				}
				if evs[i].Type == tt.typ {
					got = &evs[i]
				}
			}
			if tt.typ == "" {
				return
			}
			if got == nil {
				t.Fatalf("no %s event; got %v", tt.typ, evs)
			}
			for k, want := range tt.fields {
				if got.Fields[k] != want {
					t.Errorf("field %s = %#v, want %#v", k, got.Fields[k], want)
				}
			}
		})
	}
}

func TestKindDetection(t *testing.T) {
	m := builtin(t)
	tests := []struct {
		file  string
		entry logs.Entry
		want  string
	}{
		{file: `D:\SMS\Logs\CCM.LOG`, want: "ccm"},
		{file: "logs/ccm.lo_", want: "ccm"},
		{file: "ccmsetup.log", want: "ccmsetup"},
		{file: "ccmsetup-cmtrace-01.log", want: "ccmsetup"},
		{file: "ccm-server1.log", want: "ccm"},
		{file: "client.msi.log", want: "client_msi"},
		{file: "paste.txt", entry: logs.Entry{Component: "SMS_CLIENT_CONFIG_MANAGER"}, want: "ccm"},
		{file: "install.txt", entry: logs.Entry{Format: logs.FormatMSI}, want: "client_msi"},
		{file: "notes.txt", entry: logs.Entry{Message: "hello"}, want: ""},
	}
	for _, tt := range tests {
		s := m.NewStream(tt.file)
		s.Match(nil, tt.entry)
		if got := s.Kind(); got != tt.want {
			t.Errorf("kind of %s = %q, want %q", tt.file, got, tt.want)
		}
	}
}

const contextSet = `
kinds:
  demo: {title: demo, side: server, files: [demo.log]}
events:
  begin:
    title: begin
    contains: begin
    pattern: 'begin (?P<machine>\w+)'
    fields: {machine: machine}
    role: begin
    remember: [machine]
  fail:
    title: fail
    contains: fail
    pattern: 'fail \((?P<error_code>[0-9a-f]{8})\)'
    fields: {error_code: error_code, machine: machine}
    recall: [machine]
    role: failure
    before: 2
  end:
    title: end
    contains: end
    pattern: 'end'
    forget: true
  step:
    title: step
    contains: step
    pattern: 'step (?P<step>\w+)'
    remember: [step]
    emit: false
`

func compileText(t *testing.T, text string) *Matcher {
	t.Helper()
	set, err := Parse("test.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(set)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestContext: ccm.log interleaves CCRs on several threads; a line that names no machine belongs to the
// machine its own thread is working on.
func TestContext(t *testing.T) {
	m := compileText(t, contextSet)
	s := m.NewStream("demo.log")
	var evs []Event
	for i, e := range []logs.Entry{
		{Thread: 1, Message: "begin PCA"},
		{Thread: 2, Message: "begin PCB"},
		{Thread: 1, Message: "step one"},
		{Thread: 2, Message: "fail (00000035)"},
		{Thread: 1, Message: "fail (000004b3)"},
		{Thread: 1, Message: "end"},
		{Thread: 1, Message: "fail (00000005)"},
	} {
		e.File, e.Line = "demo.log", i+1
		evs = s.Match(evs, e)
	}
	var got []string
	for _, e := range evs {
		if e.Type == "fail" {
			got = append(got, e.Machine)
		}
	}
	// After `end`, thread 1 has no machine and the file-wide fallback was cleared too.
	if strings.Join(got, ",") != "PCB,PCA," {
		t.Errorf("machines of the failures = %q, want PCB,PCA,", got)
	}
	for _, e := range evs {
		if e.Type == "step" {
			t.Errorf("emit: false signature produced an event")
		}
	}
	fail := evs[2]
	if fail.Line != 4 || len(fail.Before) != 2 || fail.Before[0].Line != 2 || fail.Before[1].Text != "step one" {
		t.Errorf("before lines of line 4 = %+v, want lines 2 and 3", fail.Before)
	}
}

// TestContextWithoutThreads: lines pasted from a KB carry no thread; the file is the context.
func TestContextWithoutThreads(t *testing.T) {
	m := compileText(t, contextSet)
	s := m.NewStream("demo.log")
	evs := s.Match(nil, logs.Entry{File: "demo.log", Line: 1, Message: "begin PCA"})
	evs = s.Match(evs, logs.Entry{File: "demo.log", Line: 2, Message: "fail (00000035)"})
	if evs[1].Machine != "PCA" || evs[1].Fields["error_code"] != int64(53) {
		t.Errorf("got %+v, want machine PCA, error 53", evs[1])
	}
	if len(evs[1].Before) != 1 {
		t.Errorf("before = %+v, want the one line there is", evs[1].Before)
	}
}

func TestMerge(t *testing.T) {
	base, err := Parse("base.yaml", []byte(contextSet))
	if err != nil {
		t.Fatal(err)
	}
	over, err := Parse("over.yaml", []byte(`
events:
  fail:
    title: fail, replaced
    pattern: 'FAILED'
    role: failure
  end: {disabled: true}
  extra:
    title: extra
    pattern: 'extra'
`))
	if err != nil {
		t.Fatal(err)
	}
	base.Merge(over)
	var ids []string
	for _, s := range base.Events {
		ids = append(ids, s.ID+"="+s.Title)
	}
	if got := strings.Join(ids, ","); got != "begin=begin,fail=fail, replaced,step=step,extra=extra" {
		t.Errorf("merged events = %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"unknown key", "events:\n  x:\n    title: x\n    pattern: x\n    patern: y\n", `test.yaml:5:5: unknown key "patern" in event x (did you mean "pattern"?)`},
		{"bad regex", "events:\n  x:\n    title: x\n    pattern: 'a(b'\n", "test.yaml:4:14: event x.pattern is not a valid RE2 regular expression"},
		{"lookahead", "events:\n  x:\n    title: x\n    pattern: 'a(?=b)'\n", "test.yaml:4:14: event x.pattern is not a valid RE2"},
		{"field without group", "events:\n  x:\n    title: x\n    pattern: 'a'\n    fields: {machine: machine}\n", `test.yaml:4:14: event x.fields names "machine", but the pattern has no group`},
		{"bad normalization", "events:\n  x:\n    title: x\n    pattern: '(?P<m>a)'\n    fields: {m: hostname}\n", "test.yaml:5:17: event x.fields.m must be one of text | machine"},
		{"bad role", "events:\n  x:\n    title: x\n    pattern: 'a'\n    role: fail\n", `test.yaml:5:11: event x.role must be one of begin | end | retry | failure | success | info, found "fail"`},
		{"bad id", "events:\n  Bad-Id:\n    title: x\n    pattern: 'a'\n", `test.yaml:2:3: event id "Bad-Id" must be lower-case`},
		{"before too large", "events:\n  x:\n    title: x\n    pattern: 'a'\n    before: 500\n", "test.yaml:5:13: event x.before must be between 0 and 50"},
		{"missing pattern", "events:\n  x:\n    title: x\n", `test.yaml:3:5: event x is missing required key "pattern"`},
		{"empty", "", "test.yaml:1:1: file is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.yaml", []byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant it to contain %s", err, tt.want)
			}
		})
	}
}

func TestCompileUnknownKind(t *testing.T) {
	set, err := Parse("test.yaml", []byte("events:\n  x:\n    title: x\n    logs: [nosuch]\n    pattern: 'a'\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile(set)
	if err == nil || !strings.Contains(err.Error(), `test.yaml:2:3: event x: logs names kind "nosuch"`) {
		t.Errorf("error = %v", err)
	}
}

// ParseFS parses and compiles a file once per content: what one caller merges into its set never reaches
// the next caller's, and a file whose content changed is parsed again.
func TestParseFSIsSharedButNotChanged(t *testing.T) {
	fsys := fstest.MapFS{"sig.yaml": {Data: []byte(contextSet)}}
	ids := func(set *Set) string {
		var ids []string
		for _, s := range set.Events {
			ids = append(ids, s.ID)
		}
		return strings.Join(ids, ",")
	}
	over, err := Parse("over.yaml", []byte("events:\n  end: {disabled: true}\n  begin: {title: replaced, pattern: 'x'}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		set, err := ParseFS(fsys, "sig.yaml", "sig.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ids(set), "begin,fail,end,step"; got != want || set.Events[0].Title != "begin" {
			t.Errorf("parse %d, after merges into the earlier ones: events %s (begin titled %q), want %s", i+1, got, set.Events[0].Title, want)
		}
		set.Merge(over)
	}
	// A set as parsed compiles to the one matcher; a merged one to its own, which has the merged signatures.
	a, _ := ParseFS(fsys, "sig.yaml", "sig.yaml")
	b, _ := ParseFS(fsys, "sig.yaml", "sig.yaml")
	ma, err := Compile(a)
	if err != nil {
		t.Fatal(err)
	}
	if mb, err := Compile(b); err != nil || mb != ma {
		t.Errorf("two unchanged parses compiled to different matchers (%v)", err)
	}
	b.Merge(over)
	mb, err := Compile(b)
	if err != nil {
		t.Fatal(err)
	}
	if mb == ma || len(mb.all.list) != 3 || len(ma.all.list) != 4 {
		t.Errorf("merged set: shared matcher %v, %d signatures (want 3); unmerged %d (want 4)", mb == ma, len(mb.all.list), len(ma.all.list))
	}
	fsys["sig.yaml"] = &fstest.MapFile{Data: []byte("events:\n  only:\n    title: only\n    pattern: 'only'\n")}
	third, err := ParseFS(fsys, "sig.yaml", "sig.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(third); got != "only" {
		t.Errorf("after the file changed: events %s, want only", got)
	}
}

// Events with equal fields share one map (a site's log repeats the machine and request of an attempt on
// every line of it); different fields never do.
func TestFieldsCacheSharesEqualFields(t *testing.T) {
	var c fieldsCache
	a := c.share(map[string]any{"machine": "PC042", "request": "2097152000", "code": 53})
	b := c.share(map[string]any{"request": "2097152000", "code": 53, "machine": "PC042"})
	if reflect.ValueOf(a).Pointer() != reflect.ValueOf(b).Pointer() {
		t.Error("equal fields got two maps")
	}
	for _, other := range []map[string]any{
		{"machine": "PC042", "request": "2097152000", "code": int64(53)},
		{"machine": "PC042", "request": "2097152000", "code": "53"},
		{"machine": "PC042", "request": "2097152000"},
		{"machine": "PC042\x00", "request": "2097152000", "code": 53},
		{"machine": "PC042;7:request", "code": 53},
	} {
		if got := c.share(other); reflect.ValueOf(got).Pointer() == reflect.ValueOf(a).Pointer() || !reflect.DeepEqual(got, other) {
			t.Errorf("share(%v) = %v, the map of %v", other, got, a)
		}
	}
}
