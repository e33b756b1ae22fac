package signatures

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pushlint/pushlint/facts/logs"
	"github.com/pushlint/pushlint/internal/strictyaml"
	"github.com/pushlint/pushlint/internal/termsafe"
)

// Matcher holds the compiled signatures. Build it once per run; it is read-only afterwards and every Stream
// shares it.
type Matcher struct {
	kinds     []*Kind
	byKind    map[string]*candidates // kind id → signatures that apply to it
	all       *candidates            // for files whose kind is not known
	maxBefore int
}

// candidates are the signatures to try on the entries of one kind of file, in order, with what tells in one
// pass over a message which of them can match it: those with a `contains` literal the message holds, and
// those without any.
type candidates struct {
	list     []*compiled
	has      map[*compiled]bool
	literals *literalSet // literal i → candidate owner[i]
	owner    []int
	always   []uint64 // candidates without literals, as bits
	words    int
}

func newCandidates(list []*compiled) *candidates {
	cs := &candidates{list: list, has: map[*compiled]bool{}, words: (len(list) + 63) / 64}
	for _, c := range list {
		cs.has[c] = true
	}
	cs.always = make([]uint64, cs.words)
	var lits [][]byte
	for i, c := range list {
		if len(c.contains) == 0 {
			cs.always[i>>6] |= 1 << (i & 63)
		}
		for _, l := range c.contains {
			lits = append(lits, l)
			cs.owner = append(cs.owner, i)
		}
	}
	cs.literals = newLiteralSet(lits)
	// The automaton reports literals; report their candidates instead.
	for s, out := range cs.literals.out {
		if out == nil {
			continue
		}
		seen := map[uint16]bool{}
		var owners []uint16
		for _, l := range out {
			o := uint16(cs.owner[l])
			if !seen[o] {
				seen[o] = true
				owners = append(owners, o)
			}
		}
		cs.literals.out[s] = owners
	}
	return cs
}

type compiled struct {
	*Signature
	re         *regexp.Regexp
	prefix     string         // what every match starts with, when the pattern says
	anchored   *regexp.Regexp // the pattern anchored at its start, tried where prefix occurs
	skel       *skeleton      // the pattern matched without backtracking, when it has that shape
	contains   [][]byte       // lower-cased
	components map[string]bool
	groups     []string    // field name per submatch index ("" when unnamed)
	norms      []string    // normalization per submatch index
	values     [][2]string // constant fields and their values, in order of name
}

var pathMatch = path.Match

// Compile checks the set as a whole (kinds named by signatures exist) and compiles every pattern.
func Compile(set *Set) (*Matcher, error) {
	// A set still as ParseFS read it (nothing merged into it) compiles to the matcher compiled already.
	if p := set.parsed; p != nil && slices.Equal(set.Kinds, p.set.Kinds) && slices.Equal(set.Events, p.set.Events) {
		return p.matcher()
	}
	return compile(set)
}

