# METADATA
# title: A site that installs clients has no management point
# description: |
#   Advanced Clients get their policy from a management point, and ccmsetup contacts it during install
#   and upgrade. A primary site that installs clients without a management point leaves them without
#   policy; an upgrade logs "Server failed to process message and returned status code 404" in
#   ccmsetup.log. A secondary site's clients use the secondary's proxy management point, or else the
#   management point of its parent primary site: with neither, they are in the same state. A site whose
#   site systems site.yaml does not list is not taken to have none: the notes say it was not checked.
# custom:
#   id: PL014
#   severity: error
#   kb_section: SMS Advanced Client doesn't receive a policy after installation
#   remediation: |
#     In the SMS Administrator console, expand Site Database > Site Hierarchy > <site code - site name> >
#     Site Settings > Site Systems, right-click the server, click Properties, and on the Management Point
#     tab select "Use this site system as a management point" (ConfigMgr 2007: right-click the server,
#     New Roles, Management point); on a secondary site this installs a proxy management point. Check
#     \SMS\Logs\MPSetup.log and MPControl.log for the install, and request Machine Policy Retrieval &
#     Evaluation Cycle from Control Panel > Systems Management > Actions on a client to test it. Add
#     management_point to the server's roles under site_systems in site.yaml.
#   reads:
#     - sites[].type
#     - sites[].parent
#     - sites[].client_push.enabled
#     - sites[].client_push.deployment
#     - sites[].site_systems
package pushlint.rules.config.management_point_missing

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(site, "site_systems")) if {
	some site in input.sites
	site.type == "primary"
	lib.installs_clients(site)
	lib.said(site, "site_systems")
	not lib.has_role(site, "management_point")
	message := sprintf(
		"primary site %s installs clients (%s) but none of its site systems is a management point; installed clients receive no policy, and ccmsetup.log shows \"status code 404\" on upgrade",
		[site.code, lib.install_means(site)],
	)
}

report contains lib.finding(lib.site_subject(site), message, lib.at(site, "site_systems")) if {
	some site in input.sites
	site.type == "secondary"
	lib.installs_clients(site)
	lib.said(site, "site_systems")
	not lib.has_role(site, "management_point")
	parent := lib.site_by_code[site.parent]
	lib.said(parent, "site_systems")
	not lib.has_role(parent, "management_point")
	message := sprintf(
		"secondary site %s installs clients (%s) but has no proxy management point, and its parent site %s has no management point either; installed clients receive no policy, and ccmsetup.log shows \"status code 404\" on upgrade",
		[site.code, lib.install_means(site), parent.code],
	)
}

# site_systems left out says nothing about the site's management point.
notes contains sprintf(
	"site %s installs clients (%s) but site.yaml lists no site systems for %s, so whether its clients have a management point was not checked",
	[site.code, lib.install_means(site), _unlisted(site)],
) if {
	some site in input.sites
	lib.installs_clients(site)
	not lib.has_role(site, "management_point")
	_unlisted(site)
}

_unlisted(site) := "it" if {
	not lib.said(site, "site_systems")
} else := sprintf("its parent site %s", [site.parent]) if {
	site.type == "secondary"
	not lib.said(lib.site_by_code[site.parent], "site_systems")
}
