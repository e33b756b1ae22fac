package siteimport

import (
	"os"
	"testing"
)

func TestReadExtADSchLog(t *testing.T) {
	sample, err := os.ReadFile("testdata/samples/extadsch-kb830022-01.log")
	if err != nil {
		t.Fatal(err)
	}
	yes, no := true, false
	tests := []struct {
		name string
		data []byte
		want SchemaEvidence
	}{
		{
			name: "real failure (KB 830022, as the article quotes it)",
			data: sample,
			want: SchemaEvidence{Extended: &no, Line: 5, Text: "> Failed to extend the Active Directory schema.", FirstFailureLine: 1, FirstFailure: "> Failed to create class cn=MS-SMS-Management-Point. Error code = 8202."},
		},
		{
			name: "success",
			data: []byte("Defined attribute cn=MS-SMS-Site-Code.\r\nDefined class cn=MS-SMS-Site.\r\nSuccessfully extended the Active Directory schema.\r\n"),
			want: SchemaEvidence{Extended: &yes, Line: 3, Text: "Successfully extended the Active Directory schema."},
		},
		{
			name: "a failed run, then a successful one: the log grows, the last run counts",
			data: append(append([]byte{}, sample...), "\nSuccessfully extended the Active Directory schema.\n"...),
			want: SchemaEvidence{Extended: &yes, Line: 7, Text: "Successfully extended the Active Directory schema.", FirstFailureLine: 1, FirstFailure: "> Failed to create class cn=MS-SMS-Management-Point. Error code = 8202."},
		},
		{
			name: "a successful run, then a failed one",
			data: append([]byte("Successfully extended the Active Directory schema.\n"), sample...),
			want: SchemaEvidence{Extended: &no, Line: 6, Text: "> Failed to extend the Active Directory schema.", FirstFailureLine: 2, FirstFailure: "> Failed to create class cn=MS-SMS-Management-Point. Error code = 8202."},
		},
		{
			name: "cut off before the result",
			data: sample[:150],
			want: SchemaEvidence{FirstFailureLine: 1, FirstFailure: "> Failed to create class cn=MS-SMS-Management-Point. Error code = 8202."},
		},
		{
			name: "another file",
			data: []byte("<![LOG[Ccmsetup started]LOG]!>\n"),
			want: SchemaEvidence{},
		},
		{
			name: "UTF-16 without a byte order mark",
			data: utf16LE("successfully extended the active directory schema", false),
			want: SchemaEvidence{Extended: &yes, Line: 1, Text: "successfully extended the active directory schema"},
		},
		{
			name: "UTF-16 with a byte order mark",
			data: utf16LE("Failed to extend the Active Directory schema.\r\n", true),
			want: SchemaEvidence{Extended: &no, Line: 1, Text: "Failed to extend the Active Directory schema."},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ReadExtADSchLog("ExtADSch.log", tc.data)
			tc.want.File = "ExtADSch.log"
			if (got.Extended == nil) != (tc.want.Extended == nil) || (got.Extended != nil && *got.Extended != *tc.want.Extended) {
				t.Errorf("Extended = %v; want %v", ptr(got.Extended), ptr(tc.want.Extended))
			}
			got.Extended, tc.want.Extended = nil, nil
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func ptr(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func TestImportSchemaEvidence(t *testing.T) {
	for _, tc := range []struct {
		log, want, note string
	}{
		{"Successfully extended the Active Directory schema.\n",
			`ad_schema_extended: true  # C:\ExtADSch.log:1 "Successfully extended the Active Directory schema."`, ""},
		{"x\nFailed to create class cn=MS-SMS-Site. Error code = 8202.\n",
			`#   ad_schema_extended: true | false  # C:\ExtADSch.log has no result line; line 2 says "Failed to create class cn=MS-SMS-Site. Error code = 8202."`,
			`C:\ExtADSch.log has no line saying whether the schema was extended`},
		{"nothing\n",
			`#   ad_schema_extended: true | false  # C:\ExtADSch.log has no line saying whether the schema was extended`,
			`C:\ExtADSch.log has no line saying whether the schema was extended`},
	} {
		ev := ReadExtADSchLog(`C:\ExtADSch.log`, []byte(tc.log))
		res, err := Import(site(), Options{Schema: &ev})
		if err != nil {
			t.Fatal(err)
		}
		if !containsLine(string(res.YAML), tc.want) {
			t.Errorf("missing %s in\n%s", tc.want, res.YAML)
		}
		if tc.note != "" && (len(res.Notes) != 1 || res.Notes[0] != tc.note) {
			t.Errorf("notes %q; want %q", res.Notes, tc.note)
		}
	}
}
