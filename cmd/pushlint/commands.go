package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"text/tabwriter"

	opaversion "github.com/open-policy-agent/opa/v1/version"
	"github.com/spf13/cobra"

	policytree "github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/inputfile"
	"github.com/pushlint/pushlint/internal/outputfile"
	"github.com/pushlint/pushlint/internal/ruledoc"
	"github.com/pushlint/pushlint/internal/termsafe"
	"github.com/pushlint/pushlint/report"
)

// Version is pushlint's release version.
const Version = "0.1.0"

func newFactsCmd() *cobra.Command {
	var in inputFlags
	var project projectFlags
	cmd := &cobra.Command{
		Use:   "facts [site.yaml]",
		Short: "Print the normalized input document that policies see",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := project.load(); err != nil {
				return err
			}
			project.applyTo(cmd, nil, &in)
			doc, err := in.documentWithProgress(cmd.Context(), args)
			if err != nil {
				return err
			}
			// Streamed: the document of a large site's logs is gigabytes of JSON.
			return doc.WriteJSON(cmd.OutOrStdout())
		},
	}
	in.register(cmd)
	project.register(cmd)
	return cmd
}

func newRulesCmd() *cobra.Command {
	var pf policyFlags
	var project projectFlags
	var format, output string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: id, severity, title and KB section, from the policies' METADATA",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := project.load(); err != nil {
				return err
			}
			project.applyTo(cmd, &pf, nil)
			eng, err := pf.engine(context.Background())
			if err != nil {
				return err
			}
			rules := eng.Rules()
			// A rule disabled in .pushlint.yaml is still a rule: its page stays, and the list says it is off.
			all := append(append([]finding.Rule(nil), rules...), eng.Disabled()...)
			sort.SliceStable(all, func(i, j int) bool { return all[i].ID < all[j].ID })
			disabled := map[string]bool{}
			for _, r := range eng.Disabled() {
				disabled[r.ID] = true
			}
			switch format {
			case "json":
				return writeJSON(cmd.OutOrStdout(), rules)
			case "markdown":
				if output == "" {
					return usageError("--format markdown writes one page per rule: give the folder with --output (e.g. docs/rules)")
				}
				return writeRuleDocs(output, all, eng.Params(), pf, eng.Files())
			case "text":
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tSEVERITY\tTITLE\tKB SECTION")
				for _, r := range all {
					sev := r.Severity
					if disabled[r.ID] {
						sev = "disabled"
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", termsafe.Line(r.ID), termsafe.Line(sev), termsafe.Line(r.Title), termsafe.Line(r.KBSection))
				}
				return tw.Flush()
			}
			return usageError("--format %q: expected text, json or markdown", format)
		},
	}
	pf.register(cmd)
	project.register(cmd)
	cmd.Flags().StringVar(&format, "format", "text", "text | json | markdown (one page per rule, with --output DIR)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "folder for --format markdown (docs/rules)")
	return cmd
}

