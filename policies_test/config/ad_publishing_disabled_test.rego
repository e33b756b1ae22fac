package pushlint.rules.config.ad_publishing_disabled_test

import data.pushlint.rules.config.ad_publishing_disabled

site(publish) := {
	"code": "ABC",
	"publish_to_ad": publish,
	"location": {"file": "site.yaml", "line": 10, "column": 5},
	"key_locations": {"publish_to_ad": {"file": "site.yaml", "line": 17, "column": 5}},
}

test_fires_when_the_schema_is_extended_and_the_site_does_not_publish if {
	r := ad_publishing_disabled.report with input as {"environment": {"ad_schema_extended": true}, "sites": [site(false)]}
	r == {{
		"subject": {"kind": "site", "id": "ABC"},
		"message": "site ABC does not publish to Active Directory (publish_to_ad: false) although the schema is extended for SMS; clients that look their site up in Active Directory (SMSSITECODE=AUTO, Automatically Discover) cannot find ABC or its management point there",
		"location": {"file": "site.yaml", "line": 17, "column": 5},
	}}
}

test_passes_when_the_site_publishes if {
	r := ad_publishing_disabled.report with input as {"environment": {"ad_schema_extended": true}, "sites": [site(true)]}
	r == set()
}

test_passes_when_the_schema_is_not_extended if {
	r := ad_publishing_disabled.report with input as {"environment": {"ad_schema_extended": false}, "sites": [site(false)]}
	r == set()
}

# publish_to_ad defaults to false; a site.yaml that leaves it out has not said the site does not publish.
test_passes_when_publish_to_ad_is_left_to_its_default if {
	s := object.union(object.remove(site(false), {"key_locations"}), {"key_locations": {}})
	r := ad_publishing_disabled.report with input as {"environment": {"ad_schema_extended": true}, "sites": [s]}
	r == set()
}
