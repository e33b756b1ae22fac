package errorcodes

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/pushlint/pushlint"
)

func table(t *testing.T) *Table {
	t.Helper()
	tab, err := Load(pushlint.Policies)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// TestExplainForms: every spelling of a code in the KB and the logs reaches the right entry.
func TestExplainForms(t *testing.T) {
	tab := table(t)
	for _, tc := range []struct {
		in    string
		value uint32
		name  string
		win32 uint32 // 0: not an HRESULT wrapping a Win32 error
	}{
		{"53", 53, "ERROR_BAD_NETPATH", 0},
		{"0x35", 53, "ERROR_BAD_NETPATH", 0},
		{"00000035", 53, "ERROR_BAD_NETPATH", 0},
		{"0x4b3", 1203, "ERROR_NO_NET_OR_BAD_PATH", 0},
		{"000004b3", 1203, "ERROR_NO_NET_OR_BAD_PATH", 0},
		{"4B3", 1203, "ERROR_NO_NET_OR_BAD_PATH", 0},
		{"1203", 1203, "ERROR_NO_NET_OR_BAD_PATH", 0},
		{"0x52e", 1326, "ERROR_LOGON_FAILURE", 0},
		{"0000052e", 1326, "ERROR_LOGON_FAILURE", 0},
		{"1326", 1326, "ERROR_LOGON_FAILURE", 0},
		{"0x775", 1909, "ERROR_ACCOUNT_LOCKED_OUT", 0},
		{"1909", 1909, "ERROR_ACCOUNT_LOCKED_OUT", 0},
		{"0x533", 1331, "ERROR_ACCOUNT_DISABLED", 0},
		{"1331", 1331, "ERROR_ACCOUNT_DISABLED", 0},
		{"67", 67, "ERROR_BAD_NET_NAME", 0},
		{"5", 5, "ERROR_ACCESS_DENIED", 0},
		{"0x80070005", 0x80070005, "ERROR_ACCESS_DENIED", 5},
		{"0X80070005", 0x80070005, "ERROR_ACCESS_DENIED", 5},
		{"-2147024891", 0x80070005, "ERROR_ACCESS_DENIED", 5},
		{"2147942405", 0x80070005, "ERROR_ACCESS_DENIED", 5},
		{"0x80070002", 0x80070002, "ERROR_FILE_NOT_FOUND", 2},
		{"0x80070035", 0x80070035, "ERROR_BAD_NETPATH", 53},
		{"0x800706BA", 0x800706BA, "RPC_S_SERVER_UNAVAILABLE", 1722},
		{"0x80040154", 0x80040154, "REGDB_E_CLASSNOTREG", 0},
		{"80040154", 0x80040154, "REGDB_E_CLASSNOTREG", 0},
		{"0x80004005", 0x80004005, "E_FAIL", 0},
		{"0x80004015", 0x80004015, "CO_E_WRONG_SERVER_IDENTITY", 0},
		{"0x80041002", 0x80041002, "WBEM_E_NOT_FOUND", 0},
		{"80041002", 0x80041002, "WBEM_E_NOT_FOUND", 0},
		{"0x80040e37", 0x80040e37, "DB_E_NOSUCHTABLE", 0},
		{"0x80190194", 0x80190194, "BG_E_HTTP_ERROR_404", 0},
		{"1603", 1603, "ERROR_INSTALL_FAILURE", 0},
		{"1618", 1618, "ERROR_INSTALL_ALREADY_RUNNING", 0},
		{"1619", 1619, "ERROR_INSTALL_PACKAGE_OPEN_FAILED", 0},
		{"1635", 1635, "ERROR_PATCH_PACKAGE_OPEN_FAILED", 0},
		{"2245", 2245, "NERR_PasswordTooShort", 0},
		{"8202", 8202, "ERROR_DS_NO_ATTRIBUTE_OR_VALUE", 0},
		{"25150", 25150, "Configuration Manager client setup error 25150", 0},
		{" 53 ", 53, "ERROR_BAD_NETPATH", 0},
	} {
		ex, err := tab.Explain(tc.in)
		if err != nil {
			t.Errorf("Explain(%q): %v", tc.in, err)
			continue
		}
		if ex.Value != tc.value || ex.Entry.Name != tc.name || ex.Retrying == "" {
			t.Errorf("Explain(%q) = %d %s, want %d %s", tc.in, ex.Value, ex.Entry.Name, tc.value, tc.name)
		}
		switch {
		case tc.win32 == 0 && ex.Win32 != nil:
			t.Errorf("Explain(%q): unexpected Win32 %d", tc.in, *ex.Win32)
		case tc.win32 != 0 && (ex.Win32 == nil || *ex.Win32 != tc.win32):
			t.Errorf("Explain(%q): Win32 %v, want %d", tc.in, ex.Win32, tc.win32)
		}
	}
}

func TestExplainSignedAndHex(t *testing.T) {
	ex, err := table(t).Explain("0x80070005")
	if err != nil {
		t.Fatal(err)
	}
	if ex.Signed != -2147024891 || ex.Hex != "0x80070005" || ex.Entry.Message != "Access is denied." || strings.Join(ex.Entry.Rules, ",") != "PL103,PL108" {
		t.Errorf("%+v", ex)
	}
}

// 0x800706BA is RPC_S_SERVER_UNAVAILABLE (1722) as an HRESULT: a WMI or RPC failure on the client (PL108),
// not the push account's rights.
func TestExplainRPCServerUnavailable(t *testing.T) {
	ex, err := table(t).Explain("0x800706BA")
	if err != nil {
		t.Fatal(err)
	}
	if ex.Win32 == nil || *ex.Win32 != 1722 || ex.Entry.Name != "RPC_S_SERVER_UNAVAILABLE" || strings.Join(ex.Entry.Rules, ",") != "PL108" {
		t.Errorf("%+v", ex)
	}
}

func TestExplainErrors(t *testing.T) {
	tab := table(t)
	for _, in := range []string{"", "xyz", "0x", "0x123456789", "53.0", "error 53", "4294967296", "-2147483649", "0xg1"} {
		if _, err := tab.Explain(in); !errors.Is(err, ErrNotACode) {
			t.Errorf("Explain(%q) = %v, want ErrNotACode", in, err)
		}
	}
	for _, in := range []string{"12345", "0x80070020", "0xdeadbeef"} {
		_, err := tab.Explain(in)
		var unknown *UnknownError
		if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "is not in pushlint's table") {
			t.Errorf("Explain(%q) = %v, want an UnknownError", in, err)
		}
	}
}

