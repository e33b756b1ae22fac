package clients

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// loadJSON reads a JSON array of objects whose keys are column titles, or a single such object (Windows
// PowerShell's ConvertTo-Json writes a bare object when a query returns one result).
func loadJSON(file, text string) (*Export, error) {
	lines := newLineIndex(text)
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var errs errorList

	var raws []json.RawMessage
	var offsets []int64
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(file, text, lines, dec, err)
	}
	switch tok {
	case json.Delim('['):
		for dec.More() {
			off := dec.InputOffset()
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, jsonError(file, text, lines, dec, err)
			}
			raws = append(raws, raw)
			offsets = append(offsets, skipToValue(text, off))
		}
		if _, err := dec.Token(); err != nil {
			return nil, jsonError(file, text, lines, dec, err)
		}
	case json.Delim('{'):
		var raw json.RawMessage
		dec = json.NewDecoder(strings.NewReader(text))
		dec.UseNumber()
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonError(file, text, lines, dec, err)
		}
		raws, offsets = []json.RawMessage{raw}, []int64{skipToValue(text, 0)}
	default:
		return nil, fmt.Errorf("%s:1:1: expected a JSON array of client records", file)
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := lines.position(dec.InputOffset())
		return nil, fmt.Errorf("%s:%d:%d: text after the end of the JSON value", file, line, col)
	}

	// The header is the union of every record's keys, in order of first appearance.
	h := newHeader(file)
	keyField := map[string]*fieldSpec{}
	var keys []string
	objects := make([]map[string]json.RawMessage, len(raws))
	order := make([][]string, len(raws))
	for i, raw := range raws {
		line, col := lines.position(offsets[i])
		obj, ks, err := decodeObject(raw)
		if err != nil {
			errs.add(Location{File: file, Line: line, Column: col}, "expected an object with one key per column, got %s", describeJSON(raw))
			continue
		}
		objects[i], order[i] = obj, ks
		for _, k := range ks {
			if _, seen := keyField[k]; seen {
				continue
			}
			if len(keys) == MaxColumns {
				return nil, tooManyColumns(Location{File: file, Line: line, Column: col})
			}
			f, _ := h.use(k, line, col)
			keyField[k] = f
			keys = append(keys, k)
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	if err := h.requireName(Location{File: file, Line: 1, Column: 1}, keys); err != nil {
		return nil, err
	}
	exp := &Export{Source: h.source("json"), Clients: []Client{}}
	for i, obj := range objects {
		if errs.full() {
			break
		}
		line, col := lines.position(offsets[i])
		loc := Location{File: file, Line: line, Column: col}
		var row bytes.Buffer
		if json.Compact(&row, raws[i]) != nil {
			row.Reset()
		}
		c := newClient(loc, row.String())
		for _, k := range order[i] {
			f := keyField[k]
			if f == nil {
				continue
			}
			if err := c.setJSON(f, obj[k]); err != nil {
				errs.add(loc, "%s: %v", k, err)
			}
		}
		if c.Name == "" {
			errs.add(loc, "record has no machine name (key %q is missing or empty)", h.columns["name"])
			continue
		}
		exp.Clients = append(exp.Clients, c)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return exp, nil
}

// decodeObject returns the members of a JSON object and its keys in document order (map order would make
// "which column was used" depend on chance).
func decodeObject(raw json.RawMessage) (map[string]json.RawMessage, []string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, nil, errors.New("not an object")
	}
	obj := map[string]json.RawMessage{}
	var keys []string
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := kt.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if _, dup := obj[k]; !dup {
			keys = append(keys, k)
		}
		obj[k] = v
	}
	return obj, keys, nil
}

// setJSON stores one JSON member. Strings go through the same parsing as CSV cells; booleans, numbers,
// arrays and null are taken as they are where the field allows them.
func (c *Client) setJSON(f *fieldSpec, raw json.RawMessage) error {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	// Windows PowerShell serializes some arrays as {"value": [...], "Count": n}.
	if m, ok := v.(map[string]any); ok {
		if inner, ok := m["value"]; ok {
			v = inner
		}
	}
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return c.setText(f, strings.TrimSpace(x))
	case bool:
		if f.kind != kindBool {
			return fmt.Errorf("%v is a boolean; expected %s", x, kindName(f.kind))
		}
		c.setBool(f.name, x)
		return nil
	case json.Number:
		if f.kind == kindBool || f.kind == kindInt || f.kind == kindText {
			return c.setText(f, x.String())
		}
		return fmt.Errorf("%s is a number; expected %s", x, kindName(f.kind))
	case []any:
		if !f.isList() {
			return fmt.Errorf("a list is not allowed here; expected %s", kindName(f.kind))
		}
		var items []string
		for _, item := range x {
			s, ok := item.(string)
			if !ok {
				return fmt.Errorf("list item %v is not a string", item)
			}
			parts, err := splitList(strings.TrimSpace(s))
			if err != nil {
				return err
			}
			items = append(items, parts...)
		}
		return c.setList(f, items)
	}
	return fmt.Errorf("an object is not allowed here; expected %s", kindName(f.kind))
}

func kindName(k valueKind) string {
	switch k {
	case kindBool:
		return "Yes/No, true/false or 1/0"
	case kindInt:
		return "a whole number"
	case kindTime:
		return "a date and time as text"
	case kindAddresses:
		return "IP addresses"
	case kindSubnets:
		return "IP subnets"
	case kindIPv6Prefixes:
		return "IPv6 prefixes"
	}
	return "text"
}

func describeJSON(raw json.RawMessage) string {
	s := strings.TrimSpace(string(raw))
	switch {
	case s == "null":
		return "null"
	case strings.HasPrefix(s, "["):
		return "a list"
	case strings.HasPrefix(s, `"`):
		return "a string"
	case s == "true" || s == "false":
		return "a boolean"
	}
	return "a number"
}

func jsonError(file string, text string, lines lineIndex, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	// A streaming decoder counts offsets from where its current value began; decoding the whole text
	// again gives the offset in the file, which is what a person looking for the mistake needs.
	var v any
	var se *json.SyntaxError
	if full := json.Unmarshal([]byte(text), &v); errors.As(full, &se) {
		err, off = full, max(se.Offset-1, 0)
	}
	line, col := lines.position(off)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input") {
		return fmt.Errorf("%s:%d:%d: the JSON ends early; expected a complete array of client records", file, line, col)
	}
	return fmt.Errorf("%s:%d:%d: invalid JSON: %v", file, line, col, err)
}

// skipToValue moves past the blanks and the comma between array elements, to where the value starts.
func skipToValue(text string, off int64) int64 {
	for int(off) < len(text) && strings.ContainsRune(" \t\r\n,", rune(text[off])) {
		off++
	}
	return off
}

// lineIndex turns byte offsets into 1-based line and column numbers.
type lineIndex []int // offset of each line's first byte

func newLineIndex(text string) lineIndex {
	idx := lineIndex{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) position(off int64) (int, int) {
	i := sort.Search(len(l), func(i int) bool { return int64(l[i]) > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, int(off) - l[i] + 1
}
