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
