# METADATA
# title: A secondary site does not push the client or discovers nothing
# description: |
#   A primary site's automatic push does not install the client on computers in its secondary sites'
#   boundaries. Those computers are installed by Client Push Installation at the secondary site itself,
#   which needs push enabled there and at least one discovery method enabled there to find them and
#   create their client configuration requests (CCRs). A secondary site whose deployment is not push or
#   both (Capinst.exe, Group Policy, a software update, a logon script, by hand) does not push.
# custom:
#   id: PL009
#   severity: error
#   kb_section: SMS Advanced Clients are not installed on secondary sites
#   remediation: |
#     In the SMS Administrator console, expand Site Database > Site Hierarchy > <primary site> >
#     <secondary site code - site name> > Site Settings. Under Client Installation Methods, right-click
#     Client Push Installation, click Properties and select "Enable Client Push Installation to assigned
#     resources". Under Discovery Methods, open Heartbeat Discovery (and Network Discovery where computers
#     must be found before they have a client) and select the Enable check box. Do not set
#     SMSSITECODE=<secondary site code> in the installation properties (see PL007). Read the secondary
#     site's own Ccm.log, not the parent's, to follow the push.
#   reads:
#     - sites[].type
#     - sites[].client_push.enabled
#     - sites[].client_push.deployment
#     - sites[].discovery
package pushlint.rules.config.secondary_site_push

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(site.client_push, "enabled")) if {
	some site in input.sites
	site.type == "secondary"
	lib.push_expected(site)
	not site.client_push.enabled
	message := sprintf(
		"secondary site %s: Client Push Installation is disabled; a push from parent site %s does not install clients in %s's boundaries, so computers there never get the client",
		[site.code, site.parent, site.code],
	)
}

report contains lib.finding(lib.site_subject(site), message, lib.at(site, "discovery")) if {
	some site in input.sites
	site.type == "secondary"
	not _discovers(site)
	message := sprintf(
		"secondary site %s: no discovery method is enabled (Heartbeat, Network and Active Directory System Discovery are all disabled); the site discovers no computer in its boundaries, so no CCR is created for them and push never starts",
		[site.code],
	)
}

_discovers(site) if site.discovery.heartbeat.enabled

_discovers(site) if site.discovery.network.enabled

_discovers(site) if site.discovery.ad_system.enabled
