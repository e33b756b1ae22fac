package facts

import (
	"path/filepath"
	"testing"

	"github.com/pushlint/pushlint/facts/machine"
	"github.com/pushlint/pushlint/internal/loadgen"
)

// generated writes a small site with loadgen and reads it: 300 machines, their client records, and the
// ccmsetup.log of twenty of them.
func generated(t *testing.T) *Document {
	t.Helper()
	dir := t.TempDir()
	w, err := loadgen.WriteTree(loadgen.Tree{Config: loadgen.Config{Seed: 3, Machines: 300, FailPercent: 30, RecoverPercent: 50, MaxAttempts: 6},
		RolloverBytes: 256 << 10, Clients: 320, ClientLogs: 20}, dir)
	if err != nil {
		t.Fatal(err)
	}
	return buildLogs(t, Sources{
		LogPaths:    []string{filepath.Join(dir, "collect-001"), filepath.Join(dir, "collect-002"), filepath.Join(dir, w.ClientLogs)},
		ClientsFile: filepath.Join(dir, w.Clients),
	})
}

// Each machine is in one batch with everything about it; events of no machine and the log summaries are
// in every batch, and every index points into the batch's own events.
func TestBatches(t *testing.T) {
	doc := generated(t)
	if n := 0; true {
		for range doc.Batches(DefaultBatchSize) {
			n++
		}
		if n != 1 {
			t.Fatalf("a small document came in %d batches", n)
		}
	}
	// Events of no machine: those of a client's logs go with the client's machine, the others everywhere.
	loose, owned := 0, map[int]int{} // owned: seq → how many batches hold it
	for _, e := range doc.Events {
		if e.Machine == "" {
			if doc.logNamed(e.File).ClientMachine() == "" {
				loose++
			} else {
				owned[e.Seq] = 0
			}
		}
	}
	if loose == 0 || len(owned) == 0 {
		t.Fatalf("the generated logs have %d site events and %d client-log events of no machine", loose, len(owned))
	}
	batchOf := map[string]int{}
	logsIn := map[string]int{}
	n, events := 0, 0
	for b, err := range doc.Batches(BatchSize{Events: 1000, Records: 60}) {
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range b.Events {
			if i > 0 && b.Events[i-1].Seq >= e.Seq {
				t.Fatalf("batch %d: events out of reading order at %d", n, i)
			}
		}
		for _, m := range b.Machines {
			if prev, ok := batchOf[m.Name]; ok {
				t.Fatalf("%s in batches %d and %d", m.Name, prev, n)
			}
			batchOf[m.Name] = n
			for _, i := range m.EventIndex {
				if b.Events[i].Machine != m.Name {
					t.Fatalf("batch %d: %s's index points at an event of %q", n, m.Name, b.Events[i].Machine)
				}
			}
			events += len(m.EventIndex)
		}
		bl := 0
		for _, e := range b.Events {
			if e.Machine != "" {
				continue
			}
			if _, ok := owned[e.Seq]; ok {
				owned[e.Seq]++
				if k := doc.logNamed(e.File).ClientMachine(); batchOf[k] != n && hasMachine(doc, k) {
					t.Errorf("batch %d holds an event of %s's client log, whose machine is in batch %d", n, k, batchOf[k])
				}
			} else {
				bl++
			}
		}
		if bl != loose {
			t.Errorf("batch %d holds %d of the %d site events of no machine", n, bl, loose)
		}
		for _, c := range b.Clients {
			if bm, ok := batchOf[machine.Key(c.Machine)]; ok && bm != n {
				t.Errorf("the record of %s is in batch %d, its machine in batch %d", c.Machine, n, bm)
			}
		}
		for _, l := range b.Logs {
			logsIn[l.File]++
			for typ, et := range l.EventTypes {
				if et.Events != doc.logNamed(l.File).EventTypes[typ].Events {
					t.Errorf("batch %d: %s counts %d %s events", n, l.File, et.Events, typ)
				}
				for _, i := range et.Index {
					if e := b.Events[i]; e.File != l.File || e.Type != typ {
						t.Fatalf("batch %d: %s's %s index points at %s of %s", n, l.File, typ, e.Type, e.File)
					}
				}
			}
		}
		n++
	}
	for seq, k := range owned {
		if k != 1 {
			t.Fatalf("client-log event %d is in %d batches, want 1", seq, k)
		}
	}
	for _, l := range doc.Logs {
		if want := map[bool]int{true: 1, false: n}[l.ClientMachine() != ""]; logsIn[l.File] != want {
			t.Errorf("%s is in %d batches, want %d", l.File, logsIn[l.File], want)
		}
	}
	if n < 5 || len(batchOf) != len(doc.Machines) || events+loose+len(owned) != len(doc.Events) {
		t.Errorf("%d batches, %d of %d machines, %d machine events + %d others of %d", n, len(batchOf), len(doc.Machines), events, loose, len(doc.Events))
	}
}

func (d *Document) logNamed(file string) LogFile {
	for _, l := range d.Logs {
		if l.File == file {
			return l
		}
	}
	return LogFile{}
}

func hasMachine(d *Document, key string) bool {
	for _, m := range d.Machines {
		if machine.Key(m.Name) == key {
			return true
		}
	}
	return false
}
