// Package siteimport turns a site export taken from the SMS Provider (scripts/Export-PushlintSite.ps1) into
// a site.yaml: one site per SMS_SCI_SiteDefinition, every value with a comment naming the site control item
// and property it came from, and "TODO: confirm" entries for what the site control data cannot say. It
// knows the SMS 2003 / ConfigMgr 2007 site control classes and the site.yaml format, nothing of policies or
// findings.
package siteimport

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// FormatName is the value of "format" in every export the script writes.
const FormatName = "pushlint-site-export"

// MaxExportBytes bounds what is read: a central site with a few hundred secondaries exports a few
// megabytes, so 64 MiB is far above any real hierarchy and still fits in memory.
const MaxExportBytes = 64 << 20

// Export is the content of one export file.
type Export struct {
	File          string       `json:"-"`
	Format        string       `json:"format"`
	FormatVersion int          `json:"format_version"`
	Exported      string       `json:"exported"`  // site server's local time, yyyy-MM-ddTHH:mm:ss
	Computer      string       `json:"computer"`  // the SMS Provider's computer
	Namespace     string       `json:"namespace"` // root\sms\site_<code>
	SiteCode      string       `json:"site_code"` // the site whose provider was read
	Items         []Item       `json:"items"`
	Unreadable    []Unreadable `json:"unreadable"`
	Withheld      []Withheld   `json:"withheld"`
}

// Item is one WMI instance as the SMS Provider returned it. Only the properties the mapping reads are
// declared; the export carries every property of the instance.
type Item struct {
	Class    string `json:"__CLASS"`
	SiteCode string `json:"SiteCode"`
	ItemName string `json:"ItemName"`
	ItemType string `json:"ItemType"`
	FileType *int64 `json:"FileType"`

	// SMS_Site
	Version           string `json:"Version"`
	BuildNumber       *int64 `json:"BuildNumber"`
	ReportingSiteCode string `json:"ReportingSiteCode"`

	// SMS_SCI_SiteDefinition
	SiteName       string `json:"SiteName"`
	ParentSiteCode string `json:"ParentSiteCode"`
	SiteType       *int64 `json:"SiteType"`
	SiteServerName string `json:"SiteServerName"`

	// SMS_SCI_SysResUse
	RoleName      string `json:"RoleName"`
	NetworkOSPath string `json:"NetworkOSPath"`

	// SMS_SCI_SiteAssignment
	AssignTypes   []string `json:"AssignTypes"`
	AssignDetails []string `json:"AssignDetails"`

	// SMS_SCI_RoamingBoundary
	Types   []string `json:"Types"`
	Details []string `json:"Details"`

	// SMS_SCI_SQLTask: "On" in SMS 2003 / ConfigMgr 2007, "Enabled" in later versions.
	TaskName        string `json:"TaskName"`
	On              *bool  `json:"On"`
	Enabled         *bool  `json:"Enabled"`
	DeleteOlderThan *int64 `json:"DeleteOlderThan"`

	Props     []Prop     `json:"Props"`
	PropLists []PropList `json:"PropLists"`

	Pos Position `json:"-"` // where the item starts in the export
}

// Prop is an SMS_EmbeddedProperty.
type Prop struct {
	PropertyName string `json:"PropertyName"`
	Value        int64  `json:"Value"`
	Value1       string `json:"Value1"`
	Value2       string `json:"Value2"`
}

// PropList is an SMS_EmbeddedPropertyList.
type PropList struct {
	PropertyListName string   `json:"PropertyListName"`
	Values           []string `json:"Values"`
}

// Unreadable is a class the script could not read, with the provider's error.
type Unreadable struct {
	Class string `json:"class"`
	Error string `json:"error"`
}

// Withheld is a property the script left out because it may hold a secret; only its name is kept.
type Withheld struct {
	Class    string `json:"class"`
	Item     string `json:"item"`
	Property string `json:"property"`
}

// Position is a place in a file, 1-based; column counts characters.
type Position struct {
	File   string
	Line   int
	Column int
}

func (p Position) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) }

// Error is a problem with the input at a position.
type Error struct {
	Pos     Position
	Message string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Message }

// Prop returns the embedded property with this name (names compare without regard to case, as WQL does).
func (it *Item) Prop(name string) (Prop, bool) {
	for _, p := range it.Props {
		if strings.EqualFold(strings.TrimSpace(p.PropertyName), name) {
			return p, true
		}
	}
	return Prop{}, false
}

// PropList returns the embedded property list with this name.
func (it *Item) PropList(name string) (PropList, bool) {
	for _, l := range it.PropLists {
		if strings.EqualFold(strings.TrimSpace(l.PropertyListName), name) {
			return l, true
		}
	}
	return PropList{}, false
}

// ReadFile reads an export, refusing a file over MaxExportBytes before reading it.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading site export: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxExportBytes {
		return nil, fmt.Errorf("%s: file is %d bytes; a site export may be at most %d bytes", path, st.Size(), MaxExportBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxExportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading site export %s: %w", path, err)
	}
	if len(data) > MaxExportBytes {
		return nil, fmt.Errorf("%s: a site export may be at most %d bytes", path, MaxExportBytes)
	}
	return data, nil
}

