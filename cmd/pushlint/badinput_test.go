package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// badInput is what pushlint must do with one file (or folder) of the bad-input corpus, testdata/bad:
// files collected from broken machines and policies written by hand, every one a way real input goes
// wrong. Errors exit 2 with a message that names the file, line and column; inputs that can still be
// read are read, with a warning on standard error saying what was odd.
type badInput struct {
	code int
	// stderr is the whole standard error. An ellipsis (…) stands for text that may vary (a timeout
	// detected at different places of a rule); what is around it must match in order.
	stderr string
	// stdout is text the standard output must contain; "" means it must be empty.
	stdout string
}

// badInputs maps every corpus entry (relative to testdata/bad) to what pushlint must do with it. A file
// added to the corpus without an entry fails the test, and so does an entry without its file.
var badInputs = map[string]badInput{
	"policies/denied-x509-verify":              {2, "pushlint: policy compile error: testdata/bad/policies/denied-x509-verify/denied_x509_verify.rego:14:16: built-in function crypto.x509.parse_and_verify_certificates is not allowed in pushlint policies (it checks validity dates against the wall clock; parse with crypto.x509.parse_certificates and compare NotAfter with input.now_seconds)\n", ""},
	"logs/oversized-thread.log":                {0, "pushlint: testdata/bad/logs/oversized-thread.log: line 1: thread \"123456789012345678901234567890\" is not a thread id (up to 9 decimal or 8 hexadecimal digits); the entry is kept without it\n", "oversized-thread.log:1  2026-09-25 15:13:57.327 UTC+0 (15:13:57Z)  info    ccmsetup                       -  Submitted request successfully for PC042"},
	"logs/oversized-server-thread.log":         {0, "pushlint: testdata/bad/logs/oversized-server-thread.log: line 1: thread \"99999999999 (0x174876E7FF)\" is not a thread id (up to 9 decimal or 8 hexadecimal digits); the entry is kept without it\n", "SMS_CLIENT_CONFIG_MANAGER      -  Submitted request successfully"},
	"site/nel-line-breaks.yaml":                {2, "pushlint: testdata/bad/site/nel-line-breaks.yaml:1:65: U+0085 NEL (next line): YAML 1.2 does not end a line there, so the lines around it run together; save the file with ordinary line ends (LF or CRLF)\n", ""},
	"site/utf32.yaml":                          {2, "pushlint: testdata/bad/site/utf32.yaml:1:1: file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8\n", ""},
	"clients/utf32-cut-off.txt":                {2, "pushlint: testdata/bad/clients/utf32-cut-off.txt:3:1: the file is UTF-32 but its size is not a multiple of four bytes: it was cut off; export it again\n", ""},
	"logs/utf32.log":                           {0, "", `utf32.log:1  2015-06-07 03:11:09.448 UTC+0 (03:11:09Z)  error   ccmsetup                    6708  Failed to connect to \\PC042\admin$ (53)`},
	"baselines/bad-finding.json":               {2, "pushlint: testdata/bad/baselines/bad-finding.json:10:19: findings[0].severity: value must be one of 'error', 'warning', 'info'\ntestdata/bad/baselines/bad-finding.json:33:18: findings[1].subject: missing property 'id'\n", ""},
	"baselines/edited-fingerprint.json":        {2, "pushlint: testdata/bad/baselines/edited-fingerprint.json:46:22: findings[1].fingerprint: 00000000000000000000000000000000 is not the fingerprint of this finding (0b23d508be4bfdbc5011e2e3fb07486a); was the baseline edited? Write it again with --format json\n", ""},
	"baselines/fingerprints-only.json":         {2, "pushlint: testdata/bad/baselines/fingerprints-only.json:8:5: findings[0]: missing properties 'rule', 'severity', 'title', 'message', 'subject', 'location', 'evidence', 'remediation', 'kb_section', 'waived'\ntestdata/bad/baselines/fingerprints-only.json:11:5: findings[1]: missing properties 'rule', 'severity', 'title', 'message', 'subject', 'location', 'evidence', 'remediation', 'kb_section', 'waived'\ntestdata/bad/baselines/fingerprints-only.json:14:5: findings[2]: missing properties 'rule', 'severity', 'title', 'message', 'subject', 'location', 'evidence', 'remediation', 'kb_section', 'waived'\n", ""},
	"baselines/other-version.json":             {2, "pushlint: testdata/bad/baselines/other-version.json:2:14: report version 2; this pushlint reads version 1 (write the baseline again with --format json)\n", ""},
	"baselines/sarif.json":                     {2, "pushlint: testdata/bad/baselines/sarif.json:1:1: this is a SARIF log, not a pushlint JSON report; write the baseline with --format json\n", ""},
	"baselines/truncated.json":                 {2, "pushlint: testdata/bad/baselines/truncated.json:23:110: the JSON ends early; expected a whole pushlint JSON report (write one with --format json)\n", ""},
	"clients/bad-boolean.csv":                  {2, "pushlint: testdata/bad/clients/bad-boolean.csv:3:7: Client: \"maybe\" is not Yes, No, True, False, 1 or 0\n", ""},
	"clients/bad-date.csv":                     {2, "pushlint: testdata/bad/clients/bad-date.csv:3:7: Last Heartbeat: \"the 20th of November\" is not a date and time (expected M/D/YYYY or D/M/YYYY h:mm:ss AM/PM as the console writes it, or ISO 8601 such as 2006-06-06T07:06:31Z)\n", ""},
	"clients/bad-ip.csv":                       {2, "pushlint: testdata/bad/clients/bad-ip.csv:2:7: IP Addresses: \"10.0.0.300\" is not an IP address\n", ""},
	"clients/bare-quote.csv":                   {2, "pushlint: testdata/bad/clients/bare-quote.csv:2:15: a \" appears inside a value that is not quoted; quote the whole value and double the \" (\"\")\n", ""},
	"clients/duplicate-headers.csv":            {0, "pushlint: note: testdata/bad/clients/duplicate-headers.csv:1:6: column \"NetBIOS Name\" is a second name column; \"Name\" is used\n", `"records": 1`},
	"clients/empty.csv":                        {2, "pushlint: testdata/bad/clients/empty.csv:1:1: file is empty; expected a client export (CSV with a header row, or a JSON array)\n", ""},
	"clients/escape-in-title.csv":              {2, "pushlint: testdata/bad/clients/escape-in-title.csv:1:1: this is not a text file; expected a client export (CSV with a header row, or a JSON array)\n", ""},
	"clients/export.xlsx":                      {2, "pushlint: testdata/bad/clients/export.xlsx:1:1: this is not a text file; expected a client export (CSV with a header row, or a JSON array)\n", ""},
	"clients/formula-injection.csv":            {0, "", `"operating_system": "=cmd|' /C calc'!A0"`},
	"clients/header-only.csv":                  {0, "", `"records": 0`},
	"clients/no-name-column.csv":               {2, "pushlint: testdata/bad/clients/no-name-column.csv:1:1: no machine-name column; expected one titled Name, Name0, NetBIOS Name or Machine Name (found: Client, Assigned, Site Code)\n", ""},
	"clients/not-an-array.json":                {2, "pushlint: testdata/bad/clients/not-an-array.json:1:1: no machine-name column; expected one titled Name, Name0, NetBIOS Name or Machine Name (found: value, Count)\n", ""},
	"clients/ragged-rows.csv":                  {2, "pushlint: testdata/bad/clients/ragged-rows.csv:3:1: row has 5 fields but the header row has 4; a value holding the delimiter (comma) must be quoted\ntestdata/bad/clients/ragged-rows.csv:4:1: row has 2 fields but the header row has 4; a value holding the delimiter (comma) must be quoted\n", ""},
	"clients/records-not-objects.json":         {2, "pushlint: testdata/bad/clients/records-not-objects.json:2:3: expected an object with one key per column, got a string\ntestdata/bad/clients/records-not-objects.json:3:3: expected an object with one key per column, got a list\n", ""},
	"clients/too-many-columns.csv":             {2, "pushlint: testdata/bad/clients/too-many-columns.csv:1:1: more than 1024 columns (or JSON keys); no client export has that many (is this file an export?)\n", ""},
	"clients/truncated.json":                   {2, "pushlint: testdata/bad/clients/truncated.json:1:49: the JSON ends early; expected a complete array of client records\n", ""},
	"clients/unclosed-quote.csv":               {2, "pushlint: testdata/bad/clients/unclosed-quote.csv:3:20: a quoted value is not closed, or has text after its closing quote; write a \" inside a quoted value as \"\"\n", ""},
	"clients/utf16-odd-length.txt":             {2, "pushlint: testdata/bad/clients/utf16-odd-length.txt:3:1: the file is UTF-16 but has an odd number of bytes: it was cut off; export it again\n", ""},
	"site/security-mode-of-other-product.yaml": {2, "pushlint: testdata/bad/site/security-mode-of-other-product.yaml:5:20: security_mode \"standard\" is an SMS 2003 security mode; a configmgr2007 site runs in mixed or native mode (its security is always advanced) (or write product: sms2003 if the site runs SMS 2003)\n", ""},
	"inboxes/notepad-ccr-txt":                  {1, "", `PL305  CCR file testdata/bad/inboxes/notepad-ccr-txt/Ccr.box/PC042.ccr.txt (queue incoming) is named PC042.ccr.txt: Client Configuration Manager processes only a file whose name ends in .ccr, so it never picks this one up (Notepad added .txt: rename it to PC042.ccr, or save it with the name in quotes ("PC042.ccr") as KB 925282 says); Client Configuration Manager cannot install a client from it`},
	"policies/library-override":                {2, "pushlint: policy library error: testdata/bad/policies/library-override/waive_all.rego:1: package pushlint.lib defines data.pushlint.lib, inside pushlint's built-in library (pushlint.lib)\n  a file there changes what every rule and waiver means; give --allow-library-override to load it anyway (every report then says so)\n", ""},
	"config/bad-severity.yaml":                 {2, "pushlint: testdata/bad/config/bad-severity.yaml:2:21: rules.PL006.severity must be one of error | warning | info, found \"fatal\"\n", ""},
	"config/disabled-without-reason.yaml":      {2, "pushlint: testdata/bad/config/disabled-without-reason.yaml:2:11: rules.PL015: enabled: false needs a reason (say why the rule is off; every report prints it)\n", ""},
	"config/duplicate-key.yaml":                {2, "pushlint: testdata/bad/config/duplicate-key.yaml:2:1: duplicate key \"fail_on\" in the configuration (first at line 1)\n", ""},
	"config/empty.yaml":                        {2, "pushlint: testdata/bad/config/empty.yaml:1:1: file is empty; expected settings such as fail_on, policy, waivers, rules and params\n", ""},
	"config/param-without-unit.yaml":           {2, "pushlint: testdata/bad/config/param-without-unit.yaml:2:14: parameter ccr_cycle: \"2\" needs a unit: write 2h for hours (units: m, h, d, w)\n", ""},
	"config/unknown-key.yaml":                  {2, "pushlint: testdata/bad/config/unknown-key.yaml:1:1: unknown key \"fail-on\" in the configuration (did you mean \"fail_on\"?)\n", ""},
	"config/unknown-param.yaml":                {2, "pushlint: testdata/bad/config/unknown-param.yaml:2:3: unknown parameter \"ccr_cyle\" (did you mean \"ccr_cycle\"?)\n", ""},
	"config/unknown-rule.yaml":                 {2, "pushlint: testdata/bad/config/unknown-rule.yaml:2:3: rule PL999 is not a rule of this run (did you mean PL009?)\n", ""},
	"inboxes/binary":                           {1, "", `PL305  CCR file testdata/bad/inboxes/binary/Ccr.box/PC001.ccr (queue incoming) is not a text file; a CCR is a text file with the line [NT Client Configuration Request] and a Machine Name= line; Client Configuration Manager cannot install a client from it`},
	"inboxes/blank-in-name":                    {1, "", `PL305  CCR file testdata/bad/inboxes/blank-in-name/Ccr.box/PC001.ccr (queue incoming) Machine Name=PC 001 is not a computer name: it contains a blank; Client Configuration Manager cannot install a client from it`},
	"inboxes/empty":                            {1, "", `PL305  CCR file testdata/bad/inboxes/empty/Ccr.box/PC001.ccr (queue incoming) is empty; a CCR needs the line [NT Client Configuration Request] and a Machine Name= line; Client Configuration Manager cannot install a client from it`},
	"inboxes/empty-machine":                    {1, "", `PL305  CCR file testdata/bad/inboxes/empty-machine/Ccr.box/PC001.ccr (queue incoming) has an empty Machine Name=; Client Configuration Manager cannot install a client from it`},
	"inboxes/escape-in-name":                   {1, "", `PL305  CCR file testdata/bad/inboxes/escape-in-name/Ccr.box/PC001.ccr (queue incoming) is not a text file; a CCR is a text file with the line [NT Client Configuration Request] and a Machine Name= line; Client Configuration Manager cannot install a client from it`},
	"inboxes/misspelt-key":                     {1, "", `PL305  CCR file testdata/bad/inboxes/misspelt-key/Ccr.box/PC001.ccr (queue incoming) writes "MachineName" where Client Configuration Manager expects "Machine Name"; Client Configuration Manager cannot install a client from it`},
	"inboxes/no-queues":                        {2, "pushlint: reading inboxes: testdata/bad/inboxes/no-queues has no Ccr.box or Ccrretry.box folder; give the SMS\\Inboxes folder of the site server\n", ""},
	"inboxes/no-section":                       {1, "", `PL305  CCR file testdata/bad/inboxes/no-section/Ccr.box/PC001.ccr (queue incoming) has no [NT Client Configuration Request] section; its Machine Name= line must come after that line; Client Configuration Manager cannot install a client from it`},
	"inboxes/not-a-ccr":                        {0, "pushlint: note: testdata/bad/inboxes/not-a-ccr/Ccr.box/readme.txt: not a CCR file name; skipped\n", `pushlint: no findings; `},
	"inboxes/retry-not-a-ccr":                  {0, "pushlint: note: testdata/bad/inboxes/retry-not-a-ccr/Ccrretry.box/PC001.tmp: not a CCR file name; skipped\n", `pushlint: no findings; `},
	"inboxes/utf16-odd-length":                 {0, "", `pushlint: no findings; `},
	"logs/ansi-escapes.log":                    {0, "", `6708  \x1b[2J\x1b[31mPC042 is fine\x1b[0m\x1b]0;owned\x07`},
	"logs/bidi-override.log":                   {0, "", `6708  Copying \u202egpj.exe to \\PC042\admin$`},
	"logs/carriage-return.log":                 {0, "", `6708  Push to PC042 failed\rPush to PC042 succeeded`},
	"logs/ccmsetup.exe":                        {0, "pushlint: skipped testdata/bad/logs/ccmsetup.exe: binary content, not a log\n", ""},
	"logs/cmtrace-unclosed.log":                {0, "pushlint: testdata/bad/logs/cmtrace-unclosed.log: 2 line(s) outside the records of its format (cmtrace)\npushlint: testdata/bad/logs/cmtrace-unclosed.log: line 1: CMTrace record without its closing ]LOG]!>\n", "Installing client on PC042: the record never closes\n        second line of the message"},
	"logs/collected-logs.log":                  {0, "pushlint: skipped testdata/bad/logs/collected-logs.log: binary content, not a log\n", ""},
	"logs/empty.log":                           {0, "pushlint: testdata/bad/logs/empty.log: the file is empty\n", ""},
	"logs/invalid-utf8.log":                    {0, "", `6708  Connexion à PC042 échouée`},
	"logs/nul-run.log":                         {0, "pushlint: testdata/bad/logs/nul-run.log: 1 line(s) held NUL bytes (removed)\n", `nul-run.log:2  2015-06-07 13:11:09.448 UTC+10 (03:11:09Z) error   ccmsetup                    6708  Failed to connect to \\PC042\admin$ (53)`},
	"logs/truncated-record.log":                {0, "pushlint: testdata/bad/logs/truncated-record.log: 1 line(s) outside the records of its format (cmtrace)\npushlint: testdata/bad/logs/truncated-record.log: line 2: CMTrace record with a missing or unreadable time/date/component element\n", `truncated-record.log:2  -                                          info    -                              -  Retrying PC042`},
	"logs/utf16-no-bom.log":                    {0, "", `utf16-no-bom.log:2  2015-06-07 13:11:09.448 UTC+10 (03:11:09Z) error   ccmsetup                    6708  Failed to connect to \\PC042\admin$ (53)`},
	"logs/utf16-odd-length.log":                {0, "pushlint: testdata/bad/logs/utf16-odd-length.log: 1 line(s) outside the records of its format (cmtrace)\npushlint: testdata/bad/logs/utf16-odd-length.log: the file has an odd number of bytes, which UTF-16 text cannot have: it was cut off, and its last byte was read as U+FFFD\n", `utf16-odd-length.log:2  2015-06-07 13:11:09.448 UTC+10 (03:11:09Z) error   ccmsetup                    6708  Failed to connect to \\PC042\admin$ (53)`},
	"policies/bad-data-file":                   {2, "pushlint: testdata/bad/policies/bad-data-file/data.json: invalid policy data: invalid character ']' looking for beginning of value\n", ""},
	"policies/cidr-expand":                     {2, "pushlint: policy eval error: testdata/bad/policies/cidr-expand/cidr_expand.rego:14:8: net.cidr_expand: this call would generate 1.678e+07 values; pushlint policies may generate at most 1000000 in one call (eval_builtin_error)\n", ""},
	"policies/denied-aws-sign":                 {2, "pushlint: policy compile error: testdata/bad/policies/denied-aws-sign/denied_aws_sign.rego:14:9: built-in function providers.aws.sign_req is not allowed in pushlint policies (cloud credentials)\n", ""},
	"policies/denied-http-send":                {2, "pushlint: policy compile error: testdata/bad/policies/denied-http-send/denied_http_send.rego:14:10: built-in function http.send is not allowed in pushlint policies (network access)\n", ""},
	"policies/denied-net-lookup":               {2, "pushlint: policy compile error: testdata/bad/policies/denied-net-lookup/denied_net_lookup.rego:14:11: built-in function net.lookup_ip_addr is not allowed in pushlint policies (network access (DNS))\n", ""},
	"policies/denied-opa-runtime":              {2, "pushlint: policy compile error: testdata/bad/policies/denied-opa-runtime/denied_opa_runtime.rego:14:9: built-in function opa.runtime is not allowed in pushlint policies (process and environment access)\n", ""},
	"policies/denied-parse-module":             {2, "pushlint: policy compile error: testdata/bad/policies/denied-parse-module/denied_parse_module.rego:14:7: built-in function rego.parse_module is not allowed in pushlint policies (policy introspection)\n", ""},
	"policies/denied-rand":                     {2, "pushlint: policy compile error: testdata/bad/policies/denied-rand/denied_rand.rego:14:2: built-in function rand.intn is not allowed in pushlint policies (randomness)\n", ""},
	"policies/denied-time-now":                 {2, "pushlint: policy compile error: testdata/bad/policies/denied-time-now/denied_time_now.rego:14:2: built-in function time.now_ns is not allowed in pushlint policies (the wall clock; use input.now_seconds, which --now sets)\n", ""},
	"policies/denied-trace":                    {2, "pushlint: policy compile error: testdata/bad/policies/denied-trace/denied_trace.rego:14:2: built-in function trace is not allowed in pushlint policies (debug tracing)\n", ""},
	"policies/denied-uuid":                     {2, "pushlint: policy compile error: testdata/bad/policies/denied-uuid/denied_uuid.rego:14:2: built-in function uuid.rfc4122 is not allowed in pushlint policies (randomness)\n", ""},
	"policies/denied-x509-private-key":         {2, "pushlint: policy compile error: testdata/bad/policies/denied-x509-private-key/denied_x509_private_key.rego:14:9: built-in function crypto.x509.parse_rsa_private_key is not allowed in pushlint policies (key material)\n", ""},
	"policies/finding-bad-severity":            {2, "pushlint: policy finding error: testdata/bad/policies/finding-bad-severity/finding_bad_severity.rego:12: XX900: finding severity \"critical\" must be error, warning or info\n", ""},
	"policies/finding-bad-subject":             {2, "pushlint: policy finding error: testdata/bad/policies/finding-bad-subject/finding_bad_subject.rego:12: XX900: finding subject must be {kind, id} with non-empty strings, got {\"kind\":\"site\"}\n", ""},
	"policies/finding-without-message":         {2, "pushlint: policy finding error: testdata/bad/policies/finding-without-message/finding_without_message.rego:12: XX900: finding has no message\n", ""},
	"policies/missing-metadata-block":          {2, "pushlint: policy metadata error: testdata/bad/policies/missing-metadata-block/missing_metadata_block.rego:1: package pushlint.rules.hostile.missing_metadata_block has no METADATA block; rules need title and custom id, severity, kb_section, remediation\n", ""},
	"policies/missing-metadata-severity":       {2, "pushlint: policy metadata error: testdata/bad/policies/missing-metadata-severity/missing_metadata_severity.rego:1: METADATA custom.severity is missing\n", ""},
	"policies/misspelled-input-field":          {2, "pushlint: policy compile error: testdata/bad/policies/misspelled-input-field/misspelled_input_field.rego:14:2: undefined ref: site.clientpush.enabled (rego_type_error)\n    have: \"clientpush\"\n    want (one of): [\"boundaries\" \"client_push\" \"code\" \"discovery\" \"key_locations\" \"location\" \"maintenance\" \"name\" \"network_access_account\" \"parent\" \"product\" \"publish_to_ad\" \"security_mode\" \"server_locator_point\" \"site_systems\" \"type\"]\n", ""},
	"policies/no-report-rule":                  {2, "pushlint: policy metadata error: testdata/bad/policies/no-report-rule/no_report_rule.rego:1: package pushlint.rules.hostile.no_report_rule defines no `report` rule; a rule must have `report contains finding if { ... }`\n", ""},
	"policies/print-statement":                 {0, "", `pushlint: 0 errors, 3 warnings, 0 info; 3 rules evaluated on examples/clean-site.yaml (3 sites).`},
	"policies/runtime-conflict":                {2, "pushlint: policy eval error: testdata/bad/policies/runtime-conflict/runtime_conflict.rego:14:1: rule data.pushlint.rules.hostile.runtime_conflict.mode produced conflicting values:\n  \"push\" at testdata/bad/policies/runtime-conflict/runtime_conflict.rego:12\n  \"manual\" at testdata/bad/policies/runtime-conflict/runtime_conflict.rego:14 (eval_conflict_error)\n", ""},
	"policies/slow-rule":                       {2, "pushlint: policy timeout error: evaluation did not finish within 6s…\n  XX900 (pushlint.rules.hostile.slow_rule, testdata/bad/policies/slow-rule/slow_rule.rego) was still running when the time ran out\n", ""},
	"policies/strict-type-error":               {2, "pushlint: policy eval error: testdata/bad/policies/strict-type-error/strict_type_error.rego:14:2: to_number: strconv.ParseFloat: parsing \"Central (London)\": invalid syntax (eval_builtin_error)\n", ""},
	"policies/syntax-error":                    {2, "pushlint: policy parse error: testdata/bad/policies/syntax-error/syntax_error.rego:14:9: unexpected identifier token: expected \\n or ; or } (rego_parse_error)\n", ""},
	"policies/unbounded-range":                 {2, "pushlint: policy eval error: testdata/bad/policies/unbounded-range/unbounded_range.rego:14:8: numbers.range: this call would generate 5e+10 values; pushlint policies may generate at most 1000000 in one call (eval_builtin_error)\n", ""},
	"policies/wrong-package-depth":             {2, "pushlint: policy metadata error: testdata/bad/policies/wrong-package-depth/wrong_package_depth.rego:8: package pushlint.rules.wrong_package_depth: rule packages must be named pushlint.rules.<category>.<name>\n", ""},
	"site/account-without-domain.yaml":         {2, "pushlint: testdata/bad/site/account-without-domain.yaml:7:19: account \"svc-smspush\" has no domain: write DOMAIN\\svc-smspush, or %machinename%\\svc-smspush for a local account\n", ""},
	"site/alias-bomb.yaml":                     {2, "pushlint: testdata/bad/site/alias-bomb.yaml:2:1: unknown key \"anchors\" in the site description (expected one of: version, environment, sites)\ntestdata/bad/site/alias-bomb.yaml:12:9: site must be a mapping of keys to values, found a list\n", ""},
	"site/bad-account-state.yaml":              {2, "pushlint: testdata/bad/site/bad-account-state.yaml:6:41: account state must be one of enabled | disabled | locked | expired, found \"lockedout\" (did you mean \"locked\"?)\n", ""},
	"site/bad-boundary-subnet.yaml":            {2, "pushlint: testdata/bad/site/bad-boundary-subnet.yaml:5:35: ip_subnet boundary \"10.1.0.0/33\" must be an IPv4 subnet in CIDR form, e.g. 10.1.0.0/16\n", ""},
	"site/bad-duration-unit.yaml":              {2, "pushlint: testdata/bad/site/bad-duration-unit.yaml:5:64: clear_install_flag.rediscovery_period: \"21days\" has no known unit; expected a number and one of m, h, d, w (e.g. 7d)\n", ""},
	"site/bad-enum.yaml":                       {2, "pushlint: testdata/bad/site/bad-enum.yaml:4:11: site type must be one of primary | secondary, found \"primry\" (did you mean \"primary\"?)\n", ""},
	"site/bad-ip-range.yaml":                   {2, "pushlint: testdata/bad/site/bad-ip-range.yaml:5:34: ip_range boundary \"10.1.0.254-10.1.0.1\" ends before it starts\n", ""},
	"site/bad-site-code.yaml":                  {2, "pushlint: testdata/bad/site/bad-site-code.yaml:3:11: site code \"ABCD\" must be exactly 3 letters or digits (e.g. ABC)\n", ""},
	"site/billion-laughs.yaml":                 {2, "pushlint: testdata/bad/site/billion-laughs.yaml:9:274: document has more than 250000 values, counting every use of an alias; a description this large is not read\n", ""},
	"site/bom-duplicate-key.yaml":              {2, "pushlint: testdata/bad/site/bom-duplicate-key.yaml:2:1: duplicate key \"version\" in the site description (first at line 1)\n", ""},
	"site/boundary-host-bits.yaml":             {2, "pushlint: testdata/bad/site/boundary-host-bits.yaml:5:35: ip_subnet boundary \"10.1.2.3/16\" has host bits set; the subnet ID is 10.1.0.0/16\n", ""},
	"site/deep-flow.yaml":                      {2, "pushlint: testdata/bad/site/deep-flow.yaml:2:263: nesting is deeper than 64 levels\n", ""},
	"site/deep-nesting.yaml":                   {2, "pushlint: testdata/bad/site/deep-nesting.yaml:4:71: nesting is deeper than 64 levels\n", ""},
	"site/duplicate-key.yaml":                  {2, "pushlint: testdata/bad/site/duplicate-key.yaml:6:7: duplicate key \"enabled\" in client_push (first at line 5)\n", ""},
	"site/duplicate-site-code.yaml":            {2, "pushlint: testdata/bad/site/duplicate-site-code.yaml:5:5: duplicate site code \"ABC\" (first defined at line 3)\n", ""},
	"site/empty-sites.yaml":                    {2, "pushlint: testdata/bad/site/empty-sites.yaml:2:8: sites is empty; describe at least one site\n", ""},
	"site/empty.yaml":                          {2, "pushlint: testdata/bad/site/empty.yaml:1:1: file is empty; expected a site description with \"version: 1\" and \"sites:\"\n", ""},
	"site/latin1.yaml":                         {2, "pushlint: testdata/bad/site/latin1.yaml:4:14: invalid UTF-8 byte 0xE9; expected UTF-8 text\n", ""},
	"site/merge-key.yaml":                      {2, "pushlint: testdata/bad/site/merge-key.yaml:5:5: merge keys (<<) are not supported; write the keys out\n", ""},
	"site/missing-version.yaml":                {2, "pushlint: testdata/bad/site/missing-version.yaml:1:1: the site description is missing required key \"version\"\n", ""},
	"site/nul-byte.yaml":                       {2, "pushlint: testdata/bad/site/nul-byte.yaml:4:18: file contains a NUL byte; expected UTF-8 text\n", ""},
	"site/numeric-site-code.yaml":              {2, "pushlint: testdata/bad/site/numeric-site-code.yaml:3:11: site code must be a string, found the number 001 (quote it: \"001\")\n", ""},
	"site/parent-loop.yaml":                    {2, "pushlint: testdata/bad/site/parent-loop.yaml:4:5: site AAA is its own ancestor (parent chain loops)\ntestdata/bad/site/parent-loop.yaml:6:5: site BBB is its own ancestor (parent chain loops)\n", ""},
	"site/parent-self.yaml":                    {2, "pushlint: testdata/bad/site/parent-self.yaml:4:5: site ABC names itself as its parent\n", ""},
	"site/reserved-site-code.yaml":             {2, "pushlint: testdata/bad/site/reserved-site-code.yaml:3:11: site code \"CON\" is reserved by Windows or SMS and cannot be used\n", ""},
	"site/second-document.yaml":                {2, "pushlint: testdata/bad/site/second-document.yaml:5:1: expected one YAML document, found a second one (remove the '---' separator)\n", ""},
	"site/secondary-parent-of-secondary.yaml":  {2, "pushlint: testdata/bad/site/secondary-parent-of-secondary.yaml:9:5: site BR2 has parent BR1, which is a secondary site; only primary sites can have child sites\n", ""},
	"site/secondary-without-parent.yaml":       {2, "pushlint: testdata/bad/site/secondary-without-parent.yaml:4:5: secondary site BR1 has no parent; a secondary site must name its parent primary site\n", ""},
	"site/self-alias.yaml":                     {2, "pushlint: testdata/bad/site/self-alias.yaml:3:5: unknown key \"code\" in site system (expected one of: server, roles)\ntestdata/bad/site/self-alias.yaml:3:5: site system is missing required key \"server\"\ntestdata/bad/site/self-alias.yaml:4:5: unknown key \"site_systems\" in site system (expected one of: server, roles)\n", ""},
	"site/syntax-error.yaml":                   {2, "pushlint: testdata/bad/site/syntax-error.yaml:4:11: YAML syntax error: sequence end token ']' not found\n", ""},
	"site/tab-indent.yaml":                     {2, "pushlint: testdata/bad/site/tab-indent.yaml:3:1: tab character in indentation; YAML indents with spaces\n", ""},
	"site/unbalanced-quote-properties.yaml":    {2, "pushlint: testdata/bad/site/unbalanced-quote-properties.yaml:5:27: install_properties: unbalanced double quote in \"SMSSITECODE=\\\"ABC\"\n", ""},
	"site/undefined-alias.yaml":                {2, "pushlint: testdata/bad/site/undefined-alias.yaml:4:16: alias \"*defaults\" refers to no anchor\n", ""},
	"site/unitless-duration.yaml":              {2, "pushlint: testdata/bad/site/unitless-duration.yaml:5:45: discovery.heartbeat.interval needs a unit: write 7d for days (units: m, h, d, w)\n", ""},
	"site/unknown-key.yaml":                    {2, "pushlint: testdata/bad/site/unknown-key.yaml:5:7: unknown key \"heartbeet\" in discovery (did you mean \"heartbeat\"?)\n", ""},
	"site/unknown-parent.yaml":                 {2, "pushlint: testdata/bad/site/unknown-parent.yaml:6:5: site BR1 has parent \"XYZ\", which is not a site in this file\n", ""},
	"site/unknown-role.yaml":                   {2, "pushlint: testdata/bad/site/unknown-role.yaml:6:17: role must be one of site_server | site_database_server | sms_provider | component_server | management_point | server_locator_point | distribution_point | reporting_point | fallback_status_point | software_update_point | state_migration_point | pxe_service_point | system_health_validator | branch_distribution_point | client_access_point, found \"managment_point\" (did you mean \"management_point\"?)\n", ""},
	"site/unknown-top-key.yaml":                {2, "pushlint: testdata/bad/site/unknown-top-key.yaml:1:1: the site description is missing required key \"sites\"\ntestdata/bad/site/unknown-top-key.yaml:2:1: unknown key \"site\" in the site description (did you mean \"sites\"?)\n", ""},
	"site/utf16-no-bom.yaml":                   {2, "pushlint: testdata/bad/site/utf16-no-bom.yaml:1:1: file is UTF-16 without a byte order mark (every other byte is NUL); save it as UTF-8\n", ""},
	"site/utf16.yaml":                          {2, "pushlint: testdata/bad/site/utf16.yaml:1:1: file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8\n", ""},
	"site/wrong-type-bool.yaml":                {2, "pushlint: testdata/bad/site/wrong-type-bool.yaml:5:16: client_push.enabled must be true or false, found \"maybe\"\n", ""},
	"site/wrong-type-list.yaml":                {2, "pushlint: testdata/bad/site/wrong-type-list.yaml:3:3: sites must be a list, found a mapping\n", ""},
	"site/wrong-version.yaml":                  {2, "pushlint: testdata/bad/site/wrong-version.yaml:1:10: version 2 is not supported; this pushlint reads version 1\n", ""},
	"site/yaml-tag.yaml":                       {2, "pushlint: testdata/bad/site/yaml-tag.yaml:3:11: YAML tags such as \"!!binary\" are not supported here\n", ""},
	"site/yes-no-bool.yaml":                    {2, "pushlint: testdata/bad/site/yes-no-bool.yaml:4:20: publish_to_ad must be true or false, found \"yes\" (write true)\n", ""},
	"site/zero-duration.yaml":                  {2, "pushlint: testdata/bad/site/zero-duration.yaml:5:45: discovery.heartbeat.interval: \"0d\" is zero; expected a positive duration\n", ""},
	"waivers/alias-bomb.yaml":                  {2, "pushlint: testdata/bad/waivers/alias-bomb.yaml:4:5: waiver must be a mapping of keys to values, found a list\ntestdata/bad/waivers/alias-bomb.yaml:5:5: waiver must be a mapping of keys to values, found a list\ntestdata/bad/waivers/alias-bomb.yaml:6:5: waiver must be a mapping of keys to values, found a list\ntestdata/bad/waivers/alias-bomb.yaml:7:5: waiver must be a mapping of keys to values, found a list\n", ""},
	"waivers/bad-glob.yaml":                    {2, "pushlint: testdata/bad/waivers/bad-glob.yaml:3:14: waiver subject \"[a-\\x00\" is not a valid glob (syntax error at 4: unexpected end of input); * matches within a folder, ** across folders, ? one character, [a-z] a range, {a,b} either; in a single-quoted value write \\[ \\{ \\* \\? for the character itself\n", ""},
	"waivers/bad-date.yaml":                    {2, "pushlint: testdata/bad/waivers/bad-date.yaml:5:14: waiver expires \"31/01/2027\" must be a date written YYYY-MM-DD, e.g. 2027-01-31\n", ""},
	"waivers/deep-nesting.yaml":                {2, "pushlint: testdata/bad/waivers/deep-nesting.yaml:1:265: nesting is deeper than 64 levels\n", ""},
	"waivers/duplicate-key.yaml":               {2, "pushlint: testdata/bad/waivers/duplicate-key.yaml:4:5: duplicate key \"subject\" in waiver (first at line 3)\n", ""},
	"waivers/duplicate-waiver.yaml":            {2, "pushlint: testdata/bad/waivers/duplicate-waiver.yaml:6:5: a second waiver for PL001 on \"cen\" (the first is at line 2); keep one\n", ""},
	"waivers/empty.yaml":                       {2, "pushlint: testdata/bad/waivers/empty.yaml:1:1: file is empty; expected \"waivers:\" and a list of {rule, subject, reason, expires}\n", ""},
	"waivers/expired.yaml":                     {1, "", `PL901  the waiver of PL001 for CEN expired on 2026-01-31 (reason: push is off during the migration); the findings it accepted count again`},
	"waivers/latin1.yaml":                      {2, "pushlint: testdata/bad/waivers/latin1.yaml:4:14: invalid UTF-8 byte 0xE9; expected UTF-8 text\n", ""},
	"waivers/lowercase-rule.yaml":              {2, "pushlint: testdata/bad/waivers/lowercase-rule.yaml:2:11: waiver rule \"pl001\": rule ids are upper-case (write PL001)\n", ""},
	"waivers/missing-reason.yaml":              {2, "pushlint: testdata/bad/waivers/missing-reason.yaml:2:5: waiver is missing required key \"reason\"\n", ""},
	"waivers/not-a-list.yaml":                  {2, "pushlint: testdata/bad/waivers/not-a-list.yaml:2:3: waivers must be a list, found a mapping\n", ""},
	"waivers/tab-indent.yaml":                  {2, "pushlint: testdata/bad/waivers/tab-indent.yaml:2:1: tab character in indentation; YAML indents with spaces\n", ""},
	"waivers/unknown-rule.yaml":                {2, "pushlint: testdata/bad/waivers/unknown-rule.yaml:2:5: waiver rule PL999 names no rule of this run that can be waived (known: PL001, PL002, PL003, PL004, PL005, PL006, PL007, PL008, PL009, PL010, PL011, PL012, ... (see pushlint rules))\n", ""},
	"waivers/utf16.yaml":                       {2, "pushlint: testdata/bad/waivers/utf16.yaml:1:1: file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8\n", ""},
}

