package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tokenRule fires while a JWT that expires on 2030-01-01 is valid: whether it fires depends on --now only.
const tokenRule = `# METADATA
# title: Token still valid
# custom:
#   id: XX920
#   severity: error
#   kb_section: Introduction
#   remediation: Nothing; this policy reads the clock through io.jwt.decode_verify.
package pushlint.rules.test.token_valid

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), "token valid", site.location) if {
	some site in input.sites
	[valid, _, _] := io.jwt.decode_verify("TOKEN", {"secret": "pushlint"})
	valid
}
`

// The policy clock is --now: a token's expiry is judged against it, not against the day the run happens.
func TestPolicyClockIsNow(t *testing.T) {
	t.Parallel()
	enc := base64.RawURLEncoding
	signed := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(`{"exp":1893456000}`))
	mac := hmac.New(sha256.New, []byte("pushlint"))
	mac.Write([]byte(signed))
	token := signed + "." + enc.EncodeToString(mac.Sum(nil))
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "token.rego"), []byte(strings.Replace(tokenRule, "TOKEN", token, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for now, want := range map[string]int{"2029-12-31": 1, "2030-01-02": 0} {
		_, stderr, code := runIn(t, "check", "examples/clean-site.yaml", "--no-builtin", "--policy", dir, "--now", now)
		if code != want {
			t.Errorf("--now %s: exit %d, want %d; %s", now, code, want, stderr)
		}
	}
}
