# METADATA
# title: ExtADSch.log shows that the Active Directory schema extension failed, or never completed where site.yaml says it did
# description: |
#   ExtADSch.exe writes ExtADSch.log in the root of the system drive. When it cannot create the SMS classes
#   and attributes, the schema is not extended: clients installed with SMSSITECODE=AUTO cannot find their
#   site or management point in Active Directory, and site systems cannot be published there. A later
#   successful run in the same log clears the finding. When site.yaml says the schema is extended
#   (environment.ad_schema_extended: true) and the ExtADSch.log given has no success line at all (and no
#   failure either: the tool never ran to the end there), the description claims what the log does not
#   show; the finding points at that claim in site.yaml. Without an ExtADSch.log nothing is said.
# custom:
#   id: PL105
#   severity: error
#   kb_section: The Active Directory schema has not been extended for SMS 2003
#   remediation: |
#     Run ExtADSch.exe again as a member of Schema Admins and Enterprise Admins, on or against the schema
#     master, and check ExtADSch.log for "Successfully extended the Active Directory schema". Error 8202 on
#     every class usually means the account lacks the rights to create them. Until the schema is extended,
#     register a server locator point in WINS for clients that use SMSSITECODE=AUTO.
#   reads:
#     - logs
#     - events
#     - environment.ad_schema_extended
package pushlint.rules.serverlog.schema_extension_failed

import data.pushlint.lib

_failures := {"extadsch_failed", "extadsch_class_failed", "extadsch_attribute_failed"}

report contains lib.log_finding(lib.file_subject(log.file), message, lib.log_location(last), lib.log_evidence(failures)) if {
	some log in input.logs
	failures := lib.log_events_of(log, _failures)
	count(failures) > 0
	last := failures[count(failures) - 1]
	not _succeeded_after(log, last.seq)
	message := sprintf("%s: the Active Directory schema was not extended%s%s", [log.file, _detail(failures), _claim])
}

# The description says the schema is extended; the given ExtADSch.log shows no run that ended, neither
# success nor failure.
report contains lib.log_finding(lib.file_subject(log.file), message, lib.at(input.environment, "ad_schema_extended"), lib.log_evidence(lines)) if {
	input.environment.ad_schema_extended
	some log in input.logs
	log.kind == "extadsch"
	lib.log_event_count(log, "extadsch_succeeded") == 0
	count(lib.log_events_of(log, _failures)) == 0
	lines := [e | some t, _ in log.event_types; some e in lib.log_events(log, t)]
	message := sprintf("%s: site.yaml says ad_schema_extended: true, but this ExtADSch.log (%s) has no line saying the Active Directory schema was extended: ExtADSch.exe did not run to the end here", [
		log.file, _entries(log.entries),
	])
}

_entries(1) := "1 entry"

_entries(n) := sprintf("%d entries", [n]) if n != 1

_succeeded_after(log, seq) if {
	some e in lib.log_events(log, "extadsch_succeeded")
	e.seq > seq
}

# _detail counts the schema objects that could not be created, with the first error.
_detail(failures) := sprintf(": %s could not be created, %s", [_objects(count(objs)), _first_error(objs)]) if {
	objs := [e | some e in failures; e.type != "extadsch_failed"]
	count(objs) > 0
} else := ""

_objects(1) := "1 class or attribute"

_objects(n) := sprintf("%d classes or attributes", [n]) if n != 1

_first_error(objs) := sprintf("error %s", [lib.log_error(objs[0].fields.error_code, objs[0].fields.error_code_hex)]) if {
	is_number(objs[0].fields.error_code)
} else := "with no error code"

default _claim := ""

_claim := "; site.yaml says ad_schema_extended: true, which this log contradicts" if {
	input.environment.ad_schema_extended
}
