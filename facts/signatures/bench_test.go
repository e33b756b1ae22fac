package signatures

import (
	"fmt"
	"testing"

	"github.com/pushlint/pushlint/facts/logs"
)

// BenchmarkMatchCCMLog matches a ccm.log-like stream: mostly queue chatter that no signature wants, and
// one failing CCR every 12 lines, the shape of a site server's log during a push storm.
func BenchmarkMatchCCMLog(b *testing.B) {
	m := builtinMatcher(b)
	lines := []string{
		`Getting a new request from queue "Incoming" after 100 millisecond delay.`,
		`Waiting for change in directory "D:\SMS\inboxes\ccr.box" for queue "Incoming", (30 minute backup timeout).`,
		`======>Begin Processing request: "%[1]s.CCR", machine name: "%[1]s"`,
		`---> Trying the 'best-shot' account which worked for previous CCRs (index = 0x0)`,
		`---> Attempting to connect to administrative share '\\%[1]s\admin$' using account 'DOM\push'`,
		`---> WNetAddConnection2 failed (LOGON32_LOGON_NEW_CREDENTIALS) using account DOM\push (000004b3)`,
		`---> ERROR: Unable to connect to remote registry for machine name "%[1]s", error 53.`,
		`---> ERROR: Unable to access target machine for request: "%[1]s.CCR", machine name: "%[1]s", error code: 53`,
		`Stored request "%[1]s.CCR", machine name "%[1]s", in queue "Retry".`,
		`<======End request: "%[1]s.CCR", machine name: "%[1]s".`,
		`Execute query exec [sp_CP_SetLatest] 2097152019, N'08/12/2022 15:06:09', 93`,
		`Sleeping for 661 seconds...`,
	}
	entries := make([]logs.Entry, 12000)
	for i := range entries {
		entries[i] = logs.Entry{File: "ccm.log", Line: i + 1, Thread: 660, Component: "SMS_CLIENT_CONFIG_MANAGER",
			Message: fmt.Sprintf(lines[i%len(lines)], fmt.Sprintf("PC%04d", i/len(lines)))}
	}
	size := 0
	for _, e := range entries {
		size += len(e.Message) + 80 // the message and a server-format trailer
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := m.NewStream("ccm.log")
		var evs []Event
		for _, e := range entries {
			evs = s.Match(evs[:0], e)
		}
	}
	b.ReportMetric(float64(b.N*len(entries))/b.Elapsed().Seconds(), "entries/s")
}

// builtinMatcher compiles the built-in signatures, as every check does.
func builtinMatcher(b *testing.B) *Matcher {
	b.Helper()
	set, err := Parse("bench.yaml", mustReadTB(b))
	if err != nil {
		b.Fatal(err)
	}
	m, err := Compile(set)
	if err != nil {
		b.Fatal(err)
	}
	return m
}
