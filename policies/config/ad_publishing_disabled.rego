# METADATA
# title: The Active Directory schema is extended but the site does not publish to Active Directory
# description: |
#   With the schema extended for SMS, clients find their site code, boundaries and default management
#   point with an LDAP query to Active Directory; SMSSITECODE=AUTO and the Automatically Discover button
#   depend on it. A site that does not publish its identity and site systems there is invisible to that
#   query, so its clients fall back to a server locator point or stay unassigned. (A site that is set to
#   publish but fails to is shown by Sitecomp.log.) The rule fires only on publish_to_ad: false as written:
#   a site.yaml that does not say whether the site publishes is not taken to say that it does not.
# custom:
#   id: PL015
#   severity: warning
#   kb_section: The SMS Advanced Client is installed successfully, but doesn't appear as installed or assigned
#   remediation: |
#     In the SMS Administrator console, expand Site Database > Site Hierarchy, right-click <site code -
#     site name>, click Properties, and on the Advanced tab select "Publish this site in Active Directory"
#     (ConfigMgr 2007: "Publish this site to Active Directory Domain Services"). Grant the site server's
#     computer account Full Control of the System Management container in Active Directory, then check
#     \SMS\Logs\Sitecomp.log for the publishing result. Set publish_to_ad: true in site.yaml.
#   reads:
#     - environment.ad_schema_extended
#     - sites[].publish_to_ad
package pushlint.rules.config.ad_publishing_disabled

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(site, "publish_to_ad")) if {
	input.environment.ad_schema_extended
	some site in input.sites
	lib.said(site, "publish_to_ad")
	not site.publish_to_ad
	message := sprintf(
		"site %s does not publish to Active Directory (publish_to_ad: false) although the schema is extended for SMS; clients that look their site up in Active Directory (SMSSITECODE=AUTO, Automatically Discover) cannot find %s or its management point there",
		[site.code, site.code],
	)
}
