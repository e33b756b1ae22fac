package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/strictyaml"
)

// RuleSetting is what a user asks of one rule (.pushlint.yaml: rules: {PL015: {enabled: false, reason: ...}}).
type RuleSetting struct {
	ID       string
	Disabled bool
	Severity string // "" leaves the rule's own
	Reason   string
	Where    string // where it was written, for errors and reports: .pushlint.yaml:12:3
}

// applyRuleSettings drops the disabled rules (they are listed, never evaluated) and returns them with the
// severity each remaining rule's findings take. A setting that names no rule of this run is an error: it is most
// often a typo, and a gate that silently ignored it would check what its owners think it does not.
func (l *loaded) applyRuleSettings(settings []RuleSetting) ([]finding.Rule, map[string]string, error) {
	byID := map[string]*policyFile{}
	var ids []string
	for _, f := range l.files {
		if f.rule != nil && !f.test {
			byID[f.rule.ID] = f
			ids = append(ids, f.rule.ID)
		}
	}
	sort.Strings(ids)
	var errs []string
	severity := map[string]string{}
	drop := map[*policyFile]bool{}
	var disabled []finding.Rule
	for _, s := range settings {
		f, ok := byID[s.ID]
		if !ok {
			msg := fmt.Sprintf("%s: rule %s is not a rule of this run", s.Where, s.ID)
			if canon := canonicalID(s.ID); byID[canon] != nil && canon != s.ID {
				msg += fmt.Sprintf(" (did you mean %s?)", canon)
			} else if sug := strictyaml.Suggest(s.ID, ids); sug != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", sug)
			} else {
				msg += " (see pushlint rules)"
			}
			errs = append(errs, msg)
			continue
		}
		if s.Severity != "" && !contains(finding.Severities, s.Severity) {
			errs = append(errs, fmt.Sprintf("%s: severity %q of %s must be error, warning or info", s.Where, s.Severity, s.ID))
			continue
		}
		r := f.rule
		because := ""
		if s.Reason != "" {
			because = ": " + s.Reason
		}
		switch {
		case s.Disabled:
			drop[f] = true
			disabled = append(disabled, *r)
			l.changes = append(l.changes, finding.Change{Kind: finding.ChangeDisabled, Rule: r.ID, Reason: s.Reason, Source: s.Where,
				Message: fmt.Sprintf("%s (%s) is disabled by %s and was not evaluated%s", r.ID, r.Title, s.Where, because)})
		case s.Severity != "" && s.Severity != r.Severity:
			l.changes = append(l.changes, finding.Change{Kind: finding.ChangeSeverity, Rule: r.ID, From: r.Severity, To: s.Severity,
				Reason: s.Reason, Source: s.Where,
				Message: fmt.Sprintf("%s (%s) reports as %s instead of %s, set by %s%s", r.ID, r.Title, s.Severity, r.Severity, s.Where, because)})
			severity[r.Package] = s.Severity
			r.Severity = s.Severity
		}
	}
	if len(errs) > 0 {
		return nil, nil, &ConfigError{Messages: errs}
	}
	if len(drop) > 0 {
		kept := l.files[:0]
		for _, f := range l.files {
			if !drop[f] {
				kept = append(kept, f)
			}
		}
		l.files = kept
	}
	sort.Slice(disabled, func(i, j int) bool { return disabled[i].ID < disabled[j].ID })
	return disabled, severity, nil
}

func paramMessage(c finding.Change) string {
	readers := "no rule reads it"
	if len(c.Rules) > 0 {
		readers = "read by " + strings.Join(c.Rules, ", ")
	}
	return fmt.Sprintf("parameter %s is %s instead of %s (%s), set by %s", c.Param, c.To, c.From, readers, c.Source)
}

var idParts = regexp.MustCompile(`^([A-Za-z]+)0*([0-9]+)$`)

// canonicalID writes a rule id the way pushlint's are written, letters and three digits: pl15 and PL0015 are
// PL015.
func canonicalID(id string) string {
	m := idParts.FindStringSubmatch(id)
	if m == nil {
		return id
	}
	n := m[2]
	for len(n) < 3 {
		n = "0" + n
	}
	return strings.ToUpper(m[1]) + n
}
