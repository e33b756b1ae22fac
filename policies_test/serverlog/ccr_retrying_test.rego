package pushlint.rules.serverlog.ccr_retrying_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.serverlog.ccr_retrying

test_fires_while_retrying if {
	r := ccr_retrying.report with input as fx.indexed(fx.kb53_input)
	r == {{
		"subject": {"kind": "machine", "id": "COMPUTERNAME"},
		"message": "COMPUTERNAME: CCR COMPUTERNAME.KRC is in the Retry queue, 1 retry since 2006-06-06 07:06:36 (local time, zone unknown), last at 2006-06-06 07:06:36 (local time, zone unknown); Client Configuration Manager retries it every 60 minutes and discards it after 168 retries (7 days); last failure: error 53 (The network path was not found)",
		"location": {"file": "SMS/Logs/ccm.log", "line": 7},
		"evidence": [{"file": e.file, "line": e.line, "text": e.text} | some e in fx.kb53_events; e.role != "info"],
	}}
}

# A week later: the same failure, attempt after attempt, retried every hour.
week_later := fx.at_local(object.union(fx.kb53_events[5], {"seq": 900, "line": 9000, "attempt": 168}), "2006-06-13T07:06:36")

week_later_failure := fx.at_local(object.union(fx.kb53_events[4], {"seq": 899, "line": 8999, "attempt": 168}), "2006-06-13T07:06:35")

exhausted_input(retries) := object.union(fx.kb53_input, {
	"events": array.concat(fx.kb53_events, [week_later_failure, week_later]),
	"machines": [object.union(fx.kb53_machine, {
		"attempts": 168,
		"retries": retries,
		"last_retry": fx.moment(week_later),
		"failures": [fx.kb53_failure_4b3, object.union(fx.kb53_failure_53, {"last": fx.moment(week_later_failure), "last_attempt": 168, "attempts": 168})],
	})],
})

test_fires_as_error_after_seven_days if {
	r := ccr_retrying.report with input as fx.indexed(exhausted_input(168))
	r == {{
		"subject": {"kind": "machine", "id": "COMPUTERNAME"},
		"message": "COMPUTERNAME: CCR COMPUTERNAME.KRC was retried 168 times from 2006-06-06 07:06:36 (local time, zone unknown) to 2006-06-13 07:06:36 (local time, zone unknown): Client Configuration Manager discards it after 168 retries (7 days), so the machine will not be pushed to again until it is rediscovered; last failure: error 53 (The network path was not found)",
		"location": {"file": "SMS/Logs/ccm.log", "line": 9000},
		"evidence": [
			{"file": "SMS/Logs/ccm.log", "line": 7, "text": fx.kb53_events[5].text},
			{"file": "SMS/Logs/ccm.log", "line": 8999, "text": fx.kb53_events[4].text},
			{"file": "SMS/Logs/ccm.log", "line": 9000, "text": fx.kb53_events[5].text},
		],
		"severity": "error",
	}}
}

test_fires_as_error_after_seven_days_of_fewer_retries if {
	r := ccr_retrying.report with input as fx.indexed(exhausted_input(40))
	some f in r
	f.severity == "error"
	startswith(f.message, "COMPUTERNAME: CCR COMPUTERNAME.KRC was retried 40 times from 2006-06-06 07:06:36 (local time, zone unknown) to 2006-06-13 07:06:36 (local time, zone unknown)")
}

# retry_limit is a parameter (.pushlint.yaml params): with 200 tries an hour apart, a week of 168 retries is still
# inside the window, so the CCR is retrying, not discarded.
test_fires_as_a_warning_within_a_larger_retry_limit if {
	r := ccr_retrying.report with input as fx.indexed(exhausted_input(168)) with data.pushlint.params.retry_limit as 200
	r == {{
		"subject": {"kind": "machine", "id": "COMPUTERNAME"},
		"message": "COMPUTERNAME: CCR COMPUTERNAME.KRC is in the Retry queue, 168 retries since 2006-06-06 07:06:36 (local time, zone unknown), last at 2006-06-13 07:06:36 (local time, zone unknown); Client Configuration Manager retries it every 60 minutes and discards it after 200 retries (8 days); last failure: error 53 (The network path was not found)",
		"location": {"file": "SMS/Logs/ccm.log", "line": 9000},
		"evidence": [
			{"file": "SMS/Logs/ccm.log", "line": 7, "text": fx.kb53_events[5].text},
			{"file": "SMS/Logs/ccm.log", "line": 8999, "text": fx.kb53_events[4].text},
			{"file": "SMS/Logs/ccm.log", "line": 9000, "text": fx.kb53_events[5].text},
		],
	}}
}

