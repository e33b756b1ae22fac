package pushlint.lib_test

import data.pushlint.lib

test_client_finding_points_at_the_export_row if {
	c := {"machine": "PC1", "location": {"file": "c.csv", "line": 4, "column": 1}, "row": "PC1,Yes"}
	lib.client_finding(c, "m") == {
		"subject": {"kind": "machine", "id": "PC1"},
		"message": "m",
		"location": {"file": "c.csv", "line": 4, "column": 1},
		"evidence": [{"file": "c.csv", "line": 4, "text": "PC1,Yes"}],
	}
}

test_ccr_subject_is_the_machine_or_the_file if {
	lib.ccr_subject({"machine": "PC1", "file": "x/PC1"}) == {"kind": "machine", "id": "PC1"}
	lib.ccr_subject({"machine": "", "file": "x/a.ccr"}) == {"kind": "file", "id": "x/a.ccr"}
}

test_current_clients_leaves_out_obsolete_records if {
	clients := [{"machine": "A", "obsolete": null}, {"machine": "B", "obsolete": true}, {"machine": "C", "obsolete": false}]
	machines := {c.machine | some c in lib.current_clients} with input.clients as clients
	machines == {"A", "C"}
}

test_elapsed_reads_like_speech if {
	lib.elapsed((12 * 86400) + 3723) == "12 days"
	lib.elapsed(2 * 86400) == "2 days"
	lib.elapsed(47 * 3600) == "47 hours"
	lib.elapsed(7300) == "2 hours"
	lib.elapsed(119) == "119 seconds"
	lib.elapsed(600) == "10 minutes"
}
