package clients

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pushlint/pushlint/internal/termsafe"
)

// loadJSON reads a JSON array of objects whose keys are column titles, or a single such object (Windows
// PowerShell's ConvertTo-Json writes a bare object when a query returns one result).
//
// It reads the text twice, one record at a time: first for the header (the union of every record's keys, in
// order of first appearance, which is known only at the end), then for the values. Nothing of a record is
// kept but the Client it becomes, so memory grows with the records, not with their text.
func loadJSON(file, text string) (*Export, error) {
	lines := &lineCursor{text: text}
	var errs errorList
	h := newHeader(file)
	keyField := map[string]*fieldSpec{}
	var keys []string
	var lim limits
	err := eachRecord(file, text, lines, func(raw json.RawMessage, loc Location) error {
		if err := lim.record(loc); err != nil {
			return err
		}
		ks, err := objectKeys(raw)
		if err != nil {
			errs.add(loc, "expected an object with one key per column, got %s", describeJSON(raw))
			return nil
		}
		for _, k := range ks {
			if _, seen := keyField[k]; seen {
				continue
			}
			if len(keys) == MaxColumns {
				return tooManyColumns(loc)
			}
			f, _ := h.use(k, loc.Line, loc.Column)
			keyField[k] = f
			keys = append(keys, k)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	if err := h.requireName(Location{File: file, Line: 1, Column: 1}, keys); err != nil {
		return nil, err
	}
	exp := &Export{Source: h.source("json"), Clients: []Client{}}
	lim = limits{}
	err = eachRecord(file, text, lines, func(raw json.RawMessage, loc Location) error {
		if errs.full() {
			return errStop
		}
		obj, order, err := decodeObject(raw)
		if err != nil {
			return err // the first pass read the same text
		}
		var row bytes.Buffer
		if json.Compact(&row, raw) != nil {
			row.Reset()
		}
		c := newClient(loc, lim.row(row.String()))
		for _, k := range order {
			f := keyField[k]
			if f == nil {
				continue
			}
			if err := c.setJSON(f, obj[k], &lim); err != nil {
				errs.add(loc, "%s: %v", k, err)
				if lim.spent {
					return errStop
				}
			}
			c.placeDates(k, loc)
		}
		if c.Name == "" {
			errs.add(loc, "record has no machine name (key %q is missing or empty)", h.columns["name"])
			return nil
		}
		exp.Clients = append(exp.Clients, c)
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return nil, err
	}
	if lim.spent {
		return nil, errs.only()
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	exp.Source.Notes = append(exp.Source.Notes, lim.notes(file)...)
	return exp, nil
}

// errStop ends a walk over the records early.
var errStop = errors.New("stop")

// eachRecord calls fn with each record of the export (each element of the top-level array, or the one
// object) and where it starts, in file order. Errors of the JSON itself are positioned.
func eachRecord(file, text string, lines *lineCursor, fn func(json.RawMessage, Location) error) error {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return jsonError(file, text, lines, dec, err)
	}
	at := func(off int64) Location {
		line, col := lines.position(off)
		return Location{File: file, Line: line, Column: col}
	}
	switch tok {
	case json.Delim('['):
		for dec.More() {
			off := skipToValue(text, dec.InputOffset())
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return jsonError(file, text, lines, dec, err)
			}
			if err := fn(raw, at(off)); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return jsonError(file, text, lines, dec, err)
		}
	case json.Delim('{'):
		dec = json.NewDecoder(strings.NewReader(text))
		dec.UseNumber()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return jsonError(file, text, lines, dec, err)
		}
		if err := fn(raw, at(skipToValue(text, 0))); err != nil {
			return err
		}
	default:
		return fmt.Errorf("%s:1:1: expected a JSON array of client records", file)
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := lines.position(dec.InputOffset())
		return fmt.Errorf("%s:%d:%d: text after the end of the JSON value", file, line, col)
	}
	return nil
}

// objectKeys returns the keys of a JSON object in document order, without keeping its values.
func objectKeys(raw json.RawMessage) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, errors.New("not an object")
	}
	var keys []string
	seen := map[string]bool{}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := kt.(string)
		if err := skipJSONValue(dec); err != nil {
			return nil, err
		}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// skipJSONValue reads past one value token by token, allocating nothing for it.
func skipJSONValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
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
func (c *Client) setJSON(f *fieldSpec, raw json.RawMessage, lim *limits) error {
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
		return c.setText(f, strings.TrimSpace(x), lim)
	case bool:
		if f.kind != kindBool {
			return fmt.Errorf("%v is a boolean; expected %s", x, kindName(f.kind))
		}
		c.setBool(f.name, x)
		return nil
	case json.Number:
		if f.kind == kindBool || f.kind == kindInt || f.kind == kindText {
			return c.setText(f, x.String(), lim)
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
				return fmt.Errorf("list item %v is not a string", termsafe.Capped(fmt.Sprint(item)))
			}
			if err := lim.value(s); err != nil {
				return err
			}
			parts, err := splitList(strings.TrimSpace(s))
			if err != nil {
				return err
			}
			items = append(items, parts...)
			if len(items) > MaxItemsPerValue {
				break // listItems says so
			}
		}
		if err := lim.listItems(len(items)); err != nil {
			return err
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

func jsonError(file string, text string, lines *lineCursor, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	// A streaming decoder counts offsets from where its current value began; checking the whole text
	// again gives the offset in the file, which is what a person looking for the mistake needs. Unmarshal
	// checks the syntax of all of it before decoding anything, and into an empty struct decodes nothing.
	var v struct{}
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

// lineCursor turns byte offsets into 1-based line and column numbers. Offsets come mostly in increasing
// order (record after record), so it counts the lines between the last offset and the next instead of
// indexing every line of the file (an index of a file of 64 MiB of line ends would cost half a gigabyte).
type lineCursor struct {
	text      string
	off       int // the last offset asked for
	line      int // its line, from 0
	lineStart int // where that line starts
}

func (l *lineCursor) position(off int64) (int, int) {
	o := min(max(int(off), 0), len(l.text))
	if o < l.off {
		l.off, l.line, l.lineStart = 0, 0, 0
	}
	seg := l.text[l.off:o]
	if n := strings.Count(seg, "\n"); n > 0 {
		l.line += n
		l.lineStart = l.off + strings.LastIndexByte(seg, '\n') + 1
	}
	l.off = o
	return l.line + 1, o - l.lineStart + 1
}
