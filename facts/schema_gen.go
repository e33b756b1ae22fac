package facts

import (
	"fmt"

	"github.com/pushlint/pushlint/facts/site"
	"github.com/pushlint/pushlint/internal/orderedjson"
)

//go:generate go test -run TestSchemasAreCurrent -update .

// siteSchemaKeys are the keys of the input document whose schema comes from site.yaml's format.
var siteSchemaKeys = []string{"environment", "sites"}

// GenerateSchemas builds the two committed schemas from their one source each: site.yaml's from the format
// description in facts/site, the input document's from base (what the document holds besides site.yaml's
// content, schema/input.base.json) completed with the site part generated from the same format and the Go
// types the reader fills.
func GenerateSchemas(base []byte) (input, siteYAML []byte, err error) {
	if siteYAML, err = orderedjson.Indent(site.SiteSchema()); err != nil {
		return nil, nil, err
	}
	doc, err := orderedjson.Decode(base)
	if err != nil {
		return nil, nil, fmt.Errorf("input schema base: %w", err)
	}
	env, sites, defs, err := site.InputSchema()
	if err != nil {
		return nil, nil, err
	}
	props, ok := doc.Get("properties").(*orderedjson.Object)
	if !ok {
		return nil, nil, fmt.Errorf("input schema base: no properties")
	}
	for _, k := range siteSchemaKeys {
		if _, placeholder := props.Get(k).(string); !placeholder {
			return nil, nil, fmt.Errorf("input schema base: properties.%s must be the placeholder string the generator replaces", k)
		}
	}
	props.Set("environment", env).Set("sites", sites)
	all, ok := doc.Get("definitions").(*orderedjson.Object)
	if !ok {
		return nil, nil, fmt.Errorf("input schema base: no definitions")
	}
	for _, k := range defs.Keys() {
		if all.Get(k) != nil {
			return nil, nil, fmt.Errorf("input schema base: definitions.%s is generated; remove it from the base", k)
		}
		all.Set(k, defs.Get(k))
	}
	out := orderedjson.New()
	for _, k := range doc.Keys() {
		if k != "$comment" {
			out.Set(k, doc.Get(k))
		}
	}
	input, err = orderedjson.Indent(out)
	return input, siteYAML, err
}
