package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pushlint/pushlint/facts/inboxes"
)

func newCCRCmd() *cobra.Command {
	var out string
	var force bool
	cmd := &cobra.Command{
		Use:   "ccr NAME...",
		Short: "Write a manual client configuration request (CCR) file for each machine",
		Long: `Writes NAME.ccr for each machine: the two lines of KB 925282 ("Use a CCR file to manually trigger
the client installation"), [NT Client Configuration Request] and Machine Name=NAME, with Windows line
endings. Copy the files into SMS\Inboxes\Ccr.box on the site server (or write them there with --out);
Client Configuration Manager then pushes the client to each machine.
NAME must be a NetBIOS computer name (1 to 15 letters, digits or !@#$%^&')(.-_{}~). Nothing is written
when any name is invalid; an existing file is kept unless --force is given.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := inboxes.CheckMachineNames(args); err != nil {
				return usageError("%v", err)
			}
			st, err := os.Stat(out)
			if err != nil {
				return usageError("--out: %v", err)
			}
			if !st.IsDir() {
				return usageError("--out %s: not a folder", out)
			}
			if !force {
				var taken []string
				for _, name := range args {
					// Compared without case: on Windows, where the requests are read, pc4.ccr is PC4.ccr.
					p, _, err := inboxes.ExistingCCR(out, name)
					if err != nil {
						return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("--out: %w", err)}
					}
					if p != "" {
						taken = append(taken, p)
					}
				}
				if len(taken) > 0 {
					return usageError("not overwriting %s (file names are compared without case, as Windows does); give --force to replace", strings.Join(taken, ", "))
				}
			}
			for _, name := range args {
				p, err := inboxes.WriteCCR(out, name, force)
				if err != nil {
					return &ExitError{Code: ExitInvalid, Err: err}
				}
				fmt.Fprintln(cmd.OutOrStdout(), p)
			}
			if !strings.EqualFold(filepath.Base(filepath.Clean(out)), "ccr.box") {
				fmt.Fprintln(cmd.ErrOrStderr(), `pushlint: copy the files into SMS\Inboxes\Ccr.box on the site server`)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", ".", `folder to write the files to (for example \\server\SMS_ABC\inboxes\ccr.box)`)
	cmd.Flags().BoolVar(&force, "force", false, "replace existing files")
	return cmd
}
