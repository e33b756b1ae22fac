package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/termsafe"
)

func init() { Register("github", func(o Options) Writer { return githubWriter{base: o.BaseDir} }) }

// githubWriter prints GitHub Actions workflow commands, which the runner turns into annotations on the
// pull request: ::error for errors, ::warning for warnings, ::notice for info. Waived findings are left
// out (they were accepted); findings already in the baseline are annotated with "(in baseline)" in their
// title, since they do not fail the run. A summary line ends the output.
type githubWriter struct{ base string }

func (gw githubWriter) Write(w io.Writer, r *Report) error {
	var b strings.Builder
	for _, f := range r.Findings {
		if f.Waived {
			continue
		}
		var props []string
		if file, line := primaryPosition(f); file != "" {
			file, _ = ciPath(gw.base, file) // annotations need the path in the repository
			props = append(props, "file="+escapeProperty(file))
			if line > 0 {
				props = append(props, fmt.Sprintf("line=%d", line))
			}
			if f.Location != nil && f.Location.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", f.Location.Column))
			}
		}
		title := f.Rule + " " + f.Title
		if f.Baseline == finding.BaselineUnchanged {
			title += " (in baseline)"
		}
		props = append(props, "title="+escapeProperty(title))
		fmt.Fprintf(&b, "::%s %s::%s\n", githubCommand(f.Severity), strings.Join(props, ","), escapeData(githubMessage(f)))
	}
	for _, c := range r.Summary.ChangedRules {
		// A library override changes what every finding means: a warning; the others are notices.
		cmd := "notice"
		if c.Kind == finding.ChangeLibraryOverride {
			cmd = "warning"
		}
		title := "pushlint: rules changed"
		if c.Rule != "" {
			title = "pushlint: " + c.Rule + " " + strings.ReplaceAll(c.Kind, "_", " ")
		}
		fmt.Fprintf(&b, "::%s title=%s::%s\n", cmd, escapeProperty(title), escapeData(c.Message))
	}
	b.WriteString(summaryLine(r))
	b.WriteString(changedLines(r))
	_, err := io.WriteString(w, b.String())
	return err
}

func githubCommand(severity string) string {
	switch severity {
	case "error":
		return "error"
	case "warning":
		return "warning"
	}
	return "notice"
}

func githubMessage(f finding.Finding) string {
	var b strings.Builder
	b.WriteString(f.Message)
	for _, e := range f.Evidence {
		fmt.Fprintf(&b, "\n%s:%d: %s", e.File, e.Line, e.Text)
	}
	fmt.Fprintf(&b, "\nFix: %s", strings.TrimSpace(f.Remediation))
	fmt.Fprintf(&b, "\nKB 925282: %s", f.KBSection)
	return b.String()
}

// escapeData escapes a command's message as the Actions runner unescapes it. Control characters other than
// line breaks are made visible first: the job log is a terminal emulator.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(visibleKeepingCR(s))
}

// escapeProperty escapes a command property (file, title), where ':' and ',' also separate fields.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(visibleKeepingCR(s))
}

// visibleKeepingCR is termsafe.Text that leaves carriage returns to the %0D escape.
func visibleKeepingCR(s string) string {
	parts := strings.Split(s, "\r")
	for i, p := range parts {
		parts[i] = termsafe.Text(p)
	}
	return strings.Join(parts, "\r")
}
