# METADATA
# title: A CCR has been in Ccrretry.box longer than the seven-day retry window
# description: |
#   When a push fails, Client Configuration Manager renames the CCR after the machine and keeps it in
#   SMS\Inboxes\Ccrretry.box, retrying every 60 minutes for 168 tries (seven days), then discards it.
#   A CCR whose file is older than that has outlived its retries: Client Configuration Manager is not
#   processing the retry queue, or keeps failing on it without discarding it. The age is measured from
#   the file's modification time to --now, and only when that time can date the CCR (ccr_files[].time_known:
#   not after --now, and not one time shared by the CCRs of several queues, as a copy without file times or
#   a git checkout leaves them); the window is retry_limit tries of retry_interval each (parameters).
# custom:
#   id: PL306
#   severity: warning
#   kb_section: Pre-installation phase
#   remediation: |
#     Check that the SMS_CLIENT_CONFIG_MANAGER component is running (SMS Service Manager) and read Ccm.log
#     for the machine to see why each try fails; fix that cause (see the error code with pushlint explain),
#     then delete the old CCR and push again (Install Client, or pushlint ccr <machine>).
#   reads:
#     - ccr_files[].queue
#     - ccr_files[].age_seconds
#     - ccr_files[].time_known
package pushlint.rules.clients.retry_expired

import data.pushlint.lib

# The retry window: retry_limit tries, one every retry_interval (168 tries every 60 minutes: seven days).
_window := data.pushlint.params.retry_interval_seconds * data.pushlint.params.retry_limit

report contains lib.finding(lib.ccr_subject(file), message, lib.ccr_location(file)) if {
	some file in input.ccr_files
	file.queue == "retry"
	file.time_known
	file.age_seconds > _window
	message := sprintf(
		"the CCR for %s has been in Ccrretry.box for %s (file %s, last changed %s), longer than the retry window of %s (%d tries, one every %s)",
		[
			_who(file), lib.elapsed(file.age_seconds), file.file, file.modified, lib.elapsed(_window),
			data.pushlint.params.retry_limit, lib.elapsed(data.pushlint.params.retry_interval_seconds),
		],
	)
}

_who(file) := file.machine if file.machine != ""

else := "an unnamed machine"
