package pushlint.gate.waiver_expired_test

import data.pushlint.gate.waiver_expired

# 2027-01-31T00:00:00Z
expires_seconds := 1801353600

waiver := {
	"rule": "PL007",
	"package": "pushlint.rules.config.sitecode_secondary",
	"subject": "BR1",
	"reason": "BR1 is being decommissioned",
	"expires": "2027-01-31",
	"expires_seconds": expires_seconds,
	"location": {"file": "waivers.yaml", "line": 2, "column": 5},
	"key_locations": {"expires": {"file": "waivers.yaml", "line": 5, "column": 5}},
}

test_fires_on_the_expiry_date if {
	r := waiver_expired.report with input as {"now_seconds": expires_seconds, "waivers": [waiver]}
	r == {{
		"subject": {"kind": "waiver", "id": "PL007 BR1"},
		"message": "the waiver of PL007 for BR1 expired on 2027-01-31 (reason: BR1 is being decommissioned); the findings it accepted count again",
		"location": {"file": "waivers.yaml", "line": 5, "column": 5},
	}}
}

test_fires_after_the_expiry_date if {
	r := waiver_expired.report with input as {"now_seconds": expires_seconds + (40 * 86400), "waivers": [waiver]}
	count(r) == 1
}

test_passes_the_day_before if {
	r := waiver_expired.report with input as {"now_seconds": expires_seconds - 1, "waivers": [waiver]}
	r == set()
}

test_passes_without_waivers if {
	r := waiver_expired.report with input as {"now_seconds": expires_seconds, "waivers": []}
	r == set()
}
