package signatures

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/pushlint/pushlint/facts/errorcodes"
	"github.com/pushlint/pushlint/facts/machine"
)

// normalize stores the value of one field in fields, shaped by its normalization. Values that cannot be
// normalized are kept as written: a log line is evidence even when it is odd.
func normalize(fields map[string]any, name, norm, raw string) {
	raw = strings.TrimSpace(raw)
	switch norm {
	case NormMachine:
		fields[name] = MachineName(raw)
	case NormAccount:
		fields[name] = strings.Trim(stripMarkup(raw), `'" `)
	case NormRequest:
		fields[name] = strings.ToUpper(strings.Trim(stripMarkup(raw), `'" `))
	case NormErrorCode:
		code, ok := ParseErrorCode(raw)
		if !ok {
			fields[name] = raw
			return
		}
		fields[name] = code
		fields[name+"_hex"] = "0x" + strconv.FormatInt(code, 16)
		if w, ok := Win32Code(code); ok {
			fields[name+"_win32"] = w
		}
	case NormInt:
		if n, err := strconv.ParseInt(raw, 10, 64); err == nil {
			fields[name] = n
		} else {
			fields[name] = raw
		}
	case NormUpper:
		fields[name] = strings.ToUpper(raw)
	case NormLower:
		fields[name] = strings.ToLower(raw)
	default:
		fields[name] = raw
	}
}

// stripMarkup removes what documents wrap around names when they quote log lines: Markdown emphasis and
// escapes, and the <placeholder> brackets of KB articles. None of these characters can occur in a NetBIOS
// name, a CCR name or a Windows account name.
func stripMarkup(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '*', '<', '>':
			return -1
		}
		return r
	}, s)
}

// MachineName is the key under which pushlint correlates a machine (facts/machine.Key: the NetBIOS name in
// upper case, without a domain suffix), once the markup of quoted log lines is gone. IP addresses are kept
// whole.
func MachineName(raw string) string {
	s := strings.TrimSpace(stripMarkup(raw))
	s = strings.Trim(s, `'" \`)
	if s == "" {
		return ""
	}
	if _, err := netip.ParseAddr(s); err == nil {
		return s
	}
	return machine.Key(s)
}

// ParseErrorCode reads an error code the way SMS logs write them (errorcodes.Parse: decimal, eight hex
// digits as in ccm.log's "(000004b3)", 0x-prefixed, signed decimal HRESULTs), plus the #-prefixed decimal of
// SMS 2.0 and a sentence's final period. The result is the unsigned 32-bit value.
func ParseErrorCode(raw string) (int64, bool) {
	s := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(raw), "#"), ".")
	v, err := errorcodes.Parse(s)
	return int64(v), err == nil
}

// Win32Code is the Win32 error inside code: the code itself when it is one, or the low word of an HRESULT
// of FACILITY_WIN32 (0x8007xxxx), so that 0x80070005 and 5 both read "access denied".
func Win32Code(code int64) (int64, bool) {
	switch {
	case code >= 0 && code <= 0xFFFF:
		return code, true
	case code&0xFFFF0000 == 0x80070000:
		return code & 0xFFFF, true
	}
	return 0, false
}
