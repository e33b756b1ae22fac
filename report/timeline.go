package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/wallclock"
	"github.com/pushlint/pushlint/timeline"
)

// WriteTimelines writes timelines for a terminal: one block per machine, its stages in push order, the
// first broken step marked with ">" and followed by the finding that explains it and its fix.
func WriteTimelines(w io.Writer, tls []timeline.Timeline, o Options) error {
	t := textWriter{color: o.Color}
	var b strings.Builder
	for i, tl := range tls {
		if i > 0 {
			b.WriteString("\n")
		}
		t.timeline(&b, tl)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

const stepIndent = "       "

func (t textWriter) timeline(b *strings.Builder, tl timeline.Timeline) {
	fmt.Fprintf(b, "%s\n", t.paint(ansiBold, "machine "+tl.Machine))
	if len(tl.ClientLogFolders) > 0 {
		fmt.Fprintf(b, "  client logs from %s\n", strings.Join(escapeAll(tl.ClientLogFolders), ", "))
	}
	for i, s := range tl.Steps {
		broken := tl.FirstBroken != nil && tl.FirstBroken.Step == i+1
		t.step(b, i+1, s, broken)
		if broken {
			t.explanation(b, tl.FirstBroken.Finding, s.Findings)
			continue
		}
		for _, f := range s.Findings {
			t.findingLine(b, "", f)
		}
	}
	if len(tl.Findings) > 0 {
		fmt.Fprintf(b, "  about %s, outside the steps:\n", tl.Machine)
		for _, f := range tl.Findings {
			t.findingLine(b, "", f)
		}
	}
	b.WriteString(t.verdict(tl))
}

func (t textWriter) step(b *strings.Builder, n int, s timeline.Step, broken bool) {
	mark := "  "
	if broken {
		mark = t.paint(ansiRed+ansiBold, "> ")
	}
	status := fmt.Sprintf("%-8s", s.Status)
	switch s.Status {
	case timeline.StatusFailed:
		status = t.paint(ansiRed+ansiBold, fmt.Sprintf("%-8s", "FAILED"))
	case timeline.StatusPending:
		status = t.paint(ansiYellow, status)
	case timeline.StatusNotSeen:
		status = t.paint(ansiDim, status)
	}
	title := fmt.Sprintf("%d. %-20s", n, s.Title)
	if broken {
		title = t.paint(ansiBold, title)
	}
	if s.Status == timeline.StatusNotSeen {
		fmt.Fprintf(b, "%s%s %s\n", mark, title, status)
		if len(s.Searched) > 0 {
			fmt.Fprintf(b, "%snothing in %s\n", stepIndent, someOf(escapeAll(s.Searched), 4))
		}
		fmt.Fprintf(b, "%s%s\n", stepIndent, t.paint(ansiDim, "shown by "+timelineText(s.ShownBy, stepIndent)))
		return
	}
	where := ""
	if s.Source != nil {
		where = fmt.Sprintf("%s:%d", timelineText(s.Source.File, ""), s.Source.Line)
	}
	more := ""
	if s.Seen > 1 {
		more = fmt.Sprintf(" (latest of %d)", s.Seen)
	}
	fmt.Fprintf(b, "%s%s %s %s  %s%s\n", mark, title, status, stepTime(s), where, more)
	if s.Note != "" {
		fmt.Fprintf(b, "%s%s\n", stepIndent, timelineText(s.Note, stepIndent))
	}
	if s.Evidence != "" {
		fmt.Fprintf(b, "%s%s\n", stepIndent, t.paint(ansiDim, timelineText(s.Evidence, stepIndent)))
	}
}

// stepTime says which clock a time is on: a log line's time as CMTrace shows it, with the zone its bias
// implies and UTC; a wall-clock time whose zone is unknown is not UTC; a time no log dates is UTC.
func stepTime(s timeline.Step) string {
	t, known, ok := wallclock.Parse(s.Time)
	switch {
	case s.Time == "" || !ok:
		return "(no time)"
	case !known:
		return wallclock.Wall(t, false)
	case s.UTCOffsetMinutes != nil:
		return wallclock.Log(t, *s.UTCOffsetMinutes, false)
	}
	return wallclock.UTC(t)
}

func (t textWriter) explanation(b *strings.Builder, f *timeline.FindingRef, all []timeline.FindingRef) {
	if f == nil {
		fmt.Fprintf(b, "%sno rule explains this step: the lines before it in its log say why\n", stepIndent)
		return
	}
	sev := t.severity(f.Severity)
	if f.Waived {
		sev = t.paint(ansiDim, fmt.Sprintf("%-7s", "waived"))
	}
	fmt.Fprintf(b, "%s%s %s  %s\n", stepIndent, sev, t.paint(ansiBold, f.Rule), timelineText(f.Message, stepIndent))
	if f.Confidence == finding.ConfidenceUnconfirmed {
		fmt.Fprintf(b, "%s%s\n", stepIndent, t.paint(ansiDim, unconfirmedNote))
	}
	writeIndented(b, stepIndent+"fix: ", stepIndent+"     ", f.Remediation)
	if f.KBSection != "" {
		fmt.Fprintf(b, "%s%s\n", stepIndent, t.paint(ansiDim, "KB 925282: "+f.KBSection))
	}
	for _, o := range all {
		if o.Fingerprint == f.Fingerprint && o.Rule == f.Rule && o.Message == f.Message {
			continue
		}
		t.findingLine(b, "also ", o)
	}
}

// findingLine is a finding in one line: rule, severity (or "waived") and message.
func (t textWriter) findingLine(b *strings.Builder, prefix string, f timeline.FindingRef) {
	sev := f.Severity
	if f.Waived {
		sev = "waived"
	}
	fmt.Fprintf(b, "%s%s%s %s  %s\n", stepIndent, prefix, t.paint(ansiBold, f.Rule), sev, timelineText(f.Message, stepIndent))
}

// someOf lists at most n items, and says how many more there are.
func someOf(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

func (t textWriter) verdict(tl timeline.Timeline) string {
	notSeen := 0
	for _, s := range tl.Steps {
		if s.Status == timeline.StatusNotSeen {
			notSeen++
		}
	}
	unseen := ""
	if notSeen > 0 {
		unseen = fmt.Sprintf("; %s not seen (missing evidence is not evidence of failure)", plural(notSeen, "stage", "stages"))
	}
	if tl.FirstBroken == nil {
		return fmt.Sprintf("%s: no step failed%s.\n", tl.Machine, unseen)
	}
	s := tl.Steps[tl.FirstBroken.Step-1]
	why := ", and no rule explains it"
	if f := tl.FirstBroken.Finding; f != nil {
		why = " (" + f.Rule + ")"
	}
	return fmt.Sprintf("%s: the push broke at step %d, %s%s%s.\n", tl.Machine, tl.FirstBroken.Step, s.Title, why, unseen)
}

// timelineText makes text from the inputs safe for a terminal: control characters (an escape sequence in
// a log line could recolour or clear the screen) are shown as \xNN, and the lines of a multi-line record
// stay under the first one.
func timelineText(s, indent string) string {
	s = strings.TrimRight(s, "\r\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString("\n" + indent)
		case r == '\t':
			b.WriteRune(r)
		case r == '\r':
		case unicode.IsControl(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func escapeAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = timelineText(s, "")
	}
	return out
}
