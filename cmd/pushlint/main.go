// Command pushlint finds why SMS 2003 / ConfigMgr 2007 client push installation fails, from a site
// description, logs, client exports and inboxes, by evaluating Rego policies over them.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"

	"github.com/spf13/cobra"

	"github.com/pushlint/pushlint/internal/termsafe"
)

// ExitError carries a process exit code out of a command; only main exits.
type ExitError struct {
	Code int
	Err  error // nil when the command already said what there was to say
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// Exit codes of the CLI contract (docs/cli.md).
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitInvalid  = 2
)

// gcPercent is the garbage collector's target unless GOGC says otherwise: the heap may grow to 1.5 times
// what is live instead of twice. Measured (docs/performance.md) on a 256 MB log of 1,000 machines and on a
// 4,000-machine site: a quarter less memory for 5 to 10 percent more CPU.
const gcPercent = 50

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	stop := profile(os.Stderr)
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// profile writes Go's CPU and heap profiles of the run to the files PUSHLINT_CPUPROFILE and
// PUSHLINT_MEMPROFILE name, for `go tool pprof` (docs/performance.md). It returns what ends the profiling.
func profile(stderr io.Writer) func() {
	cpu, mem := os.Getenv("PUSHLINT_CPUPROFILE"), os.Getenv("PUSHLINT_MEMPROFILE")
	var f *os.File
	if cpu != "" {
		var err error
		if f, err = os.Create(cpu); err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "pushlint: PUSHLINT_CPUPROFILE: %v\n", err)
		}
	}
	return func() {
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
		}
		if mem != "" {
			m, err := os.Create(mem)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(m, 0)
				m.Close()
			}
			if err != nil {
				fmt.Fprintf(stderr, "pushlint: PUSHLINT_MEMPROFILE: %v\n", err)
			}
		}
	}
}

// run executes the CLI and returns its exit code; tests call it directly. Messages may quote the inputs
// (a column title, a machine name, a line of a log), so they are printed through termsafe.Text.
func run(args []string, stdout, stderr io.Writer) int {
	return execute(newRootCmd(stdout, stderr), args, stderr)
}

// execute runs a command tree and turns what it returns, or a panic, into an exit code and one line.
func execute(cmd *cobra.Command, args []string, stderr io.Writer) (code int) {
	defer func() {
		// A bug must not look like a clean run, nor bury the terminal in a goroutine dump: one line, exit 2.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "pushlint: internal error (a bug in pushlint, please report it with the command line): %s\n", termsafe.Line(fmt.Sprint(r)))
			if os.Getenv("PUSHLINT_DEBUG") != "" {
				stderr.Write(debug.Stack())
			}
			code = ExitInvalid
		}
	}()
	cmd.SetArgs(args)
	err := cmd.Execute()
	if err == nil {
		return ExitClean
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintf(stderr, "pushlint: %s\n", termsafe.Text(ee.Err.Error()))
		}
		return ee.Code
	}
	// Anything else is bad input or a usage mistake: fail closed.
	fmt.Fprintf(stderr, "pushlint: %s\n", termsafe.Text(err.Error()))
	return ExitInvalid
}
