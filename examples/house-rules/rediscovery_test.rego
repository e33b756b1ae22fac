package pushlint.rules.house.rediscovery_test

import data.pushlint.rules.house.rediscovery

site(rediscovery_days) := {
	"code": "ABC",
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {},
	"discovery": {"heartbeat": {"enabled": true, "interval_seconds": 7 * 86400}},
	"maintenance": {"clear_install_flag": {
		"enabled": true,
		"rediscovery_period_seconds": rediscovery_days * 86400,
		"location": {"file": "site.yaml", "line": 30, "column": 7},
		"key_locations": {"rediscovery_period": {"file": "site.yaml", "line": 31, "column": 9}},
	}},
}

test_fires_at_three_heartbeats if {
	r := rediscovery.report with input as {"sites": [site(21)]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: rediscovery period is not more than three heartbeats",
		"location": {"file": "site.yaml", "line": 31, "column": 9},
	}}
}

test_passes_above_three_heartbeats if {
	r := rediscovery.report with input as {"sites": [site(22)]}
	r == set()
}
