# METADATA
# title: The client received no policy since it was installed
# description: |
#   After installation the client asks its management point for policy; PolicyAgent.log records what it
#   receives. When nothing arrives after ccmsetup finished, the management point is missing or not working
#   (or the client cannot reach it), and the client does nothing it is told. The finding needs both logs of
#   the client, collected into one folder: ccmsetup.log says when it was installed, and PolicyAgent.log must
#   reach past that time. Without them nothing is concluded.
# custom:
#   id: PL208
#   severity: error
#   kb_section: SMS Advanced Client doesn't receive a policy after installation
#   remediation: |
#     Check the management point (Troubleshoot management point issues in the KB): that it is installed and
#     healthy, and that the client reaches it. On the client, start a Machine Policy Retrieval & Evaluation
#     Cycle (Control Panel > Systems Management > Actions) and watch PolicyAgent.log.
#   reads:
#     - logs
#     - events
package pushlint.rules.clientlog.no_policy

import data.pushlint.lib

report contains lib.resting_on(
	lib.log_finding(lib.file_subject(pol.file), message, lib.log_location(install), lib.log_evidence([install])),
	{"policy_received"},
) if {
	some pol in input.logs
	pol.kind == "policyagent"
	pol.has_time
	install := lib.install_event(pol.dir)
	pol.last_seconds >= install.time_seconds
	not _policy_since(pol, install.time_seconds)
	message := sprintf("%s: no policy received from the management point since the client was installed at %s (%s); the log reaches %s", [
		pol.file, lib.when(install), install.file, lib.last_time(pol),
	])
}

_policy_since(log, t) if {
	some e in lib.log_events(log, "policy_received")
	_not_before(e, t)
}

_not_before(e, t) if {
	e.has_time
	e.time_seconds >= t
}

_not_before(e, _) if not e.has_time
