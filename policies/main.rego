# METADATA
# title: pushlint router
# description: |
#   Collects the findings of every rule package named pushlint.rules.<category>.<name>, built-in or
#   given with --policy, applies the active waivers of input.waivers once, and adds the findings of the
#   gate rules (pushlint.gate.<name>), which judge the waivers themselves. pushlint evaluates this one
#   query; so can `opa eval`.
package pushlint.main

import data.pushlint.lib

# findings is every rule's findings before waivers. The gate rules read it, which is why they live outside
# pushlint.rules: a rule under it that read this set would depend on itself.
findings contains object.union(object.remove(finding, {"waiver"}), {"package": sprintf("pushlint.rules.%s.%s", [category, name])}) if {
	some category, name
	some finding in data.pushlint.rules[category][name].report
}

# METADATA
# entrypoint: true
report contains finding if {
	some finding in findings
	not lib.waiver_for(finding)
}

# A waived finding stays in the report, marked with the waiver that accepted it.
report contains object.union(finding, {"waiver": lib.waiver_summary(input.waivers[i])}) if {
	some finding in findings
	i := lib.waiver_for(finding)
}

report contains object.union(finding, {"package": sprintf("pushlint.gate.%s", [name])}) if {
	some name
	some finding in data.pushlint.gate[name].report
}
