package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/orderedjson"
)

// SARIFSchemaURI is the schema the SARIF report names: the OASIS SARIF 2.1.0 standard (Errata 01).
const SARIFSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// informationURI is where a SARIF viewer sends people who ask what pushlint is.
const informationURI = "https://github.com/pushlint/pushlint"

// ruleDocsURI is where each built-in rule's page lives (docs/rules, generated from METADATA).
const ruleDocsURI = informationURI + "/blob/main/docs/rules/"

// srcRoot is the base id of artifact URIs relative to the folder pushlint ran in: the name code-scanning
// services resolve against the checkout.
const srcRoot = "%SRCROOT%"

func init() { Register("sarif", func(o Options) Writer { return sarifWriter{base: o.BaseDir} }) }

// sarifWriter writes SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers): one
// reportingDescriptor per evaluated rule from its METADATA, one result per finding, paths relative to
// %SRCROOT% (the folder pushlint ran in).
type sarifWriter struct{ base string }

func (sw sarifWriter) Write(w io.Writer, r *Report) error {
	log := sarif.NewReport()
	log.Schema = SARIFSchemaURI
	run := sarif.NewRunWithInformationURI(r.Tool.Name, informationURI)
	run.Tool.Driver.WithVersion(r.Tool.Version).WithSemanticVersion(r.Tool.Version)
	// strictyaml counts columns in characters, as SARIF's unicodeCodePoints does.
	run.WithColumnKind("unicodeCodePoints")
	if sw.base != "" {
		root := filepath.ToSlash(sw.base)
		if !strings.HasSuffix(root, "/") {
			root += "/"
		}
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{srcRoot: *sarif.NewArtifactLocation().WithURI(artifactURI(root))})
	}
	index := map[string]int{}
	for _, rule := range r.Rules {
		index[rule.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.AddRule(sarifRule(rule))
	}
	findings := r.Findings
	if len(findings) > maxSARIFResults {
		// Code scanning rejects a run of more than 25,000 results. Findings are sorted by severity, so the
		// ones left out are the least severe; the JSON report has them all.
		run.AddInvocation(sarif.NewInvocation().WithExecutionSuccessful(true).WithToolExecutionNotifications(
			[]*sarif.Notification{sarif.NewNotification().WithLevel(sarif.LevelWarning).WithMessage(sarif.NewTextMessage(
				fmt.Sprintf("%d findings; SARIF carries the first %d by severity (code scanning accepts no more in one run); the JSON report (--format json) has every one",
					len(findings), maxSARIFResults)))}))
		findings = findings[:maxSARIFResults]
	}
	for _, f := range findings {
		if _, ok := index[f.Rule]; !ok {
			// A finding's rule is always among the evaluated ones; describe it from the finding if not.
			index[f.Rule] = len(run.Tool.Driver.Rules)
			run.Tool.Driver.AddRule(sarifRule(finding.Rule{ID: f.Rule, Title: f.Title, Severity: f.Severity,
				KBSection: f.KBSection, Remediation: f.Remediation}))
		}
		run.AddResult(sw.result(f, index[f.Rule]))
	}
	if inv := sarifInvocation(r, index); inv != nil {
		run.AddInvocation(inv)
	}
	log.AddRun(run)
	raw, err := json.Marshal(log)
	if err != nil {
		return err
	}
	doc, err := orderedjson.Decode(raw)
	if err != nil {
		return err
	}
	pruneDefaults(doc, "")
	out, err := orderedjson.Indent(doc)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// Limits of GitHub code scanning on one SARIF run: more results are rejected, more locations per result
// are not shown. (Variables so that a test can exercise them without 25,000 findings.)
var (
	maxSARIFResults = 25_000
	maxRelated      = 100
)

// defaultMinusOne are the SARIF properties whose schema default is -1 ("not given"); the library fills
// them in, and a value equal to the default says nothing.
var defaultMinusOne = map[string]bool{
	"index": true, "parentIndex": true, "id": true, "rank": true, "byteOffset": true, "charOffset": true, "ruleIndex": true,
}

// pruneDefaults drops what the SARIF library writes for properties that were never set: -1 indexes, empty
// arrays and objects, the default language and newline sequences, all of which the schema gives as
// defaults. It keeps a run's results even when
// empty: an empty array there says "checked, nothing found", its absence "not checked".
func pruneDefaults(v any, key string) bool {
	switch x := v.(type) {
	case *orderedjson.Object:
		for _, k := range append([]string(nil), x.Keys()...) {
			if pruneDefaults(x.Get(k), k) {
				x.Delete(k)
			}
		}
		return len(x.Keys()) == 0 && key != ""
	case []any:
		for _, item := range x {
			pruneDefaults(item, "")
		}
		if key == "newlineSequences" && len(x) == 2 && x[0] == "\r\n" && x[1] == "\n" {
			return true // the schema's default
		}
		return len(x) == 0 && key != "results"
	case string:
		return key == "language" && x == "en-US" // the schema's default
	case json.Number:
		return defaultMinusOne[key] && x.String() == "-1"
	case nil:
		return true
	}
	return false
}

// sarifInvocation says what the run changed about the rules (toolConfigurationNotifications, and for disabled
// rules and changed severities ruleConfigurationOverrides) and what it could not decide
// (toolExecutionNotifications); nil when there is neither.
func sarifInvocation(r *Report, index map[string]int) *sarif.Invocation {
	if len(r.Summary.ChangedRules) == 0 && len(r.Summary.Notes) == 0 {
		return nil
	}
	inv := sarif.NewInvocation().WithExecutionSuccessful(true)
	for _, c := range r.Summary.ChangedRules {
		level := sarif.LevelNote
		if c.Kind == finding.ChangeLibraryOverride {
			level = sarif.LevelWarning
		}
		n := sarif.NewNotification().WithLevel(level).WithMessage(sarif.NewTextMessage(c.Message)).
			WithDescriptor(sarif.NewReportingDescriptorReference().WithID("pushlint/" + c.Kind))
		props := sarif.NewPropertyBag()
		props.Add("change", c)
		n.WithProperties(props)
		if c.Rule != "" {
			ref := sarif.NewReportingDescriptorReference().WithID(c.Rule)
			if i, ok := index[c.Rule]; ok {
				ref.WithIndex(i)
			}
			n.WithAssociatedRule(ref)
		}
		inv.AddToolConfigurationNotification(n)
		switch c.Kind {
		case finding.ChangeDisabled:
			inv.AddRuleConfigurationOverride(sarif.NewConfigurationOverride().
				WithDescriptor(sarif.NewReportingDescriptorReference().WithID(c.Rule)).
				WithConfiguration(sarif.NewReportingConfiguration().WithEnabled(false).WithLevel("none")))
		case finding.ChangeSeverity:
			ref := sarif.NewReportingDescriptorReference().WithID(c.Rule)
			if i, ok := index[c.Rule]; ok {
				ref.WithIndex(i)
			}
			inv.AddRuleConfigurationOverride(sarif.NewConfigurationOverride().WithDescriptor(ref).
				WithConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(c.To))))
		}
	}
	for _, note := range r.Summary.Notes {
		inv.AddToolExecutionNotification(sarif.NewNotification().WithLevel(sarif.LevelNote).WithMessage(sarif.NewTextMessage(note)))
	}
	return inv
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
	d.WithFullDescription(sarif.NewMultiformatMessageString().WithText(full).WithMarkdown(full))
	if r.Builtin {
		d.WithHelpURI(ruleDocsURI + r.ID + ".md")
	}
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

