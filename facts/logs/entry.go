// Package logs reads SMS 2003 / ConfigMgr 2007 log files in every format they are found in (CMTrace, the
// SMS 2003 server format, text copied out of Trace32, MSI verbose logs, plain text), in any of the encodings
// Windows writes, and yields one Entry per logical log record.
package logs

import "time"

// Format names a log file format, detected from content, never from the file name alone.
type Format string

// The formats pushlint reads.
const (
	FormatCMTrace     Format = "cmtrace"      // <![LOG[msg]LOG]!><time=".." date=".." component=".." ...>
	FormatSMSServer   Format = "sms_server"   // msg  $$<COMPONENT><MM-DD-YYYY HH:MM:SS.mmm+bias><thread=N (0xHEX)>
	FormatTrace32Copy Format = "trace32_copy" // message, component, date/time, thread copied out of the viewer
	FormatMSI         Format = "msi_verbose"  // Windows Installer verbose log (client.msi.log)
	FormatPlain       Format = "plain"        // anything else that is text: one entry per line
)

// Level is the CMTrace severity of an entry; formats without one give LevelUnknown.
type Level int

// Levels as CMTrace shows them (type="1|2|3").
const (
	LevelUnknown Level = 0
	LevelInfo    Level = 1
	LevelWarning Level = 2
	LevelError   Level = 3
)

// Entry is one logical log record. A CMTrace record whose message spans several physical lines is one Entry.
type Entry struct {
	File      string    // path as given by the user (for evidence: file:line)
	Line      int       // first physical line of the record, 1-based, counted in the file it came from
	EndLine   int       // last physical line of the record
	Format    Format    // format of the file the entry came from
	Time      time.Time // UTC; zero when the record carries no time
	HasTime   bool      // false when Time is unknown (pasted lines without a date, stripped metadata)
	Bias      string    // raw timezone bias as written ("-600", "+00"); "" when none
	Component string    // SMS_CLIENT_CONFIG_MANAGER, ccmsetup, ...; "" when none
	Level     Level
	Thread    int    // thread id; 0 when none
	Message   string // the message text, without the format's framing; may contain newlines

	// Prepared is what Options.Prepare worked out of the entry on the core that read it (the signatures
	// that match it), for the one who reads the entries.
	Prepared any

	// TimeZoneKnown is true when Time was converted to UTC with the record's own bias. When false (pasted
	// text, MSI logs, SMS 1.x/2.0 dates) Time holds the wall clock of the machine that wrote the line,
	// labelled UTC because the zone is unknown.
	TimeZoneKnown bool
}

// UTCOffset is the entry's local time minus UTC in minutes, from its timezone bias (bias = UTC - local, so
// "-600" is 600, UTC+10); ok is false when the entry carries no bias.
func (e Entry) UTCOffset() (minutes int, ok bool) {
	if e.Bias == "" {
		return 0, false
	}
	b, ok := parseBias([]byte(e.Bias))
	return -b, ok
}
