package pushlint.lib

# Helpers that look across the whole hierarchy: parent and child sites, how a site installs its clients,
# and where clients can find a server locator point.

# site_by_code is every site of the description, by its (upper-case) code.
site_by_code[site.code] := site if some site in input.sites

# secondary_children is the set of codes of the secondary sites whose parent is site.
secondary_children(site) := {child.code |
	some child in input.sites
	child.type == "secondary"
	child.parent == site.code
}

# install_means names, for a message, how a site installs clients: with Client Push Installation (when it is
# on), and with the other way its deployment names. Only meaningful for a site where installs_clients holds.
install_means(site) := concat(" and ", array.concat(
	["Client Push Installation" | site.client_push.enabled],
	[_deployment_means[site.client_push.deployment] | site.client_push.deployment != "push"],
))

_deployment_means := {
	"capinst": "Capinst.exe",
	"both": "Capinst.exe",
	"group_policy": "Group Policy",
	"software_update": "a software update",
	"logon_script": "a logon script",
	"manual": "manual installation",
}

# server_locator_points lists every server locator point of the hierarchy, in file order. A site's
# server_locator_point block describes its SLP and where it is registered; a site without that block
# whose site systems hold the server_locator_point role still has an SLP, but nobody said where it is
# registered (described: false, registered_in: []). location is the line to change to register it.
server_locator_points := [slp |
	some site in input.sites
	some slp in _site_slps(site)
]

_site_slps(site) := [{
	"server": site.server_locator_point.server,
	"site": site.code,
	"registered_in": site.server_locator_point.registered_in,
	"described": true,
	"location": at(site.server_locator_point, "registered_in"),
}] if {
	site.server_locator_point != null
} else := [{
	"server": system.server,
	"site": site.code,
	"registered_in": [],
	"described": false,
	"location": system.location,
} |
	some system in site.site_systems
	"server_locator_point" in system.roles
]

# slp_usable is true for a server locator point that clients can look up: registered in Active Directory
# with the schema extended for SMS, or registered in WINS with a WINS server available.
slp_usable(slp) if {
	input.environment.ad_schema_extended
	"ad" in slp.registered_in
}

slp_usable(slp) if {
	input.environment.wins
	"wins" in slp.registered_in
}

# slp_lookups is the set of ways ("ad", "wins") clients of any site can find a server locator point.
slp_lookups contains "ad" if {
	input.environment.ad_schema_extended
	some slp in server_locator_points
	"ad" in slp.registered_in
}

slp_lookups contains "wins" if {
	input.environment.wins
	some slp in server_locator_points
	"wins" in slp.registered_in
}
