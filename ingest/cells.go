package ingest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"runload/analysis"
)

// This file reads single cells of the symptom log and the plan: scores, yes/no, dates.
// Every parser takes the cell's text trimmed or not, returns an absent Opt for an empty
// cell (not logged is not zero), and a reason in lower case for a value it cannot read.
// The reasons name the value, never the cell: the caller adds the file and cell.

// cleanCell trims spaces, including the no-break spaces spreadsheets like to keep.
func cleanCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff' })
}

// parseDecimal reads a plain decimal number: digits with at most one '.' or ',' as the
// decimal mark ("2.5", "2,5", "10"), an optional leading '+' or '-'. Spreadsheet cells
// read raw may also carry an exponent ("1E-3"). Hex floats, Inf, NaN and thousands
// separators are refused.
func parseDecimal(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	digits, marks := 0, 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || r == ',':
			marks++
		case (r == '+' || r == '-') && i == 0:
		case r == 'e' || r == 'E':
			// An exponent, as spreadsheets write tiny or huge numbers; the rest must
			// be a plain signed integer, which ParseFloat checks below.
			if digits == 0 || marks > 1 || strings.ContainsRune(s[:i], ',') {
				return 0, false
			}
			exp := s[i+1:]
			if exp == "" || strings.ContainsAny(exp, ".,eE") || strings.ContainsAny(strings.TrimLeft(exp, "+-"), "+-") {
				return 0, false
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return 0, false
			}
			return v, true
		default:
			return 0, false
		}
	}
	if digits == 0 || marks > 1 {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// parseScore reads a 0–10 score: "3", "2.5", "2,5", "3/10". An empty cell is absent.
func parseScore(s string) (analysis.Opt[float64], error) {
	s = cleanCell(s)
	if s == "" {
		return analysis.Opt[float64]{}, nil
	}
	num := s
	if i := strings.IndexByte(s, '/'); i >= 0 {
		if cleanCell(s[i+1:]) != "10" {
			return analysis.Opt[float64]{}, fmt.Errorf("%s is not a score from 0 to 10", quote(s))
		}
		num = cleanCell(s[:i])
	}
	v, ok := parseDecimal(num)
	if !ok || v < 0 || v > 10 {
		return analysis.Opt[float64]{}, fmt.Errorf("%s is not a score from 0 to 10", quote(s))
	}
	return analysis.Some(v + 0), nil // + 0 turns -0 into 0
}

// yesNoWords maps the accepted spellings of yes and no, in lower case.
var yesNoWords = map[string]bool{
	"yes": true, "y": true, "true": true, "1": true, "x": true, "done": true,
	"✓": true, "✔": true, "☑": true, "✅": true,
	"no": false, "n": false, "false": false, "0": false,
	"✗": false, "✘": false, "☐": false,
}

// parseYesNo reads a yes/no cell: yes/no, y/n, true/false, 1/0, x or a tick for yes.
func parseYesNo(s string) (analysis.Opt[bool], error) {
	s = cleanCell(s)
	if s == "" {
		return analysis.Opt[bool]{}, nil
	}
	if v, ok := yesNoWords[strings.ToLower(s)]; ok {
		return analysis.Some(v), nil
	}
	return analysis.Opt[bool]{}, fmt.Errorf("%s is not yes or no", quote(s))
}

// parseRehab reads the Rehab cell: yes/no, or a number of minutes (more than 0 is yes),
// optionally followed by "min" or "minutes".
func parseRehab(s string) (analysis.Opt[bool], error) {
	s = cleanCell(s)
	if s == "" {
		return analysis.Opt[bool]{}, nil
	}
	if v, ok := yesNoWords[strings.ToLower(s)]; ok {
		return analysis.Some(v), nil
	}
	num := strings.ToLower(s)
	for _, unit := range []string{"minutes", "minute", "mins", "min", "m"} {
		if strings.HasSuffix(num, unit) {
			num = cleanCell(strings.TrimSuffix(num, unit))
			break
		}
	}
	if v, ok := parseDecimal(num); ok && v >= 0 && v <= 24*60 {
		return analysis.Some(v > 0), nil
	}
	return analysis.Opt[bool]{}, fmt.Errorf("%s is not yes, no or a number of minutes", quote(s))
}

// parseSwelling reads the Swelling cell: a 0–10 score (which also sets swollen when above
// 0), or yes/no (which sets swollen only).
func parseSwelling(s string) (score analysis.Opt[float64], swollen analysis.Opt[bool], err error) {
	s = cleanCell(s)
	if s == "" {
		return score, swollen, nil
	}
	if v, err := parseScore(s); err == nil {
		return v, analysis.Some(v.V > 0), nil
	}
	if v, err := parseYesNo(s); err == nil {
		return score, v, nil
	}
	return score, swollen, fmt.Errorf("%s is neither a score from 0 to 10 nor yes or no", quote(s))
}

// The spreadsheet serials a date cell may hold: 1 is 1900-01-01, 2958465 is 9999-12-31.
const (
	minSerial = 1
	maxSerial = 2958466
)

// dateFromSerial converts a spreadsheet date serial to its calendar day. A time of day
// (the fraction) is dropped: the row is about that day.
func dateFromSerial(serial float64, date1904 bool) (analysis.Day, error) {
	if math.IsNaN(serial) || serial < minSerial || serial >= maxSerial {
		return analysis.Day{}, fmt.Errorf("%v is not a spreadsheet date", serial)
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil || t.Year() > 9999 {
		return analysis.Day{}, fmt.Errorf("%v is not a spreadsheet date", serial)
	}
	// ExcelDateToTime rounds to the nearest microsecond; a serial just below midnight
	// can round up, which is the right day anyway.
	return analysis.DayOf(t), nil
}

// parseDate reads a text date: YYYY-MM-DD always (a time after it, as in
// "2026-03-04T07:00:00", is dropped), and dates such as 03/04/2026, 3.4.2026 or 3-4-26
// only in the given order. A two-digit year is 20YY. Without an order such dates are
// refused, never guessed: 03/04/2026 is March or April depending on who typed it.
// DateAuto reads one alone only when a single order makes it a date (19/10/2026), or
// both make it the same day (04/04/2026); a column is decided by dateSurvey instead.
// An empty cell is absent.
func parseDate(s string, order DateOrder) (analysis.Opt[analysis.Day], error) {
	s = cleanCell(s)
	if s == "" {
		return analysis.Opt[analysis.Day]{}, nil
	}
	parts, sep := splitDate(s)
	if parts == nil {
		return analysis.Opt[analysis.Day]{}, fmt.Errorf("%s is not a date: use YYYY-MM-DD", quote(s))
	}
	var y, m, d string
	switch {
	case len(parts[0]) == 4:
		// A four-digit year first is unambiguous in any order.
		y, m, d = parts[0], parts[1], parts[2]
	case sep == '-' && order == DateISO:
		return analysis.Opt[analysis.Day]{}, fmt.Errorf("%s is not a YYYY-MM-DD date", quote(s))
	case order == DateISO:
		return analysis.Opt[analysis.Day]{}, fmt.Errorf("%s is not a YYYY-MM-DD date; run with -date-order dmy, mdy or ymd to read dates like it", quote(s))
	case order == DateDMY:
		d, m, y = parts[0], parts[1], parts[2]
	case order == DateMDY:
		m, d, y = parts[0], parts[1], parts[2]
	case order == DateYMD:
		y, m, d = parts[0], parts[1], parts[2]
	case order == DateAuto:
		return autoDate(s, parts)
	default:
		return analysis.Opt[analysis.Day]{}, fmt.Errorf("%s cannot be read: unknown date order %q", quote(s), string(order))
	}
	day, ok := makeDay(y, m, d)
	if !ok {
		if order == DateISO || len(parts[0]) == 4 {
			return analysis.Opt[analysis.Day]{}, fmt.Errorf("%s is not a valid date", quote(s))
		}
		return analysis.Opt[analysis.Day]{}, fmt.Errorf("%s is not a valid date in the order %s", quote(s), string(order))
	}
	return analysis.Some(day), nil
}

// autoDate reads the fields of a text date, year last, in the one order that makes
// them a date; two orders that give different days are refused, never guessed.
func autoDate(s string, parts []string) (analysis.Opt[analysis.Day], error) {
	dmy, dOK := makeDay(parts[2], parts[1], parts[0])
	mdy, mOK := makeDay(parts[2], parts[0], parts[1])
	switch {
	case dOK && mOK && dmy != mdy:
		return analysis.Opt[analysis.Day]{}, fmt.Errorf("%s could be day-first or month-first: give -date-order dmy or mdy", quote(s))
	case dOK:
		return analysis.Some(dmy), nil
	case mOK:
		return analysis.Some(mdy), nil
	}
	return analysis.Opt[analysis.Day]{}, fmt.Errorf("%s is not a valid date, day or month first", quote(s))
}

// splitDate splits "2026-03-04", "03/04/2026", "3.4.2026." into three groups of digits
// that share one separator (/ . or -). An ISO date may be followed by a time of day.
// It returns nil when s has another shape.
func splitDate(s string) ([]string, byte) {
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') && s[4] == '-' && s[7] == '-' {
		s = s[:10] // "2026-03-04T07:00:00Z", "2026-03-04 00:00:00"
	}
	var sep byte
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '/' || c == '.' || c == '-' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return nil, 0
	}
	if sep == '.' {
		s = strings.TrimSuffix(s, ".") // "3.4.2026." as written in German
	}
	parts := strings.Split(s, string(sep))
	if len(parts) != 3 {
		return nil, 0
	}
	for _, p := range parts {
		if len(p) == 0 || len(p) > 4 {
			return nil, 0
		}
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return nil, 0
			}
		}
	}
	return parts, sep
}

