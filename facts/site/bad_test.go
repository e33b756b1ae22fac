package site

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/pushlint/pushlint/internal/strictyaml"
)

// badFiles maps every fixture under testdata/bad/site (at the top of the repository) to the exact error pushlint must print for it: the
// position and the words an administrator reads. A new fixture without an entry fails the test.
var badFiles = map[string]string{
	"account-without-domain.yaml":         "account-without-domain.yaml:7:19: account \"svc-smspush\" has no domain: write DOMAIN\\svc-smspush, or %machinename%\\svc-smspush for a local account",
	"alias-bomb.yaml":                     "alias-bomb.yaml:2:1: unknown key \"anchors\" in the site description (expected one of: version, environment, sites)\nalias-bomb.yaml:12:9: site must be a mapping of keys to values, found a list",
	"bad-account-state.yaml":              "bad-account-state.yaml:6:41: account state must be one of enabled | disabled | locked | expired, found \"lockedout\" (did you mean \"locked\"?)",
	"bad-boundary-subnet.yaml":            "bad-boundary-subnet.yaml:5:35: ip_subnet boundary \"10.1.0.0/33\" must be an IPv4 subnet in CIDR form, e.g. 10.1.0.0/16",
	"bad-duration-unit.yaml":              "bad-duration-unit.yaml:5:64: clear_install_flag.rediscovery_period: \"21days\" has no known unit; expected a number and one of m, h, d, w (e.g. 7d)",
	"bad-enum.yaml":                       "bad-enum.yaml:4:11: site type must be one of primary | secondary, found \"primry\" (did you mean \"primary\"?)",
	"bad-ip-range.yaml":                   "bad-ip-range.yaml:5:34: ip_range boundary \"10.1.0.254-10.1.0.1\" ends before it starts",
	"bad-site-code.yaml":                  "bad-site-code.yaml:3:11: site code \"ABCD\" must be exactly 3 letters or digits (e.g. ABC)",
	"boundary-host-bits.yaml":             "boundary-host-bits.yaml:5:35: ip_subnet boundary \"10.1.2.3/16\" has host bits set; the subnet ID is 10.1.0.0/16",
	"deep-nesting.yaml":                   "deep-nesting.yaml:4:71: nesting is deeper than 64 levels",
	"duplicate-key.yaml":                  "duplicate-key.yaml:6:7: duplicate key \"enabled\" in client_push (first at line 5)",
	"duplicate-site-code.yaml":            "duplicate-site-code.yaml:5:5: duplicate site code \"ABC\" (first defined at line 3)",
	"empty-sites.yaml":                    "empty-sites.yaml:2:8: sites is empty; describe at least one site",
	"empty.yaml":                          "empty.yaml:1:1: file is empty; expected a site description with \"version: 1\" and \"sites:\"",
	"latin1.yaml":                         "latin1.yaml:4:14: invalid UTF-8 byte 0xE9; expected UTF-8 text",
	"missing-version.yaml":                "missing-version.yaml:1:1: the site description is missing required key \"version\"",
	"numeric-site-code.yaml":              "numeric-site-code.yaml:3:11: site code must be a string, found the number 001 (quote it: \"001\")",
	"parent-loop.yaml":                    "parent-loop.yaml:4:5: site AAA is its own ancestor (parent chain loops)\nparent-loop.yaml:6:5: site BBB is its own ancestor (parent chain loops)",
	"parent-self.yaml":                    "parent-self.yaml:4:5: site ABC names itself as its parent",
	"reserved-site-code.yaml":             "reserved-site-code.yaml:3:11: site code \"CON\" is reserved by Windows or SMS and cannot be used",
	"second-document.yaml":                "second-document.yaml:5:1: expected one YAML document, found a second one (remove the '---' separator)",
	"secondary-parent-of-secondary.yaml":  "secondary-parent-of-secondary.yaml:9:5: site BR2 has parent BR1, which is a secondary site; only primary sites can have child sites",
	"secondary-without-parent.yaml":       "secondary-without-parent.yaml:4:5: secondary site BR1 has no parent; a secondary site must name its parent primary site",
	"syntax-error.yaml":                   "syntax-error.yaml:4:11: YAML syntax error: sequence end token ']' not found",
	"tab-indent.yaml":                     "tab-indent.yaml:3:1: tab character in indentation; YAML indents with spaces",
	"unbalanced-quote-properties.yaml":    "unbalanced-quote-properties.yaml:5:27: install_properties: unbalanced double quote in \"SMSSITECODE=\\\"ABC\"",
	"undefined-alias.yaml":                "undefined-alias.yaml:4:16: alias \"*defaults\" refers to no anchor",
	"unitless-duration.yaml":              "unitless-duration.yaml:5:45: discovery.heartbeat.interval needs a unit: write 7d for days (units: m, h, d, w)",
	"unknown-key.yaml":                    "unknown-key.yaml:5:7: unknown key \"heartbeet\" in discovery (did you mean \"heartbeat\"?)",
	"unknown-parent.yaml":                 "unknown-parent.yaml:6:5: site BR1 has parent \"XYZ\", which is not a site in this file",
	"unknown-role.yaml":                   "unknown-role.yaml:6:17: role must be one of site_server | site_database_server | sms_provider | component_server | management_point | server_locator_point | distribution_point | reporting_point | fallback_status_point | software_update_point | state_migration_point | pxe_service_point | system_health_validator | branch_distribution_point | client_access_point, found \"managment_point\" (did you mean \"management_point\"?)",
	"unknown-top-key.yaml":                "unknown-top-key.yaml:1:1: the site description is missing required key \"sites\"\nunknown-top-key.yaml:2:1: unknown key \"site\" in the site description (did you mean \"sites\"?)",
	"utf16.yaml":                          "utf16.yaml:1:1: file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8",
	"wrong-type-bool.yaml":                "wrong-type-bool.yaml:5:16: client_push.enabled must be true or false, found \"maybe\"",
	"wrong-type-list.yaml":                "wrong-type-list.yaml:3:3: sites must be a list, found a mapping",
	"wrong-version.yaml":                  "wrong-version.yaml:1:10: version 2 is not supported; this pushlint reads version 1",
	"yes-no-bool.yaml":                    "yes-no-bool.yaml:4:20: publish_to_ad must be true or false, found \"yes\" (write true)",
	"billion-laughs.yaml":                 "billion-laughs.yaml:9:274: document has more than 250000 values, counting every use of an alias; a description this large is not read",
	"deep-flow.yaml":                      "deep-flow.yaml:2:263: nesting is deeper than 64 levels",
	"utf16-no-bom.yaml":                   "utf16-no-bom.yaml:1:1: file is UTF-16 without a byte order mark (every other byte is NUL); save it as UTF-8",
	"nul-byte.yaml":                       "nul-byte.yaml:4:18: file contains a NUL byte; expected UTF-8 text",
	"bom-duplicate-key.yaml":              "bom-duplicate-key.yaml:2:1: duplicate key \"version\" in the site description (first at line 1)",
	"merge-key.yaml":                      "merge-key.yaml:5:5: merge keys (<<) are not supported; write the keys out",
	"yaml-tag.yaml":                       "yaml-tag.yaml:3:11: YAML tags such as \"!!binary\" are not supported here",
	"self-alias.yaml":                     "self-alias.yaml:3:5: unknown key \"code\" in site system (expected one of: server, roles)\nself-alias.yaml:3:5: site system is missing required key \"server\"\nself-alias.yaml:4:5: unknown key \"site_systems\" in site system (expected one of: server, roles)",
	"nel-line-breaks.yaml":                "nel-line-breaks.yaml:1:65: U+0085 NEL (next line): YAML 1.2 does not end a line there, so the lines around it run together; save the file with ordinary line ends (LF or CRLF)",
	"utf32.yaml":                          "utf32.yaml:1:1: file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8",
	"security-mode-of-other-product.yaml": "security-mode-of-other-product.yaml:5:20: security_mode \"standard\" is an SMS 2003 security mode; a configmgr2007 site runs in mixed or native mode (its security is always advanced) (or write product: sms2003 if the site runs SMS 2003)",
	"zero-duration.yaml":                  "zero-duration.yaml:5:45: discovery.heartbeat.interval: \"0d\" is zero; expected a positive duration",
}

func TestLoadRejectsMalformedFiles(t *testing.T) {
	files, err := filepath.Glob("../../testdata/bad/site/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("only %d malformed fixtures; the corpus must keep at least 15", len(files))
	}
	seen := map[string]bool{}
	for _, path := range files {
		name := filepath.Base(path)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			want, ok := badFiles[name]
			if !ok {
				t.Fatalf("no expected error recorded for %s", name)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			desc, err := Load(name, data)
			if err == nil {
				t.Fatalf("Load accepted %s: %+v", name, desc)
			}
			var yerrs strictyaml.Errors
			if !errors.As(err, &yerrs) || len(yerrs) == 0 {
				t.Fatalf("error is %T, want strictyaml.Errors with positions: %v", err, err)
			}
			if got := err.Error(); got != want {
				t.Errorf("error text\n got: %s\nwant: %s", got, want)
			}
		})
	}
	var missing []string
	for name := range badFiles {
		if !seen[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("expected errors recorded for fixtures that do not exist: %v", missing)
	}
}
