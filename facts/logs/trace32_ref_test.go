package logs

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// The column scanners of trace32.go implement these expressions by hand (for speed). They are the
// specification; the tests below hold the scanners to them.
var (
	refDateTime     = `(\d{1,2})([/-])(\d{1,2})[/-](\d{4}|\d{2})[ T]+(\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,7})?)(?:\s*([AaPp])\.?[Mm]\.?)?`
	refPlaceholder  = `\\?<date>\s*\\?<time>`
	refDateAtStart  = regexp.MustCompile(`^(?:` + refDateTime + `)`)
	refDateAtEnd    = regexp.MustCompile(`(?:` + refDateTime + `)$`)
	refPlaceAtStart = regexp.MustCompile(`^` + refPlaceholder)
	refPlaceAtEnd   = regexp.MustCompile(refPlaceholder + `$`)
	refSMSAtEnd     = regexp.MustCompile(`SMS_[A-Z][A-Z0-9_]*$`)
	refSMSAtHead    = regexp.MustCompile(`^SMS_[A-Z][A-Z0-9_]*\b`)
	refSMS          = regexp.MustCompile(`SMS_[A-Z][A-Z0-9_]*\b`)
)

// refDateColumn reads a refDateTime match the way the scanners must.
func refDateColumn(s []byte, m []int) column {
	c := column{start: m[0], end: m[1], kind: 'd'}
	a, _ := atoi(s[m[2]:m[3]])
	b, _ := atoi(s[m[6]:m[7]])
	y, _ := atoi(s[m[8]:m[9]])
	if m[9]-m[8] == 2 {
		y += 1900
		if y < 1970 {
			y += 100
		}
	}
	mon, day := a, b
	if s[m[4]] == '/' && a > 12 && b <= 12 {
		mon, day = b, a
	}
	clk, rest, ok := parseClock(bytes.ReplaceAll(s[m[10]:m[11]], []byte(","), []byte(".")), '.')
	if !ok || len(rest) != 0 || !validDate(y, mon, day) {
		return c
	}
	if m[12] >= 0 {
		pm := s[m[12]] == 'p' || s[m[12]] == 'P'
		if clk.hour < 1 || clk.hour > 12 {
			return c
		}
		clk.hour %= 12
		if pm {
			clk.hour += 12
		}
	}
	c.when, c.hasTime = wallTime(y, mon, day, clk), true
	return c
}

func refColumnBefore(s []byte) (column, bool) {
	t := bytes.TrimRight(s, " \t")
	off := max(0, len(t)-columnTail)
	t = t[off:]
	var c column
	if m := refDateAtEnd.FindSubmatchIndex(t); m != nil {
		c = refDateColumn(t, m)
	} else if m := refPlaceAtEnd.FindIndex(t); m != nil {
		c = column{start: m[0], end: m[1], kind: 'p'}
	} else if m := refSMSAtEnd.FindIndex(t); m != nil {
		c = column{start: m[0], end: m[1], kind: 'c'}
	} else {
		return column{}, false
	}
	c.start += off
	c.end += off
	return c, true
}

func refColumnAfter(s []byte) (column, int, bool) {
	t := bytes.TrimLeft(s, " \t")
	off := len(s) - len(t)
	if m := refDateAtStart.FindSubmatchIndex(t); m != nil {
		return refDateColumn(t, m), off, true
	}
	if m := refPlaceAtStart.FindIndex(t); m != nil {
		return column{start: m[0], end: m[1], kind: 'p'}, off, true
	}
	if m := refSMSAtHead.FindIndex(t); m != nil {
		return column{start: m[0], end: m[1], kind: 'c'}, off, true
	}
	return column{}, 0, false
}

func checkScanners(t *testing.T, s []byte) {
	t.Helper()
	for i := 0; i <= len(s); i++ {
		got, gotOK := columnBefore(s[:i])
		want, wantOK := refColumnBefore(s[:i])
		if gotOK != wantOK || got != want {
			t.Fatalf("columnBefore(%q) = %+v %v, want %+v %v", s[:i], got, gotOK, want, wantOK)
		}
		gotC, gotOff, gotOK := columnAfter(s[i:])
		wantC, wantOff, wantOK := refColumnAfter(s[i:])
		if gotOK != wantOK || gotC != wantC || gotOff != wantOff {
			t.Fatalf("columnAfter(%q) = %+v %d %v, want %+v %d %v", s[i:], gotC, gotOff, gotOK, wantC, wantOff, wantOK)
		}
	}
	var want [][2]int
	for _, m := range refSMS.FindAllIndex(s, -1) {
		want = append(want, [2]int{m[0], m[1]})
	}
	if got := smsComponents(s); len(got) != len(want) || (len(got) > 0 && !equalPairs(got, want)) {
		t.Fatalf("smsComponents(%q) = %v, want %v", s, got, want)
	}
}

func equalPairs(a, b [][2]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var scannerCases = []string{
	"Sleeping for 661 seconds...\tSMS_CLIENT_CONFIG_MANAGER\t09/09/2022 14:09:09\t2624 (0x0A40)",
	"Submitted request successfully SMS_CLIENT_CONFIG_MANAGER 9/20/99 5:24:02 PM 227 (0xE3)",
	"error code: 53SMS_CLIENT_CONFIG_MANAGER 660 (0x0294)6/6/2006 7:06:35 AM",
	"x 13/31/2024 12:00:00.1234567 p.m. 31/12/2024 1:2:3 12-11-2010T16:26:12,5 2/30/2024 0:00:00 AM",
	`failed (0x80004015).CcmExec\<date> \<time>3304 (0x0CE8) <date>	<time> \<date><time>`,
	"SMS_CodePage(437) SMS_X SMS_ SMS_9 XSMS_ABC_1é SMS_SMS_A 123/4/2006 1:00:00 1/2/20061 1:00:00 1/2/206 1:0:00",
	"1/2/206 1:00:00 6/6/2006 7:06:355 7:06 1/1/2000  \t 23:59:60 1/1/2000 24:00:00 1/1/2000 13:00:00 PM 1/1/2000 0:00:00 am",
}

func TestColumnScannersMatchReference(t *testing.T) {
	for _, s := range scannerCases {
		checkScanners(t, []byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "samples", "*.log"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range bytes.Split(b, []byte("\n")) {
			if len(l) < 400 {
				checkScanners(t, l)
			}
		}
	}
}

// FuzzColumnScanners holds the hand-written column scanners to the reference expressions.
func FuzzColumnScanners(f *testing.F) {
	for _, s := range scannerCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		if len(s) > 300 {
			s = s[:300]
		}
		checkScanners(t, s)
	})
}
