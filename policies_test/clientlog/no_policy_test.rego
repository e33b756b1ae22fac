package pushlint.rules.clientlog.no_policy_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.clientlog.no_policy

policy_file := "clients/PC01/PolicyAgent.log"

policy_log(first, last) := fx.log(policy_file, fx.client_dir, "policyagent", "client", first, last)

# Expected PolicyAgent.log phrasing (no real line is known).
received(t) := fx.at(fx.event(1, policy_file, 12, "policy_received", "success", "", 0, "Received delta policy update with 4 assignments", {}), t)

input_with(pol, events) := {
	"inputs": {"unconfirmed_event_types": []},
	"logs": [fx.installed_log, pol],
	"events": array.concat([fx.installed], events),
	"machines": [],
}

test_fires_without_policy_since_install if {
	r := no_policy.report with input as fx.indexed(input_with(policy_log("2018-02-16T16:28:00Z", "2018-02-17T09:00:00Z"), []))
	r == {{
		"subject": {"kind": "file", "id": policy_file},
		"message": "clients/PC01/PolicyAgent.log: no policy received from the management point since the client was installed at 2018-02-16 16:27:38 UTC+0 (16:27:38Z) (clients/PC01/ccmsetup.log); the log reaches 2018-02-17 09:00:00 UTC+0 (09:00:00Z), and the client's logs go on for 16 hours after the install",
		"location": {"file": "clients/PC01/ccmsetup.log", "line": 412},
		"evidence": fx.installed_evidence,
	}}
}

test_passes_with_policy_after_install if {
	r := no_policy.report with input as fx.indexed(input_with(policy_log("2018-02-16T16:28:00Z", "2018-02-17T09:00:00Z"), [received("2018-02-16T16:40:00Z")]))
	r == set()
}

test_passes_with_an_untimed_policy_line if {
	untimed := object.union(received("2018-02-16T16:40:00Z"), {"has_time": false, "time": "", "time_seconds": 0})
	r := no_policy.report with input as fx.indexed(input_with(policy_log("2018-02-16T16:28:00Z", "2018-02-17T09:00:00Z"), [untimed]))
	r == set()
}

test_passes_without_policy_log if {
	r := no_policy.report with input as fx.indexed({"logs": [fx.installed_log], "events": [fx.installed], "machines": []})
	r == set()
}

test_passes_when_the_policy_log_is_from_another_client if {
	other := fx.log("clients/PC02/PolicyAgent.log", "clients/PC02", "policyagent", "client", "2018-02-16T16:28:00Z", "2018-02-17T09:00:00Z")
	r := no_policy.report with input as fx.indexed({"logs": [fx.installed_log, other], "events": [fx.installed], "machines": []})
	r == set()
}

# The built-in PolicyAgent.log phrases are unconfirmed: the finding rests on their absence and says so.
test_fires_unconfirmed_when_only_unconfirmed_phrases_show_policy if {
	doc := object.union(
		input_with(policy_log("2018-02-16T16:28:00Z", "2018-02-17T09:00:00Z"), []),
		{"inputs": {"unconfirmed_event_types": ["policy_received"]}},
	)
	r := no_policy.report with input as fx.indexed(doc)
	r == {{
		"subject": {"kind": "file", "id": policy_file},
		"message": "clients/PC01/PolicyAgent.log: no policy received from the management point since the client was installed at 2018-02-16 16:27:38 UTC+0 (16:27:38Z) (clients/PC01/ccmsetup.log); the log reaches 2018-02-17 09:00:00 UTC+0 (09:00:00Z), and the client's logs go on for 16 hours after the install",
		"location": {"file": "clients/PC01/ccmsetup.log", "line": 412},
		"evidence": fx.installed_evidence,
		"confidence": "unconfirmed",
	}}
}

# Requests for policy 59 minutes after the install, unanswered: within install_grace, not yet evidence.
test_passes_within_the_grace_after_install if {
	r := no_policy.report with input as fx.indexed(input_with(policy_log("2018-02-16T16:28:00Z", "2018-02-16T17:26:38Z"), []))
	r == set()
}

# Another log of the client (CcmExec.log) reaching past the grace does not make a short PolicyAgent.log
# count: the log that would show policy must reach past the install, and it does; the window is the
# client's.
test_fires_when_another_log_of_the_client_reaches_past_the_grace if {
	exec := fx.log("clients/PC01/CcmExec.log", fx.client_dir, "ccmexec", "client", "2018-02-16T16:27:00Z", "2018-02-17T09:00:00Z")
	doc := object.union(input_with(policy_log("2018-02-16T16:28:00Z", "2018-02-16T17:26:38Z"), []), {"logs": [fx.installed_log, policy_log("2018-02-16T16:28:00Z", "2018-02-16T17:26:38Z"), exec]})
	r := no_policy.report with input as fx.indexed(doc)
	r == {{
		"subject": {"kind": "file", "id": policy_file},
		"message": "clients/PC01/PolicyAgent.log: no policy received from the management point since the client was installed at 2018-02-16 16:27:38 UTC+0 (16:27:38Z) (clients/PC01/ccmsetup.log); the log reaches 2018-02-16 17:26:38 UTC+0 (17:26:38Z), and the client's logs go on for 16 hours after the install",
		"location": {"file": "clients/PC01/ccmsetup.log", "line": 412},
		"evidence": fx.installed_evidence,
	}}
}
