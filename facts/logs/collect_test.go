package logs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func serverLine(msg string, second int) string {
	return fmt.Sprintf("%s  $$<SMS_CLIENT_CONFIG_MANAGER><06-07-2015 13:11:%02d.000-600><thread=6708 (0x1A34)>\r\n", msg, second)
}

func TestCollectAndReadRollover(t *testing.T) {
	dir := t.TempDir()
	// ccm.log rolled over: ccm.lo_ holds the older lines. Names differ in case, as on Windows.
	write(t, filepath.Join(dir, "SMS", "Logs", "ccm.log"), serverLine("newer 1", 3)+serverLine("newer 2", 4))
	write(t, filepath.Join(dir, "SMS", "Logs", "CCM.lo_"), serverLine("older 1", 1)+serverLine("older 2", 2))
	write(t, filepath.Join(dir, "SMS", "Logs", "sitecomp.log"), serverLine("sitecomp", 5))
	write(t, filepath.Join(dir, "SMS", "Logs", "hman.lo_"), serverLine("hman rolled over", 6))
	write(t, filepath.Join(dir, "client1", "ccmsetup.log"),
		"<![LOG[CcmSetup failed with error code 0x80004005]LOG]!><time=\"15:34:23.493+360\" date=\"02-21-2018\" component=\"ccmsetup\" context=\"\" type=\"1\" thread=\"580\" file=\"ccmsetup.cpp:11055\">\r\n")
	write(t, filepath.Join(dir, "client1", "notes.txt"), "pasted by the admin\n")
	write(t, filepath.Join(dir, "client1", "setup.ini"), "[Options]\nSMSSITECODE=ABC\n")
	write(t, filepath.Join(dir, "client1", "sms.cab"), strings.Repeat("MSCF\x00\x00\x00\x00\x01\x02\x03", 50))
	// Found by its content although the name says nothing.
	write(t, filepath.Join(dir, "client1", "export.dat"), serverLine("content decides", 7))

	col, err := Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	rel := func(p string) string { r, _ := filepath.Rel(dir, p); return filepath.ToSlash(r) }
	var got [][]string
	for _, s := range col.Streams {
		var files []string
		for _, f := range s.Files {
			files = append(files, rel(f))
		}
		got = append(got, append([]string{rel(s.Name)}, files...))
	}
	want := [][]string{
		{"SMS/Logs/ccm.log", "SMS/Logs/CCM.lo_", "SMS/Logs/ccm.log"},
		{"SMS/Logs/hman.lo_", "SMS/Logs/hman.lo_"},
		{"SMS/Logs/sitecomp.log", "SMS/Logs/sitecomp.log"},
		{"client1/ccmsetup.log", "client1/ccmsetup.log"},
		{"client1/export.dat", "client1/export.dat"},
		{"client1/notes.txt", "client1/notes.txt"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("streams\n got %q\nwant %q", got, want)
	}
	var skipped []string
	for _, s := range col.Skipped {
		skipped = append(skipped, rel(s.Path)+": "+s.Reason)
	}
	wantSkipped := []string{
		"client1/setup.ini: no log records recognised, and not named .log, .lo_ or .txt",
		"client1/sms.cab: binary content, not a log",
	}
	if !reflect.DeepEqual(skipped, wantSkipped) {
		t.Errorf("skipped\n got %q\nwant %q", skipped, wantSkipped)
	}

	var msgs []string
	sums, err := Read(context.Background(), col.Streams[:1], Options{}, func(e Entry) error {
		msgs = append(msgs, fmt.Sprintf("%s:%d %s %s", rel(e.File), e.Line, e.Time.Format("15:04:05Z"), e.Message))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantMsgs := []string{
		"SMS/Logs/CCM.lo_:1 03:11:01Z older 1",
		"SMS/Logs/CCM.lo_:2 03:11:02Z older 2",
		"SMS/Logs/ccm.log:1 03:11:03Z newer 1",
		"SMS/Logs/ccm.log:2 03:11:04Z newer 2",
	}
	if !reflect.DeepEqual(msgs, wantMsgs) {
		t.Errorf("entries\n got %q\nwant %q", msgs, wantMsgs)
	}
	if len(sums) != 2 || rel(sums[0].Path) != "SMS/Logs/CCM.lo_" || sums[1].Entries != 2 {
		t.Errorf("summaries %+v", sums)
	}
}

func TestCollectExplicitFiles(t *testing.T) {
	dir := t.TempDir()
	ini := filepath.Join(dir, "setup.ini")
	exe := filepath.Join(dir, "tool.exe")
	write(t, ini, "[Options]\n")
	write(t, exe, strings.Repeat("MZ\x90\x00\x03\x00\x00\x00", 100))
	// Named on the command line, a text file is read whatever its name; binaries never are.
	col, err := Collect([]string{ini, exe, ini})
	if err != nil {
		t.Fatal(err)
	}
	if len(col.Streams) != 1 || col.Streams[0].Name != ini {
		t.Errorf("streams %+v", col.Streams)
	}
	if len(col.Skipped) != 2 || col.Skipped[0].Reason != "binary content, not a log" ||
		col.Skipped[1].Reason != "same file as "+ini {
		t.Errorf("skipped %+v", col.Skipped)
	}
	if _, err := Collect([]string{filepath.Join(dir, "missing.log")}); err == nil {
		t.Error("a missing path must be an error")
	}
}

func TestCollectSymlinkLoop(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "logs", "ccm.log"), serverLine("x", 1))
	// logs/again -> logs (a loop), logs/up -> dir (a parent), linked.log -> logs/ccm.log (the same file).
	if err := os.Symlink(filepath.Join(dir, "logs"), filepath.Join(dir, "logs", "again")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "logs", "up")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "logs", "ccm.log"), filepath.Join(dir, "linked.log")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling.log")); err != nil {
		t.Fatal(err)
	}
	col, err := Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(col.Streams) != 1 {
		t.Errorf("streams %+v", col.Streams)
	}
	reasons := map[string]string{}
	for _, s := range col.Skipped {
		r, _ := filepath.Rel(dir, s.Path)
		reasons[filepath.ToSlash(r)] = s.Reason
	}
	if len(reasons) != 4 || !strings.HasPrefix(reasons["logs/again"], "folder already read") ||
		!strings.HasPrefix(reasons["logs/up"], "folder already read") || !strings.HasPrefix(reasons["logs/ccm.log"], "same file as") ||
		!strings.HasPrefix(reasons["dangling.log"], "cannot read") {
		t.Errorf("skipped %q", reasons)
	}
}

