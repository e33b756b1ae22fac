# METADATA
# title: A waiver matches no finding
# description: |
#   An active waiver whose rule reports nothing about its subject in this run accepts nothing: the problem
#   was fixed, or the subject is misspelled. Left in place, it would silently accept the problem if it came
#   back. Run the gate with the same inputs (site description, logs, exports) that produced the finding,
#   or a waiver for a log finding looks stale in a run without logs.
# custom:
#   id: PL902
#   severity: warning
#   kb_section: "none: pushlint's CI gate (docs/ci.md)"
#   remediation: |
#     Delete the waiver if the problem is gone. Otherwise correct its subject: a site code, machine name or
#     account as the finding names it, or a file glob such as logs/*.log.
#   reads:
#     - waivers
package pushlint.gate.waiver_stale

import data.pushlint.lib
import data.pushlint.main

report contains lib.finding(lib.waiver_subject(waiver), message, lib.at(waiver, "subject")) if {
	some waiver in input.waivers
	lib.waiver_active(waiver)
	not _covers_a_finding(waiver)
	message := sprintf(
		"the waiver of %s for %s matches no finding of this run: remove it, or correct its subject",
		[waiver.rule, waiver.subject],
	)
}

_covers_a_finding(waiver) if {
	some finding in main.findings
	lib.waiver_covers(waiver, finding)
}
