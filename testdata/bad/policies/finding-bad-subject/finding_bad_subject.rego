# METADATA
# title: Hostile policy
# custom:
#   id: XX900
#   severity: warning
#   kb_section: Introduction
#   remediation: Nothing; this policy is a test of pushlint's sandbox.
package pushlint.rules.hostile.finding_bad_subject



report contains {"subject": {"kind": "site"}, "message": sprintf("site %s", [site.code])} if {
	some site in input.sites
}
