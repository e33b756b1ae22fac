package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// PL105's second half: site.yaml says the schema is extended (examples/site.yaml: ad_schema_extended: true),
// and the ExtADSch.log given shows no run that ended. The log of a run cut short after its first "Defined
// attribute" lines fires it, pointing at the claim in site.yaml; the same run that reaches "Successfully
// extended the Active Directory schema" does not, and neither does the absence of ExtADSch.log. README.md in
// testdata/extadsch says where the lines come from.
func TestSchemaClaimAgainstExtADSchLog(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		logs []string
		want string // "" when PL105 must not fire
	}{
		{"cut short", []string{"--logs", filepath.Join("testdata", "extadsch", "cut-short")},
			"site.yaml says ad_schema_extended: true, but this ExtADSch.log (3 entries) has no line saying the Active Directory schema was extended"},
		{"extended", []string{"--logs", filepath.Join("testdata", "extadsch", "extended")}, ""},
		{"no ExtADSch.log", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var rep logRuleReport
			args := append([]string{"check", "../../examples/site.yaml", "--format", "json", "--fail-on", "never", "--now", "2026-11-25"}, tc.logs...)
			runLogRuleCommand(t, &rep, args...)
			var got []string
			for _, f := range rep.Findings {
				if f.Rule != "PL105" {
					continue
				}
				got = append(got, f.Message)
				if f.Location == nil || filepath.Base(f.Location.File) != "site.yaml" || f.Location.Line != 10 || f.Subject.Kind != "file" ||
					filepath.Base(f.Subject.ID) != "ExtADSch.log" || len(f.Evidence) != 3 {
					t.Errorf("PL105 at %v about %+v with %d evidence lines, want site.yaml:10 about ExtADSch.log with its 3 lines", f.Location, f.Subject, len(f.Evidence))
				}
			}
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("PL105 fired: %q", got)
			case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
				t.Errorf("PL105 = %q, want one finding saying %q", got, tc.want)
			}
		})
	}
}
