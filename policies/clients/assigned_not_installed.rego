# METADATA
# title: A client is assigned but does not show as installed
# description: |
#   A collection shows the system with Assigned=Yes but Client=No (or Client empty, which is how
#   Network Discovery leaves the install flag). Only Heartbeat Discovery sets Client=Yes, so this means
#   no heartbeat has been processed for an installed client, the collection is out of date, another
#   machine shares its SMSID, or the client really is not installed.
# custom:
#   id: PL303
#   severity: warning
#   kb_section: The SMS Advanced Client displays a site assignment but doesn't appear as installed
#   remediation: |
#     Update the collection membership and refresh the view. On the client, check that the SMS Agent Host
#     service runs and that InventoryAgent.log shows "Inventory: Action=Discovery ReportType=Full" (a
#     heartbeat); start a Discovery Data Collection Cycle from Control Panel > Systems Management > Actions.
#     Look for a duplicate SMSID (PL301), disable Network Discovery if another discovery method is on
#     (PL010), and keep Heartbeat Discovery enabled (PL011).
#   reads:
#     - clients[].client
#     - clients[].assigned
#     - clients[].smsid
#     - inputs.clients.fields
#     - sites[].discovery.network
package pushlint.rules.clients.assigned_not_installed

import data.pushlint.lib

report contains lib.client_finding(client, message) if {
	some client in lib.current_clients
	client.assigned == true
	_not_installed(client)
	message := sprintf("%s is assigned (Assigned=Yes) but %s%s", [client.name, _client_value(client), _hint(client)])
}

_not_installed(client) if client.client == false

_not_installed(client) if {
	is_null(client.client)
	lib.client_field_given("client")
}

_client_value(client) := "shows Client=No" if {
	client.client == false
} else := "its Client value is empty, as Network Discovery leaves it"

_hint(client) := sprintf(": SMSID %s is also used by %s (PL301)", [client.smsid, lib.smsid_twin_list(client)]) if {
	count(lib.smsid_twins(client)) > 0
} else := sprintf(": Network Discovery is enabled at %s and writes the install flag as empty (PL010)", [concat(", ", sort(_network_discovery_sites))]) if {
	count(_network_discovery_sites) > 0
} else := ": no heartbeat has been processed for it since it was installed, or it is not installed"

_network_discovery_sites contains site.code if {
	some site in input.sites
	site.discovery.network.enabled
}
