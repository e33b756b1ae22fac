# METADATA
# title: A client is installed but not assigned to the site it is viewed in
# description: |
#   A collection shows the client with Client=Yes and Assigned=No, or assigned to a site that is
#   neither the site whose console the export comes from nor a site below it. An unassigned client
#   receives no policy and is not managed; a client assigned elsewhere is managed by that other site.
#   The second check needs --clients-site (the site the export was taken from) and uses the parent
#   links of site.yaml to recognise child sites.
# custom:
#   id: PL302
#   severity: warning
#   kb_section: The SMS Advanced Client is installed successfully but doesn't receive a site assignment
#   remediation: |
#     First update the collection membership and refresh the view: collection data can be days old. If
#     the client is still unassigned, open Control Panel > Systems Management > Advanced on the client and
#     see which site it lists; with SMSSITECODE=AUTO click Discover, which needs a boundary that contains
#     the client and the site published in Active Directory or a reachable server locator point. A client
#     assigned to another site is managed there: reassign it (SMSSITECODE=<code>), or look at it in that
#     site's console.
#   reads:
#     - clients[].client
#     - clients[].assigned
#     - clients[].site_code
#     - inputs.clients.viewed_site
#     - sites[].code
#     - sites[].parent
package pushlint.rules.clients.installed_not_assigned

import data.pushlint.lib

report contains lib.client_finding(client, message) if {
	some client in lib.current_clients
	client.client == true
	client.assigned == false
	message := sprintf(
		"%s has the SMS client installed (Client=Yes) but is not assigned to a site (Assigned=No)%s: it receives no policy until it is assigned",
		[client.name, _site_note(client)],
	)
}

report contains lib.client_finding(client, message) if {
	viewed := input.inputs.clients.viewed_site
	viewed != ""
	some client in lib.current_clients
	client.client == true
	client.assigned != false
	client.site_code != null
	not client.site_code in _managed_here(viewed)
	message := sprintf(
		"%s is assigned to site %s, not to %s where this export was taken, nor to a site below %s: it is managed by %s",
		[client.name, client.site_code, viewed, viewed, client.site_code],
	)
}

_site_note(client) := sprintf(", though its site code shows %s", [client.site_code]) if {
	client.site_code != null
} else := ""

# _managed_here is the viewed site and every site below it, following site.yaml's parent links.
_managed_here(viewed) := graph.reachable(_children, {viewed}) | {viewed}

_children[site.code] := {child.code |
	some child in input.sites
	child.parent == site.code
} if {
	some site in input.sites
}