// Many files read by several workers come out in the order given, each file's entries in order.
func TestReadOrderWithWorkers(t *testing.T) {
	dir := t.TempDir()
	var streams []Stream
	var want []string
	for i := range 12 {
		var b strings.Builder
		n := 1 + (i*397)%1000 // different sizes, so workers finish out of order
		for j := range n {
			b.WriteString(serverLine(fmt.Sprintf("file %d line %d", i, j+1), j%60))
			want = append(want, fmt.Sprintf("file %d line %d", i, j+1))
		}
		p := filepath.Join(dir, fmt.Sprintf("f%02d.log", i))
		write(t, p, b.String())
		streams = append(streams, Stream{Name: p, Files: []string{p}})
	}
	var got []string
	sums, err := Read(context.Background(), streams, Options{Workers: 3}, func(e Entry) error {
		got = append(got, e.Message)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || len(sums) != 12 {
		t.Errorf("%d entries in %d summaries; want %d in 12", len(got), len(sums), len(want))
	}

	stop := errors.New("stop")
	n := 0
	_, err = Read(context.Background(), streams, Options{Workers: 3}, func(Entry) error {
		if n++; n == 1500 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("err %v", err)
	}
	_, err = Read(context.Background(), []Stream{{Name: "x", Files: []string{filepath.Join(dir, "gone.log")}}}, Options{}, func(Entry) error { return nil })
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err %v", err)
	}
}

func TestCollectSkipsDocumentsInFoldersButReadsThemByName(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "ccm.log")
	doc := filepath.Join(dir, "PROVENANCE.md")
	quoted := "Installation failed with error code 1603 ccmsetup 12-11-2010 16:26:12 3264 (0x0CC0)\n"
	for _, p := range []string{log, doc} {
		if err := os.WriteFile(p, []byte(quoted), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	col, err := Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(col.Streams) != 1 || col.Streams[0].Name != log {
		t.Errorf("streams %+v, want only ccm.log", col.Streams)
	}
	if len(col.Skipped) != 1 || col.Skipped[0].Path != doc || !strings.Contains(col.Skipped[0].Reason, "a document, not a log") {
		t.Errorf("skipped %+v, want the .md file skipped as a document", col.Skipped)
	}
	col, err = Collect([]string{doc})
	if err != nil || len(col.Streams) != 1 {
		t.Errorf("a document named on the command line must be read: %+v %v", col, err)
	}
}

// A run out of time stops reading at once, also before any file was handed to a reader.
func TestReadStopsWhenCanceled(t *testing.T) {
	dir := t.TempDir()
	for i := range 8 {
		write(t, filepath.Join(dir, fmt.Sprintf("ccm%d.log", i)), strings.Repeat(serverLine("x", 1), 100))
	}
	col, err := Collect([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan error, 1)
	go func() {
		_, err := Read(ctx, col.Streams, Options{Workers: 1}, func(Entry) error { return nil })
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Read: %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read did not return after its context was canceled")
	}
}
