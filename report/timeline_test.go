package report

import (
	"strings"
	"testing"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/timeline"
)

// Quoted text comes from logs and exports: it must not drive the terminal, and long lists stay short.
func TestWriteTimelinesEscapesAndShortens(t *testing.T) {
	ref := timeline.FindingRef{Rule: "PL999", Severity: "error", Message: "bad \x1b]0;owned\x07 line", Remediation: "fix it", Waived: true,
		Subject: finding.Subject{Kind: "machine", ID: "PC1"}}
	tl := timeline.Timeline{
		Machine:     "PC1",
		FirstBroken: &timeline.Broken{Step: 1, Stage: "connect", Finding: &ref},
		Steps: []timeline.Step{
			{Stage: "connect", Title: "ADMIN$/IPC$ connect", Status: timeline.StatusFailed, Time: "2006-06-06T07:06:35",
				Source: &timeline.Source{File: "ccm.log", Line: 5}, Evidence: "first\x1b[2J\r\nsecond", Seen: 2, Findings: []timeline.FindingRef{ref}},
			{Stage: "policy", Title: "policy", Status: timeline.StatusNotSeen, ShownBy: "PolicyAgent.log",
				Searched: []string{"a.log", "b.log", "c.log", "d.log", "e.log", "f.log"}},
		},
	}
	var b strings.Builder
	if err := WriteTimelines(&b, []timeline.Timeline{tl}, Options{}); err != nil {
		t.Fatal(err)
	}
	want := `machine PC1
> 1. ADMIN$/IPC$ connect  FAILED   2006-06-06 07:06:35 (local time, zone unknown)  ccm.log:5 (latest of 2)
       first\x1b[2J
       second
       waived  PL999  bad \x1b]0;owned\x07 line
       fix: fix it
  2. policy               not seen
       nothing in a.log, b.log, c.log, d.log and 2 more
       shown by PolicyAgent.log
PC1: the push broke at step 1, ADMIN$/IPC$ connect (PL999); 1 stage not seen (missing evidence is not evidence of failure).
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// A failed step that no finding explains says so, and where to look, rather than guess a cause.
func TestWriteTimelinesSaysWhenNoRuleExplains(t *testing.T) {
	tl := timeline.Timeline{
		Machine:     "PC1",
		FirstBroken: &timeline.Broken{Step: 1, Stage: "install"},
		Steps: []timeline.Step{
			{Stage: "install", Title: "client.msi result", Status: timeline.StatusFailed, Time: "2010-12-11T16:26:12",
				Source: &timeline.Source{File: "PC1/ccmsetup.log", Line: 2}, Evidence: "MSI: a line no rule reads", Seen: 1, Findings: []timeline.FindingRef{}},
		},
	}
	var b strings.Builder
	if err := WriteTimelines(&b, []timeline.Timeline{tl}, Options{}); err != nil {
		t.Fatal(err)
	}
	want := `machine PC1
> 1. client.msi result    FAILED   2010-12-11 16:26:12 (local time, zone unknown)  PC1/ccmsetup.log:2
       MSI: a line no rule reads
       no rule explains this step: the lines before it in its log say why
PC1: the push broke at step 1, client.msi result, and no rule explains it.
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
