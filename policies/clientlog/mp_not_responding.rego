# METADATA
# title: The management point answers HTTP 404 (not installed or not running)
# description: |
#   ccmsetup.log shows "Server failed to process message and returned status code 404": the client reached
#   the management point's web server, but the management point did not answer. It is not installed, or it
#   did not start. Clients then cannot upgrade, register, or receive policy. A later successful ccmsetup run
#   in the same log clears the finding.
# custom:
#   id: PL203
#   severity: error
#   kb_section: The SMS Advanced Client cannot access the management point during an upgrade
#   remediation: |
#     Check the management point: its status messages and MPControl.log and MPSetup.log on the site system,
#     that IIS runs with the SMS_MP (CCM_System) virtual directories, and that http://<mp>/sms_mp/.sms_aut?mplist
#     answers. Reinstall the management point role if it did not install. Then run ccmsetup again.
#   reads:
#     - events
package pushlint.rules.clientlog.mp_not_responding

import data.pushlint.lib

report contains lib.log_finding(lib.file_subject(log.file), message, lib.log_location(last), lib.log_evidence(errors)) if {
	some log in input.logs
	errors := lib.log_events(log, "mp_http_404")
	count(errors) > 0
	last := errors[count(errors) - 1]
	not _installed_after(log, last.seq)
	message := sprintf("%s: the management point answered HTTP 404 (\"Server failed to process message\"): it is not installed or not running; %s, last at %s", [
		log.file, lib.plural(lib.log_event_count(log, "mp_http_404"), "time"), lib.when(last),
	])
}

_installed_after(log, seq) if {
	some e in lib.log_events(log, "ccmsetup_exit")
	e.fields.exit_code == 0
	e.seq > seq
}