test_passes_when_the_push_completed_later if {
	m := object.union(fx.kb53_machine, {"retrying": false, "pushed": true})
	r := ccr_retrying.report with input as fx.indexed(object.union(fx.kb53_input, {"machines": [m]}))
	r == set()
}

test_passes_without_retries if {
	r := ccr_retrying.report with input as fx.indexed(fx.kb5_input)
	r == set()
}

# Q&A 965723: a current-branch push whose last failure carries no code (NTLM fallback is off), for a CCR
# the log names by its database id only; the same machine already retried twice.
test_fires_naming_a_failure_without_code if {
	ntlm := fx.event(0, "ccm.log", 23, "ntlm_fallback_disabled", "failure", "TESTPC1", 1, `--> NTLM fallback is not enabled, remote machine "TESTPC1" is not continuing with client push.`, {"machine": "TESTPC1"})
	retry := fx.event(1, "ccm.log", 26, "request_stored_in_retry", "retry", "TESTPC1", 1, `Stored request "2097152019", machine name "TESTPC1", in queue "Retry".`, {"machine": "TESTPC1", "request": "2097152019"})
	f := {
		"code": null, "hex": "", "types": ["ntlm_fallback_disabled"], "accounts": [], "attempts": 1, "events": 1,
		"first": fx.moment(ntlm), "last": fx.moment(ntlm), "last_attempt": 1, "cleared": false,
	}
	m := object.union(fx.kb53_machine, {
		"name": "TESTPC1", "requests": [], "retries": 2, "failures": [f],
		"first_retry": fx.moment(retry), "last_retry": fx.moment(retry),
	})
	r := ccr_retrying.report with input as fx.indexed({"events": [ntlm, retry], "machines": [m]})
	r == {{
		"subject": {"kind": "machine", "id": "TESTPC1"},
		"message": "TESTPC1: its CCR is in the Retry queue, 2 retries, last at ccm.log:26; Client Configuration Manager retries it every 60 minutes and discards it after 168 retries (7 days); last failure: NTLM fallback is off, so push stops after Kerberos failed",
		"location": {"file": "ccm.log", "line": 26},
		"evidence": [{"file": "ccm.log", "line": 23, "text": ntlm.text}, {"file": "ccm.log", "line": 26, "text": retry.text}],
	}}
}

# Two site servers' Ccm.logs: the secondary's (read last, higher seq) failed with 0x4b3 at 06:00, an hour
# before the primary's error 53. The last failure is the one latest in time, not the one read last.
test_names_the_failure_latest_in_time_not_the_one_read_last if {
	sec := fx.at_local(object.union(fx.kb53_events[1], {"seq": 100, "file": "SEC01/SMS/Logs/ccm.log", "line": 3}), "2006-06-06T06:00:00")
	f4b3 := object.union(fx.kb53_failure_4b3, {"first": fx.moment(sec), "last": fx.moment(sec)})
	m := object.union(fx.kb53_machine, {"failures": [f4b3, fx.kb53_failure_53]})
	r := ccr_retrying.report with input as fx.indexed(object.union(fx.kb53_input, {"events": array.concat(fx.kb53_events, [sec]), "machines": [m]}))
	r == {{
		"subject": {"kind": "machine", "id": "COMPUTERNAME"},
		"message": "COMPUTERNAME: CCR COMPUTERNAME.KRC is in the Retry queue, 1 retry since 2006-06-06 07:06:36 (local time, zone unknown), last at 2006-06-06 07:06:36 (local time, zone unknown); Client Configuration Manager retries it every 60 minutes and discards it after 168 retries (7 days); last failure: error 53 (The network path was not found)",
		"location": {"file": "SMS/Logs/ccm.log", "line": 7},
		"evidence": array.concat(
			[{"file": e.file, "line": e.line, "text": e.text} | some e in fx.kb53_events; e.role != "info"],
			[{"file": sec.file, "line": 3, "text": sec.text}],
		),
	}}
}
