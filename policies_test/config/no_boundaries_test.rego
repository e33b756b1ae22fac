package pushlint.rules.config.no_boundaries_test

import data.pushlint.rules.config.no_boundaries

site(type, boundaries, key_locations) := {
	"code": "BR1",
	"type": type,
	"boundaries": boundaries,
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": key_locations,
}

test_fires_at_the_site_when_boundaries_are_left_out if {
	r := no_boundaries.report with input as {"sites": [site("secondary", [], {})]}
	r == {{
		"subject": {"kind": "site", "id": "BR1"},
		"message": "secondary site BR1 has no boundaries; Discovery Data Manager assigns no discovered computer to it, so no CCR is ever generated for its clients and Client Push Installation never starts for them",
		"location": {"file": "site.yaml", "line": 10, "column": 5},
	}}
}

test_fires_at_an_empty_boundaries_list if {
	where := {"boundaries": {"file": "site.yaml", "line": 14, "column": 5}}
	r := no_boundaries.report with input as {"sites": [site("primary", [], where)]}
	r == {{
		"subject": {"kind": "site", "id": "BR1"},
		"message": "primary site BR1 has no boundaries; Discovery Data Manager assigns no discovered computer to it, so no CCR is ever generated for its clients and Client Push Installation never starts for them",
		"location": {"file": "site.yaml", "line": 14, "column": 5},
	}}
}

test_passes_with_one_boundary if {
	b := {"type": "ip_subnet", "value": "10.2.0.0/16", "location": {"file": "site.yaml", "line": 15, "column": 9}}
	r := no_boundaries.report with input as {"sites": [site("secondary", [b], {})]}
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
