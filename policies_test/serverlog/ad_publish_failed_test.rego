package pushlint.rules.serverlog.ad_publish_failed_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.serverlog.ad_publish_failed

file := `D:\SMS\Logs\hman.log`

# KB 830022: Hman.log when the site server may not write to the System Management container.
events := [
	fx.event(0, file, 1, "ad_container_exists", "info", "", 0, "System Management container exists.", {}),
	fx.event(1, file, 3, "ad_site_object_missing", "info", "", 0, "SMS-Site-123 doesn't exist, creating it.", {"object": "SMS-Site-123", "site": "123"}),
	fx.event(2, file, 4, "ad_publish_failed", "failure", "", 0, "SMS-Site-123 could not be created, error code = 8202", {"object": "SMS-Site-123", "site": "123", "error_code": 8202, "error_code_hex": "0x200a", "error_code_win32": 8202}),
]

test_fires_on_site_object_not_created if {
	r := ad_publish_failed.report with input as fx.indexed({"events": events})
	r == {{
		"subject": {"kind": "site", "id": "123"},
		"message": `D:\SMS\Logs\hman.log: SMS-Site-123 could not be published to Active Directory, error 8202/0x200a (The specified directory service attribute or value does not exist); 1 time, last at D:\SMS\Logs\hman.log:4`,
		"location": {"file": file, "line": 4},
		"evidence": [{"file": file, "line": 4, "text": "SMS-Site-123 could not be created, error code = 8202"}],
	}}
}

test_fires_on_a_publication_failure_without_site_or_code if {
	e := fx.at(fx.event(0, "sitecomp.log", 7, "ad_publish_failed", "failure", "", 0, "Failed to publish the management point to Active Directory", {"object": "", "site": ""}), "2026-11-20T10:00:00Z")
	r := ad_publish_failed.report with input as fx.indexed({"events": [e]})
	r == {{
		"subject": {"kind": "file", "id": "sitecomp.log"},
		"message": "sitecomp.log: a site object could not be published to Active Directory; 1 time, last at 2026-11-20 10:00:00 UTC+0 (10:00:00Z)",
		"location": {"file": "sitecomp.log", "line": 7},
		"evidence": [{"file": "sitecomp.log", "line": 7, "text": "Failed to publish the management point to Active Directory"}],
	}}
}

test_passes_when_published_later if {
	ok := fx.event(3, file, 90, "ad_published", "success", "", 0, "Successfully created SMS-Site-123 in Active Directory", {"object": "SMS-Site-123"})
	r := ad_publish_failed.report with input as fx.indexed({"events": array.concat(events, [ok])})
	r == set()
}

test_passes_when_the_container_exists_and_nothing_failed if {
	r := ad_publish_failed.report with input as fx.indexed({"events": [events[0], events[1]]})
	r == set()
}
