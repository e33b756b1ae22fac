package pushlint.rules.clients.assigned_not_installed_test

import data.pushlint.fixtures.clients as fxc
import data.pushlint.rules.clients.assigned_not_installed

client(name, line, fields) := object.union(
	{
		"name": name, "machine": upper(name), "client": null, "assigned": null, "smsid": null, "obsolete": null,
		"location": {"file": "clients.csv", "line": line, "column": 1},
		"row": sprintf("%s,ABC", [name]),
	},
	fields,
)

finding(name, line, message) := {
	"subject": {"kind": "machine", "id": name},
	"message": message,
	"location": {"file": "clients.csv", "line": line, "column": 1},
	"evidence": [{"file": "clients.csv", "line": line, "text": sprintf("%s,ABC", [name])}],
}

site(code, network) := {"code": code, "discovery": {"network": {"enabled": network}}}

doc(clients, fields, sites) := fxc.twinned({"clients": clients, "sites": sites, "inputs": {"clients": {"fields": fields}}})

test_fires_when_assigned_but_not_installed if {
	r := assigned_not_installed.report with input as doc(
		[client("LAB-07", 4, {"client": false, "assigned": true})],
		["name", "client", "assigned"],
		[site("ABC", false)],
	)
	r == {finding("LAB-07", 4, "LAB-07 is assigned (Assigned=Yes) but shows Client=No: no heartbeat has been processed for it since it was installed, or it is not installed")}
}

test_fires_on_an_empty_client_value_and_names_network_discovery if {
	r := assigned_not_installed.report with input as doc(
		[client("PC030", 5, {"client": null, "assigned": true})],
		["name", "client", "assigned"],
		[site("ABC", true), site("BR1", false), site("XYZ", true)],
	)
	r == {finding("PC030", 5, "PC030 is assigned (Assigned=Yes) but its Client value is empty, as Network Discovery leaves it: Network Discovery is enabled at ABC, XYZ and writes the install flag as empty (PL010)")}
}

test_fires_and_names_the_machine_sharing_its_smsid if {
	r := assigned_not_installed.report with input as doc(
		[
			client("PC001", 2, {"client": false, "assigned": true, "smsid": "GUID:1"}),
			client("PC002", 3, {"client": true, "assigned": true, "smsid": "GUID:1"}),
		],
		["name", "client", "assigned", "smsid"],
		[site("ABC", true)],
	)
	r == {finding("PC001", 2, "PC001 is assigned (Assigned=Yes) but shows Client=No: SMSID GUID:1 is also used by PC002 (PL301)")}
}

test_passes_when_the_export_has_no_client_column if {
	r := assigned_not_installed.report with input as doc([client("PC030", 5, {"assigned": true})], ["name", "assigned"], [])
	r == set()
}

test_passes_for_installed_unassigned_and_obsolete_records if {
	r := assigned_not_installed.report with input as doc(
		[
			client("PC001", 2, {"client": true, "assigned": true}),
			client("PC002", 3, {"client": false, "assigned": false}),
			client("PC003", 4, {"client": false, "assigned": null}),
			client("PC004", 5, {"client": false, "assigned": true, "obsolete": true}),
		],
		["name", "client", "assigned"],
		[],
	)
	r == set()
}
