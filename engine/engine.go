// Package engine runs pushlint's policies: it loads the built-in policies and any --policy folders,
// compiles them once against the input document's JSON Schema with a sandboxed set of built-in functions,
// prepares one query, and turns what the rules report into findings described by each rule's METADATA.
// It knows no rule by name: rules are data.
package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/util"
	"github.com/pushlint/pushlint/finding"
)

// ReportQuery is the router's entry point; it collects the `report` set of every rule package.
const ReportQuery = "data.pushlint.main.report"

// NotesQuery collects the `notes` of every rule package: what the rules could not decide, for the report.
const NotesQuery = "data.pushlint.main.notes"

// Options says which policies to load and how.
type Options struct {
	Builtin     Source   // the embedded policy tree (rules, library, router, data)
	PolicyDirs  []string // --policy folders, in order
	NoBuiltin   bool     // --no-builtin: keep the library and router, drop the built-in rules
	InputSchema []byte   // JSON Schema of the input document, for type checking
	Timeout     time.Duration

	// Params set thresholds the rules read (.pushlint.yaml params, --param), in order: a later one wins.
	Params []ParamSetting
	// Rules disable rules or change their severity (.pushlint.yaml rules).
	Rules []RuleSetting
	// AllowLibraryOverride loads --policy files that define into the built-in library or router (reported);
	// without it they are refused.
	AllowLibraryOverride bool
}

// Engine holds compiled, prepared policies. Build it once per run; Evaluate may be called many times and
// from several goroutines.
type Engine struct {
	opts     Options
	loaded   *loaded
	compiler *ast.Compiler
	store    storage.Store
	packages []*rulePackage // every rule package, by rule id, each with its own prepared query
	router   rego.PreparedEvalQuery
	// routerReads is what the router and the gate rules read of the input.
	routerReads inputReads
	byPkg       map[string]*finding.Rule
	// reportAt is where each rule package's report rule is written ("policies/x.rego:12"), for errors
	// about what it reported.
	reportAt map[string]string
	// severity is the severity a rule setting gives every finding of a package.
	severity map[string]string
	disabled []finding.Rule
	params   []Param
	changes  []finding.Change
}

// PolicyError is a problem with the policies themselves (not with the input): always exit code 2.
type PolicyError struct {
	Kind     string // parse, metadata, compile, eval, finding, timeout
	Messages []string
	Err      error
}

func (e *PolicyError) Error() string {
	if e.Err != nil {
		return "policy " + e.Kind + " error: " + e.Err.Error()
	}
	return "policy " + e.Kind + " error: " + strings.Join(e.Messages, "\n  ")
}

func (e *PolicyError) Unwrap() error { return e.Err }

