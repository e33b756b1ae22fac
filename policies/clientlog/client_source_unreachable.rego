# METADATA
# title: ccmsetup cannot download the client installation files
# description: |
#   ccmsetup.log shows that ccmsetup could not get Client.msi and the other client files from the site:
#   from the SMSClient\i386 share of the management point or the Client\i386 folder of the SMS_<site code>
#   share on SMS 2003 and ConfigMgr 2007, from a distribution point or the management point's CCM_Client
#   folder on later versions. Without them the client is not installed. A later successful ccmsetup run in
#   the same log clears the finding.
# custom:
#   id: PL202
#   severity: error
#   kb_section: The SMS Advanced Client cannot access the installation file on the SMS site server
#   remediation: |
#     From the client, open the source that ccmsetup names (the SMSClient\i386 share of the management point,
#     the SMS_<site code>\Client\i386 share of the site server, or the CCM_Client URL) with the account
#     ccmsetup runs as, and fix what stops it: the share or virtual directory missing (HTTP 404), its
#     permissions, or, outside Active Directory, the network access account. Then run ccmsetup again.
#   reads:
#     - events
package pushlint.rules.clientlog.client_source_unreachable

import data.pushlint.lib

_source_types := {"client_download_failed", "dp_url_check_failed", "dp_none_usable", "webdav_request_failed"}

report contains lib.log_finding(lib.file_subject(log.file), message, lib.log_location(last), lib.log_evidence(related)) if {
	some log in input.logs
	downloads := lib.log_events(log, "client_download_failed")
	count(downloads) > 0
	last := downloads[count(downloads) - 1]
	not _installed_after(log, last.seq)
	related := lib.log_events_of(log, _source_types)
	message := sprintf("%s: ccmsetup could not download the client installation files%s%s; %s, last at %s", [
		log.file, _source(log, last), _error(last), lib.plural(lib.log_event_count(log, "client_download_failed"), "time"), lib.when(last),
	])
}

# _source names where ccmsetup looked: the path of the failing line, or of the deployment error it reports.
_source(log, e) := sprintf(" from %s", [e.fields.path]) if {
	e.fields.path != ""
} else := sprintf(" from %s", [paths[0]]) if {
	paths := [d.fields.path |
		some d in lib.log_events(log, "deployment_error")
		d.seq > e.seq
		d.fields.path != ""
	]
	count(paths) > 0
} else := ""

_error(e) := sprintf(", error %s", [lib.log_error(e.fields.error_code, e.fields.error_code_hex)]) if {
	is_number(e.fields.error_code)
} else := ""

_installed_after(log, seq) if {
	some e in lib.log_events(log, "ccmsetup_exit")
	e.fields.exit_code == 0
	e.seq > seq
}
