package logs

import (
	"context"
	"flag"
	"io"
	"runtime"
	"strings"
	"testing"
)

var largeSize = flag.Int64("logs.size", 256<<20, "bytes of generated log for BenchmarkParseLarge (try 10737418240)")

// synthLog yields size bytes of log text by repeating template records, without ever holding more than
// one of them: a stand-in for a log of any size.
type synthLog struct {
	records   []string
	remaining int64
	cur       string
	next      int
}

func newSynthLog(size int64, records ...string) *synthLog {
	return &synthLog{records: records, remaining: size}
}

func (s *synthLog) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && s.remaining > 0 {
		if s.cur == "" {
			s.cur = s.records[s.next%len(s.records)]
			s.next++
		}
		c := copy(p[n:], s.cur[:min(int64(len(s.cur)), s.remaining)])
		s.cur = s.cur[c:]
		s.remaining -= int64(c)
		n += c
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// Records taken from the real samples (ccmsetup-cmtrace-03-full.log, ccm-log-legacy-*.log).
var (
	cmtraceRecords = []string{
		"<![LOG[==========[ ccmsetup started in process 476 ]==========]LOG]!><time=\"15:10:29.068+00\" date=\"02-04-2020\" component=\"ccmsetup\" context=\"\" type=\"1\" thread=\"3396\" file=\"ccmsetup.cpp:9498\">\r\n",
		"<![LOG[Adding file 'HTTP://server.dmz:80/CCM_Client/x64/client.msi' to BITS job, saving as 'C:\\Windows\\ccmsetup\\client.msi'.]LOG]!><time=\"15:10:36.989+00\" date=\"02-04-2020\" component=\"ccmsetup\" context=\"\" type=\"1\" thread=\"3912\" file=\"ccmsetup.cpp:6478\">\r\n",
		"<![LOG[Failed to download files through BITS. Error: 0x80190194, Description HTTP status 404: The requested URL does not exist on the server.\r\n, Context: The error occurred while the remote file was being processed.\r\n.]LOG]!><time=\"15:10:38.083+00\" date=\"02-04-2020\" component=\"ccmsetup\" context=\"\" type=\"3\" thread=\"3912\" file=\"ccmsetup.cpp:6565\">\r\n",
		"<![LOG[State message with TopicType 800 and TopicId {B7F4BE71-E604-48A2-8F79-3A0E61C508FB} has been sent to the FSP]LOG]!><time=\"15:10:38.114+00\" date=\"02-04-2020\" component=\"FSPStateMessage\" context=\"\" type=\"1\" thread=\"3912\" file=\"fsputillib.cpp:783\">\r\n",
	}
	serverRecords = []string{
		"Execute query exec [sp_CP_GetPushRequestMachine] 2097152112~  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:09.448-600><thread=6708 (0x1A34)>\r\n",
		"======>Begin Processing request: \"2097152019\", machine name: \"TESTPC1\"  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:09.460-600><thread=6708 (0x1A34)>\r\n",
		"---> Attempting to connect to administrative share '\\\\TESTPC1\\admin$' using account 'TESTDOMAIN\\sccmDeploy'~  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:09.471-600><thread=6708 (0x1A34)>\r\n",
		"---> Unable to connect to remote machine \"TESTPC1\" using Kerberos with machine account, error - 0x80070005.  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:10.002-600><thread=6708 (0x1A34)>\r\n",
		"Stored request \"2097152019\", machine name \"TESTPC1\", in queue \"Retry\".  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:10.013-600><thread=6708 (0x1A34)>\r\n",
	}
)

// Trace32 copies as pasted in KB 925282, KB 2467702 and a CMTrace tab-separated copy.
var trace32Records = []string{
	"ERROR: Unable to connect to remote registry for machine name \"PC042\", error 53.SMS_CLIENT_CONFIG_MANAGER 660 (0x0294)6/6/2006 7:06:35 AM\r\n",
	"Installation failed with error code 1603 ccmsetup 12-11-2010 16:26:12 3264 (0x0CC0)\r\n",
	"Sleeping for 661 seconds...\tSMS_CLIENT_CONFIG_MANAGER\t09/09/2022 14:09:09\t2624 (0x0A40)\r\n",
}

// parsePeak parses r and returns the entry count and the peak of live heap above the starting point,
// measured after a collection every few thousand entries and after each very long entry: what the parse
// holds on to, not the garbage it leaves for the collector.
func parsePeak(t testing.TB, r io.Reader) (int, uint64) {
	var ms runtime.MemStats
	live := func() uint64 {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	base, peak := live(), uint64(0)
	n := 0
	_, err := Parse(context.Background(), r, "synth.log", Options{}, func(e Entry) error {
		if n++; n%20000 == 0 || len(e.Message) > 1<<19 {
			if h := live(); h > base && h-base > peak {
				peak = h - base
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n, peak
}

// The memory a parse needs does not grow with the input: an 8 MiB and a 64 MiB stream, each with a
// 3 MiB line in the middle (cut to 1 MiB), stay under the same small bound.
func TestParseMemoryIsBounded(t *testing.T) {
	long := "<![LOG[" + strings.Repeat("x", 3<<20) + "]LOG]!><time=\"15:10:29.068+00\" date=\"02-04-2020\" component=\"c\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\r\n"
	const bound = 8 << 20
	for _, size := range []int64{8 << 20, 64 << 20} {
		r := io.MultiReader(newSynthLog(size/2, cmtraceRecords...), strings.NewReader(long), newSynthLog(size/2, cmtraceRecords...))
		n, peak := parsePeak(t, r)
		t.Logf("%d MiB: %d entries, peak heap %.1f MiB", size>>20, n, float64(peak)/(1<<20))
		if n < int(size/400) {
			t.Fatalf("only %d entries", n)
		}
		if peak > bound {
			t.Errorf("%d MiB: peak heap %d MiB above the %d MiB bound", size>>20, peak>>20, bound>>20)
		}
	}
}

func benchmarkParse(b *testing.B, size int64, records []string) {
	b.SetBytes(size)
	b.ReportAllocs()
	var entries int
	for b.Loop() {
		n, err := Parse(context.Background(), newSynthLog(size, records...), "bench.log", Options{}, func(Entry) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		entries = n.Entries
	}
	b.ReportMetric(float64(entries), "entries/op")
}

func BenchmarkParseCMTrace(b *testing.B) { benchmarkParse(b, 32<<20, cmtraceRecords) }

func BenchmarkParseServer(b *testing.B) { benchmarkParse(b, 32<<20, serverRecords) }

func BenchmarkParseTrace32(b *testing.B) { benchmarkParse(b, 8<<20, trace32Records) }

// Lines of a verbose Windows Installer log (KB 2467702, KB 925282) and of a plain text log.
var (
	msiRecords = []string{
		"=== Verbose logging started: 12/11/2010  16:26:11  Build type: SHIP UNICODE 5.00.7601.00  Calling process: C:\\Windows\\ccmsetup\\ccmsetup.exe ===\r\n",
		"MSI (s) (54:74) [16:26:11:416]: Checking in-progress install: install for same configuration.\r\n",
		"Action ended 16:26:12: InstallFinalize. Return value 3.\r\n",
		"MSI (s) (74:A8) [12:44:33:875]: MainEngineThread is returning 1603\r\n",
		"CustomAction CcmRegisterHostingConfiguration returned actual error code 1603\r\n",
	}
	plainRecords = []string{
		"Failed to extend the Active Directory schema.\r\n",
		"Attempting to create class cn=MS-SMS-Site.\r\n",
		"Failed to create class cn=MS-SMS-Site. Error code = 8202.\r\n",
	}
)

func BenchmarkParseMSI(b *testing.B) { benchmarkParse(b, 8<<20, msiRecords) }

func BenchmarkParsePlain(b *testing.B) { benchmarkParse(b, 8<<20, plainRecords) }

// BenchmarkParseLarge parses -logs.size bytes of generated CMTrace and reports the peak heap, to show
// that a log of any size (10 GiB: -logs.size=10737418240 -benchtime=1x) runs in bounded memory.
func BenchmarkParseLarge(b *testing.B) {
	b.SetBytes(*largeSize)
	for b.Loop() {
		n, peak := parsePeak(b, newSynthLog(*largeSize, cmtraceRecords...))
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(n), "entries/op")
	}
}
