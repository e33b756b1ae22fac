package pushlint.rules.serverlog.admin_share_unreachable_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.serverlog.admin_share_unreachable

test_fires_on_error_53_after_0x4b3 if {
	r := admin_share_unreachable.report with input as fx.indexed(fx.kb53_input)
	r == {{
		"subject": {"kind": "machine", "id": "COMPUTERNAME"},
		"message": "COMPUTERNAME: ADMIN$ share and remote registry unreachable, error 53 (The network path was not found), after 1203/0x4b3 (No network provider accepted the given network path); 1 attempt since 2006-06-06 07:06:35 (local time, zone unknown), last at 2006-06-06 07:06:35 (local time, zone unknown)",
		"location": {"file": "SMS/Logs/ccm.log", "line": 6},
		"evidence": fx.kb53_evidence,
	}}
}

test_fires_on_0x4b3_alone_without_times if {
	failure := object.union(fx.kb53_failure_4b3, {
		"first": object.union(fx.kb53_failure_4b3.first, {"has_time": false, "time": ""}),
		"last": object.union(fx.kb53_failure_4b3.last, {"has_time": false, "time": ""}),
	})
	machine := object.union(fx.kb53_machine, {"failures": [failure]})
	r := admin_share_unreachable.report with input as fx.indexed(object.union(fx.kb53_input, {"machines": [machine]}))
	r == {{
		"subject": {"kind": "machine", "id": "COMPUTERNAME"},
		"message": "COMPUTERNAME: ADMIN$ share and remote registry unreachable, error 1203/0x4b3 (No network provider accepted the given network path); 1 attempt, last at SMS/Logs/ccm.log:4",
		"location": {"file": "SMS/Logs/ccm.log", "line": 4},
		"evidence": fx.kb53_evidence,
	}}
}

test_passes_when_a_later_connection_cleared_it if {
	cleared := [object.union(f, {"cleared": true}) | some f in fx.kb53_machine.failures]
	machine := object.union(fx.kb53_machine, {"failures": cleared})
	r := admin_share_unreachable.report with input as fx.indexed(object.union(fx.kb53_input, {"machines": [machine]}))
	r == set()
}

test_passes_on_access_denied if {
	r := admin_share_unreachable.report with input as fx.indexed(fx.kb5_input)
	r == set()
}

test_passes_without_logs if {
	r := admin_share_unreachable.report with input as fx.indexed({"logs": [], "events": [], "machines": []})
	r == set()
}
