package pushlint.rules.serverlog.schema_extension_failed_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.serverlog.schema_extension_failed

file := `C:\ExtADSch.log`

class_failed(seq, line, class) := fx.event(seq, file, line, "extadsch_class_failed", "failure", "", 0, sprintf("Failed to create class %s. Error code = 8202.", [class]), {"class": class, "error_code": 8202, "error_code_hex": "0x200a", "error_code_win32": 8202})

# KB 830022: ExtADSch.log of a run without the rights to create the SMS classes.
events := [
	class_failed(0, 1, "cn=MS-SMS-Management-Point"),
	class_failed(1, 2, "cn=MS-SMS-Server-Locator-Point"),
	class_failed(2, 3, "cn=MS-SMS-Site"),
	class_failed(3, 4, "cn=MS-SMS-Roaming-Boundary-Range"),
	fx.event(4, file, 5, "extadsch_failed", "failure", "", 0, "Failed to extend the Active Directory schema.", {}),
]

test_fires_on_failed_extension if {
	r := schema_extension_failed.report with input as fx.indexed({"events": events, "environment": {"ad_schema_extended": false}})
	r == {{
		"subject": {"kind": "file", "id": file},
		"message": `C:\ExtADSch.log: the Active Directory schema was not extended: 4 classes or attributes could not be created, error 8202/0x200a (The specified directory service attribute or value does not exist)`,
		"location": {"file": file, "line": 5},
		"evidence": [{"file": e.file, "line": e.line, "text": e.text} | some e in events],
	}}
}

test_fires_and_names_the_contradicted_description if {
	r := schema_extension_failed.report with input as fx.indexed({"events": [events[4]], "environment": {"ad_schema_extended": true}})
	r == {{
		"subject": {"kind": "file", "id": file},
		"message": `C:\ExtADSch.log: the Active Directory schema was not extended; site.yaml says ad_schema_extended: true, which this log contradicts`,
		"location": {"file": file, "line": 5},
		"evidence": [{"file": file, "line": 5, "text": "Failed to extend the Active Directory schema."}],
	}}
}

test_passes_when_a_later_run_succeeded if {
	ok := fx.event(5, file, 40, "extadsch_succeeded", "success", "", 0, "Successfully extended the Active Directory schema.", {})
	r := schema_extension_failed.report with input as fx.indexed({"events": array.concat(events, [ok]), "environment": {"ad_schema_extended": true}})
	r == set()
}

test_passes_without_extadsch_events if {
	r := schema_extension_failed.report with input as fx.indexed(fx.kb53_input)
	r == set()
}

# site.yaml says the schema is extended; the ExtADSch.log given stops after its first "Defined attribute"
# lines (the form of a real ExtADSch.log of 2010): the finding points at the claim.
_claim_location := {"file": "site.yaml", "line": 10, "column": 3}

_defined(seq, line, name) := fx.event(seq, file, line, "extadsch_defined", "info", "", 0, sprintf("<04-21-2010 23:20:57> Defined attribute %s.", [name]), {"object": "attribute", "name": name})

_cut_short := [_defined(0, 1, "cn=MS-SMS-Site-Code"), _defined(1, 2, "cn=MS-SMS-Site-Boundaries")]

_claim_input(events, extended) := fx.indexed({
	"logs": [object.union(fx.log(file, "C:", "extadsch", "server", "", ""), {"entries": 2})],
	"events": events,
	"environment": {"ad_schema_extended": extended, "key_locations": {"ad_schema_extended": _claim_location}, "location": _claim_location},
})

test_fires_when_the_claimed_extension_never_completed if {
	r := schema_extension_failed.report with input as _claim_input(_cut_short, true)
	r == {{
		"subject": {"kind": "file", "id": file},
		"message": `C:\ExtADSch.log: site.yaml says ad_schema_extended: true, but this ExtADSch.log (2 entries) has no line saying the Active Directory schema was extended: ExtADSch.exe did not run to the end here`,
		"location": _claim_location,
		"evidence": [{"file": e.file, "line": e.line, "text": e.text} | some e in _cut_short],
	}}
}

test_passes_when_no_extension_is_claimed if {
	r := schema_extension_failed.report with input as _claim_input(_cut_short, false)
	r == set()
}

test_passes_when_the_claimed_extension_completed if {
	ok := fx.event(2, file, 3, "extadsch_succeeded", "success", "", 0, "<04-21-2010 23:20:58> Successfully extended the Active Directory schema.", {})
	r := schema_extension_failed.report with input as _claim_input(array.concat(_cut_short, [ok]), true)
	r == set()
}