// generatedInputs are bad inputs too large to commit, made by the test: {path} in their expectations is
// where the test wrote them.
var generatedInputs = map[string]struct {
	make func(t *testing.T, dir string) string
	want badInput
}{
	"logs/100-MB-single-line.log": {makeLongLine, badInput{0,
		"pushlint: {path}: line 1: line is 98951424 bytes longer than the 1048576-byte cap; the rest was dropped\n",
		"{path}:1  -                                          info    -                              -  Push to PC042 xxxxxxxx"}},
	"site/2-MiB.yaml": {sparseFile("site.yaml", 2<<20), badInput{2,
		"pushlint: {path}:1:1: file is 2097152 bytes; the limit is 1048576 bytes\n", ""}},
	"waivers/2-MiB.yaml": {sparseFile("waivers.yaml", 2<<20), badInput{2,
		"pushlint: {path}:1:1: file is 2097152 bytes; the limit is 1048576 bytes\n", ""}},
	"clients/100-MB.csv": {sparseFile("clients.csv", 100_000_000), badInput{2,
		"pushlint: {path}:1:1: file is 95.4 MiB; a client export is read whole and may be at most 64 MiB (export one collection at a time, or fewer columns)\n", ""}},
	"policies/100-MB-rego": {policyDir("huge.rego", 100_000_000), badInput{2,
		"pushlint: {path}/huge.rego: file is 95.4 MiB; a policy file (.rego) may be at most 1 MiB\n", ""}},
	"policies/196-MB-data-json": {policyDir("data.json", 196<<20), badInput{2,
		"pushlint: {path}/data.json: file is 196 MiB; a policy data file may be at most 4 MiB\n", ""}},
	"policies/rego-link-to-dev-zero": {policyLink("x.rego", "/dev/zero"), badInput{2,
		"pushlint: reading policies: {path}/x.rego is a device; policy and data files must be regular files (or links to them)\n", ""}},
	"policies/data-json-link-to-dev-zero": {policyLink("data.json", "/dev/zero"), badInput{2,
		"pushlint: reading policies: {path}/data.json is a device; policy and data files must be regular files (or links to them)\n", ""}},
	"policies/data-yaml-link-to-dev-zero": {policyLink("data.yaml", "/dev/zero"), badInput{2,
		"pushlint: reading policies: {path}/data.yaml is a device; policy and data files must be regular files (or links to them)\n", ""}},
	"policies/data-yaml-pipe": {policyFIFO("data.yaml"), badInput{2,
		"pushlint: reading policies: {path}/data.yaml is a named pipe; policy and data files must be regular files (or links to them)\n", ""}},
	"site/500-KB-key.yaml": {textFile("site.yaml", "version: 1\n"+strings.Repeat("k", 500_000)+": 1\nsites:\n  - code: ABC\n"), badInput{2,
		"pushlint: {path}:2:1: unknown key \"" + strings.Repeat("k", 80) + "…\" (500000 bytes) in the site description (expected one of: version, environment, sites)\n", ""}},
	"clients/500-KB-cell.csv": {textFile("clients.csv", "Name,Client\nPC001,"+strings.Repeat("y", 500_000)+"\n"), badInput{2,
		"pushlint: {path}:2:7: Client: a value of 500000 bytes; no field pushlint reads holds more than 4096 (is this column what its title says?)\n", ""}},
	"clients/4000-byte-cell.csv": {textFile("clients.csv", "Name,Client\nPC001,"+strings.Repeat("y", 4000)+"\n"), badInput{2,
		"pushlint: {path}:2:7: Client: \"" + strings.Repeat("y", 80) + "…\" (4000 bytes) is not Yes, No, True, False, 1 or 0\n", ""}},
	"baselines/300-MB.json": {sparseFile("baseline.json", 300<<20), badInput{2,
		"pushlint: reading baseline: {path} is 300 MiB; the limit is 256 MiB\n", ""}},
	"inboxes/2-MiB-ccr": {makeHugeCCR, badInput{1, "",
		"PL305  CCR file {path}/Ccr.box/PC001.ccr (queue incoming) is 2097152 bytes, far more than a CCR holds; not read; Client Configuration Manager cannot install a client from it"}},
}