// TestKBCodesAreCovered: every code KB 925282 and the rule catalog name has an entry.
func TestKBCodesAreCovered(t *testing.T) {
	tab := table(t)
	for _, code := range []string{"53", "0x4b3", "67", "5", "0x52e", "1326", "0x775", "1909", "0x533", "1331",
		"0x80040154", "0x80004005", "1603", "0x80070005", "2245", "8202", "25150", "0x80190194", "0x80041002",
		"0x80040e37", "0x80004015"} {
		if _, err := tab.Explain(code); err != nil {
			t.Errorf("%s: %v", code, err)
		}
	}
}

func TestLoadRejectsABrokenTable(t *testing.T) {
	for _, tc := range []struct{ data, want string }{
		{"handling: {retried: x}\ncodes:\n  \"0x35\": {name: a, message: b, meaning: c, handling: retried, action: d, rules: [], kb_section: \"\"}\n", "keys are unsigned decimal values"},
		{"handling: {retried: x}\ncodes:\n  \"53\": {name: a, message: b, meaning: c, handling: sometimes, action: d, rules: [], kb_section: \"\"}\n", `handling "sometimes"`},
		{"handling: {retried: x}\ncodes:\n  \"53\": {name: a, message: b, meaning: c, handling: retried, action: d, rules: [PL1], kb_section: \"\"}\n", `rule "PL1"`},
		{"handling: {retried: x}\ncodes:\n  \"53\": {name: a, message: \"\", meaning: c, handling: retried, action: d, rules: [], kb_section: \"\"}\n", "required"},
		{"handling: {retried: x}\ncodes:\n  \"53\": {name: a, message: b, meaning: c, handling: retried, action: d, rules: [PL101], see_also: [PL101], kb_section: \"\"}\n", "in rules and see_also"},
		{"handling: {retried: x}\ncodes:\n  \"53\": {name: a, message: b, meaning: c, handling: retried, action: d, rules: [], kb_section: \"\", extra: 1}\n", "extra"},
	} {
		_, err := Load(fstest.MapFS{DataPath: {Data: []byte(tc.data)}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%q) = %v, want %q", tc.data, err, tc.want)
		}
	}
}

// TestRegoAgrees: data.pushlint.lib.error_code reads every form the same way Parse does, so a rule and
// `pushlint explain` never disagree about a code.
func TestRegoAgrees(t *testing.T) {
	modules, err := pushlint.LibraryModules()
	if err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(pushlint.Policies, DataPath)
	if err != nil {
		t.Fatal(err)
	}
	var data map[string]any
	if err := util.Unmarshal(b, &data); err != nil {
		t.Fatal(err)
	}
	opts := []func(*rego.Rego){
		rego.Query("x := data.pushlint.lib.error_code(input); y := data.pushlint.lib.error_entry(input).name"),
		rego.Store(inmem.NewFromObject(map[string]any{"pushlint": map[string]any{"errorcodes": data}})),
		rego.SetRegoVersion(ast.RegoV1),
	}
	for name, src := range modules {
		opts = append(opts, rego.Module(name, src))
	}
	pq, err := rego.New(opts...).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tab := table(t)
	for _, in := range []string{"53", "0x35", "00000035", "000004b3", "4b3", "0X80070005", "-2147024891", "2147942405",
		"80040154", "0x80070035", "1603", "25150", "0x80190194", "12345", "abc", "0x123456789", "-2147483649"} {
		rs, err := pq.Eval(context.Background(), rego.EvalInput(in))
		if err != nil {
			t.Fatal(err)
		}
		v, perr := Parse(in)
		ex, eerr := tab.Explain(in)
		switch {
		case perr != nil && len(rs) != 0:
			t.Errorf("%q: Go rejects it, Rego reads %v", in, rs[0].Bindings)
		case perr == nil && eerr == nil && (len(rs) == 0 || rs[0].Bindings["x"] != jsonNumber(v) || rs[0].Bindings["y"] != ex.Entry.Name):
			t.Errorf("%q: Go reads %d (%s), Rego %v", in, v, ex.Entry.Name, rs)
		}
	}
}

func jsonNumber(v uint32) any { return json.Number(strconv.FormatUint(uint64(v), 10)) }
