// Package finding holds the results pushlint reports: findings, what they are about and where, the rules
// that produce them as their METADATA describes them, severities and fingerprints. It imports nothing of
// pushlint, so the engine that produces findings, the reports that print them and the timeline that joins them
// to the facts all share one vocabulary.
package finding

import "sort"

// Subject is what a finding is about: the site, account, machine or file whose setting or state is wrong.
type Subject struct {
	Kind string `json:"kind"` // site, account, machine, file, ...
	ID   string `json:"id"`
}

// Location points at the line to change or the log line that shows the problem.
type Location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
}

// Evidence is a line of a log or file that supports a finding.
type Evidence struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Text string `json:"text"`
}

// Finding is one problem, reported by one rule about one subject.
type Finding struct {
	Rule        string     `json:"rule"`
	Severity    string     `json:"severity"`
	Title       string     `json:"title"`
	Message     string     `json:"message"`
	Subject     Subject    `json:"subject"`
	Location    *Location  `json:"location"`
	Evidence    []Evidence `json:"evidence"`
	Remediation string     `json:"remediation"`
	KBSection   string     `json:"kb_section"`
	Waived      bool       `json:"waived"`
	// Waiver is the entry of the --waivers file that accepted this finding (set when Waived).
	Waiver *Waiver `json:"waiver,omitempty"`
	// Baseline is "new" or "unchanged" against the --baseline report, empty without one.
	Baseline string `json:"baseline,omitempty"`
	// Fingerprint identifies the finding across runs (see Fingerprint); baselines match on it.
	Fingerprint string         `json:"fingerprint"`
	Details     map[string]any `json:"details,omitempty"`
	// Confidence is ConfidenceUnconfirmed when the finding rests on a log phrase that no real log has shown
	// yet (a signature marked unconfirmed), found or found missing; empty otherwise.
	Confidence string `json:"confidence,omitempty"`
}

// ConfidenceUnconfirmed marks a finding that rests on an unconfirmed log signature.
const ConfidenceUnconfirmed = "unconfirmed"

// Waiver is the accepted-risk entry that waived a finding.
type Waiver struct {
	Subject  string    `json:"subject"`
	Reason   string    `json:"reason"`
	Expires  string    `json:"expires"`
	Location *Location `json:"location,omitempty"`
}

// Baseline states of a finding.
const (
	BaselineNew       = "new"
	BaselineUnchanged = "unchanged"
)

// Counts reports whether a finding counts toward the exit code: not waived and not already in the baseline.
func (f Finding) Counts() bool { return !f.Waived && f.Baseline != BaselineUnchanged }

// SeverityRank orders severities from most to least severe; unknown ones sort last.
func SeverityRank(s string) int {
	switch s {
	case "error":
		return 0
	case "warning":
		return 1
	case "info":
		return 2
	}
	return 3
}

// Sort orders findings by severity, rule, subject, file and line, so that reports diff cleanly.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if ra, rb := SeverityRank(a.Severity), SeverityRank(b.Severity); ra != rb {
			return ra < rb
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Subject.Kind != b.Subject.Kind {
			return a.Subject.Kind < b.Subject.Kind
		}
		if a.Subject.ID != b.Subject.ID {
			return a.Subject.ID < b.Subject.ID
		}
		af, al, bf, bl := locKey(a), locKey2(a), locKey(b), locKey2(b)
		if af != bf {
			return af < bf
		}
		if al != bl {
			return al < bl
		}
		return a.Message < b.Message
	})
}

func locKey(f Finding) string {
	if f.Location != nil {
		return f.Location.File
	}
	if len(f.Evidence) > 0 {
		return f.Evidence[0].File
	}
	return ""
}

func locKey2(f Finding) int {
	if f.Location != nil {
		return f.Location.Line
	}
	if len(f.Evidence) > 0 {
		return f.Evidence[0].Line
	}
	return 0
}

// Severities are the severities a rule or finding may have, from most to least severe.
var Severities = []string{"error", "warning", "info"}

// Rule is a policy that produces findings, described by its METADATA.
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Severity    string   `json:"severity"`
	KBSection   string   `json:"kb_section"`
	Remediation string   `json:"remediation"`
	Reads       []string `json:"reads,omitempty"`
	// Params are the parameters (data.pushlint.params) the rule reads, by the name .pushlint.yaml gives them.
	Params  []string `json:"params,omitempty"`
	Package string   `json:"package"`
	File    string   `json:"file"`
	Line    int      `json:"line"`
	Builtin bool     `json:"builtin"`
}

// Kinds of Change.
const (
	ChangeDisabled        = "disabled"         // a rule was not evaluated (rules: {ID: {enabled: false}})
	ChangeSeverity        = "severity"         // a rule's findings carry another severity than its METADATA's
	ChangeReplaced        = "replaced"         // a user's policy replaced a built-in rule
	ChangeNoBuiltin       = "no_builtin"       // --no-builtin: no built-in rule was evaluated
	ChangeLibraryOverride = "library_override" // a user's file defines into the built-in library or router
	ChangeParam           = "param"            // a threshold the rules read was set to another value
)

// Change is something a run changed about the rules, which a reader of its report must know to see what was
// and was not checked: a rule disabled or given another severity, a built-in rule replaced by a user's policy,
// a user's file defining into the built-in library or router, a parameter set to another value.
type Change struct {
	Kind    string   `json:"kind"`
	Rule    string   `json:"rule,omitempty"`    // the rule concerned (disabled, severity, replaced)
	Rules   []string `json:"rules,omitempty"`   // the rules that read a parameter (param)
	Param   string   `json:"param,omitempty"`   // the parameter's name (param)
	From    string   `json:"from,omitempty"`    // the severity, or the parameter's value, before
	To      string   `json:"to,omitempty"`      // and after
	File    string   `json:"file,omitempty"`    // the user's policy file (replaced, library_override)
	Package string   `json:"package,omitempty"` // the package it defines into (library_override)
	Reason  string   `json:"reason,omitempty"`  // why, as the configuration says
	Source  string   `json:"source,omitempty"`  // where it was asked for: .pushlint.yaml:12:5, --param, ...
	Message string   `json:"message"`           // one sentence for people
}
