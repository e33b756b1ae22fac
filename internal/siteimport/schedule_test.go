package siteimport

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// token packs schedule fields the way the SMS Provider does (layout in the Schedule doc comment). The
// tests build tokens with it and decode them, so every field of every type is checked in both halves.
type token struct {
	kind                              ScheduleKind
	year, month, day, hour, minute    int
	durMinutes, durHours, durDays     int
	gmt                               bool
	minuteSpan, hourSpan, daySpan     int
	weekday, weeks, months, order, md int
}

func (t token) String() string {
	if t.year == 0 {
		t.year = 1970
	}
	hi := uint32(t.minute)<<26 | uint32(t.hour)<<21 | uint32(t.day)<<16 | uint32(t.month)<<12 |
		uint32(t.year-1970)<<6 | uint32(t.durMinutes)
	lo := uint32(t.durHours)<<27 | uint32(t.durDays)<<22 | uint32(t.kind)<<19
	if t.gmt {
		lo |= 1
	}
	switch t.kind {
	case RecurInterval:
		lo |= uint32(t.minuteSpan)<<13 | uint32(t.hourSpan)<<8 | uint32(t.daySpan)<<3
	case RecurWeekly:
		lo |= uint32(t.weekday)<<16 | uint32(t.weeks)<<13
	case MonthlyByWeekday:
		lo |= uint32(t.weekday)<<16 | uint32(t.months)<<12 | uint32(t.order)<<9
	case MonthlyByDate:
		lo |= uint32(t.md)<<14 | uint32(t.months)<<10
	}
	return fmt.Sprintf("%08X%08X", hi, lo)
}

