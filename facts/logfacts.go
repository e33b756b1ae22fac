package facts

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/pushlint/pushlint/facts/correlate"
	"github.com/pushlint/pushlint/facts/logs"
	"github.com/pushlint/pushlint/facts/signatures"
)

// LogReader streams the entries of every log under paths (files, or folders walked recursively) in reading
// order: file after file, a rolled-over X.lo_ before its X.log, entries in file order. It stops at the first
// error fn returns, and when ctx is done. It returns notes about what did not stop the run (files skipped,
// lines cut, a timezone bias that changed), each starting with the file it is about.
// prepare, when not nil, gives each reading goroutine a function to call on every entry before fn sees it.
type LogReader func(ctx context.Context, paths []string, prepare func() func(*logs.Entry), fn func(logs.Entry) error) ([]string, error)

// DefaultLogReader reads the logs when Sources.LogReader is nil: facts/logs finds them under the paths
// (folders walked, X.lo_ paired with X.log) and parses every format it knows, streaming.
var DefaultLogReader LogReader = func(ctx context.Context, paths []string, prepare func() func(*logs.Entry), fn func(logs.Entry) error) ([]string, error) {
	col, err := logs.Collect(paths)
	if err != nil {
		return nil, err
	}
	progress := progressOf(ctx)
	if progress.LogsFound != nil {
		files := 0
		for _, s := range col.Streams {
			files += len(s.Files)
		}
		progress.LogsFound(files, col.Bytes())
	}
	var notes []string
	for _, s := range col.Skipped {
		notes = append(notes, fmt.Sprintf("%s: skipped: %s", s.Path, s.Reason))
	}
	files, err := logs.Read(ctx, col.Streams, logs.Options{Progress: progress.Read, Prepare: prepare}, fn)
	for _, f := range files {
		for _, w := range f.Warnings {
			notes = append(notes, fmt.Sprintf("%s: %s", f.Path, w))
		}
		if f.BiasChanged() {
			notes = append(notes, fmt.Sprintf("%s: the timezone bias changes within the file (%s): a daylight-saving switch; times are converted with the bias of each line",
				f.Path, strings.Join(f.Biases, ", ")))
		}
	}
	return notes, err
}

// BuiltinSignatures is where the signatures that ship with the policies live inside the policy tree; the
// engine sees the same file as data.pushlint.signatures.
const BuiltinSignatures = "pushlint/signatures/data.yaml"

// LogFile summarizes one log file: what kind of log it is and how far back its evidence reaches.
type LogFile struct {
	File         string `json:"file"`
	Dir          string `json:"dir"`  // the client's folder: logs collected from one client share it (see collectionFolder)
	Kind         string `json:"kind"` // a kind of the signature files (ccm, ccmsetup, ...); "" when not recognized
	Side         string `json:"side"` // server | client | ""
	Format       string `json:"format"`
	Entries      int    `json:"entries"`
	Events       int    `json:"events"`
	HasTime      bool   `json:"has_time"`    // false when no entry carries a time
	LocalTimes   bool   `json:"local_times"` // some times are the writer's wall clock, zone unknown
	FirstTime    string `json:"first_time"`  // earliest entry time: how far back the evidence reaches
	FirstSeconds int64  `json:"first_seconds"`
	FirstOffset  int    `json:"first_utc_offset_minutes"` // local time minus UTC of that entry (600: UTC+10)
	LastTime     string `json:"last_time"`
	LastSeconds  int64  `json:"last_seconds"`
	LastOffset   int    `json:"last_utc_offset_minutes"`

	// EventTypes are the file's events by type: how many the signatures found, and where those kept are in
	// the document's events. Policies that judge a file read its events through it.
	EventTypes map[string]EventType `json:"event_types"`

	counts map[string]int
}

// IsLog tells a log from a text file that was read only because of its name (notes.txt, or a web server's
// access log saved as ccm.log): a log has the format of one, or a line that a signature knows (the
// message-only excerpts of KB articles, ExtADSch.log). It is the one test of "this is a log": the input
// document lists only logs, and a run whose --logs hold none has nothing to check.
func (l LogFile) IsLog() bool {
	return l.Format != string(logs.FormatPlain) || l.Events > 0
}

// EventType is how many events of one type a file showed, and where those kept are in the document's events
// (all of them, unless the file has very many that name no machine: see correlate.Limits).
type EventType struct {
	Events int   `json:"events"`
	Index  []int `json:"index"`
}

// windowsFolders are the folders a client's logs live in on the client itself. Logs are often collected
// with them (PC042\ccmsetup\ccmsetup.log, PC042\Windows\System32\CCM\Logs\CcmExec.log), so they say
// nothing about which client the logs came from.
var windowsFolders = map[string]bool{
	"ccmsetup": true, "logs": true, "ccm": true, "system32": true, "syswow64": true, "windows": true,
	"winnt": true, "c$": true, "admin$": true, "temp": true,
}

// collectionFolder is the folder a log was collected into: its own folder, or, when that is one of the
// Windows folders client logs live in, the nearest folder above them. One client's logs share it, which is
// how client logs, which name no machine, are told apart ("one folder per client").
func collectionFolder(file string) string {
	dir := filepath.Dir(file)
	for windowsFolders[strings.ToLower(filepath.Base(dir))] {
		parent := filepath.Dir(dir)
		if parent == dir || parent == "." || parent == string(filepath.Separator) {
			break
		}
		dir = parent
	}
	return dir
}

