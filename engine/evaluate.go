package engine

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/pushlint/pushlint/finding"
)

// Batches is an input document too large to evaluate at once, as a sequence of documents of the same shape:
// each holds one part of the keys named in Split (one batch of machines with everything about them, say)
// and the whole of every other key, the same in each. A rule package that reads none of the Split keys is
// evaluated on the first document only; the others on every document, and their findings are merged (a
// finding reported in several batches counts once). A rule that judges each machine on its own, or the
// things that are in every batch, sees exactly what it would see in the whole document.
//
// A note sums up what a rule could not decide over everything it read (PL002's "3 computers ... lie in no
// boundary the export can show"), so a package whose notes read the Split keys cannot be judged batch by
// batch: when Whole is given, such a package is evaluated once, after the batches, over the whole document
// converted only in the keys it reads. Without Whole it runs on every batch like the others.
type Batches struct {
	Split []string
	Docs  iter.Seq2[any, error]
	Whole func() (any, error)
}

// watchdogGrace is how long evaluation may go on after the time limit while the rules still running notice
// it. OPA checks for cancellation between evaluation steps; a built-in function that runs long without
// returning is not stopped, and after this grace the run ends without waiting for it.
var watchdogGrace = 2 * time.Second

// batchValue is one converted input document and the jobs still to run on it.
type batchValue struct {
	n       int // 0 for the first document
	value   ast.Value
	pending sync.WaitGroup
}

type job struct {
	pkg   *rulePackage
	batch *batchValue
}

// rulePackage is one rule package with its own prepared query, so that packages run in parallel and a run
// that times out knows which were still running.
type rulePackage struct {
	rule  *finding.Rule
	path  []string // category, name
	query rego.PreparedEvalQuery
	reads inputReads // what its report and notes read
	// notesRead is what its notes read: a package whose notes read the split keys runs on the whole document
	// (Batches.Whole).
	notesRead inputReads
}

type outcome struct {
	raw   ast.Value // the package's report (a set of findings)
	notes ast.Value // and its notes
	err   error
	batch int
}

// packageQuery evaluates one rule package's report and its notes (a package without notes has none), and
// nothing else of the package.
func packageQuery(pkg string) string {
	return "report := data." + pkg + ".report; notes := [note | some note in data." + pkg + ".notes]"
}

// Stats says where an evaluation's time went: durations are summed over the goroutines that did the work,
// so on several cores they add up to more than the wall clock.
type Stats struct {
	Batches  int                      // documents evaluated
	Convert  time.Duration            // building OPA's values of the documents
	Evaluate time.Duration            // the rule packages' queries
	Route    time.Duration            // the router over every package's findings
	Rules    map[string]time.Duration // rule id → its package's queries
}

// EvaluateStats is EvaluateWithNotes that also says where the time went.
func (e *Engine) EvaluateStats(ctx context.Context, input any) ([]finding.Finding, []string, Stats, error) {
	var st Stats
	ctx = context.WithValue(ctx, statsKey{}, &st)
	f, notes, err := e.EvaluateWithNotes(ctx, input)
	return f, notes, st, err
}

type statsKey struct{}

