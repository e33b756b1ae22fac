package correlate

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/facts/signatures"
)

// ev builds an event as the built-in signatures produce it from the ccm.log lines of KB 925282 and
// Microsoft Q&A 965723; only what correlation reads is filled in.
func ev(typ, role, machine string, fields map[string]any) signatures.Event {
	if fields == nil {
		fields = map[string]any{}
	}
	return signatures.Event{Type: typ, Role: role, Machine: machine, Fields: fields, File: "ccm.log",
		ClearsFailures: role == signatures.RoleSuccess || typ == "admin_share_connected"}
}

func code(n int64) map[string]any {
	f := map[string]any{"error_code": n}
	if w, ok := signatures.Win32Code(n); ok {
		f["error_code_win32"] = w
	}
	return f
}

func with(f map[string]any, k string, v any) map[string]any {
	f[k] = v
	return f
}

func number(events []signatures.Event) []signatures.Event {
	for i := range events {
		events[i].Seq = i
		events[i].Line = i + 1
	}
	return events
}

// KB 925282 step 5: a pushed machine's CCR goes to the Retry queue for a verification pass. That retry is
// not a failure being retried; a failure after the success is.
func TestCorrelateVerificationPassIsNotRetrying(t *testing.T) {
	pushed := []signatures.Event{
		ev("request_begin", "begin", "PC1", nil),
		ev("admin_share_connected", "info", "PC1", nil),
		ev("ccmsetup_service_created", "success", "PC1", nil),
		ev("request_stored_in_retry", "retry", "PC1", nil),
	}
	if m := Correlate(number(append([]signatures.Event{}, pushed...)))[0]; m.Retrying || !m.Pushed {
		t.Errorf("verification pass: retrying %v pushed %v; want false, true", m.Retrying, m.Pushed)
	}
	failedAgain := append(append([]signatures.Event{}, pushed...),
		ev("request_begin", "begin", "PC1", nil),
		ev("target_access_failed", "failure", "PC1", code(53)),
		ev("request_stored_in_retry", "retry", "PC1", nil))
	if m := Correlate(number(failedAgain))[0]; !m.Retrying {
		t.Errorf("a failure after the success, then Retry: retrying %v, want true", m.Retrying)
	}
}

func TestCorrelateRetriesThenSuccess(t *testing.T) {
	events := number([]signatures.Event{
		ev("request_begin", "begin", "PC1", map[string]any{"request": "2097152019"}),
		ev("admin_share_connect_attempt", "info", "PC1", map[string]any{"account": `DOM\push`}),
		ev("wnet_add_connection_failed", "failure", "PC1", with(code(1203), "account", `DOM\push`)),
		ev("remote_registry_failed", "failure", "PC1", code(53)),
		ev("target_access_failed", "failure", "PC1", with(code(53), "request", "2097152019")),
		ev("request_stored_in_retry", "retry", "PC1", map[string]any{"request": "2097152019"}),
		ev("push_last_error", "info", "", with(code(0x80070035), "request", "2097152019")),
		ev("request_end", "end", "PC1", nil),
		ev("request_begin", "begin", "PC1", map[string]any{"request": "2097152019"}),
		ev("target_access_failed", "failure", "PC1", code(53)),
		ev("request_stored_in_retry", "retry", "PC1", nil),
		ev("request_begin", "begin", "PC1", nil),
		ev("admin_share_connected", "info", "PC1", nil),
		ev("ccmsetup_service_created", "success", "PC1", nil),
		ev("request_end", "end", "PC1", nil),
	})
	machines := Correlate(events)
	if len(machines) != 1 {
		t.Fatalf("machines = %+v", machines)
	}
	m := machines[0]
	if m.Attempts != 3 || m.Retries != 2 || !m.Pushed || m.Retrying {
		t.Errorf("attempts %d retries %d pushed %v retrying %v; want 3, 2, true, false", m.Attempts, m.Retries, m.Pushed, m.Retrying)
	}
	if !reflect.DeepEqual(m.Requests, []string{"2097152019"}) || !reflect.DeepEqual(m.Accounts, []string{`DOM\push`}) {
		t.Errorf("requests %v accounts %v", m.Requests, m.Accounts)
	}
	if len(m.Failures) != 2 {
		t.Fatalf("failures = %+v", m.Failures)
	}
	f4b3, f53 := m.Failures[0], m.Failures[1]
	if *f4b3.Code != 1203 || f4b3.Hex != "0x4b3" || f4b3.Attempts != 1 || !f4b3.Cleared || !reflect.DeepEqual(f4b3.Accounts, []string{`DOM\push`}) {
		t.Errorf("0x4b3 failure = %+v", f4b3)
	}
	if *f53.Code != 53 || f53.Attempts != 2 || f53.Events != 3 || f53.LastAttempt != 2 || !f53.Cleared ||
		!reflect.DeepEqual(f53.Types, []string{"remote_registry_failed", "target_access_failed"}) {
		t.Errorf("53 failure = %+v", f53)
	}
	if events[6].Machine != "PC1" || events[6].Attempt != 1 {
		t.Errorf("database line resolved to machine %q attempt %d; want PC1 attempt 1", events[6].Machine, events[6].Attempt)
	}
	if m.FirstRetry.Line != 6 || m.LastRetry.Line != 11 || m.LastSuccess.Line != 14 || m.FirstAttempt.Line != 1 || m.LastAttempt.Line != 12 {
		t.Errorf("moments: first retry %d, last retry %d, success %d, first attempt %d, last attempt %d",
			m.FirstRetry.Line, m.LastRetry.Line, m.LastSuccess.Line, m.FirstAttempt.Line, m.LastAttempt.Line)
	}
}

