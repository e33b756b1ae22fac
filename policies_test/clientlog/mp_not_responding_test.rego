package pushlint.rules.clientlog.mp_not_responding_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.clientlog.mp_not_responding

# KB 925282 quotes the ccmsetup.log line of an upgrade against a missing management point.
e404 := fx.event(0, "ccmsetup.log", 3, "mp_http_404", "failure", "", 0, "Server failed to process message and returned status code 404", {})

test_fires_on_404 if {
	r := mp_not_responding.report with input as fx.indexed({"events": [e404]})
	r == {{
		"subject": {"kind": "file", "id": "ccmsetup.log"},
		"message": "ccmsetup.log: the management point answered HTTP 404 (\"Server failed to process message\"): it is not installed or not running; 1 time, last at ccmsetup.log:3",
		"location": {"file": "ccmsetup.log", "line": 3},
		"evidence": [{"file": "ccmsetup.log", "line": 3, "text": "Server failed to process message and returned status code 404"}],
	}}
}

test_passes_when_ccmsetup_later_succeeded if {
	ok := fx.event(1, "ccmsetup.log", 90, "ccmsetup_exit", "info", "", 0, "CcmSetup is exiting with return code 0", {"exit_code": 0, "exit_code_hex": "0x0", "exit_code_win32": 0})
	r := mp_not_responding.report with input as fx.indexed({"events": [e404, ok]})
	r == set()
}

test_passes_on_a_download_404 if {
	# The BITS download's HTTP 404 is PL202's; the management point answered.
	r := mp_not_responding.report with input as fx.indexed(fx.setup_input)
	r == set()
}
