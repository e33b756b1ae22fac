// Package report turns findings into what people and CI systems read: text for a terminal, JSON for
// programs. Each format is one Writer.
package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/timeline"
)

// FormatVersion is the version of the JSON report's format.
const FormatVersion = 1

// Tool identifies the program that wrote a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Inputs summarises what a run read, so a reader knows what the evidence covers.
type Inputs struct {
	SiteDescription string    `json:"site_description,omitempty"`
	Sites           int       `json:"sites"`
	Logs            int       `json:"logs"`
	Entries         int       `json:"entries"`
	Clients         int       `json:"clients"`
	CCRFiles        int       `json:"ccr_files"`
	LogFiles        []LogSpan `json:"log_files,omitempty"`
}

// LogSpan says how far back one log's evidence reaches: ConfigMgr logs are small and keep one .lo_, so an
// old failure may have rolled away, and "no failure found" only speaks for this span.
type LogSpan struct {
	File string `json:"file"`
	Kind string `json:"kind,omitempty"`
	// Log names the kind as the admin does (Ccm.log, client.msi.log), for the text report.
	Log     string `json:"-"`
	Entries int    `json:"entries"`
	First   string `json:"first,omitempty"`
	Last    string `json:"last,omitempty"`
	// FirstOffset and LastOffset are the UTC offsets of those times (local time minus UTC, in minutes), for
	// the text report's wall clocks.
	FirstOffset int `json:"-"`
	LastOffset  int `json:"-"`
}

// Summary counts findings by severity (waived findings are counted apart).
type Summary struct {
	Error          int    `json:"error"`
	Warning        int    `json:"warning"`
	Info           int    `json:"info"`
	Waived         int    `json:"waived"`
	RulesEvaluated int    `json:"rules_evaluated"`
	Inputs         Inputs `json:"inputs"`
	// Baseline is set when the run was compared with --baseline.
	Baseline *BaselineSummary `json:"baseline,omitempty"`
	// ChangedRules says what this run changed about the rules: disabled, severity changed, replaced by a user's
	// policy, a user's file defining into the built-in library or router, a parameter set. Absent when nothing
	// was changed, so that a reader sees what was and was not checked.
	ChangedRules []finding.Change `json:"changed_rules,omitempty"`
	// Notes are what could not be read or decided (a column not understood, a computer whose boundary the
	// export cannot show): missing evidence, which is not evidence of anything.
	Notes []string `json:"notes,omitempty"`
}

// Report is the result of one `pushlint check`.
type Report struct {
	Version  int               `json:"version"`
	Tool     Tool              `json:"tool"`
	Findings []finding.Finding `json:"findings"`
	Summary  Summary           `json:"summary"`
	// Timelines order, per machine the inputs name, what they say happened to its push; absent when no
	// input names a machine.
	Timelines []timeline.Timeline `json:"timelines,omitempty"`
	// Rules evaluated in this run; not part of the JSON report (SARIF and rule docs use it).
	Rules []finding.Rule `json:"-"`
}

// New builds a report and its summary from sorted findings.
func New(tool Tool, findings []finding.Finding, rules []finding.Rule, inputs Inputs) *Report {
	if findings == nil {
		findings = []finding.Finding{}
	}
	r := &Report{Version: FormatVersion, Tool: tool, Findings: findings, Rules: rules}
	r.Summary.RulesEvaluated = len(rules)
	r.Summary.Inputs = inputs
	for _, f := range findings {
		if f.Waived {
			r.Summary.Waived++
			continue
		}
		switch f.Severity {
		case "error":
			r.Summary.Error++
		case "warning":
			r.Summary.Warning++
		case "info":
			r.Summary.Info++
		}
	}
	return r
}

// Writer renders a report in one format.
type Writer interface {
	Write(w io.Writer, r *Report) error
}

// Options shape the formats.
type Options struct {
	Color bool // ANSI colours (text only)
	// BaseDir is the absolute path of the folder the command runs in. CI formats (SARIF, JUnit, GitHub,
	// GitLab) write file paths relative to it, so that code-scanning services map them onto the repository;
	// a file outside it keeps its absolute path. Empty: paths are written as given.
	BaseDir string
}

// formats maps each --format name to its writer.
var formats = map[string]func(Options) Writer{
	"text": func(o Options) Writer { return textWriter{color: o.Color} },
	"json": func(Options) Writer { return jsonWriter{} },
}

// Register adds a format (used by the packages that implement SARIF, JUnit, ...).
func Register(name string, make func(Options) Writer) { formats[name] = make }

// Formats lists the known format names.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ForFormat returns the writer for a --format value.
func ForFormat(name string, o Options) (Writer, error) {
	mk, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (expected one of %v)", name, Formats())
	}
	return mk(o), nil
}
