# METADATA
# title: No heartbeat since the client was installed
# description: |
#   Only Heartbeat Discovery sets a client's Client=Yes in the site database. The client's InventoryAgent.log
#   records each heartbeat as "Inventory: Action=Discovery ReportType=Full"; when none appears after ccmsetup
#   finished, the client shows as not installed whatever its state. The finding needs both logs of the
#   client, collected into one folder: ccmsetup.log says when it was installed, and InventoryAgent.log must
#   reach past that time. Without them nothing is concluded. A missing heartbeat is evidence only when the
#   client's logs reach past the install by more than install_grace (their newest time, or --now when
#   earlier): logs collected minutes after a push prove nothing missing. Times are compared in UTC; a log
#   without a zone (a Trace32 copy) is read with the zone of the client's other logs.
# custom:
#   id: PL207
#   severity: warning
#   kb_section: Heartbeat Discovery has not reported since the client was installed
#   remediation: |
#     On the client, check that the SMS Agent Host service runs, then start a Discovery Data Collection
#     Cycle (Control Panel > Systems Management > Actions) and look for the line in InventoryAgent.log.
#     Check that Heartbeat Discovery is enabled for the site, and that the client can reach its management
#     point.
#   reads:
#     - logs
#     - events
package pushlint.rules.clientlog.no_heartbeat

import data.pushlint.lib

report contains lib.log_finding(lib.file_subject(inv.file), message, lib.log_location(install), lib.log_evidence([install])) if {
	some inv in input.logs
	inv.kind == "inventoryagent"
	lib.client_logs_end(inv.dir) - lib.installed_at(inv.dir) > _grace
	lib.last_utc_seconds(inv) >= lib.installed_at(inv.dir)
	not _heartbeat_since(inv, lib.install_began(inv.dir))
	install := lib.install_event(inv.dir)
	message := sprintf("%s: no heartbeat (Inventory: Action=Discovery ReportType=Full) since the client was installed at %s (%s); the log reaches %s, and the client's logs go on for %s after the install", [
		inv.file, lib.when(install), install.file, lib.last_time(inv), lib.elapsed(lib.client_logs_end(inv.dir) - lib.installed_at(inv.dir)),
	])
}

# _grace is how far the client's logs must reach past the install before a missing heartbeat counts.
_grace := data.pushlint.params.install_grace_seconds

# _heartbeat_since also counts a heartbeat line without a time: it cannot be shown to be older.
_heartbeat_since(log, t) if {
	some e in lib.log_events(log, "heartbeat_sent")
	lib.since_install(e, log.dir, t)
}
