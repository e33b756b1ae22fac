package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pushlint/pushlint/engine"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// binary is pushlint built once for the tests that must run the real program (exit codes, --policy).
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	// Engines are compiled once per set of options: the built-in policies for most tests, and the same
	// --policy folders (by content), parameters and rule settings for tests that run one configuration in
	// several formats. Compiling is the expensive part of a run.
	compiled := map[string]func() (*engine.Engine, error){}
	var mu sync.Mutex
	newEngine = func(ctx context.Context, opts engine.Options) (*engine.Engine, error) {
		key := fmt.Sprintf("%v|%s|%v|%+v|%+v|%v", opts.Timeout, folderDigest(opts.PolicyDirs), opts.NoBuiltin, opts.Params, opts.Rules, opts.AllowLibraryOverride)
		mu.Lock()
		build, ok := compiled[key]
		if !ok {
			build = sync.OnceValues(func() (*engine.Engine, error) { return engine.New(ctx, opts) })
			compiled[key] = build
		}
		mu.Unlock()
		return build()
	}
	// The binary goes to a place of its own per checkout that outlives the run: go build leaves a binary that
	// is up to date as it is, so a rerun does not link pushlint again (2 s before any test could start).
	binary = builtBinaryPath()
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic("building pushlint: " + err.Error() + "\n" + string(out))
	}
	os.Exit(m.Run())
}

// builtBinaryPath is where the tests keep the pushlint they run: in the user's cache folder (or the temporary
// folder), named after this checkout, so two checkouts never share one.
func builtBinaryPath() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "pushlint-test", fmt.Sprintf("%x", sha256.Sum256([]byte(wd)))[:16])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		// A read-only home (some CI runners): a fresh folder, linked again at every run.
		if dir, err = os.MkdirTemp("", "pushlint-bin"); err != nil {
			panic(err)
		}
	}
	return filepath.Join(dir, "pushlint")
}

// folderDigest names the content of policy folders: every file's path and bytes. A folder that cannot be
// read gets a name of its own, so that its error is not shared with another run.
func folderDigest(dirs []string) string {
	h := sha256.New()
	for _, d := range dirs {
		fmt.Fprintf(h, "dir %s\n", d)
		err := filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			info, err := e.Info()
			if err != nil {
				return err
			}
			// Pipes, devices, links and large files (the hostile-policy tests make them) are named, not read.
			if !e.Type().IsRegular() || info.Size() > 1<<20 {
				fmt.Fprintf(h, "%s %v %d %d\n", p, e.Type(), info.Size(), info.ModTime().UnixNano())
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %d\n", p, len(b))
			h.Write(b)
			return nil
		})
		if err != nil {
			fmt.Fprintf(h, "unreadable %p", &err)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// pushlint runs the built binary from the repository root, as a user would: for exit codes of the real
// process and for golden files of whole reports.
func pushlint(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// root is the repository root, seen from this package's folder, where `go test` runs its tests.
const root = "../.."

// repoTop are the repository's folders that test inputs are named from ("examples/site.yaml").
var repoTop = []string{"examples/", "testdata/", "policies/", "docs/", "timeline/", "facts/", "cmd/"}

// cli runs pushlint in this process, from this package's folder, as `pushlint args...`. Tests run it in
// parallel: the CLI keeps no state between runs, and the built-in policies are compiled once (TestMain).
func cli(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return out.String(), errb.String(), code
}

// runIn runs pushlint in this process as a user at the repository root would: inputs named from the root
// (examples/site.yaml) are given from this folder, and the root is taken off the paths pushlint prints, so
// messages read as they do at the root. Golden files of whole reports use the built binary instead.
func runIn(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	rooted := make([]string, len(args))
	for i, a := range args {
		rooted[i] = a
		for _, top := range repoTop {
			if strings.HasPrefix(a, top) {
				rooted[i] = root + "/" + a
			}
		}
	}
	out, errOut, code := cli(t, rooted...)
	return strings.ReplaceAll(out, root+"/", ""), strings.ReplaceAll(errOut, root+"/", ""), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/pushlint -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (run go test ./cmd/pushlint -update and review the diff):\n%s", path, got)
	}
}

func TestCheckExamplesGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		site, format, golden string
		code                 int
	}{
		{"examples/site.yaml", "text", "site.txt", 1},
		{"examples/site.yaml", "json", "site.json", 1},
		{"examples/clean-site.yaml", "text", "clean-site.txt", 0},
		{"examples/clean-site.yaml", "json", "clean-site.json", 0},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			out, errOut, code := runIn(t, "check", tt.site, "--format", tt.format, "--now", "2026-11-25T08:00:00Z")
			if code != tt.code {
				t.Fatalf("exit code %d, want %d; stderr: %s", code, tt.code, errOut)
			}
			golden(t, tt.golden, out)
		})
	}
}

