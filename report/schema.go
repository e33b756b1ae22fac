package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/pushlint/pushlint/internal/strictyaml"
)

// Schema is the JSON Schema of the JSON report (schema/report.schema.json): what `--format json` writes
// (tested on every kind of report) and what `--baseline` must be.
//
//go:embed schema/report.schema.json
var Schema []byte

const schemaURL = "https://pushlint.dev/schema/report-v1.json"

// reportSchemas are the compiled schema of the report, of one finding and of each top-level key, so that a
// baseline can be checked one finding at a time.
type reportSchemas struct {
	root    *jsonschema.Schema
	finding *jsonschema.Schema
	keys    map[string]*jsonschema.Schema
}

var compiledSchemas = sync.OnceValues(func() (*reportSchemas, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
	if err != nil {
		return nil, fmt.Errorf("report schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("report schema: %w", err)
	}
	s := &reportSchemas{keys: map[string]*jsonschema.Schema{}}
	if s.root, err = c.Compile(schemaURL); err != nil {
		return nil, fmt.Errorf("report schema: %w", err)
	}
	if s.finding, err = c.Compile(schemaURL + "#/definitions/finding"); err != nil {
		return nil, fmt.Errorf("report schema: %w", err)
	}
	for key := range s.root.Properties {
		if s.keys[key], err = c.Compile(schemaURL + "#/properties/" + key); err != nil {
			return nil, fmt.Errorf("report schema: %w", err)
		}
	}
	return s, nil
})

// ValidateJSON checks a whole JSON report against Schema; errors are file:line:column.
func ValidateJSON(file string, data []byte) error {
	s, err := compiledSchemas()
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return jsonSyntaxError(file, data, err)
	}
	errs := &jsonErrors{file: file, data: data}
	errs.validation(s.root.Validate(v), 0, data, nil)
	return errs.err()
}

// maxJSONErrors bounds the errors reported about one file: past that, more only repeat the same mistake.
const maxJSONErrors = 20

// jsonErrors collects positioned errors about a JSON file.
type jsonErrors struct {
	file  string
	data  []byte
	errs  strictyaml.Errors
	lines []int // offset of each line's first byte, built on first use
}

func (e *jsonErrors) full() bool { return len(e.errs) >= maxJSONErrors }

func (e *jsonErrors) add(off int64, format string, args ...any) {
	if e.full() {
		return
	}
	if e.lines == nil {
		e.lines = []int{0}
		for i, c := range e.data {
			if c == '\n' {
				e.lines = append(e.lines, i+1)
			}
		}
	}
	i := sort.Search(len(e.lines), func(i int) bool { return int64(e.lines[i]) > off }) - 1
	i = max(i, 0)
	col := len([]rune(string(e.data[e.lines[i]:min(int(off), len(e.data))]))) + 1
	e.errs = append(e.errs, &strictyaml.Error{
		Location: strictyaml.Location{File: e.file, Line: i + 1, Column: col},
		Message:  oneLine(fmt.Sprintf(format, args...)),
	})
}

func (e *jsonErrors) err() error {
	if len(e.errs) == 0 {
		return nil
	}
	sort.SliceStable(e.errs, func(i, j int) bool {
		a, b := e.errs[i], e.errs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return e.errs
}

var printer = message.NewPrinter(language.English)

// validation adds the leaf errors of a schema validation of value (the JSON text raw, which starts at offset
// start of the file; prefix is its JSON pointer in the file), each at the position of the value it is about.
func (e *jsonErrors) validation(err error, start int64, raw []byte, prefix []string) {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		if err != nil {
			e.add(start, "%v", err)
		}
		return
	}
	var leaves []*jsonschema.ValidationError
	var walk func(*jsonschema.ValidationError)
	walk = func(v *jsonschema.ValidationError) {
		if len(v.Causes) == 0 {
			leaves = append(leaves, v)
			return
		}
		for _, c := range v.Causes {
			walk(c)
		}
	}
	walk(ve)
	for _, l := range leaves {
		if _, group := l.ErrorKind.(*kind.Group); group {
			continue
		}
		path := append(append([]string{}, prefix...), l.InstanceLocation...)
		off := start + locate(raw, l.InstanceLocation)
		e.add(off, "%s: %s", describePath(path), l.ErrorKind.LocalizedString(printer))
	}
}

// describePath writes a JSON pointer the way a person reads it: findings[3].subject.id.
func describePath(path []string) string {
	if len(path) == 0 {
		return "the report"
	}
	var b strings.Builder
	for i, p := range path {
		switch {
		case isIndex(p):
			b.WriteString("[" + p + "]")
		case i == 0:
			b.WriteString(p)
		default:
			b.WriteString("." + p)
		}
	}
	return b.String()
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// locate returns the offset in data of the value at the JSON pointer path (data must be valid JSON); the
// start of the deepest value found when the path goes further than the data.
func locate(data []byte, path []string) int64 {
	dec := json.NewDecoder(bytes.NewReader(data))
	here := skipBlanks(data, 0)
	for _, want := range path {
		tok, err := dec.Token()
		if err != nil {
			return here
		}
		switch tok {
		case json.Delim('{'):
			found := false
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return here
				}
				if k == want {
					here, found = skipBlanks(data, dec.InputOffset()), true
					break
				}
				if err := skipValue(dec); err != nil {
					return here
				}
			}
			if !found {
				return here
			}
		case json.Delim('['):
			found := false
			for i := 0; dec.More(); i++ {
				if fmt.Sprint(i) == want {
					here, found = skipBlanks(data, dec.InputOffset()), true
					break
				}
				if err := skipValue(dec); err != nil {
					return here
				}
			}
			if !found {
				return here
			}
		default:
			return here
		}
	}
	return here
}

func skipValue(dec *json.Decoder) error {
	var raw json.RawMessage
	return dec.Decode(&raw)
}

// skipBlanks moves past white space and the ':' or ',' before a value.
func skipBlanks(data []byte, off int64) int64 {
	for int(off) < len(data) && strings.IndexByte(" \t\r\n,:", data[off]) >= 0 {
		off++
	}
	return off
}

// jsonSyntaxError positions a JSON syntax error.
func jsonSyntaxError(file string, data []byte, err error) error {
	e := &jsonErrors{file: file, data: data}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		e.add(max(se.Offset-1, 0), "invalid JSON: %v", se)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		e.add(int64(len(data)), "the JSON ends early")
	default:
		e.add(0, "invalid JSON: %v", err)
	}
	return e.err()
}

func oneLine(s string) string { return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s) }
