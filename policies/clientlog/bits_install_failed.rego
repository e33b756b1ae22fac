# METADATA
# title: BITS is missing, too old, or failed to install
# description: |
#   The client needs the Background Intelligent Transfer Service: Client.msi installs BITS as part of its
#   setup, and later ccmsetup versions refuse to go on without a recent enough BITS. When the BITS
#   installation fails, the client installation fails too, and the cause is easy to miss. The finding comes
#   from bitssetup.log, from a failing BITS action in client.msi.log, or from ccmsetup.log's BITS version
#   check.
# custom:
#   id: PL204
#   severity: error
#   kb_section: BITS installation issues
#   remediation: |
#     Install BITS on the client by hand to see its errors: run the BITS client setup (for SMS 2003, the
#     BITS 1.5 client; extract it from Client.msi with msiexec /a client.msi and run
#     bitssetup_clnt_installer.exe), read Bitssetup.log, and fix what it reports. For "BITS 2.5 or later is
#     required", install BITS 2.5 or later first. Then run ccmsetup again.
#   reads:
#     - events
package pushlint.rules.clientlog.bits_install_failed

import data.pushlint.lib

report contains lib.log_finding(lib.file_subject(log.file), message, lib.log_location(last), lib.log_evidence(events)) if {
	some log in input.logs
	events := [e | some e in lib.log_events_of(log, _types); _bits_failure(e)]
	count(events) > 0
	last := events[count(events) - 1]
	message := sprintf("%s: %s", [log.file, _what(last)])
}

_types := {"bits_version_missing", "bits_install_failed", "msi_return_value_3"}

_bits_failure(e) if e.type in {"bits_version_missing", "bits_install_failed"}

_bits_failure(e) if {
	e.type == "msi_return_value_3"
	contains(lower(e.fields.action), "bits")
}

_what(e) := sprintf("the client has no BITS %s or later, which ccmsetup requires before it installs the client", [e.fields.required]) if {
	e.type == "bits_version_missing"
} else := sprintf("the BITS installation failed in client.msi action %s (Return value 3)", [e.fields.action]) if {
	e.type == "msi_return_value_3"
} else := sprintf("the BITS installation failed, error %s", [lib.log_error(e.fields.error_code, e.fields.error_code_hex)]) if {
	is_number(e.fields.error_code)
} else := "the BITS installation failed"
