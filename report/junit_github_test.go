package report

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestJUnitRoundTripsAndCountsLikeTheGate(t *testing.T) {
	out := render(t, "junit", sampleReport())
	golden(t, "report.junit.xml", out)
	var doc JUnitSuites
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not XML encoding/xml can read: %v", err)
	}
	if doc.Tests != 6 || doc.Failures != 2 || doc.Skipped != 2 || len(doc.Suites) != 5 {
		t.Fatalf("tests %d failures %d skipped %d suites %d", doc.Tests, doc.Failures, doc.Skipped, len(doc.Suites))
	}
	cases := map[string]JUnitCase{}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			cases[c.Classname+" "+c.Name] = c
		}
	}
	pl006 := cases["pushlint.PL006 site CEN"]
	if pl006.Failure == nil || pl006.Failure.Type != "error" || pl006.File != "sites/site.yaml" || pl006.Line != 38 ||
		!strings.Contains(pl006.Failure.Body, "fix: Set the rediscovery period") {
		t.Errorf("PL006 case %+v", pl006)
	}
	// The message keeps its CR LF through XML.
	pl101 := cases["pushlint.PL101 machine PC042"]
	if pl101.Skipped == nil || pl101.Skipped.Message != "in the baseline" || !strings.Contains(pl101.SystemOut, "(network path not found)\r\nand 0x4b3") ||
		!strings.Contains(pl101.SystemOut, "logs/SMS 01/ccm.log:1043: ---> ERROR: Unable to access target machine") {
		t.Errorf("PL101 case %+v", pl101)
	}
	waived := cases[`pushlint.PL016 account CONTOSO\svc-old2`]
	if waived.Skipped == nil || waived.Skipped.Message != "waived until 2027-01-31: kept for the BR1 rollback" {
		t.Errorf("waived case %+v", waived)
	}
	if c := cases[`pushlint.PL016 account CONTOSO\svc-smspush-old`]; c.Failure == nil || c.Failure.Type != "warning" {
		t.Errorf("warning case %+v", c)
	}
	if c := cases["pushlint.PL107 machine PC007"]; c.Failure != nil || c.Skipped != nil || !strings.Contains(c.SystemOut, "push completed") {
		t.Errorf("info case must pass with its text: %+v", c)
	}
	if c, ok := cases["pushlint.PL902 no findings"]; !ok || c.Failure != nil || c.Skipped != nil {
		t.Errorf("a rule without findings needs one passing case: %+v", doc.Suites[4])
	}
}

func TestGitHubAnnotations(t *testing.T) {
	out := string(render(t, "github", sampleReport()))
	golden(t, "report.github.txt", []byte(out))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 5 { // 4 findings (the waived one is left out) and the summary
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	want := []string{
		"::error file=sites/site.yaml,line=38,col=44,title=PL006 Client rediscovery period is not larger than the Heartbeat Discovery interval::site CEN: ",
		"::error file=logs/SMS 01/ccm.log,line=1042,title=PL101 Admin$ share unreachable (error 53) (in baseline)::PC042: the site server could not reach ADMIN$, error 53 (network path not found)%0D%0Aand 0x4b3%0Alogs/SMS 01/ccm.log:1042: ",
		`::warning file=sites/site.yaml,line=31,col=11,title=PL016 Push account is disabled%2C locked or expired::account CONTOSO\svc-smspush-old is locked: 50%25 of pushes, a,b:c%0AFix: Unlock the account.`,
		"::notice title=PL107 Push completed::PC007: push completed, the ccmsetup service was started%0AFix: Nothing to do.%0AKB 925282: Pre-installation phase, step 5",
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d:\n  %s\nwant prefix\n  %s", i+1, lines[i], w)
		}
	}
	if strings.Contains(out, "svc-old2") {
		t.Error("a waived finding was annotated")
	}
	if escapeProperty("a:b,c%d\r\n") != "a%3Ab%2Cc%25d%0D%0A" || escapeData("a:b,c%d\r\n") != "a:b,c%25d%0D%0A" {
		t.Error("escaping")
	}
}
