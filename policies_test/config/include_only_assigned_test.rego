package pushlint.rules.config.include_only_assigned_test

import data.pushlint.rules.config.include_only_assigned

site(code, type, parent, enabled, only_assigned) := {
	"code": code,
	"type": type,
	"parent": parent,
	"client_push": {
		"enabled": enabled,
		"include_only_assigned": only_assigned,
		"location": {"file": "site.yaml", "line": 20, "column": 7},
		"key_locations": {"include_only_assigned": {"file": "site.yaml", "line": 22, "column": 7}},
	},
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {},
}

secondary(code, parent) := site(code, "secondary", parent, false, false)

test_fires_listing_the_secondary_children if {
	sites := [site("ABC", "primary", null, true, true), secondary("BR2", "ABC"), secondary("BR1", "ABC"), secondary("BR3", "XYZ")]
	r := include_only_assigned.report with input as {"sites": sites}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "primary site ABC: Client Push Installation has \"Include only clients assigned to this site\" enabled while secondary sites report to it (BR1, BR2); computers in the secondary sites' boundaries are not assigned to ABC, so its push never installs them",
		"location": {"file": "site.yaml", "line": 22, "column": 7},
	}}
}

test_passes_without_secondary_children if {
	sites := [site("ABC", "primary", null, true, true), site("PR2", "primary", "ABC", true, false), secondary("BR3", "PR2")]
	r := include_only_assigned.report with input as {"sites": sites}
	r == set()
}

test_passes_when_the_option_is_off if {
	sites := [site("ABC", "primary", null, true, false), secondary("BR1", "ABC")]
	r := include_only_assigned.report with input as {"sites": sites}
	r == set()
}

test_passes_when_push_is_disabled if {
	sites := [site("ABC", "primary", null, false, true), secondary("BR1", "ABC")]
	r := include_only_assigned.report with input as {"sites": sites}
	r == set()
}
