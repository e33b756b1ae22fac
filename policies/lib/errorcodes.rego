package pushlint.lib

# Error codes as logs write them, and what they mean, from the table in
# policies/pushlint/errorcodes/data.yaml (data.pushlint.errorcodes), the same table `pushlint explain`
# shows. Ccm.log alone writes one code four ways: "error 53", "(000004b3)", "0x80070005" and, in SQL
# calls, "-2147024891".

# error_code is the unsigned 32-bit value of an error code: a number (negative HRESULTs taken as
# unsigned), or a string in decimal ("53", "-2147024891"), 0x-prefixed hex ("0x4b3", "0X80070005"),
# eight hex digits as Ccm.log writes them ("000004b3", "80070005"), or other hex with a letter ("4b3").
# Undefined for anything else.
error_code(x) := _unsigned(x) if {
	is_number(x)
	x == floor(x)
} else := _hex_value(substring(s, 2, -1)) if {
	is_string(x)
	s := trim_space(x)
	regex.match(`^0[xX][0-9a-fA-F]{1,8}$`, s)
} else := _hex_value(s) if {
	is_string(x)
	s := trim_space(x)
	regex.match(`^[0-9a-fA-F]{8}$`, s)
} else := _unsigned(to_number(s)) if {
	is_string(x)
	s := trim_space(x)
	regex.match(`^-?[0-9]{1,10}$`, s)
} else := _hex_value(s) if {
	is_string(x)
	s := trim_space(x)
	regex.match(`^[0-9a-fA-F]{1,7}$`, s)
	regex.match(`[a-fA-F]`, s)
}

_unsigned(n) := n + 4294967296 if {
	n < 0
	n >= -2147483648
} else := n if {
	n >= 0
	n <= 4294967295
}

_hex_value(s) := sum([bits.lsh(indexof("0123456789abcdef", c), 4 * ((count(digits) - 1) - i)) |
	digits := split(lower(s), "")
	some i, c in digits
])

# error_entry is the table's entry for a code. An HRESULT that wraps a Win32 error (0x8007xxxx, facility
# 7) has the Win32 error's entry when it has none of its own: 0x80070005 is error 5, access denied. The table
# is data shipped beside the policies, not input, so the function reads it directly.
# regal ignore:external-reference
error_entry(x) := data.pushlint.errorcodes.codes[format_int(error_code(x), 10)] if {
	# regal ignore:external-reference
	data.pushlint.errorcodes.codes[format_int(error_code(x), 10)]
	# regal ignore:external-reference
} else := data.pushlint.errorcodes.codes[format_int(win32_code(x), 10)]

# win32_code is the Win32 error an HRESULT of facility 7 wraps; undefined for other codes.
win32_code(x) := bits.and(error_code(x), 65535) if {
	bits.and(error_code(x), 4294901760) == 2147942400
}

# error_message is the Windows message text of a code, without its final period.
error_message(x) := trim_suffix(error_entry(x).message, ".")

# error_text writes a code as it was given, followed by its message when the table knows it:
# sprintf("error %s", [error_text(53)]) is "error 53 (The network path was not found)".
error_text(x) := sprintf("%v (%s)", [x, error_message(x)]) if {
	error_message(x)
} else := sprintf("%v", [x])

# reported_codes are the error codes (unsigned values) that the table assigns to a rule: those whose entry
# lists the rule's id in `rules`. A rule passes its own METADATA chain, from a rule of its own file:
#
#	_codes := lib.reported_codes(rego.metadata.chain())
#
# The table, not the rule, says which codes a rule reports, so that `pushlint explain CODE` names exactly
# the rules that fire on a line with that code.
reported_codes(chain) := {code |
	some link in chain
	some code in codes_of_rule(link.annotations.custom.id)
}

# codes_of_rule are the error codes the table assigns to the rule of an id: a rule that must leave a code to
# another rule (PL103 leaves RPC failures to PL108) asks the table, not a list of its own.
codes_of_rule(id) := {to_number(code) |
	# regal ignore:external-reference
	some code, entry in data.pushlint.errorcodes.codes
	id in entry.rules
}

# event_code is the code a log event carries, as the correlation groups failures by it: the Win32 code
# inside an HRESULT of facility 7 when there is one (0x80070005 is 5), else the code as read. Undefined for
# an event with no code.
event_code(e) := code if {
	code := object.get(e.fields, "error_code_win32", null)
	is_number(code)
} else := code if {
	code := object.get(e.fields, "error_code", null)
	is_number(code)
}
