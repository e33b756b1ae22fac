# METADATA
# title: Push includes only clients assigned to this site while the site has secondary sites
# description: |
#   With "Include only clients assigned to this site" enabled, a primary site pushes the client only to
#   computers assigned to it. Computers in the boundaries of its secondary sites are not, so the primary
#   site's automatic push installs clients in its own boundaries and never in the secondary sites'.
# custom:
#   id: PL008
#   severity: warning
#   kb_section: SMS Advanced Clients are not installed on secondary sites
#   remediation: |
#     In the SMS Administrator console, start the Client Push Installation Wizard for the primary site
#     (Site Database > Collections > All Systems, right-click, All Tasks > Install Client) and clear the
#     "Include only clients assigned to this site" check box (the option exists only in the wizard).
#     Alternatively, enable Client Push Installation and the discovery methods at each secondary site
#     (see PL009). Then set include_only_assigned: false under client_push in site.yaml.
#   reads:
#     - sites[].type
#     - sites[].parent
#     - sites[].client_push.enabled
#     - sites[].client_push.include_only_assigned
package pushlint.rules.config.include_only_assigned

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(site.client_push, "include_only_assigned")) if {
	some site in input.sites
	site.type == "primary"
	site.client_push.enabled
	site.client_push.include_only_assigned
	children := lib.secondary_children(site)
	count(children) > 0
	message := sprintf(
		"primary site %s: Client Push Installation has \"Include only clients assigned to this site\" enabled while secondary sites report to it (%s); computers in the secondary sites' boundaries are not assigned to %s, so its push never installs them",
		[site.code, concat(", ", sort(children)), site.code],
	)
}
