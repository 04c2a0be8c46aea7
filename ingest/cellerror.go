package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"runload/analysis"
)

// A CellError is a value of the symptom log or the plan that could not be read; only its
// row is rejected (SPEC "Symptom log"). Like encoding/csv's ParseError it says where:
// the file as shown, the sheet and the cell of a workbook, or the line and the column of
// a CSV file.
type CellError struct {
	File  string // as the file is shown: "symptoms.xlsx"
	Sheet string // "Symptoms"; "" for a CSV file
	// Row is the sheet's row, or the CSV line the cell is on; 0 is the end of a CSV file.
	Row int
	// Column is the sheet's column letters ("B"), or the CSV file's column as the log
	// names it ("Pain"); "" for a whole CSV line that could not be split into cells.
	Column string
	Err    error // why: `"three" is not a score from 0 to 10`
}

// Error says where and why: `symptoms.xlsx: Symptoms!B14: "three" is not a score from 0
// to 10`, or for CSV `symptoms.csv: line 14, Pain: …`.
func (e *CellError) Error() string { return e.File + ": " + e.Cell() + ": " + e.Err.Error() }

func (e *CellError) Unwrap() error { return e.Err }

// Cell names the place within the file: "Symptoms!B14" ("'Daily log'!B2" for a sheet
// name that is not one word), or for CSV "line 14, Pain", "line 14" or "end of file".
func (e *CellError) Cell() string {
	switch {
	case e.Sheet != "":
		return sheetRef(e.Sheet) + "!" + e.Column + strconv.Itoa(e.Row)
	case e.Row == 0:
		return "end of file"
	case e.Column == "":
		return fmt.Sprintf("line %d", e.Row)
	}
	return fmt.Sprintf("line %d, %s", e.Row, e.Column)
}

// Rejected is e as a row of the import log.
func (e *CellError) Rejected() analysis.Rejected {
	return analysis.Rejected{File: e.File, Cell: e.Cell(), Reason: e.Err.Error()}
}

// inRow names the place within its row, for a second bad cell of a rejected row: "E14",
// or for CSV the column.
func (e *CellError) inRow() string {
	if e.Sheet == "" {
		return e.Column
	}
	return e.Column + strconv.Itoa(e.Row)
}

// cellError is err at column col of row r; logColumn is the column's name in the log
// ("Pain"), which names a CSV file's cell.
func (g *logGrid) cellError(r logRow, col int, logColumn string, err error) *CellError {
	if g.sheet == "" {
		line := r.num
		if col >= 0 && col < len(r.lines) {
			line = r.lines[col]
		}
		return &CellError{File: g.file, Row: line, Column: logColumn, Err: err}
	}
	return &CellError{File: g.file, Sheet: g.sheet, Row: r.num, Column: colLetters(col), Err: err}
}

// cellName names a cell for a message: "Symptoms!B14", or for CSV "line 14, Pain".
func (g *logGrid) cellName(r logRow, col int, logColumn string) string {
	return g.cellError(r, col, logColumn, nil).Cell()
}

// A rowErrors collects the unreadable cells of one row; the row is rejected as one, by
// its first bad cell, whose error lists the others.
type rowErrors struct {
	g     *logGrid
	r     logRow
	cells []*CellError
}

func (e *rowErrors) add(col int, logColumn string, err error) {
	e.cells = append(e.cells, e.g.cellError(e.r, col, logColumn, shorten(err)))
}

// rejected returns the row's error, or false when every cell was read.
func (e *rowErrors) rejected() (*CellError, bool) {
	if len(e.cells) == 0 {
		return nil, false
	}
	first := *e.cells[0]
	if len(e.cells) > 1 {
		first.Err = &alsoError{first: first.Err, also: e.cells[1:]}
	}
	return &first, true
}

// An alsoError is the error of a row with more than one bad cell: the first cell's error,
// then the others named within the row: `"11" is not a score from 0 to 10; also Limping:
// "maybe" is not yes or no`.
type alsoError struct {
	first error
	also  []*CellError
}

func (e *alsoError) Error() string {
	var b strings.Builder
	b.WriteString(e.first.Error())
	for i, c := range e.also {
		if i == 0 {
			b.WriteString("; also ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(c.inRow() + ": " + c.Err.Error())
	}
	return b.String()
}

// Unwrap returns the first cell's error and the other cells' *CellError.
func (e *alsoError) Unwrap() []error {
	errs := []error{e.first}
	for _, c := range e.also {
		errs = append(errs, c)
	}
	return errs
}

// maxReasonBytes bounds a rejection reason, which quotes the cell: a cell of a megabyte
// must not make a megabyte line in the import log.
const maxReasonBytes = 300

// shorten returns err, or when its text is longer than about maxReasonBytes an error that
// wraps it and says only its start (shortReason).
func shorten(err error) error {
	if len(err.Error()) <= maxReasonBytes {
		return err
	}
	return shortError{err}
}

// A shortError is an error whose text is too long to show whole.
type shortError struct{ err error }

func (e shortError) Error() string { return shortReason(e.err.Error()) }
func (e shortError) Unwrap() error { return e.err }

// shortReason cuts s to about maxReasonBytes, on a rune boundary, saying how long it was.
func shortReason(s string) string {
	if len(s) <= maxReasonBytes {
		return s
	}
	cut := maxReasonBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d characters in all)", s[:cut], utf8.RuneCountInString(s))
}
