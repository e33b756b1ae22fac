package pushlint.rules.config.capinst_slp_test

import data.pushlint.rules.config.capinst_slp

env(ad_schema_extended, wins) := {"ad_schema_extended": ad_schema_extended, "wins": wins}

site(code, deployment, slp, systems) := {
	"code": code,
	"client_push": {
		"deployment": deployment,
		"location": {"file": "site.yaml", "line": 20, "column": 7},
		"key_locations": {"deployment": {"file": "site.yaml", "line": 23, "column": 7}},
	},
	"server_locator_point": slp,
	"site_systems": systems,
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {},
}

slp(server, registered_in, line) := {
	"server": server,
	"registered_in": registered_in,
	"location": {"file": "site.yaml", "line": line, "column": 7},
	"key_locations": {"registered_in": {"file": "site.yaml", "line": line + 1, "column": 7}},
}

slp_role(server, line) := {"server": server, "roles": ["management_point", "server_locator_point"], "location": {"file": "site.yaml", "line": line, "column": 9}}

unusable(deployment, reasons, location) := {
	"subject": {"kind": "site", "id": "ABC"},
	"message": sprintf(
		"site ABC deploys clients with Capinst.exe (deployment: %s) but clients cannot find any server locator point: %s; Capinst.exe cannot get the list of management points, so no client installs",
		[deployment, concat("; ", reasons)],
	),
	"location": location,
}

at(line, column) := {"file": "site.yaml", "line": line, "column": column}

test_fires_at_the_deployment_when_no_slp_exists if {
	sites := [site("ABC", "capinst", null, [{"server": "SMS01", "roles": ["management_point"], "location": {"file": "site.yaml", "line": 36, "column": 9}}])]
	r := capinst_slp.report with input as {"environment": env(true, true), "sites": sites}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC deploys clients with Capinst.exe (deployment: capinst) but no server locator point exists in the hierarchy (no server_locator_point and no site system with that role); Capinst.exe cannot get the list of management points, so no client installs",
		"location": {"file": "site.yaml", "line": 23, "column": 7},
	}}
}

test_fires_at_the_registration_when_the_slp_is_registered_nowhere if {
	r := capinst_slp.report with input as {"environment": env(true, true), "sites": [site("ABC", "both", slp("SMS01", [], 40), [])]}
	r == {unusable("both", ["SMS01 (site ABC) is registered neither in Active Directory nor in WINS"], at(41, 7))}
}

test_fires_when_each_registration_is_unavailable if {
	sites := [site("ABC", "capinst", null, []), site("XYZ", "push", slp("SMS09", ["ad", "wins"], 70), [])]
	r := capinst_slp.report with input as {"environment": env(false, false), "sites": sites}
	r == {unusable("capinst", ["SMS09 (site XYZ) is registered in Active Directory, but the schema is not extended for SMS (environment.ad_schema_extended: false) and is registered in WINS, but no WINS server is available (environment.wins: false)"], at(71, 7))}
}

test_fires_for_an_slp_role_whose_registration_is_not_described if {
	sites := [site("ABC", "capinst", null, [slp_role("SMS01", 36)]), site("XYZ", "push", slp("SMS09", ["wins"], 70), [])]
	r := capinst_slp.report with input as {"environment": env(true, false), "sites": sites}
	r == {unusable(
		"capinst", [
			"SMS01 (site ABC) holds the server locator point role but site.yaml does not say where it is registered",
			"SMS09 (site XYZ) is registered in WINS, but no WINS server is available (environment.wins: false)",
		],
		at(36, 9),
	)}
}

test_passes_with_an_slp_in_wins if {
	sites := [site("ABC", "capinst", null, []), site("XYZ", "push", slp("SMS09", ["wins"], 70), [])]
	r := capinst_slp.report with input as {"environment": env(false, true), "sites": sites}
	r == set()
}

test_passes_with_an_slp_in_an_extended_active_directory if {
	r := capinst_slp.report with input as {"environment": env(true, false), "sites": [site("ABC", "both", slp("SMS01", ["ad"], 40), [])]}
	r == set()
}

test_passes_for_push_only_deployment if {
	r := capinst_slp.report with input as {"environment": env(false, false), "sites": [site("ABC", "push", null, [])]}
	r == set()
}
