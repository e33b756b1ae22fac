package siteimport

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ScheduleKind is the SMS_ST_* class a schedule token encodes.
type ScheduleKind int

// The SMS_ST_* schedule classes, numbered as the token stores them.
const (
	NonRecurring     ScheduleKind = 1 // SMS_ST_NonRecurring: once, at the start time
	RecurInterval    ScheduleKind = 2 // SMS_ST_RecurInterval: every DaySpan/HourSpan/MinuteSpan
	RecurWeekly      ScheduleKind = 3 // SMS_ST_RecurWeekly: every ForNumberOfWeeks weeks on Day
	MonthlyByWeekday ScheduleKind = 4 // SMS_ST_RecurMonthlyByWeekday: the WeekOrder-th Day of every ForNumberOfMonths months
	MonthlyByDate    ScheduleKind = 5 // SMS_ST_RecurMonthlyByDate: day MonthDay of every ForNumberOfMonths months
)

func (k ScheduleKind) String() string {
	switch k {
	case NonRecurring:
		return "SMS_ST_NonRecurring"
	case RecurInterval:
		return "SMS_ST_RecurInterval"
	case RecurWeekly:
		return "SMS_ST_RecurWeekly"
	case MonthlyByWeekday:
		return "SMS_ST_RecurMonthlyByWeekday"
	case MonthlyByDate:
		return "SMS_ST_RecurMonthlyByDate"
	}
	return fmt.Sprintf("schedule type %d", int(k))
}

// Schedule is a decoded SMS schedule token: 16 hexadecimal digits, the high 32 bits the start time and
// how long each run lasts, the low 32 bits the recurrence. Bit layout (bit 0 is the least significant bit
// of each half):
//
//	high: 26-31 start minute, 21-25 start hour, 16-20 start day, 12-15 start month, 6-11 start year - 1970,
//	      0-5 duration minutes
//	low:  27-31 duration hours, 22-26 duration days, 19-21 type (ScheduleKind), 0 IsGMT, and by type:
//	      RecurInterval    13-18 MinuteSpan, 8-12 HourSpan, 3-7 DaySpan
//	      RecurWeekly      16-18 Day (1 Sunday .. 7 Saturday), 13-15 ForNumberOfWeeks
//	      MonthlyByWeekday 16-18 Day, 12-15 ForNumberOfMonths, 9-11 WeekOrder (0 last, 1-4 first-fourth)
//	      MonthlyByDate    14-18 MonthDay (0 last day), 10-13 ForNumberOfMonths
type Schedule struct {
	Token    string
	Kind     ScheduleKind
	Start    time.Time // wall clock of the start; zero when the token's start is not a date
	GMT      bool
	Duration time.Duration // how long each run lasts

	DaySpan, HourSpan, MinuteSpan int // RecurInterval
	Day                           int // RecurWeekly, MonthlyByWeekday: 1 Sunday .. 7 Saturday
	ForNumberOfWeeks              int // RecurWeekly
	ForNumberOfMonths             int // MonthlyByWeekday, MonthlyByDate
	WeekOrder                     int // MonthlyByWeekday: 0 last, 1 first .. 4 fourth
	MonthDay                      int // MonthlyByDate: 0 last day of the month
}

// ParseSchedule decodes one schedule token.
func ParseSchedule(token string) (Schedule, error) {
	t := strings.TrimSpace(token)
	if len(t) != 16 {
		return Schedule{}, fmt.Errorf("schedule token %q is not 16 hexadecimal digits", token)
	}
	v, err := strconv.ParseUint(t, 16, 64)
	if err != nil {
		return Schedule{}, fmt.Errorf("schedule token %q is not 16 hexadecimal digits", token)
	}
	hi, lo := uint32(v>>32), uint32(v)
	bits := func(w uint32, from, n uint) int { return int(w >> from & (1<<n - 1)) }
	s := Schedule{Token: strings.ToUpper(t), Kind: ScheduleKind(bits(lo, 19, 3)), GMT: lo&1 == 1}
	s.Duration = time.Duration(bits(lo, 22, 5))*24*time.Hour + time.Duration(bits(lo, 27, 5))*time.Hour +
		time.Duration(bits(hi, 0, 6))*time.Minute
	year, month, day := 1970+bits(hi, 6, 6), bits(hi, 12, 4), bits(hi, 16, 5)
	hour, minute := bits(hi, 21, 5), bits(hi, 26, 6)
	if month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, time.Month(month)) && hour < 24 && minute < 60 {
		s.Start = time.Date(year, time.Month(month), day, hour, minute, 0, 0, time.UTC)
	}
	switch s.Kind {
	case NonRecurring:
	case RecurInterval:
		s.MinuteSpan, s.HourSpan, s.DaySpan = bits(lo, 13, 6), bits(lo, 8, 5), bits(lo, 3, 5)
		if s.MinuteSpan == 0 && s.HourSpan == 0 && s.DaySpan == 0 {
			return s, fmt.Errorf("schedule token %s recurs every 0 minutes", s.Token)
		}
	case RecurWeekly:
		s.Day, s.ForNumberOfWeeks = bits(lo, 16, 3), bits(lo, 13, 3)
		switch {
		case s.Day < 1:
			return s, fmt.Errorf("schedule token %s is weekly on day 0; days are 1 (Sunday) to 7 (Saturday)", s.Token)
		case s.ForNumberOfWeeks < 1:
			return s, fmt.Errorf("schedule token %s recurs every 0 weeks", s.Token)
		}
	case MonthlyByWeekday:
		s.Day, s.ForNumberOfMonths, s.WeekOrder = bits(lo, 16, 3), bits(lo, 12, 4), bits(lo, 9, 3)
		switch {
		case s.Day < 1:
			return s, fmt.Errorf("schedule token %s is monthly on day 0 of the week; days are 1 (Sunday) to 7 (Saturday)", s.Token)
		case s.WeekOrder > 4:
			return s, fmt.Errorf("schedule token %s is monthly in week %d; weeks are 1 to 4, or 0 for the last", s.Token, s.WeekOrder)
		case s.ForNumberOfMonths < 1:
			return s, fmt.Errorf("schedule token %s recurs every 0 months", s.Token)
		}
	case MonthlyByDate:
		s.MonthDay, s.ForNumberOfMonths = bits(lo, 14, 5), bits(lo, 10, 4)
		if s.ForNumberOfMonths < 1 {
			return s, fmt.Errorf("schedule token %s recurs every 0 months", s.Token)
		}
	default:
		return s, fmt.Errorf("schedule token %s has type %d; SMS schedule types are 1 to 5", s.Token, int(s.Kind))
	}
	return s, nil
}

