package engine

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// deniedBuiltins are left out of the capabilities policies compile against. Policies read the input
// document and nothing else: no network, no process or runtime information, no clock (time comes from
// input.now_seconds, set by --now) and no randomness, so that a run is reproducible and an edited policy
// cannot reach out. net.cidr_* stay: they are pure functions that boundary rules need.
//
// Built-ins that read the clock are denied or pinned: time.now_ns is denied; io.jwt.decode_verify checks
// exp and nbf against the evaluation time, which Evaluate sets to input.now_seconds; the x509 chain
// verifiers use Go's wall clock whatever the evaluation time is (the one that takes options only when the
// policy passes CurrentTime), so they are denied.
var deniedBuiltins = map[string]string{
	"http.send":                         "network access",
	"net.lookup_ip_addr":                "network access (DNS)",
	"opa.runtime":                       "process and environment access",
	"rego.parse_module":                 "policy introspection",
	"time.now_ns":                       "the wall clock; use input.now_seconds, which --now sets",
	"rand.intn":                         "randomness",
	"uuid.rfc4122":                      "randomness",
	"trace":                             "debug tracing",
	"providers.aws.sign_req":            "cloud credentials",
	"crypto.x509.parse_rsa_private_key": "key material",
	"crypto.x509.parse_and_verify_certificates": "it checks validity dates against the wall clock; parse with " +
		"crypto.x509.parse_certificates and compare NotAfter with input.now_seconds",
	"crypto.x509.parse_and_verify_certificates_with_options": "it checks validity dates against the wall clock " +
		"unless given CurrentTime; parse with crypto.x509.parse_certificates and compare NotAfter with input.now_seconds",
}

// Capabilities is the sandboxed set of built-in functions that policies may call.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if _, denied := deniedBuiltins[b.Name]; !denied {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{} // schemas and policies may not fetch anything
	return caps
}

// DeniedBuiltins lists what policies may not call and why, sorted by name (for documentation).
func DeniedBuiltins() [][2]string {
	out := make([][2]string, 0, len(deniedBuiltins))
	for name, why := range deniedBuiltins {
		out = append(out, [2]string{name, why})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

var undefinedFnRE = regexp.MustCompile(`undefined function ([A-Za-z0-9_.]+)`)

// explainCompileError turns OPA's "undefined function http.send" into a message that says the function
// exists but is not allowed here, with the file and line.
func explainCompileError(e *ast.Error) string {
	loc := ""
	if e.Location != nil {
		loc = fmt.Sprintf("%s:%d:%d: ", e.Location.File, e.Location.Row, e.Location.Col)
	}
	if m := undefinedFnRE.FindStringSubmatch(e.Message); m != nil {
		if why, denied := deniedBuiltins[m[1]]; denied {
			return fmt.Sprintf("%sbuilt-in function %s is not allowed in pushlint policies (%s)", loc, m[1], why)
		}
	}
	msg := fmt.Sprintf("%s%s (%s)", loc, e.Message, e.Code)
	if e.Details != nil {
		// OPA's type checker says which fields exist ("want (one of): [...]"): the fix for a typo.
		for _, line := range e.Details.Lines() {
			if strings.Contains(line, "want") || strings.Contains(line, "have") {
				msg += "\n    " + strings.TrimSpace(line)
			}
		}
	}
	return msg
}