func TestCorrelateStillFailing(t *testing.T) {
	events := number([]signatures.Event{
		// A KB excerpt: no Begin line; the connect line comes first and belongs to the attempt.
		ev("admin_share_connect_attempt", "info", "PC2", nil),
		ev("kerberos_connect_failed", "failure", "PC2", code(0x80070005)),
		ev("account_not_admin", "failure", "PC2", code(5)),
		ev("ntlm_fallback_disabled", "failure", "PC2", nil),
		ev("request_stored_in_retry", "retry", "", map[string]any{"request": "PC3.KRC"}),
		ev("request_stored_in_retry", "retry", "PC2", nil),
		// A later connection that fails again is not a success.
		ev("admin_share_connected", "info", "PC2", nil),
		ev("wmi_connect_failed", "failure", "PC2", code(0x80070005)),
		ev("request_stored_in_retry", "retry", "PC2", nil),
	})
	machines := Correlate(events)
	if len(machines) != 2 || machines[0].Name != "PC2" || machines[1].Name != "PC3" {
		t.Fatalf("machines = %+v", machines)
	}
	m := machines[0]
	if events[0].Attempt != 1 {
		t.Errorf("the connect line before the first failure is in attempt %d, want 1", events[0].Attempt)
	}
	if m.Attempts != 2 || m.Retries != 2 || m.Pushed || !m.Retrying {
		t.Errorf("attempts %d retries %d pushed %v retrying %v; want 2, 2, false, true", m.Attempts, m.Retries, m.Pushed, m.Retrying)
	}
	if len(m.Failures) != 2 {
		t.Fatalf("failures = %+v", m.Failures)
	}
	denied, noCode := m.Failures[0], m.Failures[1]
	if *denied.Code != 5 || denied.Events != 3 || denied.Attempts != 2 || denied.Cleared {
		t.Errorf("access denied = %+v; want code 5 (0x80070005 folded in), 3 events in 2 attempts, not cleared", denied)
	}
	if noCode.Code != nil || noCode.Hex != "" || !reflect.DeepEqual(noCode.Types, []string{"ntlm_fallback_disabled"}) || !noCode.Cleared {
		t.Errorf("failure without code = %+v; want grouped by type, cleared by the later connection", noCode)
	}
	if pc3 := machines[1]; pc3.Retries != 1 || pc3.Attempts != 1 || !pc3.Retrying {
		t.Errorf("PC3, named only by its CCR file, = %+v", pc3)
	}
}