// LoadSignatures reads the built-in signatures from the policy tree and lays each user file over them, in
// order.
func LoadSignatures(policies fs.FS, files []string) (*signatures.Matcher, error) {
	if policies == nil {
		return nil, fmt.Errorf("reading log signatures: no policy tree to take the built-in signatures from")
	}
	set, err := signatures.ParseFS(policies, BuiltinSignatures, "policies/"+BuiltinSignatures)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		user, err := signatures.LoadFile(f)
		if err != nil {
			return nil, err
		}
		set.Merge(user)
	}
	return signatures.Compile(set)
}

// addLogs reads the logs, matches every entry against the signatures and correlates the events. It keeps
// events and per-file counters, never the entries.
func addLogs(ctx context.Context, doc *Document, src Sources) error {
	if len(src.LogPaths) == 0 && len(src.SignatureFiles) == 0 {
		return nil
	}
	m, err := LoadSignatures(src.Policies, src.SignatureFiles)
	if err != nil {
		return err
	}
	doc.Inputs.Logs = append([]string{}, src.LogPaths...)
	doc.Inputs.Signatures = append([]string{}, src.SignatureFiles...)
	doc.Inputs.UnconfirmedEventTypes = m.UnconfirmedTypes()
	if len(src.LogPaths) == 0 {
		return nil
	}
	read := src.LogReader
	if read == nil {
		read = DefaultLogReader
	}
	files := map[string]*LogFile{}
	streams := map[string]*signatures.Stream{}
	var order []string
	cor := correlate.New(src.Limits)
	var matched []signatures.Event
	seq := 0
	src.stage(StageLogs)
	// The signatures' matching of a message needs no other entry: it runs on every core that reads.
	prepare := func() func(*logs.Entry) { return m.NewPreparer().Prepare }
	doc.Inputs.LogNotes, err = read(ctx, src.LogPaths, prepare, func(e logs.Entry) error {
		lf := files[e.File]
		if lf == nil {
			lf = &LogFile{File: e.File, Dir: collectionFolder(e.File), Format: string(e.Format), counts: map[string]int{}}
			files[e.File] = lf
			order = append(order, e.File)
		}
		lf.Entries++
		if e.HasTime {
			// Threads write lines slightly out of time order: the span is the earliest and latest time.
			t, sec := signatures.FormatTime(e.Time, e.TimeZoneKnown), e.Time.Unix()
			off, _ := e.UTCOffset()
			if !e.TimeZoneKnown {
				off = 0
			}
			if !lf.HasTime || sec < lf.FirstSeconds {
				lf.FirstTime, lf.FirstSeconds, lf.FirstOffset = t, sec, off
			}
			if !lf.HasTime || sec > lf.LastSeconds {
				lf.LastTime, lf.LastSeconds, lf.LastOffset = t, sec, off
			}
			lf.HasTime = true
			lf.LocalTimes = lf.LocalTimes || !e.TimeZoneKnown
		}
		key := correlate.Stream(e.File)
		s := streams[key]
		if s == nil {
			s = m.NewStream(e.File)
			streams[key] = s
		}
		matched = s.Match(matched[:0], e)
		for _, ev := range matched {
			ev.Seq = seq
			seq++
			lf.Events++
			lf.counts[ev.Type]++
			cor.Add(ev)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading logs: %w", err)
	}
	src.stage(StageCorrelate)
	events, machines := cor.Finish()
	// A file's kind may be decided only by an entry after the first events (a renamed log whose first lines
	// carry no component); the final kind is the one that counts.
	index := make(map[string]int, len(order))
	for _, f := range order {
		lf := files[f]
		if !lf.IsLog() {
			// Named like a log (a web server's access log saved as ccm.log), it must not count as one: a
			// Ccm.log that shows nothing would be taken for evidence that nothing happened.
			doc.Inputs.LogNotes = append(doc.Inputs.LogNotes, fmt.Sprintf("%s: skipped: not a log: no line in a log format pushlint reads (CMTrace, SMS server log, Trace32 copy, Windows Installer log) and no line a log signature knows", f))
			continue
		}
		lf.Kind = streams[correlate.Stream(f)].Kind()
		_, lf.Side = m.KindInfo(lf.Kind)
		lf.EventTypes = make(map[string]EventType, len(lf.counts))
		for t, n := range lf.counts {
			lf.EventTypes[t] = EventType{Events: n, Index: []int{}}
		}
		index[f] = len(doc.Logs)
		doc.Logs = append(doc.Logs, *lf)
	}
	for i := range events {
		lf := &doc.Logs[index[events[i].File]]
		events[i].LogKind = lf.Kind
		t := lf.EventTypes[events[i].Type]
		t.Index = append(t.Index, i)
		lf.EventTypes[events[i].Type] = t
	}
	doc.Machines = machines
	doc.Events = events
	return nil
}

// LogEntries is how many log entries were read, over every file.
func (d *Document) LogEntries() int {
	n := 0
	for _, l := range d.Logs {
		n += l.Entries
	}
	return n
}
