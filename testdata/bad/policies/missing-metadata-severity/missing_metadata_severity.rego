# METADATA
# title: Hostile policy
# custom:
#   id: XX900
#   kb_section: Introduction
#   remediation: Nothing; this policy is a test of pushlint's sandbox.
package pushlint.rules.hostile.missing_metadata_severity

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), sprintf("site %s", [site.code]), site.location) if {
	some site in input.sites
	site.code != ""
}
