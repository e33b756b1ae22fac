package pushlint.rules.config.network_discovery_mixed_test

import data.pushlint.rules.config.network_discovery_mixed

site(heartbeat, network, ad_system) := {
	"code": "ABC",
	"discovery": {
		"heartbeat": {"enabled": heartbeat},
		"network": {
			"enabled": network,
			"location": {"file": "site.yaml", "line": 30, "column": 7},
			"key_locations": {"enabled": {"file": "site.yaml", "line": 31, "column": 9}},
		},
		"ad_system": {"enabled": ad_system},
	},
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {},
}

finding(others) := {
	"subject": {"kind": "site", "id": "ABC"},
	"message": sprintf(
		"site ABC: Network Discovery is enabled together with %s; Network Discovery writes Null into IsClient, so installed clients appear in collections as Assigned but not installed",
		[others],
	),
	"location": {"file": "site.yaml", "line": 31, "column": 9},
}

test_fires_with_heartbeat if {
	r := network_discovery_mixed.report with input as {"sites": [site(true, true, false)]}
	r == {finding("Heartbeat Discovery")}
}

test_fires_with_ad_system if {
	r := network_discovery_mixed.report with input as {"sites": [site(false, true, true)]}
	r == {finding("Active Directory System Discovery")}
}

test_fires_once_naming_both if {
	r := network_discovery_mixed.report with input as {"sites": [site(true, true, true)]}
	r == {finding("Heartbeat Discovery and Active Directory System Discovery")}
}

test_passes_with_network_discovery_alone if {
	r := network_discovery_mixed.report with input as {"sites": [site(false, true, false)]}
	r == set()
}

test_passes_when_network_discovery_is_off if {
	r := network_discovery_mixed.report with input as {"sites": [site(true, false, true)]}
	r == set()
}
