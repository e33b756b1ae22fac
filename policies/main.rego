# METADATA
# title: pushlint router
# description: |
#   Collects the findings of every rule package named pushlint.rules.<category>.<name>, built-in or
#   given with --policy. pushlint evaluates this one query; so can `opa eval`.
package pushlint.main

# METADATA
# entrypoint: true
report contains object.union(finding, {"package": sprintf("pushlint.rules.%s.%s", [category, name])}) if {
	some category, name
	some finding in data.pushlint.rules[category][name].report
}
