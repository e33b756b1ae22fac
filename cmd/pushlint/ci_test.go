package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pushlint/pushlint/report"
)

const ciSite = "cmd/pushlint/testdata/ci/site.yaml" // PL006 fires on CEN and BR1, not on BR2

type jsonReport struct {
	Findings []struct {
		Rule        string
		Severity    string
		Message     string
		Subject     struct{ Kind, ID string }
		Waived      bool
		Baseline    string
		Fingerprint string
		Waiver      *struct{ Subject, Reason, Expires string }
		Location    *struct {
			File         string
			Line, Column int
		}
	}
	Summary struct {
		Error, Warning, Info, Waived int
		Baseline                     *struct{ New, Unchanged, Fixed int }
	}
}

func decodeReport(t *testing.T, out string) jsonReport {
	t.Helper()
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return rep
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestWaiversAcceptFindingsUntilTheyExpire(t *testing.T) {
	t.Parallel()
	waivers := writeTemp(t, "waivers.yaml", `waivers:
  - rule: PL006
    subject: cen
    reason: "CEN's heartbeat moves to 3d with the January change"
    expires: 2027-01-31
  - rule: PL006
    subject: BR1
    reason: BR1 is being decommissioned
    expires: 2027-01-31
`)
	out, stderr, code := runIn(t, "check", ciSite, "--waivers", waivers, "--format", "json", "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("exit %d, want 0 (every finding waived); stderr %s", code, stderr)
	}
	rep := decodeReport(t, out)
	if len(rep.Findings) != 2 || rep.Summary.Waived != 2 || rep.Summary.Error != 0 {
		t.Fatalf("want 2 waived findings and no error, got %+v", rep)
	}
	for _, f := range rep.Findings {
		if !f.Waived || f.Waiver == nil || f.Waiver.Expires != "2027-01-31" || f.Waiver.Reason == "" {
			t.Errorf("finding not marked with its waiver: %+v", f)
		}
	}

	// On the expiry date the waivers stop applying: the findings count again and each waiver is an error.
	out, _, code = runIn(t, "check", ciSite, "--waivers", waivers, "--format", "json", "--now", "2027-01-31")
	if code != 1 {
		t.Fatalf("exit %d, want 1 on the expiry date", code)
	}
	rep = decodeReport(t, out)
	expired := 0
	for _, f := range rep.Findings {
		if f.Waived {
			t.Errorf("expired waiver still applied: %+v", f)
		}
		if f.Rule == "PL901" {
			expired++
			if f.Severity != "error" || f.Subject.Kind != "waiver" || f.Location == nil || f.Location.File != waivers || f.Location.Line == 0 {
				t.Errorf("expired-waiver finding: %+v", f)
			}
		}
	}
	if expired != 2 {
		t.Errorf("want 2 PL901 findings, got %d: %s", expired, out)
	}
}

func TestStaleWaiverIsAWarning(t *testing.T) {
	t.Parallel()
	waivers := writeTemp(t, "waivers.yaml", `waivers:
  - {rule: PL006, subject: CEN, reason: accepted, expires: 2027-01-31}
  - {rule: PL006, subject: BR1, reason: accepted, expires: 2027-01-31}
  - {rule: PL006, subject: BR2, reason: BR2 was fixed long ago, expires: 2027-01-31}
`)
	out, _, code := runIn(t, "check", ciSite, "--waivers", waivers, "--format", "json", "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("exit %d; a stale waiver is a warning and --fail-on is error", code)
	}
	rep := decodeReport(t, out)
	if rep.Summary.Warning != 1 {
		t.Fatalf("want one warning, got %+v", rep.Summary)
	}
	for _, f := range rep.Findings {
		if f.Rule == "PL902" && (f.Subject.ID != "PL006 BR2" || f.Location.Line != 4) {
			t.Errorf("stale waiver finding: %+v", f)
		}
	}
	if _, _, code := runIn(t, "check", ciSite, "--waivers", waivers, "--now", "2026-11-25", "--fail-on", "warning"); code != 1 {
		t.Errorf("exit %d with --fail-on warning, want 1", code)
	}
}

func TestBadWaiversFileExitsTwoWithPosition(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, content, want string }{
		{"unknown rule", "waivers:\n  - {rule: PL666, subject: CEN, reason: x, expires: 2027-01-31}\n", `:2:6: waiver rule PL666 names no rule of this run that can be waived`},
		{"gate rule", "waivers:\n  - {rule: PL902, subject: CEN, reason: x, expires: 2027-01-31}\n", `:2:6: waiver rule PL902 names no rule`},
		{"no reason", "waivers:\n  - rule: PL006\n    subject: CEN\n    expires: 2027-01-31\n", `:2:5: waiver is missing required key "reason"`},
		{"bad date", "waivers:\n  - {rule: PL006, subject: CEN, reason: x, expires: soon}\n", `:2:53: waiver expires "soon" must be a date written YYYY-MM-DD`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "waivers.yaml", tt.content)
			stdout, stderr, code := runIn(t, "check", ciSite, "--waivers", path)
			if code != 2 || stdout != "" {
				t.Fatalf("exit %d stdout %q, want 2 and no report", code, stdout)
			}
			if !strings.HasPrefix(stderr, "pushlint: "+path+tt.want) {
				t.Errorf("stderr %q, want %q", stderr, path+tt.want)
			}
		})
	}
	if _, stderr, code := runIn(t, "check", ciSite, "--waivers", "no/such/waivers.yaml"); code != 2 || !strings.Contains(stderr, "no/such/waivers.yaml") {
		t.Errorf("missing waivers file: exit %d, %s", code, stderr)
	}
}

