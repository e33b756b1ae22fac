package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// InputValue turns the input document (Go structs with json tags, as facts builds it, or the generic maps
// and slices tests write) into the value Rego evaluates, in one pass. Encoding it to JSON, decoding that and
// converting the result would build the document three times; on a site with a million log events that is
// most of the time before the first rule runs. Keys and omitted fields follow encoding/json's rules for the
// tags the document uses (a name, "-", omitempty), so `pushlint facts` prints exactly what policies see.
func InputValue(v any) (ast.Value, error) {
	if av, ok := v.(ast.Value); ok {
		return av, nil
	}
	return toValue(reflect.ValueOf(v))
}

// inputValueReusing converts one document of a sequence of batches: the top-level keys not named in split
// are the same in every batch, so their terms are taken from reuse (those of the first batch) instead of
// being built again. It returns the value and its top-level terms, for the next batches.
func inputValueReusing(doc any, reuse map[string]*ast.Term, split []string) (ast.Value, map[string]*ast.Term, error) {
	return inputValueKeeping(doc, reuse, split, nil)
}

// inputValueOnly converts the whole document for packages that read what reads says: of the split keys only
// those they read, the other keys taken from reuse.
func inputValueOnly(doc any, reuse map[string]*ast.Term, split []string, reads inputReads) (ast.Value, error) {
	v, _, err := inputValueKeeping(doc, reuse, split, func(key string) bool { return reads.whole || reads.keys[key] })
	return v, err
}

// inputValueKeeping is inputValueReusing that leaves out the split keys keep (when given) does not keep.
func inputValueKeeping(doc any, reuse map[string]*ast.Term, split []string, keep func(string) bool) (ast.Value, map[string]*ast.Term, error) {
	if av, ok := doc.(ast.Value); ok {
		return av, nil, nil
	}
	v := reflect.ValueOf(doc)
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || v.Kind() != reflect.Struct {
		av, err := toValue(v)
		return av, nil, err
	}
	var c converter
	isSplit := map[string]bool{}
	for _, k := range split {
		isSplit[k] = true
	}
	fields := structFields(v.Type())
	terms := make(map[string]*ast.Term, len(fields))
	pairs := make([][2]*ast.Term, 0, len(fields))
	for _, f := range fields {
		fv := v.FieldByIndex(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if keep != nil && isSplit[f.name] && !keep(f.name) {
			continue
		}
		t, ok := reuse[f.name]
		if !ok || isSplit[f.name] {
			var err error
			if t, err = c.term(fv); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", f.name, err)
			}
		}
		terms[f.name] = t
		pairs = append(pairs, [2]*ast.Term{f.key, t})
	}
	return ast.NewObject(pairs...), terms, nil
}

// converter builds the terms of one document. Values that repeat across the objects of a document (machine
// and file names, event types, roles, small numbers, booleans, null, the empty array) are one shared term:
// evaluation never changes an input term (OPA shares its interned terms itself), a log with a million events
// names the same few hundred things over and over, and a client record of an export has a dozen fields that
// are null or false.
type converter struct {
	strings map[string]*ast.Term
}

// internLimits: strings longer than this are rarely repeated (messages, rows), and the table stops growing
// at so many entries.
const (
	internMaxLen  = 64
	internEntries = 1 << 16
)

func (c *converter) str(s string) *ast.Term {
	if len(s) > internMaxLen {
		return ast.StringTerm(s)
	}
	if t, ok := c.strings[s]; ok {
		return t
	}
	t := ast.StringTerm(s)
	if c.strings == nil {
		c.strings = make(map[string]*ast.Term)
	}
	if len(c.strings) < internEntries {
		c.strings[s] = t
	}
	return t
}

func toValue(v reflect.Value) (ast.Value, error) {
	var c converter
	t, err := c.term(v)
	if err != nil {
		return nil, err
	}
	return t.Value, nil
}

func (c *converter) term(v reflect.Value) (*ast.Term, error) {
	if !v.IsValid() {
		return ast.InternedNullTerm, nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return ast.InternedNullTerm, nil
		}
		return c.term(v.Elem())
	case reflect.String:
		if v.Type() == jsonNumberType {
			return ast.NumberTerm(json.Number(v.String())), nil
		}
		return c.str(v.String()), nil
	case reflect.Bool:
		return ast.InternedTerm(v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if i := v.Int(); i >= -1 && i <= 512 {
			return ast.InternedTerm(int(i)), nil
		}
		return ast.NewTerm(ast.Number(strconv.FormatInt(v.Int(), 10))), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u := v.Uint(); u <= 512 {
			return ast.InternedTerm(int(u)), nil
		}
		return ast.NewTerm(ast.Number(strconv.FormatUint(v.Uint(), 10))), nil
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("input document holds %v, which JSON cannot carry", f)
		}
		return ast.NewTerm(ast.Number(strconv.FormatFloat(f, 'g', -1, 64))), nil
	case reflect.Slice:
		if v.IsNil() {
			return ast.InternedNullTerm, nil // as encoding/json writes a nil slice
		}
		fallthrough
	case reflect.Array:
		if v.Len() == 0 {
			return ast.InternedEmptyArray, nil
		}
		terms := make([]*ast.Term, v.Len())
		for i := range terms {
			x, err := c.term(v.Index(i))
			if err != nil {
				return nil, err
			}
			terms[i] = x
		}
		return ast.NewTerm(ast.NewArray(terms...)), nil
	case reflect.Map:
		if v.IsNil() {
			return ast.InternedNullTerm, nil
		}
		if v.Type().Key().Kind() != reflect.String {
			return nil, fmt.Errorf("input document has a map with %s keys; JSON objects have string keys", v.Type().Key())
		}
		pairs := make([][2]*ast.Term, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			x, err := c.term(it.Value())
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, [2]*ast.Term{c.str(it.Key().String()), x})
		}
		return ast.NewTerm(ast.NewObject(pairs...)), nil
	case reflect.Struct:
		fields := structFields(v.Type())
		pairs := make([][2]*ast.Term, 0, len(fields))
		for _, f := range fields {
			fv := v.FieldByIndex(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			x, err := c.term(fv)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f.name, err)
			}
			pairs = append(pairs, [2]*ast.Term{f.key, x})
		}
		return ast.NewTerm(ast.NewObject(pairs...)), nil
	}
	return nil, fmt.Errorf("input document holds a Go %s, which has no JSON form", v.Type())
}

var jsonNumberType = reflect.TypeOf(json.Number(""))

type field struct {
	name      string
	key       *ast.Term
	index     []int
	omitEmpty bool
}

// fieldCache holds each struct type's fields as encoding/json sees them, worked out once per type.
var fieldCache sync.Map // reflect.Type → []field

func structFields(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			for _, inner := range structFields(sf.Type) {
				inner.index = append([]int{i}, inner.index...)
				fs = append(fs, inner)
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		fs = append(fs, field{name: name, key: ast.StringTerm(name), index: []int{i}, omitEmpty: strings.Contains(","+opts+",", ",omitempty,")})
	}
	fieldCache.Store(t, fs)
	return fs
}

// isEmpty is encoding/json's notion of an empty value for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
