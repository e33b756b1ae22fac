package pushlint.rules.clientlog.agent_not_running_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.clientlog.agent_not_running

file := "clients/PC01/CcmExec.log"

# KB 919592: CcmExec.log (a Trace32 copy, so no times) of an agent that cannot start.
failures := [
	fx.event(0, file, 1, "ccmexec_start_failed", "failure", "", 0, "Error calling CoResumeClassObjects.", {}),
	fx.event(1, file, 2, "ccmexec_start_failed", "failure", "", 0, "Phase 1 initialization failed (0x80004015).", {"error_code": 2147500053, "error_code_hex": "0x80004015"}),
]

test_fires_on_failed_initialization if {
	r := agent_not_running.report with input as fx.indexed({"logs": [], "events": failures})
	r == {{
		"subject": {"kind": "file", "id": file},
		"message": "clients/PC01/CcmExec.log: the SMS Agent Host failed to start, error 0x80004015 (The class is configured to run as a security id different from the caller); 2 times, last at clients/PC01/CcmExec.log:2",
		"location": {"file": file, "line": 2},
		"evidence": [{"file": e.file, "line": e.line, "text": e.text} | some e in failures],
	}}
}

test_passes_when_it_started_later if {
	started := fx.event(2, file, 50, "ccmexec_started", "success", "", 0, "SMS Agent Host is starting", {})
	r := agent_not_running.report with input as fx.indexed({"logs": [], "events": array.concat(failures, [started])})
	r == set()
}

exec_log(last) := fx.log(file, fx.client_dir, "ccmexec", "client", "2018-01-02T08:00:00Z", last)

# SMSCliUI.log, written by the Systems Management control panel (not by the agent), shows the client's
# logs going on after the install: what is missing from CcmExec.log by then is evidence.
cliui(last) := fx.log("clients/PC01/SMSCliUI.log", fx.client_dir, "smscliui", "client", "2018-02-16T16:30:00Z", last)

test_fires_when_silent_since_install if {
	r := agent_not_running.report with input as fx.indexed({"logs": [fx.installed_log, exec_log("2018-02-10T17:00:00Z"), cliui("2018-02-17T09:00:00Z")], "events": [fx.installed]})
	r == {{
		"subject": {"kind": "file", "id": file},
		"message": "clients/PC01/CcmExec.log: no entry since the client was installed at 2018-02-16 16:27:38 UTC+0 (16:27:38Z) (clients/PC01/ccmsetup.log); its last entry is from 2018-02-10 17:00:00 UTC+0 (17:00:00Z), and the client's logs go on for 16 hours after the install, so the SMS Agent Host has not run since",
		"location": {"file": "clients/PC01/ccmsetup.log", "line": 412},
		"evidence": fx.installed_evidence,
	}}
}

# Collected 25 seconds after the install, the logs prove nothing missing (install_grace, 2 hours).
test_passes_within_the_grace_after_install if {
	r := agent_not_running.report with input as fx.indexed({"logs": [fx.installed_log, exec_log("2018-02-10T17:00:00Z"), cliui("2018-02-16T16:28:03Z")], "events": [fx.installed]})
	r == set()
}

# Client.msi starts the agent while ccmsetup runs: "Setting service status to RUNNING" 15 seconds before
# ccmsetup exits, after "ccmsetup started", is the start of this install, though CcmExec.log ends before the
# exit.
began := fx.at(fx.event(5, "clients/PC01/ccmsetup.log", 1, "ccmsetup_started", "info", "", 0, "==========[ ccmsetup started in process 2348 ]==========", {"pid": 2348}), "2018-02-16T16:20:01Z")

# The exit after them, in reading order.
exit := object.union(fx.installed, {"seq": 7})

running(t) := fx.at(fx.event(6, file, 9, "ccmexec_started", "success", "", 0, "Setting service status to RUNNING.", {}), t)

test_passes_when_it_started_during_the_install if {
	doc := {
		"logs": [fx.installed_log, exec_log("2018-02-16T16:27:23Z"), cliui("2018-02-17T09:00:00Z")],
		"events": [began, exit, running("2018-02-16T16:27:23Z")],
	}
	r := agent_not_running.report with input as fx.indexed(doc)
	r == set()
}

# A start before this ccmsetup run began is the old agent's, not the new one's.
test_fires_when_it_started_only_before_the_install_began if {
	doc := {
		"logs": [fx.installed_log, exec_log("2018-02-16T16:10:00Z"), cliui("2018-02-17T09:00:00Z")],
		"events": [began, exit, running("2018-02-16T16:10:00Z")],
	}
	r := agent_not_running.report with input as fx.indexed(doc)
	count(r) == 1
}

# CcmExec.log copied out of Trace32 (wall clock, zone unknown) beside a ccmsetup.log of UTC-6: its last
# entry at 12:00 local is 18:00Z, after the install at 16:27:38Z, though 12:00 read as UTC is before it.
test_reads_a_local_time_with_the_zone_of_the_client_folder if {
	setup := object.union(fx.installed_log, {"first_utc_offset_minutes": -360, "last_utc_offset_minutes": -360})
	exec := object.union(exec_log("2018-02-16T12:00:00Z"), {"local_times": true, "last_time": "2018-02-16T12:00:00"})
	r := agent_not_running.report with input as fx.indexed({"logs": [setup, exec, cliui("2018-02-17T09:00:00Z")], "events": [fx.installed]})
	r == set()
}

test_passes_when_it_logged_after_install if {
	r := agent_not_running.report with input as fx.indexed({"logs": [fx.installed_log, exec_log("2018-02-16T16:30:00Z")], "events": [fx.installed]})
	r == set()
}

test_passes_without_ccmexec_log if {
	r := agent_not_running.report with input as fx.indexed({"logs": [fx.installed_log], "events": [fx.installed]})
	r == set()
}
