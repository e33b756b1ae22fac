# METADATA
# title: Capinst.exe deployment has no server locator point that clients can find
# description: |
#   Capinst.exe (run from a logon script) asks a server locator point (SLP) for the list of management
#   points and the site to install from. Clients find the SLP in Active Directory, when the schema is
#   extended for SMS, or in WINS, which is also the fallback when the LDAP query fails. Without an SLP,
#   or with one registered in neither place, Capinst.exe installs no client.
# custom:
#   id: PL013
#   severity: error
#   kb_section: Clients that are deployed by using Capinst.exe aren't installed successfully
#   remediation: |
#     In the SMS Administrator console, expand Site Database > Site Hierarchy > <site code - site name> >
#     Site Settings > Site Systems, right-click the management point server, click Properties, and on the
#     Server Locator Point tab select "Use this site system as a server locator point" and its database.
#     With the Active Directory schema extended, the SLP is published in Active Directory; otherwise
#     register it in WINS: netsh wins server \\<wins server> add name Name=SMS_SLP endchar=1A rectype=0
#     ip={<SLP IP address>}. Then describe it under server_locator_point (server, registered_in) in
#     site.yaml.
#   reads:
#     - environment.ad_schema_extended
#     - environment.wins
#     - sites[].client_push.deployment
#     - sites[].server_locator_point
#     - sites[].site_systems
package pushlint.rules.config.capinst_slp

import data.pushlint.lib

# No server locator point anywhere: the deployment setting is what cannot work.
report contains lib.finding(lib.site_subject(site), message, lib.at(site.client_push, "deployment")) if {
	count(lib.server_locator_points) == 0
	some site in _capinst_sites
	message := sprintf(
		"site %s deploys clients with Capinst.exe (deployment: %s) but no server locator point exists in the hierarchy (no server_locator_point and no site system with that role); Capinst.exe cannot get the list of management points, so no client installs",
		[site.code, site.client_push.deployment],
	)
}

# Server locator points exist but clients cannot look any of them up: the registration is what to change.
report contains lib.finding(lib.site_subject(site), message, slps[0].location) if {
	some site in _capinst_sites
	slps := lib.server_locator_points
	count(slps) > 0
	not _any_usable(slps)
	message := sprintf(
		"site %s deploys clients with Capinst.exe (deployment: %s) but clients cannot find any server locator point: %s; Capinst.exe cannot get the list of management points, so no client installs",
		[site.code, site.client_push.deployment, concat("; ", [_why_unusable(slp) | some slp in slps])],
	)
}

_capinst_sites contains site if {
	some site in input.sites
	site.client_push.deployment in {"capinst", "both"}
}

_any_usable(slps) if {
	some slp in slps
	lib.slp_usable(slp)
}

_why_unusable(slp) := sprintf(
	"%s (site %s) holds the server locator point role but site.yaml does not say where it is registered",
	[slp.server, slp.site],
) if {
	not slp.described
} else := sprintf("%s (site %s) is registered neither in Active Directory nor in WINS", [slp.server, slp.site]) if {
	count(slp.registered_in) == 0
} else := sprintf("%s (site %s) %s", [slp.server, slp.site, concat(" and ", [_registration[where] | some where in slp.registered_in])])

# Why each registration of an unusable SLP does not help.
_registration := {
	"ad": "is registered in Active Directory, but the schema is not extended for SMS (environment.ad_schema_extended: false)",
	"wins": "is registered in WINS, but no WINS server is available (environment.wins: false)",
}
