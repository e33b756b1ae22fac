# METADATA
# title: The client received no policy since it was installed
# description: |
#   After installation the client asks its management point for policy; PolicyAgent.log records what it
#   receives. When nothing arrives after ccmsetup finished, the management point is missing or not working
#   (or the client cannot reach it), and the client does nothing it is told. The finding needs both logs of
#   the client, collected into one folder: ccmsetup.log says when it was installed, and PolicyAgent.log must
#   reach past that time. Without them nothing is concluded. Missing policy is evidence only when the
#   client's logs reach past the install by more than install_grace (their newest time, or --now when
#   earlier): logs collected minutes after a push prove nothing missing. Times are compared in UTC.
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
	lib.client_logs_end(pol.dir) - lib.installed_at(pol.dir) > _grace
	lib.last_utc_seconds(pol) >= lib.installed_at(pol.dir)
	not _policy_since(pol, lib.install_began(pol.dir))
	install := lib.install_event(pol.dir)
	message := sprintf("%s: no policy received from the management point since the client was installed at %s (%s); the log reaches %s, and the client's logs go on for %s after the install", [
		pol.file, lib.when(install), install.file, lib.last_time(pol), lib.elapsed(lib.client_logs_end(pol.dir) - lib.installed_at(pol.dir)),
	])
}

# _grace is how far the client's logs must reach past the install before missing policy counts.
_grace := data.pushlint.params.install_grace_seconds

_policy_since(log, t) if {
	some e in lib.log_events(log, "policy_received")
	lib.since_install(e, log.dir, t)
}
