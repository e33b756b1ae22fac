# METADATA
# title: Two or more machines share one SMS unique identifier
# description: |
#   SMS identifies a client by its SMS unique identifier (SMSID, the "GUID:" value), not by its name.
#   When a disk image is made from a computer that already has the SMS client, every computer built
#   from it reports the same SMSID: their discovery records fight over one identity, and a client that
#   is installed shows as not installed (or the other way around) depending on which one reported last.
#   Obsolete records are left out: SMS keeps them for a machine that has a newer record.
# custom:
#   id: PL301
#   severity: error
#   kb_section: The SMS Advanced Client displays a site assignment but doesn't appear as installed
#   remediation: |
#     On each machine that shares the identifier, give the client a new one with Tranguid.exe from the
#     SMS 2003 Toolkit (KB 837374, "How to locate and clean Advanced Client Duplicate GUIDs"), then
#     delete the old records from the SMS Administrator console. Before capturing an image, stop the SMS
#     Agent Host service and delete %windir%\SMSCFG.INI (where the client keeps its identifier), or install
#     the client after imaging.
#   reads:
#     - clients[].smsid
#     - clients[].machine
#     - clients[].obsolete
package pushlint.rules.clients.duplicate_smsid

import data.pushlint.lib

report contains lib.client_finding(client, message) if {
	some client in lib.current_clients
	client.smsid != null
	others := lib.smsid_twins(client)
	count(others) > 0
	message := sprintf(
		"%s shares SMSID %s with %s: SMS treats them as one client, so their install and assignment status flips between them",
		[client.name, client.smsid, lib.smsid_twin_list(client)],
	)
}
