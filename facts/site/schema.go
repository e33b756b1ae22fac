package site

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/pushlint/pushlint/internal/orderedjson"
)

// SiteSchema generates the JSON Schema of site.yaml from Format, for editors (yaml-language-server) and for
// `pushlint schema`.
func SiteSchema() *orderedjson.Object {
	defs := orderedjson.New().
		Set("duration", orderedjson.New().Set("type", "string").Set("pattern", "^[1-9][0-9]*[mhdw]$").
			Set("description", "A number and a unit: 90m, 36h, 7d, 2w. Plain numbers are not accepted.")).
		Set("server", orderedjson.New().Set("type", "string").Set("minLength", 1).Set("maxLength", 253).
			Set("description", "A NetBIOS or DNS computer name."))
	root := yamlSchema(Format, defs)
	out := orderedjson.New().
		Set("$schema", "http://json-schema.org/draft-07/schema#").
		Set("$id", "https://pushlint.dev/schema/site-v1.json").
		Set("title", "pushlint site description (site.yaml), version 1")
	for _, k := range root.Keys() {
		out.Set(k, root.Get(k))
	}
	return out.Set("definitions", defs)
}

// yamlSchema describes one field of site.yaml; fields with a Ref are described once under definitions.
func yamlSchema(f *Field, defs *orderedjson.Object) *orderedjson.Object {
	if f.Ref != "" {
		if defs.Get(f.Ref) == nil {
			defs.Set(f.Ref, orderedjson.New()) // reserve the place first, so definitions keep the format's order
			defs.Set(f.Ref, yamlBody(f, defs))
		}
		return orderedjson.New().Set("$ref", "#/definitions/"+f.Ref)
	}
	return yamlBody(f, defs)
}

// byConditions narrows a By field for each value of its sibling: "if product is configmgr2007 (or, for the
// sibling's default, left out), security_mode is mixed or native".
func byConditions(obj, f *Field) []*orderedjson.Object {
	if f.By == nil {
		return nil
	}
	sibling := obj.Child(f.By.Key)
	var out []*orderedjson.Object
	for _, v := range sibling.Enum {
		values, ok := f.By.Enum[v]
		if !ok {
			continue
		}
		when := orderedjson.New().Set("properties", orderedjson.New().Set(f.By.Key, orderedjson.New().Set("const", v)))
		if v != sibling.Default {
			when.Set("required", []string{f.By.Key})
		}
		out = append(out, orderedjson.New().Set("if", when).
			Set("then", orderedjson.New().Set("properties", orderedjson.New().Set(f.Key, orderedjson.New().Set("enum", values)))))
	}
	return out
}

func yamlType(name string, nullable bool) any {
	if nullable {
		return []string{name, "null"}
	}
	return name
}

func yamlBody(f *Field, defs *orderedjson.Object) *orderedjson.Object {
	s := orderedjson.New()
	switch f.Kind {
	case KindObject:
		s.Set("type", yamlType("object", f.Nullable)).Set("additionalProperties", false)
		var required []string
		props := orderedjson.New()
		for _, c := range f.Fields {
			if c.Required {
				required = append(required, c.Key)
			}
			props.Set(c.Key, yamlSchema(c, defs))
		}
		if len(required) > 0 {
			s.Set("required", required)
		}
		var conditions []*orderedjson.Object
		for key, when := range f.RequiredWhen {
			conditions = append(conditions, orderedjson.New().
				Set("if", orderedjson.New().Set("required", []string{when[0]}).
					Set("properties", orderedjson.New().Set(when[0], orderedjson.New().Set("const", when[1])))).
				Set("then", orderedjson.New().Set("required", []string{key}).
					Set("properties", orderedjson.New().Set(key, orderedjson.New().Set("type", "string")))))
		}
		for _, c := range f.Fields {
			conditions = append(conditions, byConditions(f, c)...)
		}
		switch len(conditions) {
		case 0:
		case 1:
			s.Set("if", conditions[0].Get("if")).Set("then", conditions[0].Get("then"))
		default:
			s.Set("allOf", conditions)
		}
		s.Set("properties", props)
	case KindList:
		s.Set("type", yamlType("array", f.Nullable))
		if f.MinItems > 0 {
			s.Set("minItems", f.MinItems)
		}
		if f.Unique {
			s.Set("uniqueItems", true)
		}
		s.Set("items", yamlSchema(f.Item, defs))
	case KindString:
		s.Set("type", yamlType("string", f.Nullable))
		if f.NonEmpty {
			s.Set("minLength", 1)
		}
		if f.Pattern != "" {
			s.Set("pattern", f.Pattern)
		}
		if f.Not != "" {
			s.Set("not", orderedjson.New().Set("pattern", f.Not))
		}
	case KindBool:
		s.Set("type", "boolean")
	case KindEnum:
		s.Set("enum", f.Enum)
	case KindDuration:
		s.Set("$ref", "#/definitions/duration")
	case KindServer:
		s.Set("$ref", "#/definitions/server")
	case KindVersion:
		s.Set("const", 1)
	}
	if f.Default != nil {
		s.Set("default", f.Default)
	}
	if f.Doc != "" {
		s.Set("description", f.Doc)
	}
	return s
}

