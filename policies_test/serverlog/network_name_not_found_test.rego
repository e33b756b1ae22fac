package pushlint.rules.serverlog.network_name_not_found_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.serverlog.network_name_not_found

# Q262298 (SMS 2.0): the admin$ failure and the access failure of one CCR, both with error 67.
events := [
	fx.event(0, "ccm.log", 10, "admin_share_connect_failed", "failure", "PC7", 1, `---> Failed to connect to \\PC7\admin$ using account DOM\smspush (67)`, {"machine": "PC7", "account": `DOM\smspush`, "error_code": 67, "error_code_hex": "0x43", "error_code_win32": 67}),
	fx.event(1, "ccm.log", 11, "target_access_failed", "failure", "PC7", 1, `---> ERROR: Unable to access target machine for request: "PC7.CCR", machine name: "PC7", error code: 67`, {"machine": "PC7", "request": "PC7.CCR", "error_code": 67, "error_code_hex": "0x43", "error_code_win32": 67}),
]

failure(cleared) := {
	"code": 67, "hex": "0x43", "types": ["admin_share_connect_failed", "target_access_failed"], "accounts": [`DOM\smspush`],
	"attempts": 1, "events": 2, "first": fx.moment(events[0]), "last": fx.moment(events[1]), "last_attempt": 1, "cleared": cleared,
}

machine(cleared) := object.union(fx.kb53_machine, {"name": "PC7", "failures": [failure(cleared)]})

test_fires_on_error_67 if {
	r := network_name_not_found.report with input as fx.indexed({"events": events, "machines": [machine(false)]})
	r == {{
		"subject": {"kind": "machine", "id": "PC7"},
		"message": "PC7: the ADMIN$ share cannot be found, error 67 (The network name cannot be found): File and Printer Sharing is not installed or the Server service is stopped on the client; 1 attempt, last at ccm.log:11",
		"location": {"file": "ccm.log", "line": 11},
		"evidence": [{"file": e.file, "line": e.line, "text": e.text} | some e in events],
	}}
}

test_passes_when_cleared if {
	r := network_name_not_found.report with input as fx.indexed({"events": events, "machines": [machine(true)]})
	r == set()
}

test_passes_on_error_53 if {
	r := network_name_not_found.report with input as fx.indexed(fx.kb53_input)
	r == set()
}
