package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The import's test data is in internal/siteimport, which runIn does not name from the root.
const (
	contosoExport  = root + "/internal/siteimport/testdata/contoso-sms2003.json"
	fabrikamExport = root + "/internal/siteimport/testdata/fabrikam-cm2007.json"
	schemaFailLog  = root + "/internal/siteimport/testdata/samples/extadsch-kb830022-01.log"
)

// importTo runs pushlint import in-process from the repository root and returns the site.yaml it wrote.
func importTo(t *testing.T, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site.yaml")
	_, stderr, code := runIn(t, append(append([]string{"import"}, args...), "--out", out)...)
	if code != 0 {
		t.Fatalf("pushlint import %v: exit %d\n%s", args, code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// reportedFinding is what two descriptions of the same hierarchy must agree on; locations differ by
// design.
type reportedFinding struct {
	Rule, Severity, Message string
	Subject                 struct{ Kind, ID string }
}

func checkFindings(t *testing.T, siteFile string) []reportedFinding {
	t.Helper()
	stdout, stderr, code := runIn(t, "check", siteFile, "--format", "json", "--now", "2026-11-25T08:00:00Z", "--fail-on", "never")
	if code != 0 {
		t.Fatalf("pushlint check %s: exit %d\n%s", siteFile, code, stderr)
	}
	var rep struct{ Findings []reportedFinding }
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	return rep.Findings
}

// siteFacts is the normalized environment and sites of a description, without where each value was
// written.
func siteFacts(t *testing.T, siteFile string) string {
	t.Helper()
	stdout, stderr, code := runIn(t, "facts", siteFile, "--now", "2026-11-25T08:00:00Z")
	if code != 0 {
		t.Fatalf("pushlint facts %s: exit %d\n%s", siteFile, code, stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	out, _ := json.MarshalIndent(withoutLocations(map[string]any{"environment": doc["environment"], "sites": doc["sites"]}), "", " ")
	return string(out)
}

func withoutLocations(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := map[string]any{}
		for k, e := range x {
			if k != "location" && k != "key_locations" {
				m[k] = withoutLocations(e)
			}
		}
		return m
	case []any:
		for i := range x {
			x[i] = withoutLocations(x[i])
		}
	}
	return v
}

func sameFindings(t *testing.T, imported, handWritten string) {
	t.Helper()
	got, want := checkFindings(t, imported), checkFindings(t, handWritten)
	if len(want) == 0 {
		t.Fatal("the hand-written description has no finding; the round trip would prove little")
	}
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if string(g) != string(w) {
		t.Errorf("findings differ\nimported:\n%s\nhand-written:\n%s", g, w)
	}
	if gf, wf := siteFacts(t, imported), siteFacts(t, handWritten); gf != wf {
		t.Errorf("normalized sites differ\nimported:\n%s\nhand-written:\n%s", gf, wf)
	}
}

// TestImportRoundTrip: importing the export of a primary with two secondaries and checking the result
// finds exactly what checking the same hierarchy described by hand finds (the TODOs left to their defaults,
// as the hand-written file leaves them).
func TestImportRoundTrip(t *testing.T) {
	t.Parallel()
	imported := importTo(t, contosoExport, "--extadsch", schemaFailLog)
	path := filepath.Join(t.TempDir(), "imported.yaml")
	if err := os.WriteFile(path, []byte(imported), 0o644); err != nil {
		t.Fatal(err)
	}
	sameFindings(t, path, "cmd/pushlint/testdata/import/contoso-site.yaml")
}

var (
	todoLine = regexp.MustCompile(`(?m)^( *)# TODO: confirm ([a-z_]+): (.*)$`)
	// A block written commented out because none of its keys is known: "# environment:" and its keys.
	commentedBlock = regexp.MustCompile(`(?m)^# TODO: confirm ([a-z_]+): .*\n# ([a-z_]+):\n((?:#   .*\n)+)`)
	commentedKey   = regexp.MustCompile(`(?m)^#   ([a-z_]+): (.*?)(  # .*)?$`)
)

// confirm does what a person does with the TODOs: writes each key with an answer, or with the first
// choice the TODO offers, and uncomments a commented-out block the same way. TODOs that offer no value to
// write (boundaries, an interval) stay.
func confirm(yaml string, answers map[string]string) string {
	yaml = commentedBlock.ReplaceAllStringFunc(yaml, func(block string) string {
		// "# key:" and "#   sub: choices  # why" become "key:" and "  # TODO: confirm sub: choices", which
		// the step below confirms like any other TODO.
		m := commentedBlock.FindStringSubmatch(block)
		return m[2] + ":\n" + commentedKey.ReplaceAllString(m[3], "  # TODO: confirm $1: $2")
	})
	return todoLine.ReplaceAllStringFunc(yaml, func(line string) string {
		m := todoLine.FindStringSubmatch(line)
		indent, key, what := m[1], m[2], m[3]
		value, _, _ := strings.Cut(what, " (")
		if a, ok := answers[key]; ok {
			value = a
		} else if first, _, found := strings.Cut(value, " | "); found {
			value = first
		} else if !strings.HasPrefix(value, "{") && !strings.HasPrefix(value, "[") {
			return line
		}
		return indent + key + ": " + value
	})
}

// TestImportTODOsSitWhereTheirKeys: every TODO line is where its key goes, so writing the value in its
// place gives a description pushlint reads.
func TestImportTODOsSitWhereTheirKeys(t *testing.T) {
	t.Parallel()
	imported := importTo(t, contosoExport)
	confirmed := confirm(imported, map[string]string{"security_mode": "advanced", "state": "locked"})
	if strings.Count(confirmed, "TODO: confirm") >= strings.Count(imported, "TODO: confirm")-20 {
		t.Fatalf("confirm replaced too few TODOs:\n%s", confirmed)
	}
	path := filepath.Join(t.TempDir(), "confirmed.yaml")
	if err := os.WriteFile(path, []byte(confirmed), 0o644); err != nil {
		t.Fatal(err)
	}
	facts := siteFacts(t, path)
	for _, want := range []string{`"security_mode": "advanced"`, `"state": "locked"`, `"wins": true`, `"registered_in": [`} {
		if !strings.Contains(facts, want) {
			t.Errorf("confirmed description lacks %s:\n%s", want, facts)
		}
	}
}

// TestImportConfigMgr2007NativeMode is the ConfigMgr 2007 case: a native-mode site whose TODOs were
// confirmed (security_mode: native) must check like the same site written by hand.
func TestImportConfigMgr2007NativeMode(t *testing.T) {
	t.Parallel()
	imported := importTo(t, fabrikamExport)
	if !strings.Contains(imported, "# TODO: confirm security_mode: mixed | native") {
		t.Fatalf("a ConfigMgr 2007 site must offer mixed | native:\n%s", imported)
	}
	confirmed := confirm(imported, map[string]string{"security_mode": "native", "workgroup_clients": "false"})
	dir := t.TempDir()
	path, handWritten := filepath.Join(dir, "confirmed.yaml"), filepath.Join(dir, "fabrikam-native-site.yaml")
	if err := os.WriteFile(path, []byte(confirmed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(handWritten, []byte(fabrikamNativeSite), 0o644); err != nil {
		t.Fatal(err)
	}
	sameFindings(t, path, handWritten)
}

// fabrikamNativeSite is the site of internal/siteimport/testdata/fabrikam-cm2007.json in native mode,
// written by hand.
const fabrikamNativeSite = `version: 1
environment:
  directory: active_directory
  forest_trusted: true
  ad_schema_extended: true
  wins: true
  workgroup_clients: false
sites:
  - code: PS1
    name: Fabrikam Primary
    type: primary
    parent: null
    product: configmgr2007
    security_mode: native
    boundaries:
      - { type: ip_subnet, value: 192.168.10.0/24 }
      - { type: ad_site, value: Fabrikam-HQ }
      - { type: ip_range, value: 192.168.20.1-192.168.20.200 }
    publish_to_ad: true
    client_push:
      enabled: true
      include_only_assigned: true
      system_types: [workstations, servers, domain_controllers]
      install_properties: "SMSSITECODE=PS1 FSP=CM02"
      deployment: push
      accounts:
        - { name: 'FABRIKAM\cm-push', state: enabled }
    network_access_account: 'FABRIKAM\cm-naa'
    discovery:
      heartbeat: { enabled: false, interval: 12h }
      network: { enabled: false }
      ad_system: { enabled: false }
    maintenance:
      clear_install_flag: { enabled: true }
    site_systems:
      - server: CM01
        roles: [site_server, site_database_server, sms_provider, management_point, distribution_point]
      - server: CM02
        roles: [fallback_status_point]
`

func TestImportStdout(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := runIn(t, "import", fabrikamExport)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "# Imported by pushlint import from internal/siteimport/testdata/fabrikam-cm2007.json,\n") || !strings.Contains(stdout, "\n  - code: PS1  # SMS_SCI_SiteDefinition SiteCode\n") {
		t.Errorf("stdout:\n%s", stdout)
	}
	want := "pushlint: note: the export could not read SMS_SCI_SQLTask: Access denied\n" +
		"pushlint: wrote site.yaml on standard output: 1 site (PS1); 8 entries to confirm: search for \"TODO: confirm\"\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
}

func TestImportErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	malformed := write("malformed.json", "{\n  \"format\": \"pushlint-site-export\",\n  \"items\": [\n    {\"SiteType\": 2,}\n  ]\n}\n")
	wrongType := write("wrong-type.json", "{\"format\": \"pushlint-site-export\", \"format_version\": 1,\n\"items\": [{\"__CLASS\": \"SMS_SCI_SiteDefinition\", \"SiteType\": \"primary\"}]}\n")
	noSites := write("no-sites.json", `{"format": "pushlint-site-export", "format_version": 1, "items": []}`)
	existing := write("site.yaml", "version: 1\n")
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"malformed JSON", []string{malformed},
			malformed + ":4:20: malformed JSON: invalid character '}' looking for beginning of object key string"},
		{"wrong type", []string{wrongType},
			wrongType + ":2:61: items[0].SiteType: expected a whole number, found string"},
		{"no sites", []string{noSites},
			noSites + ":1:1: the export has no SMS_SCI_SiteDefinition item; there is no site to import"},
		{"missing export", []string{filepath.Join(dir, "none.json")},
			"reading site export: open " + filepath.Join(dir, "none.json") + ": no such file or directory"},
		{"no export", nil,
			"expected one site export (the JSON file Export-PushlintSite.ps1 wrote), got 0 arguments"},
		{"two exports", []string{contosoExport, fabrikamExport},
			"expected one site export (the JSON file Export-PushlintSite.ps1 wrote), got 2 arguments"},
		{"missing ExtADSch.log", []string{contosoExport, "--extadsch", filepath.Join(dir, "ExtADSch.log")},
			"--extadsch: open " + filepath.Join(dir, "ExtADSch.log") + ": no such file or directory"},
		{"ExtADSch.log is a folder", []string{contosoExport, "--extadsch", dir},
			"--extadsch: " + dir + " is a folder, not a file"},
		{"existing --out", []string{contosoExport, "--out", existing},
			"not overwriting " + existing + "; give --force to replace it"},
		{"--out is a folder", []string{contosoExport, "--out", dir},
			"--out " + dir + ": is a folder; give the file to write, e.g. " + dir + "/site.yaml"},
		{"--out is the export", []string{malformed, "--out", malformed, "--force"},
			malformed + ":4:20: malformed JSON: invalid character '}' looking for beginning of object key string"},
		{"--out is the export, readable", []string{noSites, "--out", noSites, "--force"},
			noSites + ":1:1: the export has no SMS_SCI_SiteDefinition item; there is no site to import"},
		{"unknown flag", []string{contosoExport, "--output", "x"},
			"unknown flag: --output (see 'pushlint import --help')"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runIn(t, append([]string{"import"}, tc.args...)...)
			if code != 2 || stdout != "" || stderr != "pushlint: "+tc.stderr+"\n" {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 2, stderr:\npushlint: %s", code, stdout, stderr, tc.stderr)
			}
		})
	}
	if data, _ := os.ReadFile(existing); string(data) != "version: 1\n" {
		t.Errorf("the existing --out file was changed: %q", data)
	}
}

func TestImportOutIsTheExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data, err := os.ReadFile(fabrikamExport)
	if err != nil {
		t.Fatal(err)
	}
	export := filepath.Join(dir, "export.json")
	if err := os.WriteFile(export, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runIn(t, "import", export, "--out", export, "--force")
	if code != 2 || stderr != "pushlint: --out "+export+" is the export being read\n" {
		t.Errorf("exit %d: %s", code, stderr)
	}
	// Nor over the ExtADSch.log it reads, however it is named (here through a link).
	log := filepath.Join(dir, "ExtADSch.log")
	if err := os.WriteFile(log, []byte("Successfully extended the Active Directory schema.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "out.yaml")
	if err := os.Symlink(log, link); err == nil {
		_, stderr, code = runIn(t, "import", export, "--extadsch", log, "--out", link, "--force")
		if code != 2 || stderr != "pushlint: --out "+link+" is the same file as the input "+log+"; writing the output there would replace it\n" {
			t.Errorf("exit %d: %s", code, stderr)
		}
	}
	// --force replaces another file.
	out := filepath.Join(dir, "site.yaml")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runIn(t, "import", export, "--out", out, "--force"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(out); !strings.HasPrefix(string(got), "# Imported by pushlint import") {
		t.Errorf("--force did not replace the file: %q", got)
	}
}
