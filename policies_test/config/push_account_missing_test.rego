package pushlint.rules.config.push_account_missing_test

import data.pushlint.rules.config.push_account_missing

site(security_mode, push) := {
	"code": "ABC",
	"product": "sms2003",
	"security_mode": security_mode,
	"client_push": push,
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {},
}

push(enabled, accounts) := {
	"enabled": enabled,
	"accounts": accounts,
	"location": {"file": "site.yaml", "line": 20, "column": 7},
	"key_locations": {"enabled": {"file": "site.yaml", "line": 20, "column": 7}},
}

push_with_empty_list(enabled) := object.union(
	push(enabled, []),
	{"key_locations": {"accounts": {"file": "site.yaml", "line": 23, "column": 7}}},
)

account := {
	"name": "CONTOSO\\svc-smspush",
	"state": "enabled",
	"form": "domain",
	"domain": "CONTOSO",
	"user": "svc-smspush",
	"location": {"file": "site.yaml", "line": 24, "column": 11},
}

test_fires_error_in_advanced_security_without_accounts if {
	r := push_account_missing.report with input as {"sites": [site("advanced", push(true, []))]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: Client Push Installation is enabled in advanced security mode but no Client Push Installation account is defined; advanced security has no SMS Service account to fall back to and never pushes with the site server's computer account, so every push fails with error 5 (access denied) in Ccm.log",
		"location": {"file": "site.yaml", "line": 20, "column": 7},
	}}
}

test_fires_at_the_empty_accounts_list_when_written if {
	r := push_account_missing.report with input as {"sites": [site("advanced", push_with_empty_list(true))]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: Client Push Installation is enabled in advanced security mode but no Client Push Installation account is defined; advanced security has no SMS Service account to fall back to and never pushes with the site server's computer account, so every push fails with error 5 (access denied) in Ccm.log",
		"location": {"file": "site.yaml", "line": 23, "column": 7},
	}}
}

test_fires_info_in_standard_security_naming_the_sms_service_account if {
	r := push_account_missing.report with input as {"sites": [site("standard", push(true, []))]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: Client Push Installation is enabled with no Client Push Installation account defined, so in standard security mode it connects to clients with the SMS Service account; that account must be a local administrator on every client, or the push fails with error 5 (access denied) in Ccm.log",
		"location": {"file": "site.yaml", "line": 20, "column": 7},
		"severity": "info",
	}}
}

test_fires_info_for_configmgr2007_mixed_mode_naming_the_computer_account if {
	s := object.union(site("mixed", push(true, [])), {"product": "configmgr2007"})
	r := push_account_missing.report with input as {"sites": [s]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC: Client Push Installation is enabled with no Client Push Installation account defined, so in ConfigMgr 2007 mixed mode it connects to clients with the site server's computer account; that account must be a local administrator on every client, or the push fails with error 5 (access denied) in Ccm.log",
		"location": {"file": "site.yaml", "line": 20, "column": 7},
		"severity": "info",
	}}
}

# ConfigMgr 2007 falls back to the computer account in native mode too: never the error of SMS 2003's
# advanced security.
test_fires_info_not_error_for_configmgr2007_native_mode if {
	s := object.union(site("native", push(true, [])), {"product": "configmgr2007"})
	r := push_account_missing.report with input as {"sites": [s]}
	[[f.severity, f.message] | some f in r] == [[
		"info",
		"site ABC: Client Push Installation is enabled with no Client Push Installation account defined, so in ConfigMgr 2007 native mode it connects to clients with the site server's computer account; that account must be a local administrator on every client, or the push fails with error 5 (access denied) in Ccm.log",
	]]
}

# ConfigMgr 2007's security is always advanced; a site.yaml may say so instead of the site mode.
test_fires_info_for_configmgr2007_written_as_advanced if {
	s := object.union(site("advanced", push(true, [])), {"product": "configmgr2007"})
	r := push_account_missing.report with input as {"sites": [s]}
	[[f.severity, f.message] | some f in r] == [[
		"info",
		"site ABC: Client Push Installation is enabled with no Client Push Installation account defined, so in ConfigMgr 2007 (advanced security) it connects to clients with the site server's computer account; that account must be a local administrator on every client, or the push fails with error 5 (access denied) in Ccm.log",
	]]
}

test_passes_for_configmgr2007_with_an_account if {
	s := object.union(site("native", push(true, [account])), {"product": "configmgr2007"})
	r := push_account_missing.report with input as {"sites": [s]}
	r == set()
}

test_passes_when_an_account_is_defined if {
	r := push_account_missing.report with input as {"sites": [site("advanced", push(true, [account]))]}
	r == set()
}

test_passes_when_push_is_disabled if {
	r := push_account_missing.report with input as {"sites": [site("advanced", push(false, []))]}
	r == set()
}
