package inboxes

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)

// tree writes files (path → content; content "@name" copies testdata/name) under a fresh folder, each
// with a modification time age before now.
func tree(t *testing.T, files map[string]string, age map[string]time.Duration) string {
	t.Helper()
	root := t.TempDir()
	for rel, content := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(rel, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		data := []byte(content)
		if name, ok := strings.CutPrefix(content, "@"); ok {
			var err error
			if data, err = os.ReadFile(filepath.Join("testdata", name)); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		mt := now.Add(-age[rel])
		if err := os.Chtimes(p, mt, mt); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestLoadQueues(t *testing.T) {
	root := tree(t, map[string]string{
		"SMS/inboxes/CCR.BOX/test.ccr":            "@kb-manual.ccr",
		"SMS/inboxes/CCR.BOX/readme.txt":          "not a request",
		"SMS/inboxes/CCR.BOX/Inproc/ZX81AB12.CCR": "@generated.ccr",
		"SMS/inboxes/Ccrretry.box/PC003":          "@notepad-unicode.ccr",
		"SMS/inboxes/Ccrretry.box/PC004.KRC":      "@no-section.ccr",
		"SMS/inboxes/Ccrretry.box/PC005.ccr":      "@misspelt-key.ccr",
		"SMS/inboxes/Ccrretry.box/old/":           "",
		"SMS/inboxes/ddm.box/x.ddr":               "not read",
	}, map[string]time.Duration{
		"SMS/inboxes/Ccrretry.box/PC003":     8 * 24 * time.Hour,
		"SMS/inboxes/Ccrretry.box/PC004.KRC": 2 * time.Hour,
	})
	// The SMS folder, the Inboxes folder and a queue folder all work.
	in, err := Load(filepath.Join(root, "SMS"), now)
	if err != nil {
		t.Fatal(err)
	}
	inboxes := filepath.Join(root, "SMS", "inboxes")
	folders, _ := json.Marshal(in.Source.Folders)
	want := `[{"queue":"incoming","path":"` + inboxes + `/CCR.BOX","files":1},` +
		`{"queue":"processing","path":"` + inboxes + `/CCR.BOX/Inproc","files":1},` +
		`{"queue":"retry","path":"` + inboxes + `/Ccrretry.box","files":3}]`
	if string(folders) != want {
		t.Errorf("folders:\n%s\nwant\n%s", folders, want)
	}
	wantNotes := []string{
		inboxes + "/CCR.BOX/readme.txt: not a CCR file name; skipped",
		inboxes + "/Ccrretry.box/old: folder skipped; only Ccr.box\\Inproc is read below an inbox",
	}
	if strings.Join(in.Source.Notes, "\n") != strings.Join(wantNotes, "\n") {
		t.Errorf("notes:\n%s", strings.Join(in.Source.Notes, "\n"))
	}

	type summary struct {
		Name, Queue, Machine, FileMachine, MachineName, Text, Encoding string
		Valid                                                          bool
		Line                                                           int
		Age                                                            int64
		Problems                                                       string
		Properties                                                     string
	}
	var got []summary
	for _, f := range in.Files {
		mn := "<nil>"
		if f.MachineName != nil {
			mn = *f.MachineName
		}
		var probs []string
		for _, p := range f.Problems {
			probs = append(probs, p.Message)
		}
		props, _ := json.Marshal(f.Properties)
		got = append(got, summary{f.Name, f.Queue, f.Machine, f.FileMachine, mn, f.Text, f.Encoding, f.Valid, f.Location.Line, f.AgeSeconds, strings.Join(probs, "; "), string(props)})
	}
	wantFiles := []summary{
		{"test.ccr", "incoming", "PC001", "", "PC001", "Machine Name=PC001", "utf-8", true, 2, 0, "", `{"Machine Name":"PC001"}`},
		{"ZX81AB12.CCR", "processing", "PC002", "", "PC002", "   Machine Name=PC002", "utf-8", true, 5, 0, "", `{"Client Type":"1","Forced CCR":"TRUE","Machine Name":"PC002"}`},
		{"PC003", "retry", "PC003", "PC003", "PC003", "Machine Name=PC003", "utf-16le", true, 2, 8 * 86400, "", `{"Machine Name":"PC003"}`},
		{"PC004.KRC", "retry", "PC004", "PC004", "<nil>", "Machine Name=PC004", "utf-8", false, 1, 7200,
			"has no [NT Client Configuration Request] section; its Machine Name= line must come after that line", `{}`},
		{"PC005.ccr", "retry", "PC005", "PC005", "<nil>", "MachineName=PC005", "utf-8", false, 3, 0,
			`writes "MachineName" where Client Configuration Manager expects "Machine Name"`, `{"Client Type":"1","MachineName":"PC005"}`},
	}
	if len(got) != len(wantFiles) {
		t.Fatalf("got %d files: %+v", len(got), got)
	}
	for i := range got {
		if got[i] != wantFiles[i] {
			t.Errorf("file %d:\n got %+v\nwant %+v", i, got[i], wantFiles[i])
		}
	}
	if in.Files[2].Modified != "2026-11-17T08:00:00Z" || in.Files[2].ModifiedSeconds != now.Unix()-8*86400 {
		t.Errorf("modified %s %d", in.Files[2].Modified, in.Files[2].ModifiedSeconds)
	}

	for _, dir := range []string{inboxes, filepath.Join(inboxes, "Ccrretry.box"), filepath.Join(inboxes, "CCR.BOX")} {
		in, err := Load(dir, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Files) == 0 {
			t.Errorf("%s: no files", dir)
		}
	}
}

// TestMalformed: every way a CCR goes wrong is a problem on the file, never an error of the run.
func TestMalformed(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content string
		line    int
		problem string
	}{
		{"empty", "", 1, "is empty; a CCR needs the line [NT Client Configuration Request] and a Machine Name= line"},
		{"blank lines", "\r\n\r\n", 1, "is empty"},
		{"binary", "MZ\x90\x00\x03\x00\x00\x00", 1, "is not a text file"},
		{"other section only", "[IDENT]\r\nTYPE=Client Config Request File\r\n", 1, "has no [NT Client Configuration Request] section; Client Configuration Manager cannot read it"},
		{"no machine name", "[NT Client Configuration Request]\r\nClient Type=1\r\n", 1, "has no Machine Name= line in its [NT Client Configuration Request] section"},
		{"machine name in another section", "[NT Client Configuration Request]\r\n[IDENT]\r\nMachine Name=PC1\r\n", 1, "has no Machine Name= line"},
		{"empty machine name", "[NT Client Configuration Request]\r\nMachine Name=\r\n", 2, "has an empty Machine Name="},
		{"blank in name", "[NT Client Configuration Request]\r\nMachine Name=PC 01\r\n", 2, "Machine Name=PC 01 is not a computer name: it contains a blank"},
		{"path in name", "[NT Client Configuration Request]\nMachine Name=\\\\PC01\n", 2, `Machine Name=\\PC01 is not a computer name: it contains '\'`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := tree(t, map[string]string{"Ccr.box/x.ccr": tc.content}, nil)
			in, err := Load(root, now)
			if err != nil {
				t.Fatal(err)
			}
			f := in.Files[0]
			if tc.name == "binary" && f.Text != "" {
				t.Errorf("text of a binary file kept for evidence: %q", f.Text)
			}
			if f.Valid || len(f.Problems) != 1 || f.Location.Line != tc.line || !strings.HasPrefix(f.Problems[0].Message, tc.problem) {
				t.Errorf("got valid=%v line=%d problems=%+v; want line %d %q", f.Valid, f.Location.Line, f.Problems, tc.line, tc.problem)
			}
		})
	}
}

func TestTolerantParsing(t *testing.T) {
	for _, tc := range []struct {
		name, content, machine string
	}{
		{"spaces around =", "[NT Client Configuration Request]\nMachine Name = PC1\n", "PC1"},
		{"case and blanks in section", "[ nt client  configuration request ]\nmachine name=pc1\n", "pc1"},
		{"quoted value", "[NT Client Configuration Request]\nMachine Name=\"PC1\"\n", "PC1"},
		{"first key wins", "[NT Client Configuration Request]\nMachine Name=PC1\nMachine Name=PC2\n", "PC1"},
		{"comments", "; made by hand\n[NT Client Configuration Request]\n;Machine Name=OLD\nMachine Name=PC1\n", "PC1"},
		{"dns name", "[NT Client Configuration Request]\nMachine Name=pc1.contoso.com\n", "pc1.contoso.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := tree(t, map[string]string{"ccr.box/x.ccr": tc.content}, nil)
			in, err := Load(root, now)
			if err != nil {
				t.Fatal(err)
			}
			f := in.Files[0]
			if !f.Valid || *f.MachineName != tc.machine {
				t.Errorf("valid=%v machine=%v problems=%+v", f.Valid, f.MachineName, f.Problems)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	root := tree(t, map[string]string{"notinboxes/file.txt": "x", "plain.txt": "x"}, nil)
	for _, tc := range []struct{ dir, want string }{
		{filepath.Join(root, "missing"), "no such file or directory"},
		{filepath.Join(root, "plain.txt"), "is not a folder"},
		{filepath.Join(root, "notinboxes"), "has no Ccr.box or Ccrretry.box folder"},
	} {
		_, err := Load(tc.dir, now)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%s) = %v, want %q", tc.dir, err, tc.want)
		}
	}
}

func TestLargeFileIsNotRead(t *testing.T) {
	root := tree(t, map[string]string{"Ccrretry.box/PC9": strings.Repeat("x", MaxCCRBytes+1)}, nil)
	in, err := Load(root, now)
	if err != nil {
		t.Fatal(err)
	}
	f := in.Files[0]
	if f.Valid || f.Machine != "PC9" || !strings.Contains(f.Problems[0].Message, "far more than a CCR holds") {
		t.Errorf("%+v", f)
	}
}

// KB 925282 has the administrator save a manual CCR from Notepad "with the quotation marks", because Notepad
// otherwise saves test.ccr as test.ccr.txt, which the site never picks up. A request under a name its queue
// does not process is a malformed CCR (PL305); a file that is no request at all is not ours to judge.
func TestMisnamedRequests(t *testing.T) {
	root := tree(t, map[string]string{
		"Inboxes/Ccr.box/PC042.ccr.txt":        "@kb-manual.ccr",
		"Inboxes/Ccr.box/PC043":                "@kb-manual.ccr",
		"Inboxes/Ccr.box/readme.txt":           "Drop CCR files here.\r\n",
		"Inboxes/Ccr.box/AB12.tmp":             "@kb-manual.ccr",
		"Inboxes/Ccr.box/desktop.ini":          "[.ShellClassInfo]\r\n",
		"Inboxes/Ccr.box/Inproc/PC044.CCR.TXT": "@misspelt-key.ccr",
		"Inboxes/Ccrretry.box/PC045.ccr.txt":   "@kb-manual.ccr",
	}, map[string]time.Duration{"Inboxes/Ccrretry.box/PC045.ccr.txt": 2 * time.Hour}) // their own times, as the site wrote them
	in, err := Load(filepath.Join(root, "Inboxes"), now)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range in.Files {
		var probs []string
		for _, p := range f.Problems {
			probs = append(probs, p.Message)
		}
		got = append(got, fmt.Sprintf("%s %s valid=%v line=%d: %s", f.Queue, f.Name, f.Valid, f.Location.Line, strings.Join(probs, "; ")))
	}
	want := []string{
		`incoming PC042.ccr.txt valid=false line=1: is named PC042.ccr.txt: Client Configuration Manager processes only a file whose name ends in .ccr, so it never picks this one up (Notepad added .txt: rename it to PC042.ccr, or save it with the name in quotes ("PC042.ccr") as KB 925282 says)`,
		`incoming PC043 valid=false line=1: is named PC043: Client Configuration Manager processes only a file whose name ends in .ccr, so it never picks this one up (rename it to PC043.ccr)`,
		`processing PC044.CCR.TXT valid=false line=1: is named PC044.CCR.TXT: Client Configuration Manager processes only a file whose name ends in .ccr, so it never picks this one up (Notepad added .txt: rename it to PC044.ccr, or save it with the name in quotes ("PC044.ccr") as KB 925282 says); writes "MachineName" where Client Configuration Manager expects "Machine Name"`,
		`retry PC045.ccr.txt valid=false line=1: is named PC045.ccr.txt: Client Configuration Manager processes only a file whose name is the machine's name, with no extension or .ccr, so it never picks this one up (rename it to PC045)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	inboxes := filepath.Join(root, "Inboxes")
	wantNotes := []string{
		inboxes + "/Ccr.box/AB12.tmp: not a CCR file name; skipped",
		inboxes + "/Ccr.box/desktop.ini: not a CCR file name; skipped",
		inboxes + "/Ccr.box/readme.txt: not a CCR file name; skipped",
	}
	if strings.Join(in.Source.Notes, "\n") != strings.Join(wantNotes, "\n") {
		t.Errorf("notes:\n%s", strings.Join(in.Source.Notes, "\n"))
	}
}

// A CCR's file time dates it only when it is the site server's. CCRs of several queues that all carry one
// time were written by one copy without times (or a git checkout): no age. A file time after now is
// impossible. CCRs of one queue sharing a second (Discovery Data Manager writes many at once) and CCRs of
// several queues with their own times keep their ages.
func TestFileTimesThatCannotDateACCR(t *testing.T) {
	ccr := "[NT Client Configuration Request]\r\nMachine Name=PC1\r\n"
	for _, tc := range []struct {
		name  string
		ages  map[string]time.Duration // by file; a negative age is a time after now
		known bool
		note  string
	}{
		{"checkout of two queues", map[string]time.Duration{"Ccr.box/PC1.ccr": 3 * time.Hour, "Ccrretry.box/PC2": 3*time.Hour + time.Second}, false,
			"inboxes: the 2 CCR files of 2 queues all carry one file time, as a copy without file times or a git checkout leaves them"},
		{"one queue, one second", map[string]time.Duration{"Ccr.box/PC1.ccr": 3 * time.Hour, "Ccr.box/PC2.ccr": 3 * time.Hour}, true, ""},
		{"two queues, their own times", map[string]time.Duration{"Ccr.box/PC1.ccr": 3 * time.Hour, "Ccrretry.box/PC2": 30 * time.Hour}, true, ""},
		{"after now", map[string]time.Duration{"Ccr.box/PC1.ccr": -time.Hour}, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for rel := range tc.ages {
				files["Inboxes/"+rel] = ccr
			}
			ages := map[string]time.Duration{}
			for rel, age := range tc.ages {
				ages["Inboxes/"+rel] = age
			}
			in, err := Load(filepath.Join(tree(t, files, ages), "Inboxes"), now)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range in.Files {
				if f.TimeKnown != tc.known || (!tc.known && f.AgeSeconds != 0) || (tc.known && f.AgeSeconds != now.Unix()-f.ModifiedSeconds) {
					t.Errorf("%s: time known %v, age %d; want known %v", f.Name, f.TimeKnown, f.AgeSeconds, tc.known)
				}
			}
			notes := strings.Join(in.Source.Notes, "\n")
			if (tc.note == "") != (notes == "") || !strings.Contains(notes, tc.note) {
				t.Errorf("notes %q, want %q", notes, tc.note)
			}
		})
	}
}
