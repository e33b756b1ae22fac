# METADATA
# title: A CCR has waited in Ccr.box or Ccr.box\Inproc longer than one processing cycle
# description: |
#   Client Configuration Manager picks a new client configuration request (CCR) up from SMS\Inboxes\Ccr.box,
#   works on it in Ccr.box\Inproc, and then moves it on: to Ccrretry.box, renamed after the machine, when the
#   push fails, or away when it succeeds (KB 925282, "Use a CCR file to manually trigger the client
#   installation", step 5). A CCR still in either folder after one processing cycle (the parameter
#   ccr_cycle, an hour by default) is not being processed: the SMS_CLIENT_CONFIG_MANAGER component is
#   stopped, all its threads are busy, or it cannot read or move the file. The age is measured from the
#   file's modification time to --now, and only when that time can date the CCR (ccr_files[].time_known:
#   not after --now, and not one time shared by the CCRs of several queues, as a copy without file times or
#   a git checkout leaves them); a malformed CCR is PL305's, and Ccrretry.box is PL104's and PL306's.
# custom:
#   id: PL307
#   severity: warning
#   kb_section: Use a CCR file to manually trigger the client installation
#   remediation: |
#     On the site server, open SMS Service Manager (in the SMS Administrator console, Tools) and check that
#     SMS_CLIENT_CONFIG_MANAGER is running; start it if it is stopped, and read \SMS\Logs\Ccm.log for why it
#     stopped or why it does not pick the request up. Check that the site server's account can read and
#     delete files in SMS\Inboxes\Ccr.box (a CCR copied in with restrictive permissions stays there), and that
#     nothing holds the file open. Once the component runs, the CCR moves on within minutes.
#   reads:
#     - ccr_files[].queue
#     - ccr_files[].valid
#     - ccr_files[].age_seconds
#     - ccr_files[].time_known
package pushlint.rules.clients.ccr_not_processed

import data.pushlint.lib

report contains lib.finding(lib.ccr_subject(file), message, lib.ccr_location(file)) if {
	some file in input.ccr_files
	file.valid
	file.time_known
	file.age_seconds > _cycle
	folder := _folders[file.queue]
	message := sprintf(
		"the CCR for %s has waited in %s for %s (file %s, last changed %s), longer than one processing cycle (%s): Client Configuration Manager is not processing it",
		[file.machine, folder, lib.elapsed(file.age_seconds), file.file, file.modified, lib.elapsed(_cycle)],
	)
}

# One processing cycle of Client Configuration Manager.
_cycle := data.pushlint.params.ccr_cycle_seconds

# The queues a CCR waits in before it is processed, as the folders are named.
_folders := {"incoming": "Ccr.box", "processing": "Ccr.box\\Inproc"}
