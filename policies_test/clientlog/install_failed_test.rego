package pushlint.rules.clientlog.install_failed_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.clientlog.install_failed

# KB 2467702's ccmsetup.log lines, KB 2905359's custom action line and KB 4015968's Return value 3, in the
# folder of one client.
_dir := "clients/PC042"

_setup := "clients/PC042/ccmsetup.log"

_msi := "clients/PC042/client.msi.log"

_failed := fx.at(fx.event(0, _setup, 2, "client_install_failed", "failure", "", 0, "Installation failed with error code 1603", {"error_code": 1603, "error_code_hex": "0x643", "error_code_win32": 1603}), "2010-12-11T21:26:12Z")

_custom := fx.event(1, _msi, 12, "msi_custom_action_error", "failure", "", 0, "CustomAction CcmRegisterHostingConfiguration returned actual error code 1603", {"action": "CcmRegisterHostingConfiguration", "error_code": 1603, "error_code_hex": "0x643", "error_code_win32": 1603})

_rv3 := fx.event(2, _msi, 13, "msi_return_value_3", "failure", "", 0, "Action ended 10:27:31: CcmRegisterHostingConfiguration. Return value 3.", {"action": "CcmRegisterHostingConfiguration"})

_exit(seq, code, t) := fx.at(fx.event(seq, _setup, 9, "ccmsetup_exit", "info", "", 0, sprintf("CcmSetup is exiting with return code %d", [code]), {"exit_code": code, "exit_code_hex": "0x0"}), t)

_logs(events) := [fx.log(f, _dir, kind, "client", "", "") |
	some [f, kind] in [[_setup, "ccmsetup"], [_msi, "client_msi"]]
	some e in events
	e.file == f
]

_input(events) := fx.indexed({"logs": _logs(events), "events": events, "machines": []})

test_fires_on_ccmsetup_installation_failed if {
	r := install_failed.report with input as _input([_failed])
	r == {{
		"subject": {"kind": "file", "id": _setup},
		"message": `clients/PC042/ccmsetup.log: the client installation failed with error 1603/0x643 (Fatal error during installation); no "Return value 3" line in the given logs says which step failed`,
		"location": {"file": _setup, "line": 2},
		"evidence": [{"file": _setup, "line": 2, "text": _failed.text}],
	}}
}

test_fires_naming_the_custom_action if {
	r := install_failed.report with input as _input([_failed, _custom])
	r == {{
		"subject": {"kind": "file", "id": _msi},
		"message": `clients/PC042/client.msi.log: the client installation failed with error 1603/0x643 (Fatal error during installation) in custom action CcmRegisterHostingConfiguration; no "Return value 3" line in the given logs says which step failed`,
		"location": {"file": _msi, "line": 12},
		"evidence": [{"file": _setup, "line": 2, "text": _failed.text}, {"file": _msi, "line": 12, "text": _custom.text}],
	}}
}

# Return value 3 in the same client's folder: PL201 reports the failure; this rule stays silent.
test_passes_when_return_value_3_explains if {
	r := install_failed.report with input as _input([_failed, _custom, _rv3])
	r == set()
}

test_passes_when_ccmsetup_exits_0_later if {
	r := install_failed.report with input as _input([_failed, _exit(3, 0, "2010-12-11T22:02:40Z")])
	r == set()
}

test_fires_when_the_exit_0_came_before if {
	r := install_failed.report with input as _input([_exit(3, 0, "2010-12-11T20:02:40Z"), _failed])
	count(r) == 1
}

test_passes_when_installation_succeeded_later if {
	ok := fx.at(fx.event(3, _setup, 3, "client_install_succeeded", "info", "", 0, "Installation succeeded", {}), "2010-12-11T22:02:40Z")
	r := install_failed.report with input as _input([_failed, ok])
	r == set()
}
