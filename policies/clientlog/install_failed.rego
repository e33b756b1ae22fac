# METADATA
# title: The client installation failed, and no "Return value 3" line in the given logs says where
# description: |
#   ccmsetup.log says that Client.msi failed ("Installation failed with error code 1603", or "client.msi
#   installation failed. Error text: ExitCode: 1603"), or client.msi.log says that a custom action failed
#   ("CustomAction <name> returned actual error code 1603"), and no client.msi.log of the same client
#   folder has a "Return value 3" line. The finding names the code as Windows explains it and the custom
#   action when the log names one. When client.msi.log with "Return value 3" is among the client's logs,
#   PL201 reports the failure with the action and the lines before it, and this rule stays silent: one
#   cause, reported once. A later successful end of ccmsetup in the same folder (exit code 0, or
#   "Installation succeeded") clears it.
# custom:
#   id: PL110
#   severity: error
#   kb_section: The SMS Advanced Client cannot access the installation file on the SMS site server (Return Value 3)
#   remediation: |
#     Collect client.msi.log from the client (%windir%\System32\ccmsetup on SMS 2003 and ConfigMgr 2007
#     clients, %windir%\ccmsetup\Logs on later ones), find "Return value 3" and read the lines above it;
#     "pushlint explain <code>" says what the code means. Fix the cause, then run ccmsetup again (Install
#     Client with "Always install").
#   reads:
#     - logs
#     - events
package pushlint.rules.clientlog.install_failed

import data.pushlint.lib

_failure_types := {"client_install_failed", "msi_custom_action_error"}

report contains lib.log_finding(lib.file_subject(last.file), message, lib.log_location(last), lib.log_evidence(failures)) if {
	some dir in {l.dir | some l in input.logs; l.side == "client"}
	logs := [l | some l in input.logs; l.dir == dir]
	failures := sort_by_seq([e | some l in logs; some e in lib.log_events_of(l, _failure_types)])
	count(failures) > 0
	not _return_value_3(logs)
	last := failures[count(failures) - 1]
	not _succeeded_after(logs, last)
	message := sprintf("%s: the client installation failed with error %s%s; no \"Return value 3\" line in the given logs says which step failed", [
		last.file, _code(failures), _action(failures),
	])
}

# sort_by_seq orders events as they were read.
sort_by_seq(events) := [e |
	some seq in sort({x.seq | some x in events})
	some e in events
	e.seq == seq
]

# _code is the error of the latest failure line that carries one, as the error code table explains it.
_code(failures) := lib.log_error(e.fields.error_code, e.fields.error_code_hex) if {
	coded := [e | some e in failures; is_number(e.fields.error_code)]
	e := coded[count(coded) - 1]
} else := "(no code)"

# _action names the custom action client.msi.log says failed, the latest one.
_action(failures) := sprintf(" in custom action %s", [e.fields.action]) if {
	actions := [e | some e in failures; e.type == "msi_custom_action_error"; object.get(e.fields, "action", "") != ""]
	e := actions[count(actions) - 1]
} else := ""

# PL201 reports a failure that client.msi.log explains with "Return value 3".
_return_value_3(logs) if {
	some l in logs
	lib.log_event_count(l, "msi_return_value_3") > 0
}

# _succeeded_after: ccmsetup ended well after the failure (exit code 0, or Installation succeeded).
_succeeded_after(logs, failure) if {
	some l in logs
	some e in lib.log_events_of(l, {"ccmsetup_exit", "client_install_succeeded"})
	_success(e)
	_after(e, failure)
}

_success(e) if e.type == "client_install_succeeded"

_success(e) if {
	e.type == "ccmsetup_exit"
	e.fields.exit_code == 0
}

# _after compares by time when both lines have one in the same kind of clock, else by reading order.
_after(e, failure) if {
	_comparable(e, failure)
	e.time_seconds > failure.time_seconds
}

_after(e, failure) if {
	not _comparable(e, failure)
	e.seq > failure.seq
}

_comparable(e, failure) if {
	e.has_time
	failure.has_time
	e.time_zone_known == failure.time_zone_known
}
