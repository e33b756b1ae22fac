package orderedjson

import "testing"

func TestDecodeKeepsKeyOrderAtEveryDepth(t *testing.T) {
	in := `{"z": 1, "a": {"y": [1, {"q": true, "b": null}], "b": "x"}, "m": 2.5}`
	o, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	got, err := o.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"z":1,"a":{"y":[1,{"q":true,"b":null}],"b":"x"},"m":2.5}`
	if string(got) != want {
		t.Errorf("round trip = %s, want %s", got, want)
	}
	if _, err := Decode([]byte(`[1]`)); err == nil {
		t.Error("a JSON array was accepted as an object")
	}
	if _, err := Decode([]byte(`{"a": `)); err == nil {
		t.Error("cut-off JSON was accepted")
	}
}

func TestSetReplacesInPlace(t *testing.T) {
	o := New().Set("a", 1).Set("b", 2).Set("a", 3)
	got, _ := Indent(o)
	if string(got) != "{\n  \"a\": 3,\n  \"b\": 2\n}\n" {
		t.Errorf("got %q", got)
	}
}
