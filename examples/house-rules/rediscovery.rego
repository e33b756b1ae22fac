# METADATA
# title: Client rediscovery period is less than three heartbeat intervals
# custom:
#   id: PL006
#   severity: warning
#   kb_section: Troubleshoot Heartbeat Discovery
#   remediation: Set the rediscovery period to more than three Heartbeat Discovery intervals.
package pushlint.rules.house.rediscovery

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), msg, lib.at(flag, "rediscovery_period")) if {
	some site in input.sites
	flag := site.maintenance.clear_install_flag
	flag.enabled
	flag.rediscovery_period_seconds <= 3 * site.discovery.heartbeat.interval_seconds
	msg := sprintf("site %s: rediscovery period is not more than three heartbeats", [site.code])
}
