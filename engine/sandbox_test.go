package engine

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Every denied built-in is refused at compile time with the file, the line and why.
func TestDeniedBuiltinsAreRefusedByName(t *testing.T) {
	calls := map[string]string{
		"http.send":                         `http.send({"method": "get", "url": "http://example.com"})`,
		"net.lookup_ip_addr":                `net.lookup_ip_addr("example.com")`,
		"opa.runtime":                       `opa.runtime()`,
		"rego.parse_module":                 `rego.parse_module("x.rego", "package x")`,
		"time.now_ns":                       `time.now_ns()`,
		"rand.intn":                         `rand.intn("x", 10)`,
		"uuid.rfc4122":                      `uuid.rfc4122("x")`,
		"trace":                             `trace("x")`,
		"providers.aws.sign_req":            `providers.aws.sign_req({}, {}, 0)`,
		"crypto.x509.parse_rsa_private_key": `crypto.x509.parse_rsa_private_key("x")`,
		"crypto.x509.parse_and_verify_certificates":              `crypto.x509.parse_and_verify_certificates("x")`,
		"crypto.x509.parse_and_verify_certificates_with_options": `crypto.x509.parse_and_verify_certificates_with_options("x", {})`,
	}
	if len(calls) != len(deniedBuiltins) {
		t.Fatalf("%d calls for %d denied built-ins: test every one", len(calls), len(deniedBuiltins))
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			rule := strings.Replace(goodRule, "site.name == site.code", "x := "+call+"\n\tx == x", 1)
			_, err := newEngine(t, map[string]string{"r.rego": rule}, true)
			want := "/r.rego:14:7: built-in function " + name + " is not allowed in pushlint policies (" + deniedBuiltins[name] + ")"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("got %v, want %q", err, want)
			}
		})
	}
}

// The policy clock is --now (input.now_seconds), never the wall clock: io.jwt.decode_verify checks a token's
// exp and nbf against it. One token expires on 2030-01-01 and one became valid on 2020-01-01; whether each is
// valid depends only on the input's now, before and after those dates, whatever day the test runs.
func TestPolicyClockIsTheInputsNow(t *testing.T) {
	rule := strings.Replace(goodRule, "site.name == site.code", `[valid, _, _] := io.jwt.decode_verify(site.name, {"secret": "pushlint"})
	valid`, 1)
	e, err := newEngine(t, map[string]string{"r.rego": rule}, true)
	if err != nil {
		t.Fatal(err)
	}
	expires := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	begins := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for _, tc := range []struct {
		claim string
		at    int64
		valid bool
	}{
		{fmt.Sprintf(`{"exp":%d}`, expires), expires - 3600, true},
		{fmt.Sprintf(`{"exp":%d}`, expires), expires + 3600, false},
		{fmt.Sprintf(`{"nbf":%d}`, begins), begins - 3600, false},
		{fmt.Sprintf(`{"nbf":%d}`, begins), begins + 3600, true},
	} {
		in := input(site("ABC", hs256(tc.claim, "pushlint")))
		in["now_seconds"] = tc.at
		got, err := e.Evaluate(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if valid := len(got) == 1; valid != tc.valid {
			t.Errorf("token %s at %s: valid %v, want %v", tc.claim, time.Unix(tc.at, 0).UTC(), valid, tc.valid)
		}
	}
}

// hs256 signs claims as a JWT with HMAC-SHA256.
func hs256(claims, secret string) string {
	enc := base64.RawURLEncoding
	signed := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(claims))
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(signed))
	return signed + "." + enc.EncodeToString(mac.Sum(nil))
}

// JSON Schema built-ins would fetch a remote $ref; the sandbox allows no host, so nothing is fetched.
func TestSchemaBuiltinsDoNotReachOut(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Write([]byte(`{"type": "object"}`))
	}))
	defer srv.Close()
	rule := strings.Replace(goodRule, "site.name == site.code", `json.match_schema({"a": 1}, {"$ref": "`+srv.URL+`/s.json"})[0]`, 1)
	e, err := newEngine(t, map[string]string{"r.rego": rule}, true)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Evaluate(context.Background(), input(site("ABC", "ABC")))
	var pe *PolicyError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "/r.rego:14:2: json.match_schema: remote reference loading disabled") {
		t.Errorf("got %v, want a policy error naming the file and line", err)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the policy made %d requests", n)
	}
}

// A generating built-in asked for more than MaxGeneratedValues fails before allocating them, with the
// policy's file and line; asked for less, it works as in OPA.
func TestGeneratorsAreBounded(t *testing.T) {
	tests := []struct{ expr, want string }{
		{`count(numbers.range(0, 20000000000)) > 0`, "/r.rego:14:8: numbers.range: this call would generate 2e+10 values; pushlint policies may generate at most 1000000 in one call (eval_builtin_error)"},
		{`count(numbers.range_step(0, 20000000000, 2)) > 0`, "/r.rego:14:8: numbers.range_step: this call would generate 1e+10 values"},
		{`count(net.cidr_expand("10.0.0.0/8")) > 0`, "/r.rego:14:8: net.cidr_expand: this call would generate 1.678e+07 values"},
		{`count(net.cidr_expand("2001:db8::/64")) > 0`, "/r.rego:14:8: net.cidr_expand: this call would generate 1.845e+19 values"},
		{`count(numbers.range(1, 1000)) == 1000`, ""},
		{`count(net.cidr_expand("10.0.0.0/24")) == 256`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			rule := strings.Replace(goodRule, "site.name == site.code", tt.expr, 1)
			e, err := newEngine(t, map[string]string{"r.rego": rule}, true)
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.Evaluate(context.Background(), input(site("ABC", "ABC")))
			switch {
			case tt.want == "" && (err != nil || len(got) != 1):
				t.Errorf("got %d findings, %v; want 1 finding", len(got), err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}
