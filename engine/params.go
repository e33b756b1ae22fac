package engine

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	rego "github.com/open-policy-agent/opa/v1/ast"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/strictyaml"
)

// ParamsRoot is where rules read the numbers they decide with: data.pushlint.params, from the data file
// policies/pushlint/params/data.yaml. Every threshold lives there, so that an auditor changes one value (in
// .pushlint.yaml or with --param) instead of copying a rule.
const ParamsRoot = "pushlint.params"

// paramsDir is the folder of a policy tree whose data file holds parameters.
var paramsDir = strings.ReplaceAll(ParamsRoot, ".", "/")

// durationSuffix marks a parameter that is a duration in seconds. Users write it without the suffix and with
// a unit (ccr_cycle: 2h), as site.yaml writes durations.
const durationSuffix = "_seconds"

// Param is one parameter: its value in this run, its default, what it means and which rules read it.
type Param struct {
	Name     string   `json:"name"`     // as .pushlint.yaml and --param write it: ccr_cycle
	Key      string   `json:"key"`      // as rules read it: data.pushlint.params.ccr_cycle_seconds
	Duration bool     `json:"duration"` // seconds, written with a unit
	Default  int64    `json:"default"`
	Value    int64    `json:"value"`
	SetBy    string   `json:"set_by,omitempty"` // where a user set it (.pushlint.yaml:9:3, --param); "" for the default
	Doc      string   `json:"doc"`
	File     string   `json:"file"`  // the data file that declares it
	Rules    []string `json:"rules"` // ids of the rules that read it
}

// Show writes a value of the parameter as a user writes it: 1h, 7d, 168.
func (p Param) Show(v int64) string {
	if !p.Duration {
		return strconv.FormatInt(v, 10)
	}
	for _, u := range []struct {
		unit    string
		seconds int64
	}{{"d", 86400}, {"h", 3600}, {"m", 60}} {
		if v > 0 && v%u.seconds == 0 {
			return strconv.FormatInt(v/u.seconds, 10) + u.unit
		}
	}
	if v == 0 {
		return "0"
	}
	return strconv.FormatInt(v, 10) + "s"
}

// ParamSetting is a value a user gives a parameter.
type ParamSetting struct {
	Name      string // ccr_cycle
	Value     string // as written: 2h, 168
	Where     string // where the value was written, for errors and reports: .pushlint.yaml:9:14, or --param
	NameWhere string // where the name was written, for an unknown name; "" when the same as Where
}

func (s ParamSetting) nameWhere() string {
	if s.NameWhere != "" {
		return s.NameWhere
	}
	return s.Where
}

// paramFile is a params data file as read, kept for the documentation in its comments.
type paramFile struct {
	display string
	text    []byte
}

// params builds the parameter table from the params data files: each key a whole number, documented by the
// comment above it.
func (l *loaded) params() ([]Param, error) {
	pushlint, _ := l.data["pushlint"].(map[string]any)
	values, _ := pushlint["params"].(map[string]any)
	docs := map[string]string{}
	files := map[string]string{}
	for _, f := range l.paramFiles {
		d, err := paramDocs(f.text)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.display, err)
		}
		for k, doc := range d {
			docs[k], files[k] = doc, f.display
		}
	}
	var out []Param
	var errs []string
	for key, v := range values {
		n, ok := wholeNumber(v)
		if !ok || n < 0 {
			errs = append(errs, fmt.Sprintf("%s: parameter %s must be a whole number of at least 0 (seconds for a *_seconds key), found %s", files[key], key, asJSON(v)))
			continue
		}
		p := Param{Name: strings.TrimSuffix(key, durationSuffix), Key: key, Duration: strings.HasSuffix(key, durationSuffix),
			Default: n, Value: n, Doc: docs[key], File: files[key], Rules: []string{}}
		out = append(out, p)
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, &PolicyError{Kind: "data", Messages: errs}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func wholeNumber(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case int:
		return int64(n), true
	case int64:
		return n, true
	case float64:
		return int64(n), n == float64(int64(n))
	}
	return 0, false
}