func compile(set *Set) (*Matcher, error) {
	m := &Matcher{byKind: map[string]*candidates{}}
	var errs strictyaml.Errors
	var all []*compiled
	kinds := map[string]bool{}
	for _, k := range set.Kinds {
		m.kinds = append(m.kinds, k)
		kinds[k.ID] = true
	}
	for _, s := range set.Events {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			errs = append(errs, &strictyaml.Error{Location: s.PatternLoc, Message: fmt.Sprintf("event %s: pattern: %v", s.ID, err)})
			continue
		}
		c := &compiled{Signature: s, re: re, groups: re.SubexpNames()}
		if c.skel = compileSkeleton(s.Pattern); c.skel != nil {
			c.prefix = c.skel.steps[0].lit
		} else if p, _ := re.LiteralPrefix(); p != "" {
			// Anchored, Go's regexp matches in one pass instead of trying every start position.
			c.prefix, c.anchored = p, regexp.MustCompile("^(?:"+s.Pattern+")")
		}
		for _, g := range c.groups {
			c.norms = append(c.norms, normOf(s, g))
		}
		for _, f := range sortedKeys(s.Values) {
			c.values = append(c.values, [2]string{f, s.Values[f]})
		}
		for _, lit := range s.Contains {
			c.contains = append(c.contains, []byte(asciiLower(lit)))
		}
		if len(s.Components) > 0 {
			c.components = map[string]bool{}
			for _, comp := range s.Components {
				c.components[strings.ToLower(comp)] = true
			}
		}
		for _, id := range s.Logs {
			if !kinds[id] {
				errs = append(errs, &strictyaml.Error{Location: s.Loc, Message: fmt.Sprintf(
					"event %s: logs names kind %q, which no signature file defines (known: %s)", s.ID, termsafe.Capped(id), strings.Join(sortedKeys(kinds), ", "))})
			}
		}
		all = append(all, c)
		if s.Before > m.maxBefore {
			m.maxBefore = s.Before
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, k := range m.kinds {
		var list []*compiled
		for _, c := range all {
			if len(c.Logs) == 0 || contains(c.Logs, k.ID) {
				list = append(list, c)
			}
		}
		m.byKind[k.ID] = newCandidates(list)
	}
	m.all = newCandidates(all)
	return m, nil
}

// UnconfirmedTypes lists, sorted, the event types that only unconfirmed signatures yield: a rule that
// finds such an event, or finds it missing, rests on a phrase no real log has shown yet.
func (m *Matcher) UnconfirmedTypes() []string {
	confirmed, unconfirmed := map[string]bool{}, map[string]bool{}
	for _, c := range m.all.list {
		if !c.Emit {
			continue
		}
		if c.Unconfirmed {
			unconfirmed[c.Type] = true
		} else {
			confirmed[c.Type] = true
		}
	}
	out := []string{}
	for t := range unconfirmed {
		if !confirmed[t] {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// KindInfo returns the title and side (server, client) of a kind; "" for unknown kinds.
func (m *Matcher) KindInfo(id string) (title, side string) {
	for _, k := range m.kinds {
		if k.ID == id {
			return k.Title, k.Side
		}
	}
	return "", ""
}

// kindByFile recognizes a log by its base name: an exact name beats a pattern, a longer pattern beats a
// shorter one. A rolled-over X.lo_ is the same kind as X.log.
func (m *Matcher) kindByFile(file string) *Kind {
	base := strings.ToLower(path.Base(strings.ReplaceAll(file, `\`, "/")))
	names := []string{base}
	if strings.HasSuffix(base, ".lo_") {
		names = append(names, strings.TrimSuffix(base, ".lo_")+".log")
	}
	var best *Kind
	bestScore := -1
	for _, k := range m.kinds {
		for _, pat := range k.Files {
			for _, name := range names {
				if ok, _ := pathMatch(pat, name); !ok {
					continue
				}
				score := len(pat)
				if !strings.ContainsAny(pat, "*?[") {
					score += 1000
				}
				if score > bestScore {
					best, bestScore = k, score
				}
			}
		}
	}
	return best
}

// kindByEntry recognizes a log by what an entry carries when its name says nothing (logs renamed when
// collected, text pasted into a ticket).
func (m *Matcher) kindByEntry(e logs.Entry) *Kind {
	if e.Component != "" {
		for _, k := range m.kinds {
			for _, c := range k.Components {
				if strings.EqualFold(c, e.Component) {
					return k
				}
			}
		}
	}
	if e.Format != "" {
		for _, k := range m.kinds {
			if contains(k.Formats, string(e.Format)) {
				return k
			}
		}
	}
	return nil
}

// candidates are the signatures to try on an entry of a file of the given kind; all of them when the kind
// is not known, since a message says what it is wherever it was pasted.
func (m *Matcher) candidates(k *Kind) *candidates {
	if k == nil {
		return m.all
	}
	return m.byKind[k.ID]
}

// asciiLower lowers ASCII letters only, so that literals and messages are folded the same way whatever
// their encoding, without allocating a new string per rune.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// find is c.re.FindStringSubmatchIndex(msg). A pattern that starts with a literal can only match where that
// literal is, so it is tried anchored there, leftmost first, which finds the same match.
func (c *compiled) find(msg string) []int {
	if c.skel != nil {
		for off := 0; off <= len(msg); {
			i := strings.Index(msg[off:], c.prefix)
			if i < 0 {
				return nil
			}
			if idx := c.skel.match(msg, off+i); idx != nil {
				return idx
			}
			off += i + 1
		}
		return nil
	}
	if c.anchored == nil {
		return c.re.FindStringSubmatchIndex(msg)
	}
	for off := 0; off <= len(msg); {
		i := strings.Index(msg[off:], c.prefix)
		if i < 0 {
			return nil
		}
		at := off + i
		if idx := c.anchored.FindStringSubmatchIndex(msg[at:]); idx != nil {
			for j, x := range idx {
				if x >= 0 {
					idx[j] = x + at
				}
			}
			return idx
		}
		off = at + 1
	}
	return nil
}
