// Package signatures turns log entries into typed events. Which messages mean what is data, not code: a
// signature file (the built-in one ships with the policies as pushlint/signatures/data.yaml) names the log
// kinds pushlint knows and, for every event type, the phrase that reveals it: a literal to pre-filter on,
// an RE2 pattern whose named groups become the event's fields, and how to normalize those fields. Users add
// or replace signatures with their own files without rebuilding pushlint.
package signatures

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/pushlint/pushlint/internal/strictyaml"
)

// Roles say what an event means for the push of one machine; correlation reads them, never event names.
const (
	RoleBegin   = "begin"   // a CCR starts being processed: a new attempt
	RoleEnd     = "end"     // the processing of a CCR ended
	RoleRetry   = "retry"   // the CCR went back to the Retry queue: the attempt failed and will be retried
	RoleFailure = "failure" // something in the push failed
	RoleSuccess = "success" // the push of the machine completed
	RoleInfo    = "info"    // context only
)

var roles = []string{RoleBegin, RoleEnd, RoleRetry, RoleFailure, RoleSuccess, RoleInfo}

// Normalizations a signature can ask for, per field.
const (
	NormText      = "text"       // trimmed
	NormMachine   = "machine"    // NetBIOS name, upper case, without domain suffix or markup
	NormAccount   = "account"    // DOMAIN\user as written, without quotes or markup
	NormRequest   = "request"    // CCR name or request id, upper case, without markup
	NormErrorCode = "error_code" // number; adds <field>_hex and, when it is one, <field>_win32
	NormInt       = "int"        // decimal number
	NormUpper     = "upper"
	NormLower     = "lower"
)

var normalizations = []string{NormText, NormMachine, NormAccount, NormRequest, NormErrorCode, NormInt, NormUpper, NormLower}

// MaxBefore bounds how many preceding lines an event may carry, so memory stays proportional to events.
const MaxBefore = 50

// Kind is a kind of log file (ccm, ccmsetup, client_msi, ...), recognized by file name, component or format.
type Kind struct {
	ID         string
	Title      string
	Side       string   // server | client
	Files      []string // glob patterns on the file's base name, case-insensitive
	Components []string // components whose entries identify the kind, case-insensitive
	Formats    []string // log formats that identify the kind (msi_verbose)
	Disabled   bool     // in an override file: remove the kind
	Loc        strictyaml.Location
}

// Signature describes one way an event shows up in a log.
type Signature struct {
	ID             string
	Type           string // event type; defaults to ID, so several phrasings can yield one event type
	Title          string
	Source         string // where the phrase was seen (KB numbers, Q&A threads)
	Unconfirmed    bool   // the phrase was never seen in a real log: an expectation to verify
	Disabled       bool   // in an override file: remove the signature
	Logs           []string
	Components     []string
	Contains       []string // literals, case-insensitive; the entry must contain one of them
	Pattern        string
	Fields         map[string]string // field → normalization
	Values         map[string]string // constant fields, normalized like captured ones
	Role           string
	ClearsFailures bool
	Remember       []string // fields stored as context for later entries of the same thread
	Recall         []string // fields taken from that context when the entry does not name them
	Forget         bool     // clear the thread's context after this entry
	Before         int      // preceding lines of the same file to attach to the event
	Emit           bool     // false: the signature only feeds context and yields no event
	Loc            strictyaml.Location
	PatternLoc     strictyaml.Location
}

// Set is the content of one or more signature files.
type Set struct {
	Kinds  []*Kind
	Events []*Signature

	parsed *parsedSet // what ParseFS cloned this set from, whose matcher Compile can reuse
}

