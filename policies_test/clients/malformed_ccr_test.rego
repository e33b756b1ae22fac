package pushlint.rules.clients.malformed_ccr_test

import data.pushlint.rules.clients.malformed_ccr

ccr(name, queue, fields) := object.union(
	{
		"file": sprintf("Inboxes/ccr.box/%s", [name]), "queue": queue, "machine": "", "valid": true, "problems": [],
		"location": {"file": sprintf("Inboxes/ccr.box/%s", [name]), "line": 2, "column": 1},
		"text": "Machine Name=PC001",
	},
	fields,
)

test_fires_on_a_ccr_without_the_section if {
	f := ccr("test.ccr", "incoming", {
		"valid": false,
		"problems": [{"line": 1, "message": "has no [NT Client Configuration Request] section; its Machine Name= line must come after that line"}],
		"location": {"file": "Inboxes/ccr.box/test.ccr", "line": 1, "column": 1},
		"text": "Machine Name=PC004",
	})
	r := malformed_ccr.report with input as {"ccr_files": [f]}
	r == {{
		"subject": {"kind": "file", "id": "Inboxes/ccr.box/test.ccr"},
		"message": "CCR file Inboxes/ccr.box/test.ccr (queue incoming) has no [NT Client Configuration Request] section; its Machine Name= line must come after that line; Client Configuration Manager cannot install a client from it",
		"location": {"file": "Inboxes/ccr.box/test.ccr", "line": 1, "column": 1},
		"evidence": [{"file": "Inboxes/ccr.box/test.ccr", "line": 1, "text": "Machine Name=PC004"}],
	}}
}

test_fires_without_evidence_for_a_file_with_no_text if {
	f := ccr("PC9", "retry", {
		"valid": false,
		"problems": [{"line": 1, "message": "is not a text file"}, {"line": 1, "message": "is odd"}],
		"location": {"file": "Inboxes/ccr.box/PC9", "line": 1, "column": 1},
		"text": "",
	})
	r := malformed_ccr.report with input as {"ccr_files": [f]}
	r == {{
		"subject": {"kind": "file", "id": "Inboxes/ccr.box/PC9"},
		"message": "CCR file Inboxes/ccr.box/PC9 (queue retry) is not a text file; is odd; Client Configuration Manager cannot install a client from it",
		"location": {"file": "Inboxes/ccr.box/PC9", "line": 1, "column": 1},
		"evidence": [],
	}}
}

test_passes_on_valid_ccrs if {
	r := malformed_ccr.report with input as {"ccr_files": [ccr("a.ccr", "incoming", {}), ccr("PC001", "retry", {})]}
	r == set()
}

# KB 925282's own mistake: Notepad saves test.ccr as test.ccr.txt, which Ccr.box never processes.
test_fires_on_a_request_saved_as_ccr_txt if {
	problem := "is named PC042.ccr.txt: Client Configuration Manager processes only a file whose name ends in .ccr, so it never picks this one up (Notepad added .txt: rename it to PC042.ccr, or save it with the name in quotes (\"PC042.ccr\") as KB 925282 says)"
	f := ccr("PC042.ccr.txt", "incoming", {
		"valid": false, "machine": "PC042",
		"problems": [{"line": 1, "message": problem}],
		"location": {"file": "Inboxes/ccr.box/PC042.ccr.txt", "line": 1, "column": 1},
		"text": "[NT Client Configuration Request]",
	})
	r := malformed_ccr.report with input as {"ccr_files": [f]}
	r == {{
		"subject": {"kind": "file", "id": "Inboxes/ccr.box/PC042.ccr.txt"},
		"message": sprintf("CCR file Inboxes/ccr.box/PC042.ccr.txt (queue incoming) %s; Client Configuration Manager cannot install a client from it", [problem]),
		"location": {"file": "Inboxes/ccr.box/PC042.ccr.txt", "line": 1, "column": 1},
		"evidence": [{"file": "Inboxes/ccr.box/PC042.ccr.txt", "line": 1, "text": "[NT Client Configuration Request]"}],
	}}
}
