package engine

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

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
}

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

// SortFindings orders findings by severity, rule, subject, file and line, so that reports diff cleanly.
func SortFindings(fs []Finding) {
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

// findingKeys are the keys a reported finding may have; "package" and "waiver" are added by the router.
var findingKeys = []string{"package", "message", "subject", "location", "evidence", "severity", "details", "waiver"}

// toFinding checks one value a rule reported and completes it from the rule's METADATA. A rule that reports
// something malformed is a broken policy, not a finding to drop.
func (e *Engine) toFinding(v any) (Finding, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return Finding{}, fmt.Errorf("a rule reported %T; a finding must be an object built with data.pushlint.lib.finding", v)
	}
	pkg, _ := obj["package"].(string)
	rule, ok := e.byPkg[pkg]
	if !ok {
		return Finding{}, fmt.Errorf("a finding came from unknown package %q", pkg)
	}
	where := fmt.Sprintf("%s: %s", e.reportAt[pkg], rule.ID)
	for k := range obj {
		if !contains(findingKeys, k) {
			return Finding{}, fmt.Errorf("%s: finding has unexpected key %q (allowed: message, subject, location, evidence, severity, details)", where, k)
		}
	}
	f := Finding{
		Rule: rule.ID, Severity: rule.Severity, Title: rule.Title, Remediation: rule.Remediation,
		KBSection: rule.KBSection, Evidence: []Evidence{},
	}
	msg, ok := obj["message"].(string)
	if !ok || strings.TrimSpace(msg) == "" {
		return Finding{}, fmt.Errorf("%s: finding has no message", where)
	}
	f.Message = msg
	subj, ok := obj["subject"].(map[string]any)
	if !ok {
		return Finding{}, fmt.Errorf("%s: finding has no subject {kind, id}", where)
	}
	f.Subject.Kind, _ = subj["kind"].(string)
	f.Subject.ID, _ = subj["id"].(string)
	if f.Subject.Kind == "" || f.Subject.ID == "" || len(subj) != 2 {
		return Finding{}, fmt.Errorf("%s: finding subject must be {kind, id} with non-empty strings, got %s", where, asJSON(subj))
	}
	if sev, present := obj["severity"]; present {
		s, ok := sev.(string)
		if !ok || !contains(severities, s) {
			return Finding{}, fmt.Errorf("%s: finding severity %s must be error, warning or info", where, asJSON(sev))
		}
		f.Severity = s
	}
	if loc, present := obj["location"]; present && loc != nil {
		l, err := toLocation(loc)
		if err != nil {
			return Finding{}, fmt.Errorf("%s: finding location: %w", where, err)
		}
		f.Location = &l
	}
	if ev, present := obj["evidence"]; present {
		list, ok := ev.([]any)
		if !ok {
			return Finding{}, fmt.Errorf("%s: finding evidence must be a list", where)
		}
		for _, x := range list {
			item, ok := x.(map[string]any)
			if !ok {
				return Finding{}, fmt.Errorf("%s: evidence items must be {file, line, text}", where)
			}
			l, err := toLocation(map[string]any{"file": item["file"], "line": item["line"]})
			text, tok := item["text"].(string)
			if err != nil || !tok || len(item) != 3 {
				return Finding{}, fmt.Errorf("%s: evidence items must be {file, line, text}, got %s", where, asJSON(item))
			}
			f.Evidence = append(f.Evidence, Evidence{File: l.File, Line: l.Line, Text: text})
		}
	}
	if d, present := obj["details"]; present {
		m, ok := d.(map[string]any)
		if !ok {
			return Finding{}, fmt.Errorf("%s: finding details must be an object", where)
		}
		f.Details = m
	}
	if w, present := obj["waiver"]; present {
		wv, err := toWaiver(w)
		if err != nil {
			return Finding{}, fmt.Errorf("%s: waiver added by the router: %w", where, err)
		}
		f.Waived, f.Waiver = true, wv
	}
	f.Fingerprint = Fingerprint(f)
	return f, nil
}

// asJSON shows a value a rule produced as Rego would write it, not as Go prints a map.
func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func toLocation(v any) (Location, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return Location{}, fmt.Errorf("must be {file, line, column}, got %s", asJSON(v))
	}
	file, _ := m["file"].(string)
	line, lok := jsonNumberToInt(m["line"])
	if file == "" || !lok || line < 0 {
		return Location{}, fmt.Errorf("must have a file name and a line number, got %s", asJSON(v))
	}
	l := Location{File: file, Line: line}
	if c, present := m["column"]; present {
		col, ok := jsonNumberToInt(c)
		if !ok {
			return Location{}, fmt.Errorf("column must be a number, got %s", asJSON(c))
		}
		l.Column = col
	}
	return l, nil
}

func toWaiver(v any) (*Waiver, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("must be {subject, reason, expires, location}, got %s", asJSON(v))
	}
	w := &Waiver{}
	w.Subject, _ = m["subject"].(string)
	w.Reason, _ = m["reason"].(string)
	w.Expires, _ = m["expires"].(string)
	if w.Subject == "" || w.Reason == "" || w.Expires == "" {
		return nil, fmt.Errorf("must have subject, reason and expires, got %s", asJSON(v))
	}
	if loc, present := m["location"]; present && loc != nil {
		l, err := toLocation(loc)
		if err != nil {
			return nil, fmt.Errorf("location: %w", err)
		}
		w.Location = &l
	}
	return w, nil
}
