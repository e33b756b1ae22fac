package pushlint.rules.serverlog.push_completed_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.serverlog.push_completed

# The KB excerpt's machine, pushed an hour later: the ccmsetup service is created on the client.
created := fx.at_local(fx.event(6, "SMS/Logs/ccm.log", 40, "ccmsetup_service_created", "success", "COMPUTERNAME", 2, `---> Created service "ccmsetup" on machine "COMPUTERNAME".`, {"machine": "COMPUTERNAME"}), "2006-06-06T08:06:40")

pushed := object.union(fx.kb53_machine, {"attempts": 2, "pushed": true, "retrying": false, "last_success": fx.moment(created)})

test_fires_when_pushed if {
	r := push_completed.report with input as fx.indexed({"events": array.concat(fx.kb53_events, [created]), "machines": [pushed]})
	r == {{
		"subject": {"kind": "machine", "id": "COMPUTERNAME"},
		"message": "COMPUTERNAME: client push completed at 2006-06-06 08:06:40 (local time, zone unknown): Client Configuration Manager created the ccmsetup service on the client; 1 attempt failed before",
		"location": {"file": "SMS/Logs/ccm.log", "line": 40},
		"evidence": [{"file": "SMS/Logs/ccm.log", "line": 40, "text": created.text}],
	}}
}

test_fires_with_a_user_signature_at_first_attempt if {
	done := object.union(created, {"type": "push_done", "signature": "push_done", "attempt": 1})
	m := object.union(pushed, {"attempts": 1, "last_success": fx.moment(done)})
	r := push_completed.report with input as fx.indexed({"events": [done], "machines": [m]})
	r == {{
		"subject": {"kind": "machine", "id": "COMPUTERNAME"},
		"message": "COMPUTERNAME: client push completed at 2006-06-06 08:06:40 (local time, zone unknown): push done",
		"location": {"file": "SMS/Logs/ccm.log", "line": 40},
		"evidence": [{"file": "SMS/Logs/ccm.log", "line": 40, "text": created.text}],
	}}
}

test_passes_while_failing if {
	r := push_completed.report with input as fx.indexed(fx.kb53_input)
	r == set()
}

# The secondary site server installed the client at 06:00 (its Ccm.log read last); the primary failed with
# error 53 after it, at 07:06. The failure is no earlier attempt of this push.
test_fires_without_earlier_failures_when_they_came_after if {
	sec := fx.at_local(object.union(created, {"seq": 100, "file": "SEC01/SMS/Logs/ccm.log", "line": 5}), "2006-06-06T06:00:00")
	m := object.union(pushed, {"last_success": fx.moment(sec)})
	r := push_completed.report with input as fx.indexed({"events": array.concat(fx.kb53_events, [sec]), "machines": [m]})
	r == {{
		"subject": {"kind": "machine", "id": "COMPUTERNAME"},
		"message": "COMPUTERNAME: client push completed at 2006-06-06 06:00:00 (local time, zone unknown): Client Configuration Manager created the ccmsetup service on the client",
		"location": {"file": "SEC01/SMS/Logs/ccm.log", "line": 5},
		"evidence": [{"file": "SEC01/SMS/Logs/ccm.log", "line": 5, "text": created.text}],
	}}
}
