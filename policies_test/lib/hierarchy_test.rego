package pushlint.lib_test

import data.pushlint.lib

loc(line) := {"file": "site.yaml", "line": line, "column": 5}

slp_block(server, registered_in) := {
	"server": server,
	"registered_in": registered_in,
	"location": loc(40),
	"key_locations": {"registered_in": loc(41)},
}

hsite(code, type, parent, slp, systems) := {
	"code": code,
	"type": type,
	"parent": parent,
	"server_locator_point": slp,
	"site_systems": systems,
	"location": loc(10),
	"key_locations": {},
}

env(ad, wins) := {"ad_schema_extended": ad, "wins": wins}

test_site_by_code if {
	sites := [hsite("ABC", "primary", null, null, []), hsite("BR1", "secondary", "ABC", null, [])]
	r := lib.site_by_code with input as {"sites": sites}
	r.BR1.parent == "ABC"
	object.keys(r) == {"ABC", "BR1"}
}

test_secondary_children_only_counts_secondaries_below_the_site if {
	sites := [
		hsite("ABC", "primary", null, null, []),
		hsite("BR1", "secondary", "ABC", null, []),
		hsite("BR2", "secondary", "ABC", null, []),
		hsite("PR2", "primary", "ABC", null, []),
		hsite("BR3", "secondary", "PR2", null, []),
	]
	lib.secondary_children(sites[0]) == {"BR1", "BR2"} with input as {"sites": sites}
	lib.secondary_children(sites[3]) == {"BR3"} with input as {"sites": sites}
	lib.secondary_children(sites[1]) == set() with input as {"sites": sites}
}

test_install_means if {
	lib.install_means({"client_push": {"enabled": true, "deployment": "push"}}) == "Client Push Installation"
	lib.install_means({"client_push": {"enabled": true, "deployment": "both"}}) == "Client Push Installation and Capinst.exe"
	lib.install_means({"client_push": {"enabled": false, "deployment": "capinst"}}) == "Capinst.exe"
}

test_server_locator_points_prefers_the_block_and_keeps_file_order if {
	sites := [
		hsite("ABC", "primary", null, slp_block("SMS01", ["wins"]), [{"server": "SMS01", "roles": ["server_locator_point"], "location": loc(30)}]),
		hsite("XYZ", "primary", null, null, [
			{"server": "SMS02", "roles": ["management_point"], "location": loc(50)},
			{"server": "SMS03", "roles": ["server_locator_point"], "location": loc(52)},
		]),
	]
	r := lib.server_locator_points with input as {"sites": sites}
	r == [
		{"server": "SMS01", "site": "ABC", "registered_in": ["wins"], "described": true, "location": loc(41)},
		{"server": "SMS03", "site": "XYZ", "registered_in": [], "described": false, "location": loc(52)},
	]
}

test_server_locator_points_empty_without_block_or_role if {
	sites := [hsite("ABC", "primary", null, null, [{"server": "SMS01", "roles": ["management_point"], "location": loc(30)}])]
	r := lib.server_locator_points with input as {"sites": sites}
	r == []
}

test_slp_usable_needs_the_lookup_to_exist if {
	lib.slp_usable({"registered_in": ["ad"]}) with input.environment as env(true, false)
	not lib.slp_usable({"registered_in": ["ad"]}) with input.environment as env(false, true)
	lib.slp_usable({"registered_in": ["wins"]}) with input.environment as env(false, true)
	not lib.slp_usable({"registered_in": ["wins"]}) with input.environment as env(true, false)
	not lib.slp_usable({"registered_in": []}) with input.environment as env(true, true)
}

test_slp_lookups if {
	sites := [hsite("ABC", "primary", null, slp_block("SMS01", ["ad", "wins"]), [])]
	lookups := lib.slp_lookups with input as {"environment": env(true, true), "sites": sites}
	lookups == {"ad", "wins"}
	no_wins := lib.slp_lookups with input as {"environment": env(true, false), "sites": sites}
	no_wins == {"ad"}
	nothing := lib.slp_lookups with input as {"environment": env(false, false), "sites": sites}
	nothing == set()
}
