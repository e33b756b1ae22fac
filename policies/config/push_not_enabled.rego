# METADATA
# title: Client Push Installation is disabled on a primary site that has boundaries
# description: |
#   A primary site with boundaries is where discovered computers are assigned, and it installs them only
#   if Client Push Installation is enabled: with push disabled, Discovery Data Manager generates no
#   client configuration request (CCR) for the computers it discovers, Client Configuration Manager never
#   connects to them, and Ccm.log stays silent. Secondary sites are checked by PL009. Push is expected only
#   where client_push.deployment is push (the default) or both: a site that installs its clients with
#   Capinst.exe, Group Policy, a software update, a logon script or by hand keeps push off on purpose.
# custom:
#   id: PL001
#   severity: error
#   kb_section: Advanced Client Push Installation isn't enabled at the appropriate site
#   remediation: |
#     In the SMS Administrator console, expand Site Database > Site Hierarchy > <site code - site name> >
#     Site Settings > Client Installation Methods, right-click Client Push Installation, click Properties,
#     and on the General tab select "Enable Client Push Installation to assigned resources" and the system
#     types to install (workstations, servers, domain controllers). If the site installs its clients another
#     way, say which under client_push in site.yaml instead: deployment: capinst, group_policy,
#     software_update, logon_script or manual.
#   reads:
#     - sites[].type
#     - sites[].boundaries
#     - sites[].client_push.enabled
#     - sites[].client_push.deployment
package pushlint.rules.config.push_not_enabled

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(site.client_push, "enabled")) if {
	some site in input.sites
	site.type == "primary"
	count(site.boundaries) > 0
	lib.push_expected(site)
	not site.client_push.enabled
	message := sprintf(
		"primary site %s: Client Push Installation is disabled although the site has boundaries (%s); Discovery Data Manager generates no CCR for the computers discovered there, so the client is never pushed to them",
		[site.code, concat(", ", [b.value | some b in site.boundaries])],
	)
}
