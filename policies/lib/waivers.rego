package pushlint.lib

# waiver_active is true before a waiver's expiry date: on and after it the waiver no longer applies.
waiver_active(waiver) if input.now_seconds < waiver.expires_seconds

# waiver_covers is true when a waiver names the finding's rule (resolved to its package by pushlint) and its
# subject: the subject's id, compared case-insensitively as Windows compares names, or a glob such as
# logs/*.log matched against the subject, the finding's file or the file of any of its evidence lines.
waiver_covers(waiver, finding) if {
	waiver.package == finding.package
	_waiver_subject_matches(lower(waiver.subject), finding)
}

_waiver_subject_matches(pattern, finding) if pattern == lower(finding.subject.id)

_waiver_subject_matches(pattern, finding) if glob.match(pattern, ["/"], lower(finding.subject.id))

_waiver_subject_matches(pattern, finding) if {
	is_string(finding.location.file)
	glob.match(pattern, ["/"], lower(finding.location.file))
}

_waiver_subject_matches(pattern, finding) if {
	some evidence in object.get(finding, "evidence", [])
	is_string(evidence.file)
	glob.match(pattern, ["/"], lower(evidence.file))
}

# waiver_for is the index in input.waivers of the first active waiver that covers finding; undefined when
# none does.
waiver_for(finding) := min(indexes) if {
	indexes := {i |
		some i, waiver in input.waivers
		waiver_active(waiver)
		waiver_covers(waiver, finding)
	}
	count(indexes) > 0
}

# waiver_summary is what a waived finding carries of its waiver.
waiver_summary(waiver) := {
	"subject": waiver.subject,
	"reason": waiver.reason,
	"expires": waiver.expires,
	"location": waiver.location,
}

# waiver_subject names a waiver as the subject of a gate finding.
waiver_subject(waiver) := {"kind": "waiver", "id": sprintf("%s %s", [waiver.rule, waiver.subject])}
