package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/pushlint/pushlint/finding"
	"github.com/pushlint/pushlint/internal/inputfile"
)

// RulesRoot is the package prefix under which every rule lives: pushlint.rules.<category>.<name>.
const RulesRoot = "pushlint.rules"

// GateRoot holds the rules that judge the run itself rather than the site (waivers that expired or match
// nothing): pushlint.gate.<name>. They read every other rule's findings through the router, so under
// RulesRoot they would depend on themselves; otherwise they are rules like any other (METADATA, findings).
const GateRoot = "pushlint.gate"

// Source is a tree of policies: the built-in ones embedded in the binary, or a --policy folder.
type Source struct {
	// Name prefixes file names in messages ("policies" for the built-in tree, the folder path otherwise).
	Name    string
	FS      fs.FS
	Builtin bool
	// Dir is the folder on disk (DirSource); its files are opened like every other input (ReadSourceFile).
	Dir string
}

// DirSource is a --policy folder on disk.
func DirSource(dir string) Source {
	return Source{Name: filepath.ToSlash(filepath.Clean(dir)), FS: dirFS(dir), Dir: dir}
}

// Limits of the files of a --policy folder. A rule is a few kilobytes of Rego and the largest built-in data
// file is 36 KB, but the parser and the data store hold many times a file's size: at these limits the worst
// files we generated cost about 250 MB (1 MiB of tiny Rego rules) and 330 MB (4 MiB of one-number YAML list
// items; JSON, 180 MB). A file over its limit is refused before it is read.
const (
	MaxPolicyFileBytes = 1 << 20 // a .rego file
	MaxDataFileBytes   = 4 << 20 // a data.json, data.yaml or data.yml
)

// ReadSourceFile reads the file p of a policy tree. A file of a folder on disk is opened like every other
// input: it must be a regular file or a link to one (a link to /dev/zero or a named pipe would be read
// forever) and at most MaxPolicyFileBytes (.rego) or MaxDataFileBytes (data files), checked before reading.
func ReadSourceFile(src Source, p string) ([]byte, error) {
	display := path.Join(src.Name, p)
	if src.Dir == "" {
		b, err := fs.ReadFile(src.FS, p)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", display, err)
		}
		return b, nil
	}
	limit, what := int64(MaxPolicyFileBytes), "a policy file (.rego)"
	if !strings.HasSuffix(p, ".rego") {
		limit, what = MaxDataFileBytes, "a policy data file"
	}
	b, err := inputfile.ReadRegular(filepath.Join(src.Dir, filepath.FromSlash(p)), limit)
	var tl *inputfile.TooLargeError
	switch {
	case errors.As(err, &tl) && tl.Size >= 0:
		return nil, fmt.Errorf("%s: file is %s; %s may be at most %s", display, inputfile.Bytes(tl.Size), what, inputfile.Bytes(limit))
	case errors.As(err, &tl):
		return nil, fmt.Errorf("%s: file grew past %s while being read; %s may be at most that", display, inputfile.Bytes(limit), what)
	case errors.Is(err, inputfile.ErrNotRegular):
		return nil, fmt.Errorf("reading policies: %s is %s; policy and data files must be regular files (or links to them)", display, notRegular(err))
	case err != nil:
		return nil, fmt.Errorf("reading %s: %w", display, err)
	}
	return b, nil
}

// notRegular is what a file is that is not a regular file, from inputfile's error ("... (a named pipe)").
func notRegular(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, "("); i >= 0 && strings.HasSuffix(msg, ")") {
		return msg[i+1 : len(msg)-1]
	}
	return "not a regular file"
}

// policyFile is one parsed .rego file.
type policyFile struct {
	name    string // as shown to users: policies/config/push_enabled.rego
	path    string // on disk; "" for an embedded file
	module  *ast.Module
	builtin bool
	test    bool
	rule    *finding.Rule // set for rule modules (package under RulesRoot)
}

// reportLine is the line of the module's first `report` rule: where a malformed finding comes from.
func (f *policyFile) reportLine() int {
	for _, r := range f.module.Rules {
		if r.Head.Name.String() == "report" || (len(r.Head.Reference) > 0 && r.Head.Reference[0].Value.String() == "report") {
			return r.Location.Row
		}
	}
	return f.module.Package.Location.Row
}