// makeLongLine writes a log of one 100 MB line (a binary blob pasted into a ticket, a file zero-filled
// after a crash): read in bounded memory, cut at the cap, with a warning.
func makeLongLine(t *testing.T, dir string) string {
	p := filepath.Join(dir, "ccm.log")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("Push to PC042 "); err != nil {
		t.Fatal(err)
	}
	const size = 100_000_000 // the line, without its line ending
	chunk := []byte(strings.Repeat("x", 1<<20))
	for left := size - len("Push to PC042 "); left > 0; left -= len(chunk) {
		if _, err := f.Write(chunk[:min(left, len(chunk))]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.WriteString("\r\n"); err != nil {
		t.Fatal(err)
	}
	return p
}

// textFile writes a file of the given text (too large to commit, easy to make).
func textFile(name, text string) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

// sparseFile makes a file of size bytes that takes no room on disk: only its size is ever looked at.
func sparseFile(name string, size int64) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(size); err != nil {
			t.Skipf("cannot make a %d-byte file here: %v", size, err)
		}
		return p
	}
}

// policyDir makes a --policy folder holding one sparse file of size bytes (only its size is looked at).
func policyDir(name string, size int64) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		sparseFile(name, size)(t, dir)
		return dir
	}
}

// policyLink makes a --policy folder whose file name is a link to target (a device that never ends).
func policyLink(name, target string) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		if _, err := os.Stat(target); err != nil {
			t.Skipf("no %s here: %v", target, err)
		}
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
		return dir
	}
}

