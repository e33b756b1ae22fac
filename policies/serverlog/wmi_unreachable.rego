# METADATA
# title: The site server reached the client but could not use WMI or RPC on it (firewall, DCOM, WMI permissions)
# description: |
#   Before it copies ccmsetup, Client Configuration Manager checks the client's operating system through
#   the remote registry and WMI, over RPC and DCOM. Ccm.log shows that step failing: "Unable to connect to
#   WMI on remote machine" (with any error, access denied included), or RPC errors on any connection line:
#   1722 / 0x800706BA ("The RPC server is unavailable") and 1726. Usually the same attempt connected to the
#   client's ADMIN$ share with the push account, which proves the name, the network path and the account's
#   logon: the cause is the client's firewall (remote administration, WMI), its DCOM settings or its WMI
#   namespace security, not the account's group membership (PL103 does not fire for such an attempt). A
#   later connection to the machine's ADMIN$ share with no such failure after it, or a completed push,
#   clears the finding.
# custom:
#   id: PL108
#   severity: error
#   kb_section: Pre-installation phase (connect to the client and verify its operating system); The SMS Client Configuration Manager cannot connect to the client Admin$ share or to the Remote Registry Service (IPC$)
#   remediation: |
#     On the client, let the Windows Firewall allow remote administration from the site server (Windows XP
#     SP2 / Server 2003 SP1: the "Allow remote administration exception" policy, or "netsh firewall set
#     service RemoteAdmin enable"); check that the Windows Management Instrumentation and Remote Registry
#     services run; in dcomcnfg give the push account Remote Launch and Remote Activation, and in the WMI
#     Control give it Remote Enable on root\cimv2 (local Administrators have both by default). Then let the
#     CCR retry.
#   reads:
#     - machines[].failures
#     - events
package pushlint.rules.serverlog.wmi_unreachable

import data.pushlint.lib

report contains lib.log_finding(lib.machine_subject(m.name), message, lib.log_location(last), lib.log_evidence(evidence)) if {
	some m in input.machines
	f := _latest(m)
	events := [e | some e in lib.attempt_events(m, f.last_attempt); _wmi_rpc(e)]
	last := events[count(events) - 1]
	message := sprintf("%s: %s; %s", [m.name, _what(m, f.last_attempt, last), lib.failure_span(f)])
	evidence := array.concat(_connected(m, f.last_attempt), events)
}

# _codes are the RPC and WMI error codes this rule reports on any line, from the error code table (1722,
# 1726, 0x80041003; and 5, which it reports only on the WMI line).
_codes := lib.reported_codes(rego.metadata.chain())

# Access denied on the ADMIN$ share or the remote registry is the account's (PL103); only the WMI line makes
# it a WMI or DCOM permission.
_wmi_line_only := {5}

# _wmi_rpc is a failure line of the WMI and RPC step.
_wmi_rpc(e) if {
	e.role == "failure"
	e.type == "wmi_connect_failed"
}

_wmi_rpc(e) if {
	e.role == "failure"
	code := lib.event_code(e)
	code in _codes
	not code in _wmi_line_only
}

# _latest is the machine's most recent failure, not cleared, whose last attempt failed at WMI or RPC with
# that failure's code.
_latest(m) := f if {
	fs := [f |
		some f in m.failures
		not f.cleared
		some e in lib.attempt_events(m, f.last_attempt)
		_wmi_rpc(e)
		lib.event_code(e) == f.code
	]
	last := max([f.last.seq | some f in fs])
	some f in fs
	f.last.seq == last
}

# _connected are the attempt's lines that show the site server reached the client.
_connected(m, attempt) := [e | some e in lib.attempt_events(m, attempt); e.type == "admin_share_connected"]

_what(m, attempt, e) := sprintf("connected to ADMIN$%s, but %s", [_as(c), _failed(e)]) if {
	cs := _connected(m, attempt)
	count(cs) > 0
	c := cs[count(cs) - 1]
} else := _failed(e)

_as(c) := sprintf(" as %s", [c.fields.account]) if {
	c.fields.account != ""
} else := ""

_failed(e) := sprintf("the WMI connection to the client failed, error %s", [_error(e)]) if {
	e.type == "wmi_connect_failed"
} else := sprintf("the client did not answer over RPC (%s), error %s", [lib.event_title(e.type), _error(e)])

_error(e) := lib.log_error(e.fields.error_code, e.fields.error_code_hex)
