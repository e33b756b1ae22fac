package report

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/pushlint/pushlint/finding"
)

// SARIFSchemaURI is the schema the SARIF report names: the OASIS SARIF 2.1.0 standard (Errata 01).
const SARIFSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// informationURI is where a SARIF viewer sends people who ask what pushlint is.
const informationURI = "https://github.com/pushlint/pushlint"

func init() { Register("sarif", func(Options) Writer { return sarifWriter{} }) }

// sarifWriter writes SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers): one
// reportingDescriptor per evaluated rule from its METADATA, one result per finding.
type sarifWriter struct{}

func (sarifWriter) Write(w io.Writer, r *Report) error {
	log := sarif.NewReport()
	log.Schema = SARIFSchemaURI
	run := sarif.NewRunWithInformationURI(r.Tool.Name, informationURI)
	run.Tool.Driver.WithVersion(r.Tool.Version).WithSemanticVersion(r.Tool.Version)
	// strictyaml counts columns in characters, as SARIF's unicodeCodePoints does.
	run.WithColumnKind("unicodeCodePoints")
	index := map[string]int{}
	for _, rule := range r.Rules {
		index[rule.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.AddRule(sarifRule(rule))
	}
	for _, f := range r.Findings {
		if _, ok := index[f.Rule]; !ok {
			// A finding's rule is always among the evaluated ones; describe it from the finding if not.
			index[f.Rule] = len(run.Tool.Driver.Rules)
			run.Tool.Driver.AddRule(sarifRule(finding.Rule{ID: f.Rule, Title: f.Title, Severity: f.Severity,
				KBSection: f.KBSection, Remediation: f.Remediation}))
		}
		run.AddResult(sarifResult(f, index[f.Rule]))
	}
	log.AddRun(run)
	if err := log.PrettyWrite(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// sarifLevel maps a pushlint severity to a SARIF level.
func sarifLevel(severity string) string {
	switch severity {
	case "error":
		return sarif.LevelError
	case "warning":
		return sarif.LevelWarning
	}
	return sarif.LevelNote
}

// ruleCategory is the <category> of pushlint.rules.<category>.<name>, or "gate" for pushlint.gate.<name>.
func ruleCategory(pkg string) string {
	parts := strings.Split(pkg, ".")
	switch {
	case len(parts) == 4 && parts[1] == "rules":
		return parts[2]
	case len(parts) == 3 && parts[1] == "gate":
		return "gate"
	}
	return ""
}

// ruleName turns the package's last part (rediscovery_period) into a SARIF name (RediscoveryPeriod).
func ruleName(r finding.Rule) string {
	parts := strings.Split(r.Package, ".")
	last := parts[len(parts)-1]
	if last == "" {
		return r.ID
	}
	var b strings.Builder
	for _, word := range strings.Split(last, "_") {
		if word != "" {
			b.WriteString(strings.ToUpper(word[:1]) + word[1:])
		}
	}
	return b.String()
}

func sarifRule(r finding.Rule) *sarif.ReportingDescriptor {
	d := sarif.NewRule(r.ID).WithName(ruleName(r)).WithDescription(r.Title)
	full := r.Description
	if full == "" {
		full = r.Title
	}
	d.WithFullDescription(sarif.NewMultiformatMessageString().WithText(full))
	d.WithHelp(sarif.NewMultiformatMessageString().WithText(helpText(r)).WithMarkdown(helpMarkdown(r)))
	d.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Severity)))
	props := sarif.NewPropertyBag()
	if c := ruleCategory(r.Package); c != "" {
		props.AddTag(c)
	}
	props.Add("kb_section", r.KBSection)
	// GitHub code scanning reads problem.severity (error, warning, recommendation) to rank alerts.
	problem := map[string]string{"error": "error", "warning": "warning"}[r.Severity]
	if problem == "" {
		problem = "recommendation"
	}
	props.Add("problem.severity", problem)
	d.WithProperties(props)
	return d
}

func helpText(r finding.Rule) string {
	var b strings.Builder
	if r.Description != "" {
		b.WriteString(r.Description + "\n\n")
	}
	b.WriteString("Fix: " + r.Remediation + "\n\n")
	b.WriteString("KB 925282 section: " + r.KBSection)
	return b.String()
}

func helpMarkdown(r finding.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s: %s**\n\n", r.ID, r.Title)
	if r.Description != "" {
		b.WriteString(r.Description + "\n\n")
	}
	b.WriteString("**Fix:** " + r.Remediation + "\n\n")
	b.WriteString("**KB 925282 section:** " + r.KBSection)
	if len(r.Reads) > 0 {
		b.WriteString("\n\n**Reads:** `" + strings.Join(r.Reads, "`, `") + "`")
	}
	return b.String()
}

func sarifResult(f finding.Finding, ruleIndex int) *sarif.Result {
	res := sarif.NewRuleResult(f.Rule).WithRuleIndex(ruleIndex).WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(f.Message))
	loc := sarif.NewLocation()
	switch {
	case f.Location != nil:
		loc.WithPhysicalLocation(physicalLocation(f.Location.File, f.Location.Line, f.Location.Column))
	case len(f.Evidence) > 0:
		loc.WithPhysicalLocation(physicalLocation(f.Evidence[0].File, f.Evidence[0].Line, 0))
	}
	loc.AddLogicalLocation(sarif.NewLogicalLocation().WithName(f.Subject.ID).WithKind(f.Subject.Kind).
		WithFullyQualifiedName(f.Subject.Kind + ":" + f.Subject.ID))
	res.AddLocation(loc)
	for i, e := range f.Evidence {
		related := sarif.NewLocation().WithID(i + 1).
			WithPhysicalLocation(physicalLocation(e.File, e.Line, 0)).
			WithMessage(sarif.NewTextMessage(e.Text))
		res.AddRelatedLocation(related)
	}
	res.WithPartialFingerprints(map[string]string{finding.FingerprintVersion: f.Fingerprint})
	if f.Waived && f.Waiver != nil {
		s := sarif.NewSuppression().WithKind("external").WithStatus("accepted").
			WithJustification(fmt.Sprintf("%s (waived until %s)", f.Waiver.Reason, f.Waiver.Expires))
		if f.Waiver.Location != nil {
			s.WithLocation(sarif.NewLocation().WithPhysicalLocation(
				physicalLocation(f.Waiver.Location.File, f.Waiver.Location.Line, f.Waiver.Location.Column)))
		}
		res.AddSuppression(s)
	}
	if f.Baseline != "" {
		res.WithBaselineState(f.Baseline)
	}
	props := sarif.NewPropertyBag()
	props.Add("subject", f.Subject)
	if len(f.Details) > 0 {
		props.Add("details", f.Details)
	}
	res.WithProperties(props)
	return res
}

// physicalLocation points at a line of a file; a line of 0 (unknown) leaves the region out.
func physicalLocation(file string, line, column int) *sarif.PhysicalLocation {
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(artifactURI(file)))
	if line > 0 {
		region := sarif.NewRegion().WithStartLine(line)
		if column > 0 {
			region.WithStartColumn(column)
		}
		pl.WithRegion(region)
	}
	return pl
}

// artifactURI writes a path as SARIF wants it: a relative URI reference with forward slashes (resolved
// against the repository root by code scanning), or a file: URI for an absolute path.
func artifactURI(path string) string {
	p := filepath.ToSlash(path)
	p = strings.TrimPrefix(p, "./")
	if strings.HasPrefix(p, "/") || (len(p) > 2 && p[1] == ':' && p[2] == '/') {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/logs → /C:/logs
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}
