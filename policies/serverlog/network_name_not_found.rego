# METADATA
# title: The client's ADMIN$ share does not exist (error 67)
# description: |
#   Ccm.log shows error 67, "The network name cannot be found", when Client Configuration Manager connects
#   to the client's ADMIN$ share: the machine answers on the network but shares nothing, which the KB traces
#   to File and Printer Sharing for Microsoft Networks not being installed on the client (or the Server
#   service being stopped). A later connection to the machine's ADMIN$ share, or a completed push, clears the
#   finding.
# custom:
#   id: PL102
#   severity: error
#   kb_section: The SMS Client Configuration Manager cannot connect to the client Admin$ share or to the Remote Registry Service (IPC$)
#   remediation: |
#     On the client, install File and Printer Sharing for Microsoft Networks on the network connection, start
#     the Server service, and check that the ADMIN$ share exists (net share). Then let the CCR retry, or drop
#     a new CCR for the machine in SMS\Inboxes\Ccr.box.
#   reads:
#     - machines[].failures
#     - events
package pushlint.rules.serverlog.network_name_not_found

import data.pushlint.lib

report contains lib.log_finding(lib.machine_subject(m.name), message, lib.log_location(f.last), evidence) if {
	some m in input.machines
	some f in m.failures
	f.code in _codes
	not f.cleared
	message := sprintf("%s: the ADMIN$ share cannot be found, error %s: File and Printer Sharing is not installed or the Server service is stopped on the client; %s", [
		m.name, lib.log_error(f.code, f.hex), lib.failure_span(f),
	])
	evidence := lib.log_evidence(lib.attempt_events(m, f.last_attempt))
}

# _codes are the error codes this rule reports, from the error code table (67).
_codes := lib.reported_codes(rego.metadata.chain())
