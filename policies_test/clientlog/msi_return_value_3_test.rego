package pushlint.rules.clientlog.msi_return_value_3_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.clientlog.msi_return_value_3

file := `C:\Windows\ccmsetup\Logs\client.msi.log`

line(n, text) := {"file": file, "line": n, "text": text}

# KB 4015968: the SQL CE errors before Return value 3 were marked "ignore on failure"; what failed is the
# InstallFinalize action. The lines before it are what the KB says to read.
before := [
	line(1, `Compiling Sql CE script file: C:\Windows\CCM\StateMessageStore.sqlce into database C:\Windows\CCM\StateMessageStore.sdf`),
	line(3, "ERROR: Failed to execute SQL statement:"),
	line(5, "DROP TABLE CCM_StateMsg;"),
	line(7, "with error (0x80040e37)."),
	line(9, "WARNING: Failed to compile"),
	line(11, "DROP TABLE CCM_StateMsg;"),
	line(13, ". Error code = 0x80040e37."),
	line(15, "This script is marked as ignore on failure. Continue with other scripts."),
]

rv3 := object.union(
	fx.event(0, file, 16, "msi_return_value_3", "failure", "", 0, "Action ended 17:56:36: InstallFinalize. Return value 3.", {"action": "InstallFinalize"}),
	{"before": before},
)

status := fx.event(1, file, 21, "msi_install_status", "info", "", 0, "MSI (s) 128 (0x80) Windows Installer installed the product. Product Name: Configuration Manager Client. Product Version: 5.00.8458.1000. Product Language: 1033. Installation success or error status: 1603.", {"status": 1603})

test_fires_with_the_action_and_the_lines_before if {
	r := msi_return_value_3.report with input as fx.indexed({"events": [rv3, status]})
	r == {{
		"subject": {"kind": "file", "id": file},
		"message": `C:\Windows\ccmsetup\Logs\client.msi.log: the installation failed in action InstallFinalize (Return value 3); the lines before it say why`,
		"location": {"file": file, "line": 16},
		"evidence": array.concat(before, [line(16, "Action ended 17:56:36: InstallFinalize. Return value 3.")]),
	}}
}

# KB 2905359: a custom action's own error, among the lines before Return value 3; then more Return value 3
# lines from the actions that fail because of it.
test_fires_with_the_custom_action_error if {
	custom := fx.event(0, file, 30, "msi_custom_action_error", "failure", "", 0, "CustomAction CcmRegisterHostingConfiguration returned actual error code 1603", {"action": "CcmRegisterHostingConfiguration", "error_code": 1603, "error_code_hex": "0x643", "error_code_win32": 1603})
	first := object.union(fx.event(1, file, 31, "msi_return_value_3", "failure", "", 0, "Action ended 12:00:01: CcmRegisterHostingConfiguration. Return value 3.", {"action": "CcmRegisterHostingConfiguration"}), {"before": [line(30, custom.text)]})
	second := fx.event(2, file, 60, "msi_return_value_3", "failure", "", 0, "Action ended 12:00:09: INSTALL. Return value 3.", {"action": "INSTALL"})
	r := msi_return_value_3.report with input as fx.indexed({"events": [custom, first, second]})
	r == {{
		"subject": {"kind": "file", "id": file},
		"message": `C:\Windows\ccmsetup\Logs\client.msi.log: the installation failed in action CcmRegisterHostingConfiguration (Return value 3, the first of 2 such lines); custom action CcmRegisterHostingConfiguration returned error 1603/0x643 (Fatal error during installation); the lines before it say why`,
		"location": {"file": file, "line": 31},
		"evidence": [line(30, custom.text), line(31, first.text)],
	}}
}

# KB 925282 quotes the marker alone.
test_fires_on_the_bare_marker if {
	e := fx.event(0, "client.msi.log", 1, "msi_return_value_3", "failure", "", 0, "Return Value 3", {})
	r := msi_return_value_3.report with input as fx.indexed({"events": [e]})
	r == {{
		"subject": {"kind": "file", "id": "client.msi.log"},
		"message": "client.msi.log: the installation failed in an action the log does not name (Return value 3); the lines before it in the full log say why",
		"location": {"file": "client.msi.log", "line": 1},
		"evidence": [{"file": "client.msi.log", "line": 1, "text": "Return Value 3"}],
	}}
}

test_passes_when_a_later_install_succeeded if {
	ok := object.union(status, {"seq": 2, "line": 900, "fields": {"status": 0}})
	r := msi_return_value_3.report with input as fx.indexed({"events": [rv3, status, ok]})
	r == set()
}

test_passes_without_return_value_3 if {
	r := msi_return_value_3.report with input as fx.indexed({"events": [status]})
	r == set()
}
