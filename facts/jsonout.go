package facts

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/pushlint/pushlint/facts/signatures"
	"github.com/pushlint/pushlint/internal/jsonappend"
)

// WriteJSON writes the document as indented JSON (two spaces, HTML not escaped): the bytes a json.Encoder
// with those settings writes, but streamed, one value at a time, without holding the whole text, and with
// the events, which are most of it, appended by hand instead of by reflection.
func (d *Document) WriteJSON(out io.Writer) error {
	w := bufio.NewWriterSize(out, 1<<20)
	v := reflect.ValueOf(d).Elem()
	t := v.Type()
	w.WriteString("{\n")
	first := true
	var b []byte
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if !first {
			w.WriteString(",\n")
		}
		first = false
		w.WriteString(`  "` + name + `": `)
		fv := v.Field(i)
		switch {
		case name == "events":
			if len(d.Events) == 0 {
				if d.Events == nil {
					w.WriteString("null")
				} else {
					w.WriteString("[]")
				}
				continue
			}
			w.WriteString("[\n")
			for j := range d.Events {
				b = appendEvent(b[:0], &d.Events[j], "    ")
				if j < len(d.Events)-1 {
					b = append(b, ',')
				}
				b = append(b, '\n')
				if _, err := w.Write(b); err != nil {
					return err
				}
			}
			w.WriteString("  ]")
		case fv.Kind() == reflect.Slice && fv.Len() > 0:
			// One element at a time: machines and client records can be many.
			w.WriteString("[\n")
			for j := 0; j < fv.Len(); j++ {
				w.WriteString("    ")
				if err := encodeIndented(w, fv.Index(j).Interface(), "    "); err != nil {
					return err
				}
				if j < fv.Len()-1 {
					w.WriteByte(',')
				}
				w.WriteByte('\n')
			}
			w.WriteString("  ]")
		default:
			if err := encodeIndented(w, fv.Interface(), "  "); err != nil {
				return err
			}
		}
	}
	w.WriteString("\n}\n")
	return w.Flush()
}

// encodeIndented writes v as a json.Encoder indenting by two spaces at the given depth does, without the
// final line break.
func encodeIndented(w io.Writer, v any, prefix string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}))
	return err
}

// eventFields are the JSON fields of an event, in order, as encoding/json sees the struct: worked out
// once, so that a field added to signatures.Event is written without a change here.
var eventFields = func() []jsonField {
	t := reflect.TypeOf(signatures.Event{})
	var out []jsonField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() || opts != "" {
			if opts != "" {
				panic("facts: Event field " + f.Name + " has json options WriteJSON does not write")
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, jsonField{name: name, index: i})
	}
	return out
}()

type jsonField struct {
	name  string
	index int
}

// appendEvent appends one event as encodeIndented would, at depth indent.
func appendEvent(b []byte, e *signatures.Event, indent string) []byte {
	in := indent + "  "
	v := reflect.ValueOf(e).Elem()
	b = append(b, indent...)
	b = append(b, "{\n"...)
	for n, f := range eventFields {
		b = append(b, in...)
		b = jsonappend.Key(b, f.name)
		b = append(b, ' ')
		b = appendValue(b, v.Field(f.index).Interface(), in)
		if n < len(eventFields)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	b = append(b, indent...)
	return append(b, '}')
}

// appendValue appends one value of an event (a field of it, or a value in its fields map) at depth indent:
// the types events hold by hand, anything else as encodeIndented writes it.
func appendValue(b []byte, v any, indent string) []byte {
	switch x := v.(type) {
	case string:
		return jsonappend.Text(b, x)
	case int:
		return jsonappend.Int(b, int64(x))
	case int64:
		return jsonappend.Int(b, x)
	case bool:
		return jsonappend.Bool(b, x)
	case map[string]any:
		return appendFields(b, x, indent)
	case []signatures.Line:
		return appendLines(b, x, indent)
	}
	var buf bytes.Buffer
	_ = encodeIndented(&buf, v, indent)
	return append(b, buf.Bytes()...)
}

// appendLines appends an event's lines before it.
func appendLines(b []byte, lines []signatures.Line, in string) []byte {
	switch {
	case lines == nil:
		return append(b, "null"...)
	case len(lines) == 0:
		return append(b, "[]"...)
	}
	b = append(b, "[\n"...)
	for i, l := range lines {
		b = append(b, in+"  {\n"...)
		b = append(b, in+"    "...)
		b = jsonappend.Key(b, "file")
		b = append(b, ' ')
		b = jsonappend.Text(b, l.File)
		b = append(b, ",\n"+in+"    "...)
		b = jsonappend.Key(b, "line")
		b = append(b, ' ')
		b = jsonappend.Int(b, int64(l.Line))
		b = append(b, ",\n"+in+"    "...)
		b = jsonappend.Key(b, "text")
		b = append(b, ' ')
		b = jsonappend.Text(b, l.Text)
		b = append(b, "\n"+in+"  }"...)
		if i < len(lines)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	b = append(b, in...)
	return append(b, ']')
}

// appendFields appends an event's fields, keys sorted, as encoding/json writes a map.
func appendFields(b []byte, fields map[string]any, indent string) []byte {
	if fields == nil {
		return append(b, "null"...)
	}
	if len(fields) == 0 {
		return append(b, "{}"...)
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b = append(b, "{\n"...)
	for i, k := range keys {
		b = append(b, indent+"  "...)
		b = jsonappend.Text(b, k)
		b = append(b, ": "...)
		b = appendValue(b, fields[k], indent+"  ")
		if i < len(keys)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	b = append(b, indent...)
	return append(b, '}')
}
