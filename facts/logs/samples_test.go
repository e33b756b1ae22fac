package logs

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/pushlint/pushlint/internal/charset"
)

// spot is an entry expected at a given first line, every field checked.
type spot struct {
	line, endLine int
	time          string // RFC 3339 with milliseconds; "" for no time
	zoneKnown     bool
	bias          string
	comp          string
	thread        int
	level         Level
	msg           string
}

// sampleCases covers every file of testdata/samples (real public excerpts, see PROVENANCE.md). The entry
// counts were made by hand from the files, as each comment says.
var sampleCases = []struct {
	file     string
	format   Format
	encoding charset.Encoding
	quoted   bool
	entries  int
	spots    []spot
}{
	{
		// 4 lines, each a complete "$$<CCIM32><ctime date><thread=112 (0x70)>" record.
		file: "ccim32-legacy-kb236052-01.log", format: FormatSMSServer, encoding: charset.UTF8, entries: 4,
		spots: []spot{
			{line: 1, endLine: 1, time: "2000-01-04T15:19:23.375Z", comp: "CCIM32", thread: 112,
				msg: "Warning - could not read files from site TB1 (#2147942405)"},
			{line: 4, endLine: 4, time: "2000-01-04T15:19:28.663Z", comp: "CCIM32", thread: 112,
				msg: "CCIM32 - Retry in 60 minutes"},
		},
	},
	{
		// 14 lines of message text without columns: plain, one entry per line (the KB's wraps stay split).
		file: "ccm-log-kb-heartbeat-05.log", format: FormatPlain, encoding: charset.UTF8, entries: 14,
		spots: []spot{
			{line: 1, endLine: 1, msg: "---> Could not retrieve the heartbeat time from the client (2)"},
			{line: 14, endLine: 14, msg: `---> Copying file "E:\SMS\bin\I386\CCMData.tcf" to`},
		},
	},
	{
		// 1 line in the KB's shorthand "msg $$ SMS_CLIENT_CONFIG_MANAGER".
		file: "ccm-log-kb-pdcsync-04.log", format: FormatSMSServer, encoding: charset.UTF8, entries: 1,
		spots: []spot{{line: 1, endLine: 1, comp: "SMS_CLIENT_CONFIG_MANAGER", msg: "--->Wait Waiting for PDC/BDC Sync (2245)"}},
	},
	{
		// 2 lines of wrapped plain text.
		file: "ccm-log-kb-travelmode-03.log", format: FormatPlain, encoding: charset.UTF8, entries: 2,
		spots: []spot{{line: 2, endLine: 2, msg: "to this site. Discarding CCR"}},
	},
	{
		// 8 quoted lines, 3 of them a bare ">" (blank once unquoted): 5 message-only lines.
		file: "ccm-log-kb925282-error5-01.log", format: FormatPlain, encoding: charset.UTF8, quoted: true, entries: 5,
		spots: []spot{
			// The Markdown escapes \\\\ are undone: the log line has \\COMPUTER1.
			{line: 1, endLine: 1, msg: `Attempting to connect to administrative share '\\COMPUTER1\Admin$' using account '*domain\account*'`},
			{line: 8, endLine: 8, msg: `ERROR: Unable to access target machine for request: "*Computer*", machine name: "*Computer*", error code: 5`},
		},
	},
	{
		// 8 quoted lines. Line 1 is a column group alone (thread and time of a record cut off above the
		// excerpt); lines 2-6 each end in "SMS_CLIENT_CONFIG_MANAGER <thread> (0x..)<date time>"; line 7's
		// message is ended by the bare component on line 8: 1 + 5 + 1 = 7.
		file: "ccm-log-kb925282-error53-01.log", format: FormatTrace32Copy, encoding: charset.UTF8, quoted: true, entries: 7,
		spots: []spot{
			{line: 1, endLine: 1, time: "2006-06-06T07:06:31.000Z", thread: 7260},
			{line: 5, endLine: 5, time: "2006-06-06T07:06:35.000Z", comp: "SMS_CLIENT_CONFIG_MANAGER", thread: 660,
				msg: `ERROR: Unable to connect to remote registry for machine name "*computername*", error 53.`},
			{line: 6, endLine: 6, time: "2006-06-06T07:06:36.000Z", comp: "SMS_CLIENT_CONFIG_MANAGER", thread: 660,
				msg: `ERROR: Unable to access target machine for request: "*computername*.KRC", machine name: "*computername*", error code: 53`},
			{line: 7, endLine: 8, comp: "SMS_CLIENT_CONFIG_MANAGER",
				msg: `Stored request "*computername*.KRC", machine name "*computername*", in queue "Retry".`},
		},
	},
	{
		// 28 lines, each ending in "$$" with the trailer stripped by the Q&A site.
		file: "ccm-log-legacy-stripped-01.log", format: FormatSMSServer, encoding: charset.UTF8, entries: 28,
		spots: []spot{
			{line: 1, endLine: 1, msg: `======>Begin Processing request: "2097152019", machine name: "TESTPC1"`},
			{line: 2, endLine: 2, msg: `Execute query exec [sp_IsMPAvailable] N'AVH'`}, // the '~' is not message text
			{line: 19, endLine: 19, msg: `--> NTLM fallback is not enabled, remote machine "TESTPC1" is not continuing with client push.`},
		},
	},
	{
		// 1 complete server-format line; the bias sign: 13:11:09.448 at bias -600 (Melbourne) is 03:11:09.448Z.
		file: "ccm-log-legacy-tyang-01.log", format: FormatSMSServer, encoding: charset.UTF8, entries: 1,
		spots: []spot{{line: 1, endLine: 1, time: "2015-06-07T03:11:09.448Z", zoneKnown: true, bias: "-600",
			comp: "SMS_CLIENT_CONFIG_MANAGER", thread: 6708, msg: "Execute query exec [sp_CP_GetPushRequestMachine] 2097152112"}},
	},
	{
		// KB Q262298's Trace32 copy, wrapped by the KB at about 80 columns: 17 rows over 40 lines. The KB
		// broke rows inside the message and inside the columns ("9/20/99" / "5:24:08 PM 276 (0x114)", "227" /
		// "(0xE3)"): each row reads as itself, its re-wrapped breaks as the spaces they replaced.
		file: "ccm-log-trace32-kb-01.log", format: FormatTrace32Copy, encoding: charset.UTF8, entries: 17,
		spots: []spot{
			{line: 1, endLine: 2, time: "1999-09-20T17:24:00.000Z", comp: "SMS_CLIENT_CONFIG_MANAGER", thread: 227,
				msg: `Received request: "01MOLQGI" for machine name: "SPARC" on queue: "Incoming".`},
			{line: 7, endLine: 8, time: "1999-09-20T17:24:02.000Z", comp: "SMS_CLIENT_CONFIG_MANAGER", thread: 227,
				msg: "Submitted request successfully"},
			{line: 11, endLine: 13, time: "1999-09-20T17:24:02.000Z", comp: "SMS_CLIENT_CONFIG_MANAGER", thread: 227,
				msg: `Waiting for change in directory "D:\SMS\inboxes\ccr.box" for queue "Incoming", (30 minute backup timeout).`},
			{line: 16, endLine: 17, time: "1999-09-20T17:24:02.000Z", comp: "SMS_CLIENT_CONFIG_MANAGER", thread: 276,
				msg: "---> Trying all accounts in turn"},
			{line: 21, endLine: 22, time: "1999-09-20T17:24:06.000Z", comp: "SMS_CLIENT_CONFIG_MANAGER", thread: 276,
				msg: `---> Failed to connect to \\SPARC\admin$ using account HAMPTON\SMSService (67)`},
			// The KB's "..........", a line of its own, stays on its own line of the message.
			{line: 33, endLine: 35, time: "1999-09-20T17:24:08.000Z", comp: "SMS_CLIENT_CONFIG_MANAGER", thread: 276,
				msg: "..........\n---> ERROR: The account '' does not have administrative rights on machine \"SPARC\"."},
			{line: 36, endLine: 38, time: "1999-09-20T17:24:08.000Z", comp: "SMS_CLIENT_CONFIG_MANAGER", thread: 276,
				msg: `---> ERROR: Unable to access target machine for request: "01MOLQGI", machine name: "SPARC", error code: 67`},
		},
	},
	{
		// Three messages run together and wrapped by the KB, each ended by SMS_CLIENT_CONFIG_MANAGER (on
		// lines 2, 4 and 5). The KB's line breaks are re-wraps (the next word did not fit): spaces again.
		file: "ccm-log-trace32-kb-02.log", format: FormatTrace32Copy, encoding: charset.UTF8, entries: 3,
		spots: []spot{
			{line: 1, endLine: 2, comp: "SMS_CLIENT_CONFIG_MANAGER",
				msg: "--> Attempting to connect to administrative share '\\\\TESTCLI\\admin$' using account 'TESTDOM\\SMSService'"},
			{line: 2, endLine: 4, comp: "SMS_CLIENT_CONFIG_MANAGER",
				msg: "---> Connected to administrative share on machine TESTCLI using account 'TESTDOM\\SMSService'"},
			{line: 4, endLine: 5, comp: "SMS_CLIENT_CONFIG_MANAGER", msg: "---> Invalid NT version \"3.51\" on machine \"TESTCLI\""},
		},
	},
	{
		// 1 CMTrace record; 20:59:35.148 at bias -600 is 10:59:35.148Z the same day.
		file: "ccmexec-cmtrace-tyang-01.log", format: FormatCMTrace, encoding: charset.UTF8, entries: 1,
		spots: []spot{{line: 1, endLine: 1, time: "2015-06-05T10:59:35.148Z", zoneKnown: true, bias: "-600",
			comp: "UpdatesDeploymentAgent", thread: 3744, level: LevelInfo,
			msg: "Update (Site_9D4393B0-A197-4FC8-AF8C-0BC42AD2F33F/SUM_01a0100c-c3b7-4ec7-866e-db8c30111e80) Name (Update for Windows Server 2012 R2 (KB3045717)) ArticleID (3045717) added to the targeted list of deployment ({C5B54000-2018-4BD9-9418-0EFDFBB73349})"}},
	},
	{
		// 3 quoted lines, each "message" + "CcmExec" + "<date> <time>" + "3304 (0x0CE8)", glued.
		file: "ccmexec-trace32-kb919592-01.log", format: FormatTrace32Copy, encoding: charset.UTF8, quoted: true, entries: 3,
		spots: []spot{{line: 2, endLine: 2, comp: "CcmExec", thread: 3304, msg: "Phase 1 initialization failed (0x80004015)."}},
	},
	{
		// 3 CMTrace records from three different days, bias +360.
		file: "ccmsetup-cmtrace-01.log", format: FormatCMTrace, encoding: charset.UTF8, entries: 3,
		spots: []spot{
			// type="0" (verbose) reads as information.
			{line: 1, endLine: 1, time: "2017-12-18T21:32:38.560Z", zoneKnown: true, bias: "+360", comp: "ccmsetup",
				thread: 5164, level: LevelInfo, msg: "MSI: Action 15:32:38: CcmRestorePowerScheme. Restore original power scheme."},
			{line: 3, endLine: 3, time: "2018-02-21T21:34:23.493Z", zoneKnown: true, bias: "+360", comp: "ccmsetup",
				thread: 580, level: LevelInfo, msg: "CcmSetup failed with error code 0x80004005"},
		},
	},
	{
		// 1 CMTrace record, bias +480.
		file: "ccmsetup-cmtrace-02.log", format: FormatCMTrace, encoding: charset.UTF8, entries: 1,
		spots: []spot{{line: 1, endLine: 1, time: "2023-01-13T21:28:46.510Z", zoneKnown: true, bias: "+480",
			comp: "ccmsetup", thread: 1456, level: LevelInfo, msg: "==========[ ccmsetup started in process 10168 ]=========="}},
	},
	{
		// A whole real ccmsetup.log: 195 "<![LOG[" and 195 "]LOG]!>" over 228 lines; four records span
		// lines (83-92, 105-118, 122-131, 217-219), 33 extra lines.
		file: "ccmsetup-cmtrace-03-full.log", format: FormatCMTrace, encoding: charset.UTF8BOM, entries: 195,
		spots: []spot{
			{line: 1, endLine: 1, time: "2020-02-04T15:10:29.068Z", zoneKnown: true, bias: "+00", comp: "ccmsetup",
				thread: 3396, level: LevelInfo, msg: "==========[ ccmsetup started in process 476 ]=========="},
			{line: 217, endLine: 219, time: "2020-02-04T15:10:38.083Z", zoneKnown: true, bias: "+00", comp: "ccmsetup",
				thread: 3912, level: LevelError,
				msg: "Failed to download files through BITS. Error: 0x80190194, Description HTTP status 404: The requested URL does not exist on the server.\n, Context: The error occurred while the remote file was being processed.\n."},
			{line: 220, endLine: 220, time: "2020-02-04T15:10:38.083Z", zoneKnown: true, bias: "+00", comp: "ccmsetup",
				thread: 3912, level: LevelError, msg: "Failed to download client files by BITS. Error 0x80190194"},
			{line: 221, endLine: 221, time: "2020-02-04T15:10:38.083Z", zoneKnown: true, bias: "+00", comp: "ccmsetup",
				thread: 3912, level: LevelWarning, msg: "Failed to get client version for sending state messages. Error 0x8004100e"},
			{line: 228, endLine: 228, time: "2020-02-04T15:10:38.114Z", zoneKnown: true, bias: "+00", comp: "ccmsetup",
				thread: 3672, level: LevelInfo, msg: "CcmSetup failed with error code 0x80190194"},
		},
	},
	{
		// 3 quoted message-only lines (the KB glued two messages on line 3; nothing tells where).
		file: "ccmsetup-kb2678905-bits-01.log", format: FormatPlain, encoding: charset.UTF8, quoted: true, entries: 3,
		spots: []spot{{line: 1, endLine: 1, msg: "This operating system does not contain the correct version of BITS. BITS 2.5 or later is required."}},
	},
	{
		// 2 quoted message-only lines; "\\{" is a Markdown escape of "\{".
		file: "ccmsetup-kb4015968-01.log", format: FormatPlain, encoding: charset.UTF8, quoted: true, entries: 2,
		spots: []spot{{line: 2, endLine: 2, msg: `File C:\Windows\ccmsetup\{CA4329EC-A4F5-4E5E-A9FE-EFAAE88B0D67}\client.msi installation failed. Error text: ExitCode: 1603`}},
	},
	{
		// 2 quoted Trace32 rows, space-separated: message, component, MM-DD-YYYY HH:MM:SS, thread.
		file: "ccmsetup-trace32-kb2467702-01.log", format: FormatTrace32Copy, encoding: charset.UTF8, quoted: true, entries: 2,
		spots: []spot{{line: 2, endLine: 2, time: "2010-12-11T16:26:12.000Z", comp: "ccmsetup", thread: 3264,
			msg: "Installation failed with error code 1603"}},
	},
	{
		// 2 quoted MSI engine lines; no banner, so no date.
		file: "client-msi-kb2467702-01.log", format: FormatMSI, encoding: charset.UTF8, quoted: true, entries: 2,
		spots: []spot{{line: 1, endLine: 1, comp: "MSI (s)", thread: 0x74,
			msg: "Checking in-progress install: install for same configuration."}},
	},
	{
		// 11 quoted lines, one a bare ">": 10 (engine lines and the custom action's own lines).
		file: "client-msi-kb2905359-01.log", format: FormatMSI, encoding: charset.UTF8, quoted: true, entries: 10,
		spots: []spot{
			{line: 2, endLine: 2, comp: "MSI (s)", thread: 0xA8, msg: "Closing MSIHANDLE (22022) of type 790531 for thread 936"},
			{line: 10, endLine: 10, comp: "MSI (s)", thread: 0x7C, msg: "Closing MSIHANDLE (22018) of type 790536 for thread 1252"},
			{line: 11, endLine: 11, msg: "CustomAction CcmRegisterHostingConfiguration returned actual error code 1603"},
		},
	},
	{
		// 21 quoted lines, 9 of them a bare ">": 12.
		file: "client-msi-kb4015968-01.log", format: FormatMSI, encoding: charset.UTF8, quoted: true, entries: 12,
		spots: []spot{
			{line: 16, endLine: 16, msg: "Action ended 17:56:36: InstallFinalize. Return value 3."},
			// Trace32's rendering "MSI (s) 128 (0x80)": the thread column is decimal.
			{line: 21, endLine: 21, comp: "MSI (s)", thread: 128,
				msg: "Windows Installer installed the product. Product Name: Configuration Manager Client. Product Version: 5.00.8458.1000. Product Language: 1033. Installation success or error status: 1603."},
		},
	},
	{
		// 22 trailers ("<thread=E0>" 22 times), each closing one record; the KB-wrapped message lines before a
		// trailer, and a trailer's date wrapped onto the next line, belong to it. 2 blank lines. The KB's
		// re-wraps inside a message read as the spaces they replaced.
		file: "despooler-legacy-sms12-kb-01.log", format: FormatSMSServer, encoding: charset.UTF8, entries: 22,
		spots: []spot{
			// The leading '~' and the one before "$$" are line-break markers, not text; thread E0 is hex.
			{line: 2, endLine: 3, time: "1995-12-04T15:41:45.000Z", comp: "SMS_DESPOOLER", thread: 0xE0,
				msg: "Executing instruction of type MICROSOFT|SMS|MINIJOBINSTRUCTION|INVENTORY"},
			{line: 8, endLine: 9, time: "1995-12-04T15:41:45.000Z", comp: "SMS_DESPOOLER", thread: 0xE0,
				msg: "got access to SQL Server"},
			{line: 22, endLine: 24, time: "1995-12-04T15:41:50.000Z", comp: "SMS_DESPOOLER", thread: 0xE0,
				msg: "Msg>Attempt to insert the value NULL into column 'NextMachineID', table 'SMS.dbo.SMSData'; column does not allow nulls.  UPDATE fails."},
			{line: 39, endLine: 43, time: "1995-12-04T15:41:50.000Z", comp: "SMS_DESPOOLER", thread: 0xE0,
				msg: "Cmd> CREATE TRIGGER MachineDataTable_ins ON MachineDataTable FOR insert AS if (select distinct m.dwMachineID from Machines m, inserted i where m.dwMachineID = i.dwMachineID) = NULL      BEGIN        INSERT Machines (dwMachineID, ArchitectureKey) (selec"},
		},
	},
	{
		// 3 column groups (lines 1, 19, 20); lines 2-18 are the message of the record line 19 ends.
		file: "execmgr-trace32-multiline-kb919592-01.log", format: FormatTrace32Copy, encoding: charset.UTF8, quoted: true, entries: 3,
		spots: []spot{
			{line: 1, endLine: 1, comp: "execmgr", thread: 3292, msg: "Created Process for the passed command line"},
			{line: 2, endLine: 19, comp: "execmgr", thread: 3292,
				msg: "Raising event:\n[SMS_CodePage(437), SMS_LocaleID(1033)]\ninstance of SoftDistProgramStartedEvent\n{\n" +
					"AdvertisementId = \"<ID>\";\nClientID = \"GUID:<GUID>\";\n" +
					`CommandLine = "\"\\\\<servre>\\<share>$\\<folder>\\update\\update.exe\" /q /f /forcerestart";` + "\n" +
					"DateTime = \"<date and time>.572000+000\";\nMachineName = \"<computername>\";\nPackageName = \"<packagename>\";\n" +
					"ProcessID = 228;\nProgramName = \"Automated upgrade from XP or XPSP1\";\nSiteCode = \"<siteCode>\";\n" +
					"ThreadID = 3292;\nUserContext = \"NT AUTHORITY\\SYSTEM\";\n" +
					`WorkingDirectory = "\\\\<server>\\<share>$\\<folder>\\";` + "\n};"},
		},
	},
	{
		// 5 quoted message-only lines.
		file: "extadsch-kb830022-01.log", format: FormatPlain, encoding: charset.UTF8, quoted: true, entries: 5,
		spots: []spot{{line: 5, endLine: 5, msg: "Failed to extend the Active Directory schema."}},
	},
	{
		// 4 quoted message-only lines.
		file: "hman-kb830022-01.log", format: FormatPlain, encoding: charset.UTF8, quoted: true, entries: 4,
		spots: []spot{{line: 4, endLine: 4, msg: "SMS-Site-123 could not be created, error code = 8202"}},
	},
	{
		// 3 quoted one-line quotes from three sections of KB 925282.
		file: "kb925282-client-messages-01.log", format: FormatPlain, encoding: charset.UTF8, quoted: true, entries: 3,
		spots: []spot{{line: 1, endLine: 1, msg: "Return Value 3"}},
	},
	{
		// 12 indented lines, line 5 blank: 11. The "stopped" banner dates the engine lines after it.
		file: "msi-verbose-technet-01.log", format: FormatMSI, encoding: charset.UTF8, entries: 11,
		spots: []spot{
			{line: 1, endLine: 1, msg: "..."},
			{line: 2, endLine: 2, time: "2006-02-24T12:44:33.000Z", msg: "=== Logging stopped: 2/24/2006  12:44:33 ==="},
			{line: 7, endLine: 7, time: "2006-02-24T12:44:33.875Z", comp: "MSI (s)", thread: 0xA8, msg: "MainEngineThread is returning 1603"},
			// "MSI &copy;)" is the TechNet page's rendering of "MSI (c)".
			{line: 11, endLine: 11, time: "2006-02-24T12:44:34.065Z", comp: "MSI (c)", thread: 0xB8, msg: "MainEngineThread is returning 1603"},
		},
	},
	{
		// 6 quoted lines, each message + "smscliui" + "<date> <time>" + thread, glued.
		file: "smscliui-trace32-kb919592-01.log", format: FormatTrace32Copy, encoding: charset.UTF8, quoted: true, entries: 6,
		spots: []spot{
			{line: 1, endLine: 1, comp: "smscliui", thread: 3320, msg: "Current Assigned Site: <siteCode>"},
			{line: 5, endLine: 5, comp: "smscliui", thread: 3660, msg: "Unable to get CacheInfo. Error: 0X80070005"},
		},
	},
}

