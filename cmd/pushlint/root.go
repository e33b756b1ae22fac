package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	policytree "github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/inputfile"
	"github.com/pushlint/pushlint/internal/termsafe"
)

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "pushlint",
		Short: "Find why SMS 2003 / ConfigMgr 2007 client push installation fails",
		Long: `pushlint reads a site description (site.yaml), site server and client logs, client exports and
SMS inboxes, normalizes them into one document, and evaluates Rego policies over it. Every rule comes
from Microsoft KB 925282, "Troubleshoot Advanced Client push installation issues".`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	root.AddCommand(
		newCheckCmd(),
		newFactsCmd(),
		newRulesCmd(),
		newTestCmd(),
		newSchemaCmd(),
		newVersionCmd(),
		newLogsCmd(),
		newExplainCmd(),
		newCCRCmd(),
		newTimelineCmd(),
		newImportCmd(),
	)
	return root
}

// newEngine compiles the policies; tests that run the CLI many times in one process compile the built-in
// ones once (main_test.go).
var newEngine = engine.New

// usageError is a mistake in how pushlint was called: exit 2.
func usageError(format string, args ...any) error {
	return &ExitError{Code: ExitInvalid, Err: fmt.Errorf(format, args...)}
}

// policyFlags are the flags of every command that loads policies.
type policyFlags struct {
	dirs         []string
	noBuiltin    bool
	timeout      time.Duration
	params       []string // --param NAME=VALUE
	allowLibrary bool

	// From .pushlint.yaml: what each rule may do, and the thresholds it reads.
	ruleSettings  []engine.RuleSetting
	paramSettings []engine.ParamSetting
}

func (p *policyFlags) register(c *cobra.Command) {
	c.Flags().StringArrayVar(&p.dirs, "policy", nil, "folder of extra or replacement policies (repeatable)")
	c.Flags().BoolVar(&p.noBuiltin, "no-builtin", false, "evaluate only the --policy rules")
	c.Flags().DurationVar(&p.timeout, "timeout", 60*time.Second, "stop the run (reading the inputs and evaluating the rules) after this long")
	c.Flags().StringArrayVar(&p.params, "param", nil, "set a threshold the rules read, NAME=VALUE (repeatable; names and defaults: docs/rules/README.md)")
	c.Flags().BoolVar(&p.allowLibrary, "allow-library-override", false,
		"load --policy files that define into the built-in library or router (refused otherwise; every report says so)")
}

func (p *policyFlags) options() (engine.Options, error) {
	flags, err := paramFlags(p.params)
	if err != nil {
		return engine.Options{}, err
	}
	return engine.Options{
		Builtin:              engine.Source{Name: "policies", FS: policytree.Policies, Builtin: true},
		PolicyDirs:           p.dirs,
		NoBuiltin:            p.noBuiltin,
		InputSchema:          facts.InputSchema,
		Timeout:              p.timeout,
		Params:               append(append([]engine.ParamSetting(nil), p.paramSettings...), flags...),
		Rules:                p.ruleSettings,
		AllowLibraryOverride: p.allowLibrary,
	}, nil
}

// validate checks the flags before anything is read.
func (p *policyFlags) validate() error {
	if p.timeout <= 0 {
		return usageError("--timeout %s: expected a positive duration, such as 60s or 10m", p.timeout)
	}
	if p.noBuiltin && len(p.dirs) == 0 {
		return usageError("--no-builtin needs at least one --policy folder")
	}
	return nil
}

func (p *policyFlags) engine(ctx context.Context) (*engine.Engine, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	opts, err := p.options()
	if err != nil {
		return nil, err
	}
	e, err := newEngine(ctx, opts)
	if err != nil {
		return nil, &ExitError{Code: ExitInvalid, Err: err}
	}
	return e, nil
}

// evaluation is one run of every policy over the input document.
type evaluation struct {
	doc      *facts.Document
	eng      *engine.Engine
	findings []finding.Finding
	notes    []string // what the rules could not decide ("PL002: ...")
}

// watchdogGrace is how long after the time limit a run may take to stop on its own (the engine names the
// rules still running within its own, shorter grace) before the watchdog ends it, naming the stage.
var watchdogGrace = 3 * time.Second