func TestParseScheduleEveryType(t *testing.T) {
	start := time.Date(2007, 3, 12, 6, 30, 0, 0, time.UTC)
	at := func(k token) token {
		k.year, k.month, k.day, k.hour, k.minute = 2007, 3, 12, 6, 30
		return k
	}
	tests := []struct {
		name     string
		token    string
		want     Schedule
		interval time.Duration
		exact    bool
		text     string
	}{
		{
			name:  "SMS_ST_NonRecurring",
			token: at(token{kind: NonRecurring, durHours: 2, durMinutes: 15}).String(),
			want:  Schedule{Kind: NonRecurring, Start: start, Duration: 2*time.Hour + 15*time.Minute},
			text:  "once, at 2007-03-12 06:30",
		},
		{
			name:     "SMS_ST_RecurInterval days",
			token:    at(token{kind: RecurInterval, daySpan: 7}).String(),
			want:     Schedule{Kind: RecurInterval, Start: start, DaySpan: 7},
			interval: 7 * 24 * time.Hour, exact: true,
			text: "every 7 days from 2007-03-12 06:30",
		},
		{
			name:     "SMS_ST_RecurInterval hours, GMT",
			token:    at(token{kind: RecurInterval, hourSpan: 12, gmt: true}).String(),
			want:     Schedule{Kind: RecurInterval, Start: start, GMT: true, HourSpan: 12},
			interval: 12 * time.Hour, exact: true,
			text: "every 12 hours from 2007-03-12 06:30 UTC",
		},
		{
			name:     "SMS_ST_RecurInterval minutes, 1 day duration",
			token:    at(token{kind: RecurInterval, minuteSpan: 45, durDays: 1}).String(),
			want:     Schedule{Kind: RecurInterval, Start: start, MinuteSpan: 45, Duration: 24 * time.Hour},
			interval: 45 * time.Minute, exact: true,
			text: "every 45 minutes from 2007-03-12 06:30",
		},
		{
			name:     "SMS_ST_RecurInterval all three spans",
			token:    at(token{kind: RecurInterval, daySpan: 1, hourSpan: 12, minuteSpan: 30}).String(),
			want:     Schedule{Kind: RecurInterval, Start: start, DaySpan: 1, HourSpan: 12, MinuteSpan: 30},
			interval: 36*time.Hour + 30*time.Minute, exact: true,
			text: "every 1 day 12 hours 30 minutes from 2007-03-12 06:30",
		},
		{
			name:     "SMS_ST_RecurWeekly",
			token:    at(token{kind: RecurWeekly, weekday: 7, weeks: 2}).String(),
			want:     Schedule{Kind: RecurWeekly, Start: start, Day: 7, ForNumberOfWeeks: 2},
			interval: 14 * 24 * time.Hour, exact: true,
			text: "every 2 weeks on Saturday from 2007-03-12 06:30",
		},
		{
			// The first Monday of a month comes 28 or 35 days after the one before.
			name:     "SMS_ST_RecurMonthlyByWeekday first",
			token:    at(token{kind: MonthlyByWeekday, weekday: 2, months: 1, order: 1}).String(),
			want:     Schedule{Kind: MonthlyByWeekday, Start: start, Day: 2, ForNumberOfMonths: 1, WeekOrder: 1},
			interval: 35 * 24 * time.Hour,
			text:     "the first Monday of every 1 month from 2007-03-12 06:30",
		},
		{
			// Two months are 59 to 62 days; the gap between two last Fridays is a whole number of weeks.
			name:     "SMS_ST_RecurMonthlyByWeekday last, every 2 months",
			token:    at(token{kind: MonthlyByWeekday, weekday: 6, months: 2, order: 0}).String(),
			want:     Schedule{Kind: MonthlyByWeekday, Start: start, Day: 6, ForNumberOfMonths: 2, WeekOrder: 0},
			interval: 63 * 24 * time.Hour,
			text:     "the last Friday of every 2 months from 2007-03-12 06:30",
		},
		{
			name:     "SMS_ST_RecurMonthlyByDate day 15",
			token:    at(token{kind: MonthlyByDate, md: 15, months: 1}).String(),
			want:     Schedule{Kind: MonthlyByDate, Start: start, MonthDay: 15, ForNumberOfMonths: 1},
			interval: 31 * 24 * time.Hour,
			text:     "day 15 of every 1 month from 2007-03-12 06:30",
		},
		{
			// Three months are at most 92 days (July to September).
			name:     "SMS_ST_RecurMonthlyByDate last day, every 3 months",
			token:    at(token{kind: MonthlyByDate, md: 0, months: 3}).String(),
			want:     Schedule{Kind: MonthlyByDate, Start: start, MonthDay: 0, ForNumberOfMonths: 3},
			interval: 92 * 24 * time.Hour,
			text:     "the last day of every 3 months from 2007-03-12 06:30",
		},
		{
			// Every 12 months on day 1 is a year: 365 or 366 days.
			name:     "SMS_ST_RecurMonthlyByDate yearly",
			token:    at(token{kind: MonthlyByDate, md: 1, months: 12}).String(),
			want:     Schedule{Kind: MonthlyByDate, Start: start, MonthDay: 1, ForNumberOfMonths: 12},
			interval: 366 * 24 * time.Hour,
			text:     "day 1 of every 12 months from 2007-03-12 06:30",
		},
		{
			// The token the console writes for "every 7 days" with no start date: the well-known
			// Heartbeat Discovery default.
			name:     "no start date",
			token:    "0001200000100038",
			want:     Schedule{Kind: RecurInterval, Start: time.Date(1970, 2, 1, 0, 0, 0, 0, time.UTC), DaySpan: 7},
			interval: 7 * 24 * time.Hour, exact: true,
			text: "every 7 days",
		},
		{
			name:     "lower case",
			token:    "0001200000100008",
			want:     Schedule{Kind: RecurInterval, Start: time.Date(1970, 2, 1, 0, 0, 0, 0, time.UTC), DaySpan: 1},
			interval: 24 * time.Hour, exact: true,
			text: "every 1 day",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, tok := range []string{tc.token, strings.ToLower(tc.token)} {
				got, err := ParseSchedule(tok)
				if err != nil {
					t.Fatal(err)
				}
				want := tc.want
				want.Token = strings.ToUpper(tc.token)
				if got != want {
					t.Errorf("ParseSchedule(%s)\n got %+v\nwant %+v", tok, got, want)
				}
				iv, exact := got.Interval()
				if iv != tc.interval || exact != tc.exact {
					t.Errorf("Interval() = %v, %v; want %v, %v", iv, exact, tc.interval, tc.exact)
				}
				if s := got.String(); s != tc.text {
					t.Errorf("String() = %q; want %q", s, tc.text)
				}
			}
		})
	}
}

