# METADATA
# title: Automatic site assignment (SMSSITECODE=AUTO) found no site
# description: |
#   A client installed with SMSSITECODE=AUTO looks its site up in Active Directory (when the schema is
#   extended and the site is published) or asks a server locator point. When neither answers, the client is
#   installed but not assigned, so it never reports or gets policy. The finding comes from the client's
#   site assignment failing, or from ccmsetup with SMSSITECODE=AUTO failing its Active Directory lookup
#   with nothing to fall back on. A later assignment in the same log clears it.
# custom:
#   id: PL206
#   severity: error
#   kb_section: The SMS Advanced Client is installed successfully, but doesn't appear as installed or assigned
#   remediation: |
#     Give the client a way to find its site: extend the Active Directory schema and let the site publish to
#     Active Directory, or install a server locator point and register it in WINS. Or name the site in the
#     install properties (SMSSITECODE=<site code>) instead of AUTO. Then choose Automatically Discover on the
#     Advanced tab of the Systems Management control panel, or reinstall.
#   reads:
#     - events
package pushlint.rules.clientlog.site_assignment_failed

import data.pushlint.lib

report contains lib.log_finding(lib.file_subject(log.file), message, lib.log_location(last), lib.log_evidence(failures)) if {
	some log in input.logs
	failures := lib.log_events(log, "site_assignment_failed")
	count(failures) > 0
	last := failures[count(failures) - 1]
	not _assigned_after(log, last.seq)
	message := sprintf("%s: automatic site assignment found no site; %s, last at %s", [log.file, lib.plural(lib.log_event_count(log, "site_assignment_failed"), "time"), lib.when(last)])
}

# The last command line of a ccmsetup.log says how ccmsetup runs now.
report contains lib.log_finding(lib.file_subject(log.file), message, lib.log_location(last), lib.log_evidence(array.concat([auto], lookups))) if {
	some log in input.logs
	runs := lib.log_events(log, "ccmsetup_command_line")
	count(runs) > 0
	auto := runs[count(runs) - 1]
	auto.fields.sitecode == "AUTO"
	lookups := [e | some e in lib.log_events(log, "ad_site_lookup_failed"); e.seq > auto.seq]
	last := lookups[count(lookups) - 1]
	not _assigned_after(log, last.seq)
	message := sprintf("%s: ccmsetup runs with SMSSITECODE=AUTO, but Active Directory has no site for the client%s and no management point named one", [log.file, _error(lookups)])
}

_assigned_after(log, seq) if {
	some e in lib.log_events_of(log, {"site_assigned", "site_info_received"})
	e.seq > seq
}

_error(lookups) := sprintf(" (error %s)", [lib.log_error(codes[0].fields.error_code, codes[0].fields.error_code_hex)]) if {
	codes := [e | some e in lookups; is_number(e.fields.error_code)]
	count(codes) > 0
} else := ""
