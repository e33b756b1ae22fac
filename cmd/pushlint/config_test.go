package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// End-to-end tests of issue "right on real sites": configuration rules on ordinary hierarchies, thresholds as
// data, .pushlint.yaml, and reports that say what a run changed about the rules.

const cfgData = "cmd/pushlint/testdata/config/"

// pushlintIn runs the built binary in dir, as a user in that folder would (.pushlint.yaml is looked up from it).
func pushlintIn(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

type cfgReport struct {
	Findings []struct {
		Rule, Severity, Message string
		Subject                 struct{ Kind, ID string }
	}
	Summary struct {
		RulesEvaluated int `json:"rules_evaluated"`
		ChangedRules   []struct {
			Kind, Rule, Param, From, To, File, Reason, Source, Message string
			Rules                                                      []string
		} `json:"changed_rules"`
		Notes []string
	}
}

func parseCfgReport(t *testing.T, out string) cfgReport {
	t.Helper()
	var r cfgReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return r
}

func ruleIDs(r cfgReport) string {
	var ids []string
	for _, f := range r.Findings {
		ids = append(ids, f.Rule+"/"+f.Severity+"/"+f.Subject.ID)
	}
	return strings.Join(ids, " ")
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// An ordinary hierarchy (testdata/config/hierarchy.yaml): a central site with no boundaries that installs no
// clients, a secondary whose own Heartbeat Discovery is off, a Group Policy site with push off on purpose,
// publish_to_ad left out with the schema extended. Before this issue it raised PL001, PL002, PL011 and four
// PL015; none of them is true.
func TestOrdinaryHierarchyRaisesNothing(t *testing.T) {
	t.Parallel()
	out, errOut, code := runIn(t, "check", cfgData+"hierarchy.yaml", "--format", "json", "--no-config")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	r := parseCfgReport(t, out)
	if len(r.Findings) != 0 || len(r.Summary.ChangedRules) != 0 || len(r.Summary.Notes) != 0 {
		t.Errorf("findings %s, changes %+v, notes %v", ruleIDs(r), r.Summary.ChangedRules, r.Summary.Notes)
	}
}

// PL003 follows the catalog: ConfigMgr 2007 pushes with the site server's computer account (info); only SMS 2003
// in advanced security has nothing to fall back to (error).
func TestPushAccountByProduct(t *testing.T) {
	t.Parallel()
	out, _, code := runIn(t, "check", cfgData+"configmgr2007.yaml", "--format", "json", "--no-config")
	r := parseCfgReport(t, out)
	if code != 0 || ruleIDs(r) != "PL003/info/CM1" || !strings.Contains(r.Findings[0].Message, "in ConfigMgr 2007 mixed mode it connects to clients with the site server's computer account") {
		t.Errorf("exit %d, findings %s %+v", code, ruleIDs(r), r.Findings)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"sms.yaml":    "version: 1\nsites:\n  - code: ABC\n    security_mode: advanced\n    boundaries: [{type: ip_subnet, value: 10.1.0.0/16}]\n    client_push: {enabled: true, install_properties: SMSSITECODE=ABC}\n    site_systems: [{server: SMS01, roles: [management_point]}]\n",
		"native.yaml": "version: 1\nsites:\n  - code: ABC\n    product: configmgr2007\n    security_mode: native\n    boundaries: [{type: ip_subnet, value: 10.1.0.0/16}]\n    client_push: {enabled: true, install_properties: SMSSITECODE=ABC}\n    site_systems: [{server: SMS01, roles: [management_point]}]\n",
		"wrong.yaml":  "version: 1\nsites:\n  - code: ABC\n    product: configmgr2007\n    security_mode: standard\n",
	})
	out, _, code = cli(t, "check", filepath.Join(dir, "sms.yaml"), "--format", "json", "--no-config")
	if r := parseCfgReport(t, out); code != 1 || ruleIDs(r) != "PL003/error/ABC" {
		t.Errorf("SMS 2003 advanced: exit %d, findings %s", code, ruleIDs(r))
	}
	out, _, code = cli(t, "check", filepath.Join(dir, "native.yaml"), "--format", "json", "--no-config")
	if r := parseCfgReport(t, out); code != 0 || ruleIDs(r) != "PL003/info/ABC" {
		t.Errorf("ConfigMgr 2007 native: exit %d, findings %s", code, ruleIDs(r))
	}
	_, errOut, code := cli(t, "check", filepath.Join(dir, "wrong.yaml"), "--no-config")
	want := filepath.Join(dir, "wrong.yaml") + `:5:20: security_mode "standard" is an SMS 2003 security mode; a configmgr2007 site runs in mixed or native mode (its security is always advanced) (or write product: sms2003 if the site runs SMS 2003)`
	if code != 2 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %s", code, errOut)
	}
}

