# METADATA
# title: The client push of a machine completed
# description: |
#   Ccm.log shows that Client Configuration Manager finished its part for a machine: the ccmsetup service
#   was created and started on the client, or the CCR was completed. Client Configuration Manager then
#   keeps the CCR in Ccrretry.box for a second pass that checks the SMS Agent Host runs. The finding records
#   when, for the machine's timeline; it also clears the machine's earlier connection failures.
# custom:
#   id: PL107
#   severity: info
#   kb_section: Pre-installation phase, step 5 (ccmsetup service started, CCR kept for verification)
#   remediation: |
#     Nothing to fix on the site server. If the client still does not report, read its ccmsetup.log and
#     client.msi.log (the installation phase) and check that the SMS Agent Host service runs.
#   reads:
#     - machines[].pushed
#     - machines[].last_success
#     - events
package pushlint.rules.serverlog.push_completed

import data.pushlint.lib

report contains lib.log_finding(lib.machine_subject(m.name), message, lib.log_location(m.last_success), lib.log_evidence(successes)) if {
	some m in input.machines
	m.pushed
	successes := [e | some e in lib.machine_events(m); e.role == "success"]
	some last in successes
	last.seq == m.last_success.seq
	message := sprintf("%s: client push completed at %s: %s%s", [m.name, lib.when(m.last_success), _what(last), _earlier(m)])
}

# _what says what the log showed, in the words of the signature that found it (the signature table is data
# shipped beside the policies).
# regal ignore:external-reference
_what(e) := data.pushlint.signatures.events[e.signature].title if {
	data.pushlint.signatures.events[e.signature].title
} else := lib.event_title(e.type)

# _earlier counts the attempts before the success, when a failure shows that the push failed before it:
# a failure at another site server after the success (its Ccm.log read first or last) is no earlier attempt.
_earlier(m) := sprintf("; %s failed before", [lib.plural(m.attempts - 1, "attempt")]) if {
	m.attempts > 1
	some f in m.failures
	lib.happened_before(f.first, m.last_success)
} else := ""
