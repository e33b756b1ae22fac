package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pushlint/pushlint/internal/outputfile"
	"github.com/pushlint/pushlint/internal/siteimport"
	"github.com/pushlint/pushlint/internal/termsafe"
)

// maxExtADSchBytes bounds --extadsch: the log of even many runs of ExtADSch.exe is a few kilobytes.
const maxExtADSchBytes = 16 << 20

func newImportCmd() *cobra.Command {
	var out, extadsch string
	var force bool
	cmd := &cobra.Command{
		Use:   "import EXPORT.json",
		Short: "Write site.yaml from a site export taken from the SMS Provider",
		Long: `Reads the JSON file scripts/Export-PushlintSite.ps1 writes on a site server (the site control items
of the SMS Provider: site definitions, push, discovery and maintenance settings, boundaries, site systems)
and writes the equivalent site.yaml: one site per SMS_SCI_SiteDefinition, every value with a comment naming
the site control item and property it came from. Settings the site control data does not hold (security
mode, publishing to Active Directory, WINS, the state of each push account, ...) are written as
"# TODO: confirm" lines: check them, then write the value. --extadsch reads ExtADSch.log to fill in
environment.ad_schema_extended. See docs/import.md.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("expected one site export (the JSON file Export-PushlintSite.ps1 wrote), got %d arguments", len(args))
			}
			data, err := siteimport.ReadFile(args[0])
			if err != nil {
				return &ExitError{Code: ExitInvalid, Err: err}
			}
			exp, err := siteimport.Decode(args[0], data)
			if err != nil {
				return &ExitError{Code: ExitInvalid, Err: err}
			}
			var opt siteimport.Options
			if extadsch != "" {
				log, err := readSmall(extadsch, maxExtADSchBytes)
				if err != nil {
					return usageError("--extadsch: %v", err)
				}
				ev := siteimport.ReadExtADSchLog(extadsch, log)
				opt.Schema = &ev
			}
			res, err := siteimport.Import(exp, opt)
			if err != nil {
				return &ExitError{Code: ExitInvalid, Err: err}
			}
			if out != "" && out != "-" {
				if err := checkOut(out, args[0], force); err != nil {
					return err
				}
				if err := outputfile.CheckNotInput(out, []string{args[0], extadsch}); err != nil {
					return usageError("--out %v", err)
				}
			}
			if err := outputfile.Write(out, cmd.OutOrStdout(), func(w io.Writer) error {
				_, err := w.Write(res.YAML)
				return err
			}); err != nil {
				return &ExitError{Code: ExitInvalid, Err: err}
			}
			stderr := cmd.ErrOrStderr()
			for _, n := range res.Notes {
				fmt.Fprintf(stderr, "pushlint: note: %s\n", termsafe.Line(n))
			}
			where := "site.yaml on standard output"
			if out != "" && out != "-" {
				where = out
			}
			fmt.Fprintf(stderr, "pushlint: wrote %s: %s (%s); %s to confirm: search for \"TODO: confirm\"\n",
				termsafe.Line(where), countOf(len(res.Sites), "site", "sites"), termsafe.Line(strings.Join(res.Sites, ", ")), countOf(res.TODOs, "entry", "entries"))
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "write site.yaml to this file (atomically) instead of standard output")
	cmd.Flags().StringVar(&extadsch, "extadsch", "", `ExtADSch.log (from the root of the system drive where ExtADSch.exe ran) to fill in environment.ad_schema_extended`)
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing --out file")
	return cmd
}

// checkOut refuses to replace a file without --force (a site.yaml whose TODOs were confirmed by hand is
// work), and never writes over the export itself.
func checkOut(out, export string, force bool) error {
	st, err := os.Stat(out)
	if err != nil {
		return nil // the usual case: a new file; writeReport reports a folder that does not exist
	}
	if st.IsDir() {
		return usageError("--out %s: is a folder; give the file to write, e.g. %s/site.yaml", out, strings.TrimRight(out, `/\`))
	}
	if in, err := os.Stat(export); err == nil && os.SameFile(st, in) {
		return usageError("--out %s is the export being read", out)
	}
	if !force {
		return usageError("not overwriting %s; give --force to replace it", out)
	}
	return nil
}

// readSmall reads a file that is small by nature, refusing one over max bytes before reading it.
func readSmall(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s is larger than %d bytes; that is not an ExtADSch.log", path, max)
	}
	return data, nil
}

func countOf(n int, one, many string) string { return fmt.Sprintf("%d %s", n, wordFor(n, one, many)) }

func wordFor(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