// policyFIFO makes a --policy folder whose file name is a named pipe nobody writes to.
func policyFIFO(name string) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		if err := mkfifo(filepath.Join(dir, name)); err != nil {
			t.Skipf("named pipes: %v", err)
		}
		return dir
	}
}

func makeHugeCCR(t *testing.T, dir string) string {
	if err := os.Mkdir(filepath.Join(dir, "Ccr.box"), 0o755); err != nil {
		t.Fatal(err)
	}
	sparseFile("Ccr.box/PC001.ccr", 2<<20)(t, dir)
	return dir
}

func TestBadInputCorpus(t *testing.T) {
	t.Parallel()
	counts := map[string]int{}
	var keys []string
	for _, kind := range []string{"site", "waivers", "logs", "clients", "inboxes", "policies", "baselines", "config"} {
		entries, err := os.ReadDir(filepath.Join("..", "..", "testdata", "bad", kind))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			keys = append(keys, kind+"/"+e.Name())
			counts[kind]++
		}
	}
	if len(keys) < 50 {
		t.Fatalf("the corpus has %d entries; it must keep at least 50", len(keys))
	}
	t.Logf("corpus: %d entries %v, and %d generated", len(keys), counts, len(generatedInputs))
	seen := map[string]bool{}
	for _, key := range keys {
		seen[key] = true
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			want, ok := badInputs[key]
			if !ok {
				t.Fatalf("testdata/bad/%s has no expected result in badInputs", key)
			}
			checkBadInput(t, corpusArgs("testdata/bad/"+key), "", want)
		})
	}
	var missing []string
	for key := range badInputs {
		if !seen[key] {
			missing = append(missing, key)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("expected results for corpus entries that do not exist: %v", missing)
	}
	for key, g := range generatedInputs {
		t.Run("generated/"+key, func(t *testing.T) {
			path := g.make(t, t.TempDir())
			kind, _, _ := strings.Cut(key, "/")
			checkBadInput(t, corpusArgs(kind+"/"+path), path, g.want)
		})
	}
}

