package pushlint.lib_logs_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.lib

test_error_desc_small_win32_code if {
	lib.log_error(53, "0x35") == "53 (The network path was not found)"
}

test_error_desc_large_win32_code if {
	lib.log_error(1326, "0x52e") == "1326/0x52e (Logon failure: unknown user name or bad password)"
}

test_error_desc_hresult_of_a_known_win32_code if {
	# 0x80070035 is error 53 wrapped in an HRESULT.
	lib.log_error(2147942453, "0x80070035") == "0x80070035 (The network path was not found)"
}

test_error_desc_unknown_code if {
	lib.log_error(2147549183, "0x8000ffff") == "0x8000ffff"
	lib.log_error_message(2147942999) == ""
}

test_when_without_time if {
	lib.when({"file": "ccm.log", "line": 7, "has_time": false, "time": ""}) == "ccm.log:7"
	lib.when({"file": "ccm.log", "line": 7, "has_time": true, "time": "2026-11-20T09:00:00Z"}) == "2026-11-20 09:00:00 UTC+0 (09:00:00Z)"
}

# Times as CMTrace shows them, with the zone the bias implies and UTC: Tao Yang's Melbourne line
# (13:11:09.448-600), a date that is another day in UTC, half-hour and negative zones, a wall clock of
# unknown zone. internal/wallclock's tests write the same strings in Go.
test_when_shows_the_wall_clock_and_its_zone if {
	lib.when({"has_time": true, "time": "2015-06-07T03:11:09Z", "utc_offset_minutes": 600}) == "2015-06-07 13:11:09 UTC+10 (03:11:09Z)"
	lib.when({"has_time": true, "time": "2015-06-06T23:00:00Z", "utc_offset_minutes": 600}) == "2015-06-07 09:00:00 UTC+10 (2015-06-06 23:00:00Z)"
	lib.when({"has_time": true, "time": "2017-12-18T21:32:38Z", "utc_offset_minutes": -360}) == "2017-12-18 15:32:38 UTC-6 (21:32:38Z)"
	lib.when({"has_time": true, "time": "2020-02-04T15:10:29Z", "utc_offset_minutes": 330}) == "2020-02-04 20:40:29 UTC+5:30 (15:10:29Z)"
	lib.when({"has_time": true, "time": "2020-02-04T15:10:29Z", "utc_offset_minutes": -210}) == "2020-02-04 11:40:29 UTC-3:30 (15:10:29Z)"
	lib.when({"has_time": true, "time": "2006-06-06T07:06:35", "utc_offset_minutes": 0}) == "2006-06-06 07:06:35 (local time, zone unknown)"
}

test_plural if {
	lib.plural(1, "attempt") == "1 attempt"
	lib.plural(12, "attempt") == "12 attempts"
}

test_install_event_is_the_last_exit_of_its_file if {
	logs := [fx.log("c/ccmsetup.log", "c", "ccmsetup", "client", "2018-02-16T10:00:00Z", "2018-02-16T12:00:00Z")]
	first := exit(0, 10, "2018-02-16T10:00:00Z", 0)
	second := exit(1, 20, "2018-02-16T11:00:00Z", 0)
	lib.install_event("c") == second with input as fx.indexed({"logs": logs, "events": [first, second]})
	failed := exit(2, 30, "2018-02-16T12:00:00Z", 1603)
	not lib.install_event("c") with input as fx.indexed({"logs": logs, "events": [first, second, failed]})
}

exit(seq, line, t, code) := fx.at(
	fx.event(seq, "c/ccmsetup.log", line, "ccmsetup_exit", "info", "", 0, sprintf("CcmSetup is exiting with return code %d", [code]), {"exit_code": code}),
	t,
)

test_log_finding_quoting_an_unconfirmed_line_says_so if {
	completed := object.union(
		fx.event(0, "SMS/Logs/ccm.log", 9, "request_completed", "success", "PC01", 1, "---> Completed request \"2097152019\", machine name \"PC01\".", {}),
		{"unconfirmed": true},
	)
	evidence := lib.log_evidence([completed])
	f := lib.log_finding(lib.machine_subject("PC01"), "m", lib.log_location(completed), evidence) with input as {"events": [completed]}
	f == {
		"subject": {"kind": "machine", "id": "PC01"},
		"message": "m",
		"location": {"file": "SMS/Logs/ccm.log", "line": 9},
		"evidence": evidence,
		"confidence": "unconfirmed",
	}
}

