package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExplainCommand(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{[]string{"explain", "53"}, 0, []string{"53 = 0x35 = 00000035: ERROR_BAD_NETPATH", "Message:   The network path was not found.", "Rules:     PL101", "every 60 minutes, up to 168 times"}, ""},
		{[]string{"explain", "000004b3"}, 0, []string{"1203 = 0x4b3 = 000004b3: ERROR_NO_NET_OR_BAD_PATH", "No network provider accepted the given network path."}, ""},
		{[]string{"explain", "-2147024891"}, 0, []string{"0x80070005 = -2147024891 = 2147942405: Win32 error 5 (0x5) as an HRESULT, ERROR_ACCESS_DENIED", "Rules:     PL103"}, ""},
		{[]string{"explain", "0x80040154"}, 0, []string{"REGDB_E_CLASSNOTREG", "msxml3.dll", "Rules:     PL205"}, ""},
		{[]string{"explain", "2245"}, 0, []string{"NERR_PasswordTooShort", "Rules:     none yet"}, ""},
		{[]string{"explain", "0x4b3", "1326"}, 0, []string{"ERROR_NO_NET_OR_BAD_PATH", "ERROR_LOGON_FAILURE"}, ""},
		{[]string{"explain", "0x12345678"}, 2, nil, "pushlint: 0x12345678 (0x12345678 = 305419896) is not in pushlint's table"},
		{[]string{"explain", "53", "oops"}, 2, []string{"ERROR_BAD_NETPATH"}, `pushlint: "oops" is not an error code`},
		{[]string{"explain"}, 2, nil, "explain needs at least one error code"},
		{[]string{"explain", "--bogus", "53"}, 2, nil, "unknown flag: --bogus"},
		{[]string{"explain", "--format=text", "--", "-2147024891"}, 0, []string{"ERROR_ACCESS_DENIED"}, ""},
		{[]string{"explain", "--help"}, 0, []string{"Looks up an error code as the logs write it"}, ""},
		{[]string{"explain", "53", "--format", "xml"}, 2, nil, `--format "xml": expected text or json`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errs, code := cli(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tc.code, errs)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			if tc.stderr != "" && !strings.Contains(errs, tc.stderr) {
				t.Errorf("stderr %q lacks %q", errs, tc.stderr)
			}
		})
	}
}

func TestExplainJSON(t *testing.T) {
	t.Parallel()
	out, _, code := cli(t, "explain", "--format", "json", "0x80070005")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got []struct {
		Value uint32 `json:"value"`
		Win32 uint32 `json:"win32"`
		Entry struct {
			Name     string `json:"name"`
			Handling string `json:"handling"`
		} `json:"entry"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Value != 0x80070005 || got[0].Win32 != 5 || got[0].Entry.Name != "ERROR_ACCESS_DENIED" || got[0].Entry.Handling != "retried_until_fixed" {
		t.Errorf("%+v", got)
	}
}

func TestCCRCommand(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "ccr.box")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out, errs, code := cli(t, "ccr", "PC001", "LAB-07", "--out", dir)
	if code != 0 || out != filepath.Join(dir, "PC001.ccr")+"\n"+filepath.Join(dir, "LAB-07.ccr")+"\n" || errs != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "LAB-07.ccr")); string(b) != "[NT Client Configuration Request]\r\nMachine Name=LAB-07\r\n" {
		t.Errorf("content %q", b)
	}

	// An existing file stops the whole run before anything is written.
	_, errs, code = cli(t, "ccr", "PC002", "PC001", "--out", dir)
	if code != 2 || !strings.Contains(errs, "not overwriting "+filepath.Join(dir, "PC001.ccr")) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "PC002.ccr")); err == nil {
		t.Error("PC002.ccr written although the run was refused")
	}
	if _, _, code = cli(t, "ccr", "PC001", "--out", dir, "--force"); code != 0 {
		t.Errorf("--force: exit %d", code)
	}

	// Invalid names: exit 2, every problem named, nothing written.
	_, errs, code = cli(t, "ccr", "GOOD1", "..", "a\\b", "--out", dir)
	if code != 2 || !strings.Contains(errs, `machine name ".." is only dots`) || !strings.Contains(errs, `machine name "a\\b" contains '\'`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "GOOD1.ccr")); err == nil {
		t.Error("GOOD1.ccr written although another name was invalid")
	}

	// Outside a ccr.box folder, say where the file has to go.
	other := t.TempDir()
	_, errs, code = cli(t, "ccr", "PC003", "--out", other)
	if code != 0 || !strings.Contains(errs, `copy the files into SMS\Inboxes\Ccr.box`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, _, code = cli(t, "ccr", "PC003", "--out", filepath.Join(other, "missing")); code != 2 {
		t.Errorf("missing --out folder: exit %d", code)
	}
}

func TestClientsAndInboxesFlags(t *testing.T) {
	t.Parallel()
	inbox := filepath.Join(t.TempDir(), "Inboxes")
	if err := os.MkdirAll(filepath.Join(inbox, "Ccr.box"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inbox, "Ccr.box", "bad.ccr"), []byte("Machine Name=PC9\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	clients := filepath.Join("..", "..", "facts", "clients", "testdata", "sql-v_r_system.csv")

	out, errs, code := cli(t, "facts", "--clients", clients, "--clients-site", "abc", "--inboxes", inbox, "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("facts: exit %d, stderr %s", code, errs)
	}
	var doc struct {
		Inputs struct {
			Clients struct {
				ViewedSite string `json:"viewed_site"`
				Records    int    `json:"records"`
			} `json:"clients"`
		} `json:"inputs"`
		Clients  []struct{ Machine string } `json:"clients"`
		CCRFiles []struct {
			Valid bool
		} `json:"ccr_files"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Inputs.Clients.ViewedSite != "ABC" || doc.Inputs.Clients.Records != 3 || len(doc.Clients) != 3 || len(doc.CCRFiles) != 1 || doc.CCRFiles[0].Valid {
		t.Errorf("%+v", doc)
	}

	out, _, code = cli(t, "check", "--clients", clients, "--inboxes", inbox, "--now", "2026-11-25", "--format", "json")
	if code != 1 {
		t.Fatalf("check: exit %d", code)
	}
	for _, rule := range []string{`"rule": "PL301"`, `"rule": "PL304"`, `"rule": "PL305"`} {
		if !strings.Contains(out, rule) {
			t.Errorf("check output lacks %s", rule)
		}
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"facts", "--clients-site", "ABC"}, "give --clients too"},
		{[]string{"facts", "--clients", clients, "--clients-site", "ABCD"}, "expected a site code of three letters or digits"},
		{[]string{"facts", "--clients", "missing.csv"}, "reading client export"},
		{[]string{"check", "--inboxes", filepath.Join(inbox, "Ccr.box", "bad.ccr")}, "is not a folder"},
	} {
		_, errs, code := cli(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}

	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("Name,Client\nPC1,Yes\nPC2,Maybe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code = cli(t, "check", "--clients", bad)
	if code != 2 || errs != "pushlint: "+bad+`:3:5: Client: "Maybe" is not Yes, No, True, False, 1 or 0`+"\n" {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
