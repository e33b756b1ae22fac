package loadgen

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type lines struct{ bytes.Buffer }

func (l *lines) Line(b []byte) error {
	l.Write(b)
	return nil
}

func ccmLog(t *testing.T, c Config) string {
	t.Helper()
	var out lines
	n, err := WriteCCM(c, &out)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(out.Len()) {
		t.Fatalf("WriteCCM says %d bytes, wrote %d", n, out.Len())
	}
	return out.String()
}

// The same configuration writes the same bytes; another seed writes others.
func TestDeterministic(t *testing.T) {
	c := Config{Seed: 7, Machines: 300, FailPercent: 30, RecoverPercent: 50, NoisePerCCR: 2}
	a, b := ccmLog(t, c), ccmLog(t, c)
	if sha256.Sum256([]byte(a)) != sha256.Sum256([]byte(b)) {
		t.Fatal("two runs with one seed differ")
	}
	c.Seed = 8
	if ccmLog(t, c) == a {
		t.Fatal("another seed wrote the same log")
	}
}

// Every machine is pushed to; failing machines are retried, recovering ones end with a success; lines are
// whole records of the chosen format.
func TestMix(t *testing.T) {
	for _, format := range []string{"cmtrace", "server"} {
		c := Config{Seed: 1, Machines: 200, FailPercent: 50, RecoverPercent: 50, MaxAttempts: 10, Format: format}
		log := ccmLog(t, c)
		for _, l := range strings.SplitAfter(log, "\r\n") {
			if l == "" {
				continue
			}
			if format == "cmtrace" && (!strings.HasPrefix(l, "<![LOG[") || !strings.HasSuffix(l, "file=\"\">\r\n")) ||
				format == "server" && !strings.Contains(l, "~  $$<SMS_CLIENT_CONFIG_MANAGER><") {
				t.Fatalf("%s: not a whole record: %q", format, l)
			}
		}
		for i := 0; i < c.Machines; i++ {
			if !strings.Contains(log, `machine name: "`+MachineName(i)+`"`) {
				t.Fatalf("%s: %s never pushed to", format, MachineName(i))
			}
		}
		retries, services := strings.Count(log, `in queue "Retry"`), strings.Count(log, `Created service "ccmsetup"`)
		if retries < c.Machines/4 || services < c.Machines/2 || services > c.Machines {
			t.Errorf("%s: %d retries, %d services created for %d machines", format, retries, services, c.Machines)
		}
	}
}

// A size target is met by pushing to the same machines again, and the log ends on a whole line.
func TestBytes(t *testing.T) {
	c := Config{Seed: 1, Machines: 20, Bytes: 1 << 20}
	log := ccmLog(t, c)
	if len(log) < 1<<20 || len(log) > 1<<20+1024 || !strings.HasSuffix(log, "\r\n") {
		t.Fatalf("%d bytes, want just over %d ending in a line break", len(log), 1<<20)
	}
	if strings.Contains(log, "PC000021") {
		t.Fatal("more machines than configured")
	}
}

func TestTree(t *testing.T) {
	dir := t.TempDir()
	w, err := WriteTree(Tree{Config: Config{Seed: 1, Machines: 100}, RolloverBytes: 64 << 10, Clients: 150, ClientLogs: 3, Sites: 2}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.LogFiles) < 4 || w.LogFiles[0] != filepath.Join("collect-001", "ccm.lo_") || w.LogFiles[1] != filepath.Join("collect-001", "ccm.log") {
		t.Fatalf("log files %v", w.LogFiles)
	}
	var total int64
	for _, f := range w.LogFiles {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil || st.Size() > 64<<10 {
			t.Fatalf("%s: %v, %d bytes", f, err, st.Size())
		}
		total += st.Size()
	}
	if total != w.LogBytes {
		t.Fatalf("files hold %d bytes, WriteTree says %d", total, w.LogBytes)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "clients.csv"))
	if err != nil || strings.Count(string(csv), "\r\n") != 151 {
		t.Fatalf("clients.csv: %v, %d lines", err, strings.Count(string(csv), "\r\n"))
	}
	if _, err := os.Stat(filepath.Join(dir, "clients", "PC000003", "ccmsetup.log")); err != nil {
		t.Fatal(err)
	}
}
