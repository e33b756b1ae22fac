package inboxes

import (
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCheck: a name that passes Check is a safe file name as it is (no separator, no device name, no
// way out of the folder) and makes a CCR of exactly the KB's two lines.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"PC001", "LAB-07", "..", "PC/1", `PC\1`, "NUL", "con", "a b", "PC001.contoso.com", "é", "12345", "A:B", "{x}", "PC1."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if err := CheckMachineNames([]string{name}); err != nil {
			if strings.TrimSpace(err.Error()) == "" {
				t.Fatalf("CheckMachineNames(%q): empty error", name)
			}
			return
		}
		file := CCRFileName(name)
		if strings.ContainsAny(file, `/\:*?"<>|`) || filepath.Base(file) != file || strings.HasPrefix(file, ".") || strings.HasSuffix(name, ".") {
			t.Fatalf("Check accepted %q, whose file name %q is not safe", name, file)
		}
		for _, r := range name {
			if r < 0x21 || r > 0x7e {
				t.Fatalf("Check accepted %q with %U", name, r)
			}
		}
		if lines := strings.Split(string(CCRContent(name)), "\r\n"); len(lines) != 3 || lines[2] != "" {
			t.Fatalf("CCRContent(%q) = %q", name, CCRContent(name))
		}
		if err := CheckMachineNames([]string{name, strings.ToLower(name)}); err == nil {
			t.Fatalf("Check accepted %q twice", name)
		}
	})
}
