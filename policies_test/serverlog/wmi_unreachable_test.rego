package pushlint.rules.serverlog.wmi_unreachable_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.serverlog.push_account_refused
import data.pushlint.rules.serverlog.wmi_unreachable

# ccm.log of an attempt that connected to ADMIN$ and then failed at WMI with access denied (the phrases of
# Microsoft Q&A 1000404 and 965723), followed by the target machine line with error code 5 (KB 925282).
_file := "SMS/Logs/ccm.log"

_connected := fx.event(0, _file, 4, "admin_share_connected", "success", "PC042", 1, `---> Connected to administrative share on machine PC042 using account 'CORP\svc-push'`, {"machine": "PC042", "account": `CORP\svc-push`})

_wmi := fx.event(1, _file, 6, "wmi_connect_failed", "failure", "PC042", 1, `---> Unable to connect to WMI on remote machine "PC042", error = 0x80070005.`, {"machine": "PC042", "error_code": 2147942405, "error_code_hex": "0x80070005", "error_code_win32": 5})

_target(code, code_hex) := fx.event(2, _file, 7, "target_access_failed", "failure", "PC042", 1, sprintf(`---> ERROR: Unable to access target machine for request: "PC042.CCR", machine name: "PC042", error code: %d`, [code]), {"machine": "PC042", "request": "PC042.CCR", "error_code": code, "error_code_hex": code_hex, "error_code_win32": code})

_failure(code, code_hex, types, events) := {
	"code": code, "hex": code_hex, "types": types, "accounts": [], "attempts": 1, "events": count(events),
	"first": fx.moment(events[0]), "last": fx.moment(events[count(events) - 1]), "last_attempt": 1, "cleared": false,
}

_machine(failures) := {
	"name": "PC042", "requests": ["PC042.CCR"], "accounts": [`CORP\svc-push`], "events": 3, "attempts": 1, "retries": 0,
	"failures": failures, "pushed": false, "last_success": null, "retrying": false,
}

_input(events, failures) := fx.indexed({"events": events, "machines": [_machine(failures)]})

_wmi_input := _input([_connected, _wmi, _target(5, "0x5")], [_failure(5, "0x5", ["target_access_failed", "wmi_connect_failed"], [_wmi, _target(5, "0x5")])])

test_fires_on_wmi_access_denied_after_admin_share if {
	r := wmi_unreachable.report with input as _wmi_input
	r == {{
		"subject": {"kind": "machine", "id": "PC042"},
		"message": `PC042: connected to ADMIN$ as CORP\svc-push, but the WMI connection to the client failed, error 0x80070005 (Access is denied); 1 attempt, last at SMS/Logs/ccm.log:7`,
		"location": {"file": _file, "line": 6},
		"evidence": [
			{"file": _file, "line": 4, "text": _connected.text},
			{"file": _file, "line": 6, "text": _wmi.text},
		],
	}}
}

# The same attempt's access denied is not the account's: PL103 stays silent.
test_account_rule_silent_for_the_same_attempt if {
	r := push_account_refused.report with input as _wmi_input
	r == set()
}

test_fires_on_rpc_unavailable if {
	t := _target(1722, "0x6ba")
	r := wmi_unreachable.report with input as _input([_connected, t], [_failure(1722, "0x6ba", ["target_access_failed"], [t])])
	r == {{
		"subject": {"kind": "machine", "id": "PC042"},
		"message": `PC042: connected to ADMIN$ as CORP\svc-push, but the client did not answer over RPC (Client Configuration Manager could not access the target machine), error 1722/0x6ba (The RPC server is unavailable); 1 attempt, last at SMS/Logs/ccm.log:7`,
		"location": {"file": _file, "line": 7},
		"evidence": [
			{"file": _file, "line": 4, "text": _connected.text},
			{"file": _file, "line": 7, "text": t.text},
		],
	}}
}

# Access denied on the target machine line alone is the account's (PL103), not WMI's.
test_passes_on_account_access_denied if {
	t := _target(5, "0x5")
	r := wmi_unreachable.report with input as _input([t], [_failure(5, "0x5", ["target_access_failed"], [t])])
	r == set()
}

test_passes_when_cleared if {
	f := object.union(_failure(5, "0x5", ["target_access_failed", "wmi_connect_failed"], [_wmi, _target(5, "0x5")]), {"cleared": true})
	r := wmi_unreachable.report with input as _input([_connected, _wmi, _target(5, "0x5")], [f])
	r == set()
}