func TestBaselineCountsOnlyNewFindings(t *testing.T) {
	t.Parallel()
	site, err := os.ReadFile("testdata/ci/site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	if _, _, code := runIn(t, "check", ciSite, "--format", "json", "--output", baseline, "--now", "2026-11-25"); code != 1 {
		t.Fatalf("writing the baseline: exit %d", code)
	}

	// Same findings, sites in another order (every line number moves): nothing is new.
	parts := regexp.MustCompile(`(?m)^  - code: `).Split(string(site), -1)
	reordered := parts[0] + "  - code: " + parts[3] + "  - code: " + parts[1] + "  - code: " + parts[2]
	if !strings.Contains(reordered, "BR2") || strings.Index(reordered, "BR2") > strings.Index(reordered, "code: CEN") {
		t.Fatalf("reordering failed:\n%s", reordered)
	}
	moved := writeTemp(t, "site.yaml", reordered)
	out, stderr, code := runIn(t, "check", moved, "--baseline", baseline, "--format", "json", "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("exit %d after reordering the sites, want 0; stderr %s\n%s", code, stderr, out)
	}
	rep := decodeReport(t, out)
	if b := rep.Summary.Baseline; b == nil || b.New != 0 || b.Unchanged != 2 || b.Fixed != 0 {
		t.Errorf("baseline summary %+v", rep.Summary.Baseline)
	}
	for _, f := range rep.Findings {
		if f.Baseline != "unchanged" || f.Fingerprint == "" {
			t.Errorf("finding %s %s: baseline %q fingerprint %q", f.Rule, f.Subject.ID, f.Baseline, f.Fingerprint)
		}
	}

	// BR2 breaks too: one new finding fails the run; CEN fixed shows as fixed.
	changed := strings.Replace(string(site), "rediscovery_period: 21d", "rediscovery_period: 2d", 1)
	changed = strings.Replace(changed, "rediscovery_period: 7d", "rediscovery_period: 21d", 1)
	out, _, code = runIn(t, "check", writeTemp(t, "site.yaml", changed), "--baseline", baseline, "--format", "json", "--now", "2026-11-25")
	if code != 1 {
		t.Fatalf("exit %d with a new finding, want 1", code)
	}
	rep = decodeReport(t, out)
	if b := rep.Summary.Baseline; b == nil || b.New != 1 || b.Unchanged != 1 || b.Fixed != 1 {
		t.Errorf("baseline summary %+v", rep.Summary.Baseline)
	}
	for _, f := range rep.Findings {
		if (f.Subject.ID == "BR2") != (f.Baseline == "new") {
			t.Errorf("%s: baseline %q", f.Subject.ID, f.Baseline)
		}
	}
}

func TestBadBaselineExitsTwo(t *testing.T) {
	t.Parallel()
	for name, content := range map[string]string{
		"not json":      "findings:\n",
		"not a report":  `{"runs": []}`,
		"other version": `{"version": 7, "findings": []}`,
	} {
		t.Run(name, func(t *testing.T) {
			path := writeTemp(t, "b.json", content)
			_, stderr, code := runIn(t, "check", ciSite, "--baseline", path)
			if code != 2 || !strings.HasPrefix(stderr, "pushlint: "+path+":1:") {
				t.Errorf("exit %d stderr %q", code, stderr)
			}
		})
	}
}

