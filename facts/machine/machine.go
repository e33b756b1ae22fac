// Package machine names Windows computers the way SMS does: by NetBIOS name, compared without regard to
// case. Every fact about a machine (a client record, a CCR file, a log line) carries the same Key, so a
// per-machine timeline can join them.
package machine

import (
	"fmt"
	"github.com/pushlint/pushlint/internal/termsafe"
	"strings"
)

// MaxNetBIOSLength is the longest computer name NetBIOS carries: 16 bytes, the last one being the
// service suffix.
const MaxNetBIOSLength = 15

// Key is the join key of a machine name: the first label of a DNS name (logs write both "PC1" and
// "PC1.contoso.com" for one request), upper-cased, surrounding blanks removed. "" stays "".
func Key(name string) string {
	name = strings.TrimSpace(name)
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	return strings.ToUpper(name)
}

// reserved are names Windows refuses for a computer (KB 909264, "Naming conventions in Active Directory"):
// well-known security principals, and the device names that cannot be file names either, which matters
// because a CCR file is named after its machine.
var reserved = map[string]bool{
	"ANONYMOUS": true, "BATCH": true, "BUILTIN": true, "DIALUP": true, "INTERACTIVE": true, "INTERNET": true, "LOCAL": true, "NETWORK": true, "NULL": true, "PROXY": true,
	"RESTRICTED": true, "SELF": true, "SERVER": true, "SERVICE": true, "SYSTEM": true, "USERS": true, "WORLD": true,
	"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
}

// allowedPunctuation are the non-alphanumeric characters a NetBIOS computer name may hold (KB 909264).
const allowedPunctuation = "!@#$%^&')(.-_{}~"

// CheckNetBIOS says why name is not a valid NetBIOS computer name, or returns nil. It is strict: it is for
// names a person types (pushlint ccr), not for names read from files, which keep whatever SMS wrote.
func CheckNetBIOS(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("machine name is empty")
	case len(name) > MaxNetBIOSLength:
		hint := ""
		if i := strings.IndexByte(name, '.'); i > 0 && i <= MaxNetBIOSLength {
			hint = fmt.Sprintf(" (for a DNS name give the computer name only: %s)", name[:i])
		}
		return fmt.Errorf("machine name %q has %d characters; a NetBIOS name has at most %d%s", termsafe.Capped(name), len(name), MaxNetBIOSLength, hint)
	case strings.Trim(name, ".") == "":
		return fmt.Errorf("machine name %q is only dots", termsafe.Capped(name))
	case name[0] == '.':
		return fmt.Errorf("machine name %q starts with a dot", termsafe.Capped(name))
	case name[len(name)-1] == '.':
		// A file name cannot keep it either: PC1. would become PC1..ccr, which Windows shows as PC1..ccr
		// for a request for "PC1." that no computer answers to.
		return fmt.Errorf("machine name %q ends with a dot; Windows drops a trailing dot from names (give %s)", termsafe.Capped(name), termsafe.Capped(strings.TrimRight(name, ".")))
	}
	for _, r := range name {
		if r < 0x80 && (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune(allowedPunctuation, r)) {
			continue
		}
		return fmt.Errorf("machine name %q contains %s; a NetBIOS computer name holds letters, digits and %s", termsafe.Capped(name), describeRune(r), allowedPunctuation)
	}
	if strings.Trim(name, "0123456789") == "" {
		return fmt.Errorf("machine name %q is only digits; Windows does not allow all-numeric computer names in a domain", termsafe.Capped(name))
	}
	if reserved[strings.ToUpper(name)] {
		return fmt.Errorf("machine name %q is reserved by Windows and cannot name a computer", termsafe.Capped(name))
	}
	return nil
}

func describeRune(r rune) string {
	switch {
	case r == ' ':
		return "a space"
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf("the control character %U", r)
	case r >= 0x80:
		return fmt.Sprintf("the non-ASCII character %q", r)
	}
	return fmt.Sprintf("'%c'", r)
}
