# METADATA
# title: Hostile policy
# custom:
#   id: XX900
#   severity: warning
#   kb_section: Introduction
#   remediation: Nothing; this policy is a test of pushlint's sandbox.
package pushlint.rules.hostile.finding_without_message

import data.pushlint.lib

report contains {"subject": lib.site_subject(site)} if {
	some site in input.sites
}
