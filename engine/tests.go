package engine

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego test rule.
type TestResult struct {
	Package  string        `json:"package"`
	Name     string        `json:"name"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Pass     bool          `json:"pass"`
	Skip     bool          `json:"skip,omitempty"`
	Error    string        `json:"error,omitempty"`
	Duration time.Duration `json:"duration_ns"`
}

// TestReport is every test result and the line coverage of the policies (tests excluded).
type TestReport struct {
	Results  []TestResult            `json:"results"`
	Coverage float64                 `json:"coverage"`
	Files    map[string]FileCoverage `json:"files"`
}

// FileCoverage is the line coverage of one policy file.
type FileCoverage struct {
	Coverage   float64  `json:"coverage"`
	NotCovered [][2]int `json:"not_covered,omitempty"` // line ranges
}

// TestSources are the trees whose *_test.rego files hold tests (the built-in tests come from here; the
// --policy folders in Options contribute theirs too).
func RunTests(ctx context.Context, opts Options, tests []Source) (*TestReport, error) {
	o := opts
	l, err := loadAll(o, true)
	if err != nil {
		return nil, err
	}
	if len(tests) > 0 {
		extra, err := load(tests, true)
		if err != nil {
			return nil, err
		}
		for _, f := range extra.files {
			if f.test {
				l.files = append(l.files, f)
			}
		}
		if err := l.applyOverrides(); err != nil {
			return nil, err
		}
	}
	c, err := compile(l, opts.InputSchema)
	if err != nil {
		return nil, err
	}
	store := inmem.NewFromObjectWithOpts(l.data, inmem.OptRoundTripOnWrite(false))
	cov := cover.New()
	modules := l.modules()
	runner := tester.NewRunner().
		SetCompiler(c).
		SetStore(store).
		SetModules(modules).
		SetCoverageQueryTracer(cov).
		SetTimeout(30 * time.Second)
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, err
	}
	defer store.Abort(ctx, txn)
	ch, err := runner.RunTests(ctx, txn)
	if err != nil {
		return nil, fmt.Errorf("running policy tests: %w", err)
	}
	rep := &TestReport{Files: map[string]FileCoverage{}}
	for r := range ch {
		tr := TestResult{Package: r.Package, Name: r.Name, Pass: !r.Fail && r.Error == nil && !r.Skip, Skip: r.Skip, Duration: r.Duration}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			tr.Error = r.Error.Error()
		}
		rep.Results = append(rep.Results, tr)
	}
	sort.Slice(rep.Results, func(i, j int) bool {
		a, b := rep.Results[i], rep.Results[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	// Coverage of the policies only: a test file covers itself trivially.
	policyModules := map[string]*ast.Module{}
	for _, f := range l.files {
		if !f.test {
			policyModules[f.name] = f.module
		}
	}
	report := cov.Report(policyModules)
	rep.Coverage = report.Coverage
	for name, fr := range report.Files {
		if _, isPolicy := policyModules[name]; !isPolicy {
			continue
		}
		fc := FileCoverage{Coverage: fr.Coverage}
		for _, r := range fr.NotCovered {
			rng := [2]int{r.Start.Row, r.End.Row}
			if n := len(fc.NotCovered); n > 0 && fc.NotCovered[n-1][1] >= rng[0]-1 {
				fc.NotCovered[n-1][1] = max(fc.NotCovered[n-1][1], rng[1])
				continue
			}
			fc.NotCovered = append(fc.NotCovered, rng)
		}
		rep.Files[name] = fc
	}
	return rep, nil
}