// Decode reads an export strictly: malformed JSON, a value of the wrong type or a file that is not a
// pushlint site export is an *Error with the line and column. UTF-8 (with or without a byte order mark)
// and UTF-16 with a byte order mark (what PowerShell's Out-File writes) are read.
func Decode(file string, data []byte) (*Export, error) {
	text, err := utf8Text(file, data)
	if err != nil {
		return nil, err
	}
	at := func(off int64) Position { return position(file, text, off) }
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, &Error{at(0), "file is empty; expected a site export written by Export-PushlintSite.ps1"}
	}
	exp := &Export{File: file}
	if err := json.Unmarshal(text, exp); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			off := se.Offset - 1
			if off < 0 {
				off = 0
			}
			return nil, &Error{at(off), "malformed JSON: " + strings.TrimPrefix(se.Error(), "json: ")}
		case errors.As(err, &te):
			path, start := valueAt(text, te.Offset)
			if path == "" && te.Field == "" {
				return nil, &Error{at(start), fmt.Sprintf("expected a site export (a JSON object with \"format\": %q), found %s", FormatName, te.Value)}
			}
			if path == "" {
				path = te.Field
			}
			return nil, &Error{at(start), fmt.Sprintf("%s: expected %s, found %s", path, jsonKind(te.Type.Kind().String()), te.Value)}
		default:
			return nil, &Error{at(0), err.Error()}
		}
	}
	if exp.Format != FormatName {
		return nil, &Error{at(0), fmt.Sprintf("not a pushlint site export (expected \"format\": %q); write it with scripts/Export-PushlintSite.ps1", FormatName)}
	}
	if exp.FormatVersion != 1 {
		return nil, &Error{at(0), fmt.Sprintf("format_version %d is not supported; this pushlint reads version 1", exp.FormatVersion)}
	}
	for i, off := range itemOffsets(text) {
		if i < len(exp.Items) {
			exp.Items[i].Pos = at(off)
		}
	}
	return exp, nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int64", "int", "uint32":
		return "a whole number"
	case "bool":
		return "true or false"
	case "string":
		return "a string"
	case "slice":
		return "an array"
	case "struct", "map":
		return "an object"
	}
	return goKind
}

// utf8Text returns data as UTF-8 without a byte order mark.
func utf8Text(file string, data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		var order binary.ByteOrder = binary.LittleEndian
		if data[0] == 0xFE {
			order = binary.BigEndian
		}
		body := data[2:]
		if len(body)%2 != 0 {
			return nil, &Error{Position{file, 1, 1}, "UTF-16 file with an odd number of bytes (cut off?)"}
		}
		units := make([]uint16, len(body)/2)
		for i := range units {
			units[i] = order.Uint16(body[2*i:])
		}
		return []byte(string(utf16.Decode(units))), nil
	}
	if !utf8.Valid(data) {
		bad := 0
		for bad < len(data) {
			r, n := utf8.DecodeRune(data[bad:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			bad += n
		}
		return nil, &Error{position(file, data, int64(bad)), "invalid UTF-8; the export script writes UTF-8 (save the file as UTF-8 or UTF-16 with a byte order mark)"}
	}
	return data, nil
}

// position turns a byte offset into a line and a column counted in characters.
func position(file string, text []byte, off int64) Position {
	if off > int64(len(text)) {
		off = int64(len(text))
	}
	before := text[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return Position{File: file, Line: line, Column: utf8.RuneCount(before[lineStart:]) + 1}
}

// walkJSON calls visit for every value of a valid JSON text with its path (items[3].Props[0].Value) and its
// start and end offsets. visit returns false to stop.
func walkJSON(text []byte, visit func(path string, start, end int64) bool) {
	type frame struct {
		path    string
		start   int64
		array   bool
		index   int
		wantKey bool
		key     string
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var stack []*frame
	prevEnd := int64(0)
	valueStart := func() int64 {
		i := prevEnd
		for i < int64(len(text)) && strings.IndexByte(" \t\r\n,:", text[i]) >= 0 {
			i++
		}
		return i
	}
	childPath := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if f.array {
			return fmt.Sprintf("%s[%d]", f.path, f.index)
		}
		if f.path == "" {
			return f.key
		}
		return f.path + "." + f.key
	}
	advance := func() { // a value of the top frame is complete
		if len(stack) == 0 {
			return
		}
		f := stack[len(stack)-1]
		if f.array {
			f.index++
		} else {
			f.wantKey = true
		}
	}
	for {
		start := valueStart()
		tok, err := dec.Token()
		if err != nil {
			return
		}
		end := dec.InputOffset()
		prevEnd = end
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				stack = append(stack, &frame{path: childPath(), start: start, array: d == '[', wantKey: d == '{'})
			case '}', ']':
				f := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if !visit(f.path, f.start, end) {
					return
				}
				advance()
			}
			continue
		}
		if len(stack) > 0 && !stack[len(stack)-1].array && stack[len(stack)-1].wantKey {
			f := stack[len(stack)-1]
			f.key, _ = tok.(string)
			f.wantKey = false
			continue
		}
		if !visit(childPath(), start, end) {
			return
		}
		advance()
	}
}

// valueAt finds the value encoding/json names in a type error by its offset, which is the end of a
// scalar or just after the opening bracket of an object or array, and returns its path and start.
func valueAt(text []byte, off int64) (string, int64) {
	path, start := "", off
	walkJSON(text, func(p string, s, e int64) bool {
		container := s < int64(len(text)) && (text[s] == '{' || text[s] == '[')
		if (!container && e == off) || (container && s+1 == off) {
			path, start = p, s
			return false
		}
		return true
	})
	return path, start
}

// itemOffsets returns where each element of the top-level "items" array starts.
func itemOffsets(text []byte) []int64 {
	var offs []int64
	walkJSON(text, func(p string, s, _ int64) bool {
		if len(p) > 6 && strings.EqualFold(p[:6], "items[") && strings.IndexAny(p[6:], ".[") < 0 {
			offs = append(offs, s)
		}
		return true
	})
	return offs
}
