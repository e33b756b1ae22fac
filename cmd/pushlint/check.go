package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/waivers"
	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/outputfile"
	"github.com/pushlint/pushlint/internal/termsafe"
	"github.com/pushlint/pushlint/report"
)

type checkCmd struct {
	project  projectFlags
	policy   policyFlags
	input    inputFlags
	format   string
	output   string
	failOn   string
	waivers  string
	baseline string
}

func newCheckCmd() *cobra.Command {
	c := &checkCmd{}
	cmd := &cobra.Command{
		Use:   "check [site.yaml]",
		Short: "Evaluate every rule and report findings (exit 1 when any is at or above --fail-on)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.configure(cmd); err != nil {
				return err
			}
			return c.run(cmd.Context(), cmd.OutOrStdout(), args)
		},
	}
	c.project.register(cmd)
	c.policy.register(cmd)
	c.input.register(cmd)
	cmd.Flags().StringVar(&c.format, "format", "text", "report format: "+strings.Join(report.Formats(), " | "))
	cmd.Flags().StringVarP(&c.output, "output", "o", "", "write the report to this file instead of standard output")
	cmd.Flags().StringVar(&c.failOn, "fail-on", "error", "lowest severity that fails the run: error | warning | info | never")
	cmd.Flags().StringVar(&c.waivers, "waivers", "", "YAML file of accepted findings (rule, subject, reason, expires); expired ones fail the run")
	cmd.Flags().StringVar(&c.baseline, "baseline", "", "earlier JSON report: only findings not in it count for the exit code")
	return cmd
}

// configure reads .pushlint.yaml (or --config) and takes from it what the command line did not say.
func (c *checkCmd) configure(cmd *cobra.Command) error {
	if err := c.project.load(); err != nil {
		return err
	}
	c.project.applyTo(cmd, &c.policy, &c.input)
	if cfg := c.project.cfg; cfg != nil {
		c.project.setting(cmd, "fail-on", cfg.FailOn, &c.failOn)
		c.project.setting(cmd, "waivers", cfg.Waivers, &c.waivers)
		c.project.setting(cmd, "baseline", cfg.Baseline, &c.baseline)
	}
	return nil
}

