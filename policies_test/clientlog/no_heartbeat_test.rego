package pushlint.rules.clientlog.no_heartbeat_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.clientlog.no_heartbeat

inventory_file := "clients/PC01/InventoryAgent.log"

inventory_log(first, last) := fx.log(inventory_file, fx.client_dir, "inventoryagent", "client", first, last)

# KB 925282: the string to look for in InventoryAgent.log.
heartbeat(t) := fx.at(fx.event(1, inventory_file, 30, "heartbeat_sent", "info", "", 0, "Inventory: Action=Discovery ReportType=Full", {"report_type": "Full"}), t)

input_with(inv, events) := {
	"logs": [fx.installed_log, inv],
	"events": array.concat([fx.installed], events),
	"machines": [],
}

test_fires_without_heartbeat_since_install if {
	r := no_heartbeat.report with input as fx.indexed(input_with(inventory_log("2018-02-16T16:28:00Z", "2018-02-23T09:00:00Z"), []))
	r == {{
		"subject": {"kind": "file", "id": inventory_file},
		"message": "clients/PC01/InventoryAgent.log: no heartbeat (Inventory: Action=Discovery ReportType=Full) since the client was installed at 2018-02-16 16:27:38 UTC+0 (16:27:38Z) (clients/PC01/ccmsetup.log); the log reaches 2018-02-23 09:00:00 UTC+0 (09:00:00Z), and the client's logs go on for 6 days after the install",
		"location": {"file": "clients/PC01/ccmsetup.log", "line": 412},
		"evidence": fx.installed_evidence,
	}}
}

test_fires_when_the_only_heartbeat_is_older if {
	r := no_heartbeat.report with input as fx.indexed(input_with(inventory_log("2018-01-01T00:00:00Z", "2018-02-23T09:00:00Z"), [heartbeat("2018-02-01T08:00:00Z")]))
	count(r) == 1
}

test_passes_with_a_heartbeat_after_install if {
	r := no_heartbeat.report with input as fx.indexed(input_with(inventory_log("2018-02-16T16:28:00Z", "2018-02-23T09:00:00Z"), [heartbeat("2018-02-16T16:35:12Z")]))
	r == set()
}

test_passes_when_the_log_ends_before_the_install if {
	r := no_heartbeat.report with input as fx.indexed(input_with(inventory_log("2018-01-01T00:00:00Z", "2018-02-10T00:00:00Z"), []))
	r == set()
}

test_passes_without_inventory_log if {
	# Missing evidence is not evidence of failure.
	r := no_heartbeat.report with input as fx.indexed({"logs": [fx.installed_log], "events": [fx.installed], "machines": []})
	r == set()
}

test_passes_when_ccmsetup_failed_last if {
	inv := fx.log("clients/TARGETSERVER/InventoryAgent.log", "clients/TARGETSERVER", "inventoryagent", "client", "2020-02-04T15:00:00Z", "2020-02-05T15:00:00Z")
	r := no_heartbeat.report with input as fx.indexed(object.union(fx.setup_input, {"logs": [fx.setup_log, inv]}))
	r == set()
}

test_passes_with_an_untimed_heartbeat if {
	untimed := object.union(heartbeat("2018-02-16T16:35:12Z"), {"has_time": false, "time": "", "time_seconds": 0})
	r := no_heartbeat.report with input as fx.indexed(input_with(inventory_log("2018-02-16T16:28:00Z", "2018-02-23T09:00:00Z"), [untimed]))
	r == set()
}

# Logs collected 25 seconds after the install prove no heartbeat missing: the client's logs must reach past
# the install by more than install_grace (2 hours by default).
test_passes_within_the_grace_after_install if {
	r := no_heartbeat.report with input as fx.indexed(input_with(inventory_log("2018-02-16T16:20:00Z", "2018-02-16T16:28:03Z"), []))
	r == set()
}

test_passes_at_the_grace_and_fires_past_it if {
	at_grace := fx.indexed(input_with(inventory_log("2018-02-16T16:20:00Z", "2018-02-16T18:27:38Z"), []))
	no_heartbeat.report with input as at_grace == set()
	count(no_heartbeat.report) == 1 with input as at_grace with data.pushlint.params.install_grace_seconds as 7199
}

# The window ends at --now when that is earlier than the newest time in the logs.
test_passes_when_now_is_within_the_grace if {
	doc := object.union(input_with(inventory_log("2018-02-16T16:20:00Z", "2018-02-23T09:00:00Z"), []), {"now_seconds": 1518798458})
	r := no_heartbeat.report with input as fx.indexed(doc)
	r == set()
}

# A heartbeat in an InventoryAgent.log copied out of Trace32 (wall clock, zone unknown) is read on the
# clock of the client's ccmsetup.log (UTC-6): 10:35 local is 16:35Z, after the install at 16:27:38Z, though
# its wall clock reads earlier than that instant written in UTC.
test_reads_a_local_time_with_the_zone_of_the_client_folder if {
	setup := object.union(fx.installed_log, {"first_utc_offset_minutes": -360, "last_utc_offset_minutes": -360})
	inv := object.union(inventory_log("2018-02-16T10:20:00Z", "2018-02-23T09:00:00Z"), {"local_times": true, "first_time": "2018-02-16T10:20:00", "last_time": "2018-02-23T09:00:00"})
	local := fx.at_local(fx.event(1, inventory_file, 30, "heartbeat_sent", "info", "", 0, "Inventory: Action=Discovery ReportType=Full", {"report_type": "Full"}), "2018-02-16T10:35:12")
	r := no_heartbeat.report with input as fx.indexed({"logs": [setup, inv], "events": [fx.installed, local], "machines": []})
	r == set()
}
