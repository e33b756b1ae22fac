package main

import (
	"context"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/report"
)

type checkCmd struct {
	policy policyFlags
	input  inputFlags
	format string
	output string
	failOn string
}

func newCheckCmd() *cobra.Command {
	c := &checkCmd{}
	cmd := &cobra.Command{
		Use:   "check [site.yaml]",
		Short: "Evaluate every rule and report findings (exit 1 when any is at or above --fail-on)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.run(cmd.Context(), cmd.OutOrStdout(), args)
		},
	}
	c.policy.register(cmd)
	c.input.register(cmd)
	cmd.Flags().StringVar(&c.format, "format", "text", "report format: text | json")
	cmd.Flags().StringVarP(&c.output, "output", "o", "", "write the report to this file instead of standard output")
	cmd.Flags().StringVar(&c.failOn, "fail-on", "error", "lowest severity that fails the run: error | warning | info | never")
	return cmd
}

func (c *checkCmd) run(ctx context.Context, stdout io.Writer, args []string) error {
	threshold, ok := failThreshold(c.failOn)
	if !ok {
		return usageError("--fail-on %q: expected error, warning, info or never", c.failOn)
	}
	color := c.output == "" && isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
	writer, err := report.ForFormat(c.format, report.Options{Color: color})
	if err != nil {
		return usageError("--format: %v", err)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	doc, err := c.input.document(args)
	if err != nil {
		return err
	}
	eng, err := c.policy.engine(ctx)
	if err != nil {
		return err
	}
	input, err := doc.Value()
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	findings, err := eng.Evaluate(ctx, input)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	rep := report.New(report.Tool{Name: "pushlint", Version: Version}, findings, eng.Rules(), report.Inputs{
		SiteDescription: doc.Inputs.SiteDescription,
		Sites:           len(doc.Sites),
		Logs:            len(doc.Logs),
		Entries:         doc.LogEntries(),
	})
	if err := writeReport(c.output, stdout, func(w io.Writer) error { return writer.Write(w, rep) }); err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	if failing(findings, threshold) {
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

// failThreshold maps --fail-on to the largest severity rank that fails the run (-1: never).
func failThreshold(s string) (int, bool) {
	switch s {
	case "error", "warning", "info":
		return engine.SeverityRank(s), true
	case "never":
		return -1, true
	}
	return 0, false
}

func failing(findings []engine.Finding, threshold int) bool {
	for _, f := range findings {
		if !f.Waived && engine.SeverityRank(f.Severity) <= threshold {
			return true
		}
	}
	return false
}
