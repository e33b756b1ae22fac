package pushlint.rules.clients.duplicate_smsid_test

import data.pushlint.fixtures.clients as fxc
import data.pushlint.rules.clients.duplicate_smsid

guid := "GUID:9A1B2C3D-0000-4000-8000-000000000001"

client(name, line, fields) := object.union(
	{
		"name": name, "machine": upper(name), "smsid": null, "obsolete": null,
		"location": {"file": "clients.csv", "line": line, "column": 1},
		"row": sprintf("%s,...", [name]),
	},
	fields,
)

finding(name, line, others) := {
	"subject": {"kind": "machine", "id": upper(name)},
	"message": sprintf("%s shares SMSID %s with %s: SMS treats them as one client, so their install and assignment status flips between them", [name, guid, others]),
	"location": {"file": "clients.csv", "line": line, "column": 1},
	"evidence": [{"file": "clients.csv", "line": line, "text": sprintf("%s,...", [name])}],
}

test_fires_on_every_machine_sharing_an_smsid if {
	r := duplicate_smsid.report with input as fxc.twinned({"clients": [
		client("PC001", 2, {"smsid": guid}),
		client("PC002", 3, {"smsid": guid, "obsolete": false}),
		client("PC003", 4, {"smsid": "GUID:OTHER"}),
		client("PC004", 5, {"smsid": guid}),
	]})
	r == {
		finding("PC001", 2, "PC002, PC004"),
		finding("PC002", 3, "PC001, PC004"),
		finding("PC004", 5, "PC001, PC002"),
	}
}

test_passes_when_the_other_record_is_obsolete if {
	r := duplicate_smsid.report with input as fxc.twinned({"clients": [
		client("PC001", 2, {"smsid": guid}),
		client("PC002", 3, {"smsid": guid, "obsolete": true}),
	]})
	r == set()
}

test_passes_when_one_machine_is_listed_twice if {
	r := duplicate_smsid.report with input as fxc.twinned({"clients": [
		client("PC001", 2, {"smsid": guid}),
		client("pc001", 7, {"smsid": guid}),
	]})
	r == set()
}

test_passes_when_smsids_are_unknown if {
	r := duplicate_smsid.report with input as fxc.twinned({"clients": [client("PC001", 2, {}), client("PC002", 3, {})]})
	r == set()
}

# An image cloned onto hundreds of machines: the export lists the first hundred names, and the message
# says how many more there are.
test_fires_naming_the_first_twins_of_a_large_clone if {
	clone := object.union(client("PC001", 2, {"smsid": guid}), {"smsid_twins": ["PC002", "PC003"], "smsid_twin_count": 412})
	r := duplicate_smsid.report with input as {"clients": [clone]}
	r == {finding("PC001", 2, "PC002, PC003 and 410 more")}
}
