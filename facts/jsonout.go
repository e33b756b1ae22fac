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

// appendEvent appends one event as encodeIndented would, at depth indent.
func appendEvent(b []byte, e *signatures.Event, indent string) []byte {
	in := indent + "  "
	key := func(b []byte, k string) []byte {
		b = append(b, in...)
		return jsonappend.Key(b, k)
	}
	str := func(b []byte, k, v string) []byte {
		b = key(b, k)
		b = append(b, ' ')
		b = jsonappend.Text(b, v)
		return append(b, ",\n"...)
	}
	num := func(b []byte, k string, n int64) []byte {
		b = key(b, k)
		b = append(b, ' ')
		b = jsonappend.Int(b, n)
		return append(b, ",\n"...)
	}
	boolean := func(b []byte, k string, v bool) []byte {
		b = key(b, k)
		b = append(b, ' ')
		b = jsonappend.Bool(b, v)
		return append(b, ",\n"...)
	}
	b = append(b, indent...)
	b = append(b, "{\n"...)
	b = num(b, "seq", int64(e.Seq))
	b = str(b, "type", e.Type)
	b = str(b, "signature", e.Signature)
	b = str(b, "role", e.Role)
	b = boolean(b, "clears_failures", e.ClearsFailures)
	b = str(b, "machine", e.Machine)
	b = num(b, "attempt", int64(e.Attempt))
	b = str(b, "file", e.File)
	b = num(b, "line", int64(e.Line))
	b = num(b, "end_line", int64(e.EndLine))
	b = str(b, "log_kind", e.LogKind)
	b = str(b, "component", e.Component)
	b = num(b, "thread", int64(e.Thread))
	b = str(b, "time", e.Time)
	b = num(b, "time_seconds", e.TimeSeconds)
	b = boolean(b, "has_time", e.HasTime)
	b = boolean(b, "time_zone_known", e.TimeZoneKnown)
	b = str(b, "text", e.Text)
	b = key(b, "fields")
	b = append(b, ' ')
	b = appendFields(b, e.Fields, in)
	b = append(b, ",\n"...)
	b = key(b, "before")
	b = append(b, ' ')
	switch {
	case e.Before == nil:
		b = append(b, "null"...)
	case len(e.Before) == 0:
		b = append(b, "[]"...)
	default:
		b = append(b, "[\n"...)
		for i, l := range e.Before {
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
			if i < len(e.Before)-1 {
				b = append(b, ',')
			}
			b = append(b, '\n')
		}
		b = append(b, in...)
		b = append(b, ']')
	}
	b = append(b, '\n')
	b = append(b, indent...)
	return append(b, '}')
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
		switch v := fields[k].(type) {
		case string:
			b = jsonappend.Text(b, v)
		case int64:
			b = jsonappend.Int(b, v)
		case int:
			b = jsonappend.Int(b, int64(v))
		default:
			var buf bytes.Buffer
			_ = encodeIndented(&buf, v, indent+"  ")
			b = append(b, buf.Bytes()...)
		}
		if i < len(keys)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	b = append(b, indent...)
	return append(b, '}')
}