// evaluate reads the inputs, loads the policies and evaluates them once, all within --timeout: a run that
// runs out of time says which stage it was in (and, evaluating, which rules were still running), and ends
// within a few seconds of the limit even when a stage does not stop by itself. prepare, when given,
// completes the document with what needs the loaded rules (check's waivers) before evaluation.
func evaluate(ctx context.Context, in *inputFlags, pf *policyFlags, args []string, prepare func(*facts.Document, *engine.Engine) error) (*evaluation, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := pf.validate(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, pf.timeout)
	defer cancel()
	run := &runState{stage: "starting", start: time.Now()}
	progress, err := in.startProgress(run)
	if err != nil {
		return nil, err
	}
	defer progress.stop()
	type result struct {
		ev  *evaluation
		err error
	}
	done := make(chan result, 1)
	go func() {
		ev, err := evaluateStages(ctx, run, in, pf, args, prepare)
		done <- result{ev, err}
	}()
	select {
	case r := <-done:
		if r.err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) && !isPolicyTimeout(r.err) {
			return nil, run.timeout(pf.timeout)
		}
		return r.ev, r.err
	case <-ctx.Done():
	}
	select {
	case r := <-done:
		if r.err != nil && !isPolicyTimeout(r.err) {
			return nil, run.timeout(pf.timeout)
		}
		return r.ev, r.err
	case <-time.After(watchdogGrace):
		return nil, run.timeout(pf.timeout)
	}
}

func isPolicyTimeout(err error) bool {
	var pe *engine.PolicyError
	return errors.As(err, &pe) && pe.Kind == "timeout"
}

// runState is what a run is doing, for the message of a run that runs out of time.
type runState struct {
	mu     sync.Mutex
	stage  string
	read   atomic.Int64 // bytes of log read
	start  time.Time
	inputs time.Duration // reading the inputs took

	// For the progress line: the log files found and their size, the machines and those handed to the rules.
	files, size, machines, handed atomic.Int64
}

// since is how long reading the inputs took.
func (r *runState) since() time.Duration { return r.inputs.Round(time.Millisecond) }

func (r *runState) set(stage string) {
	r.mu.Lock()
	r.stage = stage
	r.mu.Unlock()
}

func (r *runState) timeout(limit time.Duration) error {
	r.mu.Lock()
	stage := r.stage
	r.mu.Unlock()
	if stage == facts.StageLogs {
		stage += fmt.Sprintf(" (%s read)", inputfile.Bytes(r.read.Load()))
	}
	return &ExitError{Code: ExitInvalid, Err: fmt.Errorf("timeout: the run did not finish within %s (--timeout): it was %s", limit, stage)}
}

// evaluateStages does the work of evaluate.
func evaluateStages(ctx context.Context, run *runState, in *inputFlags, pf *policyFlags, args []string, prepare func(*facts.Document, *engine.Engine) error) (*evaluation, error) {
	doc, err := in.documentContext(run.context(ctx), run.set, args)
	if err != nil {
		return nil, err
	}
	run.inputs = time.Since(run.start)
	run.set("compiling the policies")
	eng, err := pf.engine(ctx)
	if err != nil {
		return nil, err
	}
	if prepare != nil {
		if err := prepare(doc, eng); err != nil {
			return nil, &ExitError{Code: ExitInvalid, Err: err}
		}
	}
	if ctx.Err() != nil {
		return nil, ctx.Err() // out of time before the rules: the stage says where
	}
	run.machines.Store(int64(len(doc.Machines)))
	run.set(stageEvaluating)
	start := time.Now()
	findings, notes, stats, err := eng.EvaluateStats(ctx, countMachines(batchesOf(doc, facts.DefaultBatchSize), run))
	if err != nil {
		return nil, &ExitError{Code: ExitInvalid, Err: err}
	}
	if in.cmd != nil {
		for _, note := range notes {
			fmt.Fprintf(in.cmd.ErrOrStderr(), "pushlint: note: %s\n", termsafe.Line(note))
		}
	}
	if os.Getenv("PUSHLINT_TIMING") != "" && in.cmd != nil {
		// Where the time went, for someone measuring (docs/performance.md); the durations of work done on
		// several cores are summed over them.
		fmt.Fprintf(in.cmd.ErrOrStderr(), "pushlint: timing: inputs read in %s; evaluation %s: %d batch(es), converting %s, rules %s, router %s\n",
			run.since(), time.Since(start).Round(time.Millisecond), stats.Batches, stats.Convert.Round(time.Millisecond),
			stats.Evaluate.Round(time.Millisecond), stats.Route.Round(time.Millisecond))
		ids := make([]string, 0, len(stats.Rules))
		for id := range stats.Rules {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return stats.Rules[ids[i]] > stats.Rules[ids[j]] })
		for _, id := range ids[:min(len(ids), 8)] {
			fmt.Fprintf(in.cmd.ErrOrStderr(), "pushlint: timing: %s %s\n", id, stats.Rules[id].Round(time.Millisecond))
		}
	}
	return &evaluation{doc: doc, eng: eng, findings: findings, notes: notes}, nil
}

