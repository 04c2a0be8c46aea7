package ingest

import (
	"fmt"
	"slices"

	"runload/analysis"
)

// This file decides the order of a date column's text dates (SPEC "Text dates"). Dates
// such as 03/04/2026 are March or April depending on who typed them; with DateAuto the
// column's own dates decide: 19/10/2026 can only be day-first, 10/19/2026 only month-first.

// An AmbiguousDatesError says that every text date of a symptom log's Date column could be
// day-first or month-first, so DateAuto cannot choose: the caller must ask which. Cell is
// named as a CellError's ("Symptoms!A2", or for CSV "line 2, Date"); Value is its text.
type AmbiguousDatesError struct{ File, Cell, Value string }

func (e *AmbiguousDatesError) Error() string {
	return fmt.Sprintf("%s: %s %s: every text date in the Date column could be day-first or month-first; "+
		"give -date-order dmy (day first) or -date-order mdy (month first)", e.File, e.Cell, quote(e.Value))
}

// A dateKind is what the fields of one date cell allow.
type dateKind int

const (
	dateFixed      dateKind = iota // empty, a spreadsheet serial, a year first (2026-03-04), or the same day either way (04/04/2026)
	dateDayFirst                   // only day/month/year reads it: 19/10/2026
	dateMonthFirst                 // only month/day/year reads it: 10/19/2026
	dateEither                     // both read it, as different days: 03/04/2026
	dateNeither                    // neither reads it: 31/31/2026, "yesterday"
	dateKinds                      // the number of kinds
)

// needsOrder reports whether a date of kind k reads differently, or only, in some orders.
func (k dateKind) needsOrder() bool {
	return k == dateDayFirst || k == dateMonthFirst || k == dateEither
}

// classifyDate says what the text of a date cell allows. From a spreadsheet (sheet true)
// a number is a date serial, as in parseCellDate.
func classifyDate(s string, sheet bool) dateKind {
	s = cleanCell(s)
	if s == "" {
		return dateFixed
	}
	if _, ok := serialText(s); ok && sheet {
		return dateFixed
	}
	parts, _ := splitDate(s)
	if parts == nil {
		return dateNeither
	}
	if len(parts[0]) == 4 {
		return dateFixed
	}
	dmy, dOK := makeDay(parts[2], parts[1], parts[0])
	mdy, mOK := makeDay(parts[2], parts[0], parts[1])
	switch {
	case dOK && mOK && dmy == mdy:
		return dateFixed
	case dOK && mOK:
		return dateEither
	case dOK:
		return dateDayFirst
	case mOK:
		return dateMonthFirst
	}
	return dateNeither
}

// A dateSample is one date cell, for messages: its name and its text.
type dateSample struct{ cell, value string }

// A dateSurvey counts the kinds of the dates in one column, keeping the first of each.
type dateSurvey struct {
	n     [dateKinds]int
	first [dateKinds]dateSample
}

// surveyDates classifies the dates of column col (named column in CSV messages) in rows.
func surveyDates(g *logGrid, rows []logRow, col int, column string) dateSurvey {
	var s dateSurvey
	for _, r := range rows {
		text := r.cell(col)
		k := classifyDate(text, g.sheet != "")
		if s.n[k] == 0 {
			s.first[k] = dateSample{cell: g.cellName(r, col, column), value: text}
		}
		s.n[k]++
	}
	return s
}

// mixed reports whether some dates can only be day-first and others only month-first.
func (s dateSurvey) mixed() bool { return s.n[dateDayFirst] > 0 && s.n[dateMonthFirst] > 0 }

// decide returns the order DateAuto reads the column in: DateDMY or DateMDY when only that
// order reads some of its dates and no date needs the other; DateAuto itself when no date
// needs an order, or when the column mixes both (readDate then refuses the dates that need
// one); ok false when every date that needs an order could be either.
func (s dateSurvey) decide() (order DateOrder, ok bool) {
	switch {
	case s.mixed():
		return DateAuto, true
	case s.n[dateDayFirst] > 0:
		return DateDMY, true
	case s.n[dateMonthFirst] > 0:
		return DateMDY, true
	case s.n[dateEither] > 0:
		return DateAuto, false
	}
	return DateAuto, true
}

// columnOrder returns the order to read the column's dates in: asked, unless it is
// DateAuto, which the column decides (decide); an undecided column takes fallback when
// that is DateDMY or DateMDY. ok is false when the column stays undecided.
func (s dateSurvey) columnOrder(asked, fallback DateOrder) (order DateOrder, ok bool) {
	if asked != DateAuto {
		return asked, true
	}
	order, ok = s.decide()
	if !ok && (fallback == DateDMY || fallback == DateMDY) {
		return fallback, true
	}
	return order, ok
}

