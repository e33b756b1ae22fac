package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Smsprov.log's CCR creation (KB 925282: the log of a push from the console) names the machine by its
// ResourceID only; the client export ties it to PC042, whose timeline shows the CCR created. PC043, another
// resource, and a CreateCCRs call for a whole collection tie to no machine's CCR step.
func TestSmsprovCCRCreationInTheTimeline(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("testdata", "smsprov")
	args := []string{"--logs", filepath.Join(dir, "SMS", "Logs"), "--clients", filepath.Join(dir, "all-systems.csv"), "--now", "2006-06-06T12:00:00Z"}
	out, errs, code := cli(t, append([]string{"timeline", "PC042"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "2. CCR                  ok       2006-06-06 07:00:00 UTC-4 (11:00:00Z)  "+filepath.Join(dir, "SMS", "Logs", "smsprov.log")+":1\n") ||
		!strings.Contains(out, `::CreateCCR ResourceID=16777220`) || strings.Contains(out, "CreateCCRs") {
		t.Errorf("PC042:\n%s", out)
	}
	out, errs, code = cli(t, append([]string{"timeline", "PC043"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "2. CCR                  not seen") || strings.Contains(out, "CreateCCR") {
		t.Errorf("PC043:\n%s", out)
	}
}
