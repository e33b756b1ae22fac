package pushlint.lib_test

import data.pushlint.lib

test_duration_picks_the_largest_whole_unit if {
	lib.duration(1209600) == "14d"
	lib.duration(604800) == "7d"
	lib.duration(86400 * 21) == "21d"
	lib.duration(86400 * 10) == "10d"
	lib.duration(36 * 3600) == "36h"
	lib.duration(90 * 60) == "90m"
	lib.duration(45) == "45s"
}

test_at_prefers_the_key_location if {
	obj := {
		"location": {"file": "s.yaml", "line": 3, "column": 5},
		"key_locations": {"enabled": {"file": "s.yaml", "line": 4, "column": 7}},
	}
	lib.at(obj, "enabled") == {"file": "s.yaml", "line": 4, "column": 7}
	lib.at(obj, "interval") == {"file": "s.yaml", "line": 3, "column": 5}
}

test_installs_clients if {
	lib.installs_clients({"client_push": {"enabled": true, "deployment": "push"}})
	lib.installs_clients({"client_push": {"enabled": false, "deployment": "capinst"}})
	not lib.installs_clients({"client_push": {"enabled": false, "deployment": "push"}})
}

test_sitecode_property_is_upper_cased if {
	lib.sitecode_property({"client_push": {"properties": {"SMSSITECODE": "br1"}}}) == "BR1"
}

test_finding_with_severity if {
	f := lib.finding_with_severity({"kind": "site", "id": "ABC"}, "m", {"file": "f", "line": 1, "column": 1}, "info")
	f.severity == "info"
	f.message == "m"
}

test_name_list_names_ten_and_counts_the_rest if {
	lib.name_list(["A", "B"]) == "A, B"
	lib.name_list([sprintf("PC%d", [i]) | some i in numbers.range(1, 12)]) == "PC1, PC2, PC3, PC4, PC5, PC6, PC7, PC8, PC9, PC10 and 2 more"
}