// evaluate runs every rule package over the documents, then the router over their findings.
func (e *Engine) evaluate(ctx context.Context, docs iter.Seq2[any, error], split []string, whole func() (any, error)) ([]finding.Finding, []string, error) {
	st, _ := ctx.Value(statsKey{}).(*Stats)
	if st == nil {
		st = &Stats{}
	}
	var evalNanos atomic.Int64
	perRule := map[string]time.Duration{}
	defer func() { st.Evaluate, st.Rules = time.Duration(evalNanos.Load()), perRule }()
	if _, ok := ctx.Deadline(); !ok && e.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.opts.Timeout)
		defer cancel()
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	workers := runtime.GOMAXPROCS(0)

	var mu sync.Mutex
	running := map[*rulePackage]int{}
	results := map[*rulePackage][]outcome{}
	var base ast.Value
	var inputErr error

	jobs := make(chan job)
	inFlight := make(chan struct{}, workers) // converted documents alive at once
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				mu.Lock()
				running[j.pkg]++
				mu.Unlock()
				start := time.Now()
				raw, notes, err := j.pkg.eval(ctx, j.batch.value)
				took := time.Since(start)
				evalNanos.Add(int64(took))
				mu.Lock()
				perRule[j.pkg.rule.ID] += took
				running[j.pkg]--
				results[j.pkg] = append(results[j.pkg], outcome{raw: raw, notes: notes, err: err, batch: j.batch.n})
				mu.Unlock()
				j.batch.pending.Done()
			}
		}()
	}
	// send hands the packages' jobs on one converted document to the workers; false when the time ran out.
	send := func(n int, value ast.Value, todo []*rulePackage) bool {
		b := &batchValue{n: n, value: value}
		b.pending.Add(len(todo))
		go func() {
			b.pending.Wait()
			<-inFlight
		}()
		for _, p := range todo {
			select {
			case jobs <- job{pkg: p, batch: b}:
			case <-ctx.Done():
				for range len(todo) {
					b.pending.Done() // what will not run
				}
				return false
			}
			todo = todo[1:]
		}
		return true
	}
	produced := make(chan struct{})
	go func() {
		defer close(produced)
		defer close(jobs)
		var reuse map[string]*ast.Term
		n := 0
		for doc, err := range docs {
			if err != nil {
				mu.Lock()
				inputErr = err
				mu.Unlock()
				return
			}
			select {
			case inFlight <- struct{}{}:
			case <-ctx.Done():
				return
			}
			start := time.Now()
			value, terms, err := inputValueReusing(doc, reuse, split)
			st.Convert += time.Since(start)
			st.Batches++
			if err != nil {
				mu.Lock()
				inputErr = fmt.Errorf("converting input document: %w", err)
				mu.Unlock()
				return
			}
			if n == 0 {
				reuse = terms
				mu.Lock()
				// The router sees the first document, less what differs between batches when it reads
				// none of that: a batch's thousands of machines and events need not outlive the batch.
				base = value
				if split != nil && !e.routerReads.readsAny(split) {
					base = withoutKeys(terms, split)
				}
				mu.Unlock()
			}
			var todo []*rulePackage
			for _, p := range e.packages {
				if whole != nil && p.notesRead.readsAny(split) {
					continue // after the batches, on the whole document
				}
				if n == 0 || p.reads.readsAny(split) {
					todo = append(todo, p)
				}
			}
			if !send(n, value, todo) {
				return
			}
			n++
		}
		if whole == nil || n == 0 {
			return
		}
		// The packages whose notes sum up every batch, over the whole document converted only in the keys
		// they read (the others are those of the first batch).
		var todo []*rulePackage
		reads := inputReads{keys: map[string]bool{}}
		for _, p := range e.packages {
			if p.notesRead.readsAny(split) {
				todo = append(todo, p)
				reads = reads.union(p.reads)
			}
		}
		if len(todo) == 0 {
			return
		}
		select {
		case inFlight <- struct{}{}:
		case <-ctx.Done():
			return
		}
		doc, err := whole()
		if err == nil {
			var value ast.Value
			start := time.Now()
			value, err = inputValueOnly(doc, reuse, split, reads)
			st.Convert += time.Since(start)
			if err == nil {
				send(n, value, todo)
				return
			}
		}
		mu.Lock()
		inputErr = fmt.Errorf("converting input document: %w", err)
		mu.Unlock()
	}()
	done := make(chan struct{})
	go func() {
		<-produced
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		mu.Lock()
		var still []*rulePackage
		for p, n := range running {
			if n > 0 {
				still = append(still, p)
			}
		}
		mu.Unlock()
		// OPA stops at its next step; a built-in that never returns is left behind.
		select {
		case <-done:
		case <-time.After(watchdogGrace):
		}
		return nil, nil, e.interrupted(ctx, still)
	}
	if inputErr != nil {
		return nil, nil, inputErr
	}
	reports, err := e.collect(ctx, results)
	if err != nil {
		return nil, nil, err
	}
	start := time.Now()
	defer func() { st.Route = time.Since(start) }()
	return e.route(ctx, base, reports)
}

// keepAST leaves a query's results as OPA's values: the packages' reports go on to the router as they are,
// instead of being converted to Go maps and back (a report of 100,000 findings held three times over).
var keepAST = rego.EvalGenerateJSON(func(t *ast.Term, _ *rego.EvalContext) (any, error) { return t.Value, nil })

// eval runs the package's report and notes rules over one document and returns what they said.
func (p *rulePackage) eval(ctx context.Context, value ast.Value) (report, notes ast.Value, err error) {
	rs, err := p.query.Eval(ctx, rego.EvalParsedInput(value), rego.EvalTime(evalTime(value)), keepAST)
	if err != nil {
		return nil, nil, err
	}
	if len(rs) == 0 {
		return nil, nil, nil
	}
	raw, _ := rs[0].Bindings["report"].(ast.Value)
	if !isCollection(raw) {
		return nil, nil, fmt.Errorf("data.%s.report is %s, want a set of findings", p.rule.Package, ast.ValueName(raw))
	}
	notes, _ = rs[0].Bindings["notes"].(ast.Value)
	return raw, notes, nil
}

