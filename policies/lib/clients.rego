package pushlint.lib

# Helpers for rules about discovered systems (input.clients, from --clients) and CCR files
# (input.ccr_files, from --inboxes).

# client_subject names a discovered system as the subject of a finding, by its NetBIOS name: the key
# that joins it to CCR files and log lines about the same machine.
client_subject(client) := {"kind": "machine", "id": client.machine}

# client_finding is a finding about a client that points at its row in the export and quotes the row.
client_finding(client, message) := object.union(
	finding(client_subject(client), message, client.location),
	{"evidence": [{"file": client.location.file, "line": client.location.line, "text": client.row}]},
)

# client_field_given is true when the export had a column for field: only then does a null value mean
# "not set" rather than "not exported".
client_field_given(field) if field in input.inputs.clients.fields

# current_clients are the records that describe a machine now: an obsolete record has been replaced by
# a newer one for the same machine.
current_clients contains client if {
	some client in input.clients
	client.obsolete != true
}

# clients_by_smsid groups the current clients by SMS unique identifier, as [machine, name] pairs. It is
# built once per evaluation, so rules that look for machines sharing an identifier stay linear in the
# size of the export. (A partial object rule would be evaluated again for every identifier looked up.) The
# inner set closes over the variable smsid, not over client.smsid: OPA then indexes it, building all the
# groups in one pass instead of one pass over the export per client. A large export is evaluated in
# batches of machines: this groups the records of one evaluation; smsid_twins sees the whole export.
# regal ignore:prefer-set-or-object-rule
clients_by_smsid := {smsid: pairs |
	some client in current_clients

	# regal ignore:comprehension-term-assignment
	smsid := client.smsid
	smsid != null
	pairs := {[other.machine, other.name] | some other in current_clients; other.smsid == smsid}
}

# smsid_twins are the names of the other machines whose current records share the client's SMS unique
# identifier, from the whole export (client.smsid_twins, at most 100; smsid_twin_count counts them all).
smsid_twins(client) := {name | some name in client.smsid_twins}

# smsid_twin_list writes them for a message: "PC002, PC004", or the first hundred "and 412 more".
smsid_twin_list(client) := concat(", ", sort(smsid_twins(client))) if {
	client.smsid_twin_count <= count(client.smsid_twins)
} else := sprintf("%s and %d more", [
	concat(", ", sort(smsid_twins(client))),
	client.smsid_twin_count - count(client.smsid_twins),
])

# ccr_subject names the machine a CCR file is for, or the file itself when it names no machine.
ccr_subject(file) := {"kind": "machine", "id": file.machine} if {
	file.machine != ""
} else := {"kind": "file", "id": file.file}

# ccr_location points at the line of a CCR file that a finding is about.
ccr_location(file) := {"file": file.file, "line": file.location.line, "column": 1}

# elapsed writes a length of time the way a person says it: 12 days, 5 hours, 40 minutes.
elapsed(seconds) := sprintf("%d days", [floor(seconds / 86400)]) if {
	seconds >= 2 * 86400
} else := sprintf("%d hours", [floor(seconds / 3600)]) if {
	seconds >= 2 * 3600
} else := sprintf("%d minutes", [floor(seconds / 60)]) if {
	seconds >= 2 * 60
} else := sprintf("%d seconds", [seconds])
