# METADATA
# title: The SMS Agent Host (CcmExec) failed to start or has not run since the install
# description: |
#   The SMS Agent Host service (CcmExec) runs every client agent: without it the client sends no heartbeat,
#   gets no policy, and shows as not installed. The finding comes from CcmExec.log showing that the service
#   failed to initialize (KB 919592: "Error calling CoResumeClassObjects", "Phase 1 initialization failed";
#   KB 922362, an SMS 2003 client: "Phase 0 initialization failed", "Service initialization failed"), with no
#   later start ("Setting service status to RUNNING"); or, when ccmsetup.log and CcmExec.log of the client
#   were collected into one folder, from CcmExec.log having no entry since ccmsetup finished and no start
#   since ccmsetup began (Client.msi starts the agent seconds before ccmsetup exits), while the client's
#   logs reach past the install by more than install_grace (their newest time, or --now when earlier).
#   Times are compared in UTC; a CcmExec.log without a zone (a Trace32 copy) is read with the zone of the
#   client's other logs.
# custom:
#   id: PL209
#   severity: error
#   kb_section: The SMS Advanced Client is installed successfully, but doesn't appear as installed or assigned
#   remediation: |
#     On the client, start the SMS Agent Host service (net start ccmexec) and read CcmExec.log. When it
#     fails to initialize, check WMI (winmgmt) and DCOM on the client, repair or reinstall the client
#     (ccmclean, then ccmsetup), and check that nothing else holds the agent's COM registrations.
#   reads:
#     - logs
#     - events
package pushlint.rules.clientlog.agent_not_running

import data.pushlint.lib

report contains lib.log_finding(lib.file_subject(log.file), message, lib.log_location(last), lib.log_evidence(failures)) if {
	some log in input.logs
	failures := lib.log_events(log, "ccmexec_start_failed")
	count(failures) > 0
	last := failures[count(failures) - 1]
	not _started_after(log, last.seq)
	message := sprintf("%s: the SMS Agent Host failed to start%s; %s, last at %s", [
		log.file, _error(failures), lib.plural(lib.log_event_count(log, "ccmexec_start_failed"), "time"), lib.when(last),
	])
}

report contains lib.log_finding(lib.file_subject(exec.file), message, lib.log_location(install), lib.log_evidence([install])) if {
	some exec in input.logs
	exec.kind == "ccmexec"
	end := lib.client_logs_end(exec.dir)
	end - lib.installed_at(exec.dir) > _grace
	lib.last_utc_seconds(exec) < lib.installed_at(exec.dir)
	not _started_since(exec, lib.install_began(exec.dir))
	install := lib.install_event(exec.dir)
	message := sprintf("%s: no entry since the client was installed at %s (%s); its last entry is from %s, and the client's logs go on for %s after the install, so the SMS Agent Host has not run since", [
		exec.file, lib.when(install), install.file, lib.last_time(exec), lib.elapsed(end - lib.installed_at(exec.dir)),
	])
}

# _grace is how far the client's logs must reach past the install before the agent's silence counts.
_grace := data.pushlint.params.install_grace_seconds

# _started_since: CcmExec.log shows the service starting after the install began (Client.msi starts it
# before ccmsetup exits).
_started_since(log, t) if {
	some e in lib.log_events(log, "ccmexec_started")
	e.has_time
	lib.utc_seconds(e, log.dir) >= t
}

_started_after(log, seq) if {
	some e in lib.log_events(log, "ccmexec_started")
	e.seq > seq
}

_error(failures) := sprintf(", error %s", [lib.log_error(codes[0].fields.error_code, codes[0].fields.error_code_hex)]) if {
	codes := [e | some e in failures; is_number(e.fields.error_code)]
	count(codes) > 0
} else := ""
