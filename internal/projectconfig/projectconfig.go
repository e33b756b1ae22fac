// Package projectconfig reads .pushlint.yaml: the settings of a CI gate, kept in the repository next to the
// site description it checks (extra policy folders, the severity that fails the run, the waivers file, what
// each rule may do, the thresholds the rules read, the date order of client exports). The file is written by
// hand and guards a gate, so it is read as strictly as site.yaml: every unknown key or wrong value is an error
// with file:line:column. Everything in it can also be given as a flag, and a flag wins.
package projectconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/pushlint/pushlint/internal/strictyaml"
)

// FileName is the name looked up in the current folder and its parents.
const FileName = ".pushlint.yaml"

// Location is where a value was written.
type Location = strictyaml.Location

// Config is one .pushlint.yaml. Paths in it are relative to its folder; Load returns them joined to it.
type Config struct {
	File string

	Policy    []string // extra policy folders
	FailOn    string   // error | warning | info | never; "" when not set
	Waivers   string   // waivers file; "" when not set
	Baseline  string   // baseline report; "" when not set
	DateOrder string   // dmy | mdy; "" when not set
	Rules     []Rule   // in file order
	Params    []Param  // in file order

	// KeyLocations are where each top-level key is written, for messages about a setting.
	KeyLocations map[string]Location
}

// Rule is what the file asks of one rule.
type Rule struct {
	ID       string
	Enabled  *bool  // nil when not said
	Severity string // "" when not said
	Reason   string
	Location Location // where the rule's id is written
}

// Param is one threshold set under params:, as written (the engine knows each parameter's kind).
type Param struct {
	Name        string
	Value       string
	Location    Location // where the value is written
	KeyLocation Location // where the name is written
}

var (
	ruleIDRE  = regexp.MustCompile(`^[A-Z][A-Z0-9_-]*[0-9]+$`)
	topKeys   = []string{"policy", "fail_on", "waivers", "baseline", "date_order", "rules", "params"}
	ruleKeys  = []string{"enabled", "severity", "reason"}
	failOns   = []string{"error", "warning", "info", "never"}
	severity  = []string{"error", "warning", "info"}
	dateOrder = []string{"dmy", "mdy"}
)

// Find looks for FileName in dir and its parents, up to the root of the repository dir is in (the first folder
// holding .git) or of the file system. It returns "" when there is none.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("looking for %s: %w", FileName, err)
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		st, err := os.Stat(p)
		switch {
		case err == nil && !st.IsDir():
			// Named as the caller names dir, so that messages read "../../.pushlint.yaml:4:3".
			if rel, err := filepath.Rel(abs, p); err == nil && !filepath.IsAbs(dir) {
				return filepath.Join(dir, rel), nil
			}
			return p, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("looking for %s: %w", FileName, err)
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return "", nil // the repository's root: a configuration above it belongs to something else
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil
		}
		d = parent
	}
}

// LoadFile reads and checks a .pushlint.yaml.
func LoadFile(path string) (*Config, error) {
	data, err := strictyaml.ReadFile(path, "configuration", strictyaml.DefaultLimits)
	if err != nil {
		return nil, err
	}
	return Load(path, data)
}

