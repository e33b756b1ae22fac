package pushlint.rules.clientlog.xml_dom_unregistered_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.clientlog.xml_dom_unregistered

# KB 925282 quotes the CcmExec.log line.
text := "Error creating XML DOM (0x80040154) CForwarder_Base::Send failed (0x80004005)."

dom(code, code_hex) := fx.at(fx.event(0, "CcmExec.log", 120, "xml_dom_failed", "failure", "", 0, text, {"error_code": code, "error_code_hex": code_hex}), "2006-06-07T10:15:00Z")

test_fires_on_class_not_registered if {
	r := xml_dom_unregistered.report with input as fx.indexed({"events": [dom(2147746132, "0x80040154")]})
	r == {{
		"subject": {"kind": "file", "id": "CcmExec.log"},
		"message": "CcmExec.log: the SMS Agent Host cannot create an XML DOM, error 0x80040154 (Class not registered): Msxml3.dll is missing or not registered; 1 time since 2006-06-07 10:15:00 UTC+0 (10:15:00Z)",
		"location": {"file": "CcmExec.log", "line": 120},
		"evidence": [{"file": "CcmExec.log", "line": 120, "text": text}],
	}}
}

test_passes_on_another_xml_error if {
	r := xml_dom_unregistered.report with input as fx.indexed({"events": [dom(2147942414, "0x8007000e")]})
	r == set()
}
