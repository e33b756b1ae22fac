//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// copyFile copies a repository file into dir, so that a test may try to overwrite it.
func copyFile(t *testing.T, from, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, from))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, filepath.Base(from))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// An --output that is one of the run's inputs, however it is spelt, is refused before anything is written:
// the report would replace the site description, a log, a waivers file or a policy.
func TestOutputIsNeverAnInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	site := copyFile(t, "examples/clean-site.yaml", dir)
	waivers := copyFile(t, "examples/ci/waivers.yaml", dir)
	logs := filepath.Join(dir, "logs")
	if err := os.Mkdir(logs, 0o755); err != nil {
		t.Fatal(err)
	}
	ccm := filepath.Join(logs, "ccm.log")
	if err := os.WriteFile(ccm, []byte("Submitted request successfully  $$<SMS_CLIENT_CONFIG_MANAGER><09-25-2026 15:13:57.327-60><thread=19068 (0x4A7C)>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	policy := filepath.Join(dir, "policy")
	if err := os.Mkdir(policy, 0o755); err != nil {
		t.Fatal(err)
	}
	rule := filepath.Join(policy, "client_rows.rego")
	if err := os.WriteFile(rule, []byte(clientRowsRule), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "site-link.yaml")
	if err := os.Symlink(site, link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
	wd, _ := os.Getwd()
	relSite, err := filepath.Rel(wd, site)
	if err != nil {
		t.Fatal(err)
	}
	base := []string{"check", site, "--now", "2026-11-25"}
	for _, tc := range []struct {
		name   string
		args   []string
		output string
		want   string
	}{
		{"site, same spelling", nil, site, site + " is an input of this run"},
		{"site, relative", nil, relSite, relSite + " is the same file as the input " + site},
		{"site, through a link", nil, link, link + " is the same file as the input " + site},
		{"waivers", []string{"--waivers", waivers}, waivers, waivers + " is an input of this run"},
		{"log found in a folder", []string{"--logs", logs}, ccm, ccm + " is an input of this run"},
		{"policy file", []string{"--policy", policy}, rule, rule + " is an input of this run"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := map[string]string{}
			for _, f := range []string{site, waivers, ccm, rule} {
				b, _ := os.ReadFile(f)
				before[f] = string(b)
			}
			args := append(append(append([]string{}, base...), tc.args...), "--output", tc.output)
			out, stderr, code := cli(t, args...)
			want := "pushlint: --output " + tc.want + "; writing the output there would replace it\n"
			if code != 2 || out != "" || stderr != want {
				t.Errorf("exit %d, stdout %q, stderr\n got %q\nwant %q", code, out, stderr, want)
			}
			for f, b := range before {
				if after, _ := os.ReadFile(f); string(after) != b {
					t.Errorf("%s was changed", f)
				}
			}
		})
	}
}

// The report goes into a device or named pipe named as --output; the node stays what it was. The device
// node is made in a temporary folder (a copy of /dev/null's numbers), so no system file is touched.
func TestOutputIntoDevicesAndPipes(t *testing.T) {
	t.Parallel()
	null, err := os.Stat("/dev/null")
	if err != nil {
		t.Skipf("no /dev/null: %v", err)
	}
	sys, ok := null.Sys().(*syscall.Stat_t)
	if !ok {
		t.Skip("no device numbers on this system")
	}
	dir := t.TempDir()
	dev := filepath.Join(dir, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, int(sys.Rdev)); err != nil {
		t.Skipf("mknod needs privileges this test does not have: %v", err)
	}
	docs := filepath.Join(dir, "docs")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(docs, "PL001.md")
	if err := syscall.Mknod(page, syscall.S_IFCHR|0o666, int(sys.Rdev)); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", "examples/clean-site.yaml", "--now", "2026-11-25", "--output", dev},
		{"check", "examples/clean-site.yaml", "--now", "2026-11-25", "--format", "sarif", "--output", dev},
		{"rules", "--format", "markdown", "--output", docs},
	} {
		_, stderr, code := runIn(t, args...)
		if code != 0 {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
	for _, p := range []string{dev, page} {
		if st, err := os.Lstat(p); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			t.Errorf("%s is now %v (%v)", p, st.Mode(), err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
	// A device that refuses every write (a copy of /dev/full, made here so that the system's node is never
	// the one written to): the run fails instead of reporting success with the report lost.
	if fst, err := os.Stat("/dev/full"); err == nil && fst.Mode()&os.ModeCharDevice != 0 {
		full := filepath.Join(t.TempDir(), "full")
		if err := syscall.Mknod(full, syscall.S_IFCHR|0o666, int(fst.Sys().(*syscall.Stat_t).Rdev)); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runIn(t, "check", "examples/clean-site.yaml", "--now", "2026-11-25", "--output", full)
		if code != 2 || !strings.Contains(stderr, "writing "+full+": ") || !strings.Contains(stderr, "no space left on device") {
			t.Errorf("full device: exit %d, %q", code, stderr)
		}
		if st, err := os.Lstat(full); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			t.Errorf("the device node is now %v (%v)", st.Mode(), err)
		}
	}
}

// CCR files: a request that exists under another case is the same request on Windows; a name with a
// trailing dot would make a file name Windows cannot keep; neither is written.
func TestCCRNamesAsWindowsSeesThem(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "Ccr.box")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	lower := filepath.Join(dir, "pc4.ccr")
	if err := os.WriteFile(lower, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := cli(t, "ccr", "PC4", "--out", dir)
	want := "pushlint: not overwriting " + lower + " (file names are compared without case, as Windows does); give --force to replace\n"
	if code != 2 || stderr != want {
		t.Errorf("exit %d, stderr\n got %q\nwant %q", code, stderr, want)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files: %v", entries)
	}
	// With --force the request is replaced under its own name: one file per machine stays.
	out, _, code := cli(t, "ccr", "PC4", "--out", dir, "--force")
	if code != 0 || out != lower+"\n" {
		t.Errorf("--force: exit %d, %q", code, out)
	}
	if b, _ := os.ReadFile(lower); string(b) != "[NT Client Configuration Request]\r\nMachine Name=PC4\r\n" {
		t.Errorf("content %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files: %v", entries)
	}
	// A request that is not a regular file is not replaced, even with --force.
	fifo := filepath.Join(dir, "PC5.ccr")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		_, stderr, code = cli(t, "ccr", "PC5", "--out", dir, "--force")
		if code != 2 || !strings.Contains(stderr, fifo+" is not a regular file") {
			t.Errorf("fifo: exit %d, %q", code, stderr)
		}
		if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("the pipe was replaced: %v", err)
		}
	}
	_, stderr, code = cli(t, "ccr", "PC1.", "--out", dir)
	if code != 2 || stderr != "pushlint: machine name \"PC1.\" ends with a dot; Windows drops a trailing dot from names (give PC1)\n" {
		t.Errorf("trailing dot: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "PC1..ccr")); err == nil {
		t.Error("PC1..ccr written")
	}
}
