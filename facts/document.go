// Package facts assembles everything pushlint reads about the world (the site description and, through its
// sub-packages, logs, client exports and inboxes) into one normalized JSON document: the `input` that every
// policy sees. The document is versioned and described by the JSON Schema in schema/input.schema.json.
package facts

import (
	"context"
	_ "embed"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/pushlint/pushlint/facts/clients"
	"github.com/pushlint/pushlint/facts/correlate"
	"github.com/pushlint/pushlint/facts/inboxes"
	"github.com/pushlint/pushlint/facts/signatures"
	"github.com/pushlint/pushlint/facts/site"
	"github.com/pushlint/pushlint/facts/waivers"
)

// DocumentVersion is the version of the input document's format; it changes only with the schema.
const DocumentVersion = 1

// InputSchema is the JSON Schema of Document. The engine registers it with the Rego compiler so that a rule
// reading a field that does not exist fails to compile.
//
//go:embed schema/input.schema.json
var InputSchema []byte

// SiteSchema is the JSON Schema of site.yaml, for editors (yaml-language-server) and `pushlint schema`.
//
//go:embed schema/site.schema.json
var SiteSchema []byte

// Document is the normalized input document.
type Document struct {
	Version     int              `json:"version"`
	Now         string           `json:"now"`
	NowSeconds  int64            `json:"now_seconds"`
	Inputs      Inputs           `json:"inputs"`
	Environment site.Environment `json:"environment"`
	Sites       []site.Site      `json:"sites"`

	// What the logs say (--logs): a summary per file, the events the signatures found in reading order, and
	// per machine pushed to, what those events add up to.
	Logs     []LogFile           `json:"logs"`
	Events   []signatures.Event  `json:"events"`
	Machines []correlate.Machine `json:"machines"`

	// Waivers are the --waivers entries; `pushlint check` resolves their rule ids before evaluating.
	Waivers []waivers.Waiver `json:"waivers"`

	Clients  []clients.Client  `json:"clients"`   // --clients: one record per discovered system
	CCRFiles []inboxes.CCRFile `json:"ccr_files"` // --inboxes: one record per CCR file in a queue
}

// Inputs records what was read, so a report can say what its evidence covers.
type Inputs struct {
	SiteDescription string `json:"site_description"`

	Logs       []string `json:"logs"`       // --logs paths, as given
	Signatures []string `json:"signatures"` // --signatures files, as given
	// UnconfirmedEventTypes are the event types that only unconfirmed signatures yield (after --signatures).
	UnconfirmedEventTypes []string `json:"unconfirmed_event_types"`
	LogNotes              []string `json:"-"` // files skipped and reader warnings, for the user (not for policies)

	Clients clients.Source `json:"clients"`
	Inboxes inboxes.Source `json:"inboxes"`
}

// Sources names the inputs of one run.
type Sources struct {
	SiteFile string    // site.yaml; may be empty
	Now      time.Time // the run's "current time"

	// Policies is the built-in policy tree (the CLI passes the embedded one): the built-in log signatures are
	// data beside the rules that read their events.
	Policies fs.FS

	LogPaths       []string          // log files or folders (--logs)
	SignatureFiles []string          // user signature files laid over the built-in ones, in order (--signatures)
	LogReader      LogReader         // nil: DefaultLogReader
	Stage          func(name string) // called as each stage of Build starts (StageSite, StageLogs, ...)
	Limits         correlate.Limits  // what is kept of the events; zero: correlate.DefaultLimits

	ClientsFile string // client/collection export (--clients); may be empty
	ClientsSite string // the site whose console the export was taken from (--clients-site); may be empty
	// ClientsDateOrder is how the export writes dates such as 03/04/2008: dmy or mdy (--date-order); "" decides
	// from the file.
	ClientsDateOrder string
	InboxesDir       string // an SMS\Inboxes folder (--inboxes); may be empty
}

// Stages of Build, as Sources.Stage hears of them.
const (
	StageSite      = "reading the site description"
	StageLogs      = "reading the logs"
	StageCorrelate = "correlating the log events"
	StageClients   = "reading the client export"
	StageInboxes   = "reading the inboxes"
)

