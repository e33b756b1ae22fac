package pushlint.rules.clients.retry_expired_test

import data.pushlint.rules.clients.retry_expired

week := 604800

ccr(name, queue, machine, age) := {
	"file": sprintf("Inboxes/%s/%s", [queue, name]), "queue": queue, "machine": machine,
	"age_seconds": age, "time_known": true, "modified": "2026-11-16T08:00:00Z",
	"location": {"file": sprintf("Inboxes/%s/%s", [queue, name]), "line": 2, "column": 1},
}

test_fires_on_a_retry_ccr_older_than_seven_days if {
	r := retry_expired.report with input as {"ccr_files": [ccr("PC003", "retry", "PC003", week + 3600)]}
	r == {{
		"subject": {"kind": "machine", "id": "PC003"},
		"message": "the CCR for PC003 has been in Ccrretry.box for 7 days (file Inboxes/retry/PC003, last changed 2026-11-16T08:00:00Z), longer than the retry window of 7 days (168 tries, one every 60 minutes)",
		"location": {"file": "Inboxes/retry/PC003", "line": 2, "column": 1},
	}}
}

test_fires_on_the_file_when_it_names_no_machine if {
	r := retry_expired.report with input as {"ccr_files": [ccr(".krc", "retry", "", 30 * 86400)]}
	r == {{
		"subject": {"kind": "file", "id": "Inboxes/retry/.krc"},
		"message": "the CCR for an unnamed machine has been in Ccrretry.box for 30 days (file Inboxes/retry/.krc, last changed 2026-11-16T08:00:00Z), longer than the retry window of 7 days (168 tries, one every 60 minutes)",
		"location": {"file": "Inboxes/retry/.krc", "line": 2, "column": 1},
	}}
}

test_passes_within_the_window_and_outside_the_retry_queue if {
	r := retry_expired.report with input as {"ccr_files": [
		ccr("PC003", "retry", "PC003", week),
		ccr("old.ccr", "incoming", "PC004", 10 * week),
		ccr("x.ccr", "processing", "PC005", 10 * week),
	]}
	r == set()
}

# The window is retry_limit tries of retry_interval each (parameters): a site whose retries an auditor counts as
# 24 hourly tries has discarded a two-day-old CCR.
test_fires_after_a_window_set_by_the_parameters if {
	r := retry_expired.report with input as {"ccr_files": [ccr("PC006", "retry", "PC006", 2 * 86400)]}
		with data.pushlint.params.retry_limit as 24
	r == {{
		"subject": {"kind": "machine", "id": "PC006"},
		"message": "the CCR for PC006 has been in Ccrretry.box for 2 days (file Inboxes/retry/PC006, last changed 2026-11-16T08:00:00Z), longer than the retry window of 24 hours (24 tries, one every 60 minutes)",
		"location": {"file": "Inboxes/retry/PC006", "line": 2, "column": 1},
	}}
}

# A file time that cannot date the CCR (a copy without times, a git checkout) says nothing of its age.
test_passes_when_the_file_time_is_a_copys if {
	r := retry_expired.report with input as {"ccr_files": [object.union(ccr("PC042", "retry", "PC042", 2 * week), {"time_known": false})]}
	r == set()
}
