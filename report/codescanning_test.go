package report

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/finding"
)

// codeScanningProblems checks a SARIF log against what GitHub code scanning documents it accepts
// ("SARIF support for code scanning" and "SARIF results exceed limits"): at most 20 runs, 25,000 results
// and 25,000 rules per run, 1,000 locations per result, 20 tags per rule, 10 MB gzip-compressed; artifact
// URIs relative (to a uriBaseId the run defines, or resolved against the checkout) or absolute file: URIs;
// regions with startLine ≥ 1; and no placeholder values (-1 indexes, empty arrays) that say nothing.
func codeScanningProblems(t *testing.T, raw []byte, base string) []string {
	t.Helper()
	var problems []string
	var z bytes.Buffer
	gw := gzip.NewWriter(&z)
	gw.Write(raw)
	gw.Close()
	if z.Len() > 10<<20 {
		problems = append(problems, fmt.Sprintf("%d bytes gzip-compressed, over 10 MB", z.Len()))
	}
	var log map[string]any
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatal(err)
	}
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				walk(c, path+"."+k)
			}
			if u, ok := x["uri"].(string); ok && strings.HasSuffix(path, "artifactLocation") {
				switch _, hasBase := x["uriBaseId"]; {
				case strings.HasPrefix(u, "file:"):
					if hasBase {
						problems = append(problems, path+": an absolute file: URI with a uriBaseId")
					}
				case strings.Contains(u, ":") || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "../"):
					problems = append(problems, path+": uri "+u+" is neither relative inside the checkout nor a file: URI")
				case hasBase && x["uriBaseId"] != "%SRCROOT%":
					problems = append(problems, path+": uriBaseId is not %SRCROOT%")
				}
			}
			if sl, ok := x["startLine"].(float64); ok && sl < 1 {
				problems = append(problems, fmt.Sprintf("%s: startLine %v", path, sl))
			}
		case []any:
			if len(x) == 0 && !strings.HasSuffix(path, ".results") {
				problems = append(problems, path+": empty array")
			}
			for i, c := range x {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		case float64:
			if x == -1 {
				problems = append(problems, path+": placeholder -1")
			}
		}
	}
	walk(log, "$")
	runs, _ := log["runs"].([]any)
	if len(runs) > 20 {
		problems = append(problems, fmt.Sprintf("%d runs", len(runs)))
	}
	for _, r := range runs {
		run := r.(map[string]any)
		results, _ := run["results"].([]any)
		rules, _ := run["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)
		if len(results) > 25_000 || len(rules) > 25_000 {
			problems = append(problems, fmt.Sprintf("%d results, %d rules in a run", len(results), len(rules)))
		}
		for _, res := range results {
			m := res.(map[string]any)
			locs, _ := m["locations"].([]any)
			rel, _ := m["relatedLocations"].([]any)
			if len(locs)+len(rel) > 1000 {
				problems = append(problems, fmt.Sprintf("result with %d locations", len(locs)+len(rel)))
			}
		}
		for _, rule := range rules {
			props, _ := rule.(map[string]any)["properties"].(map[string]any)
			if tags, _ := props["tags"].([]any); len(tags) > 20 {
				problems = append(problems, fmt.Sprintf("rule with %d tags", len(tags)))
			}
		}
		if base != "" {
			root, _ := run["originalUriBaseIds"].(map[string]any)["%SRCROOT%"].(map[string]any)
			if u, _ := root["uri"].(string); u != "file://"+base+"/" {
				problems = append(problems, fmt.Sprintf("originalUriBaseIds %%SRCROOT%% is %v, want file://%s/", root, base))
			}
		}
	}
	return problems
}

func TestSARIFMeetsCodeScanningConstraints(t *testing.T) {
	rep := sampleReport()
	// One finding about a file outside the folder pushlint ran in, one given with an absolute path inside it.
	rep.Findings[0].Location.File = "/ci/checkout/sites/site.yaml"
	rep.Findings[1].Evidence[0].File = "../collected/SMS/Logs/ccm.log"
	out := renderWith(t, "sarif", rep, Options{BaseDir: "/ci/checkout"})
	if p := codeScanningProblems(t, out, "/ci/checkout"); len(p) > 0 {
		t.Errorf("code scanning would reject or misplace:\n%s", strings.Join(p, "\n"))
	}
	for _, want := range []string{
		`"uri": "sites/site.yaml",` + "\n" + `                  "uriBaseId": "%SRCROOT%"`,
		`"uri": "file:///ci/collected/SMS/Logs/ccm.log"`,
		`"helpUri": "https://github.com/pushlint/pushlint/blob/main/docs/rules/PL006.md"`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("SARIF lacks %s", want)
		}
	}
	// The check must be able to say no.
	bad := strings.Replace(string(out), `"uri": "sites/site.yaml"`, `"uri": "/abs/site.yaml"`, 1)
	bad = strings.Replace(bad, `"startLine": 38`, `"startLine": 0`, 1)
	if p := codeScanningProblems(t, []byte(bad), "/ci/checkout"); len(p) != 2 {
		t.Errorf("the constraint check found %d problems in a log with two: %v", len(p), p)
	}
}

func TestSARIFStaysWithinCodeScanningLimits(t *testing.T) {
	// The limits scaled down 100 times, so that the test needs 300 findings rather than 30,000.
	defer func(r, l int) { maxSARIFResults, maxRelated = r, l }(maxSARIFResults, maxRelated)
	maxSARIFResults, maxRelated = 250, 10
	rep := sampleReport()
	many := make([]finding.Finding, 0, 300)
	for i := 0; i < 300; i++ {
		f := rep.Findings[1] // has evidence
		f.Subject.ID = fmt.Sprintf("PC%05d", i)
		if i == 0 {
			for j := 0; j < 15; j++ {
				f.Evidence = append(f.Evidence, finding.Evidence{File: "ccm.log", Line: j + 1, Text: "retry"})
			}
		}
		many = append(many, f)
	}
	rep.Findings = many
	out := renderWith(t, "sarif", rep, Options{BaseDir: "/ci/checkout"})
	if p := codeScanningProblems(t, out, "/ci/checkout"); len(p) > 0 {
		t.Errorf("code scanning would reject:\n%s", strings.Join(p[:min(len(p), 10)], "\n"))
	}
	if !strings.Contains(string(out), "300 findings; SARIF carries the first 250 by severity") {
		t.Error("the findings left out are not said")
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RelatedLocations []any
			}
		}
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if n := len(log.Runs[0].Results); n != 250 {
		t.Errorf("%d results, want 250", n)
	}
	if n := len(log.Runs[0].Results[0].RelatedLocations); n != 10 {
		t.Errorf("%d related locations, want 10", n)
	}
}

func TestSARIFFingerprintsAreStableAcrossRuns(t *testing.T) {
	fps := func(r *Report) []string {
		var log struct {
			Runs []struct {
				Results []struct{ PartialFingerprints map[string]string }
			}
		}
		if err := json.Unmarshal(renderWith(t, "sarif", r, Options{BaseDir: "/ci"}), &log); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, res := range log.Runs[0].Results {
			out = append(out, res.PartialFingerprints[finding.FingerprintVersion])
		}
		return out
	}
	first := fps(sampleReport())
	// The same problems seen in a later collection: other line numbers, other times in the evidence.
	again := sampleReport()
	for i := range again.Findings {
		for j := range again.Findings[i].Evidence {
			again.Findings[i].Evidence[j].Line += 500
		}
	}
	if got := fps(again); strings.Join(got, " ") != strings.Join(first, " ") {
		t.Errorf("fingerprints changed with line numbers:\n%v\n%v", first, got)
	}
}
