package logs

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// addSamples seeds a fuzz target with every real sample, whole and line by line.
func addSamples(f *testing.F, whole bool) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "samples", "*.log"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no samples: %v", err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if whole {
			f.Add(b)
			continue
		}
		for _, l := range bytes.Split(b, []byte("\n")) {
			f.Add(bytes.TrimRight(l, "\r"))
		}
	}
}

// FuzzParse runs the whole reader (encoding, detection, every format's parser) on arbitrary bytes.
func FuzzParse(f *testing.F) {
	addSamples(f, true)
	f.Add(encodeUTF16("<![LOG[x]LOG]!><time=\"1:2:3.4+5\" date=\"1-2-2000\">\r\n<![LOG[", false, true))
	f.Fuzz(func(t *testing.T, in []byte) {
		last := 0
		sum, err := Parse(context.Background(), bytes.NewReader(in), "fuzz.log", Options{MaxRecordBytes: 512}, func(e Entry) error {
			if e.Line < last || e.EndLine < e.Line || e.Line < 1 {
				t.Fatalf("entry lines %d-%d after %d", e.Line, e.EndLine, last)
			}
			last = e.Line
			// A line is cut at 512 bytes, and re-decoding it from Windows-1252 may triple it.
			if !utf8.ValidString(e.Message) || len(e.Message) > 3*512 {
				t.Fatalf("message of %d bytes, valid UTF-8 %v", len(e.Message), utf8.ValidString(e.Message))
			}
			if e.HasTime != !e.Time.IsZero() && e.HasTime {
				t.Fatalf("HasTime %v with time %v", e.HasTime, e.Time)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Unparsed > sum.Lines {
			t.Fatalf("%d unparsed of %d lines", sum.Unparsed, sum.Lines)
		}
	})
}

// FuzzCMTraceAttributes parses the element after "]LOG]!>".
func FuzzCMTraceAttributes(f *testing.F) {
	addSamples(f, false)
	f.Add([]byte(`<time="15:10:29.068+00" date="02-04-2020" component="ccmsetup" context="" type="1" thread="3396" file="ccmsetup.cpp:9498">`))
	f.Fuzz(func(t *testing.T, in []byte) {
		if i := bytes.Index(in, cmClose); i >= 0 {
			in = in[i+len(cmClose):]
		}
		a, rest, ok := parseCMAttrs(in)
		if len(rest) > len(in) {
			t.Fatal("rest longer than input")
		}
		var e Entry
		var in2 interner
		if ok && a.fill(&e, &in2) && e.TimeZoneKnown && e.Bias == "" {
			t.Fatal("zone known without a bias")
		}
	})
}

// FuzzServer parses server-format record text (one line or several).
func FuzzServer(f *testing.F) {
	addSamples(f, false)
	f.Add([]byte("msg~   $$<SMS_DESPOOLER><Mon Dec 04 15:41:45\n1995~><thread=E0>"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, st := parseServer(in)
		if st == fullTrailer && len(r.msg) > len(in) {
			t.Fatal("message longer than the record")
		}
		if r.hasBias && !r.hasTime {
			t.Fatal("bias without time")
		}
	})
}

// FuzzTrace32 finds column groups in a line copied out of a log viewer.
func FuzzTrace32(f *testing.F) {
	addSamples(f, false)
	f.Add([]byte("Sleeping for 661 seconds...\tSMS_CLIENT_CONFIG_MANAGER\t09/09/2022 14:09:09\t2624 (0x0A40)"))
	f.Add([]byte("Submitted request successfully SMS_CLIENT_CONFIG_MANAGER 9/20/99 5:24:02 PM 227 (0xE3)"))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, bare := range []bool{false, true} {
			prev := 0
			for _, g := range findGroups(in, bare) {
				if g.start < prev || g.end < g.start || g.end > len(in) {
					t.Fatalf("group %d-%d after %d in %d bytes", g.start, g.end, prev, len(in))
				}
				prev = g.end
				msg, comp := splitComponent(in[:g.start], g)
				if len(msg)+len(comp) > g.start {
					t.Fatal("split longer than its input")
				}
			}
		}
	})
}

// FuzzMSI parses Windows Installer log lines.
func FuzzMSI(f *testing.F) {
	addSamples(f, false)
	f.Add([]byte("=== Verbose logging started: 2/24/2006  12:40:01  Build type: SHIP UNICODE ==="))
	f.Add([]byte("MSI (c) (1C!B8) [23:59:59:001]: x"))
	f.Fuzz(func(t *testing.T, in []byte) {
		var cal msiCalendar
		for _, l := range bytes.Split(in, []byte("\n")) {
			m := parseMSI(l)
			if m.kind == msiBanner && m.hasDate {
				cal.banner(m.date, m.clk)
			}
			if m.hasClock {
				if when, ok := cal.at(m.clk); ok && when.Year() < 1980 {
					t.Fatalf("date %v", when)
				}
			}
		}
	})
}

// FuzzDetect decides a format from arbitrary text.
func FuzzDetect(f *testing.F) {
	addSamples(f, true)
	f.Fuzz(func(t *testing.T, in []byte) {
		d := detect(in)
		if d.binary && d.format != "" {
			t.Fatal("binary with a format")
		}
		if !d.binary && d.format == "" {
			t.Fatal("text without a format")
		}
	})
}
