# METADATA
# title: Install properties assign clients to a secondary site (SMSSITECODE=<secondary code>)
# description: |
#   Advanced Clients can be assigned only to a primary site. When the installation properties of a site
#   that installs clients set SMSSITECODE to the code of a secondary site, the client installs into a
#   state where it appears to be assigned to and managed by that secondary site, but no primary site
#   manages it: it does not show as an assigned client of the primary site and receives nothing from it.
#   Clients that live in a secondary site's boundaries must be assigned to its parent primary site (or
#   find it themselves with SMSSITECODE=AUTO); the secondary site serves them through its proxy
#   management point.
# custom:
#   id: PL007
#   severity: error
#   kb_section: SMS Advanced Clients are not installed on secondary sites
#   remediation: |
#     In the SMS Administrator console, expand Site Database > Site Hierarchy > <site code - site name> >
#     Site Settings > Client Installation Methods, right-click Client Push Installation, click Properties,
#     and on the Advanced Client tab (Client tab in ConfigMgr 2007) change SMSSITECODE= to the code of the
#     secondary site's parent primary site, or to SMSSITECODE=AUTO when clients can look their site up in
#     Active Directory or through a server locator point. Do the same in the Capinst.exe command line of
#     the logon script if clients are deployed with it. Clients already installed with the secondary code
#     must be reassigned: on each, open Control Panel > Systems Management > Advanced and set the primary
#     site code (or click Discover).
#   reads:
#     - sites[].client_push.properties.SMSSITECODE
#     - sites[].client_push.enabled
#     - sites[].client_push.deployment
#     - sites[].type
#     - sites[].parent
package pushlint.rules.config.sitecode_secondary

import data.pushlint.lib

# The subject is the site whose installation properties name the secondary: that is the line to fix,
# whether it belongs to the secondary itself or to a primary site pushing on its behalf.
report contains lib.finding(lib.site_subject(site), message, lib.at(site.client_push, "install_properties")) if {
	some site in input.sites
	lib.uses_install_properties(site)
	named := lib.sitecode_property(site)
	named in lib.secondary_codes
	primary := lib.site_by_code[named].parent
	message := sprintf(
		"site %s: installation properties set SMSSITECODE=%s, the code of secondary site %s; Advanced Clients can be assigned only to a primary site, and clients installed this way appear assigned to and managed by secondary site %s instead of being managed by primary site %s; set SMSSITECODE=%s (the parent primary site of %s) or SMSSITECODE=AUTO",
		[site.code, site.client_push.properties.SMSSITECODE, named, named, primary, primary, named],
	)
}
