package pushlint.rules.config.no_boundaries_test

import data.pushlint.rules.config.no_boundaries

site(type, boundaries, key_locations) := site_installing(type, boundaries, key_locations, true, "push")

site_installing(type, boundaries, key_locations, push, deployment) := {
	"code": "BR1",
	"type": type,
	"boundaries": boundaries,
	"client_push": {"enabled": push, "deployment": deployment},
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": key_locations,
}

test_fires_at_the_site_when_boundaries_are_left_out if {
	r := no_boundaries.report with input as {"sites": [site("secondary", [], {})]}
	r == {{
		"subject": {"kind": "site", "id": "BR1"},
		"message": "secondary site BR1 installs clients (Client Push Installation) but has no boundaries; Discovery Data Manager assigns no discovered computer to it, so no CCR is ever generated for its clients and Client Push Installation never starts for them",
		"location": {"file": "site.yaml", "line": 10, "column": 5},
	}}
}

test_fires_at_an_empty_boundaries_list if {
	where := {"boundaries": {"file": "site.yaml", "line": 14, "column": 5}}
	r := no_boundaries.report with input as {"sites": [site("primary", [], where)]}
	r == {{
		"subject": {"kind": "site", "id": "BR1"},
		"message": "primary site BR1 installs clients (Client Push Installation) but has no boundaries; Discovery Data Manager assigns no discovered computer to it, so no CCR is ever generated for its clients and Client Push Installation never starts for them",
		"location": {"file": "site.yaml", "line": 14, "column": 5},
	}}
}

test_fires_for_a_capinst_site_without_boundaries if {
	r := no_boundaries.report with input as {"sites": [site_installing("primary", [], {}, false, "capinst")]}
	r == {{
		"subject": {"kind": "site", "id": "BR1"},
		"message": "primary site BR1 installs clients (Capinst.exe) but has no boundaries; Discovery Data Manager assigns no discovered computer to it, so the clients it installs find no site whose boundaries contain them and stay unassigned",
		"location": {"file": "site.yaml", "line": 10, "column": 5},
	}}
}

test_passes_with_one_boundary if {
	b := {"type": "ip_subnet", "value": "10.2.0.0/16", "location": {"file": "site.yaml", "line": 15, "column": 9}}
	r := no_boundaries.report with input as {"sites": [site("secondary", [b], {})]}
	r == set()
}

# The usual SMS 2003 central site: no boundaries, push off, installs no clients of its own.
test_passes_for_a_central_site_that_installs_no_clients if {
	r := no_boundaries.report with input as {"sites": [site_installing("primary", [], {}, false, "push")]}
	r == set()
}

# Discovered computers (--clients) against the boundaries of every site.

hq := {
	"code": "ABC", "type": "primary",
	"boundaries": [{"type": "ip_subnet", "value": "10.1.0.0/16", "location": {"file": "site.yaml", "line": 9, "column": 9}}],
	"location": {"file": "site.yaml", "line": 5, "column": 5}, "key_locations": {},
}

client(name, ips) := {
	"name": name, "machine": name, "obsolete": null,
	"ip_addresses": ips, "ip_subnets": [], "ipv6_prefixes": [], "ad_site": null,
	"location": {"file": "clients.csv", "line": 4, "column": 1},
	"row": sprintf("%s,%s", [name, concat(" ", ips)]),
}

export_with(clients) := {
	"sites": [hq],
	"clients": clients,
	"inputs": {"clients": {"fields": ["name", "ip_addresses"]}},
}

test_fires_for_a_discovered_computer_outside_every_boundary if {
	r := no_boundaries.report with input as export_with([client("PC9", ["10.7.1.20"])])
	r == {{
		"subject": {"kind": "machine", "id": "PC9"},
		"message": "PC9 (IP 10.7.1.20) lies in no boundary of any site; Discovery Data Manager assigns it to no site, so no CCR is ever generated for it and Client Push Installation never tries it",
		"location": {"file": "clients.csv", "line": 4, "column": 1},
		"evidence": [{"file": "clients.csv", "line": 4, "text": "PC9,10.7.1.20"}],
	}}
}

test_fires_for_a_discovered_computer_without_network_data if {
	r := no_boundaries.report with input as export_with([client("PC8", [])])
	[f.message | some f in r] == ["PC8 (no IP address, subnet or AD site known) lies in no boundary of any site; Discovery Data Manager assigns it to no site, so no CCR is ever generated for it and Client Push Installation never tries it"]
}

test_passes_for_a_computer_inside_a_boundary if {
	r := no_boundaries.report with input as export_with([client("PC1", ["10.1.4.20"])])
	r == set()
}

test_passes_when_the_export_lacks_the_column_the_boundaries_need if {
	doc := object.union(export_with([client("PC9", ["10.7.1.20"])]), {"inputs": {"clients": {"fields": ["name"]}}})
	r := no_boundaries.report with input as doc
	r == set()
}

# The export cannot check some boundaries: the computers only they could contain are named in the notes.

ad_hq := object.union(hq, {"boundaries": array.concat(hq.boundaries, [{"type": "ad_site", "value": "London-HQ", "location": {"file": "site.yaml", "line": 10, "column": 9}}])})

undecided_doc(clients) := {
	"sites": [ad_hq],
	"clients": clients,
	"inputs": {"clients": {"file": "clients.csv", "fields": ["name", "ip_addresses"]}},
}

test_fires_a_note_for_computers_only_unchecked_boundaries_could_contain if {
	doc := undecided_doc([client("PC9", ["10.7.1.20"]), client("PC1", ["10.1.4.20"]), client("PC7", [])])
	no_boundaries.report == set() with input as doc
	no_boundaries.notes == {"2 computers of clients.csv (PC7, PC9) lie in no boundary the export can show, and whether they lie in the Active Directory site boundaries of ABC cannot be decided: the export has no AD Site Name column (add it to the export to check them)"} with input as doc
}

test_fires_one_note_naming_every_boundary_type_it_cannot_check if {
	doc := object.union(undecided_doc([client("PC9", ["10.7.1.20"])]), {"inputs": {"clients": {"file": "clients.csv", "fields": ["name"]}}})
	no_boundaries.notes == {"1 computer of clients.csv (PC9) lies in no boundary the export can show, and whether it lies in the Active Directory site boundaries of ABC or the IP subnet boundaries of ABC cannot be decided: the export has no AD Site Name column and no IP Subnets (or IP Addresses) column (add them to the export to check them)"} with input as doc
}

test_passes_without_a_note_when_a_checked_boundary_contains_every_computer if {
	doc := undecided_doc([client("PC1", ["10.1.4.20"])])
	no_boundaries.notes == set() with input as doc
}

test_passes_without_a_note_when_the_export_has_every_column if {
	doc := object.union(undecided_doc([client("PC9", ["10.7.1.20"])]), {"inputs": {"clients": {"file": "clients.csv", "fields": ["name", "ip_addresses", "ad_site"]}}})
	no_boundaries.notes == set() with input as doc
	[f.subject.id | some f in no_boundaries.report] == ["PC9"] with input as doc
}
