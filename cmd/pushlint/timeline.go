package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	policytree "github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/report"
	"github.com/pushlint/pushlint/timeline"
)

type timelineCmd struct {
	project projectFlags
	policy  policyFlags
	input   inputFlags
	format  string
}

func newTimelineCmd() *cobra.Command {
	c := &timelineCmd{}
	cmd := &cobra.Command{
		Use:   "timeline MACHINE [site.yaml]",
		Short: "Show, stage by stage, what the inputs say happened to the client push of one machine",
		Long: `Orders what the inputs say about one machine along the stages of a client push: discovery, CCR,
ADMIN$/IPC$ connect, ccmsetup service, client.msi result, site assignment, policy and heartbeat. Each
step shows its status (ok, pending, failed, not seen), the time and the line that decided it; the first
failed step is marked with ">" and followed by the finding that explains it and its fix.

Client logs name no machine: they are the machine's when they were collected into a folder named after
it (--logs collected/PC1/ccmsetup.log). A stage no input shows is "not seen", with the input that would
show it: missing evidence is not evidence of failure. Exit 2 when no input mentions MACHINE.`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := c.project.load(); err != nil {
				return err
			}
			c.project.applyTo(cmd, &c.policy, &c.input)
			return c.run(cmd.Context(), cmd.OutOrStdout(), args[0], args[1:])
		},
	}
	c.project.register(cmd)
	c.policy.register(cmd)
	c.input.register(cmd)
	cmd.Flags().StringVar(&c.format, "format", "text", "text | json")
	return cmd
}

func (c *timelineCmd) run(ctx context.Context, stdout io.Writer, name string, args []string) error {
	if c.format != "text" && c.format != "json" {
		return usageError("--format %q: expected text or json", c.format)
	}
	// \\PC1 as a UNC path names PC1.
	name = strings.TrimLeft(strings.TrimSpace(name), `\/`)
	if name == "" {
		return usageError("timeline needs a machine name, such as PC1")
	}
	ev, err := evaluate(ctx, &c.input, &c.policy, args, nil)
	if err != nil {
		return err
	}
	doc, findings := ev.doc, ev.findings
	stages, err := timeline.Load(policytree.Policies)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	tl, ok := timeline.For(doc, findings, stages, name)
	if !ok {
		return &ExitError{Code: ExitInvalid, Err: unknownMachine(name, doc)}
	}
	if c.format == "json" {
		return writeJSON(stdout, tl)
	}
	color := isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
	return report.WriteTimelines(stdout, []timeline.Timeline{tl}, report.Options{Color: color})
}

// unknownMachine says that no input mentions the machine, and which machines they do mention.
func unknownMachine(name string, doc *facts.Document) error {
	known := timeline.Machines(doc)
	switch {
	case len(known) == 0:
		return fmt.Errorf("no input mentions %s; give the logs (--logs; a client's logs in a folder named after it), a client export (--clients) or the Inboxes folder (--inboxes)", name)
	case len(known) > 10:
		return fmt.Errorf("no input mentions %s; they mention %s and %d more", name, strings.Join(known[:10], ", "), len(known)-10)
	}
	return fmt.Errorf("no input mentions %s; they mention %s", name, strings.Join(known, ", "))
}

// timelines builds the timelines section of a report from the findings of the run.
func timelines(doc *facts.Document, findings []finding.Finding) ([]timeline.Timeline, error) {
	stages, err := timeline.Load(policytree.Policies)
	if err != nil {
		return nil, err
	}
	return timeline.Build(doc, findings, stages), nil
}
