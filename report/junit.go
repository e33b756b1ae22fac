package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/termsafe"
)

func init() { Register("junit", func(o Options) Writer { return junitWriter{base: o.BaseDir} }) }

// junitWriter writes JUnit XML for CI systems that show test reports (Jenkins, GitLab, Azure DevOps): one
// test suite per evaluated rule, one test case per rule and subject. A case fails when the subject has an
// error or warning finding that counts for the exit code; it is skipped when every finding is waived or
// already in the baseline; info findings pass with their text in system-out. A rule with no finding has
// one passing case, so the report shows what was checked, not only what failed.
type junitWriter struct{ base string }

// JUnitSuites is the document root (exported for tests and for programs that read the report back).
type JUnitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []JUnitSuite `xml:"testsuite"`
}

// JUnitSuite holds the cases of one rule.
type JUnitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Properties []JUnitProperty `xml:"properties>property,omitempty"`
	Cases      []JUnitCase     `xml:"testcase"`
}

// JUnitProperty is a name/value pair of a suite.
type JUnitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// JUnitCase is one rule × subject.
type JUnitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *JUnitFailure `xml:"failure,omitempty"`
	Skipped   *JUnitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

// JUnitFailure carries the first message and, in its body, every finding with evidence and fix.
type JUnitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// JUnitSkipped says why a case does not count.
type JUnitSkipped struct {
	Message string `xml:"message,attr"`
}

