# METADATA
# title: Hostile policy
# custom:
#   id: XX900
#   severity: warning
#   kb_section: Introduction
#   remediation: Nothing; this policy is a test of pushlint's sandbox.
package pushlint.rules.hostile.no_report_rule

import data.pushlint.lib

findings contains site.code if {
	some site in input.sites
}
