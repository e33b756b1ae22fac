package pushlint.lib_test

import data.pushlint.lib

bclient(fields) := object.union(
	{"machine": "PC1", "obsolete": null, "ip_addresses": [], "ip_subnets": [], "ipv6_prefixes": [], "ad_site": null},
	fields,
)

boundary(type, value) := {"type": type, "value": value, "location": {"file": "site.yaml", "line": 9, "column": 9}}

test_ip_subnet_boundaries_compare_subnet_ids if {
	lib.in_boundary(bclient({"ip_subnets": ["10.1.2.0"]}), boundary("ip_subnet", "10.1.2.0/24"))
	lib.in_boundary(bclient({"ip_subnets": ["10.1.0.0/16"]}), boundary("ip_subnet", "10.1.0.0/16"))

	# SMS compares subnet IDs: a /16 boundary does not take in a client whose subnet is 10.1.5.0.
	not lib.in_boundary(bclient({"ip_subnets": ["10.1.5.0"], "ip_addresses": ["10.1.5.20"]}), boundary("ip_subnet", "10.1.0.0/16"))
}

test_ip_subnet_boundaries_fall_back_to_addresses_without_subnets if {
	lib.in_boundary(bclient({"ip_addresses": ["fe80::1", "10.1.5.20"]}), boundary("ip_subnet", "10.1.0.0/16"))
	not lib.in_boundary(bclient({"ip_addresses": ["10.2.5.20"]}), boundary("ip_subnet", "10.1.0.0/16"))
	not lib.in_boundary(bclient({}), boundary("ip_subnet", "10.1.0.0/16"))
}

test_ip_range_boundaries_include_both_ends if {
	lib.in_boundary(bclient({"ip_addresses": ["10.1.0.1"]}), boundary("ip_range", "10.1.0.1-10.1.0.254"))
	lib.in_boundary(bclient({"ip_addresses": ["10.1.0.254"]}), boundary("ip_range", "10.1.0.1 - 10.1.0.254"))
	lib.in_boundary(bclient({"ip_addresses": ["10.0.255.255", "10.1.0.9"]}), boundary("ip_range", "10.1.0.1-10.1.0.254"))
	not lib.in_boundary(bclient({"ip_addresses": ["10.1.0.255"]}), boundary("ip_range", "10.1.0.1-10.1.0.254"))
	not lib.in_boundary(bclient({"ip_addresses": ["10.1.0.0"]}), boundary("ip_range", "10.1.0.1-10.1.0.254"))
	not lib.in_boundary(bclient({"ip_addresses": ["2001:db8::1"]}), boundary("ip_range", "10.1.0.1-10.1.0.254"))
}

test_ipv6_prefix_boundaries if {
	lib.in_boundary(bclient({"ip_addresses": ["10.1.0.1", "2001:db8:1::15"]}), boundary("ipv6_prefix", "2001:db8:1::/64"))
	lib.in_boundary(bclient({"ipv6_prefixes": ["2001:db8:1::"]}), boundary("ipv6_prefix", "2001:db8:1::/64"))
	not lib.in_boundary(bclient({"ip_addresses": ["2001:db8:2::15"]}), boundary("ipv6_prefix", "2001:db8:1::/64"))
	not lib.in_boundary(bclient({"ip_addresses": ["10.1.0.1"]}), boundary("ipv6_prefix", "2001:db8:1::/64"))
}

test_ad_site_boundaries_ignore_case if {
	lib.in_boundary(bclient({"ad_site": "hq-London"}), boundary("ad_site", "HQ-London"))
	not lib.in_boundary(bclient({"ad_site": "Branch"}), boundary("ad_site", "HQ-London"))
	not lib.in_boundary(bclient({}), boundary("ad_site", "HQ-London"))
}

