package facts

import (
	"iter"
	"sort"

	"github.com/pushlint/pushlint/facts/clients"
	"github.com/pushlint/pushlint/facts/correlate"
	"github.com/pushlint/pushlint/facts/inboxes"
	"github.com/pushlint/pushlint/facts/machine"
	"github.com/pushlint/pushlint/facts/signatures"
)

// Split names the keys of the document that differ from one batch to the next (see Batches); every other
// key is the same in each.
var Split = []string{"logs", "events", "machines", "clients", "ccr_files"}

// BatchSize bounds one batch.
type BatchSize struct {
	Events  int // events of machines in one batch
	Records int // machines, client records and CCR files in one batch
}

// DefaultBatchSize keeps one batch, as the policy engine holds it, to a few tens of megabytes: the logs of
// a site of some thousands of machines, and an export of as many, are one batch.
var DefaultBatchSize = BatchSize{Events: 10_000, Records: 2_500}

// Batches yields the document whole when it fits in one batch. A larger one comes as documents that each
// hold some machines and everything about them: their machines[] summaries and events, their client
// records and CCR files. Machines are taken in order of name, so a machine is in exactly one batch. Every
// batch holds all the rest: the events that name no machine (client logs, site logs), every log file's
// summary (with its event_types pointing into the batch's events), the sites, the waivers. A rule that
// judges one machine at a time, or things that are in every batch, finds in a batch all it would find in
// the whole document.
func (d *Document) Batches(size BatchSize) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		records := len(d.Machines) + len(d.Clients) + len(d.CCRFiles)
		if len(d.Events) <= size.Events && records <= size.Records {
			yield(d, nil)
			return
		}
		// Events that name no machine (or whose machine summary does not list them) are in every batch.
		owned := make([]bool, len(d.Events))
		for _, m := range d.Machines {
			for _, i := range m.EventIndex {
				owned[i] = true
			}
		}
		var loose []int
		for i, o := range owned {
			if !o {
				loose = append(loose, i)
			}
		}
		owned = nil
		for _, b := range d.plan(size) {
			if !yield(d.batch(b, loose), nil) {
				return
			}
		}
	}
}

// part is what one batch holds: indexes into the document's machines, clients and CCR files.
type part struct {
	machines, clients, ccr []int
}

// plan cuts the machines, taken in order of their key, into batches.
func (d *Document) plan(size BatchSize) []part {
	type load struct {
		events, records int
		p               part
	}
	byKey := map[string]*load{}
	get := func(name string) *load {
		k := machine.Key(name)
		l := byKey[k]
		if l == nil {
			l = &load{}
			byKey[k] = l
		}
		l.records++
		return l
	}
	for i, m := range d.Machines {
		l := get(m.Name)
		l.events += len(m.EventIndex)
		l.p.machines = append(l.p.machines, i)
	}
	for i, c := range d.Clients {
		l := get(c.Machine)
		l.p.clients = append(l.p.clients, i)
	}
	for i, f := range d.CCRFiles {
		l := get(f.Machine)
		l.p.ccr = append(l.p.ccr, i)
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []part
	var cur part
	events, records := 0, 0
	for _, k := range keys {
		l := byKey[k]
		if records > 0 && (events+l.events > size.Events || records+l.records > size.Records) {
			parts = append(parts, cur)
			cur, events, records = part{}, 0, 0
		}
		cur.machines = append(cur.machines, l.p.machines...)
		cur.clients = append(cur.clients, l.p.clients...)
		cur.ccr = append(cur.ccr, l.p.ccr...)
		events += l.events
		records += l.records
	}
	if records > 0 || len(parts) == 0 {
		parts = append(parts, cur)
	}
	for i := range parts {
		sort.Ints(parts[i].machines)
		sort.Ints(parts[i].clients)
		sort.Ints(parts[i].ccr)
	}
	return parts
}

// batch builds the document of one part; loose are the events in every batch.
func (d *Document) batch(p part, loose []int) *Document {
	b := *d
	var mine []int
	for _, mi := range p.machines {
		mine = append(mine, d.Machines[mi].EventIndex...)
	}
	sort.Ints(mine)
	pos := make(map[int]int, len(mine)+len(loose))
	b.Events = make([]signatures.Event, 0, len(mine)+len(loose))
	for i, j := 0, 0; i < len(mine) || j < len(loose); {
		var next int
		if j >= len(loose) || (i < len(mine) && mine[i] < loose[j]) {
			next, i = mine[i], i+1
		} else {
			next, j = loose[j], j+1
		}
		pos[next] = len(b.Events)
		b.Events = append(b.Events, d.Events[next])
	}
	b.Machines = make([]correlate.Machine, 0, len(p.machines))
	for _, mi := range p.machines {
		m := d.Machines[mi]
		index := make([]int, len(m.EventIndex))
		for j, i := range m.EventIndex {
			index[j] = pos[i]
		}
		m.EventIndex = index
		b.Machines = append(b.Machines, m)
	}
	b.Logs = make([]LogFile, len(d.Logs))
	at := make(map[string]int, len(d.Logs))
	for i, l := range d.Logs {
		types := make(map[string]EventType, len(l.EventTypes))
		for t, et := range l.EventTypes {
			types[t] = EventType{Events: et.Events, Index: []int{}}
		}
		l.EventTypes = types
		b.Logs[i] = l
		at[l.File] = i
	}
	for i, e := range b.Events {
		if li, ok := at[e.File]; ok {
			et := b.Logs[li].EventTypes[e.Type]
			et.Index = append(et.Index, i)
			b.Logs[li].EventTypes[e.Type] = et
		}
	}
	b.Clients = make([]clients.Client, 0, len(p.clients))
	for _, i := range p.clients {
		b.Clients = append(b.Clients, d.Clients[i])
	}
	b.CCRFiles = make([]inboxes.CCRFile, 0, len(p.ccr))
	for _, i := range p.ccr {
		b.CCRFiles = append(b.CCRFiles, d.CCRFiles[i])
	}
	return &b
}