// extraRules are house rules of every severity, as a team would keep in a --policy folder.
var extraRules = map[string]string{
	"site_name.rego": `# METADATA
# title: Site has no display name
# custom:
#   id: ACME001
#   severity: warning
#   kb_section: Introduction
#   remediation: Name the site after its location.
package pushlint.rules.acme.site_name

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), sprintf("site %s has no display name", [site.code]), site.location) if {
	some site in input.sites
	site.name == site.code
}
`,
	"secondary.rego": `# METADATA
# title: Child primary site
# custom:
#   id: ACME002
#   severity: info
#   kb_section: SMS Advanced Clients are not installed on secondary sites
#   remediation: Nothing to do; listed for the inventory.
package pushlint.rules.acme.secondary

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), sprintf("site %s is a child primary site", [site.code]), lib.at(site, "parent")) if {
	some site in input.sites
	is_string(site.parent)
}
`,
}

// Every CI format, end to end, with findings of every severity from built-in and --policy rules.
func TestCIFormatsEndToEnd(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range extraRules {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"check", ciSite, "--policy", dir, "--now", "2026-11-25", "--format"}

	out, stderr, code := runIn(t, append(args, "sarif")...)
	if code != 1 {
		t.Fatalf("sarif: exit %d: %s", code, stderr)
	}
	for _, schemaFile := range []string{"sarif-schema-2.1.0.json", "sarif-2.1.0-rtm.5.json"} {
		validateAgainst(t, "../../report/testdata/sarif-schema/"+schemaFile, out)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct{ RuleID, Level string }
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	levels := map[string]int{}
	for _, r := range log.Runs[0].Results {
		levels[r.Level]++
	}
	if levels["error"] != 2 || levels["warning"] != 3 || levels["note"] != 2 {
		t.Errorf("levels %v, want 2 error, 3 warning, 2 note", levels)
	}
	ids := map[string]bool{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		ids[r.ID] = true
	}
	for _, id := range []string{"PL006", "PL901", "PL902", "ACME001", "ACME002"} {
		if !ids[id] {
			t.Errorf("no reportingDescriptor for %s", id)
		}
	}

	// CI formats write paths relative to the folder pushlint runs in: run these from the repository root.
	out, _, code = pushlint(t, append(args, "junit")...)
	if code != 1 || !strings.Contains(out, `<testcase name="site CEN" classname="pushlint.PL006" file="cmd/pushlint/testdata/ci/site.yaml" line="16"`) {
		t.Errorf("junit: exit %d\n%s", code, out)
	}

	out, _, code = pushlint(t, append(args, "github")...)
	if code != 1 || !strings.Contains(out, "::error file=cmd/pushlint/testdata/ci/site.yaml,line=16,col=44,title=PL006 ") ||
		!strings.Contains(out, "::notice file=cmd/pushlint/testdata/ci/site.yaml,line=20,col=5,title=ACME002 Child primary site::site BR1 is a child primary site") {
		t.Errorf("github: exit %d\n%s", code, out)
	}
}

func validateAgainst(t *testing.T, schemaPath, instance string) {
	t.Helper()
	b, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schemaPath, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(instance))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF invalid against %s: %v", schemaPath, err)
	}
}

