package signatures

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/facts/logs"
)

// builtin compiles the signatures that ship with the policies.
func builtin(t *testing.T) *Matcher {
	t.Helper()
	set, err := ParseFS(pushlint.Policies, "pushlint/signatures/data.yaml", "policies/pushlint/signatures/data.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(set)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var (
	cmtraceRE = regexp.MustCompile(`(?s)^<!\[LOG\[(.*?)\]LOG\]!><time="(\d{2}):(\d{2}):(\d{2})\.(\d{1,3})([+-]\d{1,4})" date="(\d{1,2})-(\d{1,2})-(\d{4})" component="([^"]*)" context="[^"]*" type="(\d)" thread="(\d+)"`)
	serverRE  = regexp.MustCompile(`^(.*?)~?\s*\$\$(?:<([^>]*)>)?.*$`)
)

// sampleEntries splits a sample file the simple way these tests need: one entry per CMTrace record (which
// may span lines), else one per non-blank line, without the quoting documents add ("> ", indentation) and
// without the SMS server framing. Reading real logs in every format is facts/logs' job.
func sampleEntries(t *testing.T, path string) []logs.Entry {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var out []logs.Entry
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if strings.HasPrefix(line, "<![LOG[") {
			start := i
			rec := line
			for !strings.Contains(rec, "]LOG]!>") && i+1 < len(lines) {
				i++
				rec += "\n" + lines[i]
			}
			m := cmtraceRE.FindStringSubmatch(rec)
			if m == nil {
				t.Fatalf("%s:%d: not a CMTrace record", path, start+1)
			}
			n := func(k int) int { v, _ := strconv.Atoi(m[k]); return v }
			local := time.Date(n(9), time.Month(n(7)), n(8), n(2), n(3), n(4), 0, time.UTC)
			bias, _ := strconv.Atoi(m[6])
			thread, _ := strconv.Atoi(m[12])
			level, _ := strconv.Atoi(m[11])
			out = append(out, logs.Entry{File: path, Line: start + 1, EndLine: i + 1, Format: logs.FormatCMTrace,
				Time: local.Add(time.Duration(bias) * time.Minute), HasTime: true, Bias: m[6], Component: m[10],
				Level: logs.Level(level), Thread: thread, Message: m[1], TimeZoneKnown: true})
			continue
		}
		msg := strings.TrimSpace(line)
		msg = strings.TrimSpace(strings.TrimPrefix(msg, ">"))
		if msg == "" {
			continue
		}
		e := logs.Entry{File: path, Line: i + 1, EndLine: i + 1, Format: logs.FormatPlain, Message: msg}
		if m := serverRE.FindStringSubmatch(msg); m != nil {
			e.Format, e.Message, e.Component = logs.FormatSMSServer, strings.TrimSpace(m[1]), m[2]
		}
		out = append(out, e)
	}
	return out
}

// matchFile runs the built-in signatures over a sample.
func matchFile(t *testing.T, m *Matcher, path string) []Event {
	t.Helper()
	s := m.NewStream(path)
	var evs []Event
	for _, e := range sampleEntries(t, path) {
		evs = s.Match(evs, e)
	}
	return evs
}

var update = flag.Bool("update", false, "rewrite testdata/events.golden from the current signatures")

// TestSamplesGolden runs the built-in signatures over every real sample and compares every event, with all
// its fields, to testdata/events.golden. Run with -update after changing a signature, and read the diff.
func TestSamplesGolden(t *testing.T) {
	m := builtin(t)
	files, err := filepath.Glob("testdata/samples/*.log")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range files {
		s := m.NewStream(p)
		var evs []Event
		for _, e := range sampleEntries(t, p) {
			evs = s.Match(evs, e)
		}
		fmt.Fprintf(&b, "== %s kind=%s\n", filepath.Base(p), s.Kind())
		for _, e := range evs {
			fmt.Fprintf(&b, "%s\n", describe(e))
		}
	}
	golden := "testdata/events.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("events differ from %s (run go test -run TestSamplesGolden -update and review the diff):\n%s", golden, lineDiff(string(want), got))
	}
}

// describe writes an event on one line: line, type, role, machine, fields sorted, and how many lines before.
func describe(e Event) string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s role=%s machine=%q", e.Line, e.Type, e.Role, e.Machine)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, e.Fields[k])
	}
	if e.HasTime {
		fmt.Fprintf(&b, " time=%s", e.Time)
	}
	if len(e.Before) > 0 {
		fmt.Fprintf(&b, " before=%d..%d", e.Before[0].Line, e.Before[len(e.Before)-1].Line)
	}
	return b.String()
}

func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
		}
	}
	return b.String()
}
