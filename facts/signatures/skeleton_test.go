package signatures

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/facts/logs"
	"github.com/pushlint/pushlint/internal/loadgen"
)

// builtinPatterns are the patterns of the built-in signatures.
func builtinPatterns(t testing.TB) []string {
	set, err := Parse("data.yaml", mustReadTB(t))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range set.Events {
		out = append(out, s.Pattern)
	}
	return out
}

func mustReadTB(t testing.TB) []byte {
	b, err := os.ReadFile(filepath.Join("..", "..", "policies", "pushlint", "signatures", "data.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// messages are real log messages (the samples) and generated ones, each also cut short and with its
// quotes and digits disturbed, which is where a matcher that skips backtracking could go wrong.
func messages(t testing.TB) []string {
	var msgs []string
	add := func(m string) {
		msgs = append(msgs, m, m[:len(m)/2], strings.ReplaceAll(m, `"`, `'`), strings.ReplaceAll(m, "5", "-"), m+` "`, strings.Repeat(m, 2))
	}
	files, _ := filepath.Glob(filepath.Join("..", "logs", "testdata", "samples", "*.log"))
	for _, f := range files {
		_, _ = logs.ReadFile(context.Background(), f, logs.Options{}, func(e logs.Entry) error { add(e.Message); return nil })
	}
	var buf bytes.Buffer
	_, _ = loadgen.WriteCCM(loadgen.Config{Seed: 9, Machines: 30, FailPercent: 60}, loadgen.WriterSink{W: &buf})
	_, _ = logs.Parse(context.Background(), &buf, "ccm.log", logs.Options{}, func(e logs.Entry) error { add(e.Message); return nil })
	return msgs
}

// A pattern's skeleton finds what regexp finds, on every message, for every built-in pattern that has one.
func TestSkeletonFindsWhatRegexpFinds(t *testing.T) {
	msgs := messages(t)
	n, hits := 0, 0
	for _, p := range builtinPatterns(t) {
		sk := compileSkeleton(p)
		if sk == nil {
			continue
		}
		n++
		re := regexp.MustCompile(p)
		c := &compiled{re: re, skel: sk, prefix: sk.steps[0].lit}
		for _, m := range msgs {
			want, got := re.FindStringSubmatchIndex(m), c.find(m)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: skeleton %v, regexp %v", p, m, got, want)
			}
			if got != nil {
				hits++
			}
		}
	}
	if n < 30 || hits < 500 {
		t.Errorf("%d patterns have a skeleton, %d matches compared", n, hits)
	}
	for _, p := range []string{`(?i)Completed request "(?P<r>[^"]*)"`, `a(?P<x>.*?)b`, `a(?P<x>\d+)5`, `a(?P<x>[^"]*)(?P<y>[^']*)`, `(?P<x>\d+)a`, `x(?:a|b)`} {
		if compileSkeleton(p) != nil {
			t.Errorf("%s has no skeleton a single scan could follow, but one was made", p)
		}
	}
}

func FuzzSkeleton(f *testing.F) {
	patterns := builtinPatterns(f)
	f.Add(0, `Stored request "PC1", machine name "PC1", in queue "Retry".`)
	f.Add(5, `exec [sp_CP_SetLastErrorCode] 2097152019, -2147024891`)
	f.Fuzz(func(t *testing.T, i int, msg string) {
		p := patterns[(i%len(patterns)+len(patterns))%len(patterns)]
		sk := compileSkeleton(p)
		if sk == nil {
			return
		}
		re := regexp.MustCompile(p)
		c := &compiled{re: re, skel: sk, prefix: sk.steps[0].lit}
		if want, got := re.FindStringSubmatchIndex(msg), c.find(msg); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s on %q: skeleton %v, regexp %v", p, msg, got, want)
		}
	})
}
