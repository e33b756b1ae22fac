package pushlint.rules.config.sitecode_secondary_test

import data.pushlint.rules.config.sitecode_secondary

site(code, type, parent, push) := {
	"code": code,
	"type": type,
	"parent": parent,
	"client_push": push,
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {},
}

push(enabled, deployment, sitecode) := {
	"enabled": enabled,
	"deployment": deployment,
	"install_properties": sprintf("SMSSITECODE=%s FSP=SMS01", [sitecode]),
	"properties": {"SMSSITECODE": sitecode, "FSP": "SMS01"},
	"location": {"file": "site.yaml", "line": 20, "column": 7},
	"key_locations": {"install_properties": {"file": "site.yaml", "line": 22, "column": 7}},
}

no_push := {
	"enabled": false,
	"deployment": "push",
	"install_properties": "",
	"properties": {},
	"location": {"file": "site.yaml", "line": 40, "column": 5},
	"key_locations": {},
}

central(push) := site("ABC", "primary", null, push)

secondary(push) := site("BR1", "secondary", "ABC", push)

finding(code, written) := {
	"subject": {"kind": "site", "id": code},
	"message": sprintf(
		"site %s: installation properties set SMSSITECODE=%s, the code of secondary site BR1; Advanced Clients can be assigned only to a primary site, and clients installed this way appear assigned to and managed by secondary site BR1 instead of being managed by primary site ABC; set SMSSITECODE=ABC (the parent primary site of BR1) or SMSSITECODE=AUTO",
		[code, written],
	),
	"location": {"file": "site.yaml", "line": 22, "column": 7},
}

test_fires_when_a_secondary_pushes_with_its_own_code if {
	r := sitecode_secondary.report with input as {"sites": [central(no_push), secondary(push(true, "push", "BR1"))]}
	r == {finding("BR1", "BR1")}
}

test_fires_on_the_primary_whose_properties_name_a_secondary if {
	r := sitecode_secondary.report with input as {"sites": [central(push(true, "push", "BR1")), secondary(no_push)]}
	r == {finding("ABC", "BR1")}
}

test_fires_case_insensitively_and_shows_the_value_as_written if {
	r := sitecode_secondary.report with input as {"sites": [central(no_push), secondary(push(true, "push", "br1"))]}
	r == {finding("BR1", "br1")}
}

test_fires_for_capinst_deployment_with_push_disabled if {
	r := sitecode_secondary.report with input as {"sites": [central(no_push), secondary(push(false, "capinst", "BR1"))]}
	r == {finding("BR1", "BR1")}
}

test_passes_with_the_parent_primary_code if {
	r := sitecode_secondary.report with input as {"sites": [central(no_push), secondary(push(true, "push", "ABC"))]}
	r == set()
}

test_passes_with_auto if {
	r := sitecode_secondary.report with input as {"sites": [central(no_push), secondary(push(true, "push", "AUTO"))]}
	r == set()
}

test_passes_when_the_named_site_is_a_primary if {
	child := site("PR2", "primary", "ABC", no_push)
	r := sitecode_secondary.report with input as {"sites": [central(push(true, "push", "PR2")), child]}
	r == set()
}

test_passes_when_the_site_installs_no_clients if {
	r := sitecode_secondary.report with input as {"sites": [central(no_push), secondary(push(false, "push", "BR1"))]}
	r == set()
}

test_passes_without_smssitecode if {
	p := json.remove(push(true, "push", "BR1"), ["properties/SMSSITECODE"])
	r := sitecode_secondary.report with input as {"sites": [central(no_push), secondary(p)]}
	r == set()
}
