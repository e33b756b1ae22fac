package timeline

import (
	"sort"

	"github.com/pushlint/pushlint/facts/machine"
	"github.com/pushlint/pushlint/finding"
)

// join ties the findings about the machine to its steps. A finding is about the machine when its subject
// is the machine, when its subject is one of the machine's client logs, or when it quotes a line that is
// evidence of one of its steps. It then belongs to one step:
//   - to the step whose evidence holds the line the finding points at (its location), else a line it
//     quotes. One export row is evidence of several stages; a finding about it belongs to the first of
//     them that failed, else to the first;
//   - a finding about a file belongs only to a step that file shows or was searched for: when it quotes
//     none of the step lines, it is about what the file lacks (a client log with no heartbeat belongs to
//     the heartbeat step that searched it), else about the stage the file shows.
//
// Findings that belong to no step are the timeline's own.
func (b *builder) join(tl *Timeline) {
	ix := b.ix
	about := map[int]bool{}
	for _, i := range ix.findingsOf[b.key] {
		about[i] = true
	}
	for _, l := range ix.clientLogs[b.key] {
		for _, i := range ix.findingsFor[l.File] {
			about[i] = true
		}
	}
	for _, s := range tl.Steps {
		for _, l := range s.lines {
			for _, i := range ix.findingsAt[l] {
				about[i] = true
			}
		}
	}
	order := make([]int, 0, len(about))
	for i := range about {
		order = append(order, i)
	}
	sort.Ints(order)
	for _, i := range order {
		f := ix.findings[i]
		ref := refOf(f)
		if n := stepOf(tl.Steps, f, findingLines(f)); n >= 0 {
			tl.Steps[n].Findings = append(tl.Steps[n].Findings, ref)
		} else {
			tl.Findings = append(tl.Findings, ref)
		}
	}
	for i := range tl.Steps {
		sortRefs(tl.Steps[i].Findings)
	}
	sortRefs(tl.Findings)
}

// stepOf is the index of the step a finding belongs to, or -1.
func stepOf(steps []Step, f finding.Finding, lines []Source) int {
	eligible := func(*Step) bool { return true }
	if f.Subject.Kind == "file" {
		eligible = func(s *Step) bool { return s.files[f.Subject.ID] }
	}
	var candidates [][]Source
	if f.Location != nil {
		candidates = append(candidates, []Source{{File: f.Location.File, Line: f.Location.Line}})
	}
	candidates = append(candidates, lines)
	for _, want := range candidates {
		first, failed := -1, -1
		for i := range steps {
			if !eligible(&steps[i]) || !holdsAny(steps[i].lines, want) {
				continue
			}
			if first < 0 {
				first = i
			}
			if failed < 0 && steps[i].Status == StatusFailed {
				failed = i
			}
		}
		if failed >= 0 {
			return failed
		}
		if first >= 0 {
			return first
		}
	}
	if f.Subject.Kind != "file" {
		return -1
	}
	// A finding about a file that quotes none of its step lines: about what the file lacks (the stage it
	// was searched for), else about the stage the file shows.
	for i := range steps {
		if steps[i].Status == StatusNotSeen && contains(steps[i].Searched, f.Subject.ID) {
			return i
		}
	}
	for i := range steps {
		if eligible(&steps[i]) {
			return i
		}
	}
	return -1
}

func findingLines(f finding.Finding) []Source {
	var out []Source
	if f.Location != nil {
		out = append(out, Source{File: f.Location.File, Line: f.Location.Line})
	}
	for _, e := range f.Evidence {
		out = append(out, Source{File: e.File, Line: e.Line})
	}
	return out
}

func holdsAny(have, want []Source) bool {
	for _, h := range have {
		for _, w := range want {
			if h == w {
				return true
			}
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func refOf(f finding.Finding) FindingRef {
	return FindingRef{Rule: f.Rule, Severity: f.Severity, Title: f.Title, Message: f.Message, Remediation: f.Remediation, KBSection: f.KBSection,
		Subject: f.Subject, Location: f.Location, Waived: f.Waived, Fingerprint: f.Fingerprint, Confidence: f.Confidence}
}

// sortRefs puts what explains a step best first: findings that count before waived ones, then the most
// severe, then by rule and message so that reports diff cleanly.
func sortRefs(refs []FindingRef) {
	sort.SliceStable(refs, func(i, j int) bool {
		a, b := refs[i], refs[j]
		if a.Waived != b.Waived {
			return !a.Waived
		}
		if ra, rb := finding.SeverityRank(a.Severity), finding.SeverityRank(b.Severity); ra != rb {
			return ra < rb
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// firstMachineFinding is the most severe of the machine's own findings whose subject is the machine: the
// explanation of a broken step that no finding quotes.
func firstMachineFinding(refs []FindingRef, key string) (FindingRef, bool) {
	for _, r := range refs {
		if r.Subject.Kind == "machine" && machine.Key(r.Subject.ID) == key {
			return r, true
		}
	}
	return FindingRef{}, false
}
