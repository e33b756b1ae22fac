package pushlint.rules.serverlog.push_account_refused_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.serverlog.push_account_refused

test_fires_on_logon_failure_and_access_denied if {
	r := push_account_refused.report with input as fx.indexed(fx.kb5_input)
	r == {
		{
			"subject": {"kind": "machine", "id": "COMPUTER1"},
			"message": `COMPUTER1: push account domain\account refused, error 1326/0x52e (Logon failure: unknown user name or bad password): wrong user name or password; 1 attempt, last at ccm.log:4`,
			"location": {"file": "ccm.log", "line": 4},
			"evidence": fx.kb5_evidence,
		},
		{
			"subject": {"kind": "machine", "id": "COMPUTER1"},
			"message": `COMPUTER1: push account domain\account refused, error 5 (Access is denied): the account is not an administrator of the client; 1 attempt, last at ccm.log:8`,
			"location": {"file": "ccm.log", "line": 8},
			"evidence": fx.kb5_evidence,
		},
	}
}

# Q&A 965723 (current branch): Kerberos with the machine account is refused with 0x80070005, which the
# correlation files under Win32 error 5. A Kerberos failure says nothing about the account's admin rights
# (PL109 reports it when NTLM fallback is off): no finding.
test_passes_on_kerberos_access_denied if {
	e := fx.event(0, "ccm.log", 20, "kerberos_connect_failed", "failure", "TESTPC1", 1, `---> Unable to connect to remote machine "TESTPC1.TESTDOMAIN.com" using Kerberos with machine account, error - 0x80070005.`, {"machine": "TESTPC1", "auth": "machine account", "error_code": 2147942405, "error_code_hex": "0x80070005", "error_code_win32": 5})
	f := {
		"code": 5, "hex": "0x5", "types": ["kerberos_connect_failed"], "accounts": [], "attempts": 1, "events": 1,
		"first": fx.moment(e), "last": fx.moment(e), "last_attempt": 1, "cleared": false,
	}
	m := object.union(fx.kb5_machine, {"name": "TESTPC1", "accounts": [`TESTDOMAIN\sccmDeploy`], "failures": [f]})
	r := push_account_refused.report with input as fx.indexed({"events": [e], "machines": [m]})
	r == set()
}

test_passes_when_cleared if {
	cleared := [object.union(f, {"cleared": true}) | some f in fx.kb5_machine.failures]
	m := object.union(fx.kb5_machine, {"failures": cleared})
	r := push_account_refused.report with input as fx.indexed(object.union(fx.kb5_input, {"machines": [m]}))
	r == set()
}

test_passes_on_network_errors if {
	r := push_account_refused.report with input as fx.indexed(fx.kb53_input)
	r == set()
}
