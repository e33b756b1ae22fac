package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pushlint/pushlint/facts"
)

// The collected example: 15 logs of five machines, an export and the inboxes.
var collectedArgs = []string{"check", "examples/collected/site.yaml", "--logs", "examples/collected/SMS/Logs",
	"--logs", "examples/collected/clients", "--clients", "examples/collected/all-systems.csv",
	"--inboxes", "examples/collected/SMS/Inboxes", "--now", "2008-06-09T18:00:00Z"}

// progressEnd is the last state drawn by a forced progress line: the logs found and read, the machines
// handed to the rules, the time taken.
var progressEnd = regexp.MustCompile(`evaluating the rules: 15 files, 0\.[0-9] MB, 5/5 machines, [0-9]+s`)

// --progress draws the line on standard error even when it is not a terminal, and never on standard
// output or into the report file; the notes still start lines of their own.
func TestProgressForcedGoesToStandardErrorOnly(t *testing.T) {
	t.Parallel()
	out, stderr, code := runIn(t, append(collectedArgs, "--progress", "--format", "json")...)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !progressEnd.MatchString(stderr) {
		t.Errorf("standard error has no progress line matching %s:\n%q", progressEnd, stderr)
	}
	if !strings.HasSuffix(stderr, "\n") {
		t.Errorf("the progress line is not ended when the run ends: %q", stderr)
	}
	for _, line := range strings.Split(stderr, "\n") {
		if i := strings.Index(line, "pushlint: note:"); i > 0 {
			t.Errorf("a note is written after the progress line instead of on a line of its own: %q", line)
		}
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil || strings.ContainsAny(out, "\r") {
		t.Errorf("standard output is not the JSON report alone (%v):\n%.300s", err, out)
	}

	file := filepath.Join(t.TempDir(), "report.sarif")
	out, stderr, code = runIn(t, append(collectedArgs, "--progress", "--format", "sarif", "--output", file)...)
	report, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if code != ExitFindings || out != "" || !progressEnd.MatchString(stderr) || bytes.ContainsAny(report, "\r") ||
		bytes.Contains(report, []byte("machines, ")) {
		t.Errorf("--output: exit %d, stdout %q, progress on stderr %v; the report file holds the progress line: %v",
			code, out, progressEnd.MatchString(stderr), bytes.Contains(report, []byte("machines, ")))
	}
}

// Without a terminal on standard error nothing is drawn, nor with --quiet (standard error holds the run's
// notes and nothing else); both flags at once are a usage
// mistake.
func TestProgressIsQuietWithoutATerminal(t *testing.T) {
	t.Parallel()
	note := "pushlint: note: PL002: 7 computers of examples/collected/all-systems.csv"
	for _, extra := range [][]string{nil, {"--quiet"}} {
		_, stderr, code := runIn(t, append(collectedArgs, extra...)...)
		notesOnly := strings.HasSuffix(stderr, "\n")
		for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
			notesOnly = notesOnly && strings.HasPrefix(line, "pushlint: note: ")
		}
		if code != ExitFindings || !strings.Contains(stderr, note) || !notesOnly || strings.Contains(stderr, "\r") {
			t.Errorf("%v: exit %d, standard error should be the notes alone:\n%q", extra, code, stderr)
		}
	}
	_, stderr, code := runIn(t, append(collectedArgs, "--quiet", "--progress")...)
	if code != ExitInvalid || stderr != "pushlint: --quiet and --progress contradict each other: give one of them\n" {
		t.Errorf("--quiet --progress: exit %d, %q", code, stderr)
	}
}

