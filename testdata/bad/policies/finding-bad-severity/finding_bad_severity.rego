# METADATA
# title: Hostile policy
# custom:
#   id: XX900
#   severity: warning
#   kb_section: Introduction
#   remediation: Nothing; this policy is a test of pushlint's sandbox.
package pushlint.rules.hostile.finding_bad_severity

import data.pushlint.lib

report contains lib.finding_with_severity(lib.site_subject(site), sprintf("site %s", [site.code]), site.location, "critical") if {
	some site in input.sites
}
