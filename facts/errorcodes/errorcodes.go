// Package errorcodes explains the error codes that SMS 2003 / ConfigMgr 2007 client push logs, from the
// table shipped with the policies (policies/pushlint/errorcodes/data.yaml), which rules also read as
// data.pushlint.errorcodes. One code has many spellings in the logs: Ccm.log writes "error 53",
// "(000004b3)" and "0x80070005", its SQL calls "-2147024891"; all of them reach the same entry.
package errorcodes

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

// DataPath is where the table lives in the policy tree.
const DataPath = "pushlint/errorcodes/data.yaml"

// Entry is what the table says about one code.
type Entry struct {
	Name     string `yaml:"name" json:"name"`
	Message  string `yaml:"message" json:"message"`
	Meaning  string `yaml:"meaning" json:"meaning"`
	Handling string `yaml:"handling" json:"handling"`
	Action   string `yaml:"action" json:"action"`
	// Rules are the rules that report a log line carrying the code, in whichever log LoggedBy says: the
	// rules read this list (data.pushlint.lib.reported_codes), so `pushlint explain` and `pushlint check`
	// agree, and a test checks it line by line.
	Rules []string `yaml:"rules" json:"rules"`
	// SeeAlso are rules about the same trouble that do not key on the code (a site.yaml rule, the rule
	// that reads the lines around it).
	SeeAlso []string `yaml:"see_also" json:"see_also"`
	// LoggedBy are the log signatures (policies/pushlint/signatures/data.yaml) whose lines carry the code.
	LoggedBy  []string `yaml:"logged_by" json:"logged_by"`
	KBSection string   `yaml:"kb_section" json:"kb_section"`
}

// Table is the whole table.
type Table struct {
	Handling map[string]string `yaml:"handling"` // handling → what it means for retries
	Codes    map[string]Entry  `yaml:"codes"`    // unsigned decimal value → entry
	byValue  map[uint32]Entry
}

var ruleIDRE = regexp.MustCompile(`^PL[0-9]{3}$`)

// Load reads and checks the table in a policy tree.
func Load(fsys fs.FS) (*Table, error) {
	b, err := fs.ReadFile(fsys, DataPath)
	if err != nil {
		return nil, fmt.Errorf("reading the error code table: %w", err)
	}
	var t Table
	if err := yaml.UnmarshalWithOptions(b, &t, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("%s: %w", DataPath, err)
	}
	t.byValue = make(map[uint32]Entry, len(t.Codes))
	var problems []string
	for key, e := range t.Codes {
		v, err := strconv.ParseUint(key, 10, 32)
		if err != nil || strconv.FormatUint(v, 10) != key {
			problems = append(problems, fmt.Sprintf("code %q: keys are unsigned decimal values", key))
			continue
		}
		if e.Name == "" || e.Message == "" || e.Meaning == "" || e.Action == "" {
			problems = append(problems, fmt.Sprintf("code %s: name, message, meaning and action are required", key))
		}
		if _, ok := t.Handling[e.Handling]; !ok {
			problems = append(problems, fmt.Sprintf("code %s: handling %q is not one of the handling keys", key, e.Handling))
		}
		for _, r := range append(append([]string{}, e.Rules...), e.SeeAlso...) {
			if !ruleIDRE.MatchString(r) {
				problems = append(problems, fmt.Sprintf("code %s: rule %q is not a rule id", key, r))
			}
		}
		for _, r := range e.SeeAlso {
			if slices.Contains(e.Rules, r) {
				problems = append(problems, fmt.Sprintf("code %s: rule %s is in rules and see_also", key, r))
			}
		}
		t.byValue[uint32(v)] = e
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("%s: %s", DataPath, strings.Join(problems, "; "))
	}
	return &t, nil
}

// ErrNotACode is returned by Parse for text that is not an error code in any form logs write.
var ErrNotACode = errors.New(`not an error code: expected decimal (53, 1326, -2147024891), hexadecimal with 0x (0x4b3, 0x80070005) or eight hex digits as Ccm.log writes them (000004b3)`)

var (
	prefixedHexRE = regexp.MustCompile(`^0[xX]([0-9a-fA-F]{1,8})$`)
	eightHexRE    = regexp.MustCompile(`^[0-9a-fA-F]{8}$`)
	decimalRE     = regexp.MustCompile(`^-?[0-9]{1,10}$`)
	bareHexRE     = regexp.MustCompile(`^[0-9a-fA-F]{1,7}$`)
)

// Parse reads a code as logs write it and returns its unsigned 32-bit value. Eight hex digits without a
// prefix are hexadecimal (Ccm.log's "(0000052e)"); other digit strings are decimal; negative decimals are
// HRESULTs written as signed numbers. This is the same reading as data.pushlint.lib.error_code.
func Parse(s string) (uint32, error) {
	s = strings.TrimSpace(s)
	switch {
	case prefixedHexRE.MatchString(s):
		v, _ := strconv.ParseUint(s[2:], 16, 32)
		return uint32(v), nil
	case eightHexRE.MatchString(s):
		v, _ := strconv.ParseUint(s, 16, 32)
		return uint32(v), nil
	case decimalRE.MatchString(s):
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v < -1<<31 || v > 1<<32-1 {
			return 0, ErrNotACode
		}
		return uint32(v), nil // a negative HRESULT wraps to its unsigned value
	case bareHexRE.MatchString(s) && strings.ContainsAny(s, "abcdefABCDEF"):
		v, _ := strconv.ParseUint(s, 16, 32)
		return uint32(v), nil
	}
	return 0, ErrNotACode
}

// Explanation is what pushlint explain shows for one code.
type Explanation struct {
	Input    string  `json:"input"`
	Value    uint32  `json:"value"`  // unsigned
	Signed   int32   `json:"signed"` // as SQL calls and some logs write it
	Hex      string  `json:"hex"`    // 0x00000035
	Win32    *uint32 `json:"win32,omitempty"`
	Entry    Entry   `json:"entry"`
	Retrying string  `json:"retrying"` // the handling, in words
}

// UnknownError is a well-formed code that the table does not know.
type UnknownError struct {
	Input string
	Value uint32
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("%s (0x%08x = %d) is not in pushlint's table of client push error codes; the SMS Trace error lookup (Ctrl+L) or net helpmsg may know it", e.Input, e.Value, e.Value)
}

// facilityWin32 is the top half of HRESULT_FROM_WIN32(x): severity bit set, facility 7.
const facilityWin32 = 0x80070000

// Explain finds what the table says about a code. An HRESULT that wraps a Win32 error and has no entry
// of its own is explained by the Win32 error's entry.
func (t *Table) Explain(input string) (*Explanation, error) {
	v, err := Parse(input)
	if err != nil {
		return nil, fmt.Errorf("%q is %w", input, err)
	}
	ex := &Explanation{Input: strings.TrimSpace(input), Value: v, Signed: int32(v), Hex: fmt.Sprintf("0x%08x", v)}
	e, ok := t.byValue[v]
	if !ok && v&0xFFFF0000 == facilityWin32 {
		w := v & 0xFFFF
		if e, ok = t.byValue[w]; ok {
			ex.Win32 = &w
		}
	}
	if !ok {
		return nil, &UnknownError{Input: ex.Input, Value: v}
	}
	ex.Entry = e
	ex.Retrying = t.Handling[e.Handling]
	return ex, nil
}

// Values lists the codes of the table in ascending order.
func (t *Table) Values() []uint32 {
	out := make([]uint32, 0, len(t.byValue))
	for v := range t.byValue {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
