package pushlint.lib

# Helpers for rules that read log facts (input.logs, input.events, input.machines): subjects, locations and
# evidence from log lines, error codes written the way the logs and the KB write them, and moments in time.

# machine_subject names a machine (a client push target) as the subject of a finding.
machine_subject(name) := {"kind": "machine", "id": name}

# file_subject names a log file as the subject of a finding.
file_subject(path) := {"kind": "file", "id": path}

# log_location points a finding at a log line (an event, a before-line or a moment).
log_location(x) := {"file": x.file, "line": x.line}

# log_evidence quotes log lines (events or before-lines) as evidence, in the order given, at most 20.
log_evidence(lines) := array.slice([{"file": l.file, "line": l.line, "text": l.text} | some l in lines], 0, 20)

# log_finding is a finding about the logs: the line that shows it and the lines that prove it. A finding that
# quotes a line which only a signature marked unconfirmed read (a phrase no real log has shown yet) says so
# with "confidence": "unconfirmed"; the rule needs to do nothing for it.
log_finding(subject, message, location, evidence) := object.union(f, {"confidence": "unconfirmed"}) if {
	f := _log_finding(subject, message, location, evidence)
	some l in evidence
	[l.file, l.line] in _unconfirmed_lines
} else := _log_finding(subject, message, location, evidence)

_log_finding(subject, message, location, evidence) := {
	"subject": subject,
	"message": message,
	"location": location,
	"evidence": evidence,
}

# _unconfirmed_lines are the log lines that only unconfirmed signatures read, built once per evaluation.
_unconfirmed_lines := {[e.file, e.line] | some e in input.events; e.unconfirmed} - {[e.file, e.line] |
	some e in input.events
	not e.unconfirmed
}

# resting_on marks a finding that rests on events of the given types, found or found missing, as
# unconfirmed when only unconfirmed signatures yield that type (input.inputs.unconfirmed_event_types): a rule
# that fires because a phrase is absent cannot quote the phrase it looked for.
resting_on(finding, types) := object.union(finding, {"confidence": "unconfirmed"}) if {
	some t in types
	t in input.inputs.unconfirmed_event_types
} else := finding

# log_error_message is what Windows says for a code, from the error code table (error_message, which looks
# through an HRESULT of FACILITY_WIN32 to its Win32 code); "" when the table does not know the code.
log_error_message(code) := error_message(code) if {
	error_message(code)
} else := ""

# log_error_label writes a code as the KB does: small Win32 codes in decimal (53), larger ones in both forms
# (1326/0x52e, as ccm.log prints 0000052e), HRESULTs in hex (0x80070005).
log_error_label(code, code_hex) := format_int(code, 10) if {
	code < 1000
} else := sprintf("%d/%s", [code, code_hex]) if {
	code <= 65535
} else := code_hex

# log_error is an error label with its meaning: "53 (The network path was not found)".
log_error(code, code_hex) := sprintf("%s (%s)", [log_error_label(code, code_hex), meaning]) if {
	meaning := log_error_message(code)
	meaning != ""
} else := log_error_label(code, code_hex)

# event_title says in the admin's words what an event type means: the title of the signature of that id,
# else of the first signature that yields the type (the signature table is data shipped beside the
# policies); a type that no built-in signature yields (one of --signatures) is written with spaces.
event_title(type) := title if {
	# regal ignore:external-reference
	title := data.pushlint.signatures.events[type].title
} else := titles[0] if {
	titles := [s.title |
		# regal ignore:external-reference
		some id, s in data.pushlint.signatures.events
		object.get(s, "type", id) == type
	]
	count(titles) > 0
} else := replace(type, "_", " ")

# when writes a moment (or an event) for a message: its UTC time, or file:line when the log has no times.
when(m) := shown(m.time, object.get(m, "utc_offset_minutes", 0)) if {
	m.has_time
} else := sprintf("%s:%d", [m.file, m.line])

# first_time and last_time write how far back and up to when a log file's entries reach (an element of
# input.logs), as shown writes times.
first_time(log) := shown(log.first_time, object.get(log, "first_utc_offset_minutes", 0))

last_time(log) := shown(log.last_time, object.get(log, "last_utc_offset_minutes", 0))

