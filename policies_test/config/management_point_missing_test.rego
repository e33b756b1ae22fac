package pushlint.rules.config.management_point_missing_test

import data.pushlint.rules.config.management_point_missing

site(code, type, parent, push, roles) := {
	"code": code,
	"type": type,
	"parent": parent,
	"client_push": push,
	"site_systems": [{"server": "SRV", "roles": roles, "location": {"file": "site.yaml", "line": 36, "column": 9}}],
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {"site_systems": {"file": "site.yaml", "line": 35, "column": 5}},
}

pushes := {"enabled": true, "deployment": "push"}

capinst := {"enabled": false, "deployment": "capinst"}

nothing := {"enabled": false, "deployment": "push"}

test_fires_for_a_primary_without_management_point if {
	r := management_point_missing.report with input as {"sites": [site("ABC", "primary", null, pushes, ["site_server", "distribution_point"])]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "primary site ABC installs clients (Client Push Installation) but none of its site systems is a management point; installed clients receive no policy, and ccmsetup.log shows \"status code 404\" on upgrade",
		"location": {"file": "site.yaml", "line": 35, "column": 5},
	}}
}

test_fires_for_a_secondary_when_neither_it_nor_its_parent_has_one if {
	sites := [site("ABC", "primary", null, nothing, ["site_server"]), site("BR1", "secondary", "ABC", capinst, ["distribution_point"])]
	r := management_point_missing.report with input as {"sites": sites}
	r == {{
		"subject": {"kind": "site", "id": "BR1"},
		"message": "secondary site BR1 installs clients (Capinst.exe) but has no proxy management point, and its parent site ABC has no management point either; installed clients receive no policy, and ccmsetup.log shows \"status code 404\" on upgrade",
		"location": {"file": "site.yaml", "line": 35, "column": 5},
	}}
}

test_passes_for_a_primary_with_a_management_point if {
	r := management_point_missing.report with input as {"sites": [site("ABC", "primary", null, pushes, ["site_server", "management_point"])]}
	r == set()
}

test_passes_for_a_primary_that_installs_no_clients if {
	r := management_point_missing.report with input as {"sites": [site("ABC", "primary", null, nothing, ["site_server"])]}
	r == set()
}

test_passes_for_a_secondary_with_a_proxy_management_point if {
	sites := [site("ABC", "primary", null, nothing, ["site_server"]), site("BR1", "secondary", "ABC", pushes, ["management_point"])]
	r := management_point_missing.report with input as {"sites": sites}
	r == set()
}

test_passes_for_a_secondary_whose_parent_has_a_management_point if {
	sites := [site("ABC", "primary", null, nothing, ["management_point"]), site("BR1", "secondary", "ABC", pushes, ["site_server"])]
	r := management_point_missing.report with input as {"sites": sites}
	r == set()
}

# A site whose site systems are not listed is not taken to have no management point: a note, no finding.
test_passes_with_a_note_when_site_systems_are_not_listed if {
	s := object.union(object.remove(site("ABC", "primary", null, pushes, []), {"key_locations", "site_systems"}), {"site_systems": [], "key_locations": {}})
	management_point_missing.report == set() with input as {"sites": [s]}
	management_point_missing.notes == {"site ABC installs clients (Client Push Installation) but site.yaml lists no site systems for it, so whether its clients have a management point was not checked"} with input as {"sites": [s]}
}

test_passes_with_a_note_when_the_parent_lists_no_site_systems if {
	parent := object.union(object.remove(site("ABC", "primary", null, nothing, []), {"key_locations", "site_systems"}), {"site_systems": [], "key_locations": {}})
	doc := {"sites": [parent, site("BR1", "secondary", "ABC", capinst, ["distribution_point"])]}
	management_point_missing.report == set() with input as doc
	management_point_missing.notes == {"site BR1 installs clients (Capinst.exe) but site.yaml lists no site systems for its parent site ABC, so whether its clients have a management point was not checked"} with input as doc
}