// New loads, checks, compiles and prepares the policies.
func New(ctx context.Context, opts Options) (*Engine, error) {
	l, err := loadAll(opts, false)
	if err != nil {
		return nil, err
	}
	table, err := l.params()
	if err != nil {
		return nil, err
	}
	table, paramChanges, err := applyParams(l, table, opts.Params)
	if err != nil {
		return nil, err
	}
	disabled, severity, err := l.applyRuleSettings(opts.Rules)
	if err != nil {
		return nil, err
	}
	c, err := compile(l, opts.InputSchema)
	if err != nil {
		return nil, err
	}
	store := inmem.NewFromObjectWithOpts(l.data, inmem.OptRoundTripOnWrite(false), inmem.OptReturnASTValuesOnRead(true))
	prepare := func(query string) (rego.PreparedEvalQuery, error) {
		q, err := rego.New(
			rego.Query(query),
			rego.Compiler(c),
			rego.Store(store),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
		if err != nil {
			return q, &PolicyError{Kind: "compile", Err: err}
		}
		return q, nil
	}
	router, err := prepare(routerQuery)
	if err != nil {
		return nil, err
	}
	e := &Engine{opts: opts, loaded: l, compiler: c, store: store, router: router, byPkg: map[string]*finding.Rule{}, reportAt: map[string]string{},
		severity: severity, disabled: disabled, routerReads: routerReads(c, strings.TrimSuffix(strings.TrimPrefix(ReportQuery, "data."), ".report"))}
	readers := map[string][]string{}
	for _, f := range l.files {
		if f.rule != nil {
			e.byPkg[f.rule.Package] = f.rule
			e.reportAt[f.rule.Package] = fmt.Sprintf("%s:%d", f.name, f.reportLine())
			if m := c.Modules[f.name]; m != nil {
				f.rule.Params = readsParams(m)
			}
			for _, p := range f.rule.Params {
				readers[p] = append(readers[p], f.rule.ID)
			}
		}
	}
	for i := range table {
		if ids := readers[table[i].Name]; ids != nil {
			sort.Strings(ids)
			table[i].Rules = ids
		}
	}
	for i := range paramChanges {
		paramChanges[i].Rules = readers[paramChanges[i].Param]
		paramChanges[i].Message = paramMessage(paramChanges[i])
	}
	e.params = table
	e.changes = append(l.changes, paramChanges...)
	for _, r := range e.Rules() {
		path := splitPackage(r.Package)
		if path == nil {
			continue // a gate rule: the router evaluates it over every rule's findings
		}
		q, err := prepare(packageQuery(r.Package))
		if err != nil {
			return nil, err
		}
		e.packages = append(e.packages, &rulePackage{rule: e.byPkg[r.Package], path: path, query: q,
			reads: packageReads(c, r.Package), notesRead: packageReads(c, r.Package, "notes")})
	}
	return e, nil
}

func loadAll(opts Options, withTests bool) (*loaded, error) {
	var sources []Source
	if opts.Builtin.FS != nil {
		sources = append(sources, opts.Builtin)
	}
	for _, dir := range opts.PolicyDirs {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("--policy %s: %w", dir, err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("--policy %s: not a folder; give the folder that holds the .rego files", dir)
		}
		sources = append(sources, DirSource(dir))
	}
	l, err := load(sources, withTests)
	if err != nil {
		return nil, err
	}
	if err := l.checkLibrary(opts.AllowLibraryOverride); err != nil {
		return nil, err
	}
	if opts.NoBuiltin {
		l.dropBuiltinRules()
	}
	if err := l.describeRules(); err != nil {
		return nil, err
	}
	if err := l.applyOverrides(); err != nil {
		return nil, err
	}
	return l, nil
}

func compile(l *loaded, inputSchema []byte) (*ast.Compiler, error) {
	c := ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithStrict(true).
		WithDefaultRegoVersion(ast.RegoV1).
		WithUseTypeCheckAnnotations(true)
	if len(inputSchema) > 0 {
		var schema any
		if err := util.UnmarshalJSON(inputSchema, &schema); err != nil {
			return nil, fmt.Errorf("input schema: %w", err)
		}
		ss := ast.NewSchemaSet()
		ss.Put(ast.SchemaRootRef, schema)
		c = c.WithSchemas(ss)
	}
	c.Compile(l.modules())
	if c.Failed() {
		return nil, compileError(c.Errors)
	}
	return c, nil
}

func compileError(errs ast.Errors) error {
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		msgs = append(msgs, explainCompileError(e))
	}
	return &PolicyError{Kind: "compile", Messages: msgs}
}

// Files are the policy and data files read from --policy folders, as paths on disk.
func (e *Engine) Files() []string {
	files := append([]string{}, e.loaded.paths...)
	for _, f := range e.loaded.files {
		if f.path != "" {
			files = append(files, f.path)
		}
	}
	return files
}

// Rules lists the rules that will be evaluated, sorted by id.
func (e *Engine) Rules() []finding.Rule { return e.loaded.rules() }