// paramDocs reads the comment right above each top-level key of a params data file: the lines that run up to
// the key without a blank line between (a comment block further up is about the file).
func paramDocs(text []byte) (map[string]string, error) {
	f, err := parser.ParseBytes(text, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, doc := range f.Docs {
		m, ok := doc.Body.(*ast.MappingNode)
		if !ok {
			continue
		}
		for _, mv := range m.Values {
			out[mv.Key.String()] = commentAbove(mv)
		}
	}
	return out, nil
}

func commentAbove(mv *ast.MappingValueNode) string {
	g := mv.GetComment()
	if g == nil {
		return ""
	}
	keyLine := mv.Key.GetToken().Position.Line
	var lines []string
	next := keyLine
	for i := len(g.Comments) - 1; i >= 0; i-- {
		c := g.Comments[i]
		line := c.GetToken().Position.Line
		if line != next-1 {
			break
		}
		lines = append([]string{strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c.String()), "#"))}, lines...)
		next = line
	}
	return strings.Join(lines, " ")
}

// applyParams sets the parameters users gave, in order (a later setting wins), into the policy data, and
// returns the table with the values of this run. Every mistake is an error at the place it was written.
func applyParams(l *loaded, table []Param, settings []ParamSetting) ([]Param, []finding.Change, error) {
	byName := map[string]int{}
	names := make([]string, 0, len(table))
	for i, p := range table {
		byName[p.Name] = i
		names = append(names, p.Name)
	}
	var errs []string
	for _, s := range settings {
		i, ok := byName[s.Name]
		if !ok {
			if j, isKey := byName[strings.TrimSuffix(s.Name, durationSuffix)]; isKey && table[j].Duration {
				errs = append(errs, fmt.Sprintf("%s: parameter %q is written %q, with a unit (e.g. %s: %s)", s.nameWhere(), s.Name, table[j].Name, table[j].Name, table[j].Show(table[j].Default)))
				continue
			}
			msg := fmt.Sprintf("%s: unknown parameter %q", s.nameWhere(), s.Name)
			if sug := strictyaml.Suggest(s.Name, names); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			} else {
				msg += " (known: " + strings.Join(names, ", ") + ")"
			}
			errs = append(errs, msg)
			continue
		}
		v, err := parseParam(table[i], s.Value)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: parameter %s: %v", s.Where, s.Name, err))
			continue
		}
		table[i].Value, table[i].SetBy = v, s.Where
	}
	if len(errs) > 0 {
		return nil, nil, &ConfigError{Messages: errs}
	}
	var changes []finding.Change
	for _, p := range table {
		if p.SetBy == "" {
			continue
		}
		l.data["pushlint"].(map[string]any)["params"].(map[string]any)[p.Key] = json.Number(strconv.FormatInt(p.Value, 10))
		if p.Value == p.Default {
			continue
		}
		changes = append(changes, finding.Change{Kind: finding.ChangeParam, Param: p.Name, From: p.Show(p.Default), To: p.Show(p.Value), Source: p.SetBy})
	}
	return table, changes, nil
}

func parseParam(p Param, s string) (int64, error) {
	s = strings.TrimSpace(s)
	if p.Duration {
		if s == "0" {
			return 0, nil
		}
		if _, err := strconv.ParseInt(s, 10, 64); err == nil {
			return 0, fmt.Errorf("%q needs a unit: write %sh for hours (units: m, h, d, w)", s, s)
		}
		return strictyaml.ParseDuration(s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a count; expected a whole number of at least 0, e.g. %d", s, p.Default)
	}
	return n, nil
}

// readsParams lists the parameters a compiled rule module reads, by name: every reference to
// data.pushlint.params.<key> (imports are resolved by then, so an aliased import counts too).
func readsParams(m *rego.Module) []string {
	prefix := rego.MustParseRef("data." + ParamsRoot)
	set := map[string]bool{}
	rego.WalkRefs(m, func(r rego.Ref) bool {
		if r.HasPrefix(prefix) && len(r) > len(prefix) {
			if key, ok := r[len(prefix)].Value.(rego.String); ok {
				set[strings.TrimSuffix(string(key), durationSuffix)] = true
			}
		}
		return false
	})
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// isParamsData says whether a data file of a policy tree declares parameters.
func isParamsData(p string) bool { return path.Dir(p) == paramsDir }

// ConfigError is a mistake in what a user asked of the rules (a parameter, a rule setting): exit code 2, each
// message starting with where it was written.
type ConfigError struct {
	Messages []string
}

func (e *ConfigError) Error() string { return strings.Join(e.Messages, "\n") }
