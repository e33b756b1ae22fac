package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type logCheckReport struct {
	Findings []struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
		Subject  struct {
			Kind string `json:"kind"`
			ID   string `json:"id"`
		} `json:"subject"`
		Evidence []struct {
			File string `json:"file"`
			Line int    `json:"line"`
			Text string `json:"text"`
		} `json:"evidence"`
	} `json:"findings"`
	Summary struct {
		Inputs struct {
			Logs    int `json:"logs"`
			Entries int `json:"entries"`
		} `json:"inputs"`
	} `json:"summary"`
}

func runWithLogs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	stdout, stderr, code := cli(t, args...)
	return code, stdout, stderr
}

func checkLogsJSON(t *testing.T, args ...string) (int, logCheckReport) {
	t.Helper()
	code, out, errOut := runWithLogs(t, append([]string{"check", "--format", "json", "--now", "2026-11-25"}, args...)...)
	var rep logCheckReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("exit %d, report is not JSON: %v\nstdout: %s\nstderr: %s", code, err, out, errOut)
	}
	return code, rep
}

// TestCheckLogsKB925282: the KB's own ccm.log excerpt (error 53 after 0x4b3, CCR to Retry) yields PL101 and
// PL104 for the machine, with the log lines as evidence.
func TestCheckLogsKB925282(t *testing.T) {
	t.Parallel()
	code, rep := checkLogsJSON(t, "--logs", "testdata/logs/ccm-log-kb925282-error53-01.log")
	if code != ExitFindings {
		t.Errorf("exit %d, want %d", code, ExitFindings)
	}
	rules := map[string]string{}
	for _, f := range rep.Findings {
		if f.Subject.Kind != "machine" || f.Subject.ID != "COMPUTERNAME" {
			t.Errorf("finding %s about %s %s", f.Rule, f.Subject.Kind, f.Subject.ID)
		}
		rules[f.Rule] = f.Severity
		if len(f.Evidence) == 0 || !strings.Contains(f.Evidence[len(f.Evidence)-1].Text, `in queue "Retry"`) {
			t.Errorf("%s evidence does not end with the Retry line: %+v", f.Rule, f.Evidence)
		}
	}
	if len(rules) != 2 || rules["PL101"] != "error" || rules["PL104"] != "warning" {
		t.Errorf("findings = %v, want PL101 error and PL104 warning", rules)
	}
	if rep.Summary.Inputs.Logs != 1 || rep.Summary.Inputs.Entries != 7 {
		t.Errorf("summary inputs = %+v", rep.Summary.Inputs)
	}
}

// TestUserSignatureAndPolicy: a signature file teaches pushlint a message it did not know (SMS 2.0's CCIM32
// failing to read the site's files), and a --policy rule reasons over the new event; nothing is rebuilt.
func TestUserSignatureAndPolicy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sig := filepath.Join(dir, "ccim.yaml")
	writeTestFile(t, sig, `version: 1
kinds:
  ccim:
    title: Ccim32.log (SMS 2.0 client)
    side: client
    files: ["ccim32*.log"]
events:
  ccim_site_unreadable:
    title: CCIM32 could not read the site's files
    source: KB236052
    logs: [ccim]
    contains: could not read files from site
    pattern: 'could not read files from site (?P<site>\w+) \((?P<error_code>#?\d+)\)'
    fields: {site: upper, error_code: error_code}
    role: failure
`)
	policyDir := filepath.Join(dir, "policies")
	writeTestFile(t, filepath.Join(policyDir, "acme", "ccim_site_unreadable.rego"), `# METADATA
# title: The client cannot read its site's files
# custom:
#   id: ACME001
#   severity: error
#   kb_section: KB236052
#   remediation: Unlock the client connection account.
package pushlint.rules.acme.ccim_site_unreadable

import data.pushlint.lib

report contains lib.log_finding(lib.file_subject(e.file), message, lib.log_location(e), lib.log_evidence([e])) if {
	some e in input.events
	e.type == "ccim_site_unreadable"
	e.log_kind == "ccim"
	message := sprintf("site %s unreadable, error %s", [e.fields.site, lib.log_error(e.fields.error_code_win32, e.fields.error_code_hex)])
}
`)
	logFile := "testdata/logs/ccim32-legacy-kb236052-01.log"

	code, rep := checkLogsJSON(t, "--logs", logFile, "--signatures", sig, "--policy", policyDir)
	if code != ExitFindings || len(rep.Findings) != 1 {
		t.Fatalf("exit %d, findings %+v", code, rep.Findings)
	}
	f := rep.Findings[0]
	if f.Rule != "ACME001" || f.Message != "site TB1 unreadable, error 5 (Access is denied)" || f.Evidence[0].Line != 1 ||
		!strings.HasPrefix(f.Evidence[0].Text, "Warning - could not read files from site TB1 (#2147942405)") {
		t.Errorf("finding = %+v", f)
	}

	// Without the signature file the event does not exist, and the same rule finds nothing.
	code, rep = checkLogsJSON(t, "--logs", logFile, "--policy", policyDir)
	if code != ExitClean || len(rep.Findings) != 0 {
		t.Errorf("without --signatures: exit %d, findings %+v", code, rep.Findings)
	}
}

func TestSignatureFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sig := filepath.Join(dir, "bad.yaml")
	writeTestFile(t, sig, "events:\n  x:\n    title: x\n    pattern: '(?P<machine>a)'\n    fields: {machine: hostname}\n")
	for _, cmd := range []string{"check", "facts"} {
		code, _, errOut := runWithLogs(t, cmd, "--signatures", sig)
		want := sig + `:5:23: event x.fields.machine must be one of text | machine | account | request | error_code | int | upper | lower, found "hostname"`
		if code != ExitInvalid || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", cmd, code, errOut, want)
		}
	}
}

func TestFactsLogs(t *testing.T) {
	t.Parallel()
	code, out, errOut := runWithLogs(t, "facts", "--now", "2026-11-25", "--logs", "testdata/logs")
	if code != ExitClean {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Inputs struct {
			Logs []string `json:"logs"`
		} `json:"inputs"`
		Logs []struct {
			File string `json:"file"`
			Kind string `json:"kind"`
		} `json:"logs"`
		Events   []map[string]any `json:"events"`
		Machines []struct {
			Name     string `json:"name"`
			Retrying bool   `json:"retrying"`
		} `json:"machines"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Inputs.Logs) != 1 || len(doc.Logs) != 2 || doc.Logs[1].Kind != "ccm" || len(doc.Events) != 6 ||
		len(doc.Machines) != 1 || doc.Machines[0].Name != "COMPUTERNAME" || !doc.Machines[0].Retrying {
		t.Errorf("facts = %s", out)
	}
}

func writeTestFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