# shown writes a time of the input document as the administrator reads it in CMTrace: the wall clock, the
# zone the log's bias implies (offset: local time minus UTC in minutes) and the instant in UTC,
# "2015-06-07 13:11:09 UTC+10 (03:11:09Z)", with the UTC date too when it is another day; a wall clock whose
# zone is unknown (Trace32 copies, MSI logs) says so: "2006-06-06 07:06:35 (local time, zone unknown)".
# Go writes the same (internal/wallclock); a test keeps the two in step.
shown(t, offset) := sprintf("%s %s (%sZ)", [local, _zone(offset), _utc_clock(ns, local)]) if {
	endswith(t, "Z")
	ns := time.parse_rfc3339_ns(t)
	local := time.format([ns + (offset * 60000000000), "UTC", "2006-01-02 15:04:05"])
} else := sprintf("%s (local time, zone unknown)", [replace(substring(t, 0, 19), "T", " ")])

_utc_clock(ns, local) := time.format([ns, "UTC", "15:04:05"]) if {
	time.format([ns, "UTC", "2006-01-02"]) == substring(local, 0, 10)
} else := time.format([ns, "UTC", "2006-01-02 15:04:05"])

_zone(offset) := sprintf("UTC%s%d", [_sign(offset), abs(offset) / 60]) if {
	abs(offset) % 60 == 0
} else := sprintf("UTC%s%d:%02d", [_sign(offset), floor(abs(offset) / 60), abs(offset) % 60])

_sign(offset) := "-" if offset < 0

_sign(offset) := "+" if offset >= 0

# happened_before says that moment a (an event, or a moment of machines[]) is known to have happened before
# moment b: in one log file by reading order; across files (two site servers' Ccm.logs) by their times,
# when both have one on the same clock (both UTC, or both the wall clock of an unknown zone).
happened_before(a, b) if {
	a.file == b.file
	a.seq < b.seq
}

happened_before(a, b) if {
	a.file != b.file
	a.has_time
	b.has_time
	a.time_zone_known == b.time_zone_known
	_seconds(a) < _seconds(b)
}

_seconds(m) := object.get(m, "time_seconds", object.get(m, "seconds", 0))

# plural writes a count with its noun: "1 attempt", "12 attempts".
plural(n, noun) := sprintf("%d %s", [n, noun]) if {
	n == 1
} else := sprintf("%d %ss", [n, noun])

# failure_span says how often and since when a machine's failure occurred.
failure_span(f) := span(plural(f.attempts, "attempt"), f.first, f.last)

# span writes "<how many> since <first>, last at <last>", or "<how many>, last at <file:line>" when the log
# has no times.
span(how_many, first, last) := sprintf("%s since %s, last at %s", [how_many, when(first), when(last)]) if {
	first.has_time
	last.has_time
} else := sprintf("%s, last at %s", [how_many, when(last)])

# machine_events are the events of a machine (an element of input.machines), in reading order, found
# through its event_index rather than by searching every event for its name.
machine_events(machine) := [input.events[i] | some i in machine.event_index]

# attempt_events are the events of one push attempt of a machine (an element of input.machines, or its
# name), in reading order.
attempt_events(machine, attempt) := [e |
	some i in _machine(machine).event_index
	e := input.events[i]
	e.attempt == attempt
]

_machine(machine) := machine if is_object(machine)

_machine(machine) := _machine_named[machine] if is_string(machine)

# regal ignore:prefer-set-or-object-rule
_machine_named := {m.name: m | some m in input.machines}

# log_events are the events of one type in a log file (an element of input.logs), in reading order, found
# through its event_types rather than by searching every event for the file.
log_events(log, type) := [input.events[i] | some i in object.get(log.event_types, [type, "index"], [])]

# log_events_of are the events of any of the given types in a log file, in reading order.
log_events_of(log, types) := [input.events[i] | some i in _positions(log, types)]

_positions(log, types) := sort([i |
	some type in types
	some i in object.get(log.event_types, [type, "index"], [])
])

# log_event_count is how many events of one type the signatures found in a log file. It counts them all,
# also when the file has so many that only the first and last are kept in input.events.
log_event_count(log, type) := object.get(log.event_types, [type, "events"], 0)

# log_dir is the folder of a log file that was read (logs collected from one client share it).
log_dir(file) := l.dir if {
	some l in input.logs
	l.file == file
}

# installed_at is when the client was installed, in UTC seconds: the latest successful end of ccmsetup among
# the logs of a folder (the last ccmsetup_exit of its file, with exit code 0 and a time). Client logs of one
# machine are collected into one folder.
installed_at(dir) := max([utc_seconds(e, dir) | some e in _installs_in[dir]])