func (jw junitWriter) Write(w io.Writer, r *Report) error {
	doc := JUnitSuites{Name: r.Tool.Name}
	for _, rule := range reportRules(r) {
		suite := JUnitSuite{Name: rule.ID + ": " + rule.Title, Time: "0",
			Properties: []JUnitProperty{{"severity", rule.Severity}, {"kb_section", rule.KBSection}}}
		class := r.Tool.Name + "." + rule.ID
		groups, order := findingsBySubject(r.Findings, rule.ID)
		if len(order) == 0 {
			suite.Cases = append(suite.Cases, JUnitCase{Name: "no findings", Classname: class, Time: "0"})
		}
		for _, subj := range order {
			suite.Cases = append(suite.Cases, jw.junitCase(class, subj, groups[subj]))
		}
		for _, c := range suite.Cases {
			suite.Tests++
			if c.Failure != nil {
				suite.Failures++
			}
			if c.Skipped != nil {
				suite.Skipped++
			}
		}
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Skipped += suite.Skipped
		doc.Suites = append(doc.Suites, suite)
	}
	if suite, ok := changesSuite(r); ok {
		doc.Tests += suite.Tests
		doc.Skipped += suite.Skipped
		doc.Suites = append(doc.Suites, suite)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// changesSuite lists what the run changed about the rules, one case each: a rule that was not evaluated
// (disabled, replaced, --no-builtin) is a skipped case, so CI pages count it; a changed severity, parameter or
// library is a passing case that says so.
func changesSuite(r *Report) (JUnitSuite, bool) {
	if len(r.Summary.ChangedRules) == 0 {
		return JUnitSuite{}, false
	}
	suite := JUnitSuite{Name: r.Tool.Name + ": rules changed in this run", Time: "0"}
	for _, c := range r.Summary.ChangedRules {
		msg := termsafe.Line(c.Message)
		name := strings.ReplaceAll(c.Kind, "_", " ")
		switch {
		case c.Rule != "":
			name = c.Rule + " " + name
		case c.Param != "":
			name = "parameter " + c.Param
		case c.File != "":
			name = name + " " + termsafe.Line(c.File)
		}
		suite.Properties = append(suite.Properties, JUnitProperty{Name: c.Kind, Value: msg})
		tc := JUnitCase{Name: name, Classname: r.Tool.Name + ".changes", Time: "0", SystemOut: msg}
		switch c.Kind {
		case finding.ChangeDisabled, finding.ChangeReplaced, finding.ChangeNoBuiltin:
			tc.Skipped = &JUnitSkipped{Message: msg}
			suite.Skipped++
		}
		suite.Tests++
		suite.Cases = append(suite.Cases, tc)
	}
	return suite, true
}

// reportRules is every evaluated rule, plus any rule that only appears in a finding, sorted by id.
func reportRules(r *Report) []finding.Rule {
	rules := append([]finding.Rule(nil), r.Rules...)
	known := map[string]bool{}
	for _, rule := range rules {
		known[rule.ID] = true
	}
	for _, f := range r.Findings {
		if !known[f.Rule] {
			known[f.Rule] = true
			rules = append(rules, finding.Rule{ID: f.Rule, Title: f.Title, Severity: f.Severity, KBSection: f.KBSection, Remediation: f.Remediation})
		}
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules
}

// findingsBySubject groups one rule's findings by subject, in report order.
func findingsBySubject(findings []finding.Finding, rule string) (map[finding.Subject][]finding.Finding, []finding.Subject) {
	groups := map[finding.Subject][]finding.Finding{}
	var order []finding.Subject
	for _, f := range findings {
		if f.Rule != rule {
			continue
		}
		if _, seen := groups[f.Subject]; !seen {
			order = append(order, f.Subject)
		}
		groups[f.Subject] = append(groups[f.Subject], f)
	}
	return groups, order
}

func (jw junitWriter) junitCase(class string, subj finding.Subject, fs []finding.Finding) JUnitCase {
	c := JUnitCase{Name: termsafe.Line(subj.Kind + " " + subj.ID), Classname: class, Time: "0"}
	if file, line := primaryPosition(fs[0]); file != "" {
		file, _ = ciPath(jw.base, file) // CI test reports link files of the repository
		c.File, c.Line = termsafe.Line(file), line
	}
	var failing, counting []finding.Finding
	for _, f := range fs {
		if !f.Counts() {
			continue
		}
		counting = append(counting, f)
		if f.Severity == "error" || f.Severity == "warning" {
			failing = append(failing, f)
		}
	}
	body := findingsText(fs)
	switch {
	case len(failing) > 0:
		worst := failing[0]
		for _, f := range failing {
			if finding.SeverityRank(f.Severity) < finding.SeverityRank(worst.Severity) {
				worst = f
			}
		}
		c.Failure = &JUnitFailure{Message: termsafe.Line(failing[0].Message), Type: worst.Severity, Body: body}
	case len(counting) > 0:
		c.SystemOut = body
	default:
		c.Skipped = &JUnitSkipped{Message: termsafe.Line(skipReason(fs[0]))}
		c.SystemOut = body
	}
	return c
}

func skipReason(f finding.Finding) string {
	if f.Waived && f.Waiver != nil {
		return fmt.Sprintf("waived until %s: %s", f.Waiver.Expires, f.Waiver.Reason)
	}
	if f.Waived {
		return "waived"
	}
	return "in the baseline"
}

// primaryPosition is where a finding points: its location, or its first evidence line.
func primaryPosition(f finding.Finding) (string, int) {
	if f.Location != nil {
		return f.Location.File, f.Location.Line
	}
	if len(f.Evidence) > 0 {
		return f.Evidence[0].File, f.Evidence[0].Line
	}
	return "", 0
}

// findingsText is the plain-text account of findings that failure bodies and system-out carry. XML 1.0
// cannot hold most control characters (the encoder would replace them with U+FFFD), so they are made
// visible instead, as on a terminal; CI pages show these bodies as they are.
func findingsText(fs []finding.Finding) string {
	return visibleKeepingCR(findingsPlain(fs))
}

func findingsPlain(fs []finding.Finding) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s %s: %s\n", f.Severity, f.Rule, f.Message)
		if f.Location != nil {
			fmt.Fprintf(&b, "at %s\n", formatLocation(*f.Location))
		}
		for _, e := range f.Evidence {
			fmt.Fprintf(&b, "%s:%d: %s\n", e.File, e.Line, e.Text)
		}
		if f.Waived {
			fmt.Fprintf(&b, "%s\n", skipReason(f))
		} else if f.Baseline == finding.BaselineUnchanged {
			b.WriteString("in the baseline: does not fail the run\n")
		}
		fmt.Fprintf(&b, "fix: %s\n", strings.TrimSpace(f.Remediation))
		fmt.Fprintf(&b, "KB 925282: %s\n", f.KBSection)
	}
	return b.String()
}