// batchesOf hands the document to the engine in batches of machines of the given size (facts.Document.Batches).
func batchesOf(doc *facts.Document, size facts.BatchSize) *engine.Batches {
	return &engine.Batches{Split: facts.Split, Docs: func(yield func(any, error) bool) {
		for b, err := range doc.Batches(size) {
			if !yield(b, err) {
				return
			}
		}
	}, Whole: func() (any, error) { return doc, nil }}
}

// inputFlags are the flags that say what to read about the world.
type inputFlags struct {
	now string

	logs       []string
	signatures []string

	clients     string
	clientsSite string
	dateOrder   string
	inboxes     string
	progress    progressFlags
	cmd         *cobra.Command // where notes about the inputs go (its standard error)
}

func (in *inputFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&in.now, "now", "", `the "current time" for time-based rules, RFC 3339 or YYYY-MM-DD (default: now)`)
	c.Flags().StringArrayVar(&in.logs, "logs", nil, "log file or folder to read (repeatable); folders are walked recursively")
	c.Flags().StringArrayVar(&in.signatures, "signatures", nil,
		"log signature file laid over the built-in ones (repeatable): a signature with a built-in id replaces it, a new id adds one")
	c.Flags().StringVar(&in.clients, "clients", "", "client or collection export: CSV/tab-separated text with a header row, or a JSON array")
	c.Flags().StringVar(&in.clientsSite, "clients-site", "", "code of the site whose console or database the --clients export was taken from")
	c.Flags().StringVar(&in.dateOrder, "date-order", "", "how the --clients export writes dates such as 03/04/2008: dmy (3 April) or mdy (March 4); default: decided from the file")
	c.Flags().StringVar(&in.inboxes, "inboxes", "", `an SMS\Inboxes folder (Ccr.box, Ccr.box\Inproc, Ccrretry.box)`)
	in.progress.register(c)
	in.cmd = c
}

func (in *inputFlags) sources(args []string) (facts.Sources, error) {
	src := facts.Sources{Now: time.Now(), Policies: policytree.Policies}
	if in.now != "" {
		t, err := parseNow(in.now)
		if err != nil {
			return src, usageError("--now %q: %v", in.now, err)
		}
		src.Now = t
	}
	if len(args) > 1 {
		return src, usageError("expected one site description, got %d: %s", len(args), strings.Join(args, " "))
	}
	if len(args) == 1 {
		src.SiteFile = args[0]
	}
	src.LogPaths, src.SignatureFiles = in.logs, in.signatures
	if in.clientsSite != "" {
		if in.clients == "" {
			return src, usageError("--clients-site names the site a --clients export came from; give --clients too")
		}
		if !siteCodeRE.MatchString(in.clientsSite) {
			return src, usageError("--clients-site %q: expected a site code of three letters or digits, such as ABC", in.clientsSite)
		}
	}
	switch in.dateOrder {
	case "", "dmy", "mdy":
	default:
		return src, usageError("--date-order %q: expected dmy (25/03/2008) or mdy (03/25/2008)", in.dateOrder)
	}
	src.ClientsFile, src.ClientsSite, src.InboxesDir = in.clients, strings.ToUpper(in.clientsSite), in.inboxes
	src.ClientsDateOrder = in.dateOrder
	return src, nil
}

// documentContext reads the inputs; stage, when given, hears which input is being read.
func (in *inputFlags) documentContext(ctx context.Context, stage func(string), args []string) (*facts.Document, error) {
	src, err := in.sources(args)
	if err != nil {
		return nil, err
	}
	src.Stage = stage
	doc, err := facts.BuildContext(ctx, src)
	if err != nil {
		return nil, &ExitError{Code: ExitInvalid, Err: err}
	}
	if err := nothingToCheck(doc); err != nil {
		return nil, &ExitError{Code: ExitInvalid, Err: err}
	}
	if in.cmd != nil {
		for _, note := range doc.Notes() {
			fmt.Fprintf(in.cmd.ErrOrStderr(), "pushlint: note: %s\n", termsafe.Line(note))
		}
	}
	return doc, nil
}

var siteCodeRE = regexp.MustCompile(`^[A-Za-z0-9]{3}$`)

func parseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("expected RFC 3339 (2026-11-25T08:00:00Z) or a date (2026-11-25)")
}

// isTerminal reports whether w is an interactive terminal (for colour and progress output).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
