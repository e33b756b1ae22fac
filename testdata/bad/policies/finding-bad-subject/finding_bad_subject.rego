# METADATA
# title: Hostile policy
# custom:
#   id: XX900
#   severity: warning
#   kb_section: Introduction
#   remediation: Nothing; this policy is a test of pushlint's sandbox.
package pushlint.rules.hostile.finding_bad_subject

import data.pushlint.lib

report contains {"subject": {"kind": "site"}, "message": "site " + site.code} if {
	some site in input.sites
}