func TestExampleSiteFiresAtLeastSixRules(t *testing.T) {
	t.Parallel()
	out, _, code := runIn(t, "check", "examples/site.yaml", "--format", "json")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	var rep struct {
		Version  int
		Findings []struct {
			Rule     string
			Severity string
			Location *struct {
				File string
				Line int
			}
		}
		Summary struct {
			Error, Warning, Info, RulesEvaluated int `json:"-"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, f := range rep.Findings {
		rules[f.Rule] = true
		if f.Location == nil || f.Location.File != "examples/site.yaml" || f.Location.Line == 0 {
			t.Errorf("%s finding has no location in examples/site.yaml: %+v", f.Rule, f.Location)
		}
	}
	if len(rules) < 6 {
		t.Errorf("examples/site.yaml fires %d rules (%v); the example must show at least 6", len(rules), rules)
	}
}

func TestExitCodesAndFailOn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"check", "examples/clean-site.yaml"}, 0},
		{[]string{"check", "examples/site.yaml"}, 1},
		{[]string{"check", "examples/site.yaml", "--fail-on", "never"}, 0},
		{[]string{"check", "examples/site.yaml", "--fail-on", "info"}, 1},
		{[]string{"check", "examples/site.yaml", "--fail-on", "fatal"}, 2},
		{[]string{"check", "examples/site.yaml", "--format", "yaml"}, 2},
		{[]string{"check", "examples/site.yaml", "--now", "yesterday"}, 2},
		{[]string{"check", "examples/site.yaml", "--bogus"}, 2},
		{[]string{"check", "no/such/site.yaml"}, 2},
		{[]string{"check", "examples/site.yaml", "examples/clean-site.yaml"}, 2},
		{[]string{"check", "examples/site.yaml", "--no-builtin"}, 2},
		{[]string{"check", "examples/site.yaml", "--policy", "no/such/dir"}, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"version"}, 0},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, stderr, code := pushlint(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Errorf("stderr shows a panic: %s", stderr)
			}
		})
	}
}

// An auditor tightens PL006 without recompiling: a rule with the same id in a --policy folder replaces the
// built-in one.
func TestPolicyOverrideReplacesBuiltinRule(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	stricter := `# METADATA
# title: Client rediscovery period is less than three heartbeat intervals
# description: House rule - one missed heartbeat must not clear the install flag.
# custom:
#   id: PL006
#   severity: warning
#   kb_section: Troubleshoot Heartbeat Discovery
#   remediation: Set the Clear Install Flag rediscovery period to more than three Heartbeat Discovery intervals.
package pushlint.rules.acme.rediscovery_three_heartbeats

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), msg, lib.at(flag, "rediscovery_period")) if {
	some site in input.sites
	flag := site.maintenance.clear_install_flag
	flag.enabled
	flag.rediscovery_period_seconds <= 3 * site.discovery.heartbeat.interval_seconds
	msg := sprintf("site %s: rediscovery period %s is not more than 3 x %s", [site.code, lib.duration(flag.rediscovery_period_seconds), lib.duration(site.discovery.heartbeat.interval_seconds)])
}
`
	if err := os.WriteFile(filepath.Join(dir, "stricter.rego"), []byte(stricter), 0o644); err != nil {
		t.Fatal(err)
	}
	// Without the override the clean site passes; with it, its 21d/7d pair is flagged by the user's rule.
	if _, _, code := pushlint(t, "check", "examples/clean-site.yaml"); code != 0 {
		t.Fatalf("clean site exit %d without override", code)
	}
	out, stderr, code := pushlint(t, "check", "examples/clean-site.yaml", "--policy", dir, "--format", "json", "--fail-on", "warning")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, stderr)
	}
	if !strings.Contains(out, `"message": "site CEN: rediscovery period 21d is not more than 3 x 7d"`) || !strings.Contains(out, `"severity": "warning"`) {
		t.Errorf("override did not report: %s", out)
	}
	rules, _, _ := pushlint(t, "rules", "--policy", dir, "--format", "json")
	if strings.Count(rules, `"id": "PL006"`) != 1 || !strings.Contains(rules, "pushlint.rules.acme.rediscovery_three_heartbeats") {
		t.Errorf("rules should list the user's PL006 once instead of the built-in: %s", rules)
	}
}

// A rule that reads a field the input document does not have fails to compile: it would otherwise never fire.
func TestMisspelledInputFieldIsAnError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	typo := `# METADATA
# title: Push disabled
# custom:
#   id: ACME001
#   severity: error
#   kb_section: Advanced Client Push Installation isn't enabled at the appropriate site
#   remediation: Enable client push.
package pushlint.rules.acme.push_disabled

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), "push is off", site.location) if {
	some site in input.sites
	not site.clientpush.enabled
}
`
	if err := os.WriteFile(filepath.Join(dir, "typo.rego"), []byte(typo), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := pushlint(t, "check", "examples/clean-site.yaml", "--policy", dir)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	want := filepath.Join(dir, "typo.rego") + ":14:6: undefined ref: site.clientpush.enabled"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q does not contain %q", stderr, want)
	}
}

func TestOutputFileIsWrittenWhole(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "report.json")
	stdout, _, code := runIn(t, "check", "examples/site.yaml", "--format", "json", "--output", path)
	if code != 1 || stdout != "" {
		t.Fatalf("exit %d stdout %q", code, stdout)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b) {
		t.Errorf("report file is not valid JSON")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestSubcommands(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"rules"}, "PL006"},
		// The whole built-in suite runs through the built binary in TestReadmeCommands (./pushlint test) and
		// in policies_test; here the command runs a folder's tests in this process.
		{[]string{"test", "--no-builtin", "examples/house-rules"}, "2 passed, 0 failed"},
		{[]string{"schema"}, `"title": "pushlint site description (site.yaml), version 1"`},
		{[]string{"schema", "--input"}, `"title": "pushlint input document, version 1"`},
		{[]string{"facts", "examples/site.yaml", "--now", "2026-11-25"}, `"now": "2026-11-25T00:00:00Z"`},
		{[]string{"version"}, "pushlint " + Version},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, stderr, code := runIn(t, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("output does not contain %q:\n%s", tt.want, out)
			}
		})
	}
}