// makeDay builds a date from digit strings, checking that it exists (no 31 April).
// The year has four digits, or two for 20YY; month and day one or two.
func makeDay(ys, ms, ds string) (analysis.Day, bool) {
	if len(ys) != 4 && len(ys) != 2 || len(ms) > 2 || len(ds) > 2 {
		return analysis.Day{}, false
	}
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if len(ys) == 2 {
		y += 2000
	}
	if y < 1900 || m < 1 || m > 12 || d < 1 {
		return analysis.Day{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return analysis.Day{}, false
	}
	return analysis.Day{Year: y, Month: time.Month(m), Day: d}, true
}

// serialText reads a cell as a spreadsheet stores a number (no decimal comma).
func serialText(s string) (float64, bool) {
	if strings.ContainsRune(s, ',') {
		return 0, false
	}
	return parseDecimal(s)
}

// parseCellDate reads a date cell. From a spreadsheet (sheet true) a number is a date
// serial; text, and every CSV cell, goes through parseDate.
func parseCellDate(s string, order DateOrder, sheet, date1904 bool) (analysis.Opt[analysis.Day], error) {
	s = cleanCell(s)
	if sheet {
		if v, ok := serialText(s); ok {
			d, err := dateFromSerial(v, date1904)
			if err != nil {
				return analysis.Opt[analysis.Day]{}, fmt.Errorf("%s is not a date: use a date cell or YYYY-MM-DD", quote(s))
			}
			return analysis.Some(d), nil
		}
	}
	return parseDate(s, order)
}

// normHeader reduces a header or rule name to its letters, digits and '%', in lower case,
// after dropping anything in brackets: "Pain (0-10)" → "pain", "Rehab done" → "rehabdone",
// "max_weekly_minutes" → "maxweeklyminutes".
func normHeader(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '{':
			depth++
			continue
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth > 0 {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '%' {
			b.WriteString(strings.ToLower(string(r)))
		}
	}
	return b.String()
}

// quote shows a cell's text in a message: in full when short, else its start and its length.
// A long text in a score cell is usually a note typed in the wrong column, and its words
// (places, names) should not be copied whole into the report's import log.
func quote(s string) string {
	const keep = 20
	r := []rune(s)
	if len(r) <= keep+4 {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(string(r[:keep])), len(r))
}
