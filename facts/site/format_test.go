package site

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestFormatDefaultsAreTheReaders: the defaults the schema shows editors are the values the reader fills in
// for a key left out.
func TestFormatDefaultsAreTheReaders(t *testing.T) {
	desc, err := Load("site.yaml", []byte("version: 1\nsites:\n  - code: ABC\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(map[string]any{"environment": desc.Environment, "sites": desc.Sites})
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	checked := 0
	var walk func(f *Field, v any, path string)
	walk = func(f *Field, v any, path string) {
		if f.Kind == KindList && f.Item.Kind == KindObject {
			if list, ok := v.([]any); ok && len(list) > 0 {
				walk(f.Item, list[0], path+"[0]")
			}
		}
		obj, ok := v.(map[string]any)
		if !ok || f.Kind != KindObject {
			return
		}
		for _, c := range f.Fields {
			got, present := obj[c.InputKey()]
			p := path + "." + c.Key
			if c.Default != nil {
				want := c.Default
				if c.Kind == KindDuration {
					d, err := parseDurationForTest(c.Default.(string))
					if err != nil {
						t.Fatalf("%s: default %v: %v", p, c.Default, err)
					}
					want = float64(d / time.Second)
				}
				if wl, ok := want.([]string); ok {
					anyList := make([]any, len(wl))
					for i, s := range wl {
						anyList[i] = s
					}
					want = anyList
				}
				checked++
				if !present || !reflect.DeepEqual(got, want) {
					t.Errorf("%s: the format's default is %v, the reader fills in %v", p, want, got)
				}
			}
			walk(c, got, p)
		}
	}
	walk(Format, doc, "")
	if checked < 15 {
		t.Fatalf("checked %d defaults; the walk missed part of the format", checked)
	}
}

func parseDurationForTest(s string) (time.Duration, error) {
	unit := map[string]time.Duration{"m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}[s[len(s)-1:]]
	n, err := time.ParseDuration(strings.TrimRight(s[:len(s)-1], " ") + "h")
	return n / time.Hour * unit, err
}

func TestLookupFollowsListsToTheirItems(t *testing.T) {
	if got := Lookup("sites.client_push.accounts.state").Enum; len(got) != 4 {
		t.Errorf("accounts.state enum = %v", got)
	}
	if got := Lookup("sites.boundaries").RequiredKeys(); !reflect.DeepEqual(got, []string{"type", "value"}) {
		t.Errorf("boundary required keys = %v", got)
	}
}
