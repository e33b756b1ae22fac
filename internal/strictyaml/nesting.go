package strictyaml

import (
	"fmt"
	"unicode/utf8"
)

// scanFactor: the scan refuses nesting this many times deeper than Limits.MaxDepth. The scan's estimate is
// close to the real depth but not exact, so it only stops what the parser must never see; the depth check
// on the syntax tree keeps giving the exact position for files nearer the limit.
const scanFactor = 4

// checkNesting refuses text that nests far deeper than the limit before the YAML parser sees it: the
// parser's time grows with the square of the depth (100,000 nested brackets, 200 KB, take it more than
// half a minute; the 8 MiB a file may have would take days). The scan is linear. It estimates the depth
// at each character as the open flow brackets ([ and {), plus the "- " and "? " entries begun on the
// line, plus the indentation levels of the block structure; quoted scalars, comments and the content of
// block scalars (| and >) do not count.
func checkNesting(file string, data []byte, maxDepth int) error {
	if maxDepth <= 0 {
		return nil
	}
	limit := maxDepth * scanFactor
	s := &nestScanner{data: data}
	line, col, found := s.scan(limit)
	if !found {
		return nil
	}
	return Errors{{Location{file, line, col}, fmt.Sprintf("nesting is deeper than %d levels", maxDepth)}}
}

type nestScanner struct {
	data    []byte
	indents []int // indentation of the open block levels
}

// scan returns the 1-based line and column where the estimate first exceeds limit.
func (s *nestScanner) scan(limit int) (int, int, bool) {
	d := s.data
	flow := 0           // open flow brackets
	blockScalar := -1   // indentation of the line that began a | or > scalar; -1 when not in one
	line, start := 1, 0 // current line number and the offset of its first byte
	i := 0
	for i < len(d) {
		// At the start of a line.
		indent := 0
		for i+indent < len(d) && d[i+indent] == ' ' {
			indent++
		}
		j := i + indent
		blank := j >= len(d) || d[j] == '\n' || d[j] == '\r' || (d[j] == '#')
		if blockScalar >= 0 {
			if blank || indent > blockScalar {
				i = nextLine(d, i)
				line, start = line+1, i
				continue
			}
			blockScalar = -1
		}
		if blank && flow == 0 {
			i = nextLine(d, i)
			line, start = line+1, i
			continue
		}
		if flow == 0 {
			for len(s.indents) > 0 && s.indents[len(s.indents)-1] >= indent {
				s.indents = s.indents[:len(s.indents)-1]
			}
			s.indents = append(s.indents, indent)
		}
		entries := 0
		nodeStart := true // a flow bracket, quote or block scalar indicator here begins a node
		lastIndicator := byte(0)
		i = j
	lineLoop:
		for i < len(d) {
			c := d[i]
			switch {
			case c == '\n':
				break lineLoop
			case c == ' ' || c == '\t' || c == '\r':
				i++
				continue
			case c == '#' && (i == start || d[i-1] == ' ' || d[i-1] == '\t'):
				for i < len(d) && d[i] != '\n' {
					i++
				}
				break lineLoop
			case (c == '-' || c == '?') && nodeStart && flow == 0 && (i+1 == len(d) || isBlank(d[i+1])):
				entries++
				i++
			case (c == '[' || c == '{') && (nodeStart || flow > 0):
				flow++
				i++
			case (c == ']' || c == '}') && flow > 0:
				flow--
				i++
				nodeStart = false
				continue
			case c == ',' && flow > 0:
				i++
			case c == ':' && (i+1 == len(d) || isBlank(d[i+1]) || (flow > 0 && isFlowIndicator(d[i+1]))):
				i++
			case (c == '"' || c == '\'') && (nodeStart || flow > 0):
				var l int
				i, l = skipQuoted(d, i)
				line += l
				if l > 0 {
					start = lineStart(d, i)
				}
				nodeStart = false
				continue
			case (c == '|' || c == '>') && nodeStart && flow == 0:
				lastIndicator = c
				for i < len(d) && d[i] != '\n' {
					i++
				}
				break lineLoop
			default:
				// A plain scalar (or a key) runs to ": ", " #" or the end of the line; in flow context also
				// to a flow indicator.
				for i < len(d) && d[i] != '\n' {
					if d[i] == ':' && (i+1 == len(d) || isBlank(d[i+1]) || (flow > 0 && isFlowIndicator(d[i+1]))) {
						break
					}
					if d[i] == '#' && (d[i-1] == ' ' || d[i-1] == '\t') {
						break
					}
					if flow > 0 && isFlowIndicator(d[i]) {
						break
					}
					i++
				}
				nodeStart = false
				continue
			}
			nodeStart = true
			if len(s.indents)+entries+flow > limit {
				return line, utf8.RuneCount(d[start:i-1]) + 1, true
			}
		}
		if lastIndicator != 0 {
			blockScalar = indent
		}
		if i < len(d) {
			i++ // the line feed
		}
		line, start = line+1, i
	}
	return 0, 0, false
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isFlowIndicator(c byte) bool { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' }

func nextLine(d []byte, i int) int {
	for i < len(d) && d[i] != '\n' {
		i++
	}
	if i < len(d) {
		i++
	}
	return i
}

func lineStart(d []byte, i int) int {
	for i > 0 && d[i-1] != '\n' {
		i--
	}
	return i
}

// skipQuoted moves past a quoted scalar that starts at i and returns where it ends and how many line
// feeds it holds. An unclosed quote runs to the end: the parser reports it.
func skipQuoted(d []byte, i int) (int, int) {
	q := d[i]
	lines := 0
	for i++; i < len(d); i++ {
		switch {
		case d[i] == '\n':
			lines++
		case q == '"' && d[i] == '\\':
			i++
			if i < len(d) && d[i] == '\n' {
				lines++
			}
		case d[i] == q:
			if q == '\'' && i+1 < len(d) && d[i+1] == '\'' {
				i++ // '' is a quote inside a single-quoted scalar
				continue
			}
			return i + 1, lines
		}
	}
	return len(d), lines // a backslash as the last byte steps past the end
}
