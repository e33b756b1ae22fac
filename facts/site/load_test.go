package site

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestLoadNormalizesAndFillsDefaults(t *testing.T) {
	src := `version: 1
sites:
  - code: abc
    client_push:
      enabled: true
      install_properties: 'SMSSITECODE=auto FSP=SMS02 /mp:SMS01 SMSCACHEDIR="C:\Cache Dir"'
      accounts:
        - { name: 'CONTOSO\svc-push' }
        - { name: '%MachineName%\smsadmin', state: locked }
        - { name: 'push@contoso.com' }
    discovery:
      heartbeat: { interval: 36h }
  - code: BR1
    type: secondary
    parent: ABC
`
	desc, err := Load("site.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	abc, br1 := desc.Sites[0], desc.Sites[1]
	checks := []struct {
		name      string
		got, want any
	}{
		{"code upper-cased", abc.Code, "ABC"},
		{"name defaults to code", abc.Name, "ABC"},
		{"type default", abc.Type, "primary"},
		{"product default", abc.Product, "sms2003"},
		{"security default", abc.SecurityMode, "standard"},
		{"environment default", desc.Environment.Directory, "active_directory"},
		{"forest trusted default", desc.Environment.ForestTrusted, true},
		{"heartbeat stays enabled", abc.Discovery.Heartbeat.Enabled, true},
		{"heartbeat 36h in seconds", abc.Discovery.Heartbeat.IntervalSeconds, int64(36 * 3600)},
		{"ad system default interval", abc.Discovery.ADSystem.IntervalSeconds, int64(86400)},
		{"clear install flag default", abc.Maintenance.ClearInstallFlag, ClearInstallFlag{Enabled: false, RediscoveryPeriodSeconds: 21 * 86400, Location: abc.Location, KeyLocations: KeyLocations{}}},
		{"properties parsed", abc.ClientPush.Properties, map[string]string{"SMSSITECODE": "auto", "FSP": "SMS02", "SMSCACHEDIR": `C:\Cache Dir`}},
		{"switches", abc.ClientPush.Switches, []string{"/mp:SMS01"}},
		{"default system types", abc.ClientPush.SystemTypes, []string{"workstations", "servers"}},
		{"domain account", []string{abc.ClientPush.Accounts[0].Form, abc.ClientPush.Accounts[0].Domain, abc.ClientPush.Accounts[0].User, abc.ClientPush.Accounts[0].State}, []string{"domain", "CONTOSO", "svc-push", "enabled"}},
		{"machine-local account", []string{abc.ClientPush.Accounts[1].Form, abc.ClientPush.Accounts[1].State}, []string{"machine_local", "locked"}},
		{"upn account", abc.ClientPush.Accounts[2].Form, "upn"},
		{"secondary parent", *br1.Parent, "ABC"},
		{"push disabled by default", br1.ClientPush.Enabled, false},
		{"no NAA by default", br1.NetworkAccessAccount == nil, true},
		{"site location", abc.Location, Location{File: "site.yaml", Line: 3, Column: 5}},
		{"install_properties key location", abc.ClientPush.KeyLocations["install_properties"], Location{File: "site.yaml", Line: 6, Column: 7}},
		{"account location", abc.ClientPush.Accounts[1].Location, Location{File: "site.yaml", Line: 9, Column: 13}},
		{"defaulted block points at its site", br1.ClientPush.Location, br1.Location},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestParseInstallProperties(t *testing.T) {
	tests := []struct {
		in       string
		props    map[string]string
		switches []string
		err      string
	}{
		{"", map[string]string{}, []string{}, ""},
		{"SMSSITECODE=AUTO", map[string]string{"SMSSITECODE": "AUTO"}, []string{}, ""},
		{`smssitecode=BR1  SMSSLP=SMS02`, map[string]string{"SMSSITECODE": "BR1", "SMSSLP": "SMS02"}, []string{}, ""},
		{`/mp:SMS01 /logon SMSSITECODE="ABC"`, map[string]string{"SMSSITECODE": "ABC"}, []string{"/mp:SMS01", "/logon"}, ""},
		{`SMSSITECODE`, nil, nil, `"SMSSITECODE" is neither NAME=value nor a /switch`},
		{`SMSSITECODE=A SMSSITECODE=B`, nil, nil, "property SMSSITECODE is set twice"},
		{`=AUTO`, nil, nil, `"" is not a valid property name`},
		{`FSP="SMS02`, nil, nil, `unbalanced double quote in "FSP=\"SMS02"`},
	}
	for _, tt := range tests {
		props, switches, err := ParseInstallProperties(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(props, tt.props) || !reflect.DeepEqual(switches, tt.switches) {
			t.Errorf("%q: got %v %v, want %v %v", tt.in, props, switches, tt.props, tt.switches)
		}
	}
}

func TestLoadAcceptsTheExamples(t *testing.T) {
	for _, f := range []string{"../../examples/site.yaml", "../../examples/clean-site.yaml"} {
		desc, err := LoadFile(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if len(desc.Sites) != 3 {
			t.Errorf("%s: %d sites, want 3", f, len(desc.Sites))
		}
	}
}

func TestLoadAcceptsUTF8BOMAndCRLF(t *testing.T) {
	src := "\xEF\xBB\xBFversion: 1\r\nsites:\r\n  - code: ABC\r\n"
	desc, err := Load("notepad.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if desc.Sites[0].Code != "ABC" || desc.Sites[0].Location.Line != 3 {
		t.Errorf("got %+v", desc.Sites[0])
	}
}

// A file that says which YAML it is written in (%YAML 1.1, then ---) is one document, not two; positions
// still count from the top of the file.
func TestLoadAcceptsAYAMLDirective(t *testing.T) {
	src := "%YAML 1.1\n---\nversion: 1\nsites:\n  - code: ABC\n"
	desc, err := Load("directive.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if desc.Sites[0].Code != "ABC" || desc.Sites[0].Location.Line != 5 {
		t.Errorf("got %+v", desc.Sites[0])
	}
}

// A long parent chain that ends in a loop: only the sites on the loop are their own ancestors, and each
// chain is walked once (a chain of thousands of sites walked from every site would take minutes).
func TestLongParentChainIntoALoop(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nsites:\n")
	// Codes 000 to 3V7 in base 36: below the first reserved code (AUX) and quoted, as numbers would not be.
	code := func(i int) string { return strings.ToUpper(fmt.Sprintf("%03s", strconv.FormatInt(int64(i), 36))) }
	const n = 5000
	for i := range n {
		parent := code(i + 1)
		if i == n-1 {
			parent = code(n - 3) // the last three sites form a loop
		}
		fmt.Fprintf(&b, "  - {code: %q, parent: %q}\n", code(i), parent)
	}
	_, err := Load("chain.yaml", []byte(b.String()))
	want := fmt.Sprintf("chain.yaml:%d:19: site %s is its own ancestor (parent chain loops)\n"+
		"chain.yaml:%d:19: site %s is its own ancestor (parent chain loops)\n"+
		"chain.yaml:%d:19: site %s is its own ancestor (parent chain loops)", n, code(n-3), n+1, code(n-2), n+2, code(n-1))
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// A file with hundreds of mistakes reports the first 50, in file order: more would only repeat them.
func TestErrorsStopAtFifty(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nsites:\n")
	for i := range 200 {
		fmt.Fprintf(&b, "  - code: S%02d\n    type: primry\n", i%100)
	}
	_, err := Load("many.yaml", []byte(b.String()))
	if err == nil {
		t.Fatal("accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 50 || !strings.HasPrefix(lines[0], "many.yaml:4:11: site type must be one of primary | secondary") {
		t.Errorf("%d errors, first %q", len(lines), lines[0])
	}
}

// Security modes belong to a product: SMS 2003 runs in standard or advanced security, ConfigMgr 2007 in mixed
// or native (site) mode, always with advanced security, so advanced is accepted for it too. A mode left out is
// the product's setup default.
func TestSecurityModeFollowsTheProduct(t *testing.T) {
	desc, err := Load("site.yaml", []byte(`version: 1
sites:
  - {code: AAA}
  - {code: BBB, product: configmgr2007}
  - {code: CCC, product: configmgr2007, security_mode: native}
  - {code: DDD, product: sms2003, security_mode: advanced}
  - {code: EEE, product: configmgr2007, security_mode: advanced}
`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range desc.Sites {
		got = append(got, s.Code+"="+s.SecurityMode)
	}
	if strings.Join(got, " ") != "AAA=standard BBB=mixed CCC=native DDD=advanced EEE=advanced" {
		t.Errorf("security modes %v", got)
	}
	_, err = Load("site.yaml", []byte("version: 1\nsites:\n  - {code: AAA, security_mode: mixed}\n"))
	if err == nil || err.Error() != `site.yaml:3:32: security_mode "mixed" is a ConfigMgr 2007 site mode; an sms2003 site runs in standard or advanced security (or write product: configmgr2007 if the site runs ConfigMgr 2007)` {
		t.Errorf("got %v", err)
	}
}

func TestDeploymentsNamedByTheFormat(t *testing.T) {
	for _, d := range Deployments {
		desc, err := Load("site.yaml", []byte("version: 1\nsites:\n  - code: AAA\n    client_push: {deployment: "+d+"}\n"))
		if err != nil || desc.Sites[0].ClientPush.Deployment != d {
			t.Errorf("deployment %s: %v", d, err)
		}
	}
}
