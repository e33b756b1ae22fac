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
