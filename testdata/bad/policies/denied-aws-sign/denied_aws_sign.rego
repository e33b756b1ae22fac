# METADATA
# title: Hostile policy
# custom:
#   id: XX900
#   severity: warning
#   kb_section: Introduction
#   remediation: Nothing; this policy is a test of pushlint's sandbox.
package pushlint.rules.hostile.denied_aws_sign

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), sprintf("site %s", [site.code]), site.location) if {
	some site in input.sites
	req := providers.aws.sign_req({"method": "get", "url": "https://s3.amazonaws.com"}, {"aws_service": "s3"}, 0)
	req != null
}
