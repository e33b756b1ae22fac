package engine

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/termsafe"
)

// findingKeys are the keys a reported finding may have; "package" and "waiver" are added by the router.
var findingKeys = []string{"package", "message", "subject", "location", "evidence", "severity", "details", "confidence", "waiver"}

// toFinding checks one value a rule reported and completes it from the rule's METADATA. A rule that reports
// something malformed is a broken policy, not a finding to drop.
func (e *Engine) toFinding(v any) (finding.Finding, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return finding.Finding{}, fmt.Errorf("a rule reported %T; a finding must be an object built with data.pushlint.lib.finding", v)
	}
	pkg, _ := obj["package"].(string)
	rule, ok := e.byPkg[pkg]
	if !ok {
		return finding.Finding{}, fmt.Errorf("a finding came from unknown package %q", pkg)
	}
	where := fmt.Sprintf("%s: %s", e.reportAt[pkg], rule.ID)
	for k := range obj {
		if !contains(findingKeys, k) {
			return finding.Finding{}, fmt.Errorf("%s: finding has unexpected key %q (allowed: message, subject, location, evidence, severity, details, confidence)", where, k)
		}
	}
	f := finding.Finding{
		Rule: rule.ID, Severity: rule.Severity, Title: rule.Title, Remediation: rule.Remediation,
		KBSection: rule.KBSection, Evidence: []finding.Evidence{},
	}
	msg, ok := obj["message"].(string)
	if !ok || strings.TrimSpace(msg) == "" {
		return finding.Finding{}, fmt.Errorf("%s: finding has no message", where)
	}
	f.Message = msg
	subj, ok := obj["subject"].(map[string]any)
	if !ok {
		return finding.Finding{}, fmt.Errorf("%s: finding has no subject {kind, id}", where)
	}
	f.Subject.Kind, _ = subj["kind"].(string)
	f.Subject.ID, _ = subj["id"].(string)
	if f.Subject.Kind == "" || f.Subject.ID == "" || len(subj) != 2 {
		return finding.Finding{}, fmt.Errorf("%s: finding subject must be {kind, id} with non-empty strings, got %s", where, asJSON(subj))
	}
	if sev, present := obj["severity"]; present {
		s, ok := sev.(string)
		if !ok || !contains(finding.Severities, s) {
			return finding.Finding{}, fmt.Errorf("%s: finding severity %s must be error, warning or info", where, asJSON(sev))
		}
		f.Severity = s
	}
	if s, ok := e.severity[pkg]; ok {
		// A rule setting (.pushlint.yaml rules: {ID: {severity: ...}}) gives every finding of the rule its severity.
		f.Severity = s
	}
	if loc, present := obj["location"]; present && loc != nil {
		l, err := toLocation(loc)
		if err != nil {
			return finding.Finding{}, fmt.Errorf("%s: finding location: %w", where, err)
		}
		f.Location = &l
	}
	if ev, present := obj["evidence"]; present {
		list, ok := ev.([]any)
		if !ok {
			return finding.Finding{}, fmt.Errorf("%s: finding evidence must be a list", where)
		}
		for _, x := range list {
			item, ok := x.(map[string]any)
			if !ok {
				return finding.Finding{}, fmt.Errorf("%s: evidence items must be {file, line, text}", where)
			}
			l, err := toLocation(map[string]any{"file": item["file"], "line": item["line"]})
			text, tok := item["text"].(string)
			if err != nil || !tok || len(item) != 3 {
				return finding.Finding{}, fmt.Errorf("%s: evidence items must be {file, line, text}, got %s", where, asJSON(item))
			}
			f.Evidence = append(f.Evidence, finding.Evidence{File: l.File, Line: l.Line, Text: text})
		}
	}
	if d, present := obj["details"]; present {
		m, ok := d.(map[string]any)
		if !ok {
			return finding.Finding{}, fmt.Errorf("%s: finding details must be an object", where)
		}
		f.Details = m
	}
	if c, present := obj["confidence"]; present {
		if c != finding.ConfidenceUnconfirmed {
			return finding.Finding{}, fmt.Errorf("%s: finding confidence %s must be %q (or left out)", where, asJSON(c), finding.ConfidenceUnconfirmed)
		}
		f.Confidence = finding.ConfidenceUnconfirmed
	}
	if w, present := obj["waiver"]; present {
		wv, err := toWaiver(w)
		if err != nil {
			return finding.Finding{}, fmt.Errorf("%s: waiver added by the router: %w", where, err)
		}
		f.Waived, f.Waiver = true, wv
	}
	f.Fingerprint = finding.Fingerprint(f)
	return f, nil
}

// asJSON shows a value a rule produced as Rego would write it, not as Go prints a map; a value built from a
// long input (a whole client row) is cut after termsafe.MaxQuoted characters.
func asJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(termsafe.Capped(fmt.Sprint(v)))
	}
	return fmt.Sprint(termsafe.Capped(b))
}

func toLocation(v any) (finding.Location, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return finding.Location{}, fmt.Errorf("must be {file, line, column}, got %s", asJSON(v))
	}
	file, _ := m["file"].(string)
	line, lok := jsonNumberToInt(m["line"])
	if file == "" || !lok || line < 0 {
		return finding.Location{}, fmt.Errorf("must have a file name and a line number, got %s", asJSON(v))
	}
	l := finding.Location{File: file, Line: line}
	if c, present := m["column"]; present {
		col, ok := jsonNumberToInt(c)
		if !ok {
			return finding.Location{}, fmt.Errorf("column must be a number, got %s", asJSON(c))
		}
		l.Column = col
	}
	return l, nil
}

func toWaiver(v any) (*finding.Waiver, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("must be {subject, reason, expires, location}, got %s", asJSON(v))
	}
	w := &finding.Waiver{}
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
