package site

import (
	"fmt"
	"regexp"
	"strings"
)

var propertyNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)

// ParseInstallProperties splits the push dialog's installation properties the way ccmsetup.exe reads its
// command line: whitespace-separated tokens, double quotes group a value with spaces, NAME=value tokens are
// Client.msi properties (names are case-insensitive, returned upper-cased) and /switch tokens are ccmsetup's.
func ParseInstallProperties(s string) (map[string]string, []string, error) {
	props := map[string]string{}
	switches := []string{}
	tokens, err := splitCommandLine(s)
	if err != nil {
		return nil, nil, err
	}
	for _, tok := range tokens {
		if strings.HasPrefix(tok, "/") {
			switches = append(switches, tok)
			continue
		}
		name, value, ok := strings.Cut(tok, "=")
		if !ok {
			return nil, nil, fmt.Errorf("%q is neither NAME=value nor a /switch", tok)
		}
		if !propertyNameRE.MatchString(name) {
			return nil, nil, fmt.Errorf("%q is not a valid property name", name)
		}
		upper := strings.ToUpper(name)
		if _, dup := props[upper]; dup {
			return nil, nil, fmt.Errorf("property %s is set twice", upper)
		}
		props[upper] = value
	}
	return props, switches, nil
}

func splitCommandLine(s string) ([]string, error) {
	var tokens []string
	var cur strings.Builder
	inQuote, have := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote = !inQuote
			have = true
		case !inQuote && (r == ' ' || r == '\t' || r == '\n' || r == '\r'):
			if have {
				tokens = append(tokens, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(r)
			have = true
		}
	}
	if inQuote {
		return nil, fmt.Errorf("unbalanced double quote in %q", s)
	}
	if have {
		tokens = append(tokens, cur.String())
	}
	return tokens, nil
}
