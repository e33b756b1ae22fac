package timeline

import (
	"path/filepath"

	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/machine"
	"github.com/pushlint/pushlint/finding"
)

// index groups the document and the findings by machine once, so that the timelines of an export of
// thousands of machines cost one pass over the inputs and not one pass per machine.
type index struct {
	doc *facts.Document

	events map[string][]int // machine → events about it (named on the line, or in its client log folder)
	// named counts the events that name each machine, by type, also those not kept in the document
	// (machines[].event_counts), so that a stage's evidence is counted whole.
	named   map[string]map[string]int
	clients map[string][]int // machine → export rows
	ccr     map[string][]int // machine → CCR files

	serverLogs  []facts.LogFile            // logs that speak of every machine
	clientLogs  map[string][]facts.LogFile // machine → client logs in a folder named after it
	logMachine  map[string]string          // client log file → machine of its folder
	findingsOf  map[string][]int           // machine → findings whose subject is it
	findingsAt  map[Source][]int           // line → findings that point at or quote it
	findingsFor map[string][]int           // file → findings whose subject is the file
	findings    []finding.Finding
}

// clientLogMachine is the machine a client log belongs to: client logs carry no machine name, so a
// client's logs are those collected into a folder named after it. Rules PL207-PL209 compare a client's
// logs by that same folder.
func clientLogMachine(l facts.LogFile) string {
	if l.Side != "client" {
		return ""
	}
	return machine.Key(filepath.Base(l.Dir))
}

func newIndex(doc *facts.Document, findings []finding.Finding) *index {
	ix := &index{
		doc: doc, findings: findings,
		events: map[string][]int{}, clients: map[string][]int{}, ccr: map[string][]int{}, named: map[string]map[string]int{},
		clientLogs: map[string][]facts.LogFile{}, logMachine: map[string]string{},
		findingsOf: map[string][]int{}, findingsAt: map[Source][]int{}, findingsFor: map[string][]int{},
	}
	for _, l := range doc.Logs {
		if l.Side == "client" {
			if m := clientLogMachine(l); m != "" {
				ix.clientLogs[m] = append(ix.clientLogs[m], l)
				ix.logMachine[l.File] = m
			}
			continue
		}
		ix.serverLogs = append(ix.serverLogs, l)
	}
	for _, m := range doc.Machines {
		key := machine.Key(m.Name)
		if ix.named[key] == nil {
			ix.named[key] = map[string]int{}
		}
		for typ, n := range m.EventCounts {
			ix.named[key][typ] += n
		}
	}
	// A line may name the machine by its ResourceID only (Smsprov.log's CCR creation: the SMS Provider's
	// CreateCCR takes a ResourceID); the client export ties the ID to a name.
	byResource := map[int64]string{}
	for _, c := range doc.Clients {
		if m := machine.Key(c.Machine); m != "" && c.ResourceID != nil {
			byResource[*c.ResourceID] = m
		}
	}
	for i, e := range doc.Events {
		m := machine.Key(e.Machine)
		if m == "" {
			m = ix.logMachine[e.File]
		}
		if id, ok := intField(e.Fields["resource_id"]); m == "" && ok {
			m = byResource[id]
		}
		if m != "" {
			ix.events[m] = append(ix.events[m], i)
		}
	}
	for i, c := range doc.Clients {
		if m := machine.Key(c.Machine); m != "" {
			ix.clients[m] = append(ix.clients[m], i)
		}
	}
	for i, f := range doc.CCRFiles {
		if m := machine.Key(f.Machine); m != "" {
			ix.ccr[m] = append(ix.ccr[m], i)
		}
	}
	for i, f := range findings {
		switch f.Subject.Kind {
		case "machine":
			m := machine.Key(f.Subject.ID)
			ix.findingsOf[m] = append(ix.findingsOf[m], i)
		case "file":
			ix.findingsFor[f.Subject.ID] = append(ix.findingsFor[f.Subject.ID], i)
		}
		seen := map[Source]bool{}
		for _, l := range findingLines(f) {
			if !seen[l] {
				seen[l] = true
				ix.findingsAt[l] = append(ix.findingsAt[l], i)
			}
		}
	}
	return ix
}

// mentions says whether any input is about the machine: a log line names it, an export row or a CCR file
// is for it, or a client log is in a folder named after it.
func (ix *index) mentions(key string) bool {
	return len(ix.events[key]) > 0 || len(ix.clients[key]) > 0 || len(ix.ccr[key]) > 0 || len(ix.clientLogs[key]) > 0
}