// PL001: push is expected only where client_push.deployment says the site pushes (push, both).
func TestPushExpectedOnlyWhereTheSitePushes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, d := range []string{"push", "both", "capinst", "group_policy", "software_update", "logon_script", "manual"} {
		site := "version: 1\nsites:\n  - code: ABC\n    boundaries: [{type: ip_subnet, value: 10.1.0.0/16}]\n" +
			"    client_push: {enabled: false, deployment: " + d + "}\n    site_systems: [{server: SMS01, roles: [management_point, server_locator_point]}]\n" +
			"    server_locator_point: {server: SMS01, registered_in: [wins]}\nenvironment: {wins: true}\n"
		writeFiles(t, dir, map[string]string{d + ".yaml": site})
		out, _, _ := cli(t, "check", filepath.Join(dir, d+".yaml"), "--format", "json", "--no-config")
		got := strings.Contains(ruleIDs(parseCfgReport(t, out)), "PL001/")
		if want := d == "push" || d == "both"; got != want {
			t.Errorf("deployment %s: PL001 %v, want %v (%s)", d, got, want, ruleIDs(parseCfgReport(t, out)))
		}
	}
}

// PL002: a computer an export cannot place (the AD site column is missing while sites have AD site
// boundaries) is said in the notes, on standard error and in the JSON report, not skipped in silence.
func TestBoundaryNotesInTheReport(t *testing.T) {
	t.Parallel()
	out, errOut, code := runIn(t, "check", cfgData+"hierarchy.yaml", "--clients", cfgData+"clients-no-adsite.csv", "--format", "json", "--no-config")
	want := "PL002: 2 computers of " + cfgData + "clients-no-adsite.csv (PC007, PC008) lie in no boundary the export can show, and whether they lie in the Active Directory site boundaries of LON, PAR cannot be decided: the export has no AD Site Name column (add it to the export to check them)"
	r := parseCfgReport(t, out)
	if code != 0 || len(r.Findings) != 0 || errOut != "pushlint: note: "+want+"\n" || strings.Join(r.Summary.Notes, "\n") != want {
		t.Errorf("exit %d, findings %s, stderr %q, notes %q", code, ruleIDs(r), errOut, r.Summary.Notes)
	}
}

