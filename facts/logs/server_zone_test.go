package logs

import (
	"context"
	"strings"
	"testing"
	"time"
)

// SMS 2003 clients write the ctime date followed by the zone's name (KB 922362's CcmExec.log): the entry gets
// its wall-clock time, zone unknown, instead of no time at all.
func TestServerTrailerWithZoneName(t *testing.T) {
	src := "Starting CCMEXEC service... $$<CcmExec><Wed Jan 25 21:16:31.203 2006 Central Standard Time><thread=1216 (0x4C0)>\n" +
		"Phase 0 initialization failed (0x8004100a). $$<CcmExec><Fri Feb 13 8:13:13.819 2004 W. Europe Daylight Time><thread=1216 (0x4C0)>\n"
	var got []Entry
	sum, err := Parse(context.Background(), strings.NewReader(src), "CcmExec.log", Options{}, func(e Entry) error {
		got = append(got, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unparsed != 0 || len(sum.Warnings) != 0 || len(got) != 2 {
		t.Fatalf("summary %+v, %d entries", sum, len(got))
	}
	want := []time.Time{time.Date(2006, 1, 25, 21, 16, 31, 203e6, time.UTC), time.Date(2004, 2, 13, 8, 13, 13, 819e6, time.UTC)}
	for i, e := range got {
		if !e.HasTime || e.TimeZoneKnown || !e.Time.Equal(want[i]) || e.Component != "CcmExec" || e.Thread != 1216 {
			t.Errorf("entry %d = %+v, want wall time %v, zone unknown", i, e, want[i])
		}
	}
	for _, bad := range []string{"Fri Feb 13 8:13:13.819 2004 <script>", "Fri Feb 13 8:13:13.819"} {
		if _, ok := parseCtime([]byte(bad)); ok {
			t.Errorf("parseCtime accepted %q", bad)
		}
	}
}
