package finding

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNormalizeForFingerprintStripsWhatChangesBetweenCaptures(t *testing.T) {
	tests := []struct{ a, b string }{
		{ // SMS 2003 server log, two captures of the same failure
			`ERROR: Unable to connect to remote registry for machine name "PC042", error 53.~  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:09.448-600><thread=6708 (0x1A34)>`,
			`ERROR: Unable to connect to remote registry for machine name "PC042", error 53.~  $$<SMS_CLIENT_CONFIG_MANAGER><06-09-2015 02:01:44.001-600><thread=912 (0x390)>`,
		},
		{ // CMTrace
			`<![LOG[CcmSetup failed with error code 0x80190194]LOG]!><time="15:10:38.114+00" date="02-04-2020" component="ccmsetup" context="" type="1" thread="3672" file="ccmsetup.cpp:10711">`,
			`<![LOG[CcmSetup failed with error code 0x80190194]LOG]!><time="09:00:01.000+00" date="02-05-2020" component="ccmsetup" context="" type="1" thread="12" file="ccmsetup.cpp:10712">`,
		},
		{ // Trace32 copy
			"Sleeping for 661 seconds...\tSMS_CLIENT_CONFIG_MANAGER\t09/09/2022 14:09:09\t2624 (0x0A40)",
			"Sleeping for 661 seconds...\tSMS_CLIENT_CONFIG_MANAGER\t10/11/2022 08:00:00\t33 (0x21)",
		},
		{ // MSI verbose
			"MSI (s) (54:74) [16:26:11:416]: Product: Configuration Manager Client -- Error 25150.",
			"MSI (s) (6C:A8) [09:02:03:004]: Product: Configuration Manager Client -- Error 25150.",
		},
		{"site ABC: set at site.yaml:31:7", "site ABC: set at site.yaml:12:7"},
		{"last heartbeat 12 days ago", "last heartbeat 13 days ago"},
		{"expired on 2027-01-31", "expired on 2027-02-28"},
	}
	for _, tt := range tests {
		if a, b := NormalizeForFingerprint(tt.a), NormalizeForFingerprint(tt.b); a != b {
			t.Errorf("normalized differently:\n  %q\n  %q", a, b)
		}
	}
	// What a finding says must survive: codes, names, counts that are not times.
	for _, pair := range [][2]string{
		{"error 53", "error 67"},
		{`machine name "PC042"`, `machine name "PC043"`},
		{"0x80190194", "0x80040154"},
		{"rediscovery period (5d)", "rediscovery period (21d)"},
	} {
		if NormalizeForFingerprint(pair[0]) == NormalizeForFingerprint(pair[1]) {
			t.Errorf("%q and %q must stay different", pair[0], pair[1])
		}
	}
}

func TestFingerprintIgnoresPositionsAndEvidenceOrder(t *testing.T) {
	base := Finding{Rule: "PL101", Subject: Subject{"machine", "PC042"}, Message: "m",
		Location: &Location{"logs/ccm.log", 10, 1},
		Evidence: []Evidence{{"logs/ccm.log", 10, "error 53"}, {"logs/ccm.log", 11, "error 0x4b3"}}}
	moved := base
	moved.Location = &Location{"other/ccm.log", 99, 1}
	moved.Evidence = []Evidence{{"other/ccm.log", 98, "error 0x4b3"}, {"other/ccm.log", 99, "error 53"}}
	moved.Message = "m, 3 days ago"
	if Fingerprint(base) != Fingerprint(moved) {
		t.Error("moving the evidence changed the fingerprint")
	}
	for name, change := range map[string]func(*Finding){
		"rule":     func(f *Finding) { f.Rule = "PL102" },
		"subject":  func(f *Finding) { f.Subject.ID = "PC043" },
		"evidence": func(f *Finding) { f.Evidence = []Evidence{{"logs/ccm.log", 10, "error 67"}} },
	} {
		other := base
		change(&other)
		if Fingerprint(other) == Fingerprint(base) {
			t.Errorf("changing the %s kept the fingerprint", name)
		}
	}
	noEvidence := Finding{Rule: "PL006", Subject: Subject{"site", "CEN"}, Message: "period (7d)"}
	if Fingerprint(noEvidence) == Fingerprint(Finding{Rule: "PL006", Subject: Subject{"site", "CEN"}, Message: "period (5d)"}) {
		t.Error("without evidence the message must decide")
	}
	if len(Fingerprint(base)) != 32 {
		t.Errorf("fingerprint %q", Fingerprint(base))
	}
}

// The tests that skip a pattern must never change what it would have replaced: on every line of the real
// log excerpts, and on lines built to sit at the edge of each test, the result is the one of running every
// pattern.
func TestNormalizeSkipsOnlyPatternsThatCannotMatch(t *testing.T) {
	lines := []string{
		"", " ", "a  b", "a\tb", "a\r\nb", "x\fy", "(ab:cd)", "(AB!CD) done", "<thread=x>", "<thread=12 (0x0C)>",
		"pid 12", "tid=7", "process 9", "Thread 5", "thread=5", "at ccmsetup.cpp:9498", "file.x:1:2", "LINE 31",
		"3 Days  ago", "1.5 h ago", "12:30", "1:02:03.456 PM+60", "[16:26:11:416]", "2027-01-31T10:00:00Z",
		"01/02/2008", "1.2.08", "<06-07-2015 13:11:09.448-600>", "2624 (0x0A40)", "]LOG]!><time=\"1\">",
	}
	files, err := filepath.Glob("../facts/logs/testdata/samples/*.log")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample logs: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	for _, l := range lines {
		if got, want := NormalizeForFingerprint(l), normalizeEveryPattern(l); got != want {
			t.Errorf("NormalizeForFingerprint(%q) = %q, want %q", l, got, want)
		}
	}
}

// normalizeEveryPattern is what NormalizeForFingerprint did before it skipped the patterns a text cannot
// match: every pattern over every text. It must give the same result.
func normalizeEveryPattern(s string) string {
	for _, v := range volatile {
		s = v.re.ReplaceAllString(s, v.with)
	}
	return strings.TrimSpace(s)
}

// benchEvidence is evidence of the commonest findings, as the router fingerprints it.
var benchEvidence = []string{
	`Unable to access target machine for request: "2A4B1C00", machine name: "PC00042", error code: 53`,
	`Stored request "2A4B1C00", machine name "PC00042", in queue "Retry".`,
	`---> Created service "ccmsetup" on machine "PC00042".`,
}

func BenchmarkNormalizeForFingerprint(b *testing.B) {
	for b.Loop() {
		for _, t := range benchEvidence {
			NormalizeForFingerprint(t)
		}
	}
}

func BenchmarkNormalizeEveryPattern(b *testing.B) {
	for b.Loop() {
		for _, t := range benchEvidence {
			normalizeEveryPattern(t)
		}
	}
}
