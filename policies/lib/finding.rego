# METADATA
# title: pushlint library
# description: |
#   Helpers shared by every rule: building a finding, naming its subject, pointing at the line in
#   site.yaml, and writing durations the way the SMS Administrator console shows them.
package pushlint.lib

# finding is what a rule reports: what is wrong (message), about what (subject) and where (location).
# The rule's METADATA adds the id, title, severity, KB section and remediation.
finding(subject, message, location) := {
	"subject": subject,
	"message": message,
	"location": location,
}

# finding_with_severity is a finding whose severity differs from the rule's default.
finding_with_severity(subject, message, location, severity) := object.union(
	finding(subject, message, location),
	{"severity": severity},
)

# site_subject names a site as the subject of a finding.
site_subject(site) := {"kind": "site", "id": site.code}

# account_subject names a push account as the subject of a finding.
account_subject(account) := {"kind": "account", "id": account.name}

# at is where key is written in a site.yaml object, or the object itself when the key was left to its default.
at(obj, key) := object.get(obj.key_locations, key, obj.location)

# duration writes seconds the way the SMS Administrator console shows schedules: in days when whole
# (7d, 21d), else hours (36h) or minutes (90m).
duration(seconds) := sprintf("%dd", [seconds / 86400]) if {
	seconds > 0
	seconds % 86400 == 0
} else := sprintf("%dh", [seconds / 3600]) if {
	seconds % 3600 == 0
} else := sprintf("%dm", [seconds / 60]) if {
	seconds % 60 == 0
} else := sprintf("%ds", [seconds])

# installs_clients is true for a site that installs clients of its own: with Client Push Installation, or
# with the other way its deployment names (Capinst.exe, Group Policy, a software update, a logon script, by
# hand). A site that does neither, such as a central site above the sites that do, installs none.
installs_clients(site) if site.client_push.enabled

installs_clients(site) if site.client_push.deployment != "push"

# push_expected is true for a site whose deployment includes Client Push Installation (push, both): where
# push being off means clients are not installed. Group Policy, software update, logon script and manual
# deployments install without it.
push_expected(site) if site.client_push.deployment in {"push", "both"}

# uses_install_properties is true for a site whose clients install with its Client Push Installation
# properties (install_properties): by push, when it is on, or by Capinst.exe, which reads the same ones.
uses_install_properties(site) if site.client_push.enabled

uses_install_properties(site) if site.client_push.deployment in {"capinst", "both"}

# said is true when site.yaml writes key in obj: a value left to its default was not said by the user, and a
# default of the KB era must not produce a finding by itself.
said(obj, key) if obj.key_locations[key]

# has_role is true when some site system of the site holds role.
has_role(site, role) if {
	some system in site.site_systems
	role in system.roles
}

# sitecode_property is the SMSSITECODE= value of the push installation properties, upper-cased.
sitecode_property(site) := upper(site.client_push.properties.SMSSITECODE)

# secondary_codes is the set of secondary site codes in the description.
secondary_codes contains site.code if {
	some site in input.sites
	site.type == "secondary"
}

# name_list writes names for a message: all of them up to ten, else the first ten and how many more (a
# message is read by a person; the report's other fields carry the rest).
name_list(names) := concat(", ", names) if {
	count(names) <= 10
} else := sprintf("%s and %d more", [concat(", ", array.slice(names, 0, 10)), count(names) - 10])
