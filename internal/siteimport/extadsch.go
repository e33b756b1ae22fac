package siteimport

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// SchemaEvidence is what ExtADSch.log says about the Active Directory schema extension for SMS.
type SchemaEvidence struct {
	File     string
	Extended *bool  // nil: the log has no line that says how ExtADSch.exe ended
	Line     int    // the line that decided it (the last result line: ExtADSch.log grows with every run)
	Text     string // that line, trimmed
	// FirstFailure is the first "Failed to ..." line: what to quote when the log has no result line.
	FirstFailureLine int
	FirstFailure     string
}

// ExtADSch.exe ends every run with one of these lines (KB 925282: "the ExtADSch.log file will contain
// information about the Active Directory update and whether Active Directory was extended successfully").
const (
	schemaSuccess = "successfully extended the active directory schema"
	schemaFailure = "failed to extend the active directory schema"
)

// ReadExtADSchLog reads ExtADSch.log (from the root of the system drive of the computer ExtADSch.exe ran
// on). The log is ANSI text; UTF-16 is read too. Lines are matched anywhere, without regard to case, so a
// copy pasted from an e-mail or a quoted KB excerpt reads the same.
func ReadExtADSchLog(file string, data []byte) SchemaEvidence {
	ev := SchemaEvidence{File: file}
	for i, line := range strings.Split(logText(data), "\n") {
		text := strings.TrimSpace(strings.TrimRight(line, "\r"))
		lower := strings.ToLower(text)
		switch {
		case strings.Contains(lower, schemaSuccess):
			yes := true
			ev.Extended, ev.Line, ev.Text = &yes, i+1, text
		case strings.Contains(lower, schemaFailure):
			no := false
			ev.Extended, ev.Line, ev.Text = &no, i+1, text
		case strings.HasPrefix(strings.TrimLeft(lower, "> "), "failed to") && ev.FirstFailure == "":
			ev.FirstFailureLine, ev.FirstFailure = i+1, text
		}
	}
	return ev
}

func logText(data []byte) string {
	le := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || (len(data) >= 2 && data[0] != 0 && data[1] == 0)
	be := bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	if !le && !be {
		return string(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}))
	}
	var order binary.ByteOrder = binary.LittleEndian
	if be {
		order = binary.BigEndian
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || be {
		data = data[2:]
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = order.Uint16(data[2*i:])
	}
	return string(utf16.Decode(units))
}
