package pushlint.rules.serverlog.kerberos_no_fallback_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.serverlog.kerberos_no_fallback
import data.pushlint.rules.serverlog.push_account_refused

# Microsoft Q&A 965723 (current branch): Kerberos with the alternate account fails with 0x80004005 and
# with the machine account with 0x80070005; NTLM fallback is not enabled.
_file := "SMS/Logs/ccm.log"

_kerberos(seq, line, auth, code, code_hex, win32) := fx.event(seq, _file, line, "kerberos_connect_failed", "failure", "TESTPC1", 1, sprintf(`---> Unable to connect to remote machine "TESTPC1" using Kerberos with %s, error - %s.`, [auth, code_hex]), object.union({"machine": "TESTPC1", "auth": auth, "error_code": code, "error_code_hex": code_hex}, win32))

_ntlm(seq, line) := fx.event(seq, _file, line, "ntlm_fallback_disabled", "failure", "TESTPC1", 1, `--> NTLM fallback is not enabled, remote machine "TESTPC1" is not continuing with client push.`, {"machine": "TESTPC1"})

_events := [
	_kerberos(0, 18, "alternate account", 2147500037, "0x80004005", {}),
	_ntlm(1, 19),
	_kerberos(2, 20, "machine account", 2147942405, "0x80070005", {"error_code_win32": 5}),
	_ntlm(3, 21),
]

_failure(code, code_hex, types, first, last) := {
	"code": code, "hex": code_hex, "types": types, "accounts": [], "attempts": 1, "events": 2,
	"first": fx.moment(first), "last": fx.moment(last), "last_attempt": 1, "cleared": false,
}

_failures := [
	_failure(2147500037, "0x80004005", ["kerberos_connect_failed"], _events[0], _events[0]),
	_failure(null, "", ["ntlm_fallback_disabled"], _events[1], _events[3]),
	_failure(5, "0x5", ["kerberos_connect_failed"], _events[2], _events[2]),
]

_machine(failures) := {
	"name": "TESTPC1", "requests": ["2097152019"], "accounts": [`TESTDOMAIN\sccmDeploy`], "events": 4, "attempts": 1,
	"retries": 1, "failures": failures, "pushed": false, "last_success": null, "retrying": true,
}

_input := fx.indexed({"events": _events, "machines": [_machine(_failures)]})

test_fires_when_ntlm_fallback_is_off if {
	r := kerberos_no_fallback.report with input as _input
	r == {{
		"subject": {"kind": "machine", "id": "TESTPC1"},
		"message": "TESTPC1: Kerberos authentication to the client failed (with alternate account: error 0x80004005 (Unspecified error); with machine account: error 0x80070005 (Access is denied)) and NTLM fallback is not enabled, so the push stopped; 1 attempt, last at SMS/Logs/ccm.log:21",
		"location": {"file": _file, "line": 21},
		"evidence": [{"file": e.file, "line": e.line, "text": e.text} | some e in _events],
	}}
}

# The Kerberos line's 0x80070005 says nothing about the account's admin rights: PL103 stays silent.
test_account_rule_silent if {
	r := push_account_refused.report with input as _input
	r == set()
}

# With NTLM fallback on, the push goes on past Kerberos: no finding.
test_passes_when_fallback_enabled if {
	events := [_events[0], _events[2]]
	failures := [_failures[0], _failures[2]]
	r := kerberos_no_fallback.report with input as fx.indexed({"events": events, "machines": [_machine(failures)]})
	r == set()
}

test_passes_when_cleared if {
	failures := [object.union(f, {"cleared": true}) | some f in _failures]
	r := kerberos_no_fallback.report with input as fx.indexed({"events": _events, "machines": [_machine(failures)]})
	r == set()
}
