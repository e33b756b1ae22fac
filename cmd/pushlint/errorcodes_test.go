package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	policytree "github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/facts/errorcodes"
)

// codeLine is a real log line that carries an error code (testdata/errorcodes/lines.yaml).
type codeLine struct {
	File      string   `yaml:"file"`
	Frame     string   `yaml:"frame"`
	Component string   `yaml:"component"`
	Lines     []string `yaml:"lines"`
}

// written is one log line with one code, put in a folder of its own.
type written struct {
	code  uint32
	sig   string
	dir   string
	value int64 // the code as the line writes it (an HRESULT for a Win32 code written {hresult})
}

// TestExplainAndCheckAgree walks the error code table: for every code and every signature its logged_by
// names, it writes that signature's real line with the code into a log of its own, reads them all with one
// `pushlint check`, and checks that the rules `pushlint explain` names for the code are exactly the rules
// that fire on its lines. The rules that key on a code read the same table, so a code added to a rule's
// list in the table fires that rule, and explain says so.
func TestExplainAndCheckAgree(t *testing.T) {
	t.Parallel()
	tab, err := errorcodes.Load(policytree.Policies)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "errorcodes", "lines.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var lines map[string]codeLine
	if err := yaml.UnmarshalWithOptions(raw, &lines, yaml.Strict()); err != nil {
		t.Fatal(err)
	}

	root := t.TempDir()
	var all []written
	var codes []string
	for n, v := range tab.Values() {
		codes = append(codes, strconv.FormatUint(uint64(v), 10))
		ex, err := tab.Explain(codes[len(codes)-1])
		if err != nil {
			t.Fatal(err)
		}
		if len(ex.Entry.LoggedBy) == 0 && len(ex.Entry.Rules) > 0 {
			t.Errorf("code %d: rules %v, but logged_by names no line that carries it", v, ex.Entry.Rules)
		}
		for i, sig := range ex.Entry.LoggedBy {
			tpl, ok := lines[sig]
			if !ok {
				t.Errorf("code %d: logged_by %s, which testdata/errorcodes/lines.yaml has no line for", v, sig)
				continue
			}
			w := written{code: v, sig: sig, dir: filepath.Join(root, strconv.FormatUint(uint64(v), 10), sig)}
			w.value = writeCodeLog(t, w.dir, tpl, v, fmt.Sprintf("C%d%c", v, 'A'+i), fmt.Sprintf("S%02d", n))
			all = append(all, w)
		}
	}

	// Every line is read as the event of its signature with the code written into it: a test that wrote a
	// line nobody reads would pass for the wrong reason.
	var doc struct {
		Events []struct {
			Signature string         `json:"signature"`
			File      string         `json:"file"`
			Fields    map[string]any `json:"fields"`
		} `json:"events"`
	}
	runLogRuleCommand(t, &doc, "facts", "--logs", root, "--now", "2026-11-25")
	for _, w := range all {
		found := false
		for _, e := range doc.Events {
			if e.Signature != w.sig || !strings.HasPrefix(e.File, w.dir+string(filepath.Separator)) {
				continue
			}
			for _, f := range []string{"error_code", "exit_code", "status"} {
				if n, ok := e.Fields[f].(float64); ok && int64(n) == w.value {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("code %d: no %s event carrying %d in %s", w.code, w.sig, w.value, w.dir)
		}
	}

	var rep struct {
		Findings []struct {
			Rule     string        `json:"rule"`
			Location *logRuleLine  `json:"location"`
			Evidence []logRuleLine `json:"evidence"`
		} `json:"findings"`
	}
	runLogRuleCommand(t, &rep, "check", "--logs", root, "--format", "json", "--fail-on", "never", "--now", "2026-11-25")
	fired := map[string][]string{}
	for _, f := range rep.Findings {
		file := ""
		if f.Location != nil {
			file = f.Location.File
		} else if len(f.Evidence) > 0 {
			file = f.Evidence[0].File
		}
		rel, err := filepath.Rel(root, file)
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Errorf("%s fired about %q, outside the folders of the codes", f.Rule, file)
			continue
		}
		code, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		fired[code] = append(fired[code], f.Rule)
	}

	var explained []errorcodes.Explanation
	runLogRuleCommand(t, &explained, append([]string{"explain", "--format", "json"}, codes...)...)
	if len(explained) != len(codes) {
		t.Fatalf("explain gave %d explanations for %d codes", len(explained), len(codes))
	}
	for _, ex := range explained {
		code := strconv.FormatUint(uint64(ex.Value), 10)
		got := slices.Compact(slices.Sorted(slices.Values(fired[code])))
		want := slices.Sorted(slices.Values(ex.Entry.Rules))
		if !slices.Equal(got, want) {
			t.Errorf("code %s (%s): explain names rules %v; its lines (%s) fire %v",
				code, ex.Entry.Name, want, strings.Join(ex.Entry.LoggedBy, ", "), got)
		}
	}
	for code := range fired {
		if !slices.Contains(codes, code) {
			t.Errorf("findings about folder %s, which is no code of the table", code)
		}
	}
}

// writeCodeLog writes a signature's lines with a code into dir, framed as its log writes them, and returns
// the code's value as written: a Win32 code written {hresult} is the HRESULT that wraps it (0x80070002).
func writeCodeLog(t *testing.T, dir string, tpl codeLine, code uint32, machine, site string) int64 {
	t.Helper()
	value, hresult := int64(code), code
	if code < 0x10000 {
		hresult = 0x80070000 | code
	}
	if strings.Contains(strings.Join(tpl.Lines, "\n"), "{hresult}") {
		value = int64(hresult)
	}
	expand := strings.NewReplacer("{machine}", machine, "{site}", site, "{decimal}", strconv.FormatUint(uint64(code), 10),
		"{hex8}", fmt.Sprintf("%08x", code), "{hresult}", fmt.Sprintf("0x%08x", hresult))
	var b strings.Builder
	for i, l := range tpl.Lines {
		l = expand.Replace(l)
		switch tpl.Frame {
		case "server":
			fmt.Fprintf(&b, "%s  $$<%s><02-14-2007 10:00:%02d.000+300><thread=660 (0x294)>\n", l, tpl.Component, i)
		case "cmtrace":
			fmt.Fprintf(&b, `<![LOG[%s]LOG]!><time="10:00:%02d.000+300" date="02-14-2007" component="%s" context="" type="1" thread="1" file="">`+"\n", l, i, tpl.Component)
		case "plain":
			b.WriteString(l + "\n")
		default:
			t.Fatalf("frame %q: expected server, cmtrace or plain", tpl.Frame)
		}
	}
	path := filepath.Join(dir, filepath.FromSlash(expand.Replace(tpl.File)))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return value
}

// Issue 11: an RPC failure written as the HRESULT 0x800706BA is explained as PL108's (the client's
// firewall, DCOM or WMI), not as the push account's rights.
func TestExplainRPCUnavailableNamesPL108(t *testing.T) {
	t.Parallel()
	out, errs, code := cli(t, "explain", "0x800706BA")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "RPC_S_SERVER_UNAVAILABLE") || !strings.Contains(out, "Rules:     PL108\n") {
		t.Errorf("explain 0x800706BA:\n%s", out)
	}
}