# install_event is the event of installed_at (the last one read when two share a second).
install_event(dir) := e if {
	last := max([x.seq | some x in _installs_in[dir]; utc_seconds(x, dir) == installed_at(dir)])
	some e in _installs_in[dir]
	e.seq == last
}

# install_began is when the install that ended at install_event began, in UTC seconds: the last "ccmsetup
# started" line before that end in the same ccmsetup.log, else the end itself. Client.msi starts the SMS
# Agent Host while ccmsetup runs, seconds before ccmsetup exits: that start belongs to the install.
install_began(dir) := _install_began[dir]

# _install_began is install_began of every folder with an install, built once per evaluation.
# regal ignore:prefer-set-or-object-rule
_install_began := {dir: began |
	some dir, _ in _installs_in
	install := install_event(dir)
	starts := [t |
		some e in log_events(_log_named[install.file], "ccmsetup_started")
		e.seq < install.seq
		t := utc_seconds(e, dir)
	]
	began := _latest_or(starts, installed_at(dir))
}

_latest_or(times, _) := max(times) if count(times) > 0

_latest_or(times, default_time) := default_time if count(times) == 0

# regal ignore:prefer-set-or-object-rule
_log_named := {l.file: l | some l in input.logs}

# client_logs_end is when the evidence of a client's folder ends, in UTC seconds: the newest time in its logs,
# or the run's now when that is earlier. An absence in a client's logs (no heartbeat, no policy, no start of
# the SMS Agent Host) is evidence only when this reaches past installed_at by more than the grace the rule
# reads (data.pushlint.params.install_grace_seconds): logs collected minutes after a push prove nothing.
client_logs_end(dir) := min({_logs_end[dir], object.get(input, "now_seconds", _logs_end[dir])})

# _logs_end is the newest time of the logs of each folder, in UTC seconds, built once per evaluation.
# regal ignore:prefer-set-or-object-rule
_logs_end := {dir: max(ends) |
	some dir in {l.dir | some l in input.logs}
	ends := {t |
		some l in input.logs
		l.dir == dir
		t := last_utc_seconds(l)
	}
	count(ends) > 0
}

# since_install says that an event of a client's log may have happened at or after t (UTC seconds): its time
# is not before t, or it has no time it could be shown older by.
since_install(e, _, _) if not e.has_time

since_install(e, dir, t) if utc_seconds(e, dir) >= t

since_install(e, dir, _) if {
	e.has_time
	not utc_seconds(e, dir)
}

# utc_seconds is the time of an event (or moment) of the client logs of a folder, in UTC seconds: as it is
# when its log states the zone (CMTrace's bias), else its wall clock read with the zone of the other logs
# of the folder, which one client wrote on one clock (client.msi.log, a Trace32 copy beside a CMTrace
# ccmsetup.log). Undefined without a time, or when the folder shows no single zone.
utc_seconds(e, _) := e.time_seconds if {
	e.has_time
	e.time_zone_known
}

utc_seconds(e, dir) := e.time_seconds - (_client_offset[dir] * 60) if {
	e.has_time
	not e.time_zone_known
}

# last_utc_seconds is the latest time of a log file (an element of input.logs) in UTC seconds, as
# utc_seconds reads it.
last_utc_seconds(log) := log.last_seconds if {
	log.has_time
	not log.local_times
}

last_utc_seconds(log) := log.last_seconds - (_client_offset[log.dir] * 60) if {
	log.has_time
	log.local_times
}

# _client_offset is, per folder, the zone (local time minus UTC, in minutes) its logs that state one agree
# on; none when they show two (a daylight-saving switch) or none.
# regal ignore:prefer-set-or-object-rule
_client_offset := {dir: o |
	some dir in {l.dir | some l in input.logs}
	offsets := {off |
		some l in input.logs
		l.dir == dir
		l.has_time
		not l.local_times
		some off in [l.first_utc_offset_minutes, l.last_utc_offset_minutes]
	}
	count(offsets) == 1
	some o in offsets
}

# _installs_in is, per folder, the last ccmsetup_exit of each ccmsetup log in it when it has exit code 0
# and a time that can be read in UTC. It is built once per evaluation, in one pass over the logs.
# regal ignore:prefer-set-or-object-rule
_installs_in := {dir: installs |
	some dir in {l.dir | some l in input.logs}
	installs := [e |
		some l in input.logs
		l.dir == dir
		e := _last_exit(l)
		utc_seconds(e, dir)
		e.fields.exit_code == 0
	]
}

_last_exit(log) := exits[count(exits) - 1] if {
	exits := log_events(log, "ccmsetup_exit")
	count(exits) > 0
}
