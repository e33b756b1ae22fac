package main

import (
	"strings"
	"testing"
	"time"
)

// A CCR's age comes from its file time, which a git checkout or a copy without times sets to when the copy
// was made. CCRs of two queues that all carry one time are such a copy: PL307 and PL306 do not measure it,
// and a note says why. The same CCRs with the times the site gave them (Ccr.box three hours old, the retry
// eight days) fire both.
func TestCCRAgesFromACopysFileTimes(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		ages  map[string]time.Duration
		rules string
		note  bool
	}{
		{"checkout", map[string]time.Duration{"Ccr.box/PC050.ccr": 200 * time.Hour, "Ccrretry.box/PC051": 200 * time.Hour}, "", true},
		{"site's own times", map[string]time.Duration{"Ccr.box/PC050.ccr": 3 * time.Hour, "Ccrretry.box/PC051": 200 * time.Hour},
			"PL306/warning/PC051 PL307/warning/PC050", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := inbox(t, now, tc.ages)
			out, errOut, code := cli(t, "check", "--inboxes", dir, "--now", now.Format(time.RFC3339), "--format", "json", "--no-config")
			if code == 2 {
				t.Fatalf("exit 2: %s", errOut)
			}
			r := parseCfgReport(t, out)
			var ids []string
			for _, id := range strings.Fields(ruleIDs(r)) {
				if strings.HasPrefix(id, "PL306") || strings.HasPrefix(id, "PL307") {
					ids = append(ids, id)
				}
			}
			if got := strings.Join(ids, " "); got != tc.rules {
				t.Errorf("findings %q, want %q", got, tc.rules)
			}
			if got := strings.Contains(errOut, "the 2 CCR files of 2 queues all carry one file time"); got != tc.note {
				t.Errorf("copy note %v, want %v; stderr %q", got, tc.note, errOut)
			}
		})
	}
}