func (src Sources) stage(name string) {
	if src.Stage != nil {
		src.Stage(name)
	}
}

// Build reads every source and assembles the document. Errors name the file, line and column.
func Build(src Sources) (*Document, error) { return BuildContext(context.Background(), src) }

// BuildContext is Build that stops reading the logs when ctx is done. Reading reports what it found and read to
// the Progress WithProgress put in ctx.
func BuildContext(ctx context.Context, src Sources) (*Document, error) {
	now := src.Now.UTC()
	doc := &Document{
		Version:     DocumentVersion,
		Now:         now.Format(time.RFC3339),
		NowSeconds:  now.Unix(),
		Environment: site.Environment{Directory: "active_directory", ForestTrusted: true, KeyLocations: site.KeyLocations{}},
		Sites:       []site.Site{},
		Logs:        []LogFile{},
		Events:      []signatures.Event{},
		Machines:    []correlate.Machine{},
		Waivers:     []waivers.Waiver{},
		Clients:     []clients.Client{},
		CCRFiles:    []inboxes.CCRFile{},
	}
	doc.Inputs.Logs, doc.Inputs.Signatures, doc.Inputs.UnconfirmedEventTypes = []string{}, []string{}, []string{}
	doc.Inputs.Clients = clients.NoSource()
	doc.Inputs.Inboxes = inboxes.NoSource()
	if src.SiteFile != "" {
		src.stage(StageSite)
		desc, err := site.LoadFile(src.SiteFile)
		if err != nil {
			return nil, err
		}
		doc.Inputs.SiteDescription = src.SiteFile
		doc.Environment = desc.Environment
		doc.Sites = desc.Sites
	}
	if err := addLogs(ctx, doc, src); err != nil {
		return nil, err
	}
	if src.ClientsFile != "" {
		src.stage(StageClients)
		exp, err := clients.LoadFile(src.ClientsFile, clients.Options{DateOrder: src.ClientsDateOrder})
		if err != nil {
			return nil, err
		}
		doc.Clients = exp.Clients
		doc.Inputs.Clients = exp.Source
		doc.Inputs.Clients.ViewedSite = src.ClientsSite
	}
	if src.InboxesDir != "" {
		src.stage(StageInboxes)
		in, err := inboxes.Load(src.InboxesDir, now)
		if err != nil {
			return nil, err
		}
		doc.CCRFiles = in.Files
		doc.Inputs.Inboxes = in.Source
	}
	return doc, nil
}

// Notes are warnings about the inputs that did not stop the run (columns not understood, files skipped),
// each starting with the file it is about. A file of an inbox queue is the inbox reader's to speak for: when
// --logs also walks the Inboxes folder, the log reader's notes about the same files ("not a regular file",
// "no log records recognised" for every request) would say it twice.
func (d *Document) Notes() []string {
	var notes []string
	queues := map[string]bool{}
	for _, f := range d.Inputs.Inboxes.Folders {
		if abs, err := filepath.Abs(f.Path); err == nil {
			queues[abs] = true
		}
	}
	for _, n := range d.Inputs.LogNotes {
		if len(queues) > 0 && queues[noteFolder(n)] {
			continue
		}
		notes = append(notes, n)
	}
	notes = append(notes, d.Inputs.Clients.Notes...)
	notes = append(notes, d.Inputs.Inboxes.Notes...)
	return notes
}

// noteFolder is the folder, as an absolute path, of the file a note is about ("file: what"); "" when the
// note names none.
func noteFolder(note string) string {
	file, _, ok := strings.Cut(note, ": ")
	if !ok {
		return ""
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	return filepath.Dir(abs)
}

// Progress is what reading the logs tells a progress display, as it goes.
type Progress struct {
	// LogsFound is called once with how many log files were found under the paths and their size in bytes,
	// before any is read (the display's 100%).
	LogsFound func(files int, bytes int64)
	// Read is called with the number of bytes read, as they are, from several goroutines at once.
	Read func(n int64)
}

type progressKey struct{}

// WithProgress returns a context in which reading the logs reports to p; a nil function is not called.
func WithProgress(ctx context.Context, p Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

func progressOf(ctx context.Context) Progress {
	p, _ := ctx.Value(progressKey{}).(Progress)
	return p
}
