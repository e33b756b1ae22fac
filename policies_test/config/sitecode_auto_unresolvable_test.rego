package pushlint.rules.config.sitecode_auto_unresolvable_test

import data.pushlint.rules.config.sitecode_auto_unresolvable

env(ad_schema_extended, wins) := {"ad_schema_extended": ad_schema_extended, "wins": wins}

push(enabled, deployment, sitecode) := {
	"enabled": enabled,
	"deployment": deployment,
	"properties": {"SMSSITECODE": sitecode},
	"location": {"file": "site.yaml", "line": 20, "column": 7},
	"key_locations": {"install_properties": {"file": "site.yaml", "line": 22, "column": 7}},
}

site(code, push, publish, slp) := {
	"code": code,
	"client_push": push,
	"publish_to_ad": publish,
	"server_locator_point": slp,
	"site_systems": [],
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {"publish_to_ad": {"file": "site.yaml", "line": 17, "column": 5}},
}

# publish_to_ad left out: the reader's default (false), not said.
unsaid(code, push, slp) := object.union(object.remove(site(code, push, false, slp), {"key_locations"}), {"key_locations": {}})

slp(registered_in) := {
	"server": "SMS01",
	"registered_in": registered_in,
	"location": {"file": "site.yaml", "line": 60, "column": 7},
	"key_locations": {},
}

auto := push(true, "push", "AUTO")

no_push := {"enabled": false, "deployment": "push", "properties": {}}

finding(reasons) := {
	"subject": {"kind": "site", "id": "ABC"},
	"message": sprintf(
		"site ABC installs clients with SMSSITECODE=AUTO, but they cannot find their site: %s; they stay unassigned and get no policy",
		[concat("; ", reasons)],
	),
	"location": {"file": "site.yaml", "line": 22, "column": 7},
}

test_fires_without_schema_wins_or_slp if {
	r := sitecode_auto_unresolvable.report with input as {"environment": env(false, false), "sites": [site("ABC", auto, true, null)]}
	r == {finding([
		"Active Directory lookup needs the schema extended for SMS (environment.ad_schema_extended: false)",
		"no server locator point exists in the hierarchy",
	])}
}

test_fires_when_the_site_does_not_publish_and_the_slp_is_in_an_unavailable_wins if {
	r := sitecode_auto_unresolvable.report with input as {"environment": env(true, false), "sites": [site("ABC", auto, false, slp(["wins"]))]}
	r == {finding([
		"site ABC is not published in Active Directory (publish_to_ad: false)",
		"no server locator point is registered in Active Directory",
		"no WINS server is available to find a server locator point (environment.wins: false)",
	])}
}

test_fires_when_the_slp_is_only_in_an_unextended_active_directory if {
	sites := [site("ABC", push(false, "capinst", "auto"), true, null), site("XYZ", no_push, false, slp(["ad"]))]
	r := sitecode_auto_unresolvable.report with input as {"environment": env(false, true), "sites": sites}
	r == {finding([
		"Active Directory lookup needs the schema extended for SMS (environment.ad_schema_extended: false)",
		"a server locator point cannot be found in Active Directory without the schema extension",
		"no server locator point is registered in WINS",
	])}
}

test_fires_when_the_slp_role_has_no_registration if {
	s := object.union(site("ABC", auto, false, null), {"site_systems": [{
		"server": "SMS01",
		"roles": ["server_locator_point"],
		"location": {"file": "site.yaml", "line": 36, "column": 9},
	}]})
	r := sitecode_auto_unresolvable.report with input as {"environment": env(true, true), "sites": [s]}
	r == {finding([
		"site ABC is not published in Active Directory (publish_to_ad: false)",
		"no server locator point is registered in Active Directory",
		"no server locator point is registered in WINS",
	])}
}

test_passes_when_the_site_is_published_in_an_extended_schema if {
	r := sitecode_auto_unresolvable.report with input as {"environment": env(true, false), "sites": [site("ABC", auto, true, null)]}
	r == set()
}

test_passes_with_an_slp_of_another_site_in_wins if {
	sites := [site("ABC", auto, false, null), site("XYZ", no_push, false, slp(["wins"]))]
	r := sitecode_auto_unresolvable.report with input as {"environment": env(false, true), "sites": sites}
	r == set()
}

test_passes_with_an_slp_in_an_extended_active_directory if {
	r := sitecode_auto_unresolvable.report with input as {"environment": env(true, false), "sites": [site("ABC", auto, false, slp(["ad"]))]}
	r == set()
}

test_passes_with_an_explicit_site_code if {
	r := sitecode_auto_unresolvable.report with input as {"environment": env(false, false), "sites": [site("ABC", push(true, "push", "ABC"), false, null)]}
	r == set()
}

test_passes_when_the_site_installs_no_clients if {
	r := sitecode_auto_unresolvable.report with input as {"environment": env(false, false), "sites": [site("ABC", push(false, "push", "AUTO"), false, null)]}
	r == set()
}

# With the schema extended, whether clients find their site in Active Directory turns on publish_to_ad; a
# site.yaml that leaves it out is not taken to say the site does not publish: no finding, a note.
test_passes_with_a_note_when_publishing_is_not_said if {
	doc := {"environment": env(true, false), "sites": [unsaid("ABC", auto, null)]}
	sitecode_auto_unresolvable.report == set() with input as doc
	sitecode_auto_unresolvable.notes == {"site ABC installs clients with SMSSITECODE=AUTO and no server locator point can be found, so they depend on finding ABC in Active Directory; site.yaml does not say whether it publishes there (publish_to_ad), so that was not checked"} with input as doc
}

test_fires_without_a_schema_extension_whatever_publish_to_ad_says if {
	r := sitecode_auto_unresolvable.report with input as {"environment": env(false, false), "sites": [unsaid("ABC", auto, null)]}
	r == {finding([
		"Active Directory lookup needs the schema extended for SMS (environment.ad_schema_extended: false)",
		"no server locator point exists in the hierarchy",
	])}
}
