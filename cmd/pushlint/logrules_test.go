package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/timeline"
)

// logRulesDir holds one folder per log rule, each with fires/<case> and near-miss/<case> folders of logs laid
// out as they are collected: server logs under SMS/Logs, a client's logs in a folder named after it.
// README.md there says where every line comes from.
const logRulesDir = "testdata/logrules"

// logRuleIDs are the rules that reason over logs. Each needs a fixture that fires it and a near-miss that
// must not; TestLogRuleFixturesCoverEveryLogRule also checks this list against the policies.
var logRuleIDs = []string{
	"PL101", "PL102", "PL103", "PL104", "PL105", "PL106", "PL107", "PL108", "PL109", "PL110", "PL111",
	"PL201", "PL202", "PL203", "PL204", "PL205", "PL206", "PL207", "PL208", "PL209",
}

// logRuleCase is one fixture folder, read end to end: the log readers, the signatures, the correlation and
// the rules, through `pushlint check --logs`. Paths in it are relative to the case folder.
type logRuleCase struct {
	dir    string   // <rule>/fires/<case> or <rule>/near-miss/<case>, under logRulesDir
	kinds  []string // every kind of log the folder holds, as detected
	events []string // event types the logs must yield: a near-miss must miss for its reason, not for a line nobody read
	// severity: in fires/, the severity of the finding; in near-miss/, a severity the rule must not report
	// (PL104 below its limit stays a warning); "" there means the rule must not fire at all.
	severity string
	subject  logRuleSubject // fires/: the finding's subject; a file is named relative to the case folder
	location string         // fires/: "file:line" the finding points at
	evidence []string       // fires/: "file:line" the finding must quote
	others   []string       // the other rules these logs fire; any finding beyond them and the rule fails the test
	// unconfirmed: in fires/, the finding rests on a signature marked unconfirmed and must say so in its
	// "confidence"; every other finding of a fires/ case must not.
	unconfirmed bool
}

type logRuleSubject struct{ kind, id string }

func logRuleMachine(name string) logRuleSubject { return logRuleSubject{"machine", name} }
func logRuleFile(rel string) logRuleSubject     { return logRuleSubject{"file", rel} }