func TestSamples(t *testing.T) {
	files, err := filepath.Glob("testdata/samples/*.log")
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, tc := range sampleCases {
		covered[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "samples", tc.file)
			got := map[int]Entry{}
			var order []int
			sum, err := ReadFile(context.Background(), path, Options{}, func(e Entry) error {
				if _, dup := got[e.Line]; !dup {
					got[e.Line] = e
				}
				order = append(order, e.Line)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Format != tc.format || sum.Encoding != tc.encoding || sum.Quoted != tc.quoted {
				t.Errorf("format %s, encoding %s, quoted %v; want %s, %s, %v", sum.Format, sum.Encoding, sum.Quoted, tc.format, tc.encoding, tc.quoted)
			}
			if sum.Entries != tc.entries || len(order) != tc.entries {
				t.Errorf("%d entries (%d delivered), want %d", sum.Entries, len(order), tc.entries)
			}
			if sum.Unparsed != 0 || len(sum.Warnings) != 0 {
				t.Errorf("%d unparsed lines, warnings %q; a real sample must parse cleanly", sum.Unparsed, sum.Warnings)
			}
			for i := 1; i < len(order); i++ {
				if order[i] < order[i-1] {
					t.Errorf("entries out of file order: line %d after line %d", order[i], order[i-1])
				}
			}
			for _, want := range tc.spots {
				e, ok := got[want.line]
				if !ok {
					t.Errorf("no entry starts on line %d", want.line)
					continue
				}
				checkSpot(t, e, want, path, tc.format)
			}
		})
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("%s has no case in sampleCases", f)
		}
	}
}

func checkSpot(t *testing.T, e Entry, want spot, path string, format Format) {
	t.Helper()
	gotTime := ""
	if e.HasTime {
		gotTime = e.Time.Format("2006-01-02T15:04:05.000Z07:00")
		if e.Time.Location() != time.UTC {
			t.Errorf("line %d: time %v is not in UTC", want.line, e.Time)
		}
	} else if !e.Time.IsZero() {
		t.Errorf("line %d: HasTime false but Time %v", want.line, e.Time)
	}
	wantEntry := Entry{File: path, Line: want.line, EndLine: want.endLine, Format: format, Bias: want.bias,
		Component: want.comp, Level: want.level, Thread: want.thread, Message: want.msg,
		TimeZoneKnown: want.zoneKnown, HasTime: want.time != ""}
	gotEntry := e
	gotEntry.Time = time.Time{}
	if gotEntry != wantEntry || gotTime != want.time {
		t.Errorf("line %d:\n got %+v time %q\nwant %+v time %q", want.line, gotEntry, gotTime, wantEntry, want.time)
	}
}
