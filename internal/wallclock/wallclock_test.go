package wallclock

import (
	"context"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/pushlint/pushlint"
)

func TestLog(t *testing.T) {
	for _, tc := range []struct {
		utc    string
		offset int
		millis bool
		want   string
	}{
		// Tao Yang's ccm.log line, Melbourne in June: 13:11:09.448-600 is 03:11:09.448Z.
		{"2015-06-07T03:11:09.448Z", 600, false, "2015-06-07 13:11:09 UTC+10 (03:11:09Z)"},
		{"2015-06-07T03:11:09.448Z", 600, true, "2015-06-07 13:11:09.448 UTC+10 (03:11:09Z)"},
		// Another day in UTC: the UTC date is written too.
		{"2015-06-06T23:00:00Z", 600, false, "2015-06-07 09:00:00 UTC+10 (2015-06-06 23:00:00Z)"},
		// A US Central lab (+360): UTC-6; the real UK ccmsetup.log (+00): UTC+0.
		{"2017-12-18T21:32:38.560Z", -360, false, "2017-12-18 15:32:38 UTC-6 (21:32:38Z)"},
		{"2020-02-04T15:10:29.068Z", 0, false, "2020-02-04 15:10:29 UTC+0 (15:10:29Z)"},
		{"2020-02-04T15:10:29Z", 330, false, "2020-02-04 20:40:29 UTC+5:30 (15:10:29Z)"},
		{"2020-02-04T15:10:29Z", -210, false, "2020-02-04 11:40:29 UTC-3:30 (15:10:29Z)"},
	} {
		u, err := time.Parse(time.RFC3339Nano, tc.utc)
		if err != nil {
			t.Fatal(err)
		}
		if got := Log(u, tc.offset, tc.millis); got != tc.want {
			t.Errorf("Log(%s, %d) = %q, want %q", tc.utc, tc.offset, got, tc.want)
		}
	}
}

func TestWallUTCAndParse(t *testing.T) {
	w, known, ok := Parse("2006-06-06T07:06:35")
	if !ok || known {
		t.Fatalf("Parse of a wall clock: ok %v, known %v", ok, known)
	}
	if got := Wall(w, false); got != "2006-06-06 07:06:35 (local time, zone unknown)" {
		t.Errorf("Wall = %q", got)
	}
	u, known, ok := Parse("2022-08-12T15:30:00Z")
	if !ok || !known {
		t.Fatalf("Parse of UTC: ok %v, known %v", ok, known)
	}
	if got := UTC(u); got != "2022-08-12 15:30:00 UTC" {
		t.Errorf("UTC = %q", got)
	}
	if _, _, ok := Parse("yesterday"); ok {
		t.Error("Parse read yesterday")
	}
}

// TestRegoWritesTheSame: the policies write log times in messages with data.pushlint.lib.when, in Rego; it
// must write what Log and Wall write.
func TestRegoWritesTheSame(t *testing.T) {
	modules, err := pushlint.LibraryModules()
	if err != nil {
		t.Fatal(err)
	}
	opts := []func(*rego.Rego){rego.Query("x := data.pushlint.lib.when(input)"), rego.SetRegoVersion(ast.RegoV1)}
	for name, src := range modules {
		opts = append(opts, rego.Module(name, src))
	}
	pq, err := rego.New(opts...).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		time   string
		offset int
	}{
		{"2015-06-07T03:11:09Z", 600}, {"2015-06-06T23:00:00Z", 600}, {"2015-06-07T20:00:00Z", -600},
		{"2017-12-18T21:32:38Z", -360}, {"2020-02-04T15:10:29Z", 0}, {"2020-02-04T15:10:29Z", 330},
		{"2020-02-04T15:10:29Z", -210}, {"2020-02-29T23:59:59Z", 1}, {"2006-06-06T07:06:35", 0},
	} {
		rs, err := pq.Eval(context.Background(), rego.EvalInput(map[string]any{"has_time": true, "time": tc.time, "utc_offset_minutes": tc.offset}))
		if err != nil || len(rs) != 1 {
			t.Fatalf("%v: %v %v", tc, rs, err)
		}
		got, _ := rs[0].Bindings["x"].(string)
		p, known, ok := Parse(tc.time)
		if !ok {
			t.Fatalf("Parse(%q)", tc.time)
		}
		want := Wall(p, false)
		if known {
			want = Log(p, tc.offset, false)
		}
		if got != want {
			t.Errorf("%s at %+d: Rego writes %q, Go %q", tc.time, tc.offset, got, want)
		}
	}
}
