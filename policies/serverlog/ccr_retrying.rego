# METADATA
# title: A machine's CCR is in the Retry queue (and is discarded after 168 retries)
# description: |
#   When Client Configuration Manager cannot install a client, it renames the CCR after the machine and
#   stores it in SMS\Inboxes\Ccrretry.box. It retries the CCR every 60 minutes, 168 times (seven days), and
#   then discards it: the machine is not pushed to again until it is rediscovered. The finding is a warning
#   while the CCR is retrying and an error once the logs show 168 retries or seven days of them (the
#   parameters retry_interval and retry_limit). A completed push after the last retry clears it.
# custom:
#   id: PL104
#   severity: warning
#   kb_section: Pre-installation phase, step 6 (Ccrretry.box, 168 retries over seven days)
#   remediation: |
#     Fix the failure that sends the CCR to the Retry queue (the findings about the same machine name it).
#     For a CCR already discarded, start the push again: Install Client on the machine in the SMS
#     Administrator console, or drop a CCR with "Machine Name=<name>" in SMS\Inboxes\Ccr.box.
#   reads:
#     - machines[].retries
#     - machines[].first_retry
#     - machines[].last_retry
#     - machines[].failures
#     - events
package pushlint.rules.serverlog.ccr_retrying

import data.pushlint.lib

# Client Configuration Manager tries a CCR of Ccrretry.box every retry_interval, retry_limit times, then
# discards it.
_interval := data.pushlint.params.retry_interval_seconds

_limit := data.pushlint.params.retry_limit

_window := _interval * _limit

report contains finding if {
	some m in input.machines
	m.retrying
	not _exhausted(m)
	message := sprintf("%s: %s is in the Retry queue, %s; Client Configuration Manager retries it every %s and discards it after %d retries (%s)%s", [
		m.name, _ccr(m), lib.span(_retries(m.retries), m.first_retry, m.last_retry), lib.elapsed(_interval), _limit, lib.elapsed(_window), _cause(m),
	])
	finding := lib.log_finding(lib.machine_subject(m.name), message, lib.log_location(m.last_retry), _evidence(m))
}

report contains finding if {
	some m in input.machines
	m.retrying
	_exhausted(m)
	message := sprintf("%s: %s was retried %s from %s to %s: Client Configuration Manager discards it after %d retries (%s), so the machine will not be pushed to again until it is rediscovered%s", [
		m.name, _ccr(m), lib.plural(m.retries, "time"), lib.when(m.first_retry), lib.when(m.last_retry), _limit, lib.elapsed(_window), _cause(m),
	])
	finding := object.union(
		lib.log_finding(lib.machine_subject(m.name), message, lib.log_location(m.last_retry), _evidence(m)),
		{"severity": "error"},
	)
}

_exhausted(m) if m.retries >= _limit

_exhausted(m) if {
	m.first_retry.has_time
	m.last_retry.has_time
	m.last_retry.seconds - m.first_retry.seconds >= _window
}

_ccr(m) := sprintf("CCR %s", [concat(", ", m.requests)]) if {
	count(m.requests) > 0
} else := "its CCR"

# _cause names the most recent failure that nothing cleared: by time (the logs of two site servers are
# read one after the other), by reading order within a second or without times.
_cause(m) := sprintf("; last failure: %s", [_failure_text(f)]) if {
	open := [f | some f in m.failures; not f.cleared]
	last := max([_latest(f) | some f in open])
	some f in open
	_latest(f) == last
} else := ""

_latest(f) := [f.last.seconds, f.last.seq]

_failure_text(f) := sprintf("error %s", [lib.log_error(f.code, f.hex)]) if {
	f.code != null
} else := concat(", ", [lib.event_title(t) | some t in f.types])

_retries(n) := "1 retry" if {
	n == 1
} else := sprintf("%d retries", [n])

# _evidence quotes the first retry, then the failures and the retry of the last attempt.
_evidence(m) := lib.log_evidence(array.concat(
	[e |
		some e in events
		e.seq == m.first_retry.seq
		e.attempt != last
	],
	[e |
		some e in events
		e.attempt == last
		e.role in {"failure", "retry"}
	],
)) if {
	events := lib.machine_events(m)
	some r in events
	r.seq == m.last_retry.seq
	last := r.attempt
}