// isCollection: a set or an array (what a report or the notes may be).
func isCollection(v ast.Value) bool {
	switch v.(type) {
	case ast.Set, *ast.Array:
		return true
	}
	return false
}

// elements calls fn on each element of a set or an array, in order.
func elements(v ast.Value, fn func(*ast.Term)) {
	switch c := v.(type) {
	case ast.Set:
		c.Foreach(fn)
	case *ast.Array:
		c.Foreach(fn)
	}
}

// collect merges what each package reported over every document, and fails on the first policy error, in
// the order of rule ids so that the same policies fail the same way every time.
func (e *Engine) collect(ctx context.Context, results map[*rulePackage][]outcome) (map[*rulePackage]packageReport, error) {
	reports := map[*rulePackage]packageReport{}
	for _, p := range e.packages {
		outs := results[p]
		sort.Slice(outs, func(i, j int) bool { return outs[i].batch < outs[j].batch })
		// The same finding or note from two batches (about something every batch holds) counts once: the
		// sets keep one of equal values.
		r := packageReport{report: ast.NewSet(), notes: ast.NewSet()}
		for _, o := range outs {
			if o.err != nil {
				perr := evalError(ctx, o.err, e.opts.Timeout)
				if perr.Kind == "timeout" {
					perr = e.interrupted(ctx, []*rulePackage{p}).(*PolicyError)
				}
				return nil, perr
			}
			elements(o.raw, r.report.Add)
			elements(o.notes, r.notes.Add)
		}
		reports[p] = r
	}
	return reports, nil
}

// packageReport is what one rule package said over every document.
type packageReport struct {
	report, notes ast.Set
}

// route runs the router over the packages' findings: it marks the waived ones and adds the gate rules'
// findings, exactly as `data.pushlint.main.report` does in one query (opa eval), but with each package's
// report already computed: the reports are handed to it as data.pushlint.rules.
func (e *Engine) route(ctx context.Context, base ast.Value, reports map[*rulePackage]packageReport) ([]finding.Finding, []string, error) {
	rules := ast.NewObject()
	for _, p := range e.packages {
		key := ast.InternedTerm(p.path[0])
		cat := rules.Get(key)
		if cat == nil {
			cat = ast.NewTerm(ast.NewObject())
			rules.Insert(key, cat)
		}
		r := reports[p]
		if r.report == nil {
			r.report, r.notes = ast.NewSet(), ast.NewSet()
		}
		cat.Value.(ast.Object).Insert(ast.InternedTerm(p.path[1]), ast.ObjectTerm(
			ast.Item(ast.InternedTerm("report"), ast.NewTerm(r.report)),
			ast.Item(ast.InternedTerm("notes"), ast.NewTerm(r.notes))))
	}
	txn, err := e.store.NewTransaction(ctx, storage.WriteParams)
	if err != nil {
		return nil, nil, fmt.Errorf("evaluating the router: %w", err)
	}
	defer e.store.Abort(ctx, txn)
	if err := e.store.Write(ctx, txn, storage.AddOp, storage.MustParsePath("/"+runDataRoot), ast.NewObject(ast.Item(ast.InternedTerm("rules"), ast.NewTerm(rules)))); err != nil {
		return nil, nil, fmt.Errorf("evaluating the router: %w", err)
	}
	if base == nil {
		base = ast.NewObject()
	}
	rs, err := e.router.Eval(ctx, rego.EvalParsedInput(base), rego.EvalTransaction(txn), rego.EvalTime(evalTime(base)), keepAST)
	if err != nil {
		perr := evalError(ctx, err, e.opts.Timeout)
		if perr.Kind == "timeout" {
			perr.Messages = append(perr.Messages, "the router (policies/main.rego) and the gate rules were still running")
		}
		return nil, nil, perr
	}
	if len(rs) == 0 || len(rs[0].Expressions) < 2 {
		// The router's report is a set and always defined; no result means the router itself is missing.
		return nil, nil, &PolicyError{Kind: "eval", Messages: []string{ReportQuery + " is undefined: the pushlint.main router policy is missing"}}
	}
	raw, _ := rs[0].Expressions[0].Value.(ast.Value)
	if !isCollection(raw) {
		return nil, nil, &PolicyError{Kind: "eval", Messages: []string{fmt.Sprintf("%s returned %s, want a set of findings", ReportQuery, ast.ValueName(raw))}}
	}
	nv, _ := rs[0].Expressions[1].Value.(ast.Value)
	var notesJSON any
	if nv != nil {
		if notesJSON, err = ast.JSON(nv); err != nil {
			return nil, nil, &PolicyError{Kind: "eval", Err: err}
		}
	}
	notes, err := e.toNotes(notesJSON)
	if err != nil {
		return nil, nil, err
	}
	findings := make([]finding.Finding, 0, raw.(interface{ Len() int }).Len())
	var bad []string
	seen := map[string]bool{}
	var convErr error
	elements(raw, func(t *ast.Term) {
		if convErr != nil {
			return
		}
		// One finding at a time as Go values: never the whole report twice.
		r, err := ast.JSON(t.Value)
		if err != nil {
			convErr = err
			return
		}
		f, err := e.toFinding(r)
		if err != nil {
			// One mistake in a rule repeats for every subject it reports; say it once.
			if msg := err.Error(); !seen[msg] {
				seen[msg] = true
				bad = append(bad, msg)
			}
			return
		}
		findings = append(findings, f)
	})
	if convErr != nil {
		return nil, nil, &PolicyError{Kind: "eval", Err: convErr}
	}
	if len(bad) > 0 {
		return nil, nil, &PolicyError{Kind: "finding", Messages: bad}
	}
	finding.Sort(findings)
	return findings, notes, nil
}

