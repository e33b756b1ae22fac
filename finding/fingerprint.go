package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"sort"
	"strings"
)

// FingerprintVersion names the normalization below; SARIF carries it as the partialFingerprints key so that
// a future change of normalization is never compared with fingerprints of the old one.
const FingerprintVersion = "pushlint/v1"

// volatile matches the parts of a message or log line that change from one capture of the same problem to
// the next: timestamps in every form the SMS logs and their copies use, thread and process ids, source line
// references, and "N days ago". What remains says what happened, to whom.
var volatile = []struct {
	re   *regexp.Regexp
	with string
	// may is false when re cannot match s, tested without running it: most evidence lines hold no date,
	// no thread and no source reference, and a report of 100,000 findings normalizes every one of them.
	may func(s string) bool
}{
	// CMTrace record trailer: <time=".." date=".." component=".." context=".." type="n" thread="n" file="x.cpp:n">
	{regexp.MustCompile(`\]LOG\]!><[^>]*>`), "]LOG]!>", has("]LOG]!><")},
	// SMS 2003 server trailer: $$<COMPONENT><MM-DD-YYYY HH:MM:SS.mmm+bias><thread=n (0xHEX)>
	{regexp.MustCompile(`<\d{1,2}-\d{1,2}-\d{4} [^>]*>`), "", func(s string) bool { return strings.Contains(s, "<") && digitThen(s, "-") }},
	{regexp.MustCompile(`<thread=[^>]*>`), "", has("<thread=")},
	{regexp.MustCompile(`\b\d+ \(0x[0-9A-Fa-f]+\)`), "", has(" (0x")}, // Trace32 copies: thread "2624 (0x0A40)"
	// MSI verbose: "MSI (s) (54:74) [16:26:11:416]:"
	{regexp.MustCompile(`\([0-9A-Fa-f]{1,4}[:!][0-9A-Fa-f]{1,4}\)`), "", has("(")},
	{regexp.MustCompile(`\[\d{1,2}:\d{2}:\d{2}:\d{3}\]`), "", func(s string) bool { return strings.Contains(s, "[") && digitThen(s, ":") }},
	// ISO 8601 / RFC 3339 instants and dates.
	{regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?\b`), "", func(s string) bool { return digitThen(s, "-") }},
	// M/D/YYYY, MM-DD-YYYY, D.M.YYYY (also 2-digit years).
	{regexp.MustCompile(`\b\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})\b`), "", func(s string) bool { return digitThen(s, "-/.") }},
	// Times with optional seconds, fraction, AM/PM and bias.
	{regexp.MustCompile(`\b\d{1,2}:\d{2}(:\d{2}([.,:]\d{1,3})?)?(\s*[AaPp][Mm])?([+-]\d{1,4})?`), "", func(s string) bool { return digitThen(s, ":") }},
	{regexp.MustCompile(`\b(thread|pid|tid|process)[= ]\d+`), "$1", func(s string) bool {
		return hasDigit(s) && (strings.Contains(s, "thread") || strings.Contains(s, "id") || strings.Contains(s, "process"))
	}},
	// Source references: ccmsetup.cpp:9498, site.yaml:31:7, "line 31".
	{regexp.MustCompile(`(\.[A-Za-z][A-Za-z0-9]{0,5}):\d+(:\d+)?\b`), "$1", func(s string) bool { return strings.Contains(s, ":") && hasDigit(s) }},
	{regexp.MustCompile(`(?i)\bline \d+\b`), "line", func(s string) bool { return hasDigit(s) && containsFold(s, "line ") }},
	{regexp.MustCompile(`(?i)\b\d+(\.\d+)?\s*(seconds?|minutes?|hours?|days?|weeks?|[smhdw])\s+ago\b`), "ago", func(s string) bool { return hasDigit(s) && containsFold(s, "ago") }},
	{regexp.MustCompile(`\s+`), " ", func(s string) bool {
		// Replacing a lone space by a space changes nothing: only other white space, or a run, does.
		return strings.ContainsAny(s, "\t\n\f\r") || strings.Contains(s, "  ")
	}},
}

func has(sub string) func(string) bool {
	return func(s string) bool { return strings.Contains(s, sub) }
}

// digitThen is true when a digit is followed by one of chars.
func digitThen(s, chars string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' && strings.IndexByte(chars, s[i+1]) >= 0 {
			return true
		}
	}
	return false
}

// containsFold is a case-insensitive strings.Contains for an ASCII word whose letters have no other case
// folding than their upper case (not k or s: the Kelvin sign and the long s fold to them).
func containsFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		j := 0
		for j < len(word) && s[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// NormalizeForFingerprint strips what changes between two runs that see the same problem.
func NormalizeForFingerprint(s string) string {
	for _, v := range volatile {
		if v.may(s) {
			s = v.re.ReplaceAllString(s, v.with)
		}
	}
	return strings.TrimSpace(s)
}

// Fingerprint identifies a finding across runs: the rule, the subject, and what the evidence says (or, for
// a finding without evidence, its message), normalized. Line numbers, file paths and times are left out, so
// the same problem keeps its fingerprint when site.yaml is reordered or the logs are collected again; a
// baseline compares these, never positions.
func Fingerprint(f Finding) string {
	h := sha256.New()
	for _, part := range []string{f.Rule, f.Subject.Kind, strings.ToUpper(f.Subject.ID)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	if len(f.Evidence) > 0 {
		texts := make([]string, 0, len(f.Evidence))
		seen := map[string]bool{}
		for _, e := range f.Evidence {
			t := NormalizeForFingerprint(e.Text)
			if !seen[t] {
				seen[t] = true
				texts = append(texts, t)
			}
		}
		sort.Strings(texts)
		h.Write([]byte(strings.Join(texts, "\n")))
	} else {
		h.Write([]byte(NormalizeForFingerprint(f.Message)))
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
