# METADATA
# title: The client refuses the push installation account (access denied, logon failure, locked or disabled)
# description: |
#   Ccm.log shows that the client refused the account Client Configuration Manager connected with: error 5
#   (access denied: the account is not an administrator of the client), 0x52e / 1326 (unknown user name or
#   bad password), 0x532 / 1330 (password expired), 0x533 / 1331 (account disabled) or 0x775 / 1909 (account
#   locked out). Push needs an account with administrative rights on every client. Only lines about the
#   account count (the ADMIN$ share, the logon, the remote registry, the target machine): an attempt that
#   failed at WMI or RPC (PL108) or at Kerberos with NTLM fallback off (PL109) is not the account's fault,
#   even where a later line of it says access denied, and a Kerberos failure alone says nothing about the
#   account's rights. A later connection to the machine's ADMIN$ share, or a completed push, clears the
#   finding.
# custom:
#   id: PL103
#   severity: error
#   kb_section: The SMS Advanced Client Push Installation account is configured incorrectly or is missing or is locked out
#   remediation: |
#     Make the Client Push Installation account a member of the local Administrators group of every client
#     (through a domain group, or as %machinename%\account for clients outside the domain), check its
#     password in the Client Push Installation Properties, and unlock or re-enable it in Active Directory.
#     In standard security mode the site server's computer account (SMS service account) needs those rights.
#   reads:
#     - machines[].failures
#     - machines[].accounts
#     - events
package pushlint.rules.serverlog.push_account_refused

import data.pushlint.lib

report contains lib.log_finding(lib.machine_subject(m.name), message, lib.log_location(f.last), evidence) if {
	some m in input.machines
	some f in m.failures
	f.code in _codes
	meaning := _meaning(f.code)
	not f.cleared
	_about_the_account(m, f)
	not _other_cause(m, f.last_attempt)
	message := sprintf("%s: %s refused, error %s: %s; %s", [
		m.name, _accounts(m, f), lib.log_error(f.code, f.hex), meaning, lib.failure_span(f),
	])
	evidence := lib.log_evidence(lib.attempt_events(m, f.last_attempt))
}

# _about_the_account: the failure's last attempt has a line with its code that is about the account.
_about_the_account(m, f) if {
	some e in lib.attempt_events(m, f.last_attempt)
	e.role == "failure"
	not e.type in _not_about_the_account
	lib.event_code(e) == f.code
}

# Lines whose access denied is not the account's rights: Kerberos (PL109 when NTLM fallback is off), WMI
# (PL108), and copying ccmsetup or creating its service once ADMIN$ is connected (PL111).
_not_about_the_account := {"kerberos_connect_failed", "wmi_connect_failed", "client_file_copy_failed", "ccmsetup_service_failed"}

# _other_cause: the attempt failed at WMI (PL108), over RPC (a code the table gives PL108 and not this rule),
# at Kerberos with NTLM fallback off (PL109), or copying ccmsetup or creating its service (PL111).
_other_cause(m, attempt) if {
	some e in lib.attempt_events(m, attempt)
	e.type in {"wmi_connect_failed", "ntlm_fallback_disabled", "client_file_copy_failed", "ccmsetup_service_failed"}
}

_other_cause(m, attempt) if {
	some e in lib.attempt_events(m, attempt)
	e.role == "failure"
	lib.event_code(e) in (lib.codes_of_rule("PL108") - _codes)
}

# _codes are the error codes this rule reports, from the error code table (5, 1326, 1330, 1331, 1909).
_codes := lib.reported_codes(rego.metadata.chain())

# _meaning says what a code means for the account, in the admin's words; a code the table adds later
# gets Windows' message.
_meaning(code) := _meanings[code]

_meaning(code) := lower(lib.error_message(code)) if not _meanings[code]

_meanings := {
	5: "the account is not an administrator of the client",
	1326: "wrong user name or password",
	1330: "the account's password has expired",
	1331: "the account is disabled",
	1909: "the account is locked out",
}

# _accounts names the accounts the failing lines used, else every account tried on the machine.
_accounts(m, f) := sprintf("push account %s", [concat(", ", f.accounts)]) if {
	count(f.accounts) > 0
} else := sprintf("push account %s", [concat(", ", m.accounts)]) if {
	count(m.accounts) > 0
} else := "the push account"
