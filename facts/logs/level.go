package logs

import "strings"

// String names the level as the CLI shows it: "info", "warning", "error", or "" when unknown.
func (l Level) String() string {
	switch l {
	case LevelInfo:
		return "info"
	case LevelWarning:
		return "warning"
	case LevelError:
		return "error"
	}
	return ""
}

// levelOfType maps CMTrace's type attribute: 1 informational, 2 warning, 3 error. 0 is what ccmsetup writes
// on verbose lines (the real ccmsetup.log has it on "SslState value: 224" and the MSI action lines); CMTrace
// shows those as informational, and so does pushlint.
func levelOfType(b []byte) Level {
	switch {
	case len(b) == 0:
		return LevelUnknown
	case len(b) == 1 && b[0] == '2':
		return LevelWarning
	case len(b) == 1 && b[0] == '3':
		return LevelError
	}
	return LevelInfo
}

// DisplayLevel is the level a viewer shows. It is e.Level when the log recorded one (CMTrace's type);
// formats without a type field (server logs, MSI logs, pasted text) get what CMTrace itself highlights: a
// message containing "error", "fail" or MSI's "Return value 3" is an error, one containing "warn" a
// warning, anything else information. It is a viewing aid only; policies read e.Level and the message.
func (e Entry) DisplayLevel() Level {
	if e.Level != LevelUnknown {
		return e.Level
	}
	m := strings.ToLower(e.Message)
	switch {
	// "Return value 3" is how a verbose MSI log says an action failed (KB 925282: search for it).
	case strings.Contains(m, "error") || strings.Contains(m, "fail") || strings.Contains(m, "return value 3"):
		return LevelError
	case strings.Contains(m, "warn"):
		return LevelWarning
	}
	return LevelInfo
}