// loaded is everything read from the sources, before compilation.
type loaded struct {
	files      []*policyFile
	data       map[string]any
	paramFiles []paramFile
	userData   []userData // data files of --policy folders, for the library check
	// replaced are the packages of the built-in rules that a user's rule replaced. They outlive the rule
	// files, which applyOverrides drops: built-in tests loaded afterwards (pushlint test) must be dropped with
	// the rule they test.
	replaced map[string]bool
	paths    []string // data files read from disk
	// changes are what loading changed about the rules (a built-in rule replaced, ...), for the report.
	changes []finding.Change
}

var (
	ruleIDRE = regexp.MustCompile(`^[A-Z][A-Z0-9_-]*[0-9]+$`)
)

// load reads every .rego and data file of the sources; withTests adds *_test.rego files.
func load(sources []Source, withTests bool) (*loaded, error) {
	l := &loaded{data: map[string]any{}}
	for _, src := range sources {
		err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("reading policies in %s: %w", src.Name, err)
			}
			if d.IsDir() {
				if p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
					return fs.SkipDir
				}
				return nil
			}
			display := path.Join(src.Name, p)
			switch {
			case strings.HasSuffix(p, ".rego"):
				isTest := strings.HasSuffix(p, "_test.rego")
				if isTest && !withTests {
					return nil
				}
				pf, err := parsePolicy(src, p, display)
				if err != nil {
					return err
				}
				pf.test = isTest
				l.files = append(l.files, pf)
			case path.Base(p) == "data.json" || path.Base(p) == "data.yaml" || path.Base(p) == "data.yml":
				if err := l.addData(src, p, display); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return l, nil
}

func parsePolicy(src Source, p, display string) (*policyFile, error) {
	b, err := ReadSourceFile(src, p)
	if err != nil {
		return nil, err
	}
	m, err := ast.ParseModuleWithOpts(display, string(b), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, parseError(err)
	}
	pf := &policyFile{name: display, module: m, builtin: src.Builtin}
	if src.Dir != "" {
		pf.path = filepath.Join(src.Dir, filepath.FromSlash(p))
	}
	return pf, nil
}

// parseError gives each parse error one line that starts with file:line:column, the way every other
// error of pushlint starts (OPA's own text draws the line with a caret below it, which a CI log mangles).
func parseError(err error) error {
	var errs ast.Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		return &PolicyError{Kind: "parse", Err: err}
	}
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		loc := ""
		if e.Location != nil {
			loc = fmt.Sprintf("%s:%d:%d: ", e.Location.File, e.Location.Row, e.Location.Col)
		}
		msgs = append(msgs, fmt.Sprintf("%s%s (%s)", loc, e.Message, e.Code))
	}
	return &PolicyError{Kind: "parse", Messages: msgs}
}