// Interval is the longest time between two runs, and whether every gap is that long. A non-recurring
// schedule has none (0, false). For monthly schedules it is the longest gap over a whole 400-year
// Gregorian cycle: the time a client can go without a run is what a rediscovery period has to cover.
func (s Schedule) Interval() (time.Duration, bool) {
	day := 24 * time.Hour
	switch s.Kind {
	case RecurInterval:
		return time.Duration(s.DaySpan)*day + time.Duration(s.HourSpan)*time.Hour + time.Duration(s.MinuteSpan)*time.Minute, true
	case RecurWeekly:
		return time.Duration(s.ForNumberOfWeeks) * 7 * day, true
	case MonthlyByWeekday, MonthlyByDate:
		longest, shortest := 0, 1<<30
		for m := 0; m < 400*12; m++ {
			gap := s.runDay(m+s.ForNumberOfMonths) - s.runDay(m)
			longest, shortest = max(longest, gap), min(shortest, gap)
		}
		return time.Duration(longest) * day, longest == shortest
	}
	return 0, false
}

// runDay is the day number (days since 2000-01-01) of the run in month m counted from January 2000.
func (s Schedule) runDay(m int) int {
	year, month := 2000+m/12, time.Month(m%12+1)
	n := daysIn(year, month)
	var d int
	if s.Kind == MonthlyByDate {
		// Day 0 is the last day. A day the month does not have (31 in April) is taken as its last day.
		d = s.MonthDay
		if d == 0 || d > n {
			d = n
		}
	} else {
		want := time.Weekday(s.Day - 1)
		if s.WeekOrder == 0 {
			last := time.Date(year, month, n, 0, 0, 0, 0, time.UTC).Weekday()
			d = n - (int(last)-int(want)+7)%7
		} else {
			first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC).Weekday()
			d = 1 + (int(want)-int(first)+7)%7 + 7*(s.WeekOrder-1)
		}
	}
	return int(time.Date(year, month, d, 0, 0, 0, 0, time.UTC).Sub(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String says what the schedule does, the way the SMS Administrator console does.
func (s Schedule) String() string {
	weekday := func(d int) string { return time.Weekday(d - 1).String() }
	start := ""
	// Tokens made without a start date (every interval schedule the console's "simple" options write)
	// carry 1970; saying "from 1970" would read as if someone had chosen it.
	if !s.Start.IsZero() && s.Start.Year() > 1970 {
		start = " from " + s.Start.Format("2006-01-02 15:04")
		if s.GMT {
			start += " UTC"
		}
	}
	switch s.Kind {
	case NonRecurring:
		if start == "" {
			return "once"
		}
		return "once, at" + strings.TrimPrefix(start, " from")
	case RecurInterval:
		var parts []string
		for _, p := range []struct {
			n    int
			unit string
		}{{s.DaySpan, "day"}, {s.HourSpan, "hour"}, {s.MinuteSpan, "minute"}} {
			if p.n > 0 {
				parts = append(parts, plural(p.n, p.unit))
			}
		}
		return "every " + strings.Join(parts, " ") + start
	case RecurWeekly:
		return fmt.Sprintf("every %s on %s%s", plural(s.ForNumberOfWeeks, "week"), weekday(s.Day), start)
	case MonthlyByWeekday:
		order := [...]string{"last", "first", "second", "third", "fourth"}[s.WeekOrder]
		return fmt.Sprintf("the %s %s of every %s%s", order, weekday(s.Day), plural(s.ForNumberOfMonths, "month"), start)
	case MonthlyByDate:
		d := "the last day"
		if s.MonthDay > 0 {
			d = fmt.Sprintf("day %d", s.MonthDay)
		}
		return fmt.Sprintf("%s of every %s%s", d, plural(s.ForNumberOfMonths, "month"), start)
	}
	return s.Kind.String()
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// FormatDuration writes d in the site.yaml duration syntax with the largest unit that is exact, preferring
// days to weeks because the SMS Administrator console shows discovery and maintenance periods in days.
func FormatDuration(d time.Duration) string {
	switch m := int64(d / time.Minute); {
	case m%(24*60) == 0:
		return fmt.Sprintf("%dd", m/(24*60))
	case m%60 == 0:
		return fmt.Sprintf("%dh", m/60)
	default:
		return fmt.Sprintf("%dm", m)
	}
}