// checkBadInput runs pushlint in-process on one bad input and holds it to want, and to what holds for
// every input: no panic, no goroutine dump, no report after an error, nothing a policy printed, and no
// raw escape character on a terminal.
func checkBadInput(t *testing.T, args []string, path string, want badInput) {
	t.Helper()
	stdout, stderr, code := runIn(t, args...)
	expand := func(s string) string { return strings.ReplaceAll(s, "{path}", path) }
	if code != want.code {
		t.Errorf("exit %d, want %d", code, want.code)
	}
	if !matchElided(stderr, expand(want.stderr)) {
		t.Errorf("standard error\n got: %q\nwant: %q", stderr, expand(want.stderr))
	}
	switch {
	case want.stdout == "" && stdout != "":
		t.Errorf("standard output must be empty, got %q", firstLines(stdout))
	case !strings.Contains(stdout, expand(want.stdout)):
		t.Errorf("standard output does not contain %q:\n%s", expand(want.stdout), firstLines(stdout))
	}
	for _, bad := range []string{"panic", "goroutine ", "internal error", "\x1b", "PRINTED-BY-POLICY"} {
		if strings.Contains(stdout, bad) || strings.Contains(stderr, bad) {
			t.Errorf("output holds %q", bad)
		}
	}
}

// matchElided reports whether got is want, where each … in want stands for any text.
func matchElided(got, want string) bool {
	parts := strings.Split(want, "…")
	if len(parts) == 1 {
		return got == want
	}
	if !strings.HasPrefix(got, parts[0]) || !strings.HasSuffix(got, parts[len(parts)-1]) {
		return false
	}
	rest := got[len(parts[0]) : len(got)-len(parts[len(parts)-1])]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return true
}

