//go:build linux

package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/pushlint/pushlint/facts/clients"
)

// Memory limits of the child processes below. Go reserves about 1.7 GB of address space before it
// allocates anything, so the hard limit (ulimit -v, which counts address space) is that plus the heap we
// allow; GOMEMLIMIT (the environment's debug.SetMemoryLimit) makes the collector keep the heap under its
// soft limit, so that what is counted is live memory, not garbage not yet collected.
const (
	childAddressSpaceKB = 2_600_000
	childSoftLimit      = "768MiB"
)

// noopRule is a policy that reads no client: a check with it costs what reading the export, building the
// input document and handing it to the evaluator cost.
const noopRule = `# METADATA
# title: Nothing
# custom:
#   id: XX930
#   severity: info
#   kb_section: Introduction
#   remediation: Nothing.
package pushlint.rules.test.nothing

import data.pushlint.lib

report contains lib.finding(lib.site_subject(site), "never", site.location) if {
	some site in input.sites
	site.code == "never"
}
`

// Out-of-memory is not an error Go can recover: memory must be bounded by design. A client export is
// bounded in bytes (64 MiB) and in records (200,000), and each record's share is bounded, so the worst
// exports a person or an attacker can make end in a one-line error or are read, within a fixed memory
// limit, never in "fatal error: out of memory" and a goroutine dump. Each case runs the real binary in a
// child process under a hard address-space limit.
// memoryTests runs the worst-case exports under a memory limit. They write and read six exports of up to
// 64 MiB in child processes, about 20 s of CPU, so the default `go test ./...` leaves them to .ci/run:
// go test -run TestClientExportMemoryIsBounded ./cmd/pushlint -memory
var memoryTests = flag.Bool("memory", false, "run the worst-case client exports under a memory limit")

func TestClientExportMemoryIsBounded(t *testing.T) {
	t.Parallel()
	if !*memoryTests {
		t.Skip("worst-case exports under a memory limit: go test -run TestClientExportMemoryIsBounded ./cmd/pushlint -memory (.ci/run runs them)")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no shell to set ulimit with")
	}
	dir := t.TempDir()
	policy := filepath.Join(dir, "policy")
	if err := os.Mkdir(policy, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(policy, "nothing.rego"), []byte(noopRule), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		write func(w *bufio.Writer)
		code  int
		// stderr: the whole standard error, a regular expression; "" for none.
		stderr string
	}{
		{"1.5 million short rows (20 MB)", func(w *bufio.Writer) {
			w.WriteString("Name,Client\n")
			var b []byte
			for i := 0; i < 1_500_000; i++ {
				b = append(strconv.AppendInt(append(b[:0], 'P'), int64(i), 10), ",1\n"...)
				w.Write(b)
			}
		}, 2, `^pushlint: \S+:200002:1: more than 200000 records; a client export may hold at most 200000 systems \(export one collection at a time\)\n$`},
		{"1.5 million JSON records", func(w *bufio.Writer) {
			w.WriteString("[")
			var b []byte
			for i := 0; i < 1_500_000; i++ {
				b = append(strconv.AppendInt(append(b[:0], `{"Name":"P`...), int64(i), 10), "\"},\n"...)
				w.Write(b)
			}
			w.WriteString("{\"Name\":\"LAST\"}]\n")
		}, 2, `^pushlint: \S+:200001:1: more than 200000 records; a client export may hold at most 200000 systems \(export one collection at a time\)\n$`},
		{"64 MiB of line ends", func(w *bufio.Writer) {
			w.WriteString("Name\n")
			w.Write(bytes.Repeat([]byte("\n"), clients.MaxFileBytes-len("Name\n")))
		}, 0, ``},
		{"a value of 60 MiB", func(w *bufio.Writer) {
			w.WriteString("Name,Operating System\nPC1,")
			w.Write(bytes.Repeat([]byte("x"), 60<<20))
			w.WriteString("\n")
		}, 2, `^pushlint: \S+:2:5: Operating System: a value of 62914560 bytes; no field pushlint reads holds more than 4096 \(is this column what its title says\?\)\n$`},
		{"64 addresses on every row", func(w *bufio.Writer) {
			w.WriteString("Name,IP Addresses\n")
			for i := 0; i < 20_000; i++ {
				fmt.Fprintf(w, "P%d,\"", i)
				for j := 0; j < 64; j++ {
					fmt.Fprintf(w, "%x::%x ", j+1, i)
				}
				w.WriteString("\"\n")
			}
		}, 2, `^pushlint: \S+:15627:\d+: IP Addresses: more than 1000000 addresses, subnets and prefixes in the export; export fewer systems at a time\n$`},
		{"200,000 rows, the most an export may hold", func(w *bufio.Writer) {
			w.WriteString("Name,Client,IP Addresses\n")
			for i := 0; i < clients.MaxRecords; i++ {
				fmt.Fprintf(w, "PC%06d,Yes,10.%d.%d.%d\n", i, i>>16, (i>>8)&255, i&255)
			}
		}, 0, ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "export.csv")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			w := bufio.NewWriterSize(f, 1<<20)
			tc.write(w)
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			cmd := exec.Command("sh", "-c", fmt.Sprintf(`ulimit -v %d && exec "$@"`, childAddressSpaceKB), "sh",
				binary, "check", "--no-builtin", "--policy", policy, "--clients", path, "--now", "2026-11-25")
			cmd.Env = append(os.Environ(), "GOMEMLIMIT="+childSoftLimit, "NO_COLOR=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err = cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			rss := int64(0)
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				rss = ru.Maxrss // KB on Linux
			}
			t.Logf("exit %d, peak resident memory %d MB, %v user", code, rss>>10, cmd.ProcessState.UserTime())
			errText := strings.ReplaceAll(stderr.String(), path, "export.csv")
			if code != tc.code || (tc.stderr == "" && errText != "") || (tc.stderr != "" && !regexp.MustCompile(tc.stderr).MatchString(stderr.String())) {
				t.Errorf("exit %d, want %d; stderr (%d bytes):\n%.2000s", code, tc.code, stderr.Len(), errText)
			}
			if tc.code == 0 && !strings.Contains(stdout.String(), "no findings") {
				t.Errorf("stdout %.500s", stdout.String())
			}
		})
	}
}
