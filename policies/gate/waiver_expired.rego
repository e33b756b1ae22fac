# METADATA
# title: A waiver has expired
# description: |
#   A waiver accepts a finding until its expiry date. On and after that date it no longer applies: the
#   finding it accepted counts again, and this finding points at the waiver, so that an accepted risk is
#   looked at again instead of being forgotten in a file.
# custom:
#   id: PL901
#   severity: error
#   kb_section: "none: pushlint's CI gate (docs/ci.md)"
#   remediation: |
#     Fix what the waived finding reports and delete the waiver; or, if the risk is still accepted, give
#     the waiver a new expiry date and a reason that says why it is still needed.
#   reads:
#     - waivers
#     - now_seconds
package pushlint.gate.waiver_expired

import data.pushlint.lib

report contains lib.finding(lib.waiver_subject(waiver), message, lib.at(waiver, "expires")) if {
	some waiver in input.waivers
	not lib.waiver_active(waiver)
	message := sprintf(
		"the waiver of %s for %s expired on %s (reason: %s); the findings it accepted count again",
		[waiver.rule, waiver.subject, waiver.expires, waiver.reason],
	)
}
