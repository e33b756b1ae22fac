# METADATA
# title: pushlint router
# description: |
#   Collects the findings of every rule package named pushlint.rules.<category>.<name>, built-in or
#   given with --policy, applies the active waivers of input.waivers once, and adds the findings of the
#   gate rules (pushlint.gate.<name>), which judge the waivers themselves, and collects the notes rules
#   make about what they could not decide. pushlint evaluates report and notes in one query; so can
#   `opa eval`.
package pushlint.main

import data.pushlint.lib

# findings is every rule's findings before waivers. The gate rules read it, which is why they live outside
# pushlint.rules: a rule under it that read this set would depend on itself.
#
# Only each package's report rule is evaluated, never the whole package document (its helper rules too), which
# is why the packages are walked by reference rather than with `some ... in data.pushlint.rules`.
findings contains object.union(object.remove(finding, {"waiver"}), {"package": sprintf("pushlint.rules.%s.%s", [category, name])}) if {
	some category, name

	# regal ignore:mixed-iteration
	some finding in data.pushlint.rules[category][name].report
}

# METADATA
# entrypoint: true
report contains finding if {
	some finding in findings
	not lib.waiver_for(finding)
}

# A waived finding stays in the report, marked with the waiver that accepted it.
report contains object.union(finding, {"waiver": lib.waiver_summary(waiver)}) if {
	some finding in findings
	waiver := input.waivers[lib.waiver_for(finding)]
}

report contains object.union(finding, {"package": sprintf("pushlint.gate.%s", [name])}) if {
	some name

	# regal ignore:mixed-iteration
	some finding in data.pushlint.gate[name].report
}

# notes are what rules say they could not decide (a computer whose boundary the export cannot show), each with
# the package that said it: the report lists them, so that missing evidence is not read as a clean result.
notes contains {"package": sprintf("pushlint.rules.%s.%s", [category, name]), "message": note} if {
	some category, name

	# regal ignore:mixed-iteration
	some note in data.pushlint.rules[category][name].notes
}
