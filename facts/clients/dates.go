package clients

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date orders of a client export. The SMS Administrator console writes dates in the Windows locale of the
// machine it runs on: 03/04/2008 is 4 March on a US console and 3 April on a British or Australian one, and
// nothing in the file says which.
const (
	DayFirst   = "dmy" // 25/03/2008
	MonthFirst = "mdy" // 03/25/2008
)

// Options say how to read an export.
type Options struct {
	// DateOrder is DayFirst or MonthFirst (--date-order, date_order in .pushlint.yaml); "" decides it from the
	// file: one date with a first number above 12 makes the file day first, one with a second number above 12
	// month first. A file whose every date could be read both ways keeps those times unread, and says so.
	DateOrder string
}

var slashDateRE = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})(\s.*)?$`)

// slashDate is a time cell written D/M/YYYY or M/D/YYYY, kept until the file's order is known.
type slashDate struct {
	field  string
	text   string
	a, b   int // the first and second numbers
	title  string
	loc    Location
	placed bool // title and loc are set
}

// deferDate keeps a slash-written time of the client for later; false when s is not one.
func (c *Client) deferDate(field, s string) bool {
	m := slashDateRE.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	c.slashDates = append(c.slashDates, slashDate{field: field, text: s, a: a, b: b})
	return true
}

// placeDates records where the dates deferred since the last call were written.
func (c *Client) placeDates(title string, loc Location) {
	for i := range c.slashDates {
		if !c.slashDates[i].placed {
			c.slashDates[i].title, c.slashDates[i].loc, c.slashDates[i].placed = title, loc, true
		}
	}
}

// resolveDates reads every deferred date in one order: the one given, or the one the file shows. When the
// file shows neither, the times stay unread (null), the fields they belong to are taken off Source.Fields (so
// that no rule reads "no heartbeat" into "could not read the heartbeat"), and a note says so.
func resolveDates(exp *Export, given string) error {
	var first, dayFirst, monthFirst *slashDate
	var errs errorList
	for i := range exp.Clients {
		for j := range exp.Clients[i].slashDates {
			d := &exp.Clients[i].slashDates[j]
			if d.a > 12 && d.b > 12 || d.a == 0 || d.b == 0 {
				errs.add(d.loc, "%s: %q is not a date: neither of its first two numbers is a month", d.title, d.text)
				continue
			}
			if first == nil {
				first = d
			}
			if d.a > 12 && d.b <= 12 && dayFirst == nil {
				dayFirst = d
			}
			if d.b > 12 && d.a <= 12 && monthFirst == nil {
				monthFirst = d
			}
		}
	}
	if err := errs.err(); err != nil {
		return err
	}
	if first == nil {
		return nil
	}
	order := given
	if order == "" {
		switch {
		case dayFirst != nil && monthFirst != nil:
			return errorsAt(dayFirst.loc, fmt.Sprintf("%s: %q is day first (day %d) but %q at line %d is month first (day %d); the file mixes two date orders: export it again from one console",
				dayFirst.title, dayFirst.text, dayFirst.a, monthFirst.text, monthFirst.loc.Line, monthFirst.b))
		case dayFirst != nil:
			order = DayFirst
		case monthFirst != nil:
			order = MonthFirst
		}
	}
	exp.Source.DateOrder = order
	undecided := map[string]bool{}
	var example *slashDate
	for i := range exp.Clients {
		c := &exp.Clients[i]
		for j := range c.slashDates {
			d := &c.slashDates[j]
			day, month := d.a, d.b
			if order == MonthFirst || (order == "" && d.a == d.b) {
				day, month = d.b, d.a
			}
			if order == "" && d.a != d.b {
				undecided[d.field] = true
				if example == nil {
					example = d
				}
				continue
			}
			t, err := parseTime(fmt.Sprintf("%d/%d/%s", month, day, strings.SplitN(d.text, "/", 3)[2]))
			if err != nil {
				errs.add(d.loc, "%s: %q is not a date %s (%s)", d.title, d.text, orderWords[order], orderSource(given))
				continue
			}
			c.setTime(d.field, t)
		}
		c.slashDates = nil
	}
	if err := errs.err(); err != nil {
		return err
	}
	if len(undecided) > 0 {
		kept := exp.Source.Fields[:0]
		for _, f := range exp.Source.Fields {
			if !undecided[f] {
				kept = append(kept, f)
			}
		}
		exp.Source.Fields = kept
		exp.Source.Notes = append(exp.Source.Notes, fmt.Sprintf(
			"%s:%d:%d: %s: dates such as %q can be day/month or month/day, and no date in the file has a day above 12; they are not read (rules treat the column as not exported): give --date-order dmy or mdy (date_order in .pushlint.yaml)",
			example.loc.File, example.loc.Line, example.loc.Column, example.title, example.text))
	}
	return nil
}

var orderWords = map[string]string{DayFirst: "written day/month/year", MonthFirst: "written month/day/year"}

func orderSource(given string) string {
	if given != "" {
		return "the date order given is " + given
	}
	return "the file's other dates are written that way"
}

func errorsAt(loc Location, msg string) error {
	var l errorList
	l.add(loc, "%s", msg)
	return l.err()
}

// dotLayouts are day-first dates with dots, as German, Dutch and Scandinavian consoles write them: never
// ambiguous.
var dotLayouts = []string{"2.1.2006 15:04:05", "2.1.2006 15:04", "2.1.2006"}

func parseDotDate(s string) (time.Time, bool) {
	for _, layout := range dotLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
