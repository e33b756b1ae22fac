package clients

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestFixtures reads real-shaped exports and compares the whole result with a reviewed golden file.
func TestFixtures(t *testing.T) {
	for _, name := range []string{
		"console-export-unicode.txt",
		"sql-v_r_system.csv",
		"powershell-export.csv",
		"clients.json",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
			exp, err := LoadFile(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(map[string]any{"source": exp.Source, "clients": exp.Clients}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := path + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./facts/clients -update once, then review the file)", err)
			}
			if string(bytes.TrimSpace(want)) != string(got) {
				t.Errorf("%s differs from %s:\n%s", name, golden, got)
			}
		})
	}
}

func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16BE(s string) []byte {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// TestHeaderVariants: every spelling of a column reaches the same field; titles are case-insensitive.
func TestHeaderVariants(t *testing.T) {
	for _, tc := range []struct {
		header string
		field  string
	}{
		{"Name", "name"}, {"NAME0", "name"}, {"NetBIOS Name", "name"}, {"Netbios_Name0", "name"},
		{"SMS Unique Identifier", "smsid"}, {"SMSID", "smsid"}, {"SMS_Unique_Identifier0", "smsid"}, {"smsuniqueidentifier", "smsid"},
		{"Client", "client"}, {"Client0", "client"}, {"IsClient", "client"},
		{"Assigned", "assigned"}, {"Active0", "active"}, {"Obsolete0", "obsolete"},
		{"Site Code", "site_code"}, {"SMS_Assigned_Sites0", "site_code"}, {"Assigned Site", "site_code"},
		{"Client Type", "client_type"}, {"Client_Version0", "client_version"},
		{"Last Heartbeat", "last_heartbeat"}, {"Agent Time", "last_heartbeat"}, {"AgentTime", "last_heartbeat"},
		{"LastHardwareScan", "last_hardware_scan"}, {"Last Hardware Scan", "last_hardware_scan"},
		{"IP Addresses", "ip_addresses"}, {"IP_Addresses0", "ip_addresses"}, {"IPv6 Addresses", "ip_addresses"},
		{"IP Subnets", "ip_subnets"}, {"IP_Subnets0", "ip_subnets"}, {"IPv6 Prefixes", "ipv6_prefixes"},
		{"AD Site Name", "ad_site"}, {"AD_Site_Name0", "ad_site"},
		{"Domain/Workgroup", "domain"}, {"Resource_Domain_OR_Workgr0", "domain"}, {"Resource Domain or Workgroup", "domain"},
		{"Operating System", "operating_system"}, {"Operating_System_Name_and0", "operating_system"},
		{"Resource ID", "resource_id"}, {"ResourceID", "resource_id"},
	} {
		f := lookupField(tc.header)
		if f == nil || f.name != tc.field {
			t.Errorf("header %q: got %v, want field %s", tc.header, f, tc.field)
		}
	}
	if f := lookupField("Last Logon User Name"); f != nil {
		t.Errorf("header %q should not be understood, got %s", "Last Logon User Name", f.name)
	}
}

// TestEncodings: one export, every encoding Windows tools write, the same records.
func TestEncodings(t *testing.T) {
	text := "Name,Client,Assigned\r\nPC001,Yes,No\r\nCAFÉ-01,No,Yes\r\n"
	for _, tc := range []struct {
		name string
		data []byte
		enc  string
	}{
		{"utf-8", []byte(text), "utf-8"},
		{"utf-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, text...), "utf-8-bom"},
		{"utf-16le BOM", utf16LE(text), "utf-16le"},
		{"utf-16be BOM", utf16BE(text), "utf-16be"},
		{"ansi", []byte(strings.ReplaceAll(text, "É", "\xc9")), "windows-1252"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			exp, err := Load("c.csv", tc.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if exp.Source.Encoding != tc.enc {
				t.Errorf("encoding %s, want %s", exp.Source.Encoding, tc.enc)
			}
			if len(exp.Clients) != 2 || exp.Clients[1].Name != "CAFÉ-01" || exp.Clients[1].Machine != "CAFÉ-01" ||
				*exp.Clients[0].Client != true || *exp.Clients[0].Assigned != false {
				t.Errorf("records: %+v", exp.Clients)
			}
			if exp.Clients[1].Location.Line != 3 {
				t.Errorf("second record on line %d, want 3", exp.Clients[1].Location.Line)
			}
		})
	}
}

func TestDelimitersAndValues(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		check      func(t *testing.T, c Client)
	}{
		{"semicolon", "Name;Client;Site Code\nPC1;True;abc\n", func(t *testing.T, c Client) {
			if *c.Client != true || *c.SiteCode != "ABC" {
				t.Errorf("%+v", c)
			}
		}},
		{"sep= line", "sep=;\nName;IP Addresses\nPC1;10.0.0.1, 10.0.0.2\n", func(t *testing.T, c Client) {
			if strings.Join(c.IPAddresses, " ") != "10.0.0.1 10.0.0.2" || c.Location.Line != 3 {
				t.Errorf("%+v", c)
			}
		}},
		{"quoted comma list", "Name,IP Addresses\nPC1,\"10.0.0.1, fe80::1%12\"\n", func(t *testing.T, c Client) {
			if strings.Join(c.IPAddresses, " ") != "10.0.0.1 fe80::1" {
				t.Errorf("%+v", c.IPAddresses)
			}
		}},
		{"braced list and subnet forms", "Name\tIP Subnets\tIPv6 Prefixes\nPC1\t{10.1.2.0, 10.1.0.0/16}\t2001:db8:1::\n", func(t *testing.T, c Client) {
			if strings.Join(c.IPSubnets, " ") != "10.1.2.0 10.1.0.0/16" || strings.Join(c.IPv6Prefixes, " ") != "2001:db8:1::" {
				t.Errorf("%+v %+v", c.IPSubnets, c.IPv6Prefixes)
			}
		}},
		{"US console time", "Name,Last Heartbeat\nPC1,11/25/2026 8:05:09 pm\n", func(t *testing.T, c Client) {
			if *c.LastHeartbeat != "2026-11-25T20:05:09Z" || *c.LastHeartbeatSeconds != 1795637109 {
				t.Errorf("%v %v", *c.LastHeartbeat, *c.LastHeartbeatSeconds)
			}
		}},
		{"ISO time with zone", "Name,Last Heartbeat\nPC1,2026-11-25T20:05:09+10:00\n", func(t *testing.T, c Client) {
			if *c.LastHeartbeat != "2026-11-25T10:05:09Z" {
				t.Errorf("%v", *c.LastHeartbeat)
			}
		}},
		{"empty and NULL are unknown", "Name,Client,Assigned,Site Code\nPC1,,NULL,null\n", func(t *testing.T, c Client) {
			if c.Client != nil || c.Assigned != nil || c.SiteCode != nil {
				t.Errorf("%+v", c)
			}
		}},
		{"client type codes", "Name,Client Type\nPC1,0\n", func(t *testing.T, c Client) {
			if *c.ClientType != "legacy" {
				t.Errorf("%v", *c.ClientType)
			}
		}},
		{"formula cells stay text", "Name,Domain/Workgroup,Operating System\n\"=cmd|' /C calc'!A0\",+CONTOSO,@SUM(A1)\n", func(t *testing.T, c Client) {
			if c.Name != "=cmd|' /C calc'!A0" || *c.Domain != "+CONTOSO" || *c.OperatingSystem != "@SUM(A1)" ||
				c.Row != "\"=cmd|' /C calc'!A0\",+CONTOSO,@SUM(A1)" {
				t.Errorf("%+v", c)
			}
		}},
		{"multi-line quoted value", "Name,Operating System\nPC1,\"Windows XP\nProfessional\"\nPC2,x\n", func(t *testing.T, c Client) {
			if *c.OperatingSystem != "Windows XP\nProfessional" || c.Row != "PC1,\"Windows XP\nProfessional\"" {
				t.Errorf("%+v", c)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			exp, err := Load("c.csv", []byte(tc.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, exp.Clients[0])
		})
	}
}

func TestNotes(t *testing.T) {
	exp, err := Load("c.csv", []byte("Name,Comment,,Client,IsClient,IP Addresses,IPv6 Addresses\nPC1,x,y,Yes,No,10.0.0.1,fe80::1\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`c.csv:1:6: column "Comment" not understood; ignored`,
		`c.csv:1:14: column without a title; ignored`,
		`c.csv:1:22: column "IsClient" is a second client column; "Client" is used`,
	}
	if strings.Join(exp.Source.Notes, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(exp.Source.Notes, "\n"), strings.Join(want, "\n"))
	}
	c := exp.Clients[0]
	if *c.Client != true || strings.Join(c.IPAddresses, " ") != "10.0.0.1 fe80::1" {
		t.Errorf("%+v", c)
	}
	if exp.Source.Columns["ip_addresses"] != "IP Addresses, IPv6 Addresses" || strings.Join(exp.Source.IgnoredColumns, "|") != "Comment" {
		t.Errorf("%+v", exp.Source)
	}
}

// TestBadInput: every mistake names file:line:column and says what was expected.
func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want string
	}{
		{"empty", "", "c.csv:1:1: file is empty"},
		{"binary", "MZ\x90\x00\x03\x00", "c.csv:1:1: this is not a text file"},
		{"no name column", "Client,Assigned\nYes,No\n", "c.csv:1:1: no machine-name column; expected one titled Name, Name0, NetBIOS Name or Machine Name (found: Client, Assigned)"},
		{"bad boolean", "Name,Client\nPC1,Yes\nPC2,Maybe\n", `c.csv:3:5: Client: "Maybe" is not Yes, No, True, False, 1 or 0`},
		{"bad date", "Name,Last Heartbeat\nPC1,the 25th at 10:00\n", `c.csv:2:5: Last Heartbeat: "the 25th at 10:00" is not a date and time (expected M/D/YYYY or D/M/YYYY h:mm:ss AM/PM`},
		{"no month", "Name,Last Heartbeat\nPC1,25/13/2026 10:00\n", `c.csv:2:5: Last Heartbeat: "25/13/2026 10:00" is not a date: neither of its first two numbers is a month`},
		{"mixed orders", "Name,Last Heartbeat\nPC1,25/03/2008 10:00\nPC2,03/25/2008 10:00\n", `c.csv:2:5: Last Heartbeat: "25/03/2008 10:00" is day first (day 25) but "03/25/2008 10:00" at line 3 is month first (day 25); the file mixes two date orders`},
		{"bad ip", "Name,IP Addresses\nPC1,10.0.0.300\n", `c.csv:2:5: IP Addresses: "10.0.0.300" is not an IP address`},
		{"powershell array", "Name,IPAddresses\nPC1,System.String[]\n", `c.csv:2:5: IPAddresses: "System.String[]" is what PowerShell's Export-Csv writes for a list`},
		{"bad resource id", "Name,ResourceID\nPC1,16777220x\n", `c.csv:2:5: ResourceID: "16777220x" is not a whole number`},
		{"ragged row", "Name,Client,Assigned\nPC1,Yes,No\nPC2,Yes\n", "c.csv:3:1: row has 2 fields but the header row has 3; a value holding the delimiter (comma) must be quoted"},
		{"ragged tab row", "Name\tClient\nPC1\tYes\tNo\n", "c.csv:2:1: row has 3 fields but the header row has 2; a value holding the delimiter (tab) must be quoted"},
		{"empty name", "Name,Client\n,Yes\n", `c.csv:2:1: row has no machine name (column "Name" is empty)`},
		{"unclosed quote", "Name,Client\n\"PC1,Yes\n", `c.csv:2:`},
		{"bare quote", "Name,Operating System\nPC1,Windows \"XP\"\n", `c.csv:2:13: a " appears inside a value that is not quoted`},
		{"two errors", "Name,Client,Assigned\nPC1,Maybe,Perhaps\n", "c.csv:2:5: Client: \"Maybe\" is not Yes, No, True, False, 1 or 0\nc.csv:2:11: Assigned: \"Perhaps\" is not Yes, No, True, False, 1 or 0"},
		{"json not array of objects", "[\n  {\"Name\": \"PC1\"},\n  \"PC2\"\n]\n", "c.csv:3:3: expected an object with one key per column, got a string"},
		{"json bad value", "[\n {\"Name\": \"PC1\"},\n {\"Name\": \"PC2\", \"Client\": \"Maybe\"}\n]", `c.csv:3:2: Client: "Maybe" is not Yes, No, True, False, 1 or 0`},
		{"json boolean for text", "[{\"Name\": \"PC1\", \"Site Code\": true}]", `c.csv:1:2: Site Code: true is a boolean; expected text`},
		{"json no name", "[{\"Client\": true}]", "c.csv:1:1: no machine-name column"},
		{"json null name", "[{\"Name\": null}]", `c.csv:1:2: record has no machine name (key "Name" is missing or empty)`},
		{"json syntax", "[\n {\"Name\": \"PC1\",}\n]", "c.csv:2:17: invalid JSON: invalid character '}' looking for beginning of object key string"},
		{"json truncated", "[\n {\"Name\": \"PC1\"}", "c.csv:2:"},
		{"json trailing text", "[{\"Name\": \"PC1\"}] x", "c.csv:1:19: text after the end of the JSON value"},
		{"value too long", "Name,Operating System\nPC1," + strings.Repeat("x", MaxValueBytes+1) + "\n",
			"c.csv:2:5: Operating System: a value of 4097 bytes; no field pushlint reads holds more than 4096 (is this column what its title says?)"},
		{"too many addresses in a value", "Name,IP Addresses\nPC1,\"" + addresses(MaxItemsPerValue+1) + "\"\n",
			"c.csv:2:5: IP Addresses: 65 addresses in one value; no system has more than 64 (is this column what its title says?)"},
		{"json too many addresses", `[{"Name": "PC1", "IP Addresses": {"value": ["` + strings.ReplaceAll(addresses(MaxItemsPerValue+1), " ", `", "`) + `"]}}]`,
			"c.csv:1:2: IP Addresses: 65 addresses in one value; no system has more than 64"},
		{"json value too long", `[{"Name": "` + strings.Repeat("P", MaxValueBytes+1) + `"}]`,
			"c.csv:1:2: Name: a value of 4097 bytes; no field pushlint reads holds more than 4096"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("c.csv", []byte(tc.data), Options{})
			if err == nil {
				t.Fatalf("no error; want %q", tc.want)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error:\n%v\nwant prefix:\n%s", err, tc.want)
			}
		})
	}
}