// interrupted is the error of a run that ran out of time: it names the rules that were still running, which
// it knows without running anything again.
func (e *Engine) interrupted(ctx context.Context, still []*rulePackage) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return &PolicyError{Kind: "eval", Messages: []string{"evaluation was canceled"}, Err: ctx.Err()}
	}
	limit := "the time limit"
	if e.opts.Timeout > 0 {
		limit = e.opts.Timeout.String()
	}
	msgs := []string{fmt.Sprintf("evaluation did not finish within %s", limit)}
	sort.Slice(still, func(i, j int) bool { return still[i].rule.ID < still[j].rule.ID })
	for _, p := range still {
		msgs = append(msgs, fmt.Sprintf("%s (%s, %s) was still running when the time ran out", p.rule.ID, p.rule.Package, p.rule.File))
	}
	if len(still) == 0 {
		msgs = append(msgs, "no rule was running: the time ran out before evaluation (reading the inputs took it)")
	}
	return &PolicyError{Kind: "timeout", Messages: msgs}
}

// runDataRoot is where the router finds the packages' reports during one evaluation (in a transaction that
// is never committed).
const runDataRoot = "pushlint_run"

// routerQuery evaluates the router's report and notes over the packages' reports and notes handed to it as
// data.
var routerQuery = ReportQuery + " with data.pushlint.rules as data." + runDataRoot + ".rules; " +
	NotesQuery + " with data.pushlint.rules as data." + runDataRoot + ".rules"

func evalError(ctx context.Context, err error, timeout time.Duration) *PolicyError {
	var te *topdown.Error
	if errors.As(err, &te) {
		if te.Code == topdown.CancelErr || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			loc := ""
			if te.Location != nil {
				loc = fmt.Sprintf(" while evaluating %s:%d", te.Location.File, te.Location.Row)
			}
			return &PolicyError{Kind: "timeout", Messages: []string{fmt.Sprintf("evaluation did not finish within %s%s", timeout, loc)}}
		}
		loc := ""
		if te.Location != nil {
			loc = fmt.Sprintf("%s:%d:%d: ", te.Location.File, te.Location.Row, te.Location.Col)
		}
		return &PolicyError{Kind: "eval", Messages: []string{loc + te.Message + " (" + te.Code + ")"}, Err: nil}
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &PolicyError{Kind: "timeout", Messages: []string{fmt.Sprintf("evaluation did not finish within %s", timeout)}}
	}
	return &PolicyError{Kind: "eval", Err: err}
}

// splitPackage splits pushlint.rules.<category>.<name> into category and name.
func splitPackage(pkg string) []string {
	parts := strings.Split(strings.TrimPrefix(pkg, RulesRoot+"."), ".")
	if len(parts) != 2 {
		return nil
	}
	return parts
}

// withoutKeys is the object of the top-level terms, less the keys named.
func withoutKeys(terms map[string]*ast.Term, drop []string) ast.Object {
	obj := ast.NewObject()
	for k, t := range terms {
		if !slices.Contains(drop, k) {
			obj.Insert(ast.StringTerm(k), t)
		}
	}
	return obj
}