func (sw sarifWriter) result(f finding.Finding, ruleIndex int) *sarif.Result {
	res := sarif.NewRuleResult(f.Rule).WithRuleIndex(ruleIndex).WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(f.Message))
	loc := sarif.NewLocation()
	switch {
	case f.Location != nil:
		loc.WithPhysicalLocation(sw.physicalLocation(f.Location.File, f.Location.Line, f.Location.Column))
	case len(f.Evidence) > 0:
		loc.WithPhysicalLocation(sw.physicalLocation(f.Evidence[0].File, f.Evidence[0].Line, 0))
	}
	loc.AddLogicalLocation(sarif.NewLogicalLocation().WithName(f.Subject.ID).WithKind(f.Subject.Kind).
		WithFullyQualifiedName(f.Subject.Kind + ":" + f.Subject.ID))
	res.AddLocation(loc)
	for i, e := range f.Evidence {
		if i == maxRelated {
			break // code scanning shows 100 locations per alert; the message and the JSON report keep the rest
		}
		related := sarif.NewLocation().WithID(i + 1).
			WithPhysicalLocation(sw.physicalLocation(e.File, e.Line, 0)).
			WithMessage(sarif.NewTextMessage(e.Text))
		res.AddRelatedLocation(related)
	}
	res.WithPartialFingerprints(map[string]string{finding.FingerprintVersion: f.Fingerprint})
	if f.Waived && f.Waiver != nil {
		s := sarif.NewSuppression().WithKind("external").WithStatus("accepted").
			WithJustification(fmt.Sprintf("%s (waived until %s)", f.Waiver.Reason, f.Waiver.Expires))
		if f.Waiver.Location != nil {
			s.WithLocation(sarif.NewLocation().WithPhysicalLocation(
				sw.physicalLocation(f.Waiver.Location.File, f.Waiver.Location.Line, f.Waiver.Location.Column)))
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
	if f.Confidence != "" {
		props.Add("confidence", f.Confidence)
	}
	res.WithProperties(props)
	return res
}

// physicalLocation points at a line of a file; a line of 0 (unknown) leaves the region out. A file under the
// folder pushlint ran in is relative to %SRCROOT%; one outside it keeps an absolute file: URI.
func (sw sarifWriter) physicalLocation(file string, line, column int) *sarif.PhysicalLocation {
	path, relative := ciPath(sw.base, file)
	al := sarif.NewArtifactLocation().WithURI(artifactURI(path))
	if relative {
		al.WithURIBaseID(srcRoot)
	}
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(al)
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