var logRuleCases = []logRuleCase{
	// PL101: error 53, KB 925282's own ccm.log lines.
	{dir: "PL101/fires/kb-error-53", kinds: []string{"ccm"},
		events:   []string{"wnet_add_connection_failed", "remote_registry_failed", "target_access_failed", "request_stored_in_retry"},
		severity: "error", subject: logRuleMachine("PC042"), location: "SMS/Logs/ccm.log:5",
		evidence: []string{"SMS/Logs/ccm.log:2", "SMS/Logs/ccm.log:4", "SMS/Logs/ccm.log:5"}, others: []string{"PL104"}},
	{dir: "PL101/near-miss/connected-later", kinds: []string{"ccm"},
		events: []string{"target_access_failed", "admin_share_connected"}, others: []string{"PL104"}},

	// PL102: error 67, KB Q262298's ccm.log (the account line after the 67s fires PL103 as well).
	{dir: "PL102/fires/q262298-error-67", kinds: []string{"ccm"},
		events:   []string{"admin_share_connect_failed", "account_not_admin", "target_access_failed", "request_stored_in_retry"},
		severity: "error", subject: logRuleMachine("SPARC"), location: "SMS/Logs/ccm.log:16",
		evidence: []string{"SMS/Logs/ccm.log:10", "SMS/Logs/ccm.log:14", "SMS/Logs/ccm.log:16"}, others: []string{"PL103", "PL104"}},
	{dir: "PL102/near-miss/connected-later", kinds: []string{"ccm"},
		events: []string{"admin_share_connect_failed", "admin_share_connected"}, others: []string{"PL104"}},
	// The same ccm.log as KB Q262298 prints it: Trace32 rows re-wrapped at about 80 columns.
	{dir: "PL102/fires/q262298-kb-wrapped", kinds: []string{"ccm"},
		events:   []string{"admin_share_connect_failed", "account_not_admin", "target_access_failed", "request_stored_in_retry"},
		severity: "error", subject: logRuleMachine("SPARC"), location: "SMS/Logs/ccm.log:36",
		evidence: []string{"SMS/Logs/ccm.log:21", "SMS/Logs/ccm.log:31", "SMS/Logs/ccm.log:36"}, others: []string{"PL103", "PL104"}},
	{dir: "PL102/near-miss/q262298-kb-wrapped-connected-later", kinds: []string{"ccm"},
		events: []string{"admin_share_connect_failed", "target_access_failed", "admin_share_connected"}, others: []string{"PL104"}},

	// PL103: 0x52e and error 5, KB 925282's ccm.log lines; a second push account that connects clears them.
	{dir: "PL103/fires/kb-error-5", kinds: []string{"ccm"},
		events:   []string{"wnet_add_connection_failed", "logon_user_failed", "remote_registry_failed", "target_access_failed"},
		severity: "error", subject: logRuleMachine("COMPUTER1"), location: "SMS/Logs/ccm.log:5",
		evidence: []string{"SMS/Logs/ccm.log:2", "SMS/Logs/ccm.log:3", "SMS/Logs/ccm.log:4", "SMS/Logs/ccm.log:5"}},
	{dir: "PL103/near-miss/second-account-works", kinds: []string{"ccm"},
		events: []string{"wnet_add_connection_failed", "logon_user_failed", "admin_share_connected"}},

	// PL104: a warning while the CCR retries, an error at 168 retries or seven days of them.
	{dir: "PL104/fires/qa965723-kerberos", kinds: []string{"ccm"},
		events:   []string{"request_begin", "kerberos_connect_failed", "ntlm_fallback_disabled", "request_stored_in_retry"},
		severity: "warning", subject: logRuleMachine("TESTPC1"), location: "SMS/Logs/ccm.log:26",
		evidence: []string{"SMS/Logs/ccm.log:18", "SMS/Logs/ccm.log:19", "SMS/Logs/ccm.log:26"}, others: []string{"PL109"}},
	{dir: "PL104/fires/168-retries", kinds: []string{"ccm"}, events: []string{"request_stored_in_retry"},
		severity: "error", subject: logRuleMachine("PC042"), location: "SMS/Logs/ccm.log:336",
		evidence: []string{"SMS/Logs/ccm.log:2", "SMS/Logs/ccm.log:336"}, others: []string{"PL101"}},
	{dir: "PL104/fires/seven-days", kinds: []string{"ccm"}, events: []string{"request_stored_in_retry"},
		severity: "error", subject: logRuleMachine("PC042"), location: "SMS/Logs/ccm.log:4",
		evidence: []string{"SMS/Logs/ccm.lo_:2", "SMS/Logs/ccm.log:4"}, others: []string{"PL101"}},
	{dir: "PL104/near-miss/167-retries", kinds: []string{"ccm"}, events: []string{"request_stored_in_retry"},
		severity: "error", others: []string{"PL101", "PL104"}},
	{dir: "PL104/near-miss/processing-queue", kinds: []string{"ccm"},
		events: []string{"request_received", "request_stored", "admin_share_connected"}},

	// PL105: ExtADSch.log, KB 830022.
	{dir: "PL105/fires/kb830022", kinds: []string{"extadsch"}, events: []string{"extadsch_class_failed", "extadsch_failed"},
		severity: "error", subject: logRuleFile("ExtADSch.log"), location: "ExtADSch.log:5",
		evidence: []string{"ExtADSch.log:1", "ExtADSch.log:5"}},
	{dir: "PL105/near-miss/extended-later", kinds: []string{"extadsch"}, events: []string{"extadsch_failed", "extadsch_succeeded"}},

	// PL106: Hman.log, KB 830022; Sitecomp.log with the text of status message 4913.
	{dir: "PL106/fires/hman-kb830022", kinds: []string{"hman"}, events: []string{"ad_container_exists", "ad_publish_failed"},
		severity: "error", subject: logRuleSubject{"site", "123"}, location: "SMS/Logs/hman.log:4",
		evidence: []string{"SMS/Logs/hman.log:4"}},
	{dir: "PL106/fires/sitecomp-4913", kinds: []string{"sitecomp"}, events: []string{"ad_publish_failed"},
		severity: "error", subject: logRuleFile("SMS/Logs/sitecomp.log"), location: "SMS/Logs/sitecomp.log:1",
		evidence: []string{"SMS/Logs/sitecomp.log:1"}, unconfirmed: true},
	{dir: "PL106/near-miss/created", kinds: []string{"hman"}, events: []string{"ad_container_exists", "ad_site_object_missing"}},
	{dir: "PL106/near-miss/published-later", kinds: []string{"hman"}, events: []string{"ad_publish_failed", "ad_published"}},

	// PL107: the ccmsetup service created and started on the second attempt, after error 53.
	{dir: "PL107/fires/after-retry", kinds: []string{"ccm"},
		events:   []string{"target_access_failed", "request_begin", "admin_share_connected", "ccmsetup_service_created", "ccmsetup_service_started"},
		severity: "info", subject: logRuleMachine("PC042"), location: "SMS/Logs/ccm.log:12",
		evidence: []string{"SMS/Logs/ccm.log:11", "SMS/Logs/ccm.log:12"}, unconfirmed: true},
	{dir: "PL107/near-miss/invalid-nt-version", kinds: []string{"ccm"}, events: []string{"admin_share_connected", "invalid_nt_version"}},

	// PL108: ADMIN$ connected, then WMI refused (access denied) or RPC unavailable; PL103 must not blame the
	// account for the same attempt, though its target machine line says error code 5.
	{dir: "PL108/fires/wmi-access-denied-after-admin", kinds: []string{"ccm"},
		events:   []string{"admin_share_connected", "wmi_connect_failed", "target_access_failed", "request_stored_in_retry"},
		severity: "error", subject: logRuleMachine("PC042"), location: "SMS/Logs/ccm.log:6",
		evidence: []string{"SMS/Logs/ccm.log:4", "SMS/Logs/ccm.log:6"}, others: []string{"PL104"}},
	{dir: "PL108/fires/rpc-unavailable-1722", kinds: []string{"ccm"},
		events:   []string{"admin_share_connected", "target_access_failed", "request_stored_in_retry"},
		severity: "error", subject: logRuleMachine("PC042"), location: "SMS/Logs/ccm.log:6",
		evidence: []string{"SMS/Logs/ccm.log:4", "SMS/Logs/ccm.log:6"}, others: []string{"PL104"}},
	{dir: "PL108/near-miss/wmi-works-on-retry", kinds: []string{"ccm"},
		events: []string{"wmi_connect_failed", "admin_share_connected", "ccmsetup_service_started"}, others: []string{"PL107"}},

	// PL109: Kerberos failed and NTLM fallback is off (Q&A 965723); with fallback on, the push goes on and
	// fails later at WMI (PL108), which is the cause to report.
	{dir: "PL109/fires/qa965723-kerberos", kinds: []string{"ccm"},
		events:   []string{"kerberos_connect_failed", "ntlm_fallback_disabled", "request_stored_in_retry"},
		severity: "error", subject: logRuleMachine("TESTPC1"), location: "SMS/Logs/ccm.log:23",
		evidence: []string{"SMS/Logs/ccm.log:18", "SMS/Logs/ccm.log:19", "SMS/Logs/ccm.log:22", "SMS/Logs/ccm.log:23"}, others: []string{"PL104"}},
	{dir: "PL109/near-miss/ntlm-fallback-enabled", kinds: []string{"ccm"},
		events: []string{"kerberos_connect_failed", "ntlm_fallback_enabled", "wmi_connect_failed"}, others: []string{"PL104", "PL108"}},

	// PL110: ccmsetup.log or client.msi.log says the installation failed, and no Return value 3 says where;
	// with Return value 3 in the client's folder PL201 reports it alone.
	{dir: "PL110/fires/kb2467702-ccmsetup", kinds: []string{"ccmsetup"}, events: []string{"client_not_installed", "client_install_failed"},
		severity: "error", subject: logRuleFile("PC042/ccmsetup.log"), location: "PC042/ccmsetup.log:2",
		evidence: []string{"PC042/ccmsetup.log:2"}},
	{dir: "PL110/fires/kb4015968-exitcode", kinds: []string{"ccmsetup"}, events: []string{"ccmsetup_started", "client_install_failed"},
		severity: "error", subject: logRuleFile("PC042/ccmsetup.log"), location: "PC042/ccmsetup.log:3",
		evidence: []string{"PC042/ccmsetup.log:3"}},
	{dir: "PL110/fires/kb2905359-no-return-value", kinds: []string{"client_msi"}, events: []string{"msi_product_error", "msi_custom_action_error"},
		severity: "error", subject: logRuleFile("PC042/client.msi.log"), location: "PC042/client.msi.log:12",
		evidence: []string{"PC042/client.msi.log:12"}},
	{dir: "PL110/near-miss/exit-code-0-later", kinds: []string{"ccmsetup"}, events: []string{"client_install_failed", "ccmsetup_exit"}},
	{dir: "PL110/near-miss/installation-succeeded-later", kinds: []string{"ccmsetup"},
		events: []string{"client_install_failed", "client_install_succeeded"}},
	{dir: "PL110/near-miss/return-value-3-explains", kinds: []string{"ccmsetup", "client_msi"},
		events: []string{"client_install_failed", "msi_return_value_3"}, others: []string{"PL201"}},

	// PL111: ADMIN$ connected, then ccmsetup.exe could not be copied or the ccmsetup service not created
	// (phrases unconfirmed); a retry that copies and starts the service clears it.
	{dir: "PL111/fires/ccmsetup-copy-failed", kinds: []string{"ccm"},
		events:   []string{"admin_share_connected", "client_files_copy", "client_file_copy", "client_file_copy_failed", "request_stored_in_retry"},
		severity: "error", subject: logRuleMachine("PC042"), location: "SMS/Logs/ccm.log:9",
		evidence: []string{"SMS/Logs/ccm.log:9"}, others: []string{"PL104"}, unconfirmed: true},
	{dir: "PL111/fires/service-create-failed", kinds: []string{"ccm"},
		events:   []string{"admin_share_connected", "client_file_copy", "ccmsetup_service_failed", "request_stored_in_retry"},
		severity: "error", subject: logRuleMachine("PC042"), location: "SMS/Logs/ccm.log:9",
		evidence: []string{"SMS/Logs/ccm.log:9"}, others: []string{"PL104"}, unconfirmed: true},
	{dir: "PL111/near-miss/copied-on-retry", kinds: []string{"ccm"},
		events: []string{"client_file_copy_failed", "ccmsetup_service_created", "ccmsetup_service_started"}, others: []string{"PL107"}},

	// PL201: Return value 3 in client.msi.log (KB 4015968, KB 2905359).
	{dir: "PL201/fires/kb4015968", kinds: []string{"client_msi"}, events: []string{"msi_return_value_3", "msi_install_status"},
		severity: "error", subject: logRuleFile("PC042/client.msi.log"), location: "PC042/client.msi.log:11",
		evidence: []string{"PC042/client.msi.log:10", "PC042/client.msi.log:11"}},
	{dir: "PL201/fires/kb2905359-custom-action", kinds: []string{"client_msi"},
		events:   []string{"msi_custom_action_error", "msi_return_value_3"},
		severity: "error", subject: logRuleFile("PC042/client.msi.log"), location: "PC042/client.msi.log:13",
		evidence: []string{"PC042/client.msi.log:12", "PC042/client.msi.log:13"}},
	{dir: "PL201/near-miss/return-value-1", kinds: []string{"client_msi"}, events: []string{"msi_install_status"}},

	// PL202: the real 2020 ccmsetup.log, the client files' BITS download failing with HTTP 404.
	{dir: "PL202/fires/bits-http-404", kinds: []string{"ccmsetup"}, events: []string{"client_download_failed", "deployment_error"},
		severity: "error", subject: logRuleFile("TARGETSERVER/ccmsetup.log"), location: "TARGETSERVER/ccmsetup.log:7",
		evidence: []string{"TARGETSERVER/ccmsetup.log:4", "TARGETSERVER/ccmsetup.log:7"}},
	{dir: "PL202/near-miss/dp-fallback", kinds: []string{"ccmsetup"},
		events: []string{"webdav_request_failed", "dp_url_check_failed", "dp_none_usable", "ccmsetup_exit"}},
	{dir: "PL202/near-miss/retry-succeeded", kinds: []string{"ccmsetup"}, events: []string{"client_download_failed", "ccmsetup_exit"}},

	// PL203: the management point answers 404 (KB 925282).
	{dir: "PL203/fires/kb-mp-404", kinds: []string{"ccmsetup"}, events: []string{"mp_http_404"},
		severity: "error", subject: logRuleFile("PC042/ccmsetup.log"), location: "PC042/ccmsetup.log:4",
		evidence: []string{"PC042/ccmsetup.log:4"}},
	{dir: "PL203/near-miss/installed-later", kinds: []string{"ccmsetup"}, events: []string{"mp_http_404", "ccmsetup_exit"}},
	{dir: "PL203/near-miss/content-http-404", kinds: []string{"ccmsetup"}, events: []string{"client_download_failed"},
		others: []string{"PL202"}},

	// PL204: BITS too old for ccmsetup (KB 2678905).
	{dir: "PL204/fires/kb2678905", kinds: []string{"ccmsetup"}, events: []string{"bits_version_missing"},
		severity: "error", subject: logRuleFile("PC042/ccmsetup.log"), location: "PC042/ccmsetup.log:2",
		evidence: []string{"PC042/ccmsetup.log:2"}},
	{dir: "PL204/near-miss/bits-check-skipped", kinds: []string{"ccmsetup"}, events: []string{"ccmsetup_started", "ccmsetup_exit"}},

	// PL205: Error creating XML DOM (0x80040154) in CcmExec.log (KB 925282).
	{dir: "PL205/fires/kb-xml-dom", kinds: []string{"ccmexec"}, events: []string{"xml_dom_failed", "forwarder_send_failed"},
		severity: "error", subject: logRuleFile("PC042/CcmExec.log"), location: "PC042/CcmExec.log:1",
		evidence: []string{"PC042/CcmExec.log:1"}},
	{dir: "PL205/near-miss/send-failed-only", kinds: []string{"ccmexec"}, events: []string{"forwarder_send_failed"}},

	// PL206: SMSSITECODE=AUTO with no site from Active Directory nor a management point.
	{dir: "PL206/fires/auto-no-site", kinds: []string{"ccmsetup"}, events: []string{"ccmsetup_command_line", "ad_site_lookup_failed"},
		severity: "error", subject: logRuleFile("PC042/ccmsetup.log"), location: "PC042/ccmsetup.log:4",
		evidence: []string{"PC042/ccmsetup.log:2", "PC042/ccmsetup.log:3", "PC042/ccmsetup.log:4"}},
	{dir: "PL206/fires/locationservices", kinds: []string{"locationservices"}, events: []string{"site_assignment_failed"},
		severity: "error", subject: logRuleFile("PC042/LocationServices.log"), location: "PC042/LocationServices.log:1",
		evidence: []string{"PC042/LocationServices.log:1"}, unconfirmed: true},
	{dir: "PL206/near-miss/mp-names-site", kinds: []string{"ccmsetup"},
		events: []string{"ccmsetup_command_line", "ad_site_lookup_failed", "site_info_received"}},
	{dir: "PL206/near-miss/site-code-given", kinds: []string{"ccmsetup"}, events: []string{"ccmsetup_command_line", "ad_site_lookup_failed"}},
	{dir: "PL206/near-miss/not-domain-member", kinds: []string{"locationservices"}, events: []string{"not_domain_member"}},

	// PL207: no heartbeat in InventoryAgent.log since ccmsetup finished, in the same client folder.
	{dir: "PL207/fires/hardware-only", kinds: []string{"ccmsetup", "inventoryagent"}, events: []string{"ccmsetup_exit", "heartbeat_sent"},
		severity: "warning", subject: logRuleFile("PC042/InventoryAgent.log"), location: "PC042/ccmsetup.log:3",
		evidence: []string{"PC042/ccmsetup.log:3"}},
	{dir: "PL207/near-miss/heartbeat-after-install", kinds: []string{"ccmsetup", "inventoryagent"},
		events: []string{"ccmsetup_exit", "heartbeat_sent"}},
	{dir: "PL207/near-miss/log-ends-before-install", kinds: []string{"ccmsetup", "inventoryagent", "smscliui"},
		events: []string{"ccmsetup_exit", "heartbeat_sent", "agent_access_denied"}},
	{dir: "PL207/near-miss/no-inventoryagent-log", kinds: []string{"ccmsetup"}, events: []string{"ccmsetup_exit"}},
	{dir: "PL207/near-miss/other-client-folder", kinds: []string{"ccmsetup", "inventoryagent"}, events: []string{"ccmsetup_exit"}},
	// The hardware inventory 38 minutes after the install: within install_grace, no heartbeat yet proves nothing.
	{dir: "PL207/near-miss/within-grace", kinds: []string{"ccmsetup", "inventoryagent"}, events: []string{"ccmsetup_exit", "heartbeat_sent"}},

	// PL208: no policy in PolicyAgent.log since ccmsetup finished, in the same client folder.
	{dir: "PL208/fires/requests-unanswered", kinds: []string{"ccmsetup", "policyagent"}, events: []string{"ccmsetup_exit"},
		severity: "error", subject: logRuleFile("PC042/PolicyAgent.log"), location: "PC042/ccmsetup.log:3",
		evidence: []string{"PC042/ccmsetup.log:3"}, unconfirmed: true},
	{dir: "PL208/near-miss/policy-received", kinds: []string{"ccmsetup", "policyagent"}, events: []string{"ccmsetup_exit", "policy_received"}},
	{dir: "PL208/near-miss/no-policyagent-log", kinds: []string{"ccmsetup"}, events: []string{"ccmsetup_exit"}},
	{dir: "PL208/near-miss/other-client-folder", kinds: []string{"ccmsetup", "policyagent"}, events: []string{"ccmsetup_exit"}},
	// Policy requested for 66 minutes after the install, unanswered: within install_grace.
	{dir: "PL208/near-miss/within-grace", kinds: []string{"ccmsetup", "policyagent"}, events: []string{"ccmsetup_exit"}},

	// PL209: the SMS Agent Host failed to start (KB 919592, KB 922362), or wrote nothing since the install.
	{dir: "PL209/fires/kb919592-phase1", kinds: []string{"ccmexec"}, events: []string{"ccmexec_start_failed"},
		severity: "error", subject: logRuleFile("PC042/CcmExec.log"), location: "PC042/CcmExec.log:3",
		evidence: []string{"PC042/CcmExec.log:1", "PC042/CcmExec.log:3"}},
	{dir: "PL209/fires/kb922362-service-init", kinds: []string{"ccmexec"}, events: []string{"ccmexec_start_failed"},
		severity: "error", subject: logRuleFile("PC042/CcmExec.log"), location: "PC042/CcmExec.log:11",
		evidence: []string{"PC042/CcmExec.log:10", "PC042/CcmExec.log:11"}},
	{dir: "PL209/fires/silent-since-install", kinds: []string{"ccmexec", "ccmsetup", "smscliui"}, events: []string{"ccmsetup_exit", "forwarder_send_failed", "agent_access_denied"},
		severity: "error", subject: logRuleFile("PC042/CcmExec.log"), location: "PC042/ccmsetup.log:3",
		evidence: []string{"PC042/ccmsetup.log:3"}},
	{dir: "PL209/near-miss/kb922362-running-later", kinds: []string{"ccmexec"}, events: []string{"ccmexec_start_failed", "ccmexec_started"}},
	{dir: "PL209/near-miss/no-ccmexec-log", kinds: []string{"ccmsetup"}, events: []string{"ccmsetup_exit"}},
	{dir: "PL209/near-miss/ran-after-install", kinds: []string{"ccmexec", "ccmsetup"}, events: []string{"ccmsetup_exit", "forwarder_send_failed"}},
	// A healthy client whose logs were collected 25 seconds after the install: the agent started 15 seconds
	// before ccmsetup exited, policy is requested, no heartbeat yet. None of PL207, PL208, PL209.
	{dir: "PL209/near-miss/collected-25s-after-install", kinds: []string{"ccmexec", "ccmsetup", "inventoryagent", "policyagent"},
		events: []string{"ccmsetup_started", "ccmsetup_exit", "ccmexec_started"}},
	// CcmExec.log copied out of Trace32 (wall clock, no zone) beside a ccmsetup.log of UTC-5: its entry at
	// 14:00 local is 19:00Z, after the install at 15:27:38Z, though 14:00 read as UTC is not.
	{dir: "PL209/near-miss/trace32-copy-after-install", kinds: []string{"ccmexec", "ccmsetup"}, events: []string{"ccmsetup_exit", "forwarder_send_failed"}},
}

