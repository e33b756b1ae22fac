# METADATA
# title: Workgroup computers are in push scope but no push account is a %machinename%\account local account
# description: |
#   Computers that are not members of a domain cannot authenticate domain accounts, so a push to them
#   with a DOMAIN\account Client Push Installation account (or the site's own service account) fails
#   with error 5 (access denied). For such computers, create the same local administrator account with
#   the same password on each of them and define it as the push account %machinename%\account: Client
#   Configuration Manager replaces %machinename% with the name of the computer it connects to.
# custom:
#   id: PL004
#   severity: warning
#   kb_section: The SMS Advanced Client Push Installation account is configured incorrectly or is missing or is locked out
#   remediation: |
#     On every workgroup computer, create the same local account with the same password and add it to the
#     local Administrators group. In the SMS Administrator console, expand Site Database > Site Hierarchy >
#     <site code - site name> > Site Settings > Client Installation Methods, right-click Client Push
#     Installation, click Properties, and on the Accounts tab add %machinename%\<account> next to the
#     domain accounts; then list it under client_push.accounts in site.yaml.
#   reads:
#     - environment.directory
#     - environment.workgroup_clients
#     - sites[].client_push.enabled
#     - sites[].client_push.accounts
package pushlint.rules.config.workgroup_push_account

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(site.client_push, "accounts")) if {
	some site in input.sites
	site.client_push.enabled
	some why in _workgroup_in_scope
	not _has_machine_local_account(site)
	message := sprintf(
		"site %s: %s, but %s; computers that are not members of a domain cannot authenticate domain accounts, so push to them fails with error 5 (access denied)",
		[site.code, why, _accounts(site)],
	)
}

# One reason is enough: a workgroup directory already means every client is outside a domain.
_workgroup_in_scope contains "the environment is a workgroup (environment.directory: workgroup)" if {
	input.environment.directory == "workgroup"
}

_workgroup_in_scope contains "workgroup computers are in push scope (environment.workgroup_clients: true)" if {
	input.environment.directory != "workgroup"
	input.environment.workgroup_clients
}

_has_machine_local_account(site) if {
	some account in site.client_push.accounts
	account.form == "machine_local"
}

_accounts(site) := "no Client Push Installation account is defined" if {
	count(site.client_push.accounts) == 0
} else := sprintf(
	"no push account has the form %%machinename%%\\account (accounts: %s)",
	[concat(", ", [a.name | some a in site.client_push.accounts])],
)
