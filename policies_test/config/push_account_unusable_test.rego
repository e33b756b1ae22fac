package pushlint.rules.config.push_account_unusable_test

import data.pushlint.rules.config.push_account_unusable

account(name, state, line) := {
	"name": name,
	"state": state,
	"form": "domain",
	"location": {"file": "site.yaml", "line": line, "column": 11},
}

site(code, accounts) := {
	"code": code,
	"client_push": {"enabled": true, "accounts": accounts},
}

finding(site, name, line, said) := {
	"subject": {"kind": "account", "id": name},
	"message": sprintf(
		"site %s: Client Push Installation account %s is %s; every push that uses it fails with error 5 (access denied), logon failure 0x52e or %s in Ccm.log",
		[site, name, said[0], said[1]],
	),
	"location": {"file": "site.yaml", "line": line, "column": 11},
}

test_fires_for_a_locked_account if {
	r := push_account_unusable.report with input as {"sites": [site("ABC", [
		account("CONTOSO\\svc-ok", "enabled", 24),
		account("CONTOSO\\svc-smspush", "locked", 25),
	])]}
	r == {finding("ABC", "CONTOSO\\svc-smspush", 25, ["locked out", "1909 (0x775, account locked out)"])}
}

test_fires_for_disabled_and_expired_accounts if {
	r := push_account_unusable.report with input as {"sites": [site("ABC", [
		account("CONTOSO\\old", "disabled", 24),
		account("%machinename%\\smsadmin", "expired", 25),
	])]}
	r == {
		finding("ABC", "CONTOSO\\old", 24, ["disabled", "1331 (0x533, account disabled)"]),
		finding("ABC", "%machinename%\\smsadmin", 25, ["expired", "1793 (0x701, account expired) or 1330 (0x532, password expired)"]),
	}
}

test_fires_once_per_site_for_a_shared_account if {
	r := push_account_unusable.report with input as {"sites": [
		site("ABC", [account("CONTOSO\\svc-smspush", "locked", 25)]),
		site("BR1", [account("CONTOSO\\svc-smspush", "locked", 55)]),
	]}
	r == {
		finding("ABC", "CONTOSO\\svc-smspush", 25, ["locked out", "1909 (0x775, account locked out)"]),
		finding("BR1", "CONTOSO\\svc-smspush", 55, ["locked out", "1909 (0x775, account locked out)"]),
	}
}

test_passes_for_enabled_accounts if {
	r := push_account_unusable.report with input as {"sites": [site("ABC", [account("CONTOSO\\svc-smspush", "enabled", 25)])]}
	r == set()
}