// logRuleReport is the part of the JSON report these tests read.
type logRuleReport struct {
	Findings []struct {
		Title       string `json:"title"`
		Message     string `json:"message"`
		Remediation string `json:"remediation"`
		Rule        string `json:"rule"`
		Severity    string `json:"severity"`
		Subject     struct {
			Kind string `json:"kind"`
			ID   string `json:"id"`
		} `json:"subject"`
		Location   *logRuleLine  `json:"location"`
		Evidence   []logRuleLine `json:"evidence"`
		Confidence string        `json:"confidence"`
	} `json:"findings"`
	Timelines []timeline.Timeline `json:"timelines"`
}

// words is what the report says in words.
func (r logRuleReport) words() adminText {
	var w adminText
	for _, f := range r.Findings {
		w.Findings = append(w.Findings, adminFinding{Rule: f.Rule, Title: f.Title, Message: f.Message, Remediation: f.Remediation})
	}
	w.Timelines = r.Timelines
	return w
}

type logRuleLine struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

func (l logRuleLine) String() string { return fmt.Sprintf("%s:%d", filepath.ToSlash(l.File), l.Line) }

// logRuleFacts is the part of the input document these tests read.
type logRuleFacts struct {
	Logs []struct {
		Kind string `json:"kind"`
	} `json:"logs"`
	Events []struct {
		Type string `json:"type"`
	} `json:"events"`
}

