package pushlint.rules.config.push_not_enabled_test

import data.pushlint.rules.config.push_not_enabled

site(type, boundaries, enabled, deployment) := {
	"code": "ABC",
	"type": type,
	"boundaries": boundaries,
	"client_push": {
		"enabled": enabled,
		"deployment": deployment,
		"location": {"file": "site.yaml", "line": 20, "column": 7},
		"key_locations": {"enabled": {"file": "site.yaml", "line": 21, "column": 7}},
	},
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {},
}

subnets := [
	{"type": "ip_subnet", "value": "10.1.0.0/16", "location": {"file": "site.yaml", "line": 15, "column": 9}},
	{"type": "ad_site", "value": "Paris", "location": {"file": "site.yaml", "line": 16, "column": 9}},
]

test_fires_on_a_primary_with_boundaries_and_push_disabled if {
	r := push_not_enabled.report with input as {"sites": [site("primary", subnets, false, "push")]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "primary site ABC: Client Push Installation is disabled although the site has boundaries (10.1.0.0/16, Paris); Discovery Data Manager generates no CCR for the computers discovered there, so the client is never pushed to them",
		"location": {"file": "site.yaml", "line": 21, "column": 7},
	}}
}

test_fires_when_deployment_is_both if {
	r := push_not_enabled.report with input as {"sites": [site("primary", [subnets[0]], false, "both")]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "primary site ABC: Client Push Installation is disabled although the site has boundaries (10.1.0.0/16); Discovery Data Manager generates no CCR for the computers discovered there, so the client is never pushed to them",
		"location": {"file": "site.yaml", "line": 21, "column": 7},
	}}
}

test_passes_when_push_is_enabled if {
	r := push_not_enabled.report with input as {"sites": [site("primary", subnets, true, "push")]}
	r == set()
}

test_passes_for_a_capinst_only_site if {
	r := push_not_enabled.report with input as {"sites": [site("primary", subnets, false, "capinst")]}
	r == set()
}

test_passes_for_a_primary_without_boundaries if {
	r := push_not_enabled.report with input as {"sites": [site("primary", [], false, "push")]}
	r == set()
}

test_passes_for_a_secondary_site if {
	r := push_not_enabled.report with input as {"sites": [site("secondary", subnets, false, "push")]}
	r == set()
}

# Sites that install their clients another way keep push off on purpose (client_push.deployment).
test_passes_for_sites_that_install_without_push if {
	every deployment in ["capinst", "group_policy", "software_update", "logon_script", "manual"] {
		push_not_enabled.report == set() with input as {"sites": [site("primary", subnets, false, deployment)]}
	}
}

test_passes_for_a_central_site_without_boundaries if {
	r := push_not_enabled.report with input as {"sites": [site("primary", [], false, "push")]}
	r == set()
}