test_log_finding_on_confirmed_lines_says_nothing if {
	retry := fx.event(0, "SMS/Logs/ccm.log", 6, "request_stored_in_retry", "retry", "PC01", 1, "Stored request \"PC01.KRC\", machine name \"PC01\", in queue \"Retry\".", {})
	evidence := lib.log_evidence([retry])
	f := lib.log_finding(lib.machine_subject("PC01"), "m", lib.log_location(retry), evidence) with input as {"events": [retry]}
	f == {
		"subject": {"kind": "machine", "id": "PC01"},
		"message": "m",
		"location": {"file": "SMS/Logs/ccm.log", "line": 6},
		"evidence": evidence,
	}
}

test_resting_on_an_unconfirmed_type if {
	f := {"subject": {"kind": "file", "id": "PolicyAgent.log"}, "message": "m"}
	lib.resting_on(f, {"policy_received"}) == object.union(f, {"confidence": "unconfirmed"}) with input as {"inputs": {"unconfirmed_event_types": ["policy_received"]}}
	lib.resting_on(f, {"heartbeat_sent"}) == f with input as {"inputs": {"unconfirmed_event_types": ["policy_received"]}}
}

test_event_title_speaks_the_admins_words if {
	# A type that is a signature's id, a type several signatures yield, a type of a user's signature file.
	lib.event_title("ntlm_fallback_disabled") == "NTLM fallback is off, so push stops after Kerberos failed"
	lib.event_title("ad_publish_failed") == "the site object could not be created in Active Directory (site not published)"
	lib.event_title("push_done") == "push done"
}

# A machine's events are read through its event_index, an attempt's by filtering them; the machine may be
# given by name too.
test_attempt_events_by_index if {
	doc := fx.indexed(fx.kb53_input)
	m := doc.machines[0]
	lib.machine_events(m) == fx.kb53_events with input as doc
	lib.attempt_events(m, 1) == fx.kb53_events with input as doc
	lib.attempt_events("COMPUTERNAME", 1) == fx.kb53_events with input as doc
	lib.attempt_events(m, 2) == [] with input as doc
	lib.attempt_events("PC404", 1) == [] with input as doc
}

# A file's events of several types come back in reading order; the count of a type is the file's own
# count, which stays exact when only the first and last events of a flood are kept.
test_log_events_by_type if {
	doc := fx.indexed(fx.setup_input)
	log := doc.logs[0]
	[e.line | some e in lib.log_events_of(log, {"client_download_failed", "webdav_request_failed", "ccmsetup_exit"})] == [66, 138, 217, 220, 228] with input as doc
	[e.line | some e in lib.log_events(log, "client_download_failed")] == [217, 220] with input as doc
	lib.log_events(log, "mp_http_404") == [] with input as doc
	lib.log_event_count(log, "client_download_failed") == 2
	lib.log_event_count(object.union(log, {"event_types": {"client_download_failed": {"events": 5000, "index": [8, 9]}}}), "client_download_failed") == 5000
	lib.log_event_count(log, "mp_http_404") == 0
}

# happened_before: reading order within one file; times across files, only on the same clock.
test_happened_before if {
	a := {"file": "PRI/ccm.log", "seq": 9, "has_time": true, "time_zone_known": true, "time_seconds": 100}
	b := {"file": "SEC/ccm.log", "seq": 1, "has_time": true, "time_zone_known": true, "seconds": 200}
	lib.happened_before(a, b)
	not lib.happened_before(b, a)
	lib.happened_before(object.union(a, {"file": "SEC/ccm.log", "seq": 0}), b)
	not lib.happened_before(object.union(a, {"file": "SEC/ccm.log", "seq": 2}), b)
	not lib.happened_before(object.union(a, {"time_zone_known": false}), b)
	not lib.happened_before(object.union(a, {"has_time": false}), b)
}
