# METADATA
# title: Kerberos authentication to the client failed and NTLM fallback is not allowed
# description: |
#   Client Configuration Manager of current-branch sites connects to the client with Kerberos first. Ccm.log
#   shows that Kerberos failed ("Unable to connect to remote machine ... using Kerberos with alternate
#   account / machine account") and then "NTLM fallback is not enabled, remote machine ... is not continuing
#   with client push": the push stops there, whatever rights the push account has. The cause is Kerberos
#   itself (the client's name resolving to another machine, a missing or duplicate service principal name,
#   clocks more than five minutes apart) or that NTLM fallback is off; not the account's group membership
#   (PL103 does not fire for such an attempt). A later connection to the machine's ADMIN$ share with no
#   such failure after it, or a completed push, clears the finding.
# custom:
#   id: PL109
#   severity: error
#   kb_section: The SMS Advanced Client Push Installation account is configured incorrectly or is missing or is locked out (beyond the KB, current branch)
#   remediation: |
#     Check that the client's name resolves to its own address in DNS and that its computer account has
#     its HOST service principal names (setspn -L <machine>) and no duplicate; check that the clocks of
#     the client, the site server and the domain controllers agree within five minutes. Where clients
#     cannot use Kerberos (workgroup or untrusted-forest clients), allow the connection to fall back to
#     NTLM in the Client Push Installation properties.
#   reads:
#     - machines[].failures
#     - events
package pushlint.rules.serverlog.kerberos_no_fallback

import data.pushlint.lib

report contains lib.log_finding(lib.machine_subject(m.name), message, lib.log_location(f.last), lib.log_evidence(events)) if {
	some m in input.machines
	some f in m.failures
	not f.cleared
	"ntlm_fallback_disabled" in f.types
	events := [e |
		some e in lib.attempt_events(m, f.last_attempt)
		e.type in {"kerberos_connect_failed", "ntlm_fallback_disabled"}
	]
	message := sprintf("%s: Kerberos authentication to the client failed%s and NTLM fallback is not enabled, so the push stopped; %s", [
		m.name, _errors(events), lib.failure_span(f),
	])
}

# _errors lists what Kerberos said, once per account kind and code: "(with alternate account: error
# 0x80004005 (Unspecified error); with machine account: error 0x80070005 (Access is denied))".
_errors(events) := sprintf(" (%s)", [concat("; ", sort(texts))]) if {
	texts := {sprintf("with %s: error %s", [object.get(e.fields, "auth", "an account"), lib.log_error(e.fields.error_code, e.fields.error_code_hex)]) |
		some e in events
		e.type == "kerberos_connect_failed"
		is_number(e.fields.error_code)
	}
	count(texts) > 0
} else := ""
