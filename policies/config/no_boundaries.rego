# METADATA
# title: A site has no boundaries, so none of its computers gets a client configuration request
# description: |
#   Discovery Data Manager assigns a discovered computer to the site whose boundaries contain it, and
#   creates a client configuration request (CCR) only for computers assigned to a site that pushes. A
#   site with no boundaries has no assigned computers: no CCR file is ever created for them, Client
#   Configuration Manager never tries to install them, and nothing about them appears in Ccm.log.
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