// Client exports from non-US consoles: 03/04/2026 is 3 April when the file shows day-first dates; a file that
// cannot tell is said so and its heartbeat column is not read; --date-order and date_order decide.
func TestDateOrderOfClientExports(t *testing.T) {
	t.Parallel()
	now := "2026-04-05T12:00:00Z"
	heartbeats := func(args ...string) (string, string, int) {
		out, errOut, code := runIn(t, append([]string{"check", "--clients-site", "LON", "--now", now, "--format", "json", "--no-config",
			"--clients"}, args...)...)
		if code == 2 {
			return "", errOut, code
		}
		var ids []string
		for _, f := range parseCfgReport(t, out).Findings {
			if f.Rule == "PL304" {
				ids = append(ids, f.Subject.ID)
			}
		}
		return strings.Join(ids, " "), errOut, code
	}
	// 30/03/2026 shows the order: PC001's 03/04 is 3 April, two days ago.
	if got, errOut, _ := heartbeats(cfgData + "clients-dmy.csv"); got != "" || strings.Contains(errOut, "Last Heartbeat") {
		t.Errorf("day-first file: PL304 for %q; stderr %s", got, errOut)
	}
	// Nothing shows the order: not guessed, said.
	got, errOut, _ := heartbeats(cfgData + "clients-ambiguous.csv")
	if got != "" || !strings.Contains(errOut, `pushlint: note: `+cfgData+`clients-ambiguous.csv:2:15: Last Heartbeat: dates such as "03/04/2026 10:00" can be day/month or month/day`) {
		t.Errorf("undecidable file: PL304 for %q; stderr %s", got, errOut)
	}
	// Said on the command line: month first makes PC001's heartbeat 4 March, a month old.
	if got, _, _ := heartbeats(cfgData+"clients-ambiguous.csv", "--date-order", "mdy"); got != "PC001" {
		t.Errorf("--date-order mdy: PL304 for %q, want PC001", got)
	}
	if got, _, _ := heartbeats(cfgData+"clients-ambiguous.csv", "--date-order", "dmy"); got != "" {
		t.Errorf("--date-order dmy: PL304 for %q", got)
	}
	if _, errOut, code := heartbeats(cfgData+"clients-dmy.csv", "--date-order", "mdy"); code != 2 ||
		!strings.Contains(errOut, cfgData+`clients-dmy.csv:4:15: Last Heartbeat: "30/03/2026 10:00" is not a date written month/day/year (the date order given is mdy)`) {
		t.Errorf("contradicting order: exit %d, %s", code, errOut)
	}
	if _, errOut, code := heartbeats(cfgData+"clients-dmy.csv", "--date-order", "ymd"); code != 2 || !strings.Contains(errOut, `--date-order "ymd": expected dmy (25/03/2008) or mdy (03/25/2008)`) {
		t.Errorf("bad --date-order: exit %d, %s", code, errOut)
	}
	// In .pushlint.yaml.
	dir := t.TempDir()
	abs, _ := filepath.Abs(root)
	writeFiles(t, dir, map[string]string{".pushlint.yaml": "date_order: mdy\n"})
	out, _, _ := pushlintIn(t, dir, "check", filepath.Join(abs, cfgData, "hierarchy.yaml"), "--clients", filepath.Join(abs, cfgData, "clients-ambiguous.csv"),
		"--clients-site", "LON", "--now", now, "--format", "json")
	if ids := ruleIDs(parseCfgReport(t, out)); ids != "PL304/warning/PC001" {
		t.Errorf("date_order: mdy in .pushlint.yaml: findings %s", ids)
	}
}

// inbox writes an SMS\Inboxes folder whose files were last changed age before --now.
func inbox(t *testing.T, now time.Time, files map[string]time.Duration) string {
	t.Helper()
	dir := t.TempDir()
	for rel, age := range files {
		name := filepath.Base(rel)
		machine := strings.ToUpper(strings.SplitN(name, ".", 2)[0])
		writeFiles(t, dir, map[string]string{rel: "[NT Client Configuration Request]\r\nMachine Name=" + machine + "\r\n"})
		mt := now.Add(-age)
		if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(rel)), mt, mt); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// PL305 on the KB's Notepad mistake, PL307 on requests nobody processes, and ccr_cycle as a parameter.