// runLogRuleCommand runs pushlint in-process and decodes its JSON output.
func runLogRuleCommand(t *testing.T, out any, args ...string) int {
	t.Helper()
	stdout, stderr, code := cli(t, args...)
	if err := json.Unmarshal([]byte(stdout), out); err != nil {
		t.Fatalf("pushlint %s: exit %d, output is not JSON: %v\nstderr: %s", strings.Join(args, " "), code, err, stderr)
	}
	return code
}

func TestLogRuleFixtures(t *testing.T) {
	t.Parallel()
	for _, tc := range logRuleCases {
		t.Run(tc.dir, func(t *testing.T) {
			t.Parallel()
			rule, kind, _ := strings.Cut(tc.dir, "/")
			fires := strings.HasPrefix(kind, "fires/")
			dir := filepath.Join(logRulesDir, filepath.FromSlash(tc.dir))
			rel := func(p string) string {
				r, err := filepath.Rel(dir, p)
				if err != nil {
					return p
				}
				return filepath.ToSlash(r)
			}

			var doc logRuleFacts
			runLogRuleCommand(t, &doc, "facts", "--logs", dir, "--now", "2026-11-25")
			kinds, types := map[string]bool{}, map[string]bool{}
			for _, l := range doc.Logs {
				kinds[l.Kind] = true
			}
			for _, e := range doc.Events {
				types[e.Type] = true
			}
			if got := sortedKeys(kinds); !slices.Equal(got, tc.kinds) {
				t.Errorf("kinds of log read = %v, want %v", got, tc.kinds)
			}
			for _, want := range tc.events {
				if !types[want] {
					t.Errorf("no %s event; the logs yield %v", want, sortedKeys(types))
				}
			}

			var rep logRuleReport
			code := runLogRuleCommand(t, &rep, "check", "--logs", dir, "--format", "json", "--now", "2026-11-25")
			checkAdminWords(t, rep.words())
			fired, anyError := map[string]bool{}, false
			var found, forbidden bool
			for _, f := range rep.Findings {
				fired[f.Rule] = true
				anyError = anyError || f.Severity == "error"
				if f.Rule != rule {
					continue
				}
				if !fires {
					forbidden = forbidden || tc.severity == "" || f.Severity == tc.severity
					continue
				}
				id := f.Subject.ID
				if f.Subject.Kind == "file" {
					id = rel(id)
				}
				if f.Severity != tc.severity || f.Subject.Kind != tc.subject.kind || id != tc.subject.id ||
					f.Location == nil || rel(f.Location.File)+fmt.Sprintf(":%d", f.Location.Line) != tc.location {
					continue
				}
				found = true
				if want := map[bool]string{true: "unconfirmed"}[tc.unconfirmed]; f.Confidence != want {
					t.Errorf("confidence %q, want %q", f.Confidence, want)
				}
				quoted := map[string]bool{}
				for _, e := range f.Evidence {
					quoted[rel(e.File)+fmt.Sprintf(":%d", e.Line)] = true
				}
				for _, want := range tc.evidence {
					if !quoted[want] {
						t.Errorf("evidence does not quote %s: %v", want, f.Evidence)
					}
				}
			}
			if fires && !found {
				t.Errorf("no %s %s finding about %s %s at %s; findings: %+v", rule, tc.severity, tc.subject.kind, tc.subject.id, tc.location, rep.Findings)
			}
			if forbidden {
				t.Errorf("%s fires (%q must not); findings: %+v", rule, tc.severity, rep.Findings)
			}

			want := slices.Clone(tc.others)
			if fires {
				want = append(want, rule)
			}
			sort.Strings(want)
			want = slices.Compact(want)
			if got := sortedKeys(fired); !slices.Equal(got, want) {
				t.Errorf("rules fired = %v, want %v", got, want)
			}
			wantCode := ExitClean
			if anyError {
				wantCode = ExitFindings
			}
			if code != wantCode {
				t.Errorf("exit %d, want %d", code, wantCode)
			}
		})
	}
}

