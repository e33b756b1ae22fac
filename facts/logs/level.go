package logs

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
	m := e.Message
	switch {
	// "Return value 3" is how a verbose MSI log says an action failed (KB 925282: search for it).
	case containsFold(m, "error") || containsFold(m, "fail") || containsFold(m, "return value 3"):
		return LevelError
	case containsFold(m, "warn"):
		return LevelWarning
	}
	return LevelInfo
}

// containsFold reports whether s contains the lower-case ASCII word, ignoring ASCII case, without making a
// lower-case copy of s for every entry.
func containsFold(s, word string) bool {
	first := word[0]
	for i := 0; i+len(word) <= len(s); i++ {
		if c := s[i]; c != first && c+('a'-'A') != first {
			continue
		}
		j := 1
		for ; j < len(word); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[j] {
				break
			}
		}
		if j == len(word) {
			return true
		}
	}
	return false
}