// Disabled lists the rules that rule settings turned off, sorted by id: loaded, never evaluated.
func (e *Engine) Disabled() []finding.Rule { return e.disabled }

// Params lists the parameters the rules read, with their values in this run, sorted by name.
func (e *Engine) Params() []Param { return e.params }

// Changes lists what this run changed about the rules (disabled, severity, replaced, library overrides,
// parameters), for every report to state.
func (e *Engine) Changes() []finding.Change { return e.changes }

// Evaluate runs every rule over input (the input document: Go values with json tags, generic JSON values, an
// ast.Value, or *Batches) and returns the findings, sorted. Rule packages run in parallel, each with its own
// prepared query. Any error of any policy fails the whole evaluation: a report is never "clean" by accident.
// When the time runs out (Options.Timeout, or ctx's deadline) the error names the rules that were still
// running; a rule stuck in a built-in that ignores cancellation does not hold the run beyond a short grace.
func (e *Engine) Evaluate(ctx context.Context, input any) ([]finding.Finding, error) {
	findings, _, err := e.EvaluateWithNotes(ctx, input)
	return findings, err
}

// EvaluateWithNotes is Evaluate that also returns the rules' notes, "PL002: ..." sorted: what they could not
// decide from the inputs, which the report says so that missing evidence is not read as a clean result.
func (e *Engine) EvaluateWithNotes(ctx context.Context, input any) ([]finding.Finding, []string, error) {
	if b, ok := input.(*Batches); ok {
		return e.evaluate(ctx, b.Docs, b.Split, b.Whole)
	}
	return e.evaluate(ctx, func(yield func(any, error) bool) { yield(input, nil) }, nil, nil)
}

// toNotes turns the router's notes ({package, message}) into "PL002: message" lines, sorted.
func (e *Engine) toNotes(v any) ([]string, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, &PolicyError{Kind: "eval", Messages: []string{fmt.Sprintf("%s returned %T, want a set of notes", NotesQuery, v)}}
	}
	var notes []string
	for _, x := range list {
		n, _ := x.(map[string]any)
		pkg, _ := n["package"].(string)
		msg, ok := n["message"].(string)
		rule, known := e.byPkg[pkg]
		if !ok || !known || strings.TrimSpace(msg) == "" {
			where := pkg
			if known {
				where = e.reportAt[pkg] + ": " + rule.ID
			}
			return nil, &PolicyError{Kind: "finding", Messages: []string{fmt.Sprintf("%s: a note must be a non-empty string, got %s", where, asJSON(n["message"]))}}
		}
		notes = append(notes, rule.ID+": "+msg)
	}
	sort.Strings(notes)
	return notes, nil
}

// evalTime is the time built-ins read as "now" (io.jwt.decode_verify's exp and nbf checks): the input's
// now_seconds, which --now sets, so that findings do not depend on when the run happens. An input without it
// (a test's hand-written document) gets the Unix epoch: fixed, never the wall clock.
func evalTime(input ast.Value) time.Time {
	if obj, ok := input.(ast.Object); ok {
		if v := obj.Get(ast.StringTerm("now_seconds")); v != nil {
			if n, ok := v.Value.(ast.Number); ok {
				if sec, ok := n.Int64(); ok {
					return time.Unix(sec, 0).UTC()
				}
			}
		}
	}
	return time.Unix(0, 0).UTC()
}

// dirFS opens a --policy folder.
func dirFS(dir string) fs.FS { return os.DirFS(dir) }

// jsonNumberToInt accepts the numbers OPA returns (json.Number) and plain ints from tests.
func jsonNumberToInt(v any) (int, bool) {
	switch n := v.(type) {
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return int(i), true
		}
		f, err := n.Float64() // 1.115224e+06 is a whole number too
		return int(f), err == nil && f == float64(int(f))
	case int:
		return n, true
	case int64:
		return int(n), true
	case float64:
		return int(n), n == float64(int(n))
	}
	return 0, false
}
