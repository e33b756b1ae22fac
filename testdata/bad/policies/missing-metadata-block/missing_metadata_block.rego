package pushlint.rules.hostile.missing_metadata_block

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), sprintf("site %s", [site.code]), site.location) if {
	some site in input.sites
	site.code != ""
}
