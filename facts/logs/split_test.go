package logs

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pushlint/pushlint/internal/loadgen"
)

type sink struct{ bytes.Buffer }

func (s *sink) Line(b []byte) error { _, err := s.Write(b); return err }

// A log read in parts on several cores gives exactly the entries and the summary of reading it whole: the
// same lines, numbered the same, the same warnings, even a timezone bias that changes where a part starts.
func TestReadInParts(t *testing.T) {
	defer func(a, b, c int64) { splitMinBytes, partBytes, boundaryWindow = a, b, c }(splitMinBytes, partBytes, boundaryWindow)
	splitMinBytes, partBytes, boundaryWindow = 64<<10, 16<<10, 8<<10

	for _, format := range []string{"cmtrace", "server"} {
		t.Run(format, func(t *testing.T) {
			var log sink
			log.WriteString("\xef\xbb\xbf")
			if _, err := loadgen.WriteCCM(loadgen.Config{Seed: 2, Machines: 40, FailPercent: 50, Format: format, Bias: -60, Bytes: 200 << 10}, &log); err != nil {
				t.Fatal(err)
			}
			text := log.String()
			// Damage that makes warnings: a NUL run, an ANSI line, a line of no format.
			lines := strings.SplitAfter(text, "\r\n")
			lines[100] = strings.Replace(lines[100], "]LOG]", "\x00\x00]LOG]", 1)
			lines[100] = strings.Replace(lines[100], "~  $$", "\x00\x00~  $$", 1)
			lines[200] = "caf\xe9 cr\xe8me " + lines[200]
			lines[300] = "a line of no format\r\n" + lines[300]
			text = strings.Join(lines, "")
			path := filepath.Join(t.TempDir(), "ccm.log")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			fp := planFile(path)
			if !fp.split || len(fp.parts) < 8 {
				t.Fatalf("a %d KiB log in %d parts (split %v)", len(text)>>10, len(fp.parts), fp.split)
			}
			// The clock's bias changes (daylight saving time) exactly where the third part starts.
			at := fp.parts[2].off
			text = text[:at] + strings.ReplaceAll(text[at:], "-60", "-30")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			var whole []Entry
			wantSum, err := ReadFile(context.Background(), path, Options{}, func(e Entry) error {
				whole = append(whole, e)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var parts []Entry
			sums, err := Read(context.Background(), []Stream{{Name: path, Files: []string{path}}}, Options{Workers: 3}, func(e Entry) error {
				parts = append(parts, e)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(whole) != len(parts) {
				t.Fatalf("%d entries whole, %d in parts", len(whole), len(parts))
			}
			for i := range whole {
				if !reflect.DeepEqual(whole[i], parts[i]) {
					t.Fatalf("entry %d:\nwhole: %+v\nparts: %+v", i, whole[i], parts[i])
				}
			}
			if !reflect.DeepEqual(sums[0], wantSum) {
				t.Errorf("summary:\nwhole: %+v\nparts: %+v", wantSum, sums[0])
			}
			if len(wantSum.Warnings) < 3 || len(wantSum.Biases) != 2 {
				t.Errorf("the damage made warnings %q, biases %v", wantSum.Warnings, wantSum.Biases)
			}
		})
	}
}
