# METADATA
# title: A site has no boundaries, or a discovered computer lies in no site's boundaries, so no client configuration request is made
# description: |
#   Discovery Data Manager assigns a discovered computer to the site whose boundaries contain it, and
#   creates a client configuration request (CCR) only for computers assigned to a site that pushes. A
#   site with no boundaries has no assigned computers: no CCR file is ever created for them, Client
#   Configuration Manager never tries to install them, and nothing about them appears in Ccm.log.
#   The same happens to a single discovered computer (from a --clients export) whose IP address,
#   subnet or Active Directory site matches no boundary of any site, or whose discovery data has no
#   network information the boundaries could match. A site that installs no clients of its own (the usual
#   SMS 2003 central site) needs no boundaries. When the export lacks the column a boundary type is
#   matched on, the computers that only such boundaries could contain are named in the report's notes.
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
#     - sites[].client_push.enabled
#     - sites[].client_push.deployment
#     - clients[]
#     - inputs.clients.fields
package pushlint.rules.config.no_boundaries

import data.pushlint.lib

# A site that installs clients but has no boundary: every computer it discovers is unassigned. A site that
# installs no clients of its own (a central site above the sites that do) needs none.
report contains lib.finding(lib.site_subject(site), message, lib.at(site, "boundaries")) if {
	some site in input.sites
	count(site.boundaries) == 0
	lib.installs_clients(site)
	message := sprintf(
		"%s site %s installs clients (%s) but has no boundaries; Discovery Data Manager assigns no discovered computer to it, so %s",
		[site.type, site.code, lib.install_means(site), _consequence(site)],
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

_consequence(site) := "no CCR is ever generated for its clients and Client Push Installation never starts for them" if {
	site.client_push.enabled
} else := "the clients it installs find no site whose boundaries contain them and stay unassigned"

# Computers no boundary is known to contain while some boundaries cannot be checked, for lack of the column
# their type is matched on: said in the report's notes, neither passed as assigned nor reported as outside.
notes contains message if {
	names := sort([client.name | some client in lib.current_clients; lib.boundary_undecided(client)])
	count(names) > 0
	types := sort({b.type | some b in lib.undecidable_boundaries})
	boundaries := [sprintf("the %s boundaries of %s", [lib.boundary_kinds[type].name, concat(", ", _sites_with(type))]) | some type in types]
	columns := [sprintf("no %s column", [lib.boundary_kinds[type].column]) | some type in types]
	message := sprintf(
		"%s of %s (%s) %s in no boundary the export can show, and whether %s in %s cannot be decided: the export has %s (%s to the export to check them)",
		[
			lib.plural(count(names), "computer"), input.inputs.clients.file, lib.name_list(names), _verb(names, "lies", "lie"),
			_verb(names, "it lies", "they lie"), concat(" or ", boundaries), concat(" and ", columns), _verb(columns, "add it", "add them"),
		],
	)
}

_sites_with(type) := sort({site.code | some site in input.sites; some b in site.boundaries; b.type == type})

_verb(names, one, many) := one if count(names) == 1

else := many
