package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	policytree "github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/errorcodes"
	"github.com/pushlint/pushlint/facts/signatures"
)

func newExplainCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "explain CODE...",
		Short: "Say what an error code from a push log means, whether the site retries it, and which rules cover it",
		Long: `Looks up an error code as the logs write it: decimal (53, 1326), negative decimal as SQL calls write
HRESULTs (-2147024891), hexadecimal with 0x (0x4b3, 0x80070005), or eight hex digits as Ccm.log writes them
(000004b3). An HRESULT that wraps a Win32 error (0x8007xxxx) is explained as that Win32 error.
The table is the one rules use (policies/pushlint/errorcodes/data.yaml): "Rules" are exactly the rules that
report a log line carrying the code, "See also" rules about the same trouble that do not key on it, and
"Logged by" the log lines that carry it. Exit 2 for a code it does not know.`,
		// Flag parsing is done here so that a negative code (-2147024891, as SQL calls log HRESULTs) is a
		// code and not an unknown flag.
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, raw []string) error {
			args, help, err := explainArgs(raw, &format)
			if err != nil {
				return usageError("%v (see 'pushlint explain --help')", err)
			}
			if help {
				return cmd.Help()
			}
			if len(args) == 0 {
				return usageError("explain needs at least one error code, such as 53 or 0x80070005")
			}
			if format != "text" && format != "json" {
				return usageError("--format %q: expected text or json", format)
			}
			tab, err := errorcodes.Load(policytree.Policies)
			if err != nil {
				return &ExitError{Code: ExitInvalid, Err: err}
			}
			seen, err := seenIn()
			if err != nil {
				return &ExitError{Code: ExitInvalid, Err: err}
			}
			var found []*errorcodes.Explanation
			var failed []string
			for _, arg := range args {
				ex, err := tab.Explain(arg)
				if err != nil {
					failed = append(failed, err.Error())
					continue
				}
				found = append(found, ex)
			}
			out := cmd.OutOrStdout()
			if format == "json" {
				if found == nil {
					found = []*errorcodes.Explanation{}
				}
				if err := writeJSON(out, found); err != nil {
					return err
				}
			} else {
				for i, ex := range found {
					if i > 0 {
						fmt.Fprintln(out)
					}
					writeExplanation(out, ex, seen)
				}
			}
			if len(failed) > 0 {
				return &ExitError{Code: ExitInvalid, Err: errors.New(strings.Join(failed, "\n"))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text | json")
	return cmd
}

// explainArgs separates the codes from the --format and --help flags.
func explainArgs(raw []string, format *string) (codes []string, help bool, err error) {
	for i := 0; i < len(raw); i++ {
		a := raw[i]
		switch {
		case a == "--":
			return append(codes, raw[i+1:]...), help, nil
		case a == "-h" || a == "--help":
			help = true
		case a == "--format":
			if i+1 == len(raw) {
				return nil, false, fmt.Errorf("flag needs an argument: --format")
			}
			i++
			*format = raw[i]
		case strings.HasPrefix(a, "--format="):
			*format = strings.TrimPrefix(a, "--format=")
		case strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && len(a) > 1 && a[1] >= '0' && a[1] <= '9':
			codes = append(codes, a) // a negative decimal code
		case strings.HasPrefix(a, "-"):
			return nil, false, fmt.Errorf("unknown flag: %s", a)
		default:
			codes = append(codes, a)
		}
	}
	return codes, help, nil
}

// seenIn describes each built-in log signature as "<log>: <what the line says>", for the logs that write a
// code.
func seenIn() (map[string]string, error) {
	set, err := signatures.ParseFS(policytree.Policies, facts.BuiltinSignatures, "policies/"+facts.BuiltinSignatures)
	if err != nil {
		return nil, err
	}
	logName := kindNames(set)
	out := map[string]string{}
	for _, s := range set.Events {
		var logs []string
		for _, id := range s.Logs {
			logs = append(logs, logName[id])
		}
		out[s.ID] = strings.Join(logs, "/") + ": " + s.Title
	}
	return out, nil
}

// writeExplanation prints one code for a person: its forms, the Windows text, what it means for the push,
// whether the site retries it, what to do, where pushlint and the KB cover it, and which log lines carry it.
func writeExplanation(w io.Writer, ex *errorcodes.Explanation, seen map[string]string) {
	e := ex.Entry
	if ex.Value >= 0x80000000 {
		fmt.Fprintf(w, "%s = %d = %d", ex.Hex, ex.Signed, ex.Value)
	} else {
		fmt.Fprintf(w, "%d = 0x%x = %08x", ex.Value, ex.Value, ex.Value)
	}
	if ex.Win32 != nil {
		fmt.Fprintf(w, ": Win32 error %d (0x%x) as an HRESULT, %s\n", *ex.Win32, *ex.Win32, e.Name)
	} else {
		fmt.Fprintf(w, ": %s\n", e.Name)
	}
	field(w, "Message", e.Message)
	field(w, "Meaning", e.Meaning)
	field(w, "Retries", ex.Retrying)
	field(w, "Action", e.Action)
	rules := "none yet"
	if len(e.Rules) > 0 {
		rules = strings.Join(e.Rules, ", ")
	}
	field(w, "Rules", rules)
	if len(e.SeeAlso) > 0 {
		field(w, "See also", strings.Join(e.SeeAlso, ", "))
	}
	if len(e.LoggedBy) > 0 {
		var lines []string
		for _, id := range e.LoggedBy {
			if s, ok := seen[id]; ok {
				lines = append(lines, s)
			}
		}
		field(w, "Logged by", strings.Join(lines, "; "))
	}
	if e.KBSection != "" {
		field(w, "KB 925282", e.KBSection)
	}
}

const (
	labelWidth = 11
	textWidth  = 100
)

func field(w io.Writer, label, text string) {
	indent := strings.Repeat(" ", labelWidth)
	line := fmt.Sprintf("%-*s", labelWidth, label+":")
	n := labelWidth
	for i, word := range strings.Fields(text) {
		if i > 0 && n+1+len(word) > textWidth {
			fmt.Fprintln(w, line)
			line, n = indent, labelWidth
		} else if i > 0 {
			line += " "
			n++
		}
		line += word
		n += len(word)
	}
	fmt.Fprintln(w, line)
}
