package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	policytree "github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/internal/loadgen"
)

// A site evaluated in batches of machines gets the findings it gets evaluated whole: every built-in rule
// judges one machine, one file or one site at a time.
func TestBatchesFindWhatTheWholeDocumentFinds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w, err := loadgen.WriteTree(loadgen.Tree{
		Config:        loadgen.Config{Seed: 5, Machines: 400, FailPercent: 40, RecoverPercent: 50, MaxAttempts: 8, NoisePerCCR: 1},
		RolloverBytes: 512 << 10, Clients: 450, ClientLogs: 30, Sites: 2,
	}, dir)
	if err != nil {
		t.Fatal(err)
	}
	logs := []string{filepath.Join(dir, w.ClientLogs)}
	for _, f := range w.LogFiles {
		if strings.HasSuffix(f, ".log") {
			logs = append(logs, filepath.Join(dir, filepath.Dir(f)))
		}
	}
	doc, err := facts.Build(facts.Sources{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Policies: policytree.Policies,
		SiteFile: filepath.Join(dir, w.Site), LogPaths: logs, ClientsFile: filepath.Join(dir, w.Clients)})
	if err != nil {
		t.Fatal(err)
	}
	pf := policyFlags{timeout: time.Minute}
	opts, err := pf.options()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := newEngine(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	whole, wholeNotes, err := eng.EvaluateWithNotes(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	batches := 0
	batched, batchedNotes, err := eng.EvaluateWithNotes(context.Background(), &engine.Batches{Split: facts.Split, Docs: func(yield func(any, error) bool) {
		for b, err := range doc.Batches(facts.BatchSize{Events: 2000, Records: 100}) {
			batches++
			if !yield(b, err) {
				return
			}
		}
	}, Whole: func() (any, error) { return doc, nil }})
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]int{}
	for _, f := range whole {
		rules[f.Rule]++
	}
	if batches < 5 || len(rules) < 8 {
		t.Fatalf("%d batches, findings by rule %v: the generated site should need batches and fire most rules", batches, rules)
	}
	if !reflect.DeepEqual(wholeNotes, batchedNotes) {
		t.Errorf("notes whole %q, in batches %q", wholeNotes, batchedNotes)
	}
	if !reflect.DeepEqual(whole, batched) {
		t.Errorf("%d findings whole, %d in %d batches", len(whole), len(batched), batches)
		for i := range min(len(whole), len(batched)) {
			if !reflect.DeepEqual(whole[i], batched[i]) {
				t.Fatalf("first difference:\nwhole:   %+v\nbatched: %+v", whole[i], batched[i])
			}
		}
	}
}

// The time limit covers the whole run, and a run out of time says what it was doing.
func TestTimeoutCoversTheRun(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"0s", "-1m"} {
		_, stderr, code := runIn(t, "check", "examples/clean-site.yaml", "--timeout", bad)
		if code != 2 || !strings.Contains(stderr, "--timeout "+strings.TrimSuffix(bad, "m")) || !strings.Contains(stderr, "expected a positive duration") {
			t.Errorf("--timeout %s: exit %d, %q", bad, code, stderr)
		}
	}
	_, stderr, code := runIn(t, "check", "examples/site.yaml", "--logs", "cmd/pushlint/testdata/logrules", "--timeout", "1ns")
	if code != 2 || !strings.HasPrefix(stderr, "pushlint: timeout: the run did not finish within 1ns (--timeout): it was ") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}

// A log can come on standard input, "-", for check as for logs: one larger than the disk, or decompressed on
// the fly.
func TestLogFromStandardInput(t *testing.T) {
	t.Parallel()
	log, err := os.ReadFile(filepath.Join(root, "cmd/pushlint/testdata/logrules/PL102/fires/q262298-error-67/SMS/Logs/ccm.log"))
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"logs", "-", "--format", "json"},
		{"check", "--logs", "-", "--now", "2026-11-25", "--format", "json"},
	} {
		cmd := exec.Command(binary, args...)
		cmd.Stdin = bytes.NewReader(log)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			err = nil // findings
		}
		if err != nil {
			t.Fatalf("%v: %v: %s", args, err, errb.String())
		}
		if args[0] == "logs" && !strings.Contains(out.String(), `"file": "-"`) && !strings.Contains(out.String(), `"file":"-"`) {
			t.Errorf("logs -: %s", firstLines(out.String()))
		}
		if args[0] == "check" && !strings.Contains(out.String(), `"rule": "PL102"`) {
			t.Errorf("check --logs -: no PL102 in %s", firstLines(out.String()))
		}
	}
	if _, stderr, code := runIn(t, "logs", "-", "-"); code != 2 || !strings.Contains(stderr, "named twice") {
		t.Errorf("- twice: exit %d, %q", code, stderr)
	}
}
