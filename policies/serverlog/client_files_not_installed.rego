# METADATA
# title: The site server could not copy ccmsetup to the client or could not create or start the ccmsetup service
# description: |
#   After it connects to the client, Client Configuration Manager copies ccmsetup.exe and MobileClient.tcf
#   from SMS\bin\I386 to the client's ADMIN$\System32\ccmsetup folder, creates the ccmsetup service there
#   and checks that it started (KB 925282, pre-installation phase, steps 4 and 5). Ccm.log shows one of
#   those steps failing: the connection and the account worked, but the files or the service did not get
#   onto the client (a full disk, a file left locked by an earlier ccmsetup, a service marked for deletion
#   or disabled). The finding names the step, the file and the error code as Windows explains it. A later
#   completed push (the ccmsetup service created and started) clears it.
# custom:
#   id: PL111
#   severity: error
#   kb_section: Pre-installation phase, steps 4-5 (ccmsetup.exe and MobileClient.tcf copied to %windir%\System32\ccmsetup, the ccmsetup service started)
#   remediation: |
#     On the client, check the free space of the system drive and that %windir%\System32\ccmsetup can be
#     written; end a ccmsetup.exe still running from an earlier attempt, and if the ccmsetup service exists
#     but is disabled or marked for deletion, restart the client (sc query ccmsetup). Check that
#     ccmsetup.exe and MobileClient.tcf exist in SMS\bin\I386 on the site server. Then let the CCR retry.
#   reads:
#     - machines[].failures
#     - events
package pushlint.rules.serverlog.client_files_not_installed

import data.pushlint.lib

_steps := {"client_file_copy_failed", "ccmsetup_service_failed"}

report contains lib.log_finding(lib.machine_subject(m.name), message, lib.log_location(last), lib.log_evidence(events)) if {
	some m in input.machines
	f := _latest(m)
	events := [e | some e in lib.attempt_events(m, f.last_attempt); e.type in _steps]
	last := events[count(events) - 1]
	message := sprintf("%s: %s%s; %s", [m.name, _what(last), _error(last), lib.failure_span(f)])
}

# _latest is the machine's most recent failure, not cleared, that is a copy or service step.
_latest(m) := f if {
	fs := [f | some f in m.failures; not f.cleared; some t in f.types; t in _steps]
	last := max([f.last.seq | some f in fs])
	some f in fs
	f.last.seq == last
}

_what(e) := sprintf("the site server could not copy %s to the client (%s)", [_file(e), e.fields.destination]) if {
	e.type == "client_file_copy_failed"
} else := sprintf("the site server could not %s the ccmsetup service on the client", [lower(object.get(e.fields, "step", "start"))])

# _file names the file by its base name (ccmsetup.exe, MobileClient.tcf).
_file(e) := name if {
	parts := split(replace(e.fields.destination, "/", `\`), `\`)
	name := parts[count(parts) - 1]
	name != ""
} else := "the client files"

_error(e) := sprintf(", error %s", [lib.log_error(e.fields.error_code, e.fields.error_code_hex)]) if {
	is_number(e.fields.error_code)
} else := ""
