# METADATA
# title: Hostile policy
# custom:
#   id: XX900
#   severity: warning
#   kb_section: Introduction
#   remediation: Nothing; this policy is a test of pushlint's sandbox.
package pushlint.rules.hostile.denied_x509_verify

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), sprintf("site %s", [site.code]), site.location) if {
	some site in input.sites
	[valid, _] := crypto.x509.parse_and_verify_certificates(site.code)
	valid
}
