package pushlint.rules.config.heartbeat_disabled_test

import data.pushlint.rules.config.heartbeat_disabled

site(enabled) := {
	"code": "ABC",
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
	r := heartbeat_disabled.report with input as {"sites": [site(true), site(false)]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: Heartbeat Discovery is disabled; only Heartbeat Discovery sets Client=Yes, so installed clients never appear as installed in collections",
		"location": {"file": "site.yaml", "line": 30, "column": 9},
	}}
}

test_passes_when_heartbeat_is_enabled if {
	r := heartbeat_disabled.report with input as {"sites": [site(true)]}
	r == set()
}
