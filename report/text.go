package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/termsafe"
	"github.com/pushlint/pushlint/internal/wallclock"
)

// textWriter writes for an administrator at a terminal: findings grouped by what they are about, each with
// where to look and what to do. Everything that comes from the inputs (subjects, messages, evidence, file
// names, waiver reasons) is printed through termsafe.Line: a log line cannot send escape sequences to the
// terminal or break the layout.
type textWriter struct{ color bool }

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

func (t textWriter) paint(code, s string) string {
	if !t.color {
		return s
	}
	return code + s + ansiReset
}

func (t textWriter) severity(s string) string {
	label := fmt.Sprintf("%-7s", s)
	switch s {
	case "error":
		return t.paint(ansiRed+ansiBold, label)
	case "warning":
		return t.paint(ansiYellow+ansiBold, label)
	default:
		return t.paint(ansiCyan, label)
	}
}

// unconfirmedNote says, under a finding, that it rests on a log phrase no real log has shown yet.
const unconfirmedNote = "unconfirmed: rests on a log phrase no real log has shown yet (docs/signatures.md)"

var kindOrder = map[string]int{"site": 0, "account": 1, "machine": 2, "client": 3, "file": 4}

func (t textWriter) Write(w io.Writer, r *Report) error {
	var b strings.Builder
	groups := map[finding.Subject][]finding.Finding{}
	var subjects []finding.Subject
	for _, f := range r.Findings {
		if _, seen := groups[f.Subject]; !seen {
			subjects = append(subjects, f.Subject)
		}
		groups[f.Subject] = append(groups[f.Subject], f)
	}
	sort.SliceStable(subjects, func(i, j int) bool {
		a, b := subjects[i], subjects[j]
		ka, okA := kindOrder[a.Kind]
		kb, okB := kindOrder[b.Kind]
		if !okA {
			ka = 99
		}
		if !okB {
			kb = 99
		}
		if ka != kb {
			return ka < kb
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.ID < b.ID
	})
	for _, s := range subjects {
		fmt.Fprintf(&b, "%s\n", t.paint(ansiBold, termsafe.Line(s.Kind+" "+s.ID)))
		for _, f := range groups[s] {
			sev := t.severity(f.Severity)
			if f.Waived {
				sev = t.paint(ansiDim, fmt.Sprintf("%-7s", "waived"))
			}
			fmt.Fprintf(&b, "  %s %s  %s\n", sev, t.paint(ansiBold, termsafe.Line(f.Rule)), termsafe.Line(f.Message))
			if f.Location != nil {
				fmt.Fprintf(&b, "           at %s\n", formatLocation(*f.Location))
			}
			for _, e := range f.Evidence {
				where := fmt.Sprintf("%s:%d", termsafe.Line(e.File), e.Line)
				// A multi-line log record (CRLF inside a CMTrace message) stays multi-line, under its first line;
				// anything else a terminal would act on is shown escaped.
				text := termsafe.Text(strings.ReplaceAll(strings.TrimRight(e.Text, "\r\n"), "\r\n", "\n"))
				text = strings.ReplaceAll(text, "\n", "\n"+strings.Repeat(" ", 13+utf8.RuneCountInString(where)))
				fmt.Fprintf(&b, "           %s  %s\n", t.paint(ansiDim, where), text)
			}
			if f.Confidence == finding.ConfidenceUnconfirmed {
				fmt.Fprintf(&b, "           %s\n", t.paint(ansiDim, unconfirmedNote))
			}
			if f.Waiver != nil {
				where := ""
				if f.Waiver.Location != nil {
					where = " (" + formatLocation(*f.Waiver.Location) + ")"
				}
				fmt.Fprintf(&b, "           %s\n", t.paint(ansiDim, termsafe.Line(fmt.Sprintf("waived until %s%s: %s", f.Waiver.Expires, where, f.Waiver.Reason))))
			}
			if f.Baseline == finding.BaselineUnchanged {
				fmt.Fprintf(&b, "           %s\n", t.paint(ansiDim, "in the baseline: does not fail the run"))
			}
			writeIndented(&b, "           fix: ", "                ", f.Remediation)
			fmt.Fprintf(&b, "           %s\n", t.paint(ansiDim, termsafe.Line("KB 925282: "+f.KBSection)))
		}
		b.WriteString("\n")
	}
	if spans := r.Summary.Inputs.LogFiles; len(spans) > 0 {
		b.WriteString(t.paint(ansiBold, "logs read") + " (evidence reaches back only as far as each log does)\n")
		for _, l := range spans {
			span := "no times"
			if l.First != "" {
				span = logTime(l.First, l.FirstOffset) + " to " + logTime(l.Last, l.LastOffset)
			}
			// The kind of log, as the admin names it, when the file's own name does not say it already.
			kind := ""
			base := l.File[strings.LastIndexAny(l.File, `/\`)+1:]
			switch {
			case l.Log != "" && !strings.EqualFold(base, l.Log):
				kind = " [" + termsafe.Line(l.Log) + "]"
			case l.Log == "" && l.Kind != "":
				kind = " [" + termsafe.Line(l.Kind) + "]"
			}
			fmt.Fprintf(&b, "  %s%s: %s, %s\n", termsafe.Line(l.File), kind, plural(l.Entries, "entry", "entries"), span)
		}
		b.WriteString("\n")
	}
	b.WriteString(summaryLine(r))
	b.WriteString(changedLines(r))
	_, err := io.WriteString(w, b.String())
	return err
}

// logTime writes a log's time as CMTrace shows it, with its zone and UTC (internal/wallclock).
func logTime(s string, offset int) string {
	t, known, ok := wallclock.Parse(s)
	switch {
	case !ok:
		return s
	case !known:
		return wallclock.Wall(t, false)
	}
	return wallclock.Log(t, offset, false)
}

// changedLines say, under the summary, what the run changed about the rules: a clean report of a gate whose
// rules were turned off must say so.
func changedLines(r *Report) string {
	var b strings.Builder
	for _, c := range r.Summary.ChangedRules {
		fmt.Fprintf(&b, "changed: %s\n", termsafe.Line(c.Message))
	}
	return b.String()
}

func formatLocation(l finding.Location) string {
	if l.Column > 0 {
		return fmt.Sprintf("%s:%d:%d", termsafe.Line(l.File), l.Line, l.Column)
	}
	return fmt.Sprintf("%s:%d", termsafe.Line(l.File), l.Line)
}

// writeIndented writes a multi-line text with a first-line prefix and a continuation indent.
func writeIndented(b *strings.Builder, first, rest, text string) {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for i, line := range lines {
		if i == 0 {
			b.WriteString(first)
		} else {
			b.WriteString(rest)
		}
		b.WriteString(termsafe.Line(strings.TrimSpace(line)))
		b.WriteString("\n")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func summaryLine(r *Report) string {
	s := r.Summary
	var read []string
	if s.Inputs.SiteDescription != "" {
		read = append(read, fmt.Sprintf("%s (%s)", termsafe.Line(s.Inputs.SiteDescription), plural(s.Inputs.Sites, "site", "sites")))
	}
	if s.Inputs.Logs > 0 {
		read = append(read, fmt.Sprintf("%s (%s)", plural(s.Inputs.Logs, "log", "logs"), plural(s.Inputs.Entries, "entry", "entries")))
	}
	if s.Inputs.Clients > 0 {
		read = append(read, plural(s.Inputs.Clients, "client record", "client records"))
	}
	if s.Inputs.CCRFiles > 0 {
		read = append(read, plural(s.Inputs.CCRFiles, "CCR file", "CCR files"))
	}
	what := "no input"
	if len(read) > 0 {
		what = strings.Join(read, ", ")
	}
	counts := fmt.Sprintf("%s, %s, %s", plural(s.Error, "error", "errors"), plural(s.Warning, "warning", "warnings"), plural(s.Info, "info", "info"))
	if s.Waived > 0 {
		counts += fmt.Sprintf(", %d waived", s.Waived)
	}
	if s.Error+s.Warning+s.Info+s.Waived == 0 {
		counts = "no findings"
	}
	return fmt.Sprintf("%s: %s; %s evaluated on %s.\n", "pushlint", counts, plural(s.RulesEvaluated, "rule", "rules"), what)
}
