# METADATA
# title: The site server cannot reach the client's ADMIN$ share or remote registry (error 53)
# description: |
#   Ccm.log shows error 53, "The network path was not found", when Client Configuration Manager connects to
#   the client's ADMIN$ share or remote registry (IPC$), usually after WNetAddConnection2 failed with 0x4b3
#   ("No network provider accepted the given network path"). The site server cannot find the client on the
#   network, so no client files are copied and the CCR goes to the Retry queue. A later connection to the
#   machine's ADMIN$ share, or a completed push, clears the finding.
# custom:
#   id: PL101
#   severity: error
#   kb_section: The SMS Client Configuration Manager cannot connect to the client Admin$ share or to the Remote Registry Service (IPC$)
#   remediation: |
#     From the site server, check that the client's name resolves to the right address (DNS and WINS:
#     ping -a, nbtstat -a) and that the network path is open. On the client, start the Server and Remote
#     Registry services, install File and Printer Sharing for Microsoft Networks, and let the Windows
#     Firewall allow File and Printer Sharing from the site server. Then let the CCR retry, or drop a new
#     CCR for the machine in SMS\Inboxes\Ccr.box.
#   reads:
#     - machines[].failures
#     - events
package pushlint.rules.serverlog.admin_share_unreachable

import data.pushlint.lib

report contains lib.log_finding(lib.machine_subject(m.name), message, lib.log_location(f.last), evidence) if {
	some m in input.machines
	f := _cause(m)
	message := sprintf("%s: ADMIN$ share and remote registry unreachable, error %s%s; %s", [
		m.name, lib.log_error(f.code, f.hex), _after(m, f), lib.failure_span(f),
	])
	evidence := lib.log_evidence(lib.attempt_events(m, f.last_attempt))
}

# _codes are the error codes this rule reports, from the error code table (53 and 0x4b3).
_codes := lib.reported_codes(rego.metadata.chain())

# _cause is the failure that names the cause: error 53 when the log shows it, else another of _codes (0x4b3
# alone).
_cause(m) := f if {
	some f in m.failures
	f.code == 53
	f.code in _codes
	not f.cleared
} else := f if {
	some f in m.failures
	f.code in _codes
	not f.cleared
}

# _after mentions the other codes (the 0x4b3 that, as the KB says, usually comes before error 53).
_after(m, f) := sprintf(", after %s", [lib.log_error(g.code, g.hex)]) if {
	some g in m.failures
	g.code != f.code
	g.code in _codes
	not g.cleared
} else := ""
