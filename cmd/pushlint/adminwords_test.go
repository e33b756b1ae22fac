package main

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/report"
	"github.com/pushlint/pushlint/timeline"
)

// Messages speak the administrator's words: no internal identifier (an event type such as
// ntlm_fallback_disabled, a stage id, a kind id such as client_msi) may reach a message, a report's text
// or a timeline's text. Identifiers the admin sees elsewhere are allowed by name: component names of the
// logs, the IIS folders of a management point, the logon types Ccm.log prints.
var adminIdentifiers = []string{
	"SMS_CLIENT_CONFIG_MANAGER", "SMS_SITE_COMPONENT_MANAGER", "SMS_HIERARCHY_MANAGER", // components, as logs name them
	"SMS_MP", "CCM_Client", "CCM_System", // the management point's IIS folders (PL202, PL203 remediation)
	"LOGON32_LOGON_NEW_CREDENTIALS", "LOGON32_LOGON_INTERACTIVE", // logon types, as Ccm.log prints them
}

var snakeCase = regexp.MustCompile(`[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+`)

// internalNames lists the snake_case identifiers of a text that are not the admin's words. A name that is
// part of a path or a file name (after / \ . - $, or before .ext or a path separator) is the admin's: it
// names a file or a site.yaml key path (client_push.accounts) the admin wrote.
func internalNames(text string) []string {
	var out []string
	for _, m := range snakeCase.FindAllStringIndex(text, -1) {
		name := text[m[0]:m[1]]
		if slices.Contains(adminIdentifiers, name) {
			continue
		}
		if m[0] > 0 && strings.ContainsRune(`./\-$%`, rune(text[m[0]-1])) {
			continue
		}
		if rest := text[m[1]:]; len(rest) > 1 && (rest[0] == '.' && isLetter(rest[1]) || rest[0] == '/' || rest[0] == '\\') {
			continue
		}
		out = append(out, name)
	}
	return out
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// adminText is the text of findings and timelines that pushlint wrote (not the log lines it quotes).
type adminText struct {
	Findings  []adminFinding      `json:"findings"`
	Timelines []timeline.Timeline `json:"timelines"`
}

type adminFinding struct {
	Rule        string `json:"rule"`
	Title       string `json:"title"`
	Message     string `json:"message"`
	Remediation string `json:"remediation"`
}

// checkAdminWords fails for every internal name in what a JSON report says in words.
func checkAdminWords(t *testing.T, rep adminText) {
	t.Helper()
	say := func(where, text string) {
		t.Helper()
		if names := internalNames(text); len(names) > 0 {
			t.Errorf("%s names %v, internal identifiers: %q", where, names, text)
		}
	}
	for _, f := range rep.Findings {
		say(f.Rule+" message", f.Message)
		say(f.Rule+" title", f.Title)
		say(f.Rule+" remediation", f.Remediation)
	}
	for _, tl := range rep.Timelines {
		for _, s := range tl.Steps {
			say("timeline "+tl.Machine+" step title", s.Title)
			say("timeline "+tl.Machine+" step note", s.Note)
			say("timeline "+tl.Machine+" step shown by", s.ShownBy)
		}
	}
}

// TestRenderedTextSpeaksTheAdminsWords renders the text report and the timelines of the collected example
// and of KB Q262298's wrapped ccm.log, takes out what comes from the inputs (the log lines quoted, file
// names, machine names), and checks that what is left names nothing internal. The JSON of every log rule
// fixture is checked the same way in TestLogRuleFixtures.
func TestRenderedTextSpeaksTheAdminsWords(t *testing.T) {
	t.Parallel()
	c := "../../examples/collected/"
	runs := [][]string{
		{"check", c + "site.yaml", "--logs", c + "SMS/Logs", "--logs", c + "clients", "--clients", c + "all-systems.csv",
			"--inboxes", c + "SMS/Inboxes", "--now", "2008-06-09T18:00:00Z"},
		{"check", "--logs", "testdata/logrules/PL102/fires/q262298-kb-wrapped", "--now", "2026-11-25"},
		{"check", "--logs", "testdata/logrules/PL107/fires/after-retry", "--now", "2026-11-25"},
	}
	for _, args := range runs {
		text, _, _ := cli(t, args...)
		out, _, _ := cli(t, append(args, "--format", "json")...)
		var rep adminText
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		checkAdminWords(t, rep)
		var tl bytes.Buffer
		if err := report.WriteTimelines(&tl, rep.Timelines, report.Options{}); err != nil {
			t.Fatal(err)
		}
		// What comes from the inputs is the admin's already: the lines quoted and the names of files.
		var quoted struct {
			Findings []struct {
				Evidence []struct {
					File string `json:"file"`
					Text string `json:"text"`
				} `json:"evidence"`
			} `json:"findings"`
		}
		if err := json.Unmarshal([]byte(out), &quoted); err != nil {
			t.Fatal(err)
		}
		var inputs []string
		for _, f := range quoted.Findings {
			for _, e := range f.Evidence {
				inputs = append(inputs, e.Text, e.File)
			}
		}
		for _, tl := range rep.Timelines {
			for _, s := range tl.Steps {
				inputs = append(inputs, s.Evidence)
				if s.Source != nil {
					inputs = append(inputs, s.Source.File)
				}
			}
		}
		slices.SortFunc(inputs, func(a, b string) int { return len(b) - len(a) }) // longest first
		for name, rendered := range map[string]string{"text report": text, "timelines": tl.String()} {
			for _, in := range inputs {
				if in != "" {
					rendered = strings.ReplaceAll(rendered, in, "")
				}
			}
			for _, line := range strings.Split(rendered, "\n") {
				if names := internalNames(line); len(names) > 0 {
					t.Errorf("%s of pushlint %s: %v in %q", name, strings.Join(args, " "), names, line)
				}
			}
		}
	}
}

// TestInternalNames pins what counts as an internal name.
func TestInternalNames(t *testing.T) {
	for text, want := range map[string][]string{
		"last failure: ntlm_fallback_disabled":                         {"ntlm_fallback_disabled"},
		"PC01/ccmsetup/client.msi.log [client_msi]: 14 entries":        {"client_msi"},
		"from SMS_CLIENT_CONFIG_MANAGER, the CCM_Client folder":        nil,
		"list it under client_push.accounts in site.yaml":              nil,
		`run C:\bitssetup\bitssetup_clnt_installer.exe`:                nil,
		"testdata/logrules/PL102/fires/q262298_kb/SMS/Logs/ccm.log:36": nil,
		"the account is not an administrator of the client; 1 attempt": nil,
	} {
		if got := internalNames(text); !slices.Equal(got, want) {
			t.Errorf("internalNames(%q) = %v, want %v", text, got, want)
		}
	}
}
