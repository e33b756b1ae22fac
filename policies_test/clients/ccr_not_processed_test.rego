package pushlint.rules.clients.ccr_not_processed_test

import data.pushlint.rules.clients.ccr_not_processed

hour := 3600

ccr(name, queue, age) := {
	"file": sprintf("Inboxes/%s/%s", [queue, name]), "queue": queue, "machine": "PC042", "valid": true,
	"age_seconds": age, "time_known": true, "modified": "2026-11-25T05:00:00Z",
	"location": {"file": sprintf("Inboxes/%s/%s", [queue, name]), "line": 2, "column": 1},
}

test_fires_on_a_ccr_waiting_in_ccr_box_past_the_cycle if {
	r := ccr_not_processed.report with input as {"ccr_files": [ccr("PC042.ccr", "incoming", 3 * hour)]}
	r == {{
		"subject": {"kind": "machine", "id": "PC042"},
		"message": "the CCR for PC042 has waited in Ccr.box for 3 hours (file Inboxes/incoming/PC042.ccr, last changed 2026-11-25T05:00:00Z), longer than one processing cycle (60 minutes): Client Configuration Manager is not processing it",
		"location": {"file": "Inboxes/incoming/PC042.ccr", "line": 2, "column": 1},
	}}
}

test_fires_on_a_ccr_stuck_in_inproc if {
	r := ccr_not_processed.report with input as {"ccr_files": [ccr("PC042.ccr", "processing", (2 * hour) + 1)]}
	r == {{
		"subject": {"kind": "machine", "id": "PC042"},
		"message": "the CCR for PC042 has waited in Ccr.box\\Inproc for 2 hours (file Inboxes/processing/PC042.ccr, last changed 2026-11-25T05:00:00Z), longer than one processing cycle (60 minutes): Client Configuration Manager is not processing it",
		"location": {"file": "Inboxes/processing/PC042.ccr", "line": 2, "column": 1},
	}}
}

# A healthy site: the CCR was dropped minutes ago, or it is in the retry queue (PL104, PL306), or it cannot
# be processed at all (PL305).
test_passes_within_the_cycle_in_the_retry_queue_and_for_malformed_files if {
	r := ccr_not_processed.report with input as {"ccr_files": [
		ccr("PC042.ccr", "incoming", hour),
		ccr("PC042", "retry", 30 * hour),
		object.union(ccr("PC042.ccr.txt", "incoming", 30 * hour), {"valid": false}),
	]}
	r == set()
}

# ccr_cycle is a parameter: on a site an auditor gives two hours, 90 minutes is within it.
test_passes_within_a_longer_cycle_set_by_the_parameter if {
	r := ccr_not_processed.report with input as {"ccr_files": [ccr("PC042.ccr", "incoming", 90 * 60)]}
		with data.pushlint.params.ccr_cycle_seconds as 2 * hour
	r == set()
}

# A file time that cannot date the CCR (after --now, or one time across queues: a copy without times or a
# git checkout) measures the copy, not the wait: no finding.
test_passes_when_the_file_time_is_a_copys if {
	r := ccr_not_processed.report with input as {"ccr_files": [
		object.union(ccr("PC042.ccr", "incoming", 30 * hour), {"time_known": false}),
	]}
	r == set()
}
