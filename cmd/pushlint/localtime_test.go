package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLocalTimesEndToEnd: a push from a Melbourne site server (bias -600, UTC+10) that starts just before
// 10:00 local time, which is the day before in UTC. Every time pushlint shows gives the wall clock the log
// wrote (as CMTrace shows it), its zone and UTC; --since and --until without a zone are that wall clock.
// testdata/localtime/README.md says where the lines come from.
func TestLocalTimesEndToEnd(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("testdata", "localtime", "melbourne")
	log := filepath.Join(dir, "SMS", "Logs", "ccm.log")
	check, _, _ := cli(t, "check", "--logs", dir, "--now", "2026-11-25")
	timeline, _, _ := cli(t, "timeline", "PC042", "--logs", dir, "--now", "2026-11-25")
	logs, _, _ := cli(t, "logs", log)
	for _, tc := range []struct{ where, out, want string }{
		{"PL101's message", check, "1 attempt since 2015-06-07 09:59:58 UTC+10 (2015-06-06 23:59:58Z), last at 2015-06-07 10:00:01 UTC+10 (00:00:01Z)"},
		{"PL104's message", check, "1 retry since 2015-06-07 10:00:01 UTC+10 (00:00:01Z), last at 2015-06-07 10:00:01 UTC+10 (00:00:01Z)"},
		{"the log's span", check, "ccm.log: 6 entries, 2015-06-07 09:59:57 UTC+10 (2015-06-06 23:59:57Z) to 2015-06-07 10:00:01 UTC+10 (00:00:01Z)"},
		{"the timeline", timeline, "FAILED   2015-06-07 10:00:01 UTC+10 (00:00:01Z)"},
		{"pushlint logs", logs, "ccm.log:1  2015-06-07 09:59:57.218 UTC+10 (2015-06-06 23:59:57Z) info"},
	} {
		if !strings.Contains(tc.out, tc.want) {
			t.Errorf("%s does not show %q:\n%s", tc.where, tc.want, tc.out)
		}
	}
	for _, tc := range []struct {
		args  []string
		lines int
	}{
		{[]string{"--since", "2015-06-07T10:00"}, 2},                    // the log's 10:00, 00:00Z
		{[]string{"--since", "2015-06-07T00:00:00Z"}, 2},                // the same instant
		{[]string{"--until", "2015-06-07"}, 6},                          // the log's 7 June, whole day
		{[]string{"--until", "2015-06-07T00:00:00Z"}, 4},                // before midnight UTC: the 6 June lines
		{[]string{"--since", "2015-06-06", "--until", "2015-06-06"}, 0}, // 6 June in Melbourne: nothing
	} {
		out, stderr, code := cli(t, append([]string{"logs", log}, tc.args...)...)
		if code != 0 || stderr != "" {
			t.Fatalf("logs %v: exit %d, %s", tc.args, code, stderr)
		}
		if n := strings.Count(out, "\n"); n != tc.lines {
			t.Errorf("logs %v: %d lines, want %d:\n%s", tc.args, n, tc.lines, out)
		}
	}
}
