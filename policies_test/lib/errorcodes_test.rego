package pushlint.lib_test

import data.pushlint.lib

test_error_code_reads_every_form_logs_write if {
	lib.error_code(53) == 53
	lib.error_code(-2147024891) == 2147942405
	every form, want in {
		"53": 53, "0x35": 53, "00000035": 53, "0x4b3": 1203, "000004b3": 1203, "4b3": 1203, "0x52e": 1326,
		"1326": 1326, "0x775": 1909, "0x533": 1331, " 67 ": 67, "0X80070005": 2147942405,
		"-2147024891": 2147942405, "80070005": 2147942405, "0x80040154": 2147746132, "2147942405": 2147942405,
	} {
		lib.error_code(form) == want
	}
}

test_error_code_rejects_what_is_not_a_code if {
	not lib.error_code(53.5)
	not lib.error_code(true)
	every form in ["", "0x", "0x123456789", "53.5", "error 53", "4294967296", "-2147483649", "xyz"] {
		not lib.error_code(form)
	}
}

test_error_text_renders_codes_as_written if {
	sprintf("error %s", [lib.error_text(53)]) == "error 53 (The network path was not found)"
	lib.error_text("000004b3") == "000004b3 (No network provider accepted the given network path)"
	lib.error_text("0x80070005") == "0x80070005 (Access is denied)"
	lib.error_text(-2147024891) == "-2147024891 (Access is denied)"
	lib.error_text("0x80070035") == "0x80070035 (The network path was not found)"
	lib.error_text("0x80040154") == "0x80040154 (Class not registered)"
	lib.error_text("0x80190194") == "0x80190194 (HTTP status 404: The requested URL does not exist on the server)"
	lib.error_text(12345) == "12345"
	lib.error_text("0x80070020") == "0x80070020"
}

test_error_entry_unwraps_win32_hresults_only if {
	lib.win32_code("0x80070005") == 5
	not lib.win32_code("0x80040154")
	lib.error_entry("0x80070002").name == "ERROR_FILE_NOT_FOUND"
	lib.error_entry("0x80004005").name == "E_FAIL"
	lib.error_entry(53).rules == ["PL101"]
}

# A rule's codes are those the table lists it for: PL101 reports 53 and 0x4b3; a rule the table does not
# name reports none.
test_reported_codes_come_from_the_table if {
	lib.reported_codes([{"path": ["data", "pushlint", "rules"], "annotations": {"custom": {"id": "PL101"}}}]) == {53, 1203}
	lib.reported_codes([{"path": ["data", "pushlint", "rules"], "annotations": {"custom": {"id": "PL999"}}}]) == set()
}
