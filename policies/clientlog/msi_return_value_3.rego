# METADATA
# title: client.msi.log shows "Return value 3", an installer action failed
# description: |
#   Windows Installer writes "Return value 3" when an action of Client.msi fails, and the installation
#   rolls back. The KB's advice is to find the first "Return value 3" and read the lines just before it,
#   which say why; searching client.msi.log for the word "Error" misleads, because the log also records
#   errors that the installer ignores. The finding names the failing action and quotes those lines. A later
#   successful installation in the same log clears it.
# custom:
#   id: PL201
#   severity: error
#   kb_section: The SMS Advanced Client cannot access the installation file on the SMS site server
#   remediation: |
#     Read the quoted lines above "Return value 3" in client.msi.log (%windir%\System32\ccmsetup on SMS 2003
#     and ConfigMgr 2007 clients) and fix what they name; when the action is a custom action, its own
#     error code is on the line "CustomAction <name> returned actual error code". Then run ccmsetup again.
#   reads:
#     - events
package pushlint.rules.clientlog.msi_return_value_3

import data.pushlint.lib

report contains lib.log_finding(lib.file_subject(log.file), message, lib.log_location(first), evidence) if {
	some log in input.logs
	failures := lib.log_events(log, "msi_return_value_3")
	count(failures) > 0
	first := failures[0]
	not _installed_after(log, first.seq)
	message := sprintf("%s: the installation failed in %s (Return value 3%s)%s; %s", [
		log.file, _action(first), _later(lib.log_event_count(log, "msi_return_value_3")), _custom_action(log, first), _read(first),
	])
	evidence := lib.log_evidence(array.concat(first.before, [first]))
}

_read(e) := "the lines before it say why" if {
	count(e.before) > 0
} else := "the lines before it in the full log say why"

_action(e) := sprintf("action %s", [e.fields.action]) if {
	e.fields.action != ""
} else := "an action the log does not name"

# _custom_action quotes the error a custom action returned among the lines before Return value 3.
_custom_action(log, e) := sprintf("; custom action %s returned error %s", [c.fields.action, lib.log_error(c.fields.error_code, c.fields.error_code_hex)]) if {
	window := [c |
		some c in lib.log_events(log, "msi_custom_action_error")
		c.seq < e.seq
		c.line >= _window_start(e)
	]
	c := window[count(window) - 1]
} else := ""

_window_start(e) := e.before[0].line if {
	count(e.before) > 0
} else := e.line

_later(n) := sprintf(", the first of %d such lines", [n]) if {
	n > 1
} else := ""

_installed_after(log, seq) if {
	some e in lib.log_events(log, "msi_install_status")
	e.fields.status == 0
	e.seq > seq
}
