package pushlint.gate.waiver_stale_test

import data.pushlint.gate.waiver_stale

waiver(subject, expires_seconds) := {
	"rule": "PL007",
	"package": "pushlint.rules.config.sitecode_secondary",
	"subject": subject,
	"reason": "BR1 is being decommissioned",
	"expires": "2027-01-31",
	"expires_seconds": expires_seconds,
	"location": {"file": "waivers.yaml", "line": 2, "column": 5},
	"key_locations": {"subject": {"file": "waivers.yaml", "line": 3, "column": 5}},
}

finding(pkg, subject_id) := {
	"package": pkg,
	"subject": {"kind": "site", "id": subject_id},
	"message": "m",
	"location": {"file": "site.yaml", "line": 9, "column": 3},
}

now := 1790000000

test_fires_when_no_finding_has_the_subject if {
	r := waiver_stale.report with input as {"now_seconds": now, "waivers": [waiver("BR9", now + 1)]}
		with data.pushlint.main.findings as {finding("pushlint.rules.config.sitecode_secondary", "BR1")}
	r == {{
		"subject": {"kind": "waiver", "id": "PL007 BR9"},
		"message": "the waiver of PL007 for BR9 matches no finding of this run: remove it, or correct its subject",
		"location": {"file": "waivers.yaml", "line": 3, "column": 5},
	}}
}

test_fires_when_only_another_rule_reports_the_subject if {
	r := waiver_stale.report with input as {"now_seconds": now, "waivers": [waiver("BR1", now + 1)]}
		with data.pushlint.main.findings as {finding("pushlint.rules.config.push_not_enabled", "BR1")}
	count(r) == 1
}

test_passes_when_a_finding_matches_case_insensitively if {
	r := waiver_stale.report with input as {"now_seconds": now, "waivers": [waiver("br1", now + 1)]}
		with data.pushlint.main.findings as {finding("pushlint.rules.config.sitecode_secondary", "BR1")}
	r == set()
}

test_passes_when_expired if {
	# An expired waiver is reported once, by PL901, not also as stale.
	r := waiver_stale.report with input as {"now_seconds": now, "waivers": [waiver("BR9", now)]}
		with data.pushlint.main.findings as set()
	r == set()
}
