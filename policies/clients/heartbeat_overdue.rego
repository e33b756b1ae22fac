# METADATA
# title: A client's last heartbeat is older than the Heartbeat Discovery interval
# description: |
#   An installed client sends a heartbeat discovery record every Heartbeat Discovery interval (7 days
#   unless site.yaml says otherwise). A heartbeat older than the interval plus a day of grace (the
#   parameter heartbeat_grace), or no heartbeat at all for an installed client, means the client is off,
#   cannot reach its management point, or its SMS Agent Host is not running. The grace covers records
#   still queued at the management point and site server, and export times written in local time without
#   a zone (read as UTC). The interval is that of the client's assigned site, else of the site the export
#   was taken from (--clients-site), else the parameter heartbeat_interval (7 days). Nothing is concluded
#   for a site whose Heartbeat Discovery is disabled (PL011 reports that) or when the export has no
#   heartbeat column.
# custom:
#   id: PL304
#   severity: warning
#   kb_section: Heartbeat Discovery has not reported since the client was installed
#   remediation: |
#     On the client, check that the SMS Agent Host service is running and that InventoryAgent.log shows
#     "Inventory: Action=Discovery ReportType=Full"; start a Discovery Data Collection Cycle from Control
#     Panel > Systems Management > Actions, and check the management point (MP_DdrEndpoint.log) and the
#     site's Discovery Data Manager for its record. A machine that has been retired should be deleted from
#     the site database.
#   reads:
#     - clients[].client
#     - clients[].last_heartbeat_seconds
#     - clients[].site_code
#     - inputs.clients.fields
#     - inputs.clients.viewed_site
#     - sites[].discovery.heartbeat
#     - now_seconds
package pushlint.rules.clients.heartbeat_overdue

import data.pushlint.lib

# The grace added to the interval before a heartbeat counts as overdue, and the interval of a site that
# site.yaml does not describe.
_grace := data.pushlint.params.heartbeat_grace_seconds

_default_interval := data.pushlint.params.heartbeat_interval_seconds

report contains lib.client_finding(client, message) if {
	some client in lib.current_clients
	client.client != false
	client.last_heartbeat_seconds != null
	interval := _interval(client)
	late := input.now_seconds - client.last_heartbeat_seconds
	late > interval.seconds + _grace
	message := sprintf(
		"%s last sent a heartbeat %s ago (%s); %s expects one every %s",
		[client.name, lib.elapsed(late), client.last_heartbeat, interval.source, lib.duration(interval.seconds)],
	)
}

report contains lib.client_finding(client, message) if {
	lib.client_field_given("last_heartbeat")
	some client in lib.current_clients
	client.client == true
	is_null(client.last_heartbeat_seconds)
	interval := _interval(client)
	message := sprintf(
		"%s is installed (Client=Yes) but has no heartbeat on record; %s expects one every %s",
		[client.name, interval.source, lib.duration(interval.seconds)],
	)
}

# _interval is the heartbeat interval that applies to the client, and where it comes from: that of the
# client's assigned site, else of the site the export was taken from, else the default. Undefined when
# that site's Heartbeat Discovery is disabled.
_interval(client) := _site_interval(site) if {
	site := _site_for(client)
}

_interval(client) := {"seconds": _default_interval, "source": "Heartbeat Discovery (default schedule)"} if {
	not _site_for(client)
}

_site_for(client) := site if {
	some site in input.sites
	site.code == client.site_code
} else := site if {
	some site in input.sites
	site.code == input.inputs.clients.viewed_site
}

_site_interval(site) := {
	"seconds": site.discovery.heartbeat.interval_seconds,
	"source": sprintf("Heartbeat Discovery at site %s", [site.code]),
} if {
	site.discovery.heartbeat.enabled
	site.discovery.heartbeat.interval_seconds > 0
}
