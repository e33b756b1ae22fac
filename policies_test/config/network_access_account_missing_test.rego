package pushlint.rules.config.network_access_account_missing_test

import data.pushlint.rules.config.network_access_account_missing

env(directory, forest_trusted) := {"directory": directory, "forest_trusted": forest_trusted}

site(enabled, deployment, naa) := {
	"code": "ABC",
	"client_push": {"enabled": enabled, "deployment": deployment},
	"network_access_account": naa,
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {"network_access_account": {"file": "site.yaml", "line": 30, "column": 5}},
}

finding(means, environment) := {
	"subject": {"kind": "site", "id": "ABC"},
	"message": sprintf(
		"site ABC installs clients (%s) in %s but has no Advanced Client network access account; ccmsetup there cannot read Client.msi from the SMSClient share of the management point or the site server with the computer's own account",
		[means, environment],
	),
	"location": {"file": "site.yaml", "line": 30, "column": 5},
}

test_fires_in_a_workgroup if {
	r := network_access_account_missing.report with input as {"environment": env("workgroup", true), "sites": [site(true, "push", null)]}
	r == {finding("Client Push Installation", "a workgroup (environment.directory: workgroup)")}
}

test_fires_in_an_nt4_domain if {
	r := network_access_account_missing.report with input as {"environment": env("nt4_domain", true), "sites": [site(true, "push", null)]}
	r == {finding("Client Push Installation", "a Windows NT 4.0 domain (environment.directory: nt4_domain)")}
}

test_fires_in_an_untrusted_forest_for_capinst_deployment if {
	r := network_access_account_missing.report with input as {
		"environment": env("active_directory", false),
		"sites": [site(false, "capinst", null)],
	}
	r == {finding("Capinst.exe", "an untrusted forest (environment.forest_trusted: false)")}
}

test_fires_once_naming_the_workgroup_when_the_forest_is_also_untrusted if {
	r := network_access_account_missing.report with input as {"environment": env("workgroup", false), "sites": [site(true, "both", null)]}
	r == {finding("Client Push Installation and Capinst.exe", "a workgroup (environment.directory: workgroup)")}
}

test_passes_with_an_account if {
	r := network_access_account_missing.report with input as {
		"environment": env("nt4_domain", true),
		"sites": [site(true, "push", "CONTOSO\\svc-smsnaa")],
	}
	r == set()
}

test_passes_in_a_trusted_active_directory_forest if {
	r := network_access_account_missing.report with input as {"environment": env("active_directory", true), "sites": [site(true, "push", null)]}
	r == set()
}

test_passes_when_the_site_installs_no_clients if {
	r := network_access_account_missing.report with input as {"environment": env("workgroup", true), "sites": [site(false, "push", null)]}
	r == set()
}
