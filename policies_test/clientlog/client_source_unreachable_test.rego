package pushlint.rules.clientlog.client_source_unreachable_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.clientlog.client_source_unreachable

evidence(seqs) := [{"file": e.file, "line": e.line, "text": e.text} | some s in seqs; e := fx.setup_events[s]]

test_fires_on_bits_download_404 if {
	r := client_source_unreachable.report with input as fx.indexed(fx.setup_input)
	r == {{
		"subject": {"kind": "file", "id": fx.setup_file},
		"message": "clients/TARGETSERVER/ccmsetup.log: ccmsetup could not download the client installation files from HTTP://server.dmz/CCM_Client, error 0x80190194 (HTTP status 404: The requested URL does not exist on the server); 2 times, last at 2020-02-04 15:10:38 UTC+0 (15:10:38Z)",
		"location": {"file": fx.setup_file, "line": 220},
		"evidence": evidence([5, 6, 7, 8, 9]),
	}}
}

# The SMS 2003 form (expected, not seen in a real log): the failing line names the share itself.
test_fires_on_the_smsclient_share if {
	e := fx.event(0, "ccmsetup.log", 12, "client_download_failed", "failure", "", 0, `Failed to copy \\SMS01\SMSClient\i386\client.msi`, {"path": `\\SMS01\SMSClient\i386\client.msi`})
	r := client_source_unreachable.report with input as fx.indexed({"events": [e]})
	r == {{
		"subject": {"kind": "file", "id": "ccmsetup.log"},
		"message": `ccmsetup.log: ccmsetup could not download the client installation files from \\SMS01\SMSClient\i386\client.msi; 1 time, last at ccmsetup.log:12`,
		"location": {"file": "ccmsetup.log", "line": 12},
		"evidence": [{"file": "ccmsetup.log", "line": 12, "text": e.text}],
	}}
}

test_passes_when_a_later_run_installed if {
	ok := object.union(fx.setup_events[1], {"seq": 12, "line": 400})
	r := client_source_unreachable.report with input as fx.indexed(object.union(fx.setup_input, {"events": array.concat(fx.setup_events, [ok])}))
	r == set()
}

test_passes_when_only_a_distribution_point_failed if {
	# ccmsetup falls back to the management point; without a failed download, the source was reached.
	r := client_source_unreachable.report with input as fx.indexed(object.union(fx.setup_input, {"events": array.slice(fx.setup_events, 0, 8)}))
	r == set()
}
