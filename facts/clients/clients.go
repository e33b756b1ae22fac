// Package clients reads a client or collection export, as SMS administrators produce them: the SMS
// Administrator console's "Export List" (tab- or comma-separated, ANSI or Unicode), a SQL query over the
// site database's views saved as CSV, or a JSON array written by a script. Column titles vary with the tool
// (console titles such as "SMS Unique Identifier", view columns such as SMS_Unique_Identifier0); every
// spelling maps to one normalized Client record. Values are data: a cell that starts with "=" stays text.
package clients

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/pushlint/pushlint/internal/charset"
	"github.com/pushlint/pushlint/internal/inputfile"
	"github.com/pushlint/pushlint/internal/strictyaml"
	"github.com/pushlint/pushlint/internal/termsafe"
	"github.com/pushlint/pushlint/internal/textfile"
)

// Location is where a record starts in the export.
type Location = strictyaml.Location

// Client is one row of the export: one discovered system. A nil value means the export did not say
// (no such column, an empty cell, or SQL NULL); which columns the export carried is in Source.Fields.
type Client struct {
	Name    string `json:"name"`    // as written
	Machine string `json:"machine"` // join key: NetBIOS name, upper-cased (machine.Key)

	SMSID      *string `json:"smsid"` // SMS Unique Identifier ("GUID:..."), upper-cased
	ResourceID *int64  `json:"resource_id"`

	Client   *bool `json:"client"`   // the client is installed (set only by Heartbeat Discovery)
	Assigned *bool `json:"assigned"` // the client is assigned to a site
	Active   *bool `json:"active"`
	Obsolete *bool `json:"obsolete"` // a newer record for the same system exists

	SiteCode      *string `json:"site_code"`   // assigned site, upper-cased
	ClientType    *string `json:"client_type"` // advanced | legacy | as written, lower-cased
	ClientVersion *string `json:"client_version"`

	LastHeartbeat           *string `json:"last_heartbeat"` // RFC 3339, UTC
	LastHeartbeatSeconds    *int64  `json:"last_heartbeat_seconds"`
	LastHardwareScan        *string `json:"last_hardware_scan"`
	LastHardwareScanSeconds *int64  `json:"last_hardware_scan_seconds"`

	IPAddresses  []string `json:"ip_addresses"`  // IPv4 and IPv6, canonical form
	IPSubnets    []string `json:"ip_subnets"`    // IPv4 subnet IDs (10.1.2.0) or prefixes
	IPv6Prefixes []string `json:"ipv6_prefixes"` // IPv6 prefixes
	ADSite       *string  `json:"ad_site"`
	Domain       *string  `json:"domain"` // domain or workgroup

	OperatingSystem *string `json:"operating_system"`

	Location Location `json:"location"` // the line the record starts on
	Row      string   `json:"row"`      // the record as written in the file, for evidence

	// SMSIDTwins are the names of the current (not obsolete) records of other machines that carry the same
	// SMS unique identifier: SMS takes them for one client. Sorted, at most MaxTwins; SMSIDTwinCount counts
	// them all. Worked out once for the whole export, so that a rule needs only the record itself.
	SMSIDTwins     []string `json:"smsid_twins"`
	SMSIDTwinCount int      `json:"smsid_twin_count"`

	slashDates []slashDate // times written D/M/YYYY or M/D/YYYY, read once the file's date order is known
}

// MaxTwins bounds the names a record lists in SMSIDTwins: an image cloned onto thousands of machines would
// otherwise make every record list every other.
const MaxTwins = 100

