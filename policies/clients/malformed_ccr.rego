# METADATA
# title: A CCR file in an inbox is malformed
# description: |
#   Client Configuration Manager reads a CCR file as an INI file: it needs the section
#   [NT Client Configuration Request] and, in it, Machine Name=<NetBIOS name>. A file without them
#   (a CCR typed by hand with a mistake, or damaged) installs nothing. Nor does a request under a name
#   its queue does not process: the KB's own warning, Notepad saving test.ccr as test.ccr.txt, which sits
#   in Ccr.box and is never picked up.
# custom:
#   id: PL305
#   severity: error
#   kb_section: Use a CCR file to manually trigger the client installation
#   remediation: |
#     Rename a misnamed request to <machine>.ccr (in Notepad, save it with the name in quotation marks,
#     "test.ccr"). Otherwise delete the file and create it again with exactly these two lines
#     (pushlint ccr <machine> writes it), then copy it into SMS\Inboxes\Ccr.box on the site server:
#       [NT Client Configuration Request]
#       Machine Name=<NetBIOS name>
#   reads:
#     - ccr_files[].valid
#     - ccr_files[].problems
package pushlint.rules.clients.malformed_ccr

import data.pushlint.lib

report contains finding if {
	some file in input.ccr_files
	not file.valid
	problems := concat("; ", [p.message | some p in file.problems])
	message := sprintf(
		"CCR file %s (queue %s) %s; Client Configuration Manager cannot install a client from it",
		[file.file, file.queue, problems],
	)
	finding := object.union(
		lib.finding({"kind": "file", "id": file.file}, message, lib.ccr_location(file)),
		{"evidence": [{"file": file.file, "line": file.location.line, "text": file.text} | file.text != ""]},
	)
}
