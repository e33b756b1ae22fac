package clients

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// loadCSV reads delimited text with a header row. The delimiter is whichever of tab, comma and semicolon
// the header row uses most: the console's "Export List" writes tabs, SQL tools commas, and Excel in many
// European locales semicolons.
func loadCSV(file, text string) (*Export, error) {
	skip := 0
	var forced rune
	body := text
	// PowerShell's Export-Csv starts with "#TYPE <class>"; Excel may start with "sep=<delimiter>".
	for body != "" {
		line, rest, _ := strings.Cut(body, "\n")
		l := strings.TrimRight(line, "\r")
		if strings.HasPrefix(l, "#TYPE ") || strings.HasPrefix(l, "#TYPE\t") {
			skip, body = skip+1, rest
			continue
		}
		if strings.HasPrefix(strings.ToLower(l), "sep=") && len([]rune(l)) == 5 {
			forced = []rune(l)[4]
			skip, body = skip+1, rest
			continue
		}
		break
	}
	delim := forced
	if delim == 0 {
		delim = detectDelimiter(body)
	}
	r := csv.NewReader(strings.NewReader(body))
	r.Comma = delim
	r.FieldsPerRecord = -1             // ragged rows are reported below, with both counts
	r.LazyQuotes = delim == '\t'       // tab-separated console exports never quote, and values may hold a "
	r.TrimLeadingSpace = delim != '\t' // "a, b" as people type it; a tab is both delimiter and space
	at := func(line, col int) Location { return Location{File: file, Line: line + skip, Column: col} }

	titles, err := r.Read()
	if err != nil {
		return nil, csvError(file, skip, err)
	}
	if len(titles) > MaxColumns {
		return nil, tooManyColumns(at(1, 1))
	}
	h := newHeader(file)
	specs := make([]*fieldSpec, len(titles))
	for i, t := range titles {
		if i == 0 {
			t = strings.TrimPrefix(t, "\ufeff") // a second BOM pasted in front of the header
		}
		line, col := r.FieldPos(i)
		if f, ok := h.use(t, line+skip, col); ok {
			specs[i] = f
		}
	}
	if err := h.requireName(at(1, 1), trimAll(titles)); err != nil {
		return nil, err
	}
	exp := &Export{Source: h.source("csv"), Clients: []Client{}}
	var errs errorList
	var lim limits
	for !errs.full() {
		start := r.InputOffset()
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				errs.add(at(pe.Line, pe.Column), "%s", csvMessage(pe.Err))
				return nil, errs.err()
			}
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		startLine, _ := r.FieldPos(0)
		if err := lim.record(at(startLine, 1)); err != nil {
			return nil, err
		}
		if len(rec) != len(titles) {
			errs.add(at(startLine, 1), "row has %d fields but the header row has %d; a value holding the delimiter %s must be quoted", len(rec), len(titles), delimName(delim))
			continue
		}
		c := newClient(at(startLine, 1), lim.row(rowText(body[start:r.InputOffset()])))
		for i, cell := range rec {
			f := specs[i]
			if f == nil {
				continue
			}
			line, col := r.FieldPos(i)
			if err := c.setText(f, strings.TrimSpace(cell), &lim); err != nil {
				errs.add(at(line, col), "%s: %v", titles[i], err)
				if lim.spent {
					return nil, errs.only()
				}
			}
			c.placeDates(strings.TrimSpace(titles[i]), at(line, col))
		}
		if c.Name == "" {
			line, col := r.FieldPos(indexOf(specs, "name"))
			errs.add(at(line, col), "row has no machine name (column %q is empty)", h.columns["name"])
			continue
		}
		exp.Clients = append(exp.Clients, c)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	exp.Source.Notes = append(exp.Source.Notes, lim.notes(file)...)
	return exp, nil
}

func detectDelimiter(body string) rune {
	first, _, _ := strings.Cut(body, "\n")
	best, bestN := ',', 0
	for _, d := range []rune{'\t', ',', ';'} {
		n, quoted := 0, false
		for _, r := range first {
			switch {
			case r == '"':
				quoted = !quoted
			case r == d && !quoted:
				n++
			}
		}
		if n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

func delimName(d rune) string {
	switch d {
	case '\t':
		return "(tab)"
	case ',':
		return "(comma)"
	case ';':
		return "(semicolon)"
	}
	return fmt.Sprintf("%q", d)
}

func csvError(file string, skip int, err error) error {
	if err == io.EOF {
		return fmt.Errorf("%s:%d:1: no header row; expected a client export with column titles on the first line", file, skip+1)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %s", file, pe.Line+skip, pe.Column, csvMessage(pe.Err))
	}
	return fmt.Errorf("%s: %w", file, err)
}

func csvMessage(err error) string {
	switch {
	case errors.Is(err, csv.ErrQuote):
		return `a quoted value is not closed, or has text after its closing quote; write a " inside a quoted value as ""`
	case errors.Is(err, csv.ErrBareQuote):
		return `a " appears inside a value that is not quoted; quote the whole value and double the " ("")`
	}
	return err.Error()
}

// rowText is the record as written (the text the reader consumed for it, without the blank lines it skipped
// before it and the line end after it), its physical lines joined with "\n".
func rowText(raw string) string {
	raw = strings.TrimLeft(raw, "\r\n")
	raw = strings.TrimSuffix(raw, "\n")
	if !strings.Contains(raw, "\n") {
		return strings.TrimRight(raw, "\r")
	}
	lines := strings.Split(raw, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, "\r")
	}
	return strings.Join(lines, "\n")
}

func indexOf(specs []*fieldSpec, name string) int {
	for i, f := range specs {
		if f != nil && f.name == name {
			return i
		}
	}
	return 0
}

func trimAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.TrimSpace(s)
	}
	return out
}