// TestParseSchedulePublicTokens decodes tokens whose meaning ConfigMgr itself displayed, as public
// maintenance window reports list them next to the console's description. They check the bit layout
// independently of the test encoder above.
func TestParseSchedulePublicTokens(t *testing.T) {
	tests := []struct {
		token string
		text  string // the console's description, in pushlint's words
		dur   time.Duration
	}{
		{"00011A8500080000", "once, at 2012-01-01 00:00", 5 * time.Minute},
		{"02811A8040100018", "every 3 days from 2012-01-01 20:00", 8 * time.Hour},
		{"02811A80401F6000", "every 3 weeks on Saturday from 2012-01-01 20:00", 8 * time.Hour},
		{"02811A80401F2000", "every 1 week on Saturday from 2012-01-01 20:00", 8 * time.Hour},
		{"00811A9E081A2000", "every 1 week on Monday from 2012-01-01 04:00", time.Hour + 30*time.Minute},
		{"00811A9E08221600", "the third Monday of every 1 month from 2012-01-01 04:00", time.Hour + 30*time.Minute},
		{"02811A8040241000", "the last Wednesday of every 1 month from 2012-01-01 20:00", 8 * time.Hour},
		{"02811A8040241800", "the fourth Wednesday of every 1 month from 2012-01-01 20:00", 8 * time.Hour},
		{"02811A8040288800", "day 2 of every 2 months from 2012-01-01 20:00", 8 * time.Hour},
		{"02811A80402FC400", "day 31 of every 1 month from 2012-01-01 20:00", 8 * time.Hour},
		{"02811A8040280C00", "the last day of every 3 months from 2012-01-01 20:00", 8 * time.Hour},
		{"1033BC7B10100010", "every 2 days from 2019-11-19 01:04", 2*time.Hour + 59*time.Minute},
	}
	for _, tc := range tests {
		s, err := ParseSchedule(tc.token)
		if err != nil {
			t.Errorf("%s: %v", tc.token, err)
			continue
		}
		if s.String() != tc.text || s.Duration != tc.dur {
			t.Errorf("%s: %q lasting %v; want %q lasting %v", tc.token, s, s.Duration, tc.text, tc.dur)
		}
	}
}

func TestParseScheduleRejects(t *testing.T) {
	tests := []struct {
		token, want string
	}{
		{"", `schedule token "" is not 16 hexadecimal digits`},
		{"000120000010003", `schedule token "000120000010003" is not 16 hexadecimal digits`},
		{"00012000001000380", `schedule token "00012000001000380" is not 16 hexadecimal digits`},
		{"0001200000100G38", `schedule token "0001200000100G38" is not 16 hexadecimal digits`},
		{"+001200000100038", `schedule token "+001200000100038" is not 16 hexadecimal digits`},
		{token{kind: 0}.String(), "schedule token 0000000000000000 has type 0; SMS schedule types are 1 to 5"},
		{token{kind: 6}.String(), "schedule token 0000000000300000 has type 6; SMS schedule types are 1 to 5"},
		{token{kind: 7}.String(), "schedule token 0000000000380000 has type 7; SMS schedule types are 1 to 5"},
		{token{kind: RecurInterval}.String(), "schedule token 0000000000100000 recurs every 0 minutes"},
		{token{kind: RecurWeekly, weeks: 1}.String(), "schedule token 0000000000182000 is weekly on day 0; days are 1 (Sunday) to 7 (Saturday)"},
		{token{kind: RecurWeekly, weekday: 1}.String(), "schedule token 0000000000190000 recurs every 0 weeks"},
		{token{kind: MonthlyByWeekday, months: 1, order: 1}.String(), "schedule token 0000000000201200 is monthly on day 0 of the week; days are 1 (Sunday) to 7 (Saturday)"},
		{token{kind: MonthlyByWeekday, weekday: 2, months: 1, order: 5}.String(), "schedule token 0000000000221A00 is monthly in week 5; weeks are 1 to 4, or 0 for the last"},
		{token{kind: MonthlyByWeekday, weekday: 2, order: 1}.String(), "schedule token 0000000000220200 recurs every 0 months"},
		{token{kind: MonthlyByDate, md: 3}.String(), "schedule token 000000000028C000 recurs every 0 months"},
	}
	for _, tc := range tests {
		_, err := ParseSchedule(tc.token)
		if err == nil || err.Error() != tc.want {
			t.Errorf("ParseSchedule(%q) error = %v; want %q", tc.token, err, tc.want)
		}
	}
}

func TestScheduleStartOutOfRange(t *testing.T) {
	// Month 0 is no date: the schedule still decodes (the interval does not depend on it), without a start.
	s, err := ParseSchedule(token{kind: RecurInterval, daySpan: 1, year: 1990, month: 0, day: 5}.String())
	if err != nil {
		t.Fatal(err)
	}
	if !s.Start.IsZero() || s.String() != "every 1 day" {
		t.Errorf("start %v, %q; want no start", s.Start, s)
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{45 * time.Minute, "45m"},
		{90 * time.Minute, "90m"},
		{12 * time.Hour, "12h"},
		{36 * time.Hour, "36h"},
		{24 * time.Hour, "1d"},
		{7 * 24 * time.Hour, "7d"},
		{14 * 24 * time.Hour, "14d"},
		{36*time.Hour + 30*time.Minute, "2190m"},
	}
	for _, tc := range tests {
		if got := FormatDuration(tc.d); got != tc.want {
			t.Errorf("FormatDuration(%v) = %q; want %q", tc.d, got, tc.want)
		}
	}
}

func BenchmarkMonthlyInterval(b *testing.B) {
	s, err := ParseSchedule(token{kind: MonthlyByWeekday, weekday: 2, months: 1, order: 0}.String())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s.Interval()
	}
}
