package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchemas compiles the official SARIF 2.1.0 schemas shipped in testdata (see its PROVENANCE.md).
func sarifSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	files, err := filepath.Glob("testdata/sarif-schema/*.json")
	if err != nil || len(files) != 2 {
		t.Fatalf("SARIF schemas missing: %v %v", files, err)
	}
	out := map[string]*jsonschema.Schema{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		abs, _ := filepath.Abs(f)
		if err := c.AddResource(abs, doc); err != nil {
			t.Fatal(err)
		}
		s, err := c.Compile(abs)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = s
	}
	return out
}

func TestSARIFIsValidAgainstTheOfficialSchema(t *testing.T) {
	out := render(t, "sarif", sampleReport())
	golden(t, "report.sarif", out)
	for name, schema := range sarifSchemas(t) {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("invalid against %s: %v", name, err)
		}
	}
	// The schemas must be able to say no, or the test above proves nothing.
	for name, schema := range sarifSchemas(t) {
		bad := strings.Replace(string(out), `"level": "note"`, `"level": "info"`, 1)
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if schema.Validate(inst) == nil {
			t.Errorf("%s accepted level \"info\"", name)
		}
	}
}

func TestSARIFCarriesRulesLocationsAndSuppressions(t *testing.T) {
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct {
						ID, Name                          string
						ShortDescription, FullDescription struct{ Text string }
						Help                              struct{ Text, Markdown string }
						DefaultConfiguration              struct{ Level string }
						Properties                        map[string]any
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct{ URI string }
						Region           *struct{ StartLine, StartColumn int }
					}
					LogicalLocations []struct{ Name, Kind string }
				}
				RelatedLocations    []struct{ Message struct{ Text string } }
				PartialFingerprints map[string]string
				Suppressions        []struct{ Kind, Status, Justification string }
				BaselineState       string
			}
		}
	}
	if err := json.Unmarshal(render(t, "sarif", sampleReport()), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	if len(rules) != 5 {
		t.Fatalf("want one descriptor per evaluated rule (5), got %d", len(rules))
	}
	levels := map[string]string{}
	for _, r := range rules {
		levels[r.ID] = r.DefaultConfiguration.Level
	}
	if levels["PL006"] != "error" || levels["PL016"] != "warning" || levels["PL107"] != "note" {
		t.Errorf("default levels %v", levels)
	}
	pl006 := rules[0]
	if pl006.ID != "PL006" || pl006.Name != "RediscoveryPeriod" || pl006.ShortDescription.Text == "" ||
		!strings.Contains(pl006.FullDescription.Text, "Clear Install Flag") ||
		!strings.Contains(pl006.Help.Markdown, "**Fix:** Set the rediscovery period") ||
		!strings.Contains(pl006.Help.Text, "KB 925282 section: Troubleshoot Heartbeat Discovery") {
		t.Errorf("PL006 descriptor %+v", pl006)
	}
	if tags, _ := pl006.Properties["tags"].([]any); len(tags) != 1 || tags[0] != "config" {
		t.Errorf("tags %v", pl006.Properties["tags"])
	}
	if len(run.Results) != 5 {
		t.Fatalf("%d results", len(run.Results))
	}
	for _, res := range run.Results {
		if rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("ruleIndex %d does not point at %s", res.RuleIndex, res.RuleID)
		}
		if len(res.PartialFingerprints["pushlint/v1"]) != 32 {
			t.Errorf("%s: partialFingerprints %v", res.RuleID, res.PartialFingerprints)
		}
		loc := res.Locations[0]
		switch res.RuleID {
		case "PL006":
			if p := loc.PhysicalLocation; p == nil || p.ArtifactLocation.URI != "sites/site.yaml" || p.Region.StartLine != 38 || p.Region.StartColumn != 44 {
				t.Errorf("PL006 location %+v", p)
			}
			if loc.LogicalLocations[0].Name != "CEN" || loc.LogicalLocations[0].Kind != "site" || res.BaselineState != "new" {
				t.Errorf("PL006 %+v", res)
			}
		case "PL101":
			// No location: the first evidence line stands in, and every evidence line is a related location.
			if p := loc.PhysicalLocation; p == nil || p.ArtifactLocation.URI != "logs/SMS%2001/ccm.log" || p.Region.StartLine != 1042 {
				t.Errorf("PL101 location %+v", p)
			}
			if len(res.RelatedLocations) != 2 || !strings.Contains(res.RelatedLocations[1].Message.Text, "error code: 53") {
				t.Errorf("PL101 related %+v", res.RelatedLocations)
			}
			if res.BaselineState != "unchanged" {
				t.Errorf("PL101 baseline %q", res.BaselineState)
			}
		case "PL107":
			if loc.PhysicalLocation != nil || loc.LogicalLocations[0].Name != "PC007" || res.Level != "note" {
				t.Errorf("PL107 %+v", res)
			}
		}
		waived := strings.Contains(res.Message.Text, "svc-old2")
		if waived != (len(res.Suppressions) == 1) {
			t.Errorf("%s suppressions %+v", res.Message.Text, res.Suppressions)
		}
		if waived && (res.Suppressions[0].Kind != "external" || res.Suppressions[0].Status != "accepted" ||
			res.Suppressions[0].Justification != "kept for the BR1 rollback (waived until 2027-01-31)") {
			t.Errorf("suppression %+v", res.Suppressions[0])
		}
	}
}

func TestArtifactURI(t *testing.T) {
	for in, want := range map[string]string{
		"site.yaml":             "site.yaml",
		"./logs/ccm.log":        "logs/ccm.log",
		"logs/SMS 01/ccm#1.log": "logs/SMS%2001/ccm%231.log",
		"/var/ci/logs/ccm.log":  "file:///var/ci/logs/ccm.log",
		"C:/Logs/ccm.log":       "file:///C:/Logs/ccm.log",
		"100%.log":              "100%25.log",
	} {
		if got := artifactURI(in); got != want {
			t.Errorf("artifactURI(%q) = %q, want %q", in, got, want)
		}
	}
}
