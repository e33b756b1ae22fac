// Package facts assembles everything pushlint reads about the world (the site description and, through its
// sub-packages, logs, client exports and inboxes) into one normalized JSON document: the `input` that every
// policy sees. The document is versioned and described by the JSON Schema in schema/input.schema.json.
package facts

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/pushlint/pushlint/facts/correlate"
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
}

// Inputs records what was read, so a report can say what its evidence covers.
type Inputs struct {
	SiteDescription string `json:"site_description"`

	Logs       []string `json:"logs"`       // --logs paths, as given
	Signatures []string `json:"signatures"` // --signatures files, as given
}

// Sources names the inputs of one run.
type Sources struct {
	SiteFile string    // site.yaml; may be empty
	Now      time.Time // the run's "current time"

	LogPaths       []string  // log files or folders (--logs)
	SignatureFiles []string  // user signature files laid over the built-in ones, in order (--signatures)
	LogReader      LogReader // nil: DefaultLogReader
}

// Build reads every source and assembles the document. Errors name the file, line and column.
func Build(src Sources) (*Document, error) {
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
	}
	doc.Inputs.Logs, doc.Inputs.Signatures = []string{}, []string{}
	if src.SiteFile != "" {
		desc, err := site.LoadFile(src.SiteFile)
		if err != nil {
			return nil, err
		}
		doc.Inputs.SiteDescription = src.SiteFile
		doc.Environment = desc.Environment
		doc.Sites = desc.Sites
	}
	if err := addLogs(doc, src); err != nil {
		return nil, err
	}
	return doc, nil
}

// Value returns the document as generic JSON values (maps, slices, json.Number), the shape OPA evaluates.
func (d *Document) Value() (any, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encoding input document: %w", err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("decoding input document: %w", err)
	}
	return v, nil
}