// InputSchema describes what the reader makes of site.yaml in the input document: the Go types of this
// package, key by key, with the values and descriptions the format gives. It returns the schemas of the
// document's environment and sites keys, and the definitions they refer to (environment, site, boundary,
// client_push, account, discovery_method); location and key_locations are defined by the document.
func InputSchema() (environment, sites *orderedjson.Object, defs *orderedjson.Object, err error) {
	g := &inputGen{defs: orderedjson.New()}
	environment = g.schema(reflect.TypeOf(Environment{}), Format.Child("environment"))
	sites = orderedjson.New().Set("type", "array").Set("items", g.schema(reflect.TypeOf(Site{}), Lookup("sites")))
	return environment, sites, g.defs, g.err
}

// inputDefinitions names the types described once under definitions.
var inputDefinitions = map[reflect.Type]string{
	reflect.TypeOf(Environment{}):     "environment",
	reflect.TypeOf(Site{}):            "site",
	reflect.TypeOf(Boundary{}):        "boundary",
	reflect.TypeOf(ClientPush{}):      "client_push",
	reflect.TypeOf(Account{}):         "account",
	reflect.TypeOf(DiscoveryMethod{}): "discovery_method",
}

type inputGen struct {
	defs *orderedjson.Object
	err  error
}

func (g *inputGen) fail(format string, args ...any) {
	if g.err == nil {
		g.err = fmt.Errorf(format, args...)
	}
}

func (g *inputGen) schema(t reflect.Type, f *Field) *orderedjson.Object {
	switch t {
	case reflect.TypeOf(Location{}):
		return orderedjson.New().Set("$ref", "#/definitions/location")
	case reflect.TypeOf(KeyLocations{}):
		return orderedjson.New().Set("$ref", "#/definitions/key_locations")
	}
	if name, ok := inputDefinitions[t]; ok {
		if g.defs.Get(name) == nil {
			g.defs.Set(name, orderedjson.New())
			g.defs.Set(name, g.body(t, f))
		}
		return orderedjson.New().Set("$ref", "#/definitions/"+name)
	}
	return g.body(t, f)
}

func (g *inputGen) body(t reflect.Type, f *Field) *orderedjson.Object {
	switch t.Kind() {
	case reflect.Struct:
		return g.object(t, f)
	case reflect.Pointer:
		inner := g.schema(t.Elem(), f)
		if typ, ok := inner.Get("type").(string); ok && typ != "object" {
			return inner.Set("type", []string{typ, "null"})
		}
		return orderedjson.New().Set("anyOf", []any{orderedjson.New().Set("type", "null"), inner})
	case reflect.Slice:
		var item *Field
		if f != nil {
			item = f.Item
		}
		return orderedjson.New().Set("type", "array").Set("items", g.schema(t.Elem(), item))
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			g.fail("site input schema: %s has non-string keys", t)
		}
		return orderedjson.New().Set("type", "object").Set("additionalProperties", g.schema(t.Elem(), nil))
	case reflect.String:
		s := orderedjson.New().Set("type", "string")
		if f != nil && f.Kind == KindEnum {
			s.Set("enum", f.Enum)
		}
		return s
	case reflect.Bool:
		return orderedjson.New().Set("type", "boolean")
	case reflect.Int, reflect.Int64:
		return orderedjson.New().Set("type", "integer")
	}
	g.fail("site input schema: no JSON Schema for Go type %s", t)
	return orderedjson.New()
}

// object describes a struct: every field is always present (the reader fills defaults), nothing else is.
func (g *inputGen) object(t reflect.Type, f *Field) *orderedjson.Object {
	props := orderedjson.New()
	var required []string
	byInputKey := map[string]*Field{}
	if f != nil {
		for _, c := range f.Fields {
			byInputKey[c.InputKey()] = c
		}
	}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		key, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if key == "" || key == "-" || !sf.IsExported() {
			continue
		}
		required = append(required, key)
		child := byInputKey[key]
		delete(byInputKey, key)
		p := g.schema(sf.Type, child)
		doc := ""
		switch {
		case child != nil:
			doc = child.Doc
		case f != nil && f.Derived[key] != "":
			doc = f.Derived[key]
			if values := f.DerivedEnum[key]; values != nil {
				p.Set("enum", values)
			}
		}
		if doc != "" && p.Get("$ref") == nil {
			p.Set("description", doc)
		}
		props.Set(key, p)
	}
	for key := range byInputKey {
		// A key of site.yaml that reaches no field of the document is a key the reader drops.
		g.fail("site input schema: site.yaml key %s.%s has no field %q in Go type %s", f.Key, key, key, t)
	}
	return orderedjson.New().Set("type", "object").Set("additionalProperties", false).
		Set("required", required).Set("properties", props)
}