func TestInboxRulesAndTheCycleParameter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	dir := inbox(t, now, map[string]time.Duration{
		"Ccr.box/PC042.ccr.txt":    10 * time.Minute,
		"Ccr.box/PC050.ccr":        3 * time.Hour,
		"Ccr.box/PC051.ccr":        10 * time.Minute,
		"Ccr.box/Inproc/PC052.CCR": 2 * time.Hour,
	})
	check := func(extra ...string) cfgReport {
		out, errOut, code := cli(t, append([]string{"check", "--inboxes", dir, "--now", now.Format(time.RFC3339), "--format", "json", "--no-config"}, extra...)...)
		if code == 2 {
			t.Fatalf("exit 2: %s", errOut)
		}
		return parseCfgReport(t, out)
	}
	r := check()
	if ids := ruleIDs(r); ids != "PL305/error/"+filepath.Join(dir, "Ccr.box", "PC042.ccr.txt")+" PL307/warning/PC050 PL307/warning/PC052" {
		t.Errorf("findings %s", ids)
	}
	if m := r.Findings[0].Message; !strings.Contains(m, "is named PC042.ccr.txt: Client Configuration Manager processes only a file whose name ends in .ccr") {
		t.Errorf("PL305 message %s", m)
	}
	// Four hours is this site's cycle: nothing waits longer; the report says the threshold was changed.
	r = check("--param", "ccr_cycle=4h")
	if ids := ruleIDs(r); strings.Contains(ids, "PL307") {
		t.Errorf("with ccr_cycle=4h: findings %s", ids)
	}
	if c := r.Summary.ChangedRules; len(c) != 1 || c[0].Kind != "param" || c[0].Param != "ccr_cycle" || c[0].From != "1h" || c[0].To != "4h" ||
		strings.Join(c[0].Rules, " ") != "PL307" || c[0].Message != "parameter ccr_cycle is 4h instead of 1h (read by PL307), set by --param ccr_cycle=4h" {
		t.Errorf("changed rules %+v", c)
	}
	for _, bad := range []struct{ param, want string }{
		{"ccr_cycle=4", `--param ccr_cycle=4: parameter ccr_cycle: "4" needs a unit: write 4h for hours (units: m, h, d, w)`},
		{"ccr_cylce=4h", `--param ccr_cylce=4h: unknown parameter "ccr_cylce" (did you mean "ccr_cycle"?)`},
		{"ccr_cycle", `--param "ccr_cycle": expected NAME=VALUE, such as --param ccr_cycle=2h`},
	} {
		if _, errOut, code := cli(t, "check", "--inboxes", dir, "--no-config", "--param", bad.param); code != 2 || !strings.Contains(errOut, bad.want) {
			t.Errorf("--param %s: exit %d, %s", bad.param, code, errOut)
		}
	}
}

// .pushlint.yaml is found from the folder pushlint runs in, up to the repository's root; flags win; a mistake
// in it is exit 2 with file:line:col.
func TestProjectConfiguration(t *testing.T) {
	t.Parallel()
	abs, _ := filepath.Abs(root)
	repo := t.TempDir()
	site := filepath.Join(abs, "examples", "site.yaml")
	writeFiles(t, repo, map[string]string{
		".git/HEAD": "ref: refs/heads/main\n",
		".pushlint.yaml": `# the gate of the examples
fail_on: warning
rules:
  PL015: {enabled: false, reason: "BR1 does not publish by design"}
  PL010: {severity: error}
`,
		"sites/london/notes.txt": "",
		"other.yaml":             "fail_on: never\n",
		"bad.yaml":               "fail_on: warning\nrule:\n  PL015: {enabled: false}\n",
	})
	run := func(dir string, args ...string) (cfgReport, string, int) {
		out, errOut, code := pushlintIn(t, dir, append([]string{"check", site, "--format", "json"}, args...)...)
		if code == 2 {
			return cfgReport{}, errOut, code
		}
		return parseCfgReport(t, out), errOut, code
	}
	r, errOut, code := run(filepath.Join(repo, "sites", "london"))
	if code != 1 || strings.Contains(ruleIDs(r), "PL015") || !strings.Contains(ruleIDs(r), "PL010/error/CEN") {
		t.Fatalf("from a sub-folder: exit %d, findings %s, %s", code, ruleIDs(r), errOut)
	}
	var kinds []string
	for _, c := range r.Summary.ChangedRules {
		kinds = append(kinds, c.Kind+" "+c.Rule+" "+c.Source)
	}
	if strings.Join(kinds, ", ") != "disabled PL015 ../../.pushlint.yaml:4:3, severity PL010 ../../.pushlint.yaml:5:3" {
		t.Errorf("changed rules %v", kinds)
	}
	// A flag wins over the file; --config names another file; --no-config reads none.
	if _, _, code := run(repo, "--fail-on", "never"); code != 0 {
		t.Errorf("--fail-on never over fail_on: warning: exit %d", code)
	}
	if _, _, code := run(repo, "--config", "other.yaml", "--fail-on", "error"); code != 1 {
		t.Errorf("--config other.yaml --fail-on error: exit %d", code)
	}
	if r, _, _ := run(repo, "--no-config"); len(r.Summary.ChangedRules) != 0 || !strings.Contains(ruleIDs(r), "PL015") {
		t.Errorf("--no-config: changes %+v", r.Summary.ChangedRules)
	}
	if _, errOut, code := run(repo, "--config", "bad.yaml"); code != 2 ||
		errOut != "pushlint: bad.yaml:2:1: unknown key \"rule\" in the configuration (did you mean \"rules\"?)\n" {
		t.Errorf("bad config: exit %d, %q", code, errOut)
	}
	if _, errOut, code := run(repo, "--config", "missing.yaml"); code != 2 || !strings.Contains(errOut, "missing.yaml") {
		t.Errorf("missing --config: exit %d, %q", code, errOut)
	}
	// A rule setting naming no rule is a mistake, not a silent no-op.
	writeFiles(t, repo, map[string]string{"typo.yaml": "rules:\n  PL0015: {enabled: false, reason: x}\n"})
	if _, errOut, code := run(repo, "--config", "typo.yaml"); code != 2 || !strings.Contains(errOut, "typo.yaml:2:3: rule PL0015 is not a rule of this run (did you mean PL015?)") {
		t.Errorf("typo: exit %d, %q", code, errOut)
	}
	// Above the repository's root nothing is read.
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{".pushlint.yaml": "fail_on: never\n", "repo/.git/HEAD": "x\n"})
	if _, _, code := run(filepath.Join(outside, "repo")); code != 1 {
		t.Errorf("a .pushlint.yaml above the repository was read: exit %d", code)
	}
}