func (c *checkCmd) run(ctx context.Context, stdout io.Writer, args []string) error {
	threshold, ok := failThreshold(c.failOn)
	if !ok {
		return usageError("--fail-on %q: expected error, warning, info or never", c.failOn)
	}
	color := c.output == "" && isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
	// CI formats write paths relative to the folder pushlint runs in, where code scanning expects them.
	base, err := os.Getwd()
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("finding the current folder: %w", err)}
	}
	writer, err := report.ForFormat(c.format, report.Options{Color: color, BaseDir: base})
	if err != nil {
		return usageError("--format: %v", err)
	}
	// Refused before the work starts: a report written over the site description or a log would destroy it.
	if err := outputfile.CheckNotInput(c.output, c.namedInputs(args)); err != nil {
		return usageError("--output %v", err)
	}
	var baseline *report.Baseline
	if c.baseline != "" {
		if baseline, err = report.LoadBaseline(c.baseline); err != nil {
			return &ExitError{Code: ExitInvalid, Err: err}
		}
	}
	ev, err := evaluate(ctx, &c.input, &c.policy, args, func(doc *facts.Document, eng *engine.Engine) (err error) {
		if c.waivers != "" {
			doc.Waivers, err = loadWaivers(c.waivers, eng, c.input.cmd.ErrOrStderr())
		}
		return err
	})
	if err != nil {
		return err
	}
	doc, eng, findings := ev.doc, ev.eng, ev.findings
	rep := report.New(report.Tool{Name: "pushlint", Version: Version}, findings, eng.Rules(), report.Inputs{
		SiteDescription: doc.Inputs.SiteDescription,
		Sites:           len(doc.Sites),
		Logs:            len(doc.Logs),
		Entries:         doc.LogEntries(),
		Clients:         len(doc.Clients),
		CCRFiles:        len(doc.CCRFiles),
		LogFiles:        logSpans(doc.Logs, logNames(doc.Inputs.Signatures)),
	})
	rep.Summary.ChangedRules = eng.Changes()
	rep.Summary.Notes = append(doc.Notes(), ev.notes...)
	// Only the JSON report carries timelines; the other formats would build them for nothing.
	if c.format == "json" {
		if rep.Timelines, err = timelines(doc, findings); err != nil {
			return &ExitError{Code: ExitInvalid, Err: err}
		}
	}
	if baseline != nil {
		s := baseline.Mark(rep.Findings)
		rep.Summary.Baseline = &s
	}
	// Files found in folders (logs, requests, policies) are known only now.
	if err := outputfile.CheckNotInput(c.output, append(c.namedInputs(args), readInputs(doc, eng)...)); err != nil {
		return usageError("--output %v", err)
	}
	if err := outputfile.Write(c.output, stdout, func(w io.Writer) error { return writer.Write(w, rep) }); err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	if failing(findings, threshold) {
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

// namedInputs are the files named on the command line.
func (c *checkCmd) namedInputs(args []string) []string {
	named := append([]string{c.waivers, c.baseline, c.input.clients}, args...)
	if c.project.cfg != nil {
		named = append(named, c.project.cfg.File) // .pushlint.yaml is an input too
	}
	named = append(named, c.input.logs...)
	return append(named, c.input.signatures...)
}

// readInputs are the files the run read that no flag names: logs and requests found in folders, and the
// policy and data files of --policy folders.
func readInputs(doc *facts.Document, eng *engine.Engine) []string {
	var files []string
	for _, l := range doc.Logs {
		files = append(files, l.File)
	}
	for _, f := range doc.CCRFiles {
		files = append(files, f.File)
	}
	return append(files, eng.Files()...)
}

func logSpans(files []facts.LogFile, names map[string]string) []report.LogSpan {
	spans := make([]report.LogSpan, 0, len(files))
	for _, f := range files {
		spans = append(spans, report.LogSpan{File: f.File, Kind: f.Kind, Log: names[f.Kind], Entries: f.Entries,
			First: f.FirstTime, Last: f.LastTime, FirstOffset: f.FirstOffset, LastOffset: f.LastOffset})
	}
	return spans
}

// failThreshold maps --fail-on to the largest severity rank that fails the run (-1: never).
func failThreshold(s string) (int, bool) {
	switch s {
	case "error", "warning", "info":
		return finding.SeverityRank(s), true
	case "never":
		return -1, true
	}
	return 0, false
}

// loadWaivers reads the waivers file and ties each waiver to the package of the rule it names, so that the
// router can match findings to it. A waiver of a disabled rule has nothing to waive: it is set aside with a
// note, neither applied nor reported as stale.
func loadWaivers(path string, eng *engine.Engine, notes io.Writer) ([]waivers.Waiver, error) {
	ws, err := waivers.LoadFile(path)
	if err != nil {
		return nil, err
	}
	packages := map[string]string{}
	for _, r := range append(eng.Rules(), eng.Disabled()...) {
		// Gate rules judge the waivers themselves; the router never applies a waiver to their findings.
		if !strings.HasPrefix(r.Package, engine.GateRoot+".") {
			packages[r.ID] = r.Package
		}
	}
	if err := waivers.Resolve(ws, packages); err != nil {
		return nil, err
	}
	disabled := map[string]bool{}
	for _, r := range eng.Disabled() {
		disabled[r.ID] = true
	}
	kept := ws[:0]
	for _, w := range ws {
		if disabled[w.Rule] {
			fmt.Fprintf(notes, "pushlint: note: %s: the waiver of %s for %s is not applied: the rule is disabled\n", termsafe.Line(w.Location.String()), w.Rule, termsafe.Line(w.Subject))
			continue
		}
		kept = append(kept, w)
	}
	return kept, nil
}

// failing: waived findings and findings already in the baseline never fail the run.
func failing(findings []finding.Finding, threshold int) bool {
	for _, f := range findings {
		if f.Counts() && finding.SeverityRank(f.Severity) <= threshold {
			return true
		}
	}
	return false
}
