# METADATA
# title: SMSSITECODE=AUTO is used but clients have no way to find their site
# description: |
#   With SMSSITECODE=AUTO the client looks its site up after installation: first in Active Directory
#   (which needs the schema extended for SMS and the site published there), then through a server
#   locator point (SLP), which it finds in Active Directory (schema extended) or in WINS. When none of
#   these lookups is available, the client installs but gets no site assignment and no management
#   point: it does not appear as installed or assigned and receives no policy.
# custom:
#   id: PL012
#   severity: error
#   kb_section: The SMS Advanced Client is installed successfully, but doesn't appear as installed or assigned
#   remediation: |
#     Give clients one way to find the site. Either extend the Active Directory schema for SMS
#     (ExtADSch.exe, as an Enterprise Admin; check ExtADSch.log at the root of the system drive) and select
#     "Publish this site in Active Directory" on the Advanced tab of the site's Properties; or install a
#     server locator point (Site Settings > Site Systems > server Properties > Server Locator Point tab) and
#     register it in WINS (netsh wins server \\<wins server> add name Name=SMS_SLP endchar=1A rectype=0
#     ip={<SLP IP address>}). Or set SMSSITECODE=<primary site code> instead of AUTO in the Client Push
#     Installation Properties. Describe the result in site.yaml (environment, publish_to_ad,
#     server_locator_point).
#   reads:
#     - environment.ad_schema_extended
#     - environment.wins
#     - sites[].client_push.properties.SMSSITECODE
#     - sites[].client_push.enabled
#     - sites[].client_push.deployment
#     - sites[].publish_to_ad
#     - sites[].server_locator_point
#     - sites[].site_systems
package pushlint.rules.config.sitecode_auto_unresolvable

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(site.client_push, "install_properties")) if {
	some site in _auto_without_slp
	not _published_in_ad(site)
	not _ad_unknown(site)
	message := sprintf(
		"site %s installs clients with SMSSITECODE=AUTO, but they cannot find their site: %s; they stay unassigned and get no policy",
		[site.code, concat("; ", array.concat([_why_not_in_ad(site)], _why_no_slp))],
	)
}

# Whether a site publishes to Active Directory is known only when site.yaml says so: with the schema extended
# and publish_to_ad left out, the clients may well find their site there, and the notes say that it was not
# checked.
notes contains sprintf(
	"site %s installs clients with SMSSITECODE=AUTO and no server locator point can be found, so they depend on finding %s in Active Directory; site.yaml does not say whether it publishes there (publish_to_ad), so that was not checked",
	[site.code, site.code],
) if {
	some site in _auto_without_slp
	_ad_unknown(site)
}

_auto_without_slp contains site if {
	count(lib.slp_lookups) == 0
	some site in input.sites
	lib.uses_install_properties(site)
	lib.sitecode_property(site) == "AUTO"
}

_published_in_ad(site) if {
	input.environment.ad_schema_extended
	site.publish_to_ad
}

_ad_unknown(site) if {
	input.environment.ad_schema_extended
	not lib.said(site, "publish_to_ad")
}

# Each reason below explains one missing lookup path; the rule only fires when all of them are missing.

_why_not_in_ad(site) := "Active Directory lookup needs the schema extended for SMS (environment.ad_schema_extended: false)" if {
	not input.environment.ad_schema_extended
} else := sprintf("site %s is not published in Active Directory (publish_to_ad: false)", [site.code])

_why_no_slp := ["no server locator point exists in the hierarchy"] if {
	count(lib.server_locator_points) == 0
} else := [_why_not_slp_in_ad, _why_not_slp_in_wins]

default _why_not_slp_in_ad := "no server locator point is registered in Active Directory"

_why_not_slp_in_ad := "a server locator point cannot be found in Active Directory without the schema extension" if {
	not input.environment.ad_schema_extended
}

default _why_not_slp_in_wins := "no server locator point is registered in WINS"

_why_not_slp_in_wins := "no WINS server is available to find a server locator point (environment.wins: false)" if {
	not input.environment.wins
}
