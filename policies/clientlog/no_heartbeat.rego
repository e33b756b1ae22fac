# METADATA
# title: No heartbeat since the client was installed
# description: |
#   Only Heartbeat Discovery sets a client's Client=Yes in the site database. The client's InventoryAgent.log
#   records each heartbeat as "Inventory: Action=Discovery ReportType=Full"; when none appears after ccmsetup
#   finished, the client shows as not installed whatever its state. The finding needs both logs of the
#   client, collected into one folder: ccmsetup.log says when it was installed, and InventoryAgent.log must
#   reach past that time. Without them nothing is concluded.
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
	inv.has_time
	install := lib.install_event(inv.dir)
	inv.last_seconds >= install.time_seconds
	not _heartbeat_since(inv, install.time_seconds)
	message := sprintf("%s: no heartbeat (Inventory: Action=Discovery ReportType=Full) since the client was installed at %s (%s); the log reaches %s", [
		inv.file, lib.when(install), install.file, lib.last_time(inv),
	])
}

# _heartbeat_since also counts a heartbeat line without a time: it cannot be shown to be older.
_heartbeat_since(log, t) if {
	some e in lib.log_events(log, "heartbeat_sent")
	_not_before(e, t)
}

_not_before(e, t) if {
	e.has_time
	e.time_seconds >= t
}

_not_before(e, _) if not e.has_time
