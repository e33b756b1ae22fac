package pushlint.rules.clientlog.site_assignment_failed_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.clientlog.site_assignment_failed

# The real ccmsetup.log, as if run with SMSSITECODE=AUTO and without a management point to fall back on:
# its Active Directory lookup finds no site (the site is not published, and the client is not in a domain).
auto_line := "Ccmsetup command line: ccmsetup.exe SMSSITECODE=AUTO FSP=primary.lan"

auto_events := [
	object.union(fx.setup_events[0], {"text": auto_line, "fields": {"command_line": "ccmsetup.exe SMSSITECODE=AUTO FSP=primary.lan", "sitecode": "AUTO"}}),
	fx.setup_events[2],
	fx.setup_events[3],
]

test_fires_on_auto_without_ad_site if {
	r := site_assignment_failed.report with input as fx.indexed({"events": auto_events})
	r == {{
		"subject": {"kind": "file", "id": fx.setup_file},
		"message": "clients/TARGETSERVER/ccmsetup.log: ccmsetup runs with SMSSITECODE=AUTO, but Active Directory has no site for the client (error 0x80004005 (Unspecified error)) and no management point named one",
		"location": {"file": fx.setup_file, "line": 79},
		"evidence": [{"file": e.file, "line": e.line, "text": e.text} | some e in auto_events],
	}}
}

test_passes_when_the_management_point_named_the_site if {
	r := site_assignment_failed.report with input as fx.indexed({"events": array.concat(auto_events, [fx.setup_events[4]])})
	r == set()
}

test_passes_with_an_explicit_site_code if {
	# The real log: SMSSITECODE=abc, so the failed AD lookup does not decide the assignment.
	r := site_assignment_failed.report with input as fx.indexed(fx.setup_input)
	r == set()
}

# Expected LocationServices.log phrasing (no real line is known).
failed := fx.at(fx.event(0, "LocationServices.log", 55, "site_assignment_failed", "failure", "", 0, "Unable to auto assign site code", {}), "2026-11-20T09:30:00Z")

test_fires_on_assignment_failure if {
	r := site_assignment_failed.report with input as fx.indexed({"events": [failed]})
	r == {{
		"subject": {"kind": "file", "id": "LocationServices.log"},
		"message": "LocationServices.log: automatic site assignment found no site; 1 time, last at 2026-11-20 09:30:00 UTC+0 (09:30:00Z)",
		"location": {"file": "LocationServices.log", "line": 55},
		"evidence": [{"file": "LocationServices.log", "line": 55, "text": "Unable to auto assign site code"}],
	}}
}

test_passes_when_assigned_later if {
	ok := fx.event(1, "LocationServices.log", 80, "site_assigned", "info", "", 0, "Current Assigned Site: ABC", {"site": "ABC"})
	r := site_assignment_failed.report with input as fx.indexed({"events": [failed, ok]})
	r == set()
}