test_in_any_boundary_looks_at_every_site if {
	sites := [
		{"code": "ABC", "boundaries": [boundary("ad_site", "HQ")]},
		{"code": "BR1", "boundaries": [boundary("ip_subnet", "10.9.0.0/16")]},
	]
	lib.in_any_boundary(bclient({"ip_addresses": ["10.9.8.7"]}), sites)
	lib.in_any_boundary(bclient({"ad_site": "HQ"}), sites)
	not lib.in_any_boundary(bclient({"ip_addresses": ["10.8.8.7"], "ad_site": "Branch"}), sites)
}

boundary_doc(fields) := {
	"sites": [
		{"code": "ABC", "boundaries": [boundary("ip_subnet", "10.1.0.0/16"), boundary("ad_site", "HQ")]},
		{"code": "BR1", "boundaries": [boundary("ip_range", "10.9.0.1-10.9.0.99")]},
	],
	"inputs": {"clients": {"fields": fields}},
}

test_outside_all_boundaries_when_the_export_can_tell if {
	inside := bclient({"ip_addresses": ["10.9.0.5"], "ad_site": "Branch"})
	outside := bclient({"ip_addresses": ["172.16.0.5"], "ad_site": "Branch"})
	unknown_network := bclient({"ad_site": "Branch"})
	every_field := ["name", "ip_addresses", "ad_site"]
	lib.outside_all_boundaries(outside) with input as object.union(boundary_doc(every_field), {"clients": [outside]})

	# The KB's case: discovery gathered no IP address while the boundaries are IP based.
	lib.outside_all_boundaries(unknown_network) with input as object.union(boundary_doc(every_field), {"clients": [unknown_network]})
	not lib.outside_all_boundaries(inside) with input as object.union(boundary_doc(every_field), {"clients": [inside]})
}

test_outside_all_boundaries_concludes_nothing_without_the_data if {
	outside := bclient({"ip_addresses": ["172.16.0.5"]})

	# No AD site column, and an AD site boundary exists: the client might be in it.
	not lib.outside_all_boundaries(outside) with input as object.union(boundary_doc(["name", "ip_addresses"]), {"clients": [outside]})

	# No site has a boundary: PL002 reports the sites instead.
	not lib.outside_all_boundaries(outside) with input as {"sites": [{"code": "ABC", "boundaries": []}], "inputs": {"clients": {"fields": ["ip_addresses"]}}, "clients": [outside]}

	# An obsolete record is not looked at.
	old := bclient({"ip_addresses": ["172.16.0.5"], "ad_site": "Branch", "obsolete": true})
	not lib.outside_all_boundaries(old) with input as object.union(boundary_doc(["name", "ip_addresses", "ad_site"]), {"clients": [old]})
}

test_client_network_for_messages if {
	lib.client_network(bclient({})) == "no IP address, subnet or AD site known"
	lib.client_network(bclient({"ip_addresses": ["10.1.2.3", "fe80::1"], "ip_subnets": ["10.1.2.0"], "ipv6_prefixes": ["2001:db8::"], "ad_site": "HQ"})) == "IP 10.1.2.3 fe80::1, subnet 10.1.2.0 2001:db8::, AD site HQ"
	lib.client_network(bclient({"ad_site": "HQ"})) == "AD site HQ"
}

test_outside_all_boundaries_from_subnet_and_prefix_columns if {
	doc := {
		"sites": [{"code": "ABC", "boundaries": [boundary("ip_subnet", "10.1.0.0/16"), boundary("ipv6_prefix", "2001:db8:1::/64")]}],
		"inputs": {"clients": {"fields": ["name", "ip_subnets", "ipv6_prefixes"]}},
	}
	away := bclient({"ip_subnets": ["10.5.0.0"], "ipv6_prefixes": ["2001:db8:9::"]})
	home := bclient({"ip_subnets": ["10.5.0.0"], "ipv6_prefixes": ["2001:db8:1::"]})
	lib.outside_all_boundaries(away) with input as object.union(doc, {"clients": [away, home]})
	not lib.outside_all_boundaries(home) with input as object.union(doc, {"clients": [away, home]})
}