// linkTwins fills in SMSIDTwins, in one pass over the records grouped by identifier.
func linkTwins(clients []Client) {
	type twin struct{ machine, name string }
	groups := map[string][]twin{}
	for i := range clients {
		c := &clients[i]
		c.SMSIDTwins = []string{}
		if c.SMSID != nil && (c.Obsolete == nil || !*c.Obsolete) {
			groups[*c.SMSID] = append(groups[*c.SMSID], twin{c.Machine, c.Name})
		}
	}
	names := map[string][]string{} // identifier → distinct names, sorted
	for id, g := range groups {
		if len(g) < 2 {
			continue
		}
		seen := map[string]bool{}
		for _, t := range g {
			if !seen[t.name] {
				seen[t.name] = true
				names[id] = append(names[id], t.name)
			}
		}
		sort.Strings(names[id])
	}
	for i := range clients {
		c := &clients[i]
		if c.SMSID == nil || names[*c.SMSID] == nil {
			continue
		}
		// The names of the group's records for other machines: a name is another machine's unless every
		// record with that name is this machine's.
		own := map[string]bool{}
		for _, t := range groups[*c.SMSID] {
			if t.machine == c.Machine {
				own[t.name] = true
			}
		}
		for _, t := range groups[*c.SMSID] {
			if t.machine != c.Machine {
				delete(own, t.name)
			}
		}
		for _, n := range names[*c.SMSID] {
			if own[n] {
				continue
			}
			c.SMSIDTwinCount++
			if len(c.SMSIDTwins) < MaxTwins {
				c.SMSIDTwins = append(c.SMSIDTwins, n)
			}
		}
	}
}

func newClient(loc Location, row string) Client {
	return Client{IPAddresses: []string{}, IPSubnets: []string{}, IPv6Prefixes: []string{}, Location: loc, Row: row}
}

// Source describes the export that was read, so that rules can tell "the export has no heartbeat column"
// (nothing to conclude) from "this client has no heartbeat" (a finding).
type Source struct {
	File           string            `json:"file"`
	Format         string            `json:"format"` // csv | json
	Encoding       string            `json:"encoding"`
	Records        int               `json:"records"`
	Fields         []string          `json:"fields"`          // normalized fields present, in table order
	Columns        map[string]string `json:"columns"`         // field → column title (or JSON key) as written
	IgnoredColumns []string          `json:"ignored_columns"` // titles not understood
	DateOrder      string            `json:"date_order"`      // dmy | mdy: how dates such as 03/04/2008 were read; "" when none was
	ViewedSite     string            `json:"viewed_site"`     // the site whose console the export came from; "" when not said
	Notes          []string          `json:"notes"`           // warnings about the file, "file:line: ..."
}

// Export is everything read from one file.
type Export struct {
	Source  Source
	Clients []Client
}

// NoSource is the Source of a run without a client export.
func NoSource() Source {
	return Source{Fields: []string{}, Columns: map[string]string{}, IgnoredColumns: []string{}, Notes: []string{}}
}

// MaxErrors bounds the errors collected from one file: past that, more lines only repeat the same mistake.
const MaxErrors = 50

// Limits of what is read. The export is read whole (rows are joined to their machines across the file),
// so its size is capped: 64 MiB is 200,000 systems with a dozen console columns, saved as Unicode text.
// More columns than any view has, or more notes than a person reads, mean the file is not an export.
//
// Memory is bounded by records as well as by bytes: every record costs a fixed amount (its struct, and the
// value policies see) whatever its size, so a file of short rows holds more records per megabyte than
// any export and would cost gigabytes long before 64 MiB. Each record's share is bounded too: a value of a
// field pushlint reads, the addresses in one value, and the evidence text kept of the row. These are far
// above what the SMS Administrator console or the site database's views hold for one system.
const (
	MaxFileBytes = 64 << 20
	MaxColumns   = 1024
	MaxNotes     = 50

	MaxRecords       = 200_000   // systems in one export
	MaxValueBytes    = 4096      // one value of a field pushlint reads (columns it ignores are not limited)
	MaxItemsPerValue = 64        // addresses, subnets or prefixes in one value
	MaxItems         = 1_000_000 // addresses, subnets and prefixes in the whole export
	MaxRowBytes      = 4096      // evidence text kept of one record; a longer row is cut, with a note
)

// limits counts what an export has used of the limits above, record after record.
type limits struct {
	records, items int
	cutRows        int
	// spent is set when the export as a whole is over a limit: reading stops there, with one error.
	spent bool
}

// record counts one more record; past MaxRecords it returns the error, at the record that is one too many.
func (l *limits) record(loc Location) error {
	l.records++
	if l.records > MaxRecords {
		return strictyaml.Errors{{Location: loc, Message: fmt.Sprintf(
			"more than %d records; a client export may hold at most %d systems (export one collection at a time)", MaxRecords, MaxRecords)}}
	}
	return nil
}

