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
	lib.when({"file": "ccm.log", "line": 7, "has_time": true, "time": "2026-11-20T09:00:00Z"}) == "2026-11-20T09:00:00Z"
}

test_plural if {
	lib.plural(1, "attempt") == "1 attempt"
	lib.plural(12, "attempt") == "12 attempts"
}

test_install_event_is_the_last_exit_of_its_file if {
	logs := [fx.log("c/ccmsetup.log", "c", "ccmsetup", "client", "2018-02-16T10:00:00Z", "2018-02-16T12:00:00Z")]
	first := exit(0, 10, "2018-02-16T10:00:00Z", 0)
	second := exit(1, 20, "2018-02-16T11:00:00Z", 0)
	lib.install_event("c") == second with input as {"logs": logs, "events": [first, second]}
	failed := exit(2, 30, "2018-02-16T12:00:00Z", 1603)
	not lib.install_event("c") with input as {"logs": logs, "events": [first, second, failed]}
}

exit(seq, line, t, code) := fx.at(
	fx.event(seq, "c/ccmsetup.log", line, "ccmsetup_exit", "info", "", 0, sprintf("CcmSetup is exiting with return code %d", [code]), {"exit_code": code}),
	t,
)
