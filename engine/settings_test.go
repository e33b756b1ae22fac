package engine

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/finding"
)

func withSettings(t *testing.T, o Options) (*Engine, error) {
	t.Helper()
	o.Builtin, o.InputSchema, o.Timeout = builtin(), facts.InputSchema, 10*time.Second
	return New(context.Background(), o)
}

// builtinLoaded is the built-in policy tree, read once for the tests that only look at what was loaded.
var builtinLoaded = sync.OnceValues(func() (*loaded, error) {
	return loadAll(Options{Builtin: builtin()}, false)
})

// settingsEngine is the built-in policies with two rule settings and two parameter settings, compiled once
// for the tests that read it.
var settingsEngine = sync.OnceValues(func() (*Engine, error) {
	return New(context.Background(), Options{Builtin: builtin(), InputSchema: facts.InputSchema, Timeout: 10 * time.Second,
		Params: []ParamSetting{
			{Name: "retry_limit", Value: "24", Where: ".pushlint.yaml:8:3"},
			{Name: "heartbeat_grace", Value: "1d", Where: ".pushlint.yaml:9:3"}, // the default: no change to report
		},
		Rules: []RuleSetting{
			{ID: "PL011", Disabled: true, Reason: "heartbeat is off during the migration", Where: ".pushlint.yaml:5:3"},
			{ID: "PL006", Severity: "warning", Where: ".pushlint.yaml:6:3"},
		},
	})
})

func paramByName(e *Engine, name string) Param {
	for _, p := range e.Params() {
		if p.Name == name {
			return p
		}
	}
	return Param{}
}

func TestParamsAreDocumentedAndKnowTheirRules(t *testing.T) {
	t.Parallel()
	e, err := settingsEngine()
	if err != nil {
		t.Fatal(err)
	}
	p := paramByName(e, "retry_limit")
	if p.Key != "retry_limit" || p.Duration || p.Default != 168 || p.Value != 24 || p.SetBy != ".pushlint.yaml:8:3" ||
		!strings.HasPrefix(p.Doc, "How many times Client Configuration Manager tries a CCR") ||
		strings.Join(p.Rules, " ") != "PL104 PL306" || p.File != "policies/pushlint/params/data.yaml" {
		t.Errorf("retry_limit: %+v", p)
	}
	c := paramByName(e, "heartbeat_grace")
	if !c.Duration || c.Key != "heartbeat_grace_seconds" || c.Show(c.Default) != "1d" || strings.Join(c.Rules, " ") != "PL304" {
		t.Errorf("heartbeat_grace: %+v", c)
	}
	// The file's own header is about the file, not about its first key.
	if d := paramByName(e, "retry_interval").Doc; strings.Contains(d, "numbers the rules decide with") || !strings.HasPrefix(d, "How often") {
		t.Errorf("retry_interval doc: %q", d)
	}
	if u := paramByName(e, "ccr_cycle"); u.Value != u.Default || u.SetBy != "" {
		t.Errorf("a parameter nobody set keeps its default: %+v", u)
	}
}

func TestParamSettingsReachTheRules(t *testing.T) {
	t.Parallel()
	e, err := settingsEngine()
	if err != nil {
		t.Fatal(err)
	}
	doc := map[string]any{"version": 1, "now_seconds": 0, "ccr_files": []any{map[string]any{
		"file": "Inboxes/ccrretry.box/PC1", "queue": "retry", "machine": "PC1", "age_seconds": 2 * 86400, "time_known": true,
		"modified": "2026-11-23T00:00:00Z", "valid": true, "location": map[string]any{"file": "Inboxes/ccrretry.box/PC1", "line": 2, "column": 1},
	}}}
	got, err := e.Evaluate(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Rule != "PL306" || !strings.Contains(got[0].Message, "retry window of 24 hours (24 tries, one every 60 minutes)") {
		t.Fatalf("findings %+v", got)
	}
	want := finding.Change{Kind: "param", Param: "retry_limit", From: "168", To: "24", Source: ".pushlint.yaml:8:3", Rules: []string{"PL104", "PL306"},
		Message: "parameter retry_limit is 24 instead of 168 (read by PL104, PL306), set by .pushlint.yaml:8:3"}
	if ch := e.Changes(); len(ch) != 3 || ch[2].Message != want.Message || ch[2].From != want.From || ch[2].To != want.To {
		t.Errorf("changes %+v, want the last %+v", ch, want)
	}
}

func TestParamSettingMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		setting ParamSetting
		want    string
	}{
		{ParamSetting{Name: "ccr_cyle", Value: "2h", Where: "c.yaml:3:3"}, `c.yaml:3:3: unknown parameter "ccr_cyle" (did you mean "ccr_cycle"?)`},
		{ParamSetting{Name: "ccr_cycle_seconds", Value: "7200", Where: "c.yaml:3:3"}, `c.yaml:3:3: parameter "ccr_cycle_seconds" is written "ccr_cycle", with a unit (e.g. ccr_cycle: 1h)`},
		{ParamSetting{Name: "ccr_cycle", Value: "2", Where: "--param"}, `--param: parameter ccr_cycle: "2" needs a unit: write 2h for hours (units: m, h, d, w)`},
		{ParamSetting{Name: "ccr_cycle", Value: "2 hours", Where: "--param"}, `--param: parameter ccr_cycle: "2 hours" has no known unit`},
		{ParamSetting{Name: "retry_limit", Value: "2h", Where: "c.yaml:4:3"}, `c.yaml:4:3: parameter retry_limit: "2h" is not a count; expected a whole number of at least 0, e.g. 168`},
		{ParamSetting{Name: "retry_limit", Value: "-1", Where: "c.yaml:4:3"}, `is not a count`},
	}
	l, err := builtinLoaded()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		table, err := l.params()
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = applyParams(l, table, []ParamSetting{tt.setting})
		var ce *ConfigError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: got %v, want a ConfigError with %q", tt.setting, err, tt.want)
		}
	}
	// Zero is a duration that needs no unit: no grace at all.
	if v, err := parseParam(Param{Name: "heartbeat_grace", Duration: true}, "0"); err != nil || v != 0 {
		t.Errorf("heartbeat_grace 0: %d, %v", v, err)
	}
}

