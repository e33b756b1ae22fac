package pushlint.rules.config.rediscovery_period_test

import data.pushlint.rules.config.rediscovery_period

site(flag, heartbeat) := {
	"code": "ABC",
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {},
	"maintenance": {"clear_install_flag": flag},
	"discovery": {"heartbeat": heartbeat},
}

flag(enabled, seconds) := {
	"enabled": enabled,
	"rediscovery_period_seconds": seconds,
	"location": {"file": "site.yaml", "line": 30, "column": 7},
	"key_locations": {"rediscovery_period": {"file": "site.yaml", "line": 31, "column": 9}},
}

heartbeat(enabled, seconds) := {
	"enabled": enabled,
	"interval_seconds": seconds,
	"location": {"file": "site.yaml", "line": 20, "column": 7},
	"key_locations": {},
}

test_fires_when_rediscovery_equals_heartbeat if {
	r := rediscovery_period.report with input as {"sites": [site(flag(true, 604800), heartbeat(true, 604800))]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: Clear Install Flag rediscovery period (7d) is not larger than the Heartbeat Discovery interval (7d)",
		"location": {"file": "site.yaml", "line": 31, "column": 9},
	}}
}

test_fires_when_rediscovery_shorter_than_heartbeat if {
	r := rediscovery_period.report with input as {"sites": [site(flag(true, 5 * 86400), heartbeat(true, 604800))]}
	count(r) == 1
}

test_passes_when_rediscovery_longer if {
	r := rediscovery_period.report with input as {"sites": [site(flag(true, 21 * 86400), heartbeat(true, 604800))]}
	r == set()
}

test_passes_when_task_disabled if {
	r := rediscovery_period.report with input as {"sites": [site(flag(false, 86400), heartbeat(true, 604800))]}
	r == set()
}
