package pushlint.lib_test

import data.pushlint.lib

_waiver(subject) := {
	"rule": "PL101",
	"package": "pushlint.rules.logs.admin_share",
	"subject": subject,
	"reason": "r",
	"expires": "2027-01-31",
	"expires_seconds": 1801353600,
	"location": {"file": "w.yaml", "line": 2, "column": 5},
	"key_locations": {},
}

_log_finding := {
	"package": "pushlint.rules.logs.admin_share",
	"subject": {"kind": "machine", "id": "PC042"},
	"message": "m",
	"location": null,
	"evidence": [{"file": "logs/SMS01/ccm.log", "line": 7, "text": "t"}],
}

test_waiver_covers_by_subject_name_case_insensitively if {
	lib.waiver_covers(_waiver("pc042"), _log_finding)
	not lib.waiver_covers(_waiver("PC043"), _log_finding)
}

test_waiver_covers_by_glob_on_subject_or_evidence_file if {
	lib.waiver_covers(_waiver("PC0*"), _log_finding)
	lib.waiver_covers(_waiver("logs/*/ccm.log"), _log_finding)
	not lib.waiver_covers(_waiver("logs/*.log"), _log_finding) # * does not cross a folder
	lib.waiver_covers(_waiver("logs/**.log"), _log_finding)
}

test_waiver_covers_only_its_rule if {
	not lib.waiver_covers(_waiver("PC042"), object.union(_log_finding, {"package": "pushlint.rules.logs.network_name"}))
}

test_waiver_for_picks_the_first_active_waiver if {
	expired := object.union(_waiver("PC042"), {"expires_seconds": 100})
	lib.waiver_for(_log_finding) == 1 with input as {"now_seconds": 1000, "waivers": [expired, _waiver("PC0*"), _waiver("pc042")]}
	not lib.waiver_for(_log_finding) with input as {"now_seconds": 1000, "waivers": [expired]}
}