func TestRuleSettingsDisableAndChangeSeverity(t *testing.T) {
	t.Parallel()
	e, err := settingsEngine()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range e.Rules() {
		if r.ID == "PL011" {
			t.Error("a disabled rule is not evaluated")
		}
		if r.ID == "PL006" && r.Severity != "warning" {
			t.Errorf("PL006 severity %s, want warning", r.Severity)
		}
	}
	if d := e.Disabled(); len(d) != 1 || d[0].ID != "PL011" {
		t.Errorf("disabled %+v", d)
	}
	site := map[string]any{
		"code": "ABC", "location": map[string]any{"file": "site.yaml", "line": 3, "column": 5}, "key_locations": map[string]any{},
		"discovery": map[string]any{"heartbeat": map[string]any{"enabled": false, "interval_seconds": 604800,
			"location": map[string]any{"file": "site.yaml", "line": 9, "column": 7}, "key_locations": map[string]any{}}},
		"maintenance": map[string]any{"clear_install_flag": map[string]any{"enabled": true, "rediscovery_period_seconds": 86400,
			"location": map[string]any{"file": "site.yaml", "line": 12, "column": 7}, "key_locations": map[string]any{}}},
	}
	// PL006 needs heartbeat enabled: give it a second site.
	site2 := map[string]any{}
	for k, v := range site {
		site2[k] = v
	}
	site2["code"] = "DEF"
	site2["discovery"] = map[string]any{"heartbeat": map[string]any{"enabled": true, "interval_seconds": 604800,
		"location": map[string]any{"file": "site.yaml", "line": 20, "column": 7}, "key_locations": map[string]any{}}}
	got, err := e.Evaluate(context.Background(), map[string]any{"version": 1, "now_seconds": 0, "sites": []any{site, site2}})
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range got {
		rules = append(rules, f.Rule+"/"+f.Severity)
	}
	if strings.Join(rules, " ") != "PL006/warning" {
		t.Errorf("findings %v, want PL006 as a warning and no PL011", rules)
	}
	ch := e.Changes()
	if len(ch) != 3 ||
		ch[0].Message != "PL011 (Heartbeat Discovery is disabled) is disabled by .pushlint.yaml:5:3 and was not evaluated: heartbeat is off during the migration" ||
		ch[1].Message != "PL006 (Client rediscovery period is not larger than the Heartbeat Discovery interval) reports as warning instead of error, set by .pushlint.yaml:6:3" {
		t.Errorf("changes %+v", ch)
	}
}

func TestRuleSettingMistakes(t *testing.T) {
	t.Parallel()
	base, err := builtinLoaded()
	if err != nil {
		t.Fatal(err)
	}
	// Only mistakes: applyRuleSettings changes nothing of what was loaded when a setting is wrong.
	_, _, err = base.applyRuleSettings([]RuleSetting{{ID: "PL0011", Disabled: true, Where: "c.yaml:5:3"}})
	if err == nil || err.Error() != "c.yaml:5:3: rule PL0011 is not a rule of this run (did you mean PL011?)" {
		t.Errorf("got %v", err)
	}
	_, _, err = base.applyRuleSettings([]RuleSetting{{ID: "PL006", Severity: "fatal", Where: "c.yaml:6:3"}})
	if err == nil || !strings.Contains(err.Error(), `c.yaml:6:3: severity "fatal" of PL006 must be error, warning or info`) {
		t.Errorf("got %v", err)
	}
}