// row keeps at most MaxRowBytes of a record's text as its evidence, cut at a character with an ellipsis.
func (l *limits) row(s string) string {
	if len(s) <= MaxRowBytes {
		return s
	}
	l.cutRows++
	cut := MaxRowBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// value checks one value of a field before it is read.
func (l *limits) value(s string) error {
	if len(s) > MaxValueBytes {
		return fmt.Errorf("a value of %d bytes; no field pushlint reads holds more than %d (is this column what its title says?)", len(s), MaxValueBytes)
	}
	return nil
}

// listItems counts the addresses, subnets or prefixes of one value.
func (l *limits) listItems(n int) error {
	if n > MaxItemsPerValue {
		return fmt.Errorf("%d addresses in one value; no system has more than %d (is this column what its title says?)", n, MaxItemsPerValue)
	}
	l.items += n
	if l.items > MaxItems {
		l.spent = true
		return fmt.Errorf("more than %d addresses, subnets and prefixes in the export; export fewer systems at a time", MaxItems)
	}
	return nil
}

// notes are what the limits add to the export's notes.
func (l *limits) notes(file string) []string {
	if l.cutRows == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%s: %d record(s) longer than %d bytes; their evidence text is cut after %d bytes", file, l.cutRows, MaxRowBytes, MaxRowBytes)}
}

// LoadFile reads an export from disk.
func LoadFile(path string, opt Options) (*Export, error) {
	b, err := inputfile.ReadFile(path, MaxFileBytes)
	var tl *inputfile.TooLargeError
	switch {
	case errors.As(err, &tl):
		size := "larger than " + inputfile.Bytes(MaxFileBytes)
		if tl.Size >= 0 {
			size = inputfile.Bytes(tl.Size)
		}
		return nil, strictyaml.Errors{{Location: Location{File: path, Line: 1, Column: 1}, Message: fmt.Sprintf(
			"file is %s; a client export is read whole and may be at most %s (export one collection at a time, or fewer columns)",
			size, inputfile.Bytes(MaxFileBytes))}}
	case err != nil:
		return nil, fmt.Errorf("reading client export: %w", err)
	}
	return Load(path, b, opt)
}

// Load reads an export: a JSON array (or a single object) when the text starts with "[" or "{", otherwise
// a delimited text file with a header row. Errors are strictyaml.Errors, each with file:line:column.
func Load(file string, b []byte, opt Options) (*Export, error) {
	text, enc, err := textfile.Decode(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if charset.CutUTF16(enc, int64(len(b))) {
		// A cut-off export has lost rows: reading the rest would report on fewer machines than there are.
		return nil, strictyaml.Errors{{Location: Location{File: file, Line: strings.Count(text, "\n") + 1, Column: 1},
			Message: "the file is UTF-16 but has an odd number of bytes: it was cut off; export it again"}}
	}
	if charset.CutUTF32(enc, int64(len(b))) {
		return nil, strictyaml.Errors{{Location: Location{File: file, Line: strings.Count(text, "\n") + 1, Column: 1},
			Message: "the file is UTF-32 but its size is not a multiple of four bytes: it was cut off; export it again"}}
	}
	if textfile.Binary(text) {
		return nil, strictyaml.Errors{{Location: Location{File: file, Line: 1, Column: 1},
			Message: "this is not a text file; expected a client export (CSV with a header row, or a JSON array)"}}
	}
	var exp *Export
	switch trimmed := strings.TrimLeft(text, " \t\r\n"); {
	case trimmed == "":
		return nil, strictyaml.Errors{{Location: Location{File: file, Line: 1, Column: 1},
			Message: "file is empty; expected a client export (CSV with a header row, or a JSON array)"}}
	case trimmed[0] == '[' || trimmed[0] == '{':
		exp, err = loadJSON(file, text)
	default:
		exp, err = loadCSV(file, text)
	}
	if err != nil {
		return nil, err
	}
	if err := resolveDates(exp, opt.DateOrder); err != nil {
		return nil, err
	}
	exp.Source.File = file
	exp.Source.Encoding = string(enc)
	exp.Source.Records = len(exp.Clients)
	linkTwins(exp.Clients)
	return exp, nil
}

// errorList collects positioned errors up to MaxErrors.
type errorList struct {
	errs strictyaml.Errors
}

func (l *errorList) add(loc Location, format string, args ...any) {
	if len(l.errs) < MaxErrors {
		// Messages quote the file (a column title, a cell), which may hold a line break: an error stays on
		// its line.
		l.errs = append(l.errs, &strictyaml.Error{Location: loc, Message: termsafe.Line(fmt.Sprintf(format, termsafe.CapQuoted(format, args)...))})
	}
}

func (l *errorList) full() bool { return len(l.errs) >= MaxErrors }

// only keeps the last error alone: a limit of the whole export was reached, and the errors before it are
// about records that no longer matter.
func (l *errorList) only() error {
	if len(l.errs) == 0 {
		return nil
	}
	return strictyaml.Errors{l.errs[len(l.errs)-1]}
}

func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	return l.errs
}

// header maps the columns (or JSON keys) of an export to fields.
type header struct {
	file    string
	columns map[string]string // field → title
	ignored []string
	notes   []string
	dropped int // notes past MaxNotes
}

func (h *header) note(format string, args ...any) {
	if len(h.notes) < MaxNotes {
		h.notes = append(h.notes, fmt.Sprintf(format, termsafe.CapQuoted(format, args)...))
		return
	}
	h.dropped++
}

func newHeader(file string) *header {
	return &header{file: file, columns: map[string]string{}}
}

// use records that title (at line, column) holds field; it reports false for a title not understood or
// for a second column of the same field (the first one wins, as a person reading the file would assume).
func (h *header) use(title string, line, col int) (*fieldSpec, bool) {
	title = strings.TrimSpace(title)
	if title == "" {
		h.note("%s:%d:%d: column without a title; ignored", h.file, line, col)
		return nil, false
	}
	f := lookupField(title)
	if f == nil {
		h.ignored = append(h.ignored, title)
		h.note("%s:%d:%d: column %q not understood; ignored", h.file, line, col, title)
		return nil, false
	}
	if first, dup := h.columns[f.name]; dup && f.isList() {
		// IPv4 and IPv6 addresses come in separate view columns; both feed one list.
		h.columns[f.name] = first + ", " + title
		return f, true
	} else if dup {
		h.note("%s:%d:%d: column %q is a second %s column; %q is used", h.file, line, col, title, f.name, first)
		return nil, false
	}
	h.columns[f.name] = title
	return f, true
}

func (h *header) source(format string) Source {
	s := NoSource()
	s.Format = format
	for _, f := range fieldTable {
		if title, ok := h.columns[f.name]; ok {
			s.Fields = append(s.Fields, f.name)
			s.Columns[f.name] = title
		}
	}
	s.IgnoredColumns = append(s.IgnoredColumns, h.ignored...)
	s.Notes = append(s.Notes, h.notes...)
	if h.dropped > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%s: %d more notes about columns not shown", h.file, h.dropped))
	}
	return s
}

// tooManyColumns refuses a header of more columns than any export has (a binary or a log given as an
// export would otherwise become a million "column not understood" notes).
func tooManyColumns(loc Location) error {
	return strictyaml.Errors{{Location: loc, Message: fmt.Sprintf(
		"more than %d columns (or JSON keys); no client export has that many (is this file an export?)", MaxColumns)}}
}

// requireName fails an export that has no machine-name column: without it no record can be tied to a
// machine, and every rule about clients would be about nobody.
func (h *header) requireName(loc Location, found []string) error {
	if _, ok := h.columns["name"]; ok {
		return nil
	}
	shown := make([]string, 0, min(len(found), 20))
	for i, title := range found {
		if i == 20 {
			shown = append(shown, fmt.Sprintf("and %d more", len(found)-i))
			break
		}
		shown = append(shown, fmt.Sprint(termsafe.Capped(title)))
	}
	found = shown
	return strictyaml.Errors{{Location: loc, Message: termsafe.Line(fmt.Sprintf(
		"no machine-name column; expected one titled Name, Name0, NetBIOS Name or Machine Name (found: %s)",
		strings.Join(found, ", ")))}}
}
