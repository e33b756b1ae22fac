# METADATA
# title: Client push is enabled but no Client Push Installation account is defined
# description: |
#   Client Configuration Manager installs a client by connecting to the computer's ADMIN$ share and
#   remote registry with an account that must be a local administrator there. With no Client Push
#   Installation account defined, it falls back to the site's own account where the product has one: an
#   SMS 2003 site in standard security connects with its SMS Service account, and a ConfigMgr 2007 site
#   (mixed or native mode, always advanced security) with the site server's computer account. The finding is then informational:
#   push works only where that account is a local administrator. An SMS 2003 site in advanced security has
#   nothing to fall back to and does not push with the site server's computer account, so every push fails
#   with error 5 (access denied) in Ccm.log: an error.
# custom:
#   id: PL003
#   severity: error
#   kb_section: The SMS Advanced Client Push Installation account is configured incorrectly or is missing or is locked out
#   remediation: |
#     Create a domain account and make it a member of the local Administrators group on every computer
#     you push to (for example with a Restricted Groups Group Policy). In the SMS Administrator console,
#     expand Site Database > Site Hierarchy > <site code - site name> > Site Settings > Client Installation
#     Methods, right-click Client Push Installation, click Properties, and on the Accounts tab add the
#     account as DOMAIN\account; then list it under client_push.accounts in site.yaml. An SMS 2003 site in
#     standard security may keep pushing with the SMS Service account, and a ConfigMgr 2007 site with the
#     site server's computer account (DOMAIN\SERVER$): make sure that account is a local administrator on
#     every client.
#   reads:
#     - sites[].client_push.enabled
#     - sites[].client_push.accounts
#     - sites[].security_mode
#     - sites[].product
package pushlint.rules.config.push_account_missing

import data.pushlint.lib

# SMS 2003 advanced security has nothing to fall back to: the push cannot authenticate on any client.
report contains lib.finding(lib.site_subject(site), message, _accounts_line(site)) if {
	some site in _pushing_without_account
	site.product == "sms2003"
	site.security_mode == "advanced"
	message := sprintf(
		"site %s: Client Push Installation is enabled in advanced security mode but no Client Push Installation account is defined; advanced security has no SMS Service account to fall back to and never pushes with the site server's computer account, so every push fails with error 5 (access denied) in Ccm.log",
		[site.code],
	)
}

# Elsewhere the site pushes with its own account: fine where that account is a local administrator.
report contains lib.finding_with_severity(lib.site_subject(site), message, _accounts_line(site), "info") if {
	some site in _pushing_without_account
	fallback := _fallback[site.product][site.security_mode]
	message := sprintf(
		"site %s: Client Push Installation is enabled with no Client Push Installation account defined, so in %s it connects to clients with %s; that account must be a local administrator on every client, or the push fails with error 5 (access denied) in Ccm.log",
		[site.code, fallback.mode, fallback.account],
	)
}

_pushing_without_account contains site if {
	some site in input.sites
	site.client_push.enabled
	count(site.client_push.accounts) == 0
}

# The account each product and security mode falls back to. ConfigMgr 2007 has no SMS Service account: its
# site server services run as Local System, which reaches clients as the site server's computer account.
_fallback := {
	"sms2003": {"standard": {"mode": "standard security mode", "account": "the SMS Service account"}},
	"configmgr2007": {
		"mixed": {"mode": "ConfigMgr 2007 mixed mode", "account": "the site server's computer account"},
		"native": {"mode": "ConfigMgr 2007 native mode", "account": "the site server's computer account"},
		"advanced": {"mode": "ConfigMgr 2007 (advanced security)", "account": "the site server's computer account"},
	},
}

# The empty accounts list when it is written, else the client_push block.
_accounts_line(site) := lib.at(site.client_push, "accounts")
