package pushlint.rules.serverlog.client_files_not_installed_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.serverlog.client_files_not_installed
import data.pushlint.rules.serverlog.push_account_refused

# ccm.log of an attempt that connected to ADMIN$ and could not copy ccmsetup.exe, or create the ccmsetup
# service (the expected failure forms of the copy and service lines; unconfirmed).
_file := "SMS/Logs/ccm.log"

_copy(code, code_hex, win32) := fx.event(1, _file, 9, "client_file_copy_failed", "failure", "PC042", 1, sprintf(`---> Failed to copy file "C:\SMS\bin\I386\ccmsetup.exe" to "\\PC042\admin$\system32\ccmsetup\ccmsetup.exe", error %d`, [code]), {"machine": "PC042", "source": `C:\SMS\bin\I386\ccmsetup.exe`, "destination": `\\PC042\admin$\system32\ccmsetup\ccmsetup.exe`, "error_code": code, "error_code_hex": code_hex, "error_code_win32": win32})

_service := fx.event(1, _file, 9, "ccmsetup_service_failed", "failure", "PC042", 1, `---> Failed to create service "ccmsetup" on machine "PC042", error 1072`, {"machine": "PC042", "step": "create", "error_code": 1072, "error_code_hex": "0x430", "error_code_win32": 1072})

_input(e, cleared) := fx.indexed({"events": [e], "machines": [{
	"name": "PC042", "requests": ["PC042.CCR"], "accounts": [], "events": 1, "attempts": 1, "retries": 0,
	"failures": [{
		"code": e.fields.error_code_win32, "hex": e.fields.error_code_hex, "types": [e.type], "accounts": [], "attempts": 1,
		"events": 1, "first": fx.moment(e), "last": fx.moment(e), "last_attempt": 1, "cleared": cleared,
	}],
	"pushed": false, "last_success": null, "retrying": false,
}]})

test_fires_on_copy_failure if {
	e := _copy(112, "0x70", 112)
	r := client_files_not_installed.report with input as _input(e, false)
	r == {{
		"subject": {"kind": "machine", "id": "PC042"},
		"message": `PC042: the site server could not copy ccmsetup.exe to the client (\\PC042\admin$\system32\ccmsetup\ccmsetup.exe), error 112 (There is not enough space on the disk); 1 attempt, last at SMS/Logs/ccm.log:9`,
		"location": {"file": _file, "line": 9},
		"evidence": [{"file": _file, "line": 9, "text": e.text}],
	}}
}

test_fires_on_service_failure if {
	r := client_files_not_installed.report with input as _input(_service, false)
	r == {{
		"subject": {"kind": "machine", "id": "PC042"},
		"message": "PC042: the site server could not create the ccmsetup service on the client, error 1072/0x430 (The specified service has been marked for deletion); 1 attempt, last at SMS/Logs/ccm.log:9",
		"location": {"file": _file, "line": 9},
		"evidence": [{"file": _file, "line": 9, "text": _service.text}],
	}}
}

# Access denied on the copy, after ADMIN$ connected, is not the account's logon: PL103 stays silent.
test_account_rule_silent_on_copy_access_denied if {
	e := _copy(5, "0x5", 5)
	r := push_account_refused.report with input as _input(e, false)
	r == set()
}

test_passes_when_cleared if {
	r := client_files_not_installed.report with input as _input(_service, true)
	r == set()
}