var (
	idRE    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	fieldRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// LoadFile reads a signature file (YAML or JSON).
func LoadFile(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading signatures: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a signature file. Every problem is reported with file:line:column.
func Parse(file string, data []byte) (*Set, error) {
	doc, err := strictyaml.Parse(file, data, strictyaml.DefaultLimits)
	if err != nil {
		return nil, err
	}
	d := strictyaml.NewDecoder(doc)
	set := &Set{}
	root := d.Root()
	if root == nil || root.IsNull() {
		return nil, strictyaml.Errors{{Location: strictyaml.Location{File: file, Line: 1, Column: 1},
			Message: `file is empty; expected "kinds:" and/or "events:"`}}
	}
	m := root.Map("the signature file", "version", "kinds", "events")
	if !m.OK() {
		return nil, d.Err()
	}
	if n := m.Get("version"); n != nil {
		if v, ok := n.Int("version"); ok && v != 1 {
			d.Errorf(n.Loc, "version %d is not supported; this pushlint reads signature files of version 1", v)
		}
	}
	if n := m.Get("kinds"); n != nil && !n.IsNull() {
		km := n.MapAny("kinds")
		for _, id := range km.Keys() {
			if k := decodeKind(d, id, km.KeyLoc(id), km.Get(id)); k != nil {
				set.Kinds = append(set.Kinds, k)
			}
		}
	}
	if n := m.Get("events"); n != nil && !n.IsNull() {
		em := n.MapAny("events")
		for _, id := range em.Keys() {
			if s := decodeSignature(d, id, em.KeyLoc(id), em.Get(id)); s != nil {
				set.Events = append(set.Events, s)
			}
		}
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return set, nil
}

func decodeKind(d *strictyaml.Decoder, id string, loc strictyaml.Location, n *strictyaml.Node) *Kind {
	what := "kind " + id
	if !idRE.MatchString(id) {
		d.Errorf(loc, "kind id %q must be lower-case letters, digits and _, starting with a letter", id)
		return nil
	}
	k := &Kind{ID: id, Loc: loc}
	m := n.Map(what, "title", "side", "files", "components", "formats", "disabled")
	if !m.OK() {
		return nil
	}
	boolKey(m, "disabled", what, &k.Disabled)
	if k.Disabled {
		return k
	}
	m.Require(what, "title", "side")
	strKey(m, "title", what, &k.Title)
	if v := m.Get("side"); v != nil {
		k.Side, _ = v.Enum(what+".side", "server", "client")
	}
	k.Files = strList(m, "files", what)
	for i, f := range k.Files {
		k.Files[i] = strings.ToLower(f)
		if _, err := pathMatch(k.Files[i], ""); err != nil {
			d.Errorf(m.KeyLoc("files"), "%s.files: %q is not a valid file name pattern", what, f)
		}
	}
	k.Components = strList(m, "components", what)
	k.Formats = strList(m, "formats", what)
	return k
}

func decodeSignature(d *strictyaml.Decoder, id string, loc strictyaml.Location, n *strictyaml.Node) *Signature {
	what := "event " + id
	if !idRE.MatchString(id) {
		d.Errorf(loc, "event id %q must be lower-case letters, digits and _, starting with a letter", id)
		return nil
	}
	s := &Signature{ID: id, Type: id, Role: RoleInfo, Emit: true, Loc: loc, Fields: map[string]string{}, Values: map[string]string{}}
	m := n.Map(what, "type", "title", "source", "unconfirmed", "disabled", "logs", "components", "contains",
		"pattern", "fields", "values", "role", "clears_failures", "remember", "recall", "forget", "before", "emit")
	if !m.OK() {
		return nil
	}
	boolKey(m, "disabled", what, &s.Disabled)
	if s.Disabled {
		return s
	}
	m.Require(what, "title", "pattern")
	if v := m.Get("type"); v != nil {
		if t, ok := v.String(what + ".type"); ok {
			if !idRE.MatchString(t) {
				d.Errorf(v.Loc, "%s.type %q must be lower-case letters, digits and _, starting with a letter", what, t)
			}
			s.Type = t
		}
	}
	strKey(m, "title", what, &s.Title)
	strKey(m, "source", what, &s.Source)
	boolKey(m, "unconfirmed", what, &s.Unconfirmed)
	s.Logs = strList(m, "logs", what)
	s.Components = strList(m, "components", what)
	if v := m.Get("contains"); v != nil && !v.IsNull() {
		if str, ok := scalarOrList(v, what+".contains"); ok {
			for _, c := range str {
				if strings.TrimSpace(c) == "" {
					d.Errorf(v.Loc, "%s.contains must not be empty", what)
					continue
				}
				s.Contains = append(s.Contains, c)
			}
		}
	}
	if v := m.Get("pattern"); v != nil {
		s.PatternLoc = v.Loc
		if p, ok := v.String(what + ".pattern"); ok {
			s.Pattern = p
			if _, err := regexp.Compile(p); err != nil {
				d.Errorf(v.Loc, "%s.pattern is not a valid RE2 regular expression: %v", what, err)
			}
		}
	}
	if v := m.Get("fields"); v != nil && !v.IsNull() {
		fm := v.MapAny(what + ".fields")
		for _, f := range fm.Keys() {
			if !fieldRE.MatchString(f) {
				d.Errorf(fm.KeyLoc(f), "%s.fields: field name %q must be lower-case letters, digits and _", what, f)
				continue
			}
			if norm, ok := fm.Get(f).Enum(what+".fields."+f, normalizations...); ok {
				s.Fields[f] = norm
			}
		}
	}
	if v := m.Get("values"); v != nil && !v.IsNull() {
		vm := v.MapAny(what + ".values")
		for _, f := range vm.Keys() {
			if !fieldRE.MatchString(f) {
				d.Errorf(vm.KeyLoc(f), "%s.values: field name %q must be lower-case letters, digits and _", what, f)
				continue
			}
			if val, ok := vm.Get(f).String(what + ".values." + f); ok {
				s.Values[f] = val
			}
		}
	}
	if v := m.Get("role"); v != nil {
		s.Role, _ = v.Enum(what+".role", roles...)
	}
	s.ClearsFailures = s.Role == RoleSuccess
	boolKey(m, "clears_failures", what, &s.ClearsFailures)
	s.Remember = strList(m, "remember", what)
	s.Recall = strList(m, "recall", what)
	boolKey(m, "forget", what, &s.Forget)
	if v := m.Get("before"); v != nil {
		if b, ok := v.Int(what + ".before"); ok {
			if b < 0 || b > MaxBefore {
				d.Errorf(v.Loc, "%s.before must be between 0 and %d, found %d", what, MaxBefore, b)
			} else {
				s.Before = b
			}
		}
	}
	boolKey(m, "emit", what, &s.Emit)
	if !s.Emit && len(s.Remember) == 0 && !s.Forget {
		d.Errorf(m.KeyLoc("emit"), "%s has emit: false but neither remembers nor forgets anything, so it does nothing", what)
	}
	checkFieldNames(d, s, what)
	return s
}

// checkFieldNames rejects fields that can never get a value and groups that name no valid field.
func checkFieldNames(d *strictyaml.Decoder, s *Signature, what string) {
	re, err := regexp.Compile(s.Pattern)
	if err != nil {
		return
	}
	groups := map[string]bool{}
	for _, g := range re.SubexpNames() {
		if g == "" {
			continue
		}
		if !fieldRE.MatchString(g) {
			d.Errorf(s.PatternLoc, "%s.pattern: group name %q must be lower-case letters, digits and _", what, g)
		}
		groups[g] = true
	}
	for f := range s.Fields {
		if !groups[f] && s.Values[f] == "" && !contains(s.Recall, f) {
			d.Errorf(s.PatternLoc, "%s.fields names %q, but the pattern has no group (?P<%s>...) and no value or recall gives it one", what, f, f)
		}
	}
	for _, f := range s.Remember {
		if !groups[f] && s.Values[f] == "" && !contains(s.Recall, f) {
			d.Errorf(s.PatternLoc, "%s.remember names %q, which the event never has", what, f)
		}
	}
}

// Merge lays o over s: a kind or signature with an id already in s replaces it (or, with disabled: true,
// removes it); new ids are added after the existing ones.
func (s *Set) Merge(o *Set) {
	for _, k := range o.Kinds {
		s.Kinds = mergeByID(s.Kinds, k, k.ID, k.Disabled, func(x *Kind) string { return x.ID })
	}
	for _, e := range o.Events {
		s.Events = mergeByID(s.Events, e, e.ID, e.Disabled, func(x *Signature) string { return x.ID })
	}
}

func mergeByID[T any](list []T, item T, id string, disabled bool, idOf func(T) string) []T {
	for i, x := range list {
		if idOf(x) == id {
			if disabled {
				return append(list[:i:i], list[i+1:]...)
			}
			list[i] = item
			return list
		}
	}
	if disabled {
		return list
	}
	return append(list, item)
}

func strKey(m *strictyaml.Map, key, what string, dst *string) {
	if v := m.Get(key); v != nil && !v.IsNull() {
		if s, ok := v.String(what + "." + key); ok {
			*dst = s
		}
	}
}

func boolKey(m *strictyaml.Map, key, what string, dst *bool) {
	if v := m.Get(key); v != nil {
		if b, ok := v.Bool(what + "." + key); ok {
			*dst = b
		}
	}
}

func strList(m *strictyaml.Map, key, what string) []string {
	v := m.Get(key)
	if v == nil || v.IsNull() {
		return nil
	}
	list, _ := scalarOrList(v, what+"."+key)
	return list
}

// scalarOrList accepts `x` or `[x, y]`: a single phrase need not be wrapped in a list.
func scalarOrList(n *strictyaml.Node, what string) ([]string, bool) {
	if n.IsNull() {
		return nil, true
	}
	if !n.IsList() {
		s, ok := n.String(what)
		return []string{s}, ok
	}
	var out []string
	for _, item := range n.List(what) {
		if s, ok := item.String(what + " item"); ok {
			out = append(out, s)
		}
	}
	return out, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ParseFS reads a signature file from fsys (the policies embedded in the binary); display names it in errors.
func ParseFS(fsys fs.FS, name, display string) (*Set, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("reading signatures %s: %w", display, err)
	}
	key := parsedKey{display, sha256.Sum256(data)}
	if p, ok := parsedFS.Load(key); ok {
		return p.(*parsedSet).clone(), nil
	}
	set, err := Parse(display, data)
	if err != nil {
		return nil, err
	}
	p := &parsedSet{set: set}
	p.matcher = sync.OnceValues(func() (*Matcher, error) { return compile(set) })
	stored, _ := parsedFS.LoadOrStore(key, p)
	return stored.(*parsedSet).clone(), nil
}

// parsedFS keeps what ParseFS parsed, by name and content, and its compiled matcher: the built-in file is
// read by every run (the document, the report's log names, explain), and a process that runs many checks
// parses and compiles it once. Keyed by content, a file that changes is parsed again.
var parsedFS sync.Map // parsedKey → *parsedSet

type parsedKey struct {
	display string
	sum     [sha256.Size]byte
}

type parsedSet struct {
	set     *Set
	matcher func() (*Matcher, error)
}

// clone is a set that Merge can change without changing the parsed one; the signatures themselves are
// never changed after parsing, so they are shared.
func (p *parsedSet) clone() *Set {
	return &Set{Kinds: slices.Clone(p.set.Kinds), Events: slices.Clone(p.set.Events), parsed: p}
}