// A file of a --policy folder that defines into pushlint.lib can make every waiver cover every finding; it is
// refused, and loaded only when asked for, then reported.
func TestLibraryOverrideIsRefusedUnlessAllowed(t *testing.T) {
	t.Parallel()
	waiveAll := "package pushlint.lib\n\nwaiver_for(_) := 0\n"
	sneaky := "package pushlint\n\nlib.waiver_covers(_, _) := true\n"
	router := "package pushlint.main\n\nreport contains 1 if false\n"
	data := "pushlint:\n  lib:\n    x: 1\n"
	tests := []struct {
		name, file, src, want string
	}{
		{"library package", "waive.rego", waiveAll, "waive.rego:1: package pushlint.lib defines data.pushlint.lib, inside pushlint's built-in library (pushlint.lib)"},
		{"ref head", "sneaky.rego", sneaky, "sneaky.rego:3: package pushlint defines data.pushlint.lib.waiver_covers, inside pushlint's built-in library (pushlint.lib)"},
		{"router", "router.rego", router, "router.rego:1: package pushlint.main defines data.pushlint.main, inside pushlint's built-in router (pushlint.main)"},
		{"data file", "data.yaml", data, "data.yaml: data loaded into data.pushlint.lib, pushlint's built-in library (pushlint.lib)"},
	}
	base, err := builtinLoaded()
	if err != nil {
		t.Fatal(err)
	}
	// withUser is the built-in files (parsed once) with a --policy folder's beside them, as load makes them.
	withUser := func(t *testing.T, dir string) *loaded {
		u, err := load([]Source{DirSource(dir)}, false)
		if err != nil {
			t.Fatal(err)
		}
		return &loaded{files: append(append([]*policyFile(nil), base.files...), u.files...), userData: u.userData}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir+"/"+tt.file, tt.src)
			err := withUser(t, dir).checkLibrary(false)
			var pe *PolicyError
			if !errors.As(err, &pe) || pe.Kind != "library" || !strings.Contains(err.Error(), dir+"/"+tt.want) ||
				!strings.Contains(err.Error(), "give --allow-library-override to load it anyway") {
				t.Fatalf("got %v, want a library error with %q", err, tt.want)
			}
			// Allowed, the file loads and is recorded for the reports.
			l := withUser(t, dir)
			if err := l.checkLibrary(true); err != nil {
				t.Fatal(err)
			}
			ch := l.changes
			if len(ch) != 1 || ch[0].Kind != finding.ChangeLibraryOverride || ch[0].File != dir+"/"+tt.file ||
				!strings.Contains(ch[0].Message, "(allowed by --allow-library-override)") {
				t.Errorf("changes %+v", ch)
			}
		})
	}
	// Near miss: a house library of its own, and a new parameter beside the built-in ones.
	dir := t.TempDir()
	writeFile(t, dir+"/house.rego", "package house.lib\n\nok := true\n")
	if err := mkdirAll(dir + "/pushlint/params"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir+"/pushlint/params/data.yaml", "# How long a house rule waits.\nhouse_wait_seconds: 60\n")
	l, err := loadAll(Options{Builtin: builtin(), PolicyDirs: []string{dir}}, false)
	if err != nil {
		t.Fatal(err)
	}
	table, err := l.params()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := applyParams(l, table, []ParamSetting{{Name: "house_wiat", Value: "5m", Where: "--param"}}); err == nil ||
		!strings.Contains(err.Error(), `--param: unknown parameter "house_wiat" (did you mean "house_wait"?)`) {
		t.Errorf("a folder's parameter is known to the settings: %v", err)
	}
	table, _, err = applyParams(l, table, []ParamSetting{{Name: "house_wait", Value: "5m", Where: "--param"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range table {
		if p.Name == "house_wait" && (p.Value != 300 || p.Doc != "How long a house rule waits.") {
			t.Errorf("house parameter %+v", p)
		}
	}
	if len(l.changes) != 0 {
		t.Errorf("a house library and a new parameter are no overrides: %+v", l.changes)
	}
}

func TestReplacedAndNoBuiltinAreReported(t *testing.T) {
	t.Parallel()
	override := strings.NewReplacer("XX001", "PL006", "pushlint.rules.test.site_name", "pushlint.rules.acme.stricter_rediscovery").Replace(goodRule)
	loadWith := func(name, src string, noBuiltin bool) *loaded {
		dir := t.TempDir()
		writeFile(t, dir+"/"+name, src)
		l, err := loadAll(Options{Builtin: builtin(), PolicyDirs: []string{dir}, NoBuiltin: noBuiltin}, false)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	ch := loadWith("r.rego", override, false).changes
	if len(ch) != 1 || ch[0].Kind != "replaced" || ch[0].Rule != "PL006" || !strings.HasSuffix(ch[0].File, "/r.rego") ||
		!strings.HasPrefix(ch[0].Message, "built-in rule PL006 (policies/config/rediscovery_period.rego) is replaced by PL006 of ") {
		t.Errorf("changes %+v", ch)
	}
	if ch := loadWith("name.rego", goodRule, true).changes; len(ch) != 1 || ch[0].Kind != "no_builtin" || !strings.HasPrefix(ch[0].Message, "--no-builtin: only the rules of the --policy folders were evaluated, none of the ") {
		t.Errorf("changes %+v", ch)
	}
}
