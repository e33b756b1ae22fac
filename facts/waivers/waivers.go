// Package waivers reads the --waivers file: findings a team has accepted for a while, each with the rule, the
// subject, why, and until when. The file is written by hand and guards a CI gate, so it is read as strictly
// as site.yaml: every mistake is an error with file:line:column.
package waivers

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/gobwas/glob"

	"github.com/pushlint/pushlint/internal/strictyaml"
	"github.com/pushlint/pushlint/internal/termsafe"
)

// Location is where a value was written.
type Location = strictyaml.Location

// Waiver is one accepted finding. It reaches policies as input.waivers[]: the router applies the active
// ones and the gate rules report the expired and the stale ones.
type Waiver struct {
	Rule string `json:"rule"`
	// Package is the Rego package of the rule with that id in this run (set by Resolve): the router matches
	// findings by package because rule ids live in METADATA, which Rego cannot read across packages.
	Package string `json:"package"`
	// Subject is a site code, machine name or account (compared case-insensitively), or a file glob such
	// as logs/*.log.
	Subject string `json:"subject"`
	Reason  string `json:"reason"`
	// Expires is the date as written (YYYY-MM-DD); ExpiresSeconds is its first second, UTC: the waiver
	// applies while now_seconds < expires_seconds.
	Expires        string                         `json:"expires"`
	ExpiresSeconds int64                          `json:"expires_seconds"`
	Location       Location                       `json:"location"`
	KeyLocations   map[string]strictyaml.Location `json:"key_locations"`
}

var ruleIDRE = regexp.MustCompile(`^[A-Z][A-Z0-9_-]*[0-9]+$`)

// LoadFile reads and checks a waivers file.
func LoadFile(path string) ([]Waiver, error) {
	data, err := strictyaml.ReadFile(path, "waivers", strictyaml.DefaultLimits)
	if err != nil {
		return nil, err
	}
	return Load(path, data)
}

// Load checks data (the content of file). On error it returns strictyaml.Errors, each with file:line:column.
func Load(file string, data []byte) ([]Waiver, error) {
	d, root, err := strictyaml.Start(file, data, `"waivers:" and a list of {rule, subject, reason, expires}`)
	if err != nil {
		return nil, err
	}
	m := root.Map("the waivers file", "waivers")
	out := []Waiver{}
	if m.OK() && m.Require("the waivers file", "waivers") {
		n := m.Get("waivers")
		first := map[string]int{}
		for _, item := range n.List("waivers") { // a value that is not a list is reported by List
			if d.Full() {
				break
			}
			w, ok := decodeWaiver(d, item)
			if !ok {
				continue
			}
			key := w.Rule + "\x00" + strings.ToLower(w.Subject)
			if line, dup := first[key]; dup {
				d.Errorf(w.Location, "a second waiver for %s on %q (the first is at line %d); keep one", w.Rule, w.Subject, line)
				continue
			}
			first[key] = w.Location.Line
			out = append(out, w)
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func decodeWaiver(d *strictyaml.Decoder, n *strictyaml.Node) (Waiver, bool) {
	w := Waiver{Location: n.Loc, KeyLocations: map[string]strictyaml.Location{}}
	m := n.Map("waiver", "rule", "subject", "reason", "expires")
	if !m.OK() {
		return w, false
	}
	for _, k := range m.Keys() {
		w.KeyLocations[k] = m.KeyLoc(k)
	}
	ok := m.Require("waiver", "rule", "subject", "reason", "expires")
	str := func(key, what string) string {
		v := m.Get(key)
		if v == nil {
			return ""
		}
		s, good := v.String(what)
		if !good {
			ok = false
			return ""
		}
		if strings.TrimSpace(s) == "" {
			d.Errorf(v.Loc, "%s is empty", what)
			ok = false
		}
		return strings.TrimSpace(s)
	}
	w.Rule = str("rule", "waiver rule")
	if w.Rule != "" && !ruleIDRE.MatchString(w.Rule) {
		msg := fmt.Sprintf("waiver rule %q is not a rule id; expected one such as PL007", termsafe.Capped(w.Rule))
		if up := strings.ToUpper(w.Rule); ruleIDRE.MatchString(up) {
			msg = fmt.Sprintf("waiver rule %q: rule ids are upper-case (write %s)", termsafe.Capped(w.Rule), termsafe.Capped(up))
		}
		d.Errorf(m.Get("rule").Loc, "%s", msg)
		ok = false
	}
	w.Subject = str("subject", "waiver subject (a site code, machine name, account or file glob)")
	if w.Subject != "" {
		if err := checkGlob(w.Subject); err != nil {
			d.Errorf(m.Get("subject").Loc, "waiver subject %q is not a valid glob (%v); * matches within a folder, ** across folders, ? one character, [a-z] a range, {a,b} either; in a single-quoted value write \\[ \\{ \\* \\? for the character itself", w.Subject, err)
			ok = false
		}
	}
	w.Reason = str("reason", "waiver reason (say why the finding is accepted)")
	if v := m.Get("expires"); v != nil {
		s, good := v.String("waiver expires (a date, YYYY-MM-DD)")
		t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
		switch {
		case !good:
			ok = false
		case err != nil:
			d.Errorf(v.Loc, "waiver expires %q must be a date written YYYY-MM-DD, e.g. 2027-01-31", s)
			ok = false
		default:
			w.Expires = t.Format("2006-01-02")
			w.ExpiresSeconds = t.UTC().Unix()
		}
	}
	return w, ok
}

// checkGlob compiles a subject as policies/lib/waivers.rego matches it: glob.match(lower(subject), ["/"], ...),
// with the glob library OPA's glob.match uses. A subject that does not compile would otherwise fail the
// evaluation of the built-in router, blamed on the policy instead of the line of the waivers file.
func checkGlob(subject string) error {
	_, err := glob.Compile(strings.ToLower(subject), '/')
	if err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "glob: "))
	}
	return nil
}

// Resolve sets each waiver's Package from the rules evaluated in this run (id → package). A waiver naming a
// rule that is not loaded is an error: it could never apply, and it is most often a typo.
func Resolve(ws []Waiver, packages map[string]string) error {
	var errs strictyaml.Errors
	for i := range ws {
		pkg, ok := packages[ws[i].Rule]
		if !ok {
			loc := ws[i].KeyLocations["rule"]
			errs = append(errs, &strictyaml.Error{Location: loc, Message: fmt.Sprintf(
				"waiver rule %s names no rule of this run that can be waived (known: %s)", ws[i].Rule, knownIDs(packages))})
			continue
		}
		ws[i].Package = pkg
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func knownIDs(packages map[string]string) string {
	ids := make([]string, 0, len(packages))
	for id := range packages {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if len(ids) > 12 {
		return strings.Join(ids[:12], ", ") + ", ... (see pushlint rules)"
	}
	return strings.Join(ids, ", ")
}