func newTestCmd() *cobra.Command {
	var pf policyFlags
	var project projectFlags
	var verbose bool
	var threshold float64
	var format string
	cmd := &cobra.Command{
		Use:   "test [policy-dir...]",
		Short: "Run the Rego tests of the built-in policies and of the given folders, with coverage",
		Long: `Runs every test_* rule of the built-in policies and of each given folder (rules and their
*_test.rego files), like 'opa test', against the same compiler, schema and sandbox that 'check' uses.
A folder's rule with the same id as a built-in replaces it, and the built-in tests of that rule are skipped.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := project.load(); err != nil {
				return err
			}
			project.applyTo(cmd, &pf, nil)
			pf.dirs = append(pf.dirs, args...)
			if pf.noBuiltin && len(pf.dirs) == 0 {
				return usageError("--no-builtin needs at least one policy folder")
			}
			var tests []engine.Source
			if !pf.noBuiltin {
				tests = append(tests, engine.Source{Name: "policies_test", FS: policytree.PolicyTests, Builtin: true})
			}
			opts, err := pf.options()
			if err != nil {
				return err
			}
			// The tests assert the built-in defaults: parameters and rule settings do not apply to them.
			opts.Params, opts.Rules = nil, nil
			rep, err := engine.RunTests(context.Background(), opts, tests)
			if err != nil {
				return &ExitError{Code: ExitInvalid, Err: err}
			}
			out := cmd.OutOrStdout()
			if format == "json" {
				if err := writeJSON(out, rep); err != nil {
					return err
				}
			} else {
				printTestReport(out, rep, verbose)
			}
			failed := 0
			for _, r := range rep.Results {
				if !r.Pass && !r.Skip {
					failed++
				}
			}
			if failed > 0 {
				return &ExitError{Code: ExitFindings, Err: fmt.Errorf("%d of %d policy tests failed", failed, len(rep.Results))}
			}
			if len(rep.Results) == 0 {
				return &ExitError{Code: ExitFindings, Err: fmt.Errorf("no policy tests found")}
			}
			if rep.Coverage < threshold {
				return &ExitError{Code: ExitFindings, Err: fmt.Errorf("policy coverage %.1f%% is below --threshold %.1f%%", rep.Coverage, threshold)}
			}
			return nil
		},
	}
	pf.register(cmd)
	project.register(cmd)
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every test and the lines each policy file leaves uncovered")
	cmd.Flags().Float64Var(&threshold, "threshold", 0, "fail when policy line coverage (percent) is below this")
	cmd.Flags().StringVar(&format, "format", "text", "text | json")
	return cmd
}

func printTestReport(w io.Writer, rep *engine.TestReport, verbose bool) {
	pass, fail, skip := 0, 0, 0
	for _, r := range rep.Results {
		switch {
		case r.Skip:
			skip++
		case r.Pass:
			pass++
		default:
			fail++
		}
		if verbose || (!r.Pass && !r.Skip) {
			status := "PASS"
			if r.Skip {
				status = "SKIP"
			} else if !r.Pass {
				status = "FAIL"
			}
			fmt.Fprintf(w, "%s %s:%d %s.%s\n", status, termsafe.Line(r.File), r.Line, termsafe.Line(strings.TrimPrefix(r.Package, "data.")), termsafe.Line(r.Name))
			if r.Error != "" {
				fmt.Fprintf(w, "     %s\n", strings.ReplaceAll(termsafe.Text(r.Error), "\n", "\n     "))
			}
		}
	}
	fmt.Fprintf(w, "%d passed, %d failed, %d skipped; policy line coverage %.1f%%\n", pass, fail, skip, rep.Coverage)
	if verbose {
		for _, name := range sortedKeys(rep.Files) {
			fc := rep.Files[name]
			var ranges []string
			for _, r := range fc.NotCovered {
				if r[0] == r[1] {
					ranges = append(ranges, fmt.Sprint(r[0]))
				} else {
					ranges = append(ranges, fmt.Sprintf("%d-%d", r[0], r[1]))
				}
			}
			line := fmt.Sprintf("  %5.1f%% %s", fc.Coverage, name)
			if len(ranges) > 0 {
				line += "  not covered: " + strings.Join(ranges, ", ")
			}
			fmt.Fprintln(w, line)
		}
	}
}

func newSchemaCmd() *cobra.Command {
	var input, rep bool
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of site.yaml (--input: of the normalized input document; --report: of the JSON report)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b := facts.SiteSchema
			switch {
			case input && rep:
				return usageError("give --input or --report, not both")
			case input:
				b = facts.InputSchema
			case rep:
				b = report.Schema
			}
			_, err := cmd.OutOrStdout().Write(b)
			return err
		},
	}
	cmd.Flags().BoolVar(&input, "input", false, "print the schema of the input document policies see")
	cmd.Flags().BoolVar(&rep, "report", false, "print the schema of the JSON report (what --format json writes and --baseline reads)")
	return cmd
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print pushlint's version and what it was built with",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rev := ""
			if bi, ok := debug.ReadBuildInfo(); ok {
				for _, s := range bi.Settings {
					if s.Key == "vcs.revision" && len(s.Value) >= 12 {
						rev = " (" + s.Value[:12] + ")"
					}
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "pushlint %s%s\nopa %s, %s %s/%s\n", Version, rev, opaversion.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// writeRuleDocs writes the rule reference into dir, and removes generated pages of rules that are gone.
func writeRuleDocs(dir string, rules []finding.Rule, params []engine.Param, pf policyFlags, inputs []string) error {
	var tests []engine.Source
	if !pf.noBuiltin {
		tests = append(tests, engine.Source{Name: "policies_test", FS: policytree.PolicyTests, Builtin: true})
	}
	for _, d := range pf.dirs {
		tests = append(tests, engine.DirSource(d))
	}
	pages, err := ruledoc.Generate(rules, params, tests)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	for _, name := range sortedKeys(pages) {
		if err := outputfile.CheckNotInput(filepath.Join(dir, name), inputs); err != nil {
			return usageError("--output: %v", err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("rule docs: %w", err)}
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	for _, path := range old {
		if _, keep := pages[filepath.Base(path)]; keep {
			continue
		}
		// Only a regular file is looked into: a pipe named *.md would wait for a writer forever.
		if b, err := inputfile.ReadRegular(path, 1<<20); err == nil && strings.Contains(string(b), ruledoc.Marker) {
			if err := os.Remove(path); err != nil {
				return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("rule docs: %w", err)}
			}
		}
	}
	for _, name := range sortedKeys(pages) {
		if err := outputfile.Write(filepath.Join(dir, name), nil, func(w io.Writer) error {
			_, err := w.Write(pages[name])
			return err
		}); err != nil {
			return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("rule docs: %w", err)}
		}
	}
	return nil
}