// The shipped CI examples must stay runnable: the waivers example applies to the example site, the hook
// runs this program, and the workflow uploads the SARIF the gate writes.
func TestCIExamples(t *testing.T) {
	t.Parallel()
	out, stderr, code := runIn(t, "check", "examples/site.yaml", "--waivers", "examples/ci/waivers.yaml", "--format", "json", "--now", "2026-11-25")
	if code == 2 {
		t.Fatalf("examples/ci/waivers.yaml rejected: %s", stderr)
	}
	rep := decodeReport(t, out)
	waived := false
	for _, f := range rep.Findings {
		if f.Rule == "PL006" && f.Subject.ID == "CEN" {
			waived = f.Waived
		}
		if f.Rule == "PL902" {
			t.Errorf("the example waiver is stale: %s", f.Message)
		}
	}
	if !waived {
		t.Error("the example waiver does not waive PL006 on CEN")
	}

	var hooks []struct {
		ID, Entry, Language string
		PassFilenames       bool `yaml:"pass_filenames"`
	}
	readYAML(t, "../../.pre-commit-hooks.yaml", &hooks)
	if len(hooks) != 1 || hooks[0].ID != "pushlint" || hooks[0].Entry != "pushlint check" || hooks[0].Language != "golang" || hooks[0].PassFilenames {
		t.Errorf(".pre-commit-hooks.yaml: %+v", hooks)
	}
	var config struct {
		Repos []struct {
			Hooks []struct {
				ID   string
				Args []string
			}
		}
	}
	readYAML(t, "../../examples/ci/pre-commit-config.yaml", &config)
	if len(config.Repos) != 1 || config.Repos[0].Hooks[0].ID != "pushlint" || !strings.Contains(strings.Join(config.Repos[0].Hooks[0].Args, " "), "--waivers waivers.yaml --baseline") {
		t.Errorf("pre-commit-config.yaml: %+v", config)
	}
	var workflow struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses, Run string
				With      map[string]string
			}
		}
	}
	readYAML(t, "../../examples/ci/github-workflow.yml", &workflow)
	var sarifOut, uploaded string
	for _, s := range workflow.Jobs["gate"].Steps {
		if strings.Contains(s.Run, "--format sarif") {
			sarifOut = regexp.MustCompile(`--output (\S+)`).FindStringSubmatch(s.Run)[1]
		}
		if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
			uploaded = s.With["sarif_file"]
		}
	}
	if sarifOut == "" || sarifOut != uploaded {
		t.Errorf("the workflow uploads %q but the gate writes %q", uploaded, sarifOut)
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// SARIF run from a checkout names its files relative to %SRCROOT%, the folder pushlint ran in, so that
// code scanning maps findings onto the repository.
func TestSARIFPathsAreRelativeToTheCheckout(t *testing.T) {
	t.Parallel()
	out, stderr, code := pushlint(t, "check", "examples/site.yaml", "--format", "sarif", "--now", "2026-11-25")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var log struct {
		Runs []struct {
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	if got := log.Runs[0].OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file://"+filepath.ToSlash(root)+"/" {
		t.Errorf("%%SRCROOT%% is %q, want the checkout %s", got, root)
	}
	for _, r := range log.Runs[0].Results {
		al := r.Locations[0].PhysicalLocation.ArtifactLocation
		if al.URI != "examples/site.yaml" || al.URIBaseID != "%SRCROOT%" {
			t.Errorf("artifact location %+v, want examples/site.yaml relative to %%SRCROOT%%", al)
		}
	}
	var doc any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				walk(c, path+"."+k)
			}
		case []any:
			if len(x) == 0 {
				t.Errorf("%s: empty array", path)
			}
			for i, c := range x {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		case float64:
			if x == -1 {
				t.Errorf("%s: placeholder -1", path)
			}
		}
	}
	walk(doc, "$")
}

// Every JSON report pushlint writes is valid against the report's schema (report/schema/report.schema.json),
// the schema a --baseline is checked against: findings waived and not, a baseline comparison, evidence from
// logs, timelines from logs, a client export and inboxes.
func TestJSONReportsMatchSchema(t *testing.T) {
	t.Parallel()
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	if _, _, code := runIn(t, "check", ciSite, "--format", "json", "--output", baseline, "--now", "2026-11-25"); code != 1 {
		t.Fatalf("writing the baseline: exit %d", code)
	}
	for name, args := range map[string][]string{
		"example site":         {"check", "examples/site.yaml"},
		"clean site":           {"check", "examples/clean-site.yaml"},
		"waivers and baseline": {"check", ciSite, "--waivers", "examples/ci/waivers.yaml", "--baseline", baseline},
		"logs, clients, inboxes": {"check", "examples/site.yaml", "--logs", "cmd/pushlint/testdata/logrules/PL101/fires",
			"--clients", "testdata/bad/clients/duplicate-headers.csv", "--inboxes", "testdata/bad/inboxes/misspelt-key"},
		// A finding on an unconfirmed log phrase ("confidence") and log times of a known zone in the timeline.
		"unconfirmed finding": {"check", "--logs", "cmd/pushlint/testdata/logrules/PL107/fires/after-retry"},
		"changed rules and notes": {"check", "cmd/pushlint/testdata/config/hierarchy.yaml", "--clients", "cmd/pushlint/testdata/config/clients-no-adsite.csv",
			"--param", "ccr_cycle=2h", "--policy", "examples/house-rules", "--no-config"},
	} {
		t.Run(name, func(t *testing.T) {
			out, stderr, code := runIn(t, append(args, "--format", "json", "--now", "2026-11-25")...)
			if code > 1 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if name == "logs, clients, inboxes" && !strings.Contains(out, `"timelines"`) {
				t.Fatal("no timelines in the report")
			}
			if name == "changed rules and notes" && (!strings.Contains(out, `"changed_rules"`) || !strings.Contains(out, `"notes"`)) {
				t.Fatal("no changed rules or notes in the report")
			}
			if err := report.ValidateJSON("report.json", []byte(out)); err != nil {
				t.Error(err)
			}
		})
	}
}
