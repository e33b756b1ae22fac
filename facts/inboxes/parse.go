package inboxes

import (
	"fmt"
	"strings"

	"github.com/pushlint/pushlint/internal/termsafe"
	"github.com/pushlint/pushlint/internal/textfile"
)

// RequestSection is the section Client Configuration Manager reads (KB 925282, "Use a CCR file to
// manually trigger the client installation").
const RequestSection = "NT Client Configuration Request"

// parse reads a CCR the way Windows reads INI files (GetPrivateProfileString): section names and keys
// compared without regard to case, blanks around keys and values ignored, the first of two equal keys
// winning, lines without "=" and lines starting with ";" ignored, a value in double quotes unquoted.
func parse(f *CCRFile, b []byte) {
	text, enc, err := textfile.Decode(b)
	f.Encoding = string(enc)
	if err != nil {
		f.addProblem(1, fmt.Sprintf("cannot be read as %s text: %v", enc, err))
		return
	}
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], "\r")
	}
	if textfile.Binary(text) {
		f.addProblem(1, "is not a text file; a CCR is a text file with the line [NT Client Configuration Request] and a Machine Name= line")
		return
	}
	defer func() { f.Text = lineText(lines, f.Location.Line) }()
	if strings.TrimSpace(text) == "" {
		f.addProblem(1, "is empty; a CCR needs the line [NT Client Configuration Request] and a Machine Name= line")
		return
	}
	var sectionLine, machineLine, strayMachineLine, misspeltLine int
	misspelt := ""
	inRequest := false
	for i, raw := range lines {
		l := strings.TrimSpace(raw)
		if l == "" || l[0] == ';' {
			continue
		}
		if l[0] == '[' {
			name := strings.TrimPrefix(l, "[")
			if end := strings.IndexByte(name, ']'); end >= 0 {
				name = name[:end]
			}
			name = collapse(name)
			f.Sections = append(f.Sections, name)
			inRequest = strings.EqualFold(name, RequestSection)
			if inRequest && sectionLine == 0 {
				sectionLine = i + 1
			}
			continue
		}
		k, v, ok := strings.Cut(l, "=")
		if !ok {
			continue
		}
		k, v = collapse(k), unquote(strings.TrimSpace(v))
		isMachine := strings.EqualFold(k, "Machine Name")
		if !inRequest {
			if isMachine && strayMachineLine == 0 {
				strayMachineLine = i + 1
			}
			continue
		}
		if _, dup := f.Properties[k]; !dup {
			f.Properties[k] = v
		}
		switch {
		case isMachine && machineLine == 0:
			machineLine = i + 1
			name := v
			f.MachineName = &name
		case !isMachine && misspeltLine == 0 && strings.EqualFold(strings.ReplaceAll(strings.ReplaceAll(k, " ", ""), "_", ""), "MachineName"):
			misspeltLine, misspelt = i+1, k
		}
	}
	f.request = sectionLine > 0 || machineLine > 0 || strayMachineLine > 0 || misspeltLine > 0
	switch {
	case sectionLine == 0 && strayMachineLine > 0:
		f.addProblem(strayMachineLine, "has no [NT Client Configuration Request] section; its Machine Name= line must come after that line")
	case sectionLine == 0:
		f.addProblem(1, "has no [NT Client Configuration Request] section; Client Configuration Manager cannot read it")
	case machineLine == 0 && misspeltLine > 0:
		f.addProblem(misspeltLine, fmt.Sprintf("writes %q where Client Configuration Manager expects \"Machine Name\"", termsafe.Capped(misspelt)))
	case machineLine == 0:
		f.addProblem(sectionLine, "has no Machine Name= line in its [NT Client Configuration Request] section")
	case *f.MachineName == "":
		f.addProblem(machineLine, "has an empty Machine Name=")
	default:
		if bad := badNameChar(*f.MachineName); bad != "" {
			f.addProblem(machineLine, fmt.Sprintf("Machine Name=%s is not a computer name: it contains %s", *f.MachineName, bad))
		} else {
			f.Location.Line = machineLine
		}
	}
}

func (f *CCRFile) addProblem(line int, msg string) {
	if len(f.Problems) == 0 {
		f.Location.Line = line
	}
	f.Problems = append(f.Problems, Problem{Line: line, Message: msg})
}

// badNameChar names a character no Windows computer name holds (KB 909264): the ones reserved in file
// names, blanks and control characters. Length is not checked: CCRs may carry DNS names.
func badNameChar(name string) string {
	for _, r := range name {
		switch {
		case r == ' ' || r == '\t':
			return "a blank"
		case r < 0x20 || r == 0x7f:
			return fmt.Sprintf("the control character %U", r)
		case strings.ContainsRune(`\/:*?"<>|`, r):
			return fmt.Sprintf("'%c'", r)
		}
	}
	return ""
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

func lineText(lines []string, n int) string {
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}