// TestLogRuleFixturesCoverEveryLogRule: every log rule of the policies has a fixture that fires it and a
// near-miss, and every fixture folder on disk is in the table (a folder nobody checks proves nothing).
func TestLogRuleFixturesCoverEveryLogRule(t *testing.T) {
	t.Parallel()
	var rules []struct {
		ID      string `json:"id"`
		Package string `json:"package"`
	}
	runLogRuleCommand(t, &rules, "rules", "--format", "json")
	var fromPolicies []string
	for _, r := range rules {
		if strings.HasPrefix(r.Package, "pushlint.rules.serverlog.") || strings.HasPrefix(r.Package, "pushlint.rules.clientlog.") {
			fromPolicies = append(fromPolicies, r.ID)
		}
	}
	sort.Strings(fromPolicies)
	if !slices.Equal(fromPolicies, logRuleIDs) {
		t.Errorf("log rules of the policies = %v, fixtures cover %v", fromPolicies, logRuleIDs)
	}

	inTable := map[string]bool{}
	covered := map[string]bool{}
	for _, tc := range logRuleCases {
		if inTable[tc.dir] {
			t.Errorf("%s is in the table twice", tc.dir)
		}
		inTable[tc.dir] = true
		rule, rest, _ := strings.Cut(tc.dir, "/")
		kind, _, _ := strings.Cut(rest, "/")
		covered[rule+" "+kind] = true
		switch {
		case kind == "fires" && (tc.severity == "" || tc.subject.kind == "" || tc.location == "" || len(tc.evidence) == 0):
			t.Errorf("%s: a fires/ case needs a severity, subject, location and evidence", tc.dir)
		case kind == "near-miss" && (tc.subject.kind != "" || tc.location != "" || len(tc.evidence) > 0):
			t.Errorf("%s: a near-miss/ case expects no finding to describe", tc.dir)
		case kind != "fires" && kind != "near-miss":
			t.Errorf("%s: not under fires/ or near-miss/", tc.dir)
		}
		if len(tc.kinds) == 0 || len(tc.events) == 0 {
			t.Errorf("%s: say which logs and events the case reads", tc.dir)
		}
	}
	for _, id := range logRuleIDs {
		for _, kind := range []string{"fires", "near-miss"} {
			if !covered[id+" "+kind] {
				t.Errorf("%s has no %s fixture in %s", id, kind, logRulesDir)
			}
		}
	}

	onDisk, err := filepath.Glob(filepath.Join(logRulesDir, "*", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range onDisk {
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			continue
		}
		r, _ := filepath.Rel(logRulesDir, p)
		if !inTable[filepath.ToSlash(r)] {
			t.Errorf("%s is not in logRuleCases", p)
		}
		delete(inTable, filepath.ToSlash(r))
	}
	for dir := range inTable {
		t.Errorf("%s/%s does not exist", logRulesDir, dir)
	}
}