// addData places a data.json/data.yaml at the path of its folder, as `opa test` and `opa eval` do, so the
// same tree works with the OPA command line.
func (l *loaded) addData(src Source, p, display string) error {
	b, err := ReadSourceFile(src, p)
	if err != nil {
		return err
	}
	if src.Dir != "" {
		l.paths = append(l.paths, filepath.Join(src.Dir, filepath.FromSlash(p)))
	}
	if isParamsData(p) {
		l.paramFiles = append(l.paramFiles, paramFile{display: display, text: b})
	}
	var v any
	if strings.HasSuffix(p, ".json") {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		err = dec.Decode(&v)
	} else {
		err = util.Unmarshal(b, &v)
	}
	if err != nil {
		return fmt.Errorf("%s: invalid policy data: %w", display, err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: policy data must be an object at the top level", display)
	}
	if !src.Builtin {
		l.userData = append(l.userData, userData{display: display, dir: path.Dir(p), obj: obj})
	}
	node := l.data
	if dir := path.Dir(p); dir != "." {
		for _, part := range strings.Split(dir, "/") {
			child, ok := node[part].(map[string]any)
			if !ok {
				child = map[string]any{}
				node[part] = child
			}
			node = child
		}
	}
	return mergeData(node, obj, display, "")
}

// mergeData adds obj's keys to node; objects on both sides are merged key by key (a folder's data.yaml may add
// to what another file started), anything else defined twice is an error.
func mergeData(node, obj map[string]any, display, at string) error {
	for k, val := range obj {
		if old, exists := node[k]; exists {
			a, aok := old.(map[string]any)
			b, bok := val.(map[string]any)
			if aok && bok {
				if err := mergeData(a, b, display, at+k+"."); err != nil {
					return err
				}
				continue
			}
			return fmt.Errorf("%s: key %q is already defined by another data file", display, at+k)
		}
		node[k] = val
	}
	return nil
}

// describeRules reads and checks the METADATA of every rule module. A rule that cannot say what it is
// cannot produce a useful finding, so every problem here is an error.
func (l *loaded) describeRules() error {
	var errs []string
	for _, f := range l.files {
		pkg := strings.TrimPrefix(f.module.Package.Path.String(), "data.")
		isRule, isGate := strings.HasPrefix(pkg+".", RulesRoot+"."), strings.HasPrefix(pkg+".", GateRoot+".")
		if f.test || !(isRule || isGate) {
			continue
		}
		parts := strings.Split(pkg, ".")
		if isRule && len(parts) != 4 {
			errs = append(errs, fmt.Sprintf("%s:%d: package %s: rule packages must be named %s.<category>.<name>",
				f.name, f.module.Package.Location.Row, pkg, RulesRoot))
			continue
		}
		if isGate && len(parts) != 3 {
			errs = append(errs, fmt.Sprintf("%s:%d: package %s: gate rule packages must be named %s.<name>",
				f.name, f.module.Package.Location.Row, pkg, GateRoot))
			continue
		}
		r, problems := ruleFromMetadata(f, pkg)
		for _, p := range problems {
			errs = append(errs, fmt.Sprintf("%s:%d: %s", f.name, r.Line, p))
		}
		if !definesReport(f.module) {
			errs = append(errs, fmt.Sprintf("%s:%d: package %s defines no `report` rule; a rule must have `report contains finding if { ... }`",
				f.name, r.Line, pkg))
		}
		f.rule = r
	}
	if len(errs) > 0 {
		return &PolicyError{Kind: "metadata", Messages: errs}
	}
	return nil
}

func definesReport(m *ast.Module) bool {
	for _, r := range m.Rules {
		if r.Head.Name.String() == "report" || (len(r.Head.Reference) > 0 && r.Head.Reference[0].Value.String() == "report") {
			return true
		}
	}
	return false
}

func ruleFromMetadata(f *policyFile, pkg string) (*finding.Rule, []string) {
	r := &finding.Rule{Package: pkg, File: f.name, Line: f.module.Package.Location.Row, Builtin: f.builtin}
	var ann *ast.Annotations
	for _, a := range f.module.Annotations {
		if a.Scope == "package" {
			ann = a
			break
		}
	}
	if ann == nil {
		return r, []string{fmt.Sprintf("package %s has no METADATA block; rules need title and custom id, severity, kb_section, remediation", pkg)}
	}
	if ann.Location != nil {
		r.Line = ann.Location.Row
	}
	var problems []string
	r.Title = strings.TrimSpace(ann.Title)
	r.Description = strings.TrimSpace(ann.Description)
	if r.Title == "" {
		problems = append(problems, "METADATA has no title")
	}
	str := func(key string) string {
		v, ok := ann.Custom[key]
		if !ok {
			problems = append(problems, fmt.Sprintf("METADATA custom.%s is missing", key))
			return ""
		}
		s, ok := v.(string)
		if !ok || strings.TrimSpace(s) == "" {
			problems = append(problems, fmt.Sprintf("METADATA custom.%s must be a non-empty string", key))
			return ""
		}
		return strings.TrimSpace(s)
	}
	r.ID = str("id")
	if r.ID != "" && !ruleIDRE.MatchString(r.ID) {
		problems = append(problems, fmt.Sprintf("METADATA custom.id %q must be upper-case letters then digits, e.g. PL006", r.ID))
	}
	r.Severity = str("severity")
	if r.Severity != "" && !contains(finding.Severities, r.Severity) {
		problems = append(problems, fmt.Sprintf("METADATA custom.severity %q must be one of error, warning, info", r.Severity))
	}
	r.KBSection = str("kb_section")
	r.Remediation = str("remediation")
	if reads, ok := ann.Custom["reads"]; ok {
		list, ok := reads.([]any)
		if !ok {
			problems = append(problems, "METADATA custom.reads must be a list of input paths")
		}
		for _, x := range list {
			s, ok := x.(string)
			if !ok {
				problems = append(problems, "METADATA custom.reads must be a list of input paths")
				break
			}
			r.Reads = append(r.Reads, s)
		}
	}
	return r, problems
}

// applyOverrides drops built-in rules that a --policy rule replaces (same id or same package), and the
// built-in tests of those packages, and rejects two rules sharing an id.
func (l *loaded) applyOverrides() error {
	if l.replaced == nil {
		l.replaced = map[string]bool{}
	}
	replacedIDs, replacedPkgs := map[string]bool{}, l.replaced
	for _, f := range l.files {
		if f.rule != nil && !f.builtin {
			replacedIDs[f.rule.ID] = true
			replacedPkgs[f.rule.Package] = true
		}
	}
	// A built-in rule is replaced as a whole; its package name is freed for the user's file.
	for _, f := range l.files {
		if f.rule != nil && f.builtin && replacedIDs[f.rule.ID] {
			replacedPkgs[f.rule.Package] = true
		}
	}
	l.recordReplaced(replacedPkgs)
	kept := l.files[:0]
	for _, f := range l.files {
		pkg := strings.TrimPrefix(f.module.Package.Path.String(), "data.")
		if f.builtin && (replacedPkgs[pkg] || (f.test && replacedPkgs[strings.TrimSuffix(pkg, "_test")])) {
			continue
		}
		kept = append(kept, f)
	}
	l.files = kept
	byID := map[string]*policyFile{}
	var errs []string
	for _, f := range l.files {
		if f.rule == nil || f.rule.ID == "" {
			continue
		}
		if other, dup := byID[f.rule.ID]; dup && other.rule.Package != f.rule.Package {
			errs = append(errs, fmt.Sprintf("%s:%d: rule id %s is already used by %s (%s)", f.name, f.rule.Line, f.rule.ID, other.rule.Package, other.name))
			continue
		}
		byID[f.rule.ID] = f
	}
	if len(errs) > 0 {
		return &PolicyError{Kind: "metadata", Messages: errs}
	}
	return nil
}

// dropBuiltinRules implements --no-builtin: the built-in library and router stay, the built-in rules go.
func (l *loaded) dropBuiltinRules() {
	kept := l.files[:0]
	dropped := 0
	for _, f := range l.files {
		pkg := strings.TrimPrefix(f.module.Package.Path.String(), "data.")
		if f.builtin && strings.HasPrefix(pkg+".", RulesRoot+".") {
			if !f.test {
				dropped++
			}
			continue
		}
		kept = append(kept, f)
	}
	l.files = kept
	l.changes = append(l.changes, finding.Change{Kind: finding.ChangeNoBuiltin, Source: "--no-builtin",
		Message: fmt.Sprintf("--no-builtin: only the rules of the --policy folders were evaluated, none of the %d built-in rules", dropped)})
}

// recordReplaced notes each built-in rule that a user's rule replaces, and by which file.
func (l *loaded) recordReplaced(replacedPkgs map[string]bool) {
	byPkg, byID := map[string]*policyFile{}, map[string]*policyFile{}
	for _, f := range l.files {
		if f.rule != nil && !f.builtin {
			byPkg[f.rule.Package], byID[f.rule.ID] = f, f
		}
	}
	for _, f := range l.files {
		if f.rule == nil || !f.builtin || f.test || !replacedPkgs[f.rule.Package] {
			continue
		}
		user := byID[f.rule.ID]
		if user == nil {
			user = byPkg[f.rule.Package]
		}
		if user == nil {
			continue
		}
		l.changes = append(l.changes, finding.Change{Kind: finding.ChangeReplaced, Rule: f.rule.ID, File: user.name, Package: user.rule.Package,
			Message: fmt.Sprintf("built-in rule %s (%s) is replaced by %s of %s (package %s) and was not evaluated",
				f.rule.ID, f.name, user.rule.ID, user.name, user.rule.Package)})
	}
}

func (l *loaded) modules() map[string]*ast.Module {
	out := make(map[string]*ast.Module, len(l.files))
	for _, f := range l.files {
		out[f.name] = f.module
	}
	return out
}

func (l *loaded) rules() []finding.Rule {
	var out []finding.Rule
	for _, f := range l.files {
		if f.rule != nil {
			out = append(out, *f.rule)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
