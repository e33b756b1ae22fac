package signatures

import (
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pushlint/pushlint"
)

// TestUnconfirmedSignaturesAreListed: docs/signatures.md lists exactly the built-in signatures marked
// unconfirmed, so that a reader knows which findings rest on a guess, and a confirmed one leaves the list.
func TestUnconfirmedSignaturesAreListed(t *testing.T) {
	set, err := ParseFS(pushlint.Policies, "pushlint/signatures/data.yaml", "policies/pushlint/signatures/data.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var marked []string
	for _, s := range set.Events {
		if s.Unconfirmed {
			marked = append(marked, s.ID)
		}
	}
	doc, err := os.ReadFile("../../docs/signatures.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "## Unconfirmed signatures")
	if !ok {
		t.Fatal("docs/signatures.md has no section on unconfirmed signatures")
	}
	var listed []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z0-9_]+)` \\|").FindAllStringSubmatch(section, -1) {
		listed = append(listed, m[1])
	}
	sort.Strings(marked)
	sort.Strings(listed)
	if !slices.Equal(listed, marked) {
		t.Errorf("docs/signatures.md lists %v as unconfirmed; the signature file marks %v", listed, marked)
	}
}

// TestUnconfirmedTypes: a type is unconfirmed only when no confirmed signature yields it: ccmexec_started
// has CcmExec.log's "Setting service status to RUNNING" (KB 922362), ad_publish_failed Hman.log's "could not
// be created" (KB 830022), client_download_failed the 2020 ccmsetup.log's BITS failure.
func TestUnconfirmedTypes(t *testing.T) {
	want := []string{"ad_published", "bits_install_failed", "ccmsetup_service_created", "ccmsetup_service_failed",
		"ccmsetup_service_started", "ccr_created", "client_file_copy_failed", "client_install_succeeded", "extadsch_attribute_failed", "policy_received", "request_completed", "site_assignment_failed"}
	if got := builtin(t).UnconfirmedTypes(); !slices.Equal(got, want) {
		t.Errorf("unconfirmed types = %v, want %v", got, want)
	}
}