// Every format says what the run changed about the rules: a disabled rule, a changed severity, a built-in rule
// replaced by a user's policy, a parameter.
func TestReportsSayWhatWasChanged(t *testing.T) {
	t.Parallel()
	abs, _ := filepath.Abs(root)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".pushlint.yaml": "rules:\n  PL015: {enabled: false, reason: \"BR1 does not publish by design\"}\n  PL010: {severity: error}\nparams:\n  retry_limit: 100\n",
		"house/rediscovery.rego": `# METADATA
# title: Client rediscovery period is less than three heartbeat intervals
# custom:
#   id: PL006
#   severity: warning
#   kb_section: Troubleshoot Heartbeat Discovery
#   remediation: Set the rediscovery period to more than three Heartbeat Discovery intervals.
package pushlint.rules.house.rediscovery

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), msg, lib.at(flag, "rediscovery_period")) if {
	some site in input.sites
	flag := site.maintenance.clear_install_flag
	flag.enabled
	flag.rediscovery_period_seconds <= 3 * site.discovery.heartbeat.interval_seconds
	msg := sprintf("site %s: rediscovery period is not more than three heartbeats", [site.code])
}
`,
	})
	site := filepath.Join(abs, "examples", "site.yaml")
	// In-process, with the configuration named (--config) rather than looked up, so that the five formats share
	// one compiled engine.
	cfg, house := filepath.Join(dir, ".pushlint.yaml"), filepath.Join(dir, "house")
	messages := []string{
		"built-in rule PL006 (policies/config/rediscovery_period.rego) is replaced by PL006 of " + house + "/rediscovery.rego (package pushlint.rules.house.rediscovery) and was not evaluated",
		"PL015 (The Active Directory schema is extended but the site does not publish to Active Directory) is disabled by " + cfg + ":2:3 and was not evaluated: BR1 does not publish by design",
		"PL010 (Network Discovery is enabled together with another discovery method) reports as error instead of warning, set by " + cfg + ":3:3",
		"parameter retry_limit is 100 instead of 168 (read by PL104, PL306), set by " + cfg + ":5:16",
	}
	for _, format := range []string{"text", "json", "sarif", "junit", "github"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			out, errOut, code := cli(t, "check", site, "--config", cfg, "--policy", house, "--format", format)
			if code != 1 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			switch format {
			case "text", "github":
				tail := "changed: " + strings.Join(messages, "\nchanged: ") + "\n"
				if !strings.HasSuffix(out, tail) {
					t.Errorf("the lines under the summary are not the changes:\n%s", out[max(0, len(out)-1500):])
				}
				if format == "github" && !strings.Contains(out, "::notice title=pushlint%3A PL015 disabled::"+messages[1]+"\n") {
					t.Errorf("no notice for the disabled rule")
				}
			case "json":
				r := parseCfgReport(t, out)
				var got []string
				for _, c := range r.Summary.ChangedRules {
					got = append(got, c.Message)
				}
				if strings.Join(got, "\n") != strings.Join(messages, "\n") || r.Summary.ChangedRules[1].Reason != "BR1 does not publish by design" {
					t.Errorf("summary.changed_rules %+v", r.Summary.ChangedRules)
				}
			case "sarif":
				var log struct {
					Runs []struct {
						Invocations []struct {
							ExecutionSuccessful            bool `json:"executionSuccessful"`
							ToolConfigurationNotifications []struct {
								Message        struct{ Text string }
								AssociatedRule *struct{ ID string } `json:"associatedRule"`
							} `json:"toolConfigurationNotifications"`
							RuleConfigurationOverrides []struct {
								Descriptor    struct{ ID string }
								Configuration struct {
									Enabled bool
									Level   string
								}
							} `json:"ruleConfigurationOverrides"`
						}
					}
				}
				if err := json.Unmarshal([]byte(out), &log); err != nil {
					t.Fatal(err)
				}
				inv := log.Runs[0].Invocations
				if len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].ToolConfigurationNotifications) != 4 {
					t.Fatalf("invocations %+v", inv)
				}
				for i, n := range inv[0].ToolConfigurationNotifications {
					if n.Message.Text != messages[i] {
						t.Errorf("notification %d: %q", i, n.Message.Text)
					}
				}
				o := inv[0].RuleConfigurationOverrides
				if len(o) != 2 || o[0].Descriptor.ID != "PL015" || o[0].Configuration.Enabled || o[1].Descriptor.ID != "PL010" || o[1].Configuration.Level != "error" {
					t.Errorf("rule configuration overrides %+v", o)
				}
				for _, schemaFile := range []string{"sarif-schema-2.1.0.json", "sarif-2.1.0-rtm.5.json"} {
					validateAgainst(t, "../../report/testdata/sarif-schema/"+schemaFile, out)
				}
			case "junit":
				var doc struct {
					Suites []struct {
						Name  string `xml:"name,attr"`
						Cases []struct {
							Name    string `xml:"name,attr"`
							Skipped *struct {
								Message string `xml:"message,attr"`
							} `xml:"skipped"`
							SystemOut string `xml:"system-out"`
						} `xml:"testcase"`
					} `xml:"testsuite"`
				}
				if err := xml.Unmarshal([]byte(out), &doc); err != nil {
					t.Fatal(err)
				}
				last := doc.Suites[len(doc.Suites)-1]
				if last.Name != "pushlint: rules changed in this run" || len(last.Cases) != 4 ||
					last.Cases[0].Name != "PL006 replaced" || last.Cases[0].Skipped == nil ||
					last.Cases[1].Name != "PL015 disabled" || last.Cases[1].Skipped == nil || last.Cases[1].Skipped.Message != messages[1] ||
					last.Cases[2].Skipped != nil || last.Cases[2].SystemOut != messages[2] || last.Cases[3].Skipped != nil {
					t.Errorf("changes suite %+v", last)
				}
			}
		})
	}
}

