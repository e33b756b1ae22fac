package facts

import (
	"iter"
	"path/filepath"
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
var DefaultBatchSize = BatchSize{Events: 5_000, Records: 2_500}

// Batches yields the document whole when it fits in one batch. A larger one comes as documents that each
// hold some machines and everything about them: their machines[] summaries and events, their client
// records and CCR files, and the client logs collected into a folder named after them (their logs[]
// summaries and events). Machines are taken in order of name, so a machine is in exactly one batch. Every
// batch holds all the rest: the other logs (the site server's) with their events that name no machine, the
// sites, the waivers. Every log summary's event_types point into its batch's events. A rule that judges one
// machine, one file or one site at a time finds in a batch all it would find in the whole document.
func (d *Document) Batches(size BatchSize) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		records := len(d.Machines) + len(d.Clients) + len(d.CCRFiles)
		if len(d.Events) <= size.Events && records <= size.Records {
			yield(d, nil)
			return
		}
		o := d.owners()
		for _, b := range d.plan(size, o) {
			if !yield(d.batch(b, o), nil) {
				return
			}
		}
	}
}

// owners says which events and logs belong with one machine's batch. A machine's events do; so do the
// logs of a client collected into a folder named after the machine (the one-folder-per-client convention
// the client-log rules and the timeline follow), with their events. What is left, the site server's logs
// and their events of no machine, is in every batch.
type owners struct {
	logOwner map[string]string // file → machine key; absent: every batch
	loose    []int             // events in every batch
	logEvts  map[string][]int  // machine key → events of its client logs
}

// ClientMachine is the machine a client log belongs to by the folder it was collected into, "" for a
// server log.
func (l LogFile) ClientMachine() string {
	if l.Side != "client" {
		return ""
	}
	return machine.Key(filepath.Base(l.Dir))
}

func (d *Document) owners() owners {
	o := owners{logOwner: map[string]string{}, logEvts: map[string][]int{}}
	for _, l := range d.Logs {
		if k := l.ClientMachine(); k != "" {
			o.logOwner[l.File] = k
		}
	}
	owned := make([]bool, len(d.Events))
	for _, m := range d.Machines {
		for _, i := range m.EventIndex {
			owned[i] = true
		}
	}
	for i, own := range owned {
		if own {
			continue
		}
		if k, ok := o.logOwner[d.Events[i].File]; ok {
			o.logEvts[k] = append(o.logEvts[k], i)
		} else {
			o.loose = append(o.loose, i)
		}
	}
	return o
}

// part is what one batch holds: indexes into the document's machines, clients and CCR files, and the
// machine keys whose client logs come with it.
type part struct {
	machines, clients, ccr []int
	keys                   []string
}

// plan cuts the machines, taken in order of their key, into batches.
func (d *Document) plan(size BatchSize, o owners) []part {
	type load struct {
		events, records int
		p               part
	}
	byKey := map[string]*load{}
	get := func(k string) *load {
		l := byKey[k]
		if l == nil {
			l = &load{}
			byKey[k] = l
		}
		return l
	}
	for i, m := range d.Machines {
		l := get(machine.Key(m.Name))
		l.records++
		l.events += len(m.EventIndex)
		l.p.machines = append(l.p.machines, i)
	}
	for i, c := range d.Clients {
		l := get(machine.Key(c.Machine))
		l.records++
		l.p.clients = append(l.p.clients, i)
	}
	for i, f := range d.CCRFiles {
		l := get(machine.Key(f.Machine))
		l.records++
		l.p.ccr = append(l.p.ccr, i)
	}
	for k, evs := range o.logEvts {
		get(k).events += len(evs)
	}
	for _, k := range o.logOwner {
		get(k)
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
		if (records > 0 || events > 0) && (events+l.events > size.Events || records+l.records > size.Records) {
			parts = append(parts, cur)
			cur, events, records = part{}, 0, 0
		}
		cur.machines = append(cur.machines, l.p.machines...)
		cur.clients = append(cur.clients, l.p.clients...)
		cur.ccr = append(cur.ccr, l.p.ccr...)
		cur.keys = append(cur.keys, k)
		events += l.events
		records += l.records
	}
	if records > 0 || events > 0 || len(parts) == 0 {
		parts = append(parts, cur)
	}
	for i := range parts {
		sort.Ints(parts[i].machines)
		sort.Ints(parts[i].clients)
		sort.Ints(parts[i].ccr)
	}
	return parts
}

// batch builds the document of one part.
func (d *Document) batch(p part, o owners) *Document {
	b := *d
	mine := append([]int(nil), o.loose...)
	for _, mi := range p.machines {
		mine = append(mine, d.Machines[mi].EventIndex...)
	}
	inBatch := make(map[string]bool, len(p.keys))
	for _, k := range p.keys {
		inBatch[k] = true
		mine = append(mine, o.logEvts[k]...)
	}
	sort.Ints(mine)
	pos := make(map[int]int, len(mine))
	b.Events = make([]signatures.Event, len(mine))
	for n, i := range mine {
		pos[i] = n
		b.Events[n] = d.Events[i]
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
	b.Logs = []LogFile{}
	at := make(map[string]int, len(d.Logs))
	for _, l := range d.Logs {
		if k, ok := o.logOwner[l.File]; ok && !inBatch[k] {
			continue
		}
		types := make(map[string]EventType, len(l.EventTypes))
		for t, et := range l.EventTypes {
			types[t] = EventType{Events: et.Events, Index: []int{}}
		}
		l.EventTypes = types
		at[l.File] = len(b.Logs)
		b.Logs = append(b.Logs, l)
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