func TestCorrelateIgnoresEventsWithoutMachine(t *testing.T) {
	events := number([]signatures.Event{
		ev("msi_return_value_3", "failure", "", map[string]any{"action": "InstallFinalize"}),
		ev("push_request_query", "info", "", map[string]any{"request": "2097152112"}),
	})
	if machines := Correlate(events); len(machines) != 0 {
		t.Errorf("machines = %+v, want none", machines)
	}
	if events[0].Attempt != 0 {
		t.Errorf("client event got attempt %d", events[0].Attempt)
	}
}

// Tao Yang's ccm.log: the database line names the push request before the Begin line ties the request to
// its machine; it joins the machine when that line comes.
func TestCorrelateRequestNamedBeforeItsMachine(t *testing.T) {
	events := number([]signatures.Event{
		ev("push_request_query", "info", "", map[string]any{"request": "2097152112"}),
		ev("request_begin", "begin", "PC1", map[string]any{"request": "2097152112"}),
		ev("target_access_failed", "failure", "PC1", code(53)),
		ev("push_last_error", "info", "", with(code(53), "request", "2097152112")),
		ev("push_request_query", "info", "", map[string]any{"request": "2097152999"}),
	})
	machines := Correlate(events)
	if len(machines) != 1 || machines[0].Events != 4 || !reflect.DeepEqual(machines[0].EventIndex, []int{0, 1, 2, 3}) {
		t.Fatalf("machines = %+v", machines)
	}
	for i, want := range []struct {
		machine string
		attempt int
	}{{"PC1", 1}, {"PC1", 1}, {"PC1", 1}, {"PC1", 1}, {"", 0}} {
		if events[i].Machine != want.machine || events[i].Attempt != want.attempt {
			t.Errorf("event %d: machine %q attempt %d, want %q %d", i, events[i].Machine, events[i].Attempt, want.machine, want.attempt)
		}
	}
}

// A machine retried hundreds of times keeps a complete summary, but only the events of the attempts the
// summary points at: memory grows with machines, not with the size of the log.
func TestCorrelateKeepsWhatTheSummaryPointsAt(t *testing.T) {
	c := New(Limits{MachineEvents: 40, AttemptEvents: 8, LooseEvents: 10, PendingEvents: 10})
	seq := 0
	add := func(e signatures.Event) {
		e.Seq, e.Line = seq, seq+1
		seq++
		c.Add(e)
	}
	const attempts = 500
	for a := 1; a <= attempts; a++ {
		add(ev("request_begin", "begin", "PC1", nil))
		add(ev("admin_share_connect_attempt", "info", "PC1", nil))
		if a == 3 {
			add(ev("wmi_connect_failed", "failure", "PC1", code(0x80070005)))
		}
		add(ev("remote_registry_failed", "failure", "PC1", code(53)))
		add(ev("request_stored_in_retry", "retry", "PC1", nil))
		add(ev("ccr_retry_count", "info", "", map[string]any{"count": int64(a)}))
	}
	events, machines := c.Finish()
	m := machines[0]
	if m.Attempts != attempts || m.Retries != attempts || m.Events != 4*attempts+1 || len(m.Failures) != 2 || m.Failures[0].Events != attempts {
		t.Fatalf("summary: attempts %d retries %d events %d failures %+v", m.Attempts, m.Retries, m.Events, m.Failures)
	}
	kept := map[int]int{}
	for _, i := range m.EventIndex {
		kept[events[i].Attempt]++
		if events[i].Machine != "PC1" {
			t.Fatalf("index points at %+v", events[i])
		}
	}
	// The first attempt, attempt 3 (the only access-denied failure), and the last (retry, failure 53).
	for _, a := range []int{1, 3, attempts} {
		if kept[a] == 0 {
			t.Errorf("attempt %d dropped; kept %v", a, kept)
		}
	}
	if len(m.EventIndex) > 80 {
		t.Errorf("kept %d events of PC1", len(m.EventIndex))
	}
	loose := 0
	for i, e := range events {
		if i > 0 && events[i-1].Seq >= e.Seq {
			t.Fatalf("events out of reading order at %d", i)
		}
		if e.Machine == "" {
			loose++
		}
	}
	if loose != 10 || events[len(events)-1].Fields["count"] != int64(attempts) {
		t.Errorf("kept %d events of no machine, the last %+v; want the first and last 5", loose, events[len(events)-1])
	}
}

