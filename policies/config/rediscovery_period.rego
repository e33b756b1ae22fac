# METADATA
# title: Client rediscovery period is not larger than the Heartbeat Discovery interval
# description: |
#   The Clear Install Flag task clears Client=Yes for every client that has not sent a heartbeat
#   within its client rediscovery period. If that period is not longer than the Heartbeat Discovery
#   interval, healthy clients lose their install flag between two heartbeats, show as "not installed",
#   and client push installs them again.
# custom:
#   id: PL006
#   severity: error
#   kb_section: Troubleshoot Heartbeat Discovery
#   remediation: |
#     In the SMS Administrator console, open Site Settings > Site Maintenance > Tasks > Clear Install Flag
#     and set the client rediscovery period larger than the Heartbeat Discovery interval (Site Settings >
#     Discovery Methods > Heartbeat Discovery); the default pair is 21 days against 7 days.
#   reads:
#     - sites[].maintenance.clear_install_flag
#     - sites[].discovery.heartbeat
package pushlint.rules.config.rediscovery_period

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), message, lib.at(flag, "rediscovery_period")) if {
	some site in input.sites
	flag := site.maintenance.clear_install_flag
	flag.enabled
	heartbeat := site.discovery.heartbeat
	heartbeat.enabled
	flag.rediscovery_period_seconds <= heartbeat.interval_seconds
	message := sprintf(
		"site %s: Clear Install Flag rediscovery period (%s) is not larger than the Heartbeat Discovery interval (%s)",
		[site.code, lib.duration(flag.rediscovery_period_seconds), lib.duration(heartbeat.interval_seconds)],
	)
}