func firstLines(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return s
}

// corpusArgs is the command line that feeds one bad input to pushlint, by its kind (the first element of
// its path under testdata/bad, or of the key of a generated input).
func corpusArgs(path string) []string {
	rel := strings.TrimPrefix(path, "testdata/bad/")
	kind, rest, _ := strings.Cut(rel, "/")
	if rel == path {
		path = rest // a generated input: kind/absolute-path
	}
	switch kind {
	case "site":
		return []string{"check", path}
	case "waivers":
		return []string{"check", "examples/clean-site.yaml", "--waivers", path, "--now", "2026-11-25"}
	case "logs":
		return []string{"logs", path}
	case "clients":
		return []string{"facts", "--clients", path, "--now", "2026-11-25"}
	case "inboxes":
		return []string{"check", "--inboxes", path, "--now", "2026-11-25T08:00:00Z"}
	case "baselines":
		return []string{"check", "examples/clean-site.yaml", "--baseline", path, "--now", "2026-11-25"}
	case "config":
		return []string{"check", "examples/clean-site.yaml", "--config", path, "--now", "2026-11-25"}
	case "policies":
		args := []string{"check", "examples/clean-site.yaml", "--no-builtin", "--policy", path, "--now", "2026-11-25"}
		if filepath.Base(path) == "slow-rule" {
			// Long enough that compiling this small folder fits in it on a loaded machine under -race (2 s
			// did not), short enough to keep the corpus quick.
			args = append(args, "--timeout", "6s")
		}
		return args
	}
	panic("unknown corpus kind " + kind)
}
