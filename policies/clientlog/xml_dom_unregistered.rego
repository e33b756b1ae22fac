# METADATA
# title: CcmExec cannot create an XML DOM (MSXML 3.0 missing or not registered)
# description: |
#   CcmExec.log shows "Error creating XML DOM (0x80040154)": class not registered. The SMS Agent Host builds
#   every message it sends with MSXML 3.0; when Msxml3.dll is missing or not registered, the client cannot
#   obtain its settings from the site server or report to it.
# custom:
#   id: PL205
#   severity: error
#   kb_section: XML file registration is unsuccessful
#   remediation: |
#     Install MSXML 3.0 Service Pack 7 or later (Msxml3.msi) on the client, which also registers the DLLs,
#     or register Msxml3.dll with regsvr32; then restart the SMS Agent Host service.
#   reads:
#     - events
package pushlint.rules.clientlog.xml_dom_unregistered

import data.pushlint.lib

# _codes are the error codes this rule reports, from the error code table (0x80040154, REGDB_E_CLASSNOTREG).
_codes := lib.reported_codes(rego.metadata.chain())

report contains lib.log_finding(lib.file_subject(log.file), message, lib.log_location(first), lib.log_evidence(errors)) if {
	some log in input.logs
	errors := [e | some e in lib.log_events(log, "xml_dom_failed"); e.fields.error_code in _codes]
	count(errors) > 0
	first := errors[0]
	message := sprintf("%s: the SMS Agent Host cannot create an XML DOM, error %s: Msxml3.dll is missing or not registered; %s since %s", [
		log.file, lib.log_error(first.fields.error_code, first.fields.error_code_hex), lib.plural(count(errors), "time"), lib.when(first),
	])
}
