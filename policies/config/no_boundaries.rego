# METADATA
# title: A site has no boundaries, or a discovered computer lies in no site's boundaries, so no client configuration request is made
# description: |
#   Discovery Data Manager assigns a discovered computer to the site whose boundaries contain it, and
#   creates a client configuration request (CCR) only for computers assigned to a site that pushes. A
#   site with no boundaries has no assigned computers: no CCR file is ever created for them, Client
#   Configuration Manager never tries to install them, and nothing about them appears in Ccm.log.
#   The same happens to a single discovered computer (from a --clients export) whose IP address,
#   subnet or Active Directory site matches no boundary of any site, or whose discovery data has no
#   network information the boundaries could match.
# custom:
#   id: PL002
#   severity: error
#   kb_section: Newly discovered client computers aren't assigned to the current site
#   remediation: |
#     In the SMS Administrator console, expand Site Database > Site Hierarchy, right-click
#     <site code - site name>, click Properties, and on the Site Boundaries tab add the IP subnets, IP
#     ranges or Active Directory sites where the site's computers live (ConfigMgr 2007: Site Settings >
#     Boundaries > New Boundary). Use boundary types that match the data discovery collects: an AD site
#     boundary for computers found only by Active Directory System Discovery, an IP subnet for computers
#     found by Heartbeat or Network Discovery. Then list them under boundaries in site.yaml.
#   reads:
#     - sites[].boundaries
#     - sites[].type
#     - clients[]
#     - inputs.clients.fields
package pushlint.rules.config.no_boundaries

import data.pushlint.lib

# A site without any boundary: every computer it discovers is unassigned.
report contains lib.finding(lib.site_subject(site), message, lib.at(site, "boundaries")) if {
	some site in input.sites
	count(site.boundaries) == 0
	message := sprintf(
		"%s site %s has no boundaries; Discovery Data Manager assigns no discovered computer to it, so no CCR is ever generated for its clients and Client Push Installation never starts for them",
		[site.type, site.code],
	)
}

# A discovered computer that no boundary of any described site contains. Decided only when the export has
# the columns the boundaries are matched on (lib.outside_all_boundaries).
report contains lib.client_finding(client, message) if {
	some client in input.clients
	lib.outside_all_boundaries(client)
	message := sprintf(
		"%s (%s) lies in no boundary of any site; Discovery Data Manager assigns it to no site, so no CCR is ever generated for it and Client Push Installation never tries it",
		[client.name, lib.client_network(client)],
	)
}
