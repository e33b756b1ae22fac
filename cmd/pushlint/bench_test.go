package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	policytree "github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/logs"
	"github.com/pushlint/pushlint/internal/loadgen"
)

// The benchmarks of the whole pipeline at 1,000, 10,000 and 100,000 machines: reading and matching a
// generated Ccm.log (streamed, never on disk) and an export of as many clients into the document, then
// evaluating every built-in rule over it, in batches. scripts/bench.sh runs them.
//
//	go test -run '^$' -bench 'Pipeline' -benchtime 1x ./cmd/pushlint

var sizes = []int{1_000, 10_000, 100_000}

// site is loadgen's default mix for n machines: a fifth failing and retried up to a day, with n client
// records.
func site(n int) loadgen.Tree {
	return loadgen.Tree{Config: loadgen.Config{Seed: 1, Machines: n, FailPercent: 20, RecoverPercent: 50, MaxAttempts: 24, NoisePerCCR: 2},
		Clients: n}
}

// streamLogs is a facts.LogReader that reads the generated Ccm.log of t as it is written, on two cores.
func streamLogs(t loadgen.Tree, size *int64) facts.LogReader {
	return func(ctx context.Context, _ []string, prepare func() func(*logs.Entry), fn func(logs.Entry) error) ([]string, error) {
		r, w := io.Pipe()
		go func() {
			n, err := loadgen.WriteCCM(t.Config, loadgen.WriterSink{W: w})
			*size = n
			w.CloseWithError(err)
		}()
		prep := prepare()
		entries := make(chan []logs.Entry, 8)
		var perr error
		go func() {
			defer close(entries)
			var batch []logs.Entry
			_, perr = logs.Parse(ctx, r, "ccm.log", logs.Options{}, func(e logs.Entry) error {
				prep(&e)
				if batch = append(batch, e); len(batch) == 256 {
					entries <- batch
					batch = nil
				}
				return nil
			})
			entries <- batch
			r.Close()
		}()
		for batch := range entries {
			for _, e := range batch {
				if err := fn(e); err != nil {
					return nil, err
				}
			}
		}
		return nil, perr
	}
}

func buildSite(b *testing.B, n int) (*facts.Document, int64) {
	b.Helper()
	t := site(n)
	dir := b.TempDir()
	clientsFile := filepath.Join(dir, "clients.csv")
	f, err := os.Create(clientsFile)
	if err != nil {
		b.Fatal(err)
	}
	if err := loadgen.WriteClients(loadgen.DefaultClients(t.Seed, t.Clients), f); err != nil {
		b.Fatal(err)
	}
	f.Close()
	var size int64
	doc, err := facts.Build(facts.Sources{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Policies: policytree.Policies,
		LogPaths: []string{"ccm.log"}, LogReader: streamLogs(t, &size), ClientsFile: clientsFile})
	if err != nil {
		b.Fatal(err)
	}
	return doc, size
}

// BenchmarkPipelineBuild reads the generated log and export into the document (b.SetBytes: the log).
func BenchmarkPipelineBuild(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("machines=%d", n), func(b *testing.B) {
			var size int64
			events := 0
			for b.Loop() {
				doc, s := buildSite(b, n)
				size, events = s, len(doc.Events)
			}
			b.SetBytes(size)
			b.ReportMetric(float64(events), "events-kept")
		})
	}
}

var (
	docs   = map[int]*facts.Document{}
	docsMu sync.Mutex
)

func cachedSite(b *testing.B, n int) *facts.Document {
	docsMu.Lock()
	defer docsMu.Unlock()
	if docs[n] == nil {
		docs[n], _ = buildSite(b, n)
	}
	return docs[n]
}

// BenchmarkPipelineEvaluate evaluates every built-in rule over the document, in batches of machines.
func BenchmarkPipelineEvaluate(b *testing.B) {
	pf := policyFlags{timeout: time.Hour}
	opts, err := pf.options()
	if err != nil {
		b.Fatal(err)
	}
	eng, err := engine.New(context.Background(), opts)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("machines=%d", n), func(b *testing.B) {
			doc := cachedSite(b, n)
			found := 0
			for b.Loop() {
				findings, err := eng.Evaluate(context.Background(), batchesOf(doc, facts.DefaultBatchSize))
				if err != nil {
					b.Fatal(err)
				}
				found = len(findings)
			}
			b.ReportMetric(float64(found), "findings")
			b.ReportMetric(float64(len(doc.Machines)), "machines")
		})
	}
}