// facts and logs draw the same line while they read; their standard output stays the document and the
// entries.
func TestProgressOfFactsAndLogs(t *testing.T) {
	t.Parallel()
	out, stderr, code := runIn(t, "facts", "examples/collected/site.yaml", "--logs", "examples/collected/SMS/Logs", "--progress")
	var doc map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil {
		t.Fatalf("facts --progress: exit %d, stdout not the document alone: %.200q, %s", code, out, stderr)
	}
	if !regexp.MustCompile(`(reading the logs|correlating the log events): [0-9]+ files, 0\.[0-9]`).MatchString(stderr) {
		t.Errorf("facts --progress: no progress line naming the files and MB read:\n%q", stderr)
	}
	out, stderr, code = runIn(t, "logs", "examples/collected/SMS/Logs", "--level", "error", "--progress")
	if code != 0 || !strings.Contains(out, "ccm.log") || strings.Contains(out, "MB read") {
		t.Fatalf("logs --progress: exit %d, entries %.200q", code, out)
	}
	if !regexp.MustCompile(`reading the logs: [0-9]+ files, 0\.[0-9]/0\.[0-9] MB read, [0-9]+s`).MatchString(stderr) {
		t.Errorf("logs --progress: no progress line naming the files and MB read:\n%q", stderr)
	}
}

// What the line shows at each stage, drawn into a buffer as on a terminal: the bar while the logs are read
// and while machines are handed to the rules, the counts and the time; colour unless NO_COLOR is set, and
// then no escape sequence at all.
func TestProgressLineOnATerminal(t *testing.T) {
	for _, noColor := range []string{"", "1"} {
		t.Run("NO_COLOR="+noColor, func(t *testing.T) {
			t.Setenv("NO_COLOR", noColor)
			mode, err := progressFlags{}.mode(true)
			if err != nil || !mode.on || !mode.terminal || mode.delay == 0 || mode.color != (noColor == "") {
				t.Fatalf("mode on a terminal: %+v, %v", mode, err)
			}
			mode.delay = time.Hour // drawn here only, when the test says
			var buf bytes.Buffer
			state := progressState{stage: facts.StageLogs, files: 207, size: 210_100_000, read: 120_300_000}
			p := startProgress(&buf, mode, func() progressState { return state })
			p.draw()
			state = progressState{stage: stageEvaluating, files: 207, size: 210_100_000, read: 210_100_000, machines: 4000, handed: 2500}
			p.draw()
			_, _ = p.writer(&buf).Write([]byte("pushlint: note: a note\n"))
			p.draw()
			p.stop()
			got := buf.String()
			for _, want := range []string{
				"reading the logs", ": 207 files, 120.3/210.1 MB read, 0s", "57% [====>.....]",
				"evaluating the rules", ": 207 files, 210.1 MB, 2500/4000 machines, 0s", "62% [=====>....]",
				"\rpushlint: note: a note\n\r", // the line is cleared for the note, then drawn again
			} {
				if !strings.Contains(got, want) {
					t.Errorf("the line does not show %q:\n%q", want, got)
				}
			}
			if !strings.HasSuffix(got, "\r") || strings.Contains(got, "machines, 0s\n") {
				t.Errorf("the line is not cleared at the end on a terminal: %q", got)
			}
			if esc := strings.Contains(got, "\x1b"); esc != (noColor == "") {
				t.Errorf("NO_COLOR=%q: escape sequences %v, want %v:\n%q", noColor, esc, noColor == "", got)
			}
		})
	}
}

func TestProgressModes(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	tests := []struct {
		flags    progressFlags
		terminal bool
		on       bool
		delayed  bool
		color    bool
	}{
		{progressFlags{}, true, true, true, true},
		{progressFlags{}, false, false, false, false},
		{progressFlags{quiet: true}, true, false, false, false},
		{progressFlags{force: true}, false, true, false, false},
		{progressFlags{force: true}, true, true, false, true},
	}
	for _, tt := range tests {
		m, err := tt.flags.mode(tt.terminal)
		if err != nil || m.on != tt.on || (m.delay > 0) != tt.delayed || m.color != tt.color {
			t.Errorf("%+v on a terminal %v: %+v (%v); want on %v, delayed %v, colour %v", tt.flags, tt.terminal, m, err, tt.on, tt.delayed, tt.color)
		}
	}
}
