# METADATA
# title: Network Discovery is enabled together with another discovery method
# description: |
#   Network Discovery writes Null into the IsClient field of the computers it finds. When Heartbeat or
#   Active Directory System Discovery also reports them, collections show installed clients as Assigned
#   but not installed (Client=No), and the client looks like it needs to be pushed again. The field is
#   corrected only after Network Discovery is disabled and the next heartbeat arrives.
# custom:
#   id: PL010
#   severity: warning
#   kb_section: The SMS Advanced Client displays a site assignment but doesn't appear as installed
#   remediation: |
#     In the SMS Administrator console, expand Site Database > Site Hierarchy > <site code - site name> >
#     Site Settings > Discovery Methods, right-click Network Discovery, click Properties, and clear "Enable
#     network discovery". Keep Heartbeat Discovery enabled, wait one Heartbeat Discovery interval for the
#     clients to send new discovery data, then update the collection membership. Set network: { enabled:
#     false } under discovery in site.yaml.
#   reads:
#     - sites[].discovery.network
#     - sites[].discovery.heartbeat
#     - sites[].discovery.ad_system
package pushlint.rules.config.network_discovery_mixed

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(network, "enabled")) if {
	some site in input.sites
	network := site.discovery.network
	network.enabled
	others := _others(site.discovery)
	count(others) > 0
	message := sprintf(
		"site %s: Network Discovery is enabled together with %s; Network Discovery writes Null into IsClient, so installed clients appear in collections as Assigned but not installed",
		[site.code, concat(" and ", others)],
	)
}

_others(discovery) := [name |
	some [key, name] in [["heartbeat", "Heartbeat Discovery"], ["ad_system", "Active Directory System Discovery"]]
	discovery[key].enabled
]
