package pushlint.rules.config.workgroup_push_account_test

import data.pushlint.rules.config.workgroup_push_account

env(directory, workgroup_clients) := {"directory": directory, "workgroup_clients": workgroup_clients}

site(enabled, accounts) := {
	"code": "ABC",
	"client_push": {
		"enabled": enabled,
		"accounts": accounts,
		"location": {"file": "site.yaml", "line": 20, "column": 7},
		"key_locations": {"accounts": {"file": "site.yaml", "line": 24, "column": 7}},
	},
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {},
}

account(name, form) := {
	"name": name,
	"state": "enabled",
	"form": form,
	"location": {"file": "site.yaml", "line": 25, "column": 11},
}

domain_account := account("CONTOSO\\svc-smspush", "domain")

local_account := account("%machinename%\\smsadmin", "machine_local")

test_fires_when_workgroup_clients_have_only_domain_accounts if {
	r := workgroup_push_account.report with input as {
		"environment": env("active_directory", true),
		"sites": [site(true, [domain_account, account("svc@contoso.com", "upn")])],
	}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: workgroup computers are in push scope (environment.workgroup_clients: true), but no push account has the form %machinename%\\account (accounts: CONTOSO\\svc-smspush, svc@contoso.com); computers that are not members of a domain cannot authenticate domain accounts, so push to them fails with error 5 (access denied)",
		"location": {"file": "site.yaml", "line": 24, "column": 7},
	}}
}

test_fires_once_in_a_workgroup_environment_without_accounts if {
	r := workgroup_push_account.report with input as {"environment": env("workgroup", true), "sites": [site(true, [])]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: the environment is a workgroup (environment.directory: workgroup), but no Client Push Installation account is defined; computers that are not members of a domain cannot authenticate domain accounts, so push to them fails with error 5 (access denied)",
		"location": {"file": "site.yaml", "line": 24, "column": 7},
	}}
}

test_passes_with_a_machine_local_account if {
	r := workgroup_push_account.report with input as {
		"environment": env("workgroup", false),
		"sites": [site(true, [domain_account, local_account])],
	}
	r == set()
}

test_passes_when_no_workgroup_computer_is_in_scope if {
	r := workgroup_push_account.report with input as {"environment": env("active_directory", false), "sites": [site(true, [domain_account])]}
	r == set()
}

test_passes_when_push_is_disabled if {
	r := workgroup_push_account.report with input as {"environment": env("workgroup", true), "sites": [site(false, [domain_account])]}
	r == set()
}

# The KB documents only %machinename%\account for computers outside a domain; .\account is not that form.
test_fires_when_the_only_local_account_is_dot_form if {
	r := workgroup_push_account.report with input as {
		"environment": env("workgroup", false),
		"sites": [site(true, [account(".\\smsadmin", "local")])],
	}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: the environment is a workgroup (environment.directory: workgroup), but no push account has the form %machinename%\\account (accounts: .\\smsadmin); computers that are not members of a domain cannot authenticate domain accounts, so push to them fails with error 5 (access denied)",
		"location": {"file": "site.yaml", "line": 24, "column": 7},
	}}
}
