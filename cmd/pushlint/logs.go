package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/logs"
	"github.com/pushlint/pushlint/internal/jsonappend"
	"github.com/pushlint/pushlint/internal/termsafe"
	"github.com/pushlint/pushlint/internal/wallclock"
)

type logsCmd struct {
	components []string
	level      string
	since      string
	until      string
	grep       string
	machine    string
	format     string
	progress   progressFlags
}

func newLogsCmd() *cobra.Command {
	c := &logsCmd{}
	cmd := &cobra.Command{
		Use:   "logs FILE|DIR...",
		Short: "Show the entries of SMS/ConfigMgr logs as pushlint reads them, with filters",
		Long: `Reads log files and folders (walked recursively; X.lo_ is read before X.log) the way 'pushlint check'
does: the format (CMTrace, SMS server log, Trace32 copy, MSI verbose log, plain text) and the encoding
are detected per file from its content. Each entry shows its file:line, time, level, component, thread
and message. The time is the wall clock CMTrace shows for the line, the zone its timezone bias implies and
the same instant in UTC ("2015-06-07 13:11:09.448 UTC+10 (03:11:09Z)"); a log without a bias (text copied
out of Trace32, MSI logs) gives its writer's wall clock, "(local time, zone unknown)". --format json gives
"time" in UTC with a Z, or without the Z for a wall clock of unknown zone, and the raw "bias".

--since and --until take RFC 3339 with a zone (2015-06-07T03:00:00Z, an instant) or a time without one
(2015-06-07T13:00:00, 2015-06-07 13:00, or a date), which is meant in each log's own local time, as its lines
show it.

Levels: CMTrace logs record one; for the other formats the level shown is the one CMTrace would highlight
(a message with "error", "fail" or "Return value 3" is an error, one with "warn" a warning).`,
		Example: `  pushlint logs SMS/Logs/ccm.log --level warning
  pushlint logs collected/ --machine PC042 --since 2026-11-24
  pushlint logs ccmsetup.log --grep '0x8019019[0-9]' --format json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			return c.run(ctx, cmd.OutOrStdout(), cmd.ErrOrStderr(), args)
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&c.components, "component", nil, "only entries of these components (case-insensitive; repeatable or comma-separated)")
	f.StringVar(&c.level, "level", "", "only entries at this level or above: error | warning | info")
	f.StringVar(&c.since, "since", "", "only entries at or after this time: RFC 3339, or without a zone (YYYY-MM-DD[ HH:MM[:SS]]) in the log's local time")
	f.StringVar(&c.until, "until", "", "only entries before this time: RFC 3339, or without a zone in the log's local time; a date alone means up to its end")
	f.StringVar(&c.grep, "grep", "", "only entries whose message matches this regular expression (RE2 syntax)")
	f.StringVar(&c.machine, "machine", "", "only entries whose message names this machine (case-insensitive, whole name)")
	f.StringVar(&c.format, "format", "text", "text | json")
	c.progress.register(cmd)
	return cmd
}

func (c *logsCmd) run(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	filter, err := c.filter()
	if err != nil {
		return err
	}
	if c.format != "text" && c.format != "json" {
		return usageError("--format %q: expected text or json", c.format)
	}
	mode, err := c.progress.mode(isTerminal(stderr))
	if err != nil {
		return err
	}
	col, err := logs.Collect(args)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	if !c.progress.force && isTerminal(stdout) {
		mode.on = false // the entries would scroll over the line
	}
	found := 0
	for _, s := range col.Streams {
		found += len(s.Files)
	}
	var read atomic.Int64
	opts := logs.Options{Progress: func(n int64) { read.Add(n) }}
	progress := startProgress(stderr, mode, func() progressState {
		return progressState{stage: facts.StageLogs, files: found, size: col.Bytes(), read: read.Load()}
	})
	defer progress.stop()
	stderr = progress.writer(stderr)
	out := bufio.NewWriterSize(stdout, 64<<10)
	var w entryWriter
	if c.format == "json" {
		w = &jsonEntries{w: out}
	} else {
		w = &textEntries{w: out, color: isTerminal(stdout) && os.Getenv("NO_COLOR") == ""}
	}
	if err := w.begin(); err != nil {
		return err
	}
	files, err := logs.Read(ctx, col.Streams, opts, func(e logs.Entry) error {
		if !filter.match(e) {
			return nil
		}
		return w.entry(e)
	})
	progress.stop()
	if err != nil {
		out.Flush()
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	if err := w.end(files, col.Skipped); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("writing entries: %w", err)
	}
	if c.format == "text" {
		writeNotes(stderr, files, col.Skipped)
	}
	return nil
}

// entryFilter is the conjunction of the command's filters.
type entryFilter struct {
	components   map[string]bool
	level        logs.Level
	since, until when
	grep         *regexp.Regexp
	machine      *regexp.Regexp
}

func (c *logsCmd) filter() (entryFilter, error) {
	var f entryFilter
	if len(c.components) > 0 {
		f.components = map[string]bool{}
		for _, comp := range c.components {
			f.components[strings.ToLower(strings.TrimSpace(comp))] = true
		}
	}
	switch c.level {
	case "":
	case "error":
		f.level = logs.LevelError
	case "warning":
		f.level = logs.LevelWarning
	case "info":
		f.level = logs.LevelInfo
	default:
		return f, usageError("--level %q: expected error, warning or info", c.level)
	}
	var err error
	if c.since != "" {
		if f.since, err = parseWhen(c.since, false); err != nil {
			return f, usageError("--since %q: %v", c.since, err)
		}
	}
	if c.until != "" {
		if f.until, err = parseWhen(c.until, true); err != nil {
			return f, usageError("--until %q: %v", c.until, err)
		}
	}
	if c.grep != "" {
		if f.grep, err = regexp.Compile(c.grep); err != nil {
			return f, usageError("--grep: %v", err)
		}
	}
	if name := strings.TrimSpace(c.machine); name != "" {
		// A machine name is letters, digits and hyphens; anything else (\\, ., ", space, $) ends it, so
		// PC042 matches \\PC042\admin$ and PC042.corp.example but not PC0421 or PC042-OLD.
		f.machine = regexp.MustCompile(`(?i)(?:^|[^A-Za-z0-9_-])` + regexp.QuoteMeta(name) + `(?:$|[^A-Za-z0-9_-])`)
	}
	return f, nil
}

// when is a --since or --until: an instant (RFC 3339 with a zone), or a wall-clock time without a zone,
// meant in each log's own local time.
type when struct {
	t     time.Time // the instant in UTC, or the wall clock labelled UTC
	local bool
}

func (w when) set() bool { return !w.t.IsZero() }

// wallLayouts are the times without a zone --since and --until take.
var wallLayouts = []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"}

// parseWhen reads RFC 3339 or a time without a zone; a date alone as the end of a range means up to the end
// of that day.
func parseWhen(s string, endOfDay bool) (when, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return when{t: t.UTC()}, nil
	}
	for _, layout := range wallLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return when{t: t, local: true}, nil
		}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return when{}, fmt.Errorf("expected RFC 3339 (2026-11-25T08:00:00Z), or a time in the log's local time (2026-11-25T08:00, 2026-11-25)")
	}
	if endOfDay {
		t = t.AddDate(0, 0, 1)
	}
	return when{t: t, local: true}, nil
}

// clockOf is the entry's time on the clock w is on: its wall clock, as the log shows it, for a time without
// a zone; its instant for RFC 3339. A time of unknown zone is its wall clock either way: compared with an
// instant as if it were UTC, the best there is for pasted text.
func (w when) clockOf(e logs.Entry) time.Time {
	if w.local && e.TimeZoneKnown {
		off, _ := e.UTCOffset()
		return e.Time.Add(time.Duration(off) * time.Minute)
	}
	return e.Time
}

// match applies the filters. Entries without a time never pass a time filter.
func (f entryFilter) match(e logs.Entry) bool {
	if f.components != nil && !f.components[strings.ToLower(e.Component)] {
		return false
	}
	if f.level != logs.LevelUnknown && e.DisplayLevel() < f.level {
		return false
	}
	if f.since.set() && (!e.HasTime || f.since.clockOf(e).Before(f.since.t)) {
		return false
	}
	if f.until.set() && (!e.HasTime || !f.until.clockOf(e).Before(f.until.t)) {
		return false
	}
	if f.grep != nil && !f.grep.MatchString(e.Message) {
		return false
	}
	if f.machine != nil && !f.machine.MatchString(e.Message) {
		return false
	}
	return true
}

type entryWriter interface {
	begin() error
	entry(logs.Entry) error
	end(files []logs.LogFile, skipped []logs.Skipped) error
}

// formatTime shows a UTC time with its Z, and a wall clock of unknown zone without one (ISO 8601 local
// time), so the two cannot be confused.
func formatTime(e logs.Entry) string {
	switch {
	case !e.HasTime:
		return ""
	case e.TimeZoneKnown:
		return e.Time.Format("2006-01-02T15:04:05.000Z")
	}
	return e.Time.Format("2006-01-02T15:04:05.000")
}

// textEntries writes one line per entry, CMTrace's columns in a terminal; continuation lines of a
// multi-line message are indented.
type textEntries struct {
	w     *bufio.Writer
	color bool
}

func (t *textEntries) begin() error { return nil }

// textTime shows an entry's time as CMTrace does, with the zone its bias implies and UTC, or its wall
// clock of unknown zone (internal/wallclock).
func textTime(e logs.Entry) string {
	switch off, ok := e.UTCOffset(); {
	case !e.HasTime:
		return "-"
	case e.TimeZoneKnown && ok:
		return wallclock.Log(e.Time, off, true)
	}
	return wallclock.Wall(e.Time, true)
}

func (t *textEntries) entry(e logs.Entry) error {
	when := textTime(e)
	level := e.DisplayLevel()
	thread := "-"
	if e.Thread != 0 {
		thread = fmt.Sprint(e.Thread)
	}
	component := termsafe.Line(e.Component)
	if component == "" {
		component = "-"
	}
	// Log text goes to a terminal: escape sequences and carriage returns in it are shown, not obeyed.
	msg := strings.ReplaceAll(termsafe.Text(e.Message), "\n", "\n        ")
	line := fmt.Sprintf("%s:%d  %-42s %-7s %-25s %6s  %s", termsafe.Line(e.File), e.Line, when, level, component, thread, msg)
	if t.color {
		switch level {
		case logs.LevelError:
			line = "\x1b[31m" + line + "\x1b[0m"
		case logs.LevelWarning:
			line = "\x1b[33m" + line + "\x1b[0m"
		}
	}
	_, err := t.w.WriteString(line + "\n")
	return err
}

func (t *textEntries) end([]logs.LogFile, []logs.Skipped) error { return nil }

// writeNotes tells, on stderr, which files were skipped and which had lines outside their format.
func writeNotes(w io.Writer, files []logs.LogFile, skipped []logs.Skipped) {
	for _, s := range skipped {
		fmt.Fprintf(w, "pushlint: skipped %s: %s\n", termsafe.Line(s.Path), termsafe.Line(s.Reason))
	}
	for _, f := range files {
		if f.Unparsed > 0 {
			fmt.Fprintf(w, "pushlint: %s: %d line(s) outside the records of its format (%s)\n", termsafe.Line(f.Path), f.Unparsed, f.Format)
		}
		for _, warning := range f.Warnings {
			fmt.Fprintf(w, "pushlint: %s: %s\n", termsafe.Line(f.Path), termsafe.Line(warning))
		}
	}
}

// jsonEntries streams {"entries": [...], "files": [...], "skipped": [...]} without holding the entries. Each
// entry is appended to a buffer used over and over: a log of millions of lines is written at the speed it
// is read, and exactly as encoding/json writes entryJSON.
type jsonEntries struct {
	w     *bufio.Writer
	count int
	buf   []byte
}

// entryJSON is the shape of one entry in the JSON output (docs/cli.md); appendEntry writes it.
type entryJSON struct {
	File          string `json:"file"`
	Line          int    `json:"line"`
	EndLine       int    `json:"end_line"`
	Format        string `json:"format"`
	Time          string `json:"time,omitempty"`
	TimeZoneKnown bool   `json:"time_zone_known"`
	Bias          string `json:"bias,omitempty"`
	Component     string `json:"component,omitempty"`
	Level         string `json:"level,omitempty"`
	DisplayLevel  string `json:"display_level"`
	Thread        int    `json:"thread,omitempty"`
	Message       string `json:"message"`
}

func (j *jsonEntries) begin() error {
	_, err := j.w.WriteString("{\n  \"entries\": [")
	return err
}

func (j *jsonEntries) entry(e logs.Entry) error {
	b := j.buf[:0]
	if j.count == 0 {
		b = append(b, "\n    "...)
	} else {
		b = append(b, ",\n    "...)
	}
	j.count++
	j.buf = appendEntry(b, e)
	_, err := j.w.Write(j.buf)
	return err
}

// appendEntry appends e as entryJSON.
func appendEntry(b []byte, e logs.Entry) []byte {
	b = append(b, '{')
	b = jsonappend.Key(b, "file")
	b = jsonappend.String(b, e.File)
	b = append(b, ',')
	b = jsonappend.Key(b, "line")
	b = jsonappend.Int(b, int64(e.Line))
	b = append(b, ',')
	b = jsonappend.Key(b, "end_line")
	b = jsonappend.Int(b, int64(e.EndLine))
	b = append(b, ',')
	b = jsonappend.Key(b, "format")
	b = jsonappend.String(b, string(e.Format))
	if e.HasTime {
		b = append(b, ',')
		b = jsonappend.Key(b, "time")
		b = append(b, '"')
		b = jsonappend.Millis(b, e.Time, e.TimeZoneKnown)
		b = append(b, '"')
	}
	b = append(b, ',')
	b = jsonappend.Key(b, "time_zone_known")
	b = jsonappend.Bool(b, e.TimeZoneKnown)
	if e.Bias != "" {
		b = append(b, ',')
		b = jsonappend.Key(b, "bias")
		b = jsonappend.String(b, e.Bias)
	}
	if e.Component != "" {
		b = append(b, ',')
		b = jsonappend.Key(b, "component")
		b = jsonappend.String(b, e.Component)
	}
	if l := e.Level.String(); l != "" {
		b = append(b, ',')
		b = jsonappend.Key(b, "level")
		b = jsonappend.String(b, l)
	}
	b = append(b, ',')
	b = jsonappend.Key(b, "display_level")
	b = jsonappend.String(b, e.DisplayLevel().String())
	if e.Thread != 0 {
		b = append(b, ',')
		b = jsonappend.Key(b, "thread")
		b = jsonappend.Int(b, int64(e.Thread))
	}
	b = append(b, ',')
	b = jsonappend.Key(b, "message")
	b = jsonappend.String(b, e.Message)
	return append(b, '}')
}

func (j *jsonEntries) end(files []logs.LogFile, skipped []logs.Skipped) error {
	if files == nil {
		files = []logs.LogFile{}
	}
	if skipped == nil {
		skipped = []logs.Skipped{}
	}
	fb, err := json.MarshalIndent(files, "  ", "  ")
	if err != nil {
		return err
	}
	sb, err := json.MarshalIndent(skipped, "  ", "  ")
	if err != nil {
		return err
	}
	closing := "\n  ],\n"
	if j.count == 0 {
		closing = "],\n"
	}
	_, err = fmt.Fprintf(j.w, "%s  \"files\": %s,\n  \"skipped\": %s\n}\n", closing, fb, sb)
	return err
}
