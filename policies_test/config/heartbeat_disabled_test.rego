package pushlint.rules.config.heartbeat_disabled_test

import data.pushlint.rules.config.heartbeat_disabled

site(enabled) := site_of("ABC", "primary", null, enabled)

site_of(code, type, parent, enabled) := {
	"code": code,
	"type": type,
	"parent": parent,
	"discovery": {"heartbeat": {
		"enabled": enabled,
		"interval_seconds": 604800,
		"location": {"file": "site.yaml", "line": 29, "column": 7},
		"key_locations": {"enabled": {"file": "site.yaml", "line": 30, "column": 9}},
	}},
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {},
}

test_fires_when_heartbeat_is_disabled if {
	r := heartbeat_disabled.report with input as {"sites": [site_of("DEF", "primary", null, true), site(false)]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: Heartbeat Discovery is disabled; only Heartbeat Discovery sets Client=Yes, so installed clients never appear as installed in collections",
		"location": {"file": "site.yaml", "line": 30, "column": 9},
	}}
}

# The clients in a secondary site's boundaries are the primary's clients: they heartbeat on its schedule.
test_fires_at_the_primary_naming_the_secondaries_that_depend_on_it if {
	r := heartbeat_disabled.report with input as {"sites": [
		site(false),
		site_of("BR2", "secondary", "ABC", true),
		site_of("BR1", "secondary", "ABC", true),
	]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: Heartbeat Discovery is disabled; only Heartbeat Discovery sets Client=Yes, so installed clients never appear as installed in collections (nor do the clients in the boundaries of its secondary sites BR1, BR2, which heartbeat on ABC's schedule)",
		"location": {"file": "site.yaml", "line": 30, "column": 9},
	}}
}

test_passes_when_heartbeat_is_enabled if {
	r := heartbeat_disabled.report with input as {"sites": [site(true)]}
	r == set()
}

# A secondary site's own Heartbeat Discovery does not schedule the heartbeats of the Advanced Clients in its
# boundaries: they are assigned to the parent primary site, whose schedule they follow.
test_passes_for_a_secondary_site_whose_primary_has_heartbeat_enabled if {
	r := heartbeat_disabled.report with input as {"sites": [site(true), site_of("BR1", "secondary", "ABC", false)]}
	r == set()
}
