# METADATA
# title: No Advanced Client network access account in a non-Active Directory environment
# description: |
#   In a workgroup, a Windows NT 4.0 domain or an untrusted forest, ccmsetup on the client cannot use the
#   computer's own account to read Client.msi from the SMSClient share of the management point or the
#   Client share of the site server. The Advanced Client network access account is the domain account it
#   uses there, and it must be set before Client Push Installation can install clients; without it, the
#   connection is attempted with the logged-on user, Local System or the computer account, which the
#   site server's domain does not accept.
# custom:
#   id: PL005
#   severity: error
#   kb_section: The SMS Advanced Client network access account is configured incorrectly, missing, or locked out in a non-Active Directory environment
#   remediation: |
#     Create a domain account in the site server's domain (it needs no rights on the clients, only read
#     access to the client installation shares). In the SMS 2003 Administrator console, expand Site
#     Database > Site Hierarchy > <site code - site name> > Site Settings > Component Configuration,
#     right-click Software Distribution, click Properties, and on the Advanced Client tab set the Advanced
#     Client Network Access Account (ConfigMgr 2007: Site Settings > Client Agents > Computer Client Agent >
#     Properties > Network Access Account). Then write it as network_access_account in site.yaml.
#   reads:
#     - environment.directory
#     - environment.forest_trusted
#     - sites[].client_push.enabled
#     - sites[].client_push.deployment
#     - sites[].network_access_account
package pushlint.rules.config.network_access_account_missing

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(site, "network_access_account")) if {
	some site in input.sites
	lib.installs_clients(site)
	is_null(site.network_access_account)
	message := sprintf(
		"site %s installs clients (%s) in %s but has no Advanced Client network access account; ccmsetup there cannot read Client.msi from the SMSClient share of the management point or the site server with the computer's own account",
		[site.code, lib.install_means(site), _environment],
	)
}

# The environment that needs the account. A workgroup says it all; otherwise name what the KB lists.
_environment := "a workgroup (environment.directory: workgroup)" if {
	input.environment.directory == "workgroup"
} else := "a Windows NT 4.0 domain (environment.directory: nt4_domain)" if {
	input.environment.directory == "nt4_domain"
} else := "an untrusted forest (environment.forest_trusted: false)" if {
	not input.environment.forest_trusted
}