// decidedNote says, for the import log, which order DateAuto chose and which date showed it.
func (s dateSurvey) decidedNote(file string, order DateOrder) string {
	shown, words := s.first[dateDayFirst], "day first"
	if order == DateMDY {
		shown, words = s.first[dateMonthFirst], "month first"
	}
	return fmt.Sprintf("%s: text dates read %s, as %s %s shows", file, words, shown.cell, quote(shown.value))
}

// orderKind is the kind of date that only order reads.
func orderKind(order DateOrder) dateKind {
	if order == DateMDY {
		return dateMonthFirst
	}
	return dateDayFirst
}

// orderWords names DateDMY or DateMDY in a sentence.
func orderWords(order DateOrder) string {
	if order == DateMDY {
		return "month-first"
	}
	return "day-first"
}

// fix says how to get the column's text dates read, from what they show.
func (s dateSurvey) fix() string {
	switch {
	case s.mixed():
		return "the Date column mixes day-first and month-first dates: write them as YYYY-MM-DD"
	case s.n[dateDayFirst] > 0:
		return "the dates look day-first: give -date-order dmy"
	case s.n[dateMonthFirst] > 0:
		return "the dates look month-first: give -date-order mdy"
	}
	return "give -date-order dmy (day first) or -date-order mdy (month first), or write the dates as YYYY-MM-DD"
}

// ambiguous is the error of a Date column that decide could not decide.
func (s dateSurvey) ambiguous(file string) error {
	f := s.first[dateEither]
	return &AmbiguousDatesError{File: file, Cell: f.cell, Value: f.value}
}

// readDate reads one date cell of the surveyed column in order. Under DateAuto, a text
// date that needs an order is refused when the column mixes day-first and month-first
// dates: neither order can be trusted for it.
func (s dateSurvey) readDate(text string, order DateOrder, sheet, date1904 bool) (analysis.Opt[analysis.Day], error) {
	if order == DateAuto && s.mixed() && classifyDate(text, sheet).needsOrder() {
		return analysis.Opt[analysis.Day]{}, fmt.Errorf("%s is not read: the column mixes day-first dates (such as %s) and month-first dates (such as %s); "+
			"write the dates as YYYY-MM-DD, or give -date-order dmy or mdy to read them one way",
			quote(cleanCell(text)), quote(s.first[dateDayFirst].value), quote(s.first[dateMonthFirst].value))
	}
	return parseCellDate(text, order, sheet, date1904)
}

// A loggedEntry is an entry read from the log with the row it came from.
type loggedEntry struct {
	e analysis.SymptomEntry
	r logRow
}

// farDates splits a log's entries at every gap of more than a year between consecutive
// dates, keeps the part that holds the most rows (on a tie the later), and returns the
// others as far: a year typed wrong, such as 2062 for 2026, must not stretch the period
// over decades (SPEC "The period"). A whole log typed in another year is one part, and
// kept. The kept part's first and last days are returned for the reason. kept shares read's
// array.
func farDates(read []loggedEntry) (kept, far []loggedEntry, from, to analysis.Day) {
	if len(read) == 0 {
		return read, nil, from, to
	}
	days := make([]analysis.Day, len(read))
	for i, le := range read {
		days[i] = le.e.Day
	}
	slices.SortFunc(days, func(a, b analysis.Day) int { return a.Time().Compare(b.Time()) })
	bestRows := 0
	for start := 0; start < len(days); {
		end := start + 1 // days[start:end] is one part: no gap of more than a year inside
		for end < len(days) && !days[end-1].AddDays(365).Before(days[end]) {
			end++
		}
		if end-start >= bestRows { // >=: a tie goes to the later part
			bestRows, from, to = end-start, days[start], days[end-1]
		}
		start = end
	}
	kept = read[:0] // filtered in place: a log may hold a million rows
	for _, le := range read {
		if le.e.Day.Before(from) || le.e.Day.After(to) {
			far = append(far, le)
		} else {
			kept = append(kept, le)
		}
	}
	return kept, far, from, to
}

// farReason says why a date far from the rest of the log is rejected; text is the cell
// as written, shown too when it is not the date in YYYY-MM-DD.
func farReason(text string, d, from, to analysis.Day) string {
	date := d.String()
	if text = cleanCell(text); text != date {
		if _, serial := serialText(text); !serial {
			date = fmt.Sprintf("%s (%s)", quote(text), d)
		}
	}
	return fmt.Sprintf("%s is more than a year from the log's other dates (%s to %s): a mistyped year?", date, from, to)
}
