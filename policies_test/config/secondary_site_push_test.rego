package pushlint.rules.config.secondary_site_push_test

import data.pushlint.rules.config.secondary_site_push

site(type, enabled, deployment, heartbeat, network, ad_system) := {
	"code": "BR1",
	"type": type,
	"parent": "ABC",
	"client_push": {
		"enabled": enabled,
		"deployment": deployment,
		"location": {"file": "site.yaml", "line": 20, "column": 7},
		"key_locations": {"enabled": {"file": "site.yaml", "line": 21, "column": 7}},
	},
	"discovery": {
		"heartbeat": {"enabled": heartbeat},
		"network": {"enabled": network},
		"ad_system": {"enabled": ad_system},
	},
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {"discovery": {"file": "site.yaml", "line": 30, "column": 5}},
}

push_disabled := {
	"subject": {"kind": "site", "id": "BR1"},
	"message": "secondary site BR1: Client Push Installation is disabled; a push from parent site ABC does not install clients in BR1's boundaries, so computers there never get the client",
	"location": {"file": "site.yaml", "line": 21, "column": 7},
}

no_discovery := {
	"subject": {"kind": "site", "id": "BR1"},
	"message": "secondary site BR1: no discovery method is enabled (Heartbeat, Network and Active Directory System Discovery are all disabled); the site discovers no computer in its boundaries, so no CCR is created for them and push never starts",
	"location": {"file": "site.yaml", "line": 30, "column": 5},
}

test_fires_when_a_secondary_does_not_push if {
	r := secondary_site_push.report with input as {"sites": [site("secondary", false, "push", true, false, false)]}
	r == {push_disabled}
}

test_fires_when_a_secondary_discovers_nothing if {
	r := secondary_site_push.report with input as {"sites": [site("secondary", true, "push", false, false, false)]}
	r == {no_discovery}
}

test_fires_both_findings_separately if {
	r := secondary_site_push.report with input as {"sites": [site("secondary", false, "both", false, false, false)]}
	r == {push_disabled, no_discovery}
}

test_passes_for_a_secondary_that_pushes_and_discovers if {
	r := secondary_site_push.report with input as {"sites": [site("secondary", true, "push", false, true, false)]}
	r == set()
}

test_passes_with_only_ad_system_discovery if {
	r := secondary_site_push.report with input as {"sites": [site("secondary", true, "push", false, false, true)]}
	r == set()
}

test_passes_for_a_capinst_only_secondary_without_push if {
	r := secondary_site_push.report with input as {"sites": [site("secondary", false, "capinst", true, false, false)]}
	r == set()
}

test_passes_for_a_primary_site if {
	r := secondary_site_push.report with input as {"sites": [site("primary", false, "push", false, false, false)]}
	r == set()
}