// A --policy file that defines into the built-in library could make every waiver cover every finding and exit
// 0 with "no findings": it is refused, and loaded only when asked for, then reported.
func TestLibraryOverrideIsRefusedOrReported(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"house/waive_all.rego": "package pushlint.lib\n\n# Every finding is covered by the first waiver.\nwaiver_for(_) := 0\n",
		"waivers.yaml":         "waivers:\n  - rule: PL006\n    subject: CEN\n    reason: \"accepted\"\n    expires: 2099-01-31\n",
	})
	abs, _ := filepath.Abs(root)
	site := filepath.Join(abs, "examples", "site.yaml")
	_, errOut, code := pushlintIn(t, dir, "check", site, "--policy", "house", "--waivers", "waivers.yaml", "--no-config")
	want := "pushlint: policy library error: house/waive_all.rego:1: package pushlint.lib defines data.pushlint.lib, inside pushlint's built-in library (pushlint.lib)\n" +
		"  a file there changes what every rule and waiver means; give --allow-library-override to load it anyway (every report then says so)\n"
	if code != 2 || errOut != want {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	out, _, code := pushlintIn(t, dir, "check", site, "--policy", "house", "--waivers", "waivers.yaml", "--no-config", "--allow-library-override")
	if code != 0 || !strings.Contains(out, "changed: house/waive_all.rego defines data.pushlint.lib inside pushlint's built-in library (pushlint.lib) (allowed by --allow-library-override)") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
