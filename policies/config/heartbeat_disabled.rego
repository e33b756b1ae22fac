# METADATA
# title: Heartbeat Discovery is disabled
# description: |
#   Only Heartbeat Discovery sets a client's Client field to Yes; Active Directory System Discovery does
#   not update IsClient. With Heartbeat Discovery disabled, successfully installed clients never appear as
#   installed, and the Clear Install Flag task and Client Push Installation treat them as computers that
#   still need the client. Only primary sites are checked: Advanced Clients are assigned to primary sites,
#   and the computers in a secondary site's boundaries heartbeat on the schedule of its parent primary site
#   (a secondary site's own Heartbeat Discovery counts only as one of its discovery methods, PL009).
# custom:
#   id: PL011
#   severity: error
#   kb_section: The SMS Advanced Client displays a site assignment but doesn't appear as installed
#   remediation: |
#     In the SMS Administrator console, expand Site Database > Site Hierarchy > <site code - site name> >
#     Site Settings > Discovery Methods, right-click Heartbeat Discovery, click Properties, select "Enable
#     heartbeat discovery" and keep its schedule (7 days by default) shorter than the Clear Install Flag
#     rediscovery period. To see a client report at once, open Control Panel > Systems Management >
#     Actions on it and run Discovery Data Collection Cycle.
#   reads:
#     - sites[].type
#     - sites[].parent
#     - sites[].discovery.heartbeat
package pushlint.rules.config.heartbeat_disabled

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(heartbeat, "enabled")) if {
	some site in input.sites
	site.type == "primary"
	heartbeat := site.discovery.heartbeat
	not heartbeat.enabled
	message := sprintf(
		"site %s: Heartbeat Discovery is disabled; only Heartbeat Discovery sets Client=Yes, so installed clients never appear as installed in collections%s",
		[site.code, _secondaries(site)],
	)
}

# The clients in a secondary site's boundaries are assigned to its parent and heartbeat on its schedule.
_secondaries(site) := sprintf(
	" (nor do the clients in the boundaries of its secondary sites %s, which heartbeat on %s's schedule)",
	[concat(", ", sort(children)), site.code],
) if {
	children := lib.secondary_children(site)
	count(children) > 0
} else := ""
