# METADATA
# title: Site systems could not be published to Active Directory
# description: |
#   Sitecomp.log or Hman.log shows that the site server could not create or update its objects (the site,
#   its management point, its server locator point) in the System Management container of Active
#   Directory. Clients that look up their site or management point in Active Directory (SMSSITECODE=AUTO,
#   ccmsetup without /mp) then find nothing. A later successful publication in the same log clears the
#   finding.
# custom:
#   id: PL106
#   severity: error
#   kb_section: SMS site systems have not been published in Active Directory
#   remediation: |
#     Create the System Management container under CN=System of the domain, if it is missing, and give the
#     site server's computer account Full Control on it, applied to this object and all child objects (KB
#     830022). Check that the site publishes to Active Directory (Site Properties, Advanced). Then watch
#     Sitecomp.log and Hman.log for the objects being created.
#   reads:
#     - events
package pushlint.rules.serverlog.ad_publish_failed

import data.pushlint.lib

report contains lib.log_finding(_subject(last), message, lib.log_location(last), lib.log_evidence(failures)) if {
	some log in input.logs
	published := lib.log_events(log, "ad_publish_failed")
	some target in {_object(e) | some e in published}
	failures := [e | some e in published; _object(e) == target]
	last := failures[count(failures) - 1]
	not _published_after(log, last.seq)
	message := sprintf("%s: %s could not be published to Active Directory%s; %s, last at %s", [
		log.file, target, _error(last), lib.plural(count(failures), "time"), lib.when(last),
	])
}

_object(e) := e.fields.object if {
	e.fields.object != ""
} else := "a site object"

_subject(e) := {"kind": "site", "id": e.fields.site} if {
	e.fields.site != ""
} else := lib.file_subject(e.file)

_error(e) := sprintf(", error %s", [lib.log_error(e.fields.error_code, e.fields.error_code_hex)]) if {
	is_number(e.fields.error_code)
} else := ""

_published_after(log, seq) if {
	some e in lib.log_events(log, "ad_published")
	e.seq > seq
}
