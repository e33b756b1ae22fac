package pushlint.rules.clientlog.bits_install_failed_test

import data.pushlint.fixtures.logs as fx
import data.pushlint.rules.clientlog.bits_install_failed

# KB 2678905: ccmsetup.log on a client without BITS 2.5.
too_old := fx.event(0, "ccmsetup.log", 1, "bits_version_missing", "failure", "", 0, "This operating system does not contain the correct version of BITS. BITS 2.5 or later is required.", {"required": "2.5"})

test_fires_when_bits_is_too_old if {
	r := bits_install_failed.report with input as fx.indexed({"events": [too_old]})
	r == {{
		"subject": {"kind": "file", "id": "ccmsetup.log"},
		"message": "ccmsetup.log: the client has no BITS 2.5 or later, which ccmsetup requires before it installs the client",
		"location": {"file": "ccmsetup.log", "line": 1},
		"evidence": [{"file": "ccmsetup.log", "line": 1, "text": too_old.text}],
	}}
}

test_fires_on_a_bits_action_of_client_msi if {
	e := fx.event(0, "client.msi.log", 812, "msi_return_value_3", "failure", "", 0, "Action ended 10:02:11: CcmInstallBITS. Return value 3.", {"action": "CcmInstallBITS"})
	r := bits_install_failed.report with input as fx.indexed({"events": [e]})
	r == {{
		"subject": {"kind": "file", "id": "client.msi.log"},
		"message": "client.msi.log: the BITS installation failed in client.msi action CcmInstallBITS (Return value 3)",
		"location": {"file": "client.msi.log", "line": 812},
		"evidence": [{"file": "client.msi.log", "line": 812, "text": e.text}],
	}}
}

test_fires_on_bitssetup_log if {
	e := fx.event(0, "bitssetup.log", 40, "bits_install_failed", "failure", "", 0, "BITS installation failed with error 0x80070643", {"error_code": 2147944003, "error_code_hex": "0x80070643", "error_code_win32": 1603})
	r := bits_install_failed.report with input as fx.indexed({"events": [e]})
	r == {{
		"subject": {"kind": "file", "id": "bitssetup.log"},
		"message": "bitssetup.log: the BITS installation failed, error 0x80070643 (Fatal error during installation)",
		"location": {"file": "bitssetup.log", "line": 40},
		"evidence": [{"file": "bitssetup.log", "line": 40, "text": e.text}],
	}}
}

test_passes_on_other_msi_failures if {
	e := fx.event(0, "client.msi.log", 16, "msi_return_value_3", "failure", "", 0, "Action ended 17:56:36: InstallFinalize. Return value 3.", {"action": "InstallFinalize"})
	r := bits_install_failed.report with input as fx.indexed({"events": [e]})
	r == set()
}

test_passes_on_a_bits_download_failure if {
	r := bits_install_failed.report with input as fx.indexed(fx.setup_input)
	r == set()
}
