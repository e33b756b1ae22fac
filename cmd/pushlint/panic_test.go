package main

import (
	"bytes"
	"testing"

	"github.com/spf13/cobra"
)

// A bug in pushlint must not look like a clean run, nor bury the terminal in a goroutine dump: a panic is
// one line, exit 2, the control characters of its value escaped.
func TestPanicIsOneLineAndExitTwo(t *testing.T) {
	t.Parallel()
	cmd := &cobra.Command{Use: "pushlint", SilenceErrors: true, SilenceUsage: true,
		RunE: func(*cobra.Command, []string) error { panic("index out of range\n\x1b[2J") }}
	var stderr bytes.Buffer
	code := execute(cmd, nil, &stderr)
	want := "pushlint: internal error (a bug in pushlint, please report it with the command line): index out of range\\n\\x1b[2J\n"
	if code != ExitInvalid || stderr.String() != want {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
