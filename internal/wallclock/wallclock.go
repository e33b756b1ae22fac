// Package wallclock writes the times of logs the way an administrator reads them: the wall clock that
// CMTrace shows for the line, the zone the log's timezone bias implies, and the same instant in UTC, so
// that "13:11:09" in the log and "03:11:09Z" in a report are seen to be one moment. The policies write the
// same form in Rego (data.pushlint.lib.when); a test keeps the two in step.
package wallclock

import (
	"fmt"
	"strings"
	"time"
)

const (
	day      = "2006-01-02"
	clock    = "15:04:05"
	clockMS  = "15:04:05.000"
	dayClock = day + " " + clock
)

// Log writes a time of a log that carries its bias: "2015-06-07 13:11:09 UTC+10 (03:11:09Z)", the wall
// clock, the zone (offsetMinutes is local time minus UTC: 600 for UTC+10, the bias -600 negated) and the
// UTC clock, with the UTC date too when it is another day ("2015-06-07 09:00:00 UTC+10 (2015-06-06
// 23:00:00Z)"). With millis the wall clock has its milliseconds, as the log wrote them.
func Log(utc time.Time, offsetMinutes int, millis bool) string {
	utc = utc.UTC()
	local := utc.Add(time.Duration(offsetMinutes) * time.Minute)
	layout := clock
	if millis {
		layout = clockMS
	}
	u := utc.Format(clock)
	if utc.Format(day) != local.Format(day) {
		u = utc.Format(dayClock)
	}
	return fmt.Sprintf("%s %s %s (%sZ)", local.Format(day), local.Format(layout), Zone(offsetMinutes), u)
}

// Wall writes the wall clock of a writer whose zone is unknown (text copied out of Trace32, MSI logs, SMS
// 2.0 dates): "2006-06-06 07:06:35 (local time, zone unknown)". t holds the wall clock labelled UTC.
func Wall(t time.Time, millis bool) string {
	layout := dayClock
	if millis {
		layout = day + " " + clockMS
	}
	return t.UTC().Format(layout) + " (local time, zone unknown)"
}

// UTC writes an instant that no log dates (a file's modification time, an export's heartbeat):
// "2022-08-12 15:30:00 UTC".
func UTC(t time.Time) string {
	return t.UTC().Format(dayClock) + " UTC"
}

// Zone writes an offset from UTC in minutes as the zone's name: UTC+10, UTC-6, UTC+5:30, UTC+0.
func Zone(offsetMinutes int) string {
	sign := "+"
	if offsetMinutes < 0 {
		sign, offsetMinutes = "-", -offsetMinutes
	}
	if m := offsetMinutes % 60; m != 0 {
		return fmt.Sprintf("UTC%s%d:%02d", sign, offsetMinutes/60, m)
	}
	return fmt.Sprintf("UTC%s%d", sign, offsetMinutes/60)
}

// Parse reads a time of the input document: RFC 3339 in UTC ("2015-06-07T03:11:09.448Z"), or, without the
// Z, a wall clock whose zone is unknown (returned labelled UTC, zoneKnown false).
func Parse(text string) (t time.Time, zoneKnown, ok bool) {
	if strings.HasSuffix(text, "Z") {
		t, err := time.Parse(time.RFC3339Nano, text)
		return t, true, err == nil
	}
	t, err := time.Parse("2006-01-02T15:04:05.999999999", text)
	return t, false, err == nil
}
