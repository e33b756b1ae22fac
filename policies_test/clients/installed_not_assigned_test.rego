package pushlint.rules.clients.installed_not_assigned_test

import data.pushlint.rules.clients.installed_not_assigned

client(name, fields) := object.union(
	{
		"name": name, "machine": upper(name), "client": null, "assigned": null, "site_code": null, "obsolete": null,
		"location": {"file": "clients.txt", "line": 3, "column": 1},
		"row": sprintf("%s\tSystem", [name]),
	},
	fields,
)

finding(name, message) := {
	"subject": {"kind": "machine", "id": name},
	"message": message,
	"location": {"file": "clients.txt", "line": 3, "column": 1},
	"evidence": [{"file": "clients.txt", "line": 3, "text": sprintf("%s\tSystem", [name])}],
}

hierarchy := [
	{"code": "CEN", "parent": null},
	{"code": "ABC", "parent": "CEN"},
	{"code": "BR1", "parent": "ABC"},
	{"code": "XYZ", "parent": "CEN"},
]

doc(clients, viewed) := {"clients": clients, "sites": hierarchy, "inputs": {"clients": {"viewed_site": viewed}}}

test_fires_when_installed_but_not_assigned if {
	r := installed_not_assigned.report with input as doc(
		[
			client("PC002", {"client": true, "assigned": false, "site_code": "ABC"}),
			client("PC003", {"client": true, "assigned": false}),
		],
		"",
	)
	r == {
		finding("PC002", "PC002 has the SMS client installed (Client=Yes) but is not assigned to a site (Assigned=No), though its site code shows ABC: it receives no policy until it is assigned"),
		finding("PC003", "PC003 has the SMS client installed (Client=Yes) but is not assigned to a site (Assigned=No): it receives no policy until it is assigned"),
	}
}

test_fires_when_assigned_to_a_site_outside_the_viewed_one if {
	r := installed_not_assigned.report with input as doc(
		[
			client("PC010", {"client": true, "assigned": true, "site_code": "XYZ"}),
			client("PC011", {"client": true, "assigned": true, "site_code": "QQQ"}),
		],
		"ABC",
	)
	r == {
		finding("PC010", "PC010 is assigned to site XYZ, not to ABC where this export was taken, nor to a site below ABC: it is managed by XYZ"),
		finding("PC011", "PC011 is assigned to site QQQ, not to ABC where this export was taken, nor to a site below ABC: it is managed by QQQ"),
	}
}

test_passes_for_the_viewed_site_and_sites_below_it if {
	r := installed_not_assigned.report with input as doc(
		[
			client("PC001", {"client": true, "assigned": true, "site_code": "ABC"}),
			client("PC004", {"client": true, "assigned": true, "site_code": "BR1"}),
			client("PC005", {"client": true, "assigned": true, "site_code": "XYZ"}),
		],
		"CEN",
	)
	r == set()
}

test_passes_for_a_system_without_the_client_in_another_site if {
	# For a system without a client, the site code is the site whose boundaries hold it, not an assignment.
	r := installed_not_assigned.report with input as doc([client("PC012", {"client": false, "site_code": "XYZ"})], "ABC")
	r == set()
}

test_passes_without_a_viewed_site if {
	r := installed_not_assigned.report with input as doc([client("PC010", {"client": true, "assigned": true, "site_code": "XYZ"})], "")
	r == set()
}

test_passes_for_uninstalled_unknown_and_obsolete_records if {
	r := installed_not_assigned.report with input as doc(
		[
			client("PC020", {"client": false, "assigned": false}),
			client("PC021", {"client": null, "assigned": false}),
			client("PC022", {"client": true, "assigned": null}),
			client("PC023", {"client": true, "assigned": false, "obsolete": true}),
		],
		"",
	)
	r == set()
}
