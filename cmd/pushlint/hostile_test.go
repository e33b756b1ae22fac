package main

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/report"
)

// clientRowsRule reports every client with its row as evidence: it carries whatever a client export
// holds into every report format.
const clientRowsRule = `# METADATA
# title: Client rows
# custom:
#   id: XX910
#   severity: error
#   kb_section: Introduction
#   remediation: Nothing; this policy carries export rows into reports.
package pushlint.rules.test.client_rows

import data.pushlint.lib

report contains finding if {
	some c in input.clients
	finding := object.union(
		lib.client_finding(c, sprintf("%s runs %s", [c.name, c.operating_system])),
		{"evidence": [{"file": c.location.file, "line": c.location.line, "text": c.row}]},
	)
}
`

// A cell written to run a command when a spreadsheet opens the file (=cmd|' /C calc'!A0) is data: it
// reaches reports as text, escaped as each format escapes text, and nothing pushlint writes is a CSV
// that a spreadsheet would evaluate.
func TestFormulaCellsStayData(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "client_rows.rego"), []byte(clientRowsRule), 0o644); err != nil {
		t.Fatal(err)
	}
	const formula = `=cmd|' /C calc'!A0`
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			out, stderr, code := runIn(t, "check", "--clients", "testdata/bad/clients/formula-injection.csv", "--no-builtin",
				"--policy", dir, "--format", format, "--now", "2026-11-25")
			if code != 1 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			switch format {
			case "junit":
				var doc report.JUnitSuites
				if err := xml.Unmarshal([]byte(out), &doc); err != nil {
					t.Fatalf("not XML: %v", err)
				}
				if !strings.Contains(out, `=cmd|&#39; /C calc&#39;!A0`) {
					t.Errorf("the cell is not XML-escaped text:\n%s", out)
				}
			case "json", "sarif":
				if !json.Valid([]byte(out)) || !strings.Contains(out, formula) {
					t.Errorf("the cell is not a JSON string:\n%s", out)
				}
			default:
				if !strings.Contains(out, "PC001 runs "+formula) {
					t.Errorf("the cell is not in the message as text:\n%s", out)
				}
			}
			for _, line := range strings.Split(out, "\n") {
				if strings.HasPrefix(line, "=") || strings.HasPrefix(line, "@") {
					t.Errorf("a line starts with a spreadsheet formula: %q", line)
				}
			}
		})
	}
}

// Fail closed: when any policy fails at run time, no report is written in any format (not even "no
// findings"), nothing is left at --output, and the exit code is 2.
func TestNoReportUnlessEveryPolicyRan(t *testing.T) {
	t.Parallel()
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			outFile := filepath.Join(t.TempDir(), "report."+format)
			for _, args := range [][]string{nil, {"--output", outFile}} {
				args = append([]string{"check", "examples/clean-site.yaml", "--policy", "testdata/bad/policies/runtime-conflict",
					"--format", format, "--now", "2026-11-25"}, args...)
				out, stderr, code := runIn(t, args...)
				if code != 2 || out != "" {
					t.Errorf("%v: exit %d, output %q", args, code, out)
				}
				if !strings.HasPrefix(stderr, "pushlint: policy eval error: testdata/bad/policies/runtime-conflict/runtime_conflict.rego:14:1: ") {
					t.Errorf("stderr %q", stderr)
				}
			}
			if _, err := os.Stat(outFile); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("--output %s exists after a failed run", outFile)
			}
		})
	}
}

// A log folder with links that loop, or that lead back up, is walked once and the run ends.
func TestLogFolderLinkLoops(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	logs := filepath.Join(dir, "logs")
	if err := os.Mkdir(logs, 0o755); err != nil {
		t.Fatal(err)
	}
	line := "Submitted request successfully  $$<SMS_CLIENT_CONFIG_MANAGER><09-25-2026 15:13:57.327-60><thread=19068 (0x4A7C)>\n"
	if err := os.WriteFile(filepath.Join(logs, "ccm.log"), []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"again": logs, "up": dir} {
		if err := os.Symlink(target, filepath.Join(logs, name)); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	out, stderr, code := runIn(t, "logs", dir)
	if code != 0 || strings.Count(out, "Submitted request successfully") != 1 {
		t.Errorf("exit %d, output %q", code, out)
	}
	for _, want := range []string{"skipped " + filepath.Join(logs, "again") + ": folder already read", "skipped " + filepath.Join(logs, "up") + ": folder already read"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q lacks %q", stderr, want)
		}
	}
}