// BenchmarkCorrelate ties the events of 1,000, 10,000 and 100,000 machines pushed to (two attempts each, the
// first failing) to their machines, in one pass.
func BenchmarkCorrelate(b *testing.B) {
	for _, machines := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("machines=%d", machines), func(b *testing.B) {
			var events []signatures.Event
			for m := 0; m < machines; m++ {
				name := fmt.Sprintf("PC%06d", m)
				req := map[string]any{"request": name + ".KRC"}
				for _, e := range []signatures.Event{
					ev("request_begin", "begin", name, req),
					ev("admin_share_connect_attempt", "info", name, map[string]any{"account": `DOM\push`}),
					ev("remote_registry_failed", "failure", name, code(53)),
					ev("target_access_failed", "failure", name, code(53)),
					ev("request_stored_in_retry", "retry", name, req),
					ev("request_begin", "begin", name, req),
					ev("admin_share_connected", "info", name, nil),
					ev("ccmsetup_service_created", "success", name, nil),
					ev("request_end", "end", name, req),
				} {
					e.Seq = len(events)
					events = append(events, e)
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				c := New(DefaultLimits)
				for _, e := range events {
					c.Add(e)
				}
				if _, ms := c.Finish(); len(ms) != machines {
					b.Fatalf("%d machines", len(ms))
				}
			}
			b.ReportMetric(float64(len(events))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// A machine pushed to under a new request id at every attempt lists the first Requests of them, and the
// ids tied to machines are remembered up to RequestMachines, the most recent ones: neither grows with the log.
func TestCorrelateBoundsRequests(t *testing.T) {
	c := New(Limits{MachineEvents: 40, AttemptEvents: 8, LooseEvents: 10, PendingEvents: 10, Requests: 4, RequestMachines: 3})
	seq := 0
	add := func(e signatures.Event) {
		e.Seq, e.Line = seq, seq+1
		seq++
		c.Add(e)
	}
	for a := 1; a <= 100; a++ {
		add(ev("request_begin", "begin", "PC1", map[string]any{"request": fmt.Sprint(a)}))
		add(ev("request_stored_in_retry", "retry", "PC1", nil))
	}
	// Request 1 was forgotten long ago; 100 is remembered.
	add(ev("db_lookup", "info", "", map[string]any{"request": "1"}))
	add(ev("db_lookup", "info", "", map[string]any{"request": "100"}))
	events, machines := c.Finish()
	if len(c.requests) > 3 {
		t.Errorf("%d request ids remembered", len(c.requests))
	}
	if got := strings.Join(machines[0].Requests, " "); got != "1 2 3 4" {
		t.Errorf("requests %q, want the first four", got)
	}
	for _, e := range events {
		if e.Type != "db_lookup" {
			continue
		}
		if want := map[any]string{"1": "", "100": "PC1"}[e.Fields["request"]]; e.Machine != want {
			t.Errorf("request %v: machine %q, want %q", e.Fields["request"], e.Machine, want)
		}
	}
}

// at puts an event in a file at a UTC time (seconds after 2008-06-06 00:00Z), as a site server log line
// with a bias.
func at(e signatures.Event, file string, second int64) signatures.Event {
	e.File, e.HasTime, e.TimeZoneKnown, e.TimeSeconds = file, true, true, 1212710400+second
	return e
}

// twoServers correlates the Ccm.logs of two site servers read in both orders and returns both results.
// Lines are numbered within their file, seq in reading order, as the log reader does.
func twoServers(t *testing.T, primary, secondary []signatures.Event) (Machine, Machine) {
	t.Helper()
	run := func(files ...[]signatures.Event) Machine {
		var all []signatures.Event
		for _, f := range files {
			for i, e := range f {
				e.Line, e.Seq = i+1, len(all)
				all = append(all, e)
			}
		}
		ms := Correlate(all)
		if len(ms) != 1 {
			t.Fatalf("machines = %+v", ms)
		}
		return ms[0]
	}
	return run(primary, secondary), run(secondary, primary)
}

// orderFree is a machine's summary without what depends on the order the logs were read in: reading
// positions and attempt numbers.
func orderFree(t *testing.T, m Machine) map[string]any {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	var strip func(any)
	strip = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			delete(x, "seq")
			delete(x, "event_index")
			if _, ok := x["last_attempt"].(float64); ok {
				delete(x, "last_attempt")
			}
			for _, y := range x {
				strip(y)
			}
		case []any:
			for _, y := range x {
				strip(y)
			}
		}
	}
	strip(v)
	return v
}

// KB 925282: a client installed from a secondary site is read in the secondary's Ccm.log. The primary
// failed with error 53 at 10:00 and queued the CCR for retry; the secondary installed the client at 11:00.
// Whichever log is read first, the later success clears the earlier failure and nothing is retrying.
func TestCorrelateLaterSuccessAtSecondaryClearsInEitherOrder(t *testing.T) {
	primary := []signatures.Event{
		at(ev("request_begin", "begin", "PC1", nil), "PRI/ccm.log", 36000),
		at(ev("remote_registry_failed", "failure", "PC1", code(53)), "PRI/ccm.log", 36003),
		at(ev("target_access_failed", "failure", "PC1", code(53)), "PRI/ccm.log", 36003),
		at(ev("request_stored_in_retry", "retry", "PC1", nil), "PRI/ccm.log", 36004),
	}
	secondary := []signatures.Event{
		at(ev("request_begin", "begin", "PC1", nil), "SEC/ccm.log", 39600),
		at(ev("admin_share_connected", "info", "PC1", nil), "SEC/ccm.log", 39601),
		at(ev("ccmsetup_service_created", "success", "PC1", nil), "SEC/ccm.log", 39605),
		at(ev("request_end", "end", "PC1", nil), "SEC/ccm.log", 39606),
	}
	a, b := twoServers(t, primary, secondary)
	for _, m := range []Machine{a, b} {
		if len(m.Failures) != 1 || !m.Failures[0].Cleared || m.Retrying || !m.Pushed || m.Attempts != 2 {
			t.Errorf("failures %+v retrying %v pushed %v attempts %d; want error 53 cleared, not retrying, pushed, 2 attempts",
				m.Failures, m.Retrying, m.Pushed, m.Attempts)
		}
		if m.LastSuccess.File != "SEC/ccm.log" || m.FirstAttempt.File != "PRI/ccm.log" || m.LastAttempt.File != "SEC/ccm.log" ||
			m.FirstSeen.File != "PRI/ccm.log" || m.LastSeen.Line != 4 || m.LastSeen.File != "SEC/ccm.log" {
			t.Errorf("moments: success %+v first attempt %+v last attempt %+v first seen %+v last seen %+v",
				m.LastSuccess, m.FirstAttempt, m.LastAttempt, m.FirstSeen, m.LastSeen)
		}
	}
	if x, y := orderFree(t, a), orderFree(t, b); !reflect.DeepEqual(x, y) {
		t.Errorf("the summary depends on the order the logs were read in:\n%v\n%v", x, y)
	}
}

// The near-miss: the secondary installed the client at 09:00, and the primary failed later, at 10:00. An
// earlier success clears nothing; the CCR is retrying, in either order.
func TestCorrelateEarlierSuccessClearsNothingInEitherOrder(t *testing.T) {
	primary := []signatures.Event{
		at(ev("request_begin", "begin", "PC1", nil), "PRI/ccm.log", 36000),
		at(ev("target_access_failed", "failure", "PC1", code(53)), "PRI/ccm.log", 36003),
		at(ev("request_stored_in_retry", "retry", "PC1", nil), "PRI/ccm.log", 36004),
	}
	secondary := []signatures.Event{
		at(ev("request_begin", "begin", "PC1", nil), "SEC/ccm.log", 32400),
		at(ev("ccmsetup_service_created", "success", "PC1", nil), "SEC/ccm.log", 32405),
		at(ev("request_stored_in_retry", "retry", "PC1", nil), "SEC/ccm.log", 32406),
	}
	a, b := twoServers(t, primary, secondary)
	for _, m := range []Machine{a, b} {
		if len(m.Failures) != 1 || m.Failures[0].Cleared || !m.Retrying || m.LastRetry.File != "PRI/ccm.log" {
			t.Errorf("failures %+v retrying %v last retry %+v; want error 53 not cleared, retrying at the primary", m.Failures, m.Retrying, m.LastRetry)
		}
	}
	if x, y := orderFree(t, a), orderFree(t, b); !reflect.DeepEqual(x, y) {
		t.Errorf("the summary depends on the order the logs were read in:\n%v\n%v", x, y)
	}
}

// Each site server's Ccm.log brackets its own attempts: the secondary's Begin line, read while the
// primary's attempt is open, opens an attempt of its own, and the primary's Retry closes the primary's.
// Without comparable times (a KB excerpt with its trailers stripped) a success in another log clears
// nothing; in the same log, reading order decides.
func TestCorrelateKeepsEachSiteServerApart(t *testing.T) {
	primary := []signatures.Event{
		ev("target_access_failed", "failure", "PC1", code(53)),
		ev("request_stored_in_retry", "retry", "PC1", nil),
	}
	secondary := []signatures.Event{
		ev("request_begin", "begin", "PC1", nil),
		ev("ccmsetup_service_created", "success", "PC1", nil),
	}
	for i := range secondary {
		secondary[i].File = "SEC/ccm.log"
	}
	a, b := twoServers(t, primary, secondary)
	for _, m := range []Machine{a, b} {
		if m.Attempts != 2 || m.Failures[0].Cleared || !m.Retrying {
			t.Errorf("attempts %d failures %+v retrying %v; want 2 attempts, 53 not cleared, retrying", m.Attempts, m.Failures, m.Retrying)
		}
	}
	// The primary's own later connection clears it.
	primary = append(primary, ev("request_begin", "begin", "PC1", nil), ev("admin_share_connected", "info", "PC1", nil))
	a, b = twoServers(t, primary, secondary)
	for _, m := range []Machine{a, b} {
		if !m.Failures[0].Cleared || m.Attempts != 3 {
			t.Errorf("attempts %d failures %+v; want 3 attempts, 53 cleared by the primary's own later connection", m.Attempts, m.Failures)
		}
	}
}

// A rolled-over log and its successor are one log: the .lo_ is older whatever its name sorts like.
func TestStream(t *testing.T) {
	for file, want := range map[string]string{
		"SMS/Logs/ccm.lo_": "sms/logs/ccm.log", "SMS/Logs/CCM.LOG": "sms/logs/ccm.log", "SEC/ccm.log": "sec/ccm.log",
	} {
		if got := Stream(file); got != want {
			t.Errorf("Stream(%q) = %q, want %q", file, got, want)
		}
	}
}

// Each site server retries the CCR of its own Ccrretry.box, 168 times at most: 100 retries at the primary
// and 100 later ones at the secondary are not 200 retries of one CCR. The summary's retries are those of the
// server that retried last, in either reading order.
func TestCorrelateRetriesAreEachSiteServers(t *testing.T) {
	var primary, secondary []signatures.Event
	for i := range int64(100) {
		primary = append(primary,
			at(ev("target_access_failed", "failure", "PC1", code(53)), "PRI/ccm.log", 3600*i),
			at(ev("request_stored_in_retry", "retry", "PC1", nil), "PRI/ccm.log", 3600*i+1))
		secondary = append(secondary,
			at(ev("target_access_failed", "failure", "PC1", code(53)), "SEC/ccm.log", 1800+3600*i),
			at(ev("request_stored_in_retry", "retry", "PC1", nil), "SEC/ccm.log", 1800+3600*i+1))
	}
	a, b := twoServers(t, primary, secondary)
	for _, m := range []Machine{a, b} {
		if m.Retries != 100 || m.FirstRetry.File != "SEC/ccm.log" || m.FirstRetry.Line != 2 || m.LastRetry.File != "SEC/ccm.log" ||
			m.LastRetry.Line != 200 || !m.Retrying || m.Attempts != 200 || m.Failures[0].Attempts != 200 {
			t.Errorf("retries %d from %+v to %+v, retrying %v, attempts %d, failures %+v; want the secondary's 100",
				m.Retries, m.FirstRetry, m.LastRetry, m.Retrying, m.Attempts, m.Failures)
		}
	}
	if x, y := orderFree(t, a), orderFree(t, b); !reflect.DeepEqual(x, y) {
		t.Errorf("the summary depends on the order the logs were read in:\n%v\n%v", x, y)
	}
}
