package signatures

import (
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// skeleton matches, without backtracking, the patterns most signatures are written as: literal text with
// captured runs of one character class in between, `"(?P<machine>[^"]*)"` or `error code: (?P<code>-?\d+)`.
// When each run is followed by literal text that its class cannot hold (or ends the pattern), the run has
// only one possible end, and a single scan finds exactly what Go's regexp finds. Other patterns are left to
// regexp.
type skeleton struct {
	steps []step
	ncap  int // capture groups of the pattern, as regexp numbers them
}

type step struct {
	lit   string     // literal text, or
	class *[256]bool // a run of bytes of this class,
	min   int        // at least this long,
	sign  byte       // optionally preceded by this byte (the '-' of -?\d+), 0 for none,
	group int        // captured as this group (0: not captured)
}

// compileSkeleton returns the skeleton of pattern, or nil when it is not of that shape.
func compileSkeleton(pattern string) *skeleton {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	parts := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		parts = re.Sub
	}
	sk := &skeleton{ncap: re.MaxCap()}
	for _, p := range parts {
		switch p.Op {
		case syntax.OpLiteral:
			if p.Flags&syntax.FoldCase != 0 {
				return nil
			}
			sk.steps = append(sk.steps, step{lit: string(p.Rune)})
		case syntax.OpCapture:
			st, ok := runStep(p.Sub[0])
			if !ok {
				return nil
			}
			st.group = p.Cap
			sk.steps = append(sk.steps, st)
		default:
			st, ok := runStep(p)
			if !ok {
				return nil
			}
			sk.steps = append(sk.steps, st)
		}
	}
	// Merge adjacent literals, then check that every run stops where only the next literal can follow.
	var steps []step
	for _, st := range sk.steps {
		if n := len(steps); n > 0 && st.class == nil && steps[n-1].class == nil && steps[n-1].group == 0 && st.group == 0 {
			steps[n-1].lit += st.lit
			continue
		}
		steps = append(steps, st)
	}
	if len(steps) == 0 || steps[0].class != nil || steps[0].lit == "" {
		return nil
	}
	for i, st := range steps {
		if st.class == nil {
			continue
		}
		if i+1 < len(steps) {
			next := steps[i+1]
			if next.class != nil || next.lit == "" || st.class[next.lit[0]] {
				return nil
			}
		}
	}
	sk.steps = steps
	return sk
}

// runStep reads `[class]*`, `[class]+` or `-?[class]+` (greedy) as a step.
func runStep(re *syntax.Regexp) (step, bool) {
	var st step
	if re.Op == syntax.OpConcat && len(re.Sub) == 2 && re.Sub[0].Op == syntax.OpQuest &&
		re.Sub[0].Sub[0].Op == syntax.OpLiteral && len(re.Sub[0].Sub[0].Rune) == 1 && re.Sub[0].Sub[0].Rune[0] < utf8.RuneSelf &&
		re.Sub[0].Sub[0].Flags&syntax.FoldCase == 0 {
		st.sign = byte(re.Sub[0].Sub[0].Rune[0])
		re = re.Sub[1]
	}
	switch re.Op {
	case syntax.OpStar:
	case syntax.OpPlus:
		st.min = 1
	default:
		return st, false
	}
	if re.Flags&syntax.NonGreedy != 0 {
		return st, false
	}
	class, ok := byteClass(re.Sub[0])
	if !ok || (st.sign != 0 && class[st.sign]) {
		return st, false
	}
	st.class = class
	return st, true
}

// byteClass turns a character class into the bytes it holds. A class that holds every rune from 0x80 up
// holds every byte of their UTF-8 (and invalid bytes, which regexp reads as U+FFFD); a class that holds
// none of them holds no such byte; any other class is not handled.
func byteClass(re *syntax.Regexp) (*[256]bool, bool) {
	var ranges []rune
	switch re.Op {
	case syntax.OpCharClass:
		ranges = re.Rune
	case syntax.OpAnyCharNotNL:
		ranges = []rune{0, '\n' - 1, '\n' + 1, utf8.MaxRune}
	default:
		return nil, false
	}
	var t [256]bool
	high := false // the class holds runes from 0x80 up
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
			t[r] = true
		}
		if hi >= utf8.RuneSelf {
			if lo > utf8.RuneSelf || hi < utf8.MaxRune {
				return nil, false
			}
			high = true
		}
	}
	if high {
		for b := utf8.RuneSelf; b < 256; b++ {
			t[b] = true
		}
	}
	return &t, true
}

// match tries the skeleton at start and returns the submatch indexes regexp would, or nil.
func (sk *skeleton) match(msg string, start int) []int {
	idx := make([]int, 2*(sk.ncap+1))
	for i := range idx {
		idx[i] = -1
	}
	pos := start
	for _, st := range sk.steps {
		if st.class == nil {
			if !strings.HasPrefix(msg[pos:], st.lit) {
				return nil
			}
			pos += len(st.lit)
			continue
		}
		from := pos
		if st.sign != 0 && pos < len(msg) && msg[pos] == st.sign {
			pos++
		}
		run := pos
		for pos < len(msg) && st.class[msg[pos]] {
			pos++
		}
		if pos-run < st.min {
			return nil
		}
		if st.group > 0 {
			idx[2*st.group], idx[2*st.group+1] = from, pos
		}
	}
	idx[0], idx[1] = start, pos
	return idx
}
