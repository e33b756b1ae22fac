# METADATA
# title: A Client Push Installation account is disabled, locked out or expired
# description: |
#   Client Configuration Manager tries each Client Push Installation account in turn to connect to a
#   computer's ADMIN$ share. An account that is disabled, locked out or expired cannot log on: each push
#   attempt with it fails, Ccm.log shows error 5 (access denied), logon failure 0x52e or the account's
#   own logon error, and the request goes to the retry queue when no other account works.
# custom:
#   id: PL016
#   severity: warning
#   kb_section: The SMS Advanced Client Push Installation account is configured incorrectly or is missing or is locked out
#   remediation: |
#     In Active Directory Users and Computers (or Computer Management for a %machinename% local account),
#     enable or unlock the account, or reset its password and clear the expiry; if the password changed,
#     enter the new one in the SMS Administrator console under Site Database > Site Hierarchy > <site code -
#     site name> > Site Settings > Client Installation Methods > Client Push Installation > Properties >
#     Accounts (select the account, click Properties). Remove accounts that are no longer used, then set
#     its state: enabled in site.yaml.
#   reads:
#     - sites[].client_push.accounts
package pushlint.rules.config.push_account_unusable

import data.pushlint.lib

report contains lib.finding(lib.account_subject(account), message, account.location) if {
	some site in input.sites
	some account in site.client_push.accounts
	state := _states[account.state]
	message := sprintf(
		"site %s: Client Push Installation account %s is %s; every push that uses it fails with error 5 (access denied), logon failure 0x52e or %s in Ccm.log",
		[site.code, account.name, state.said, state.error],
	)
}

# Win32 logon errors of each state, as Ccm.log prints them.
_states := {
	"disabled": {"said": "disabled", "error": "1331 (0x533, account disabled)"},
	"locked": {"said": "locked out", "error": "1909 (0x775, account locked out)"},
	"expired": {"said": "expired", "error": "1793 (0x701, account expired) or 1330 (0x532, password expired)"},
}
