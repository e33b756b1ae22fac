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

test_fires_when_silent_since_install if {
	r := agent_not_running.report with input as fx.indexed({"logs": [fx.installed_log, exec_log("2018-02-10T17:00:00Z")], "events": [fx.installed]})
	r == {{
		"subject": {"kind": "file", "id": file},
		"message": "clients/PC01/CcmExec.log: no entry since the client was installed at 2018-02-16 16:27:38 UTC+0 (16:27:38Z) (clients/PC01/ccmsetup.log); its last entry is from 2018-02-10 17:00:00 UTC+0 (17:00:00Z), so the SMS Agent Host has not run since",
		"location": {"file": "clients/PC01/ccmsetup.log", "line": 412},
		"evidence": fx.installed_evidence,
	}}
}

test_passes_when_it_logged_after_install if {
	r := agent_not_running.report with input as fx.indexed({"logs": [fx.installed_log, exec_log("2018-02-16T16:30:00Z")], "events": [fx.installed]})
	r == set()
}

test_passes_without_ccmexec_log if {
	r := agent_not_running.report with input as fx.indexed({"logs": [fx.installed_log], "events": [fx.installed]})
	r == set()
}
