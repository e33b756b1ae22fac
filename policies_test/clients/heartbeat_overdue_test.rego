package pushlint.rules.clients.heartbeat_overdue_test

import data.pushlint.rules.clients.heartbeat_overdue

now := 1795564800 # 2026-11-25T00:00:00Z

day := 86400

client(name, fields) := object.union(
	{
		"name": name, "machine": upper(name), "client": true, "site_code": null, "obsolete": null,
		"last_heartbeat": null, "last_heartbeat_seconds": null,
		"location": {"file": "clients.csv", "line": 2, "column": 1},
		"row": sprintf("%s,Yes", [name]),
	},
	fields,
)

beat(seconds) := {"last_heartbeat": time.format([seconds * 1000000000, "UTC", "2006-01-02T15:04:05Z07:00"]), "last_heartbeat_seconds": seconds}

site(code, enabled, interval) := {"code": code, "discovery": {"heartbeat": {"enabled": enabled, "interval_seconds": interval}}}

doc(clients, sites, viewed) := {
	"now_seconds": now,
	"clients": clients,
	"sites": sites,
	"inputs": {"clients": {"fields": ["name", "client", "site_code", "last_heartbeat"], "viewed_site": viewed}},
}

finding(name, message) := {
	"subject": {"kind": "machine", "id": name},
	"message": message,
	"location": {"file": "clients.csv", "line": 2, "column": 1},
	"evidence": [{"file": "clients.csv", "line": 2, "text": sprintf("%s,Yes", [name])}],
}

test_fires_after_the_default_week_and_a_day if {
	r := heartbeat_overdue.report with input as doc([client("PC001", beat((now - (8 * day)) - 1))], [], "")
	r == {finding("PC001", "PC001 last sent a heartbeat 8 days ago (2026-11-16T23:59:59Z); Heartbeat Discovery (default schedule) expects one every 7d")}
}

test_fires_against_the_assigned_site_interval if {
	r := heartbeat_overdue.report with input as doc(
		[client("PC002", object.union(beat(now - (3 * day)), {"site_code": "BR1"}))],
		[site("ABC", true, 7 * day), site("BR1", true, day)],
		"ABC",
	)
	r == {finding("PC002", "PC002 last sent a heartbeat 3 days ago (2026-11-22T00:00:00Z); Heartbeat Discovery at site BR1 expects one every 1d")}
}

test_fires_against_the_viewed_site_interval if {
	r := heartbeat_overdue.report with input as doc([client("PC003", beat(now - (4 * day)))], [site("ABC", true, 2 * day)], "ABC")
	r == {finding("PC003", "PC003 last sent a heartbeat 4 days ago (2026-11-21T00:00:00Z); Heartbeat Discovery at site ABC expects one every 2d")}
}

test_fires_when_an_installed_client_has_no_heartbeat if {
	r := heartbeat_overdue.report with input as doc([client("PC004", {})], [], "")
	r == {finding("PC004", "PC004 is installed (Client=Yes) but has no heartbeat on record; Heartbeat Discovery (default schedule) expects one every 7d")}
}

# heartbeat_grace and heartbeat_interval are parameters: with no grace, a heartbeat a second past the default
# week is overdue.
test_fires_without_grace_when_the_parameter_says_so if {
	r := heartbeat_overdue.report with input as doc([client("PC005", beat((now - (7 * day)) - 1))], [], "")
		with data.pushlint.params.heartbeat_grace_seconds as 0
	r == {finding("PC005", "PC005 last sent a heartbeat 7 days ago (2026-11-17T23:59:59Z); Heartbeat Discovery (default schedule) expects one every 7d")}
}

test_passes_within_the_interval_and_grace if {
	r := heartbeat_overdue.report with input as doc([client("PC001", beat(now - (8 * day)))], [], "")
	r == set()
}

test_passes_when_the_export_has_no_heartbeat_column if {
	d := json.patch(doc([client("PC004", {})], [], ""), [{"op": "replace", "path": "/inputs/clients/fields", "value": ["name", "client"]}])
	r := heartbeat_overdue.report with input as d
	r == set()
}

test_passes_for_uninstalled_obsolete_and_unknown_install_state if {
	r := heartbeat_overdue.report with input as doc(
		[
			client("PC010", object.union(beat(now - (30 * day)), {"client": false})),
			client("PC011", object.union(beat(now - (30 * day)), {"obsolete": true})),
			client("PC012", {"client": null}),
		],
		[],
		"",
	)
	r == set()
}

test_passes_when_heartbeat_discovery_is_disabled_at_the_site if {
	r := heartbeat_overdue.report with input as doc(
		[client("PC001", object.union(beat(now - (30 * day)), {"site_code": "ABC"}))],
		[site("ABC", false, 0)],
		"",
	)
	r == set()
}