// Load checks data, the content of file. On error it returns strictyaml.Errors, each with file:line:column.
func Load(file string, data []byte) (*Config, error) {
	d, root, err := strictyaml.Start(file, data, "settings such as fail_on, policy, waivers, rules and params")
	if err != nil {
		return nil, err
	}
	c := &Config{File: file, KeyLocations: map[string]Location{}}
	m := root.Map("the configuration", topKeys...)
	if !m.OK() {
		return nil, d.Err()
	}
	for _, k := range m.Keys() {
		c.KeyLocations[k] = m.KeyLoc(k)
	}
	dir := filepath.Dir(file)
	path := func(s string) string {
		if filepath.IsAbs(s) || dir == "." {
			return s
		}
		return filepath.Join(dir, s)
	}
	if v := m.Get("policy"); v != nil && !v.IsNull() {
		if v.IsList() {
			for _, item := range v.List("policy") {
				if s, ok := nonEmpty(d, item, "policy folder"); ok {
					c.Policy = append(c.Policy, path(s))
				}
			}
		} else if s, ok := nonEmpty(d, v, "policy (a folder, or a list of folders such as [house-rules])"); ok {
			c.Policy = append(c.Policy, path(s))
		}
	}
	if v := m.Get("fail_on"); v != nil {
		c.FailOn, _ = v.Enum("fail_on", failOns...)
	}
	if v := m.Get("waivers"); v != nil {
		if s, ok := nonEmpty(d, v, "waivers (the waivers file)"); ok {
			c.Waivers = path(s)
		}
	}
	if v := m.Get("baseline"); v != nil {
		if s, ok := nonEmpty(d, v, "baseline (an earlier JSON report)"); ok {
			c.Baseline = path(s)
		}
	}
	if v := m.Get("date_order"); v != nil {
		c.DateOrder, _ = v.Enum("date_order (how client exports write dates: dmy is 25/03/2008, mdy is 03/25/2008)", dateOrder...)
	}
	if v := m.Get("rules"); v != nil && !v.IsNull() {
		rm := v.MapAny("rules (rule ids, each with enabled, severity, reason)")
		for _, id := range rm.Keys() {
			c.Rules = append(c.Rules, decodeRule(d, id, rm.KeyLoc(id), rm.Get(id)))
		}
	}
	if v := m.Get("params"); v != nil && !v.IsNull() {
		pm := v.MapAny("params (parameter names with their values, see docs/rules/README.md)")
		for _, name := range pm.Keys() {
			if p, ok := decodeParam(name, pm.KeyLoc(name), pm.Get(name)); ok {
				c.Params = append(c.Params, p)
			}
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

func nonEmpty(d *strictyaml.Decoder, n *strictyaml.Node, what string) (string, bool) {
	s, ok := n.String(what)
	if !ok {
		return "", false
	}
	if strings.TrimSpace(s) == "" {
		d.Errorf(n.Loc, "%s is empty", what)
		return "", false
	}
	return strings.TrimSpace(s), true
}

func decodeRule(d *strictyaml.Decoder, id string, at Location, n *strictyaml.Node) Rule {
	r := Rule{ID: id, Location: at}
	if !ruleIDRE.MatchString(id) {
		msg := fmt.Sprintf("rules: %q is not a rule id; expected one such as PL006", id)
		if up := strings.ToUpper(id); ruleIDRE.MatchString(up) {
			msg = fmt.Sprintf("rules: %q: rule ids are upper-case (write %s)", id, up)
		}
		d.Errorf(at, "%s", msg)
	}
	what := "rules." + id
	m := n.Map(what, ruleKeys...)
	if !m.OK() {
		return r
	}
	if m.Written() == 0 {
		d.Errorf(n.Loc, "%s says nothing; give enabled: false (with a reason) or a severity", what)
	}
	if v := m.Get("enabled"); v != nil {
		if b, ok := v.Bool(what + ".enabled"); ok {
			r.Enabled = &b
		}
	}
	if v := m.Get("severity"); v != nil {
		r.Severity, _ = v.Enum(what+".severity", severity...)
	}
	if v := m.Get("reason"); v != nil {
		r.Reason, _ = nonEmpty(d, v, what+".reason")
	}
	if r.Enabled != nil && !*r.Enabled && r.Reason == "" && m.Get("reason") == nil {
		// A gate with a rule turned off says why in every report; the reason is what a reader gets.
		d.Errorf(m.KeyLoc("enabled"), "%s: enabled: false needs a reason (say why the rule is off; every report prints it)", what)
	}
	return r
}

// decodeParam keeps a parameter's value as written: a whole number (a count) or a string (a duration with a
// unit). What each parameter accepts is known to the engine, which checks it against this location.
func decodeParam(name string, at Location, n *strictyaml.Node) (Param, bool) {
	p := Param{Name: name, Location: n.Loc, KeyLocation: at}
	if i, ok := n.IntQuiet(); ok {
		p.Value = strconv.Itoa(i)
		return p, true
	}
	s, ok := n.String("params." + name + " (a count such as 168, or a duration with a unit such as 2h)")
	p.Value = s
	return p, ok
}
