package signatures

import (
	"bytes"
	"context"
	"testing"

	"github.com/pushlint/pushlint/facts/logs"
	"github.com/pushlint/pushlint/internal/loadgen"
)

type bufSink struct{ bytes.Buffer }

func (s *bufSink) Line(b []byte) error { _, err := s.Write(b); return err }

// generatedEntries reads size bytes of a generated Ccm.log (loadgen's default mix) into entries.
func generatedEntries(b *testing.B, format string, size int64) ([]logs.Entry, int64) {
	b.Helper()
	var buf bufSink
	if _, err := loadgen.WriteCCM(loadgen.Config{Seed: 1, Machines: 2000, FailPercent: 20, RecoverPercent: 50, NoisePerCCR: 2, Format: format, Bytes: size}, &buf); err != nil {
		b.Fatal(err)
	}
	var entries []logs.Entry
	if _, err := logs.Parse(context.Background(), bytes.NewReader(buf.Bytes()), "ccm.log", logs.Options{}, func(e logs.Entry) error {
		entries = append(entries, e)
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	return entries, int64(buf.Len())
}

// BenchmarkMatchGenerated matches the entries of a generated Ccm.log (CMTrace), counting the bytes of the
// log they came from: the signatures' share of reading a log.
func BenchmarkMatchGenerated(b *testing.B) {
	m := builtinMatcher(b)
	entries, size := generatedEntries(b, "cmtrace", 16<<20)
	b.SetBytes(size)
	b.ReportAllocs()
	events := 0
	for b.Loop() {
		s := m.NewStream("ccm.log")
		var evs []Event
		events = 0
		for _, e := range entries {
			evs = s.Match(evs[:0], e)
			events += len(evs)
		}
	}
	b.ReportMetric(float64(events), "events/op")
}