func addresses(n int) string {
	list := make([]string, n)
	for i := range list {
		list[i] = fmt.Sprintf("10.0.%d.%d", i/250, i%250+1)
	}
	return strings.Join(list, " ")
}

// A row longer than MaxRowBytes keeps its values; its evidence text is cut, and a note says so. Columns that
// pushlint does not read may be as long as they like.
func TestLongRowsAreCutInEvidenceOnly(t *testing.T) {
	long := strings.Repeat("é", MaxRowBytes) // 2 bytes each: twice the cap, in a column that is not read
	exp, err := Load("c.csv", []byte("Name,Comment,Client\nPC1,"+long+",Yes\nPC2,short,No\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := exp.Clients[0]
	if c.Name != "PC1" || c.Client == nil || !*c.Client || len(c.Row) > MaxRowBytes+len("…") || !strings.HasSuffix(c.Row, "é…") {
		t.Errorf("record %q, row of %d bytes ending %q", c.Name, len(c.Row), c.Row[len(c.Row)-8:])
	}
	if exp.Clients[1].Row != "PC2,short,No" {
		t.Errorf("short row %q", exp.Clients[1].Row)
	}
	want := "c.csv: 1 record(s) longer than 4096 bytes; their evidence text is cut after 4096 bytes"
	if n := len(exp.Source.Notes); n == 0 || exp.Source.Notes[n-1] != want {
		t.Errorf("notes %q", exp.Source.Notes)
	}
}

func TestMaxErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("Name,Client\n")
	for range 200 {
		b.WriteString("PC,Maybe\n")
	}
	_, err := Load("c.csv", []byte(b.String()), Options{})
	if n := strings.Count(err.Error(), "\n") + 1; n != MaxErrors {
		t.Errorf("%d errors reported, want %d", n, MaxErrors)
	}
}

// Consoles write dates in their Windows locale: 03/04/2008 is 4 March in the US and 3 April in Britain. The
// order is taken from the file when a day above 12 shows it, from --date-order when given, and not guessed.
func TestDateOrder(t *testing.T) {
	tests := []struct {
		name, data, order string
		want              []string // last_heartbeat of each record, "null" when unread
		wantOrder         string
		wantFields        string
		wantNote          string
		wantErr           string
	}{
		{name: "day first shown by the file", data: "Name,Client,Last Heartbeat\nPC1,Yes,25/03/2008 10:00\nPC2,Yes,03/04/2008 09:00\n",
			want: []string{"2008-03-25T10:00:00Z", "2008-04-03T09:00:00Z"}, wantOrder: "dmy", wantFields: "name client last_heartbeat"},
		{name: "month first shown by the file", data: "Name,Client,Last Heartbeat\nPC1,Yes,03/25/2008 10:00:00 AM\nPC2,Yes,03/04/2008 9:00:00 PM\n",
			want: []string{"2008-03-25T10:00:00Z", "2008-03-04T21:00:00Z"}, wantOrder: "mdy", wantFields: "name client last_heartbeat"},
		{name: "undecidable is said, not guessed", data: "Name,Client,Last Heartbeat\nPC1,Yes,03/04/2008 10:00\nPC2,Yes,2008-04-05T10:00:00Z\n",
			want: []string{"null", "2008-04-05T10:00:00Z"}, wantOrder: "", wantFields: "name client",
			wantNote: `c.csv:2:9: Last Heartbeat: dates such as "03/04/2008 10:00" can be day/month or month/day, and no date in the file has a day above 12; they are not read (rules treat the column as not exported): give --date-order dmy or mdy (date_order in .pushlint.yaml)`},
		{name: "undecidable read with the order given", data: "Name,Client,Last Heartbeat\nPC1,Yes,03/04/2008 10:00\n", order: "dmy",
			want: []string{"2008-04-03T10:00:00Z"}, wantOrder: "dmy", wantFields: "name client last_heartbeat"},
		{name: "month first given", data: "Name,Client,Last Heartbeat\nPC1,Yes,03/04/2008 10:00\n", order: "mdy",
			want: []string{"2008-03-04T10:00:00Z"}, wantOrder: "mdy", wantFields: "name client last_heartbeat"},
		{name: "the same day and month needs no order", data: "Name,Client,Last Heartbeat\nPC1,Yes,05/05/2008 10:00\n",
			want: []string{"2008-05-05T10:00:00Z"}, wantOrder: "", wantFields: "name client last_heartbeat"},
		{name: "dots are day first", data: "Name,Client,Last Heartbeat\nPC1,Yes,03.04.2008 10:00:00\n",
			want: []string{"2008-04-03T10:00:00Z"}, wantOrder: "", wantFields: "name client last_heartbeat"},
		{name: "json", data: `[{"Name": "PC1", "Last Heartbeat": "13/01/2009 08:00"}, {"Name": "PC2", "Last Heartbeat": "01/02/2009 08:00"}]`,
			want: []string{"2009-01-13T08:00:00Z", "2009-02-01T08:00:00Z"}, wantOrder: "dmy", wantFields: "name last_heartbeat"},
		{name: "the order given contradicts the file", data: "Name,Client,Last Heartbeat\nPC1,Yes,25/03/2008 10:00\n", order: "mdy",
			wantErr: `c.csv:2:9: Last Heartbeat: "25/03/2008 10:00" is not a date written month/day/year (the date order given is mdy)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exp, err := Load("c.csv", []byte(tt.data), Options{DateOrder: tt.order})
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range exp.Clients {
				if c.LastHeartbeat == nil {
					got = append(got, "null")
				} else {
					got = append(got, *c.LastHeartbeat)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("heartbeats %v, want %v", got, tt.want)
			}
			if exp.Source.DateOrder != tt.wantOrder || strings.Join(exp.Source.Fields, " ") != tt.wantFields {
				t.Errorf("date order %q, fields %v", exp.Source.DateOrder, exp.Source.Fields)
			}
			notes := strings.Join(exp.Source.Notes, "\n")
			if notes != tt.wantNote {
				t.Errorf("notes %q, want %q", notes, tt.wantNote)
			}
		})
	}
}

// Records that share an SMS unique identifier name each other; obsolete records and other records of the
// same machine do not count, and an image cloned onto many machines lists at most MaxTwins of them.
func TestLinkTwins(t *testing.T) {
	id, other := "GUID:A", "GUID:B"
	yes, no := true, false
	rec := func(name string, smsid *string, obsolete *bool) Client {
		return Client{Name: name, Machine: strings.ToUpper(name), SMSID: smsid, Obsolete: obsolete}
	}
	clients := []Client{
		rec("PC1", &id, nil), rec("pc1", &id, &no), rec("PC2", &id, nil), rec("PC3", &id, &yes),
		rec("PC4", &other, nil), rec("PC5", nil, nil),
	}
	linkTwins(clients)
	for i, want := range [][]string{{"PC2"}, {"PC2"}, {"PC1", "pc1"}, {"PC1", "PC2", "pc1"}, {}, {}} {
		if got := clients[i].SMSIDTwins; strings.Join(got, ",") != strings.Join(want, ",") || clients[i].SMSIDTwinCount != len(want) {
			t.Errorf("%s: twins %v (%d), want %v", clients[i].Name, got, clients[i].SMSIDTwinCount, want)
		}
	}
	var clones []Client
	for i := 0; i < 3*MaxTwins; i++ {
		clones = append(clones, rec(fmt.Sprintf("PC%04d", i), &id, nil))
	}
	linkTwins(clones)
	if c := clones[0]; len(c.SMSIDTwins) != MaxTwins || c.SMSIDTwinCount != 3*MaxTwins-1 || c.SMSIDTwins[0] != "PC0001" {
		t.Errorf("clone: %d names listed, %d counted, first %s", len(c.SMSIDTwins), c.SMSIDTwinCount, c.SMSIDTwins[0])
	}
}
