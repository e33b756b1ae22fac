package pushlint.lib

# Site boundaries and discovered systems. Discovery Data Manager assigns a discovered system to the site
# whose boundaries contain it, and only then creates a CCR for client push (KB 925282, "Newly
# discovered client computers aren't assigned to the current site"). The checks follow SMS:
#   - ip_subnet: the client's subnet ID (from its IP Subnets) equals the boundary's subnet ID. SMS
#     compares subnet IDs, not addresses, so 10.1.0.0/16 does not take in a client on subnet 10.1.5.0
#     (/24 mask). Only when the export carries no subnets is containment of an IPv4 address used.
#   - ip_range: an IPv4 address of the client lies between the two ends, inclusive.
#   - ipv6_prefix: an IPv6 address or prefix of the client lies in the prefix.
#   - ad_site: the client's AD site name equals the boundary, without regard to case.

# in_any_boundary is true when some boundary of some site in sites contains the client.
in_any_boundary(client, sites) if {
	some site in sites
	some boundary in site.boundaries
	in_boundary(client, boundary)
}

in_boundary(client, boundary) if {
	boundary.type == "ip_subnet"
	some subnet in client.ip_subnets
	_subnet_id(subnet) == _subnet_id(boundary.value)
}

in_boundary(client, boundary) if {
	boundary.type == "ip_subnet"
	count(client.ip_subnets) == 0
	some address in _ipv4_addresses(client)
	net.cidr_contains(boundary.value, address)
}

in_boundary(client, boundary) if {
	boundary.type == "ip_range"
	ends := [_ipv4_number(trim_space(end)) | some end in split(boundary.value, "-")]
	count(ends) == 2
	some address in _ipv4_addresses(client)
	n := _ipv4_number(address)
	ends[0] <= n
	n <= ends[1]
}

in_boundary(client, boundary) if {
	boundary.type == "ipv6_prefix"
	some address in array.concat(_ipv6_addresses(client), [_subnet_id(p) | some p in client.ipv6_prefixes])
	net.cidr_contains(boundary.value, address)
}

in_boundary(client, boundary) if {
	boundary.type == "ad_site"
	client.ad_site != null
	lower(client.ad_site) == lower(boundary.value)
}

# outside_all_boundaries is true for a current client that no boundary of any described site contains,
# when the export says enough to know it: for every boundary, the export has the column that boundary
# type is matched on (an empty cell there counts: SMS cannot match a client on data it does not have).
# Nothing is concluded when no site has boundaries (that is a finding about the sites) or the export
# lacks a column some boundary needs.
outside_all_boundaries(client) if {
	client in current_clients
	count(_boundaries) > 0
	every boundary in _boundaries {
		_boundary_decidable(boundary)
		not in_boundary(client, boundary)
	}
}

# undecidable_boundaries are the boundaries of the described sites that the client export cannot check: it
# lacks the column their type is matched on.
undecidable_boundaries contains boundary if {
	some boundary in _boundaries
	not _boundary_decidable(boundary)
}

# boundary_undecided is true for a current client that no checkable boundary contains while some boundary
# cannot be checked: whether it lies in a boundary is unknown.
boundary_undecided(client) if {
	client in current_clients
	count(undecidable_boundaries) > 0
	not _in_checked_boundary(client)
}

_in_checked_boundary(client) if {
	some boundary in _boundaries
	_boundary_decidable(boundary)
	in_boundary(client, boundary)
}

# boundary_kinds names each boundary type for messages, and the export column it is matched on.
boundary_kinds := {
	"ip_subnet": {"name": "IP subnet", "column": "IP Subnets (or IP Addresses)"},
	"ip_range": {"name": "IP address range", "column": "IP Addresses"},
	"ipv6_prefix": {"name": "IPv6 prefix", "column": "IPv6 Prefixes (or IP Addresses)"},
	"ad_site": {"name": "Active Directory site", "column": "AD Site Name"},
}

_boundaries := [boundary | some site in input.sites; some boundary in site.boundaries]

_boundary_decidable(boundary) if {
	boundary.type in {"ip_subnet", "ip_range"}
	client_field_given("ip_addresses")
}

_boundary_decidable(boundary) if {
	boundary.type == "ip_subnet"
	client_field_given("ip_subnets")
}

_boundary_decidable(boundary) if {
	boundary.type == "ipv6_prefix"
	some field in {"ip_addresses", "ipv6_prefixes"}
	client_field_given(field)
}

_boundary_decidable(boundary) if {
	boundary.type == "ad_site"
	client_field_given("ad_site")
}

# client_network says, for a message, where a client is on the network: its addresses, subnets and AD site.
client_network(client) := "no IP address, subnet or AD site known" if {
	count(_network_parts(client)) == 0
} else := concat(", ", _network_parts(client))

_network_parts(client) := array.flatten([
	[sprintf("IP %s", [concat(" ", client.ip_addresses)]) | count(client.ip_addresses) > 0],
	[sprintf("subnet %s", [concat(" ", array.concat(client.ip_subnets, client.ipv6_prefixes))]) |
		count(client.ip_subnets) + count(client.ipv6_prefixes) > 0
	],
	[sprintf("AD site %s", [client.ad_site]) | client.ad_site != null],
])

_subnet_id(s) := split(s, "/")[0]

_ipv4_addresses(client) := [a | some a in client.ip_addresses; not contains(a, ":")]

_ipv6_addresses(client) := [a | some a in client.ip_addresses; contains(a, ":")]

_ipv4_number(address) := n if {
	parts := split(address, ".")
	count(parts) == 4
	every part in parts {
		regex.match(`^[0-9]{1,3}$`, part)
	}
	n := (((((to_number(parts[0]) * 256) + to_number(parts[1])) * 256) + to_number(parts[2])) * 256) + to_number(parts[3])
}
