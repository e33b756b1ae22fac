package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pushlint/pushlint/timeline"
)

const storyDir = "../../timeline/testdata/story"

// storyInboxes copies the story's Inboxes folder with known file times (a checkout does not keep them).
func storyInboxes(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "Inboxes")
	for rel, mt := range map[string]time.Time{
		"Ccrretry.box/TESTPC1": time.Date(2022, 8, 12, 15, 30, 0, 0, time.UTC),
		"ccr.box/OTHERPC.CCR":  time.Date(2022, 8, 13, 7, 45, 0, 0, time.UTC),
	} {
		b, err := os.ReadFile(filepath.Join(storyDir, "Inboxes", rel))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mt, mt); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func storyArgs(t *testing.T) ([]string, string) {
	inbox := storyInboxes(t)
	return []string{"--logs", storyDir + "/logs", "--clients", storyDir + "/clients.csv", "--inboxes", inbox, "--now", "2022-08-13T08:00:00Z"}, inbox
}

func TestTimelineTextGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ machine, golden string }{
		{"TESTPC1", "timeline-testpc1.txt"},
		{"otherpc", "timeline-otherpc.txt"},
	} {
		t.Run(tc.machine, func(t *testing.T) {
			args, inbox := storyArgs(t)
			out, errs, code := cli(t, append([]string{"timeline", tc.machine}, args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden(t, tc.golden, strings.ReplaceAll(out, inbox, "$INBOXES"))
		})
	}
}

func TestTimelineJSON(t *testing.T) {
	t.Parallel()
	args, _ := storyArgs(t)
	out, errs, code := cli(t, append([]string{"timeline", `\\testpc1.testdomain.com`, "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var tl struct {
		Machine     string `json:"machine"`
		FirstBroken struct {
			Step    int    `json:"step"`
			Stage   string `json:"stage"`
			Finding struct {
				Rule string `json:"rule"`
			} `json:"finding"`
		} `json:"first_broken"`
		Steps []struct {
			Stage  string `json:"stage"`
			Status string `json:"status"`
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(out), &tl); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range tl.Steps {
		got = append(got, s.Stage+"="+s.Status)
	}
	want := "discovery=ok ccr=pending connect=failed service=ok install=failed assignment=pending policy=not seen heartbeat=not seen"
	if tl.Machine != "TESTPC1" || strings.Join(got, " ") != want || tl.FirstBroken.Step != 3 || tl.FirstBroken.Finding.Rule != "PL109" {
		t.Errorf("machine %s, steps %q, first broken %+v", tl.Machine, got, tl.FirstBroken)
	}
}

// The timeline names a failed step by what failed: after ADMIN$ connected, a WMI failure is the "WMI
// connect" step, explained by PL108 (the client's firewall, DCOM or WMI), not by the push account's rights.
func TestTimelineNamesTheFailingStep(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(logRulesDir, "PL108", "fires", "wmi-access-denied-after-admin")
	out, errs, code := cli(t, "timeline", "PC042", "--logs", dir, "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "3. WMI connect ") || !strings.Contains(out, "the push broke at step 3, WMI connect (PL108)") ||
		strings.Contains(out, "ADMIN$/IPC$ connect") || strings.Contains(out, "PL103") {
		t.Errorf("timeline:\n%s", out)
	}
}

func TestTimelineErrors(t *testing.T) {
	t.Parallel()
	args, _ := storyArgs(t)
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{append([]string{"timeline", "NOPE"}, args...), "pushlint: no input mentions NOPE; they mention OTHERPC, TESTCLI, TESTPC1, THIRDPC\n"},
		{[]string{"timeline", "PC1", "../../examples/clean-site.yaml"}, "pushlint: no input mentions PC1; give the logs (--logs; a client's logs in a folder named after it), a client export (--clients) or the Inboxes folder (--inboxes)\n"},
		{[]string{"timeline", "PC1"}, "pushlint: nothing to check: give a site description (site.yaml), logs (--logs), a client export (--clients) or an Inboxes folder (--inboxes)\n"},
		{[]string{"timeline"}, "accepts between 1 and 2 arg(s), received 0"},
		{[]string{"timeline", " "}, "timeline needs a machine name"},
		{append([]string{"timeline", "TESTPC1", "--format", "xml"}, args...), `--format "xml": expected text or json`},
		{[]string{"timeline", "PC1", "--clients", storyDir + "/missing.csv"}, "missing.csv"},
	} {
		t.Run(strings.Join(tc.args[:min(2, len(tc.args))], " "), func(t *testing.T) {
			out, errs, code := cli(t, tc.args...)
			if code != ExitInvalid || out != "" || !strings.Contains(errs, tc.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, out, errs, tc.stderr)
			}
		})
	}
}

// check's JSON report has a timelines section when some input names a machine, and none otherwise.
func TestCheckJSONTimelines(t *testing.T) {
	t.Parallel()
	args, _ := storyArgs(t)
	out, errs, code := cli(t, append([]string{"check", "--format", "json"}, args...)...)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Timelines []struct {
			Machine     string          `json:"machine"`
			FirstBroken json.RawMessage `json:"first_broken"`
			Steps       []struct {
				Stage string `json:"stage"`
			} `json:"steps"`
		} `json:"timelines"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tl := range rep.Timelines {
		names = append(names, tl.Machine)
		if len(tl.Steps) != 8 {
			t.Errorf("%s has %d steps", tl.Machine, len(tl.Steps))
		}
	}
	if got := strings.Join(names, " "); got != "OTHERPC TESTCLI TESTPC1 THIRDPC" {
		t.Errorf("timelines for %q", got)
	}

	out, errs, code = cli(t, "check", "--format", "json", "../../examples/site.yaml")
	if code > ExitFindings {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out, `"timelines"`) {
		t.Error("a run whose inputs name no machine has a timelines section")
	}
}

// The collected example's PC03 got no policy in the three days its logs reach past the install: PL208 fires
// and the timeline's policy step is failed with it, not "not seen". With install_grace longer than those
// three days, PL208 stays silent and the step is not seen: the timeline follows the rules.
func TestTimelineAgreesWithTheRulesOnMissingPolicy(t *testing.T) {
	t.Parallel()
	c := "examples/collected/"
	for _, tc := range []struct {
		grace, status, rule string
	}{{"2h", "failed", "PL208"}, {"4d", "not seen", ""}} {
		t.Run(tc.grace, func(t *testing.T) {
			t.Parallel()
			out, stderr, code := runIn(t, "timeline", "PC03", c+"site.yaml", "--logs", c+"SMS/Logs", "--logs", c+"clients",
				"--clients", c+"all-systems.csv", "--now", "2008-06-09T18:00:00Z", "--param", "install_grace="+tc.grace, "--format", "json")
			var tl timeline.Timeline
			if err := json.Unmarshal([]byte(out), &tl); err != nil {
				t.Fatalf("exit %d, %v; stderr %s", code, err, stderr)
			}
			var policy timeline.Step
			for _, s := range tl.Steps {
				if s.Stage == "policy" {
					policy = s
				}
			}
			rule := ""
			if len(policy.Findings) > 0 {
				rule = policy.Findings[0].Rule
			}
			if policy.Status != tc.status || rule != tc.rule {
				t.Errorf("policy step %q with %q, want %q with %q: %+v", policy.Status, rule, tc.status, tc.rule, policy)
			}
			if tc.rule != "" && (tl.FirstBroken == nil || tl.FirstBroken.Stage != "policy") {
				t.Errorf("first broken %+v, want the policy step", tl.FirstBroken)
			}
		})
	}
}
