package ingest

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

// cellErrorFields is a *CellError with its Err as text, for cmp.
type cellErrorFields struct {
	File, Sheet string
	Row         int
	Column, Err string
}

// cellErrorText compares *CellError values field by field and their Err by its text, so a
// want built with errors.New matches the reader's error of the same words.
var cellErrorText = cmp.Transformer("CellError", func(e *CellError) cellErrorFields {
	if e == nil {
		return cellErrorFields{}
	}
	return cellErrorFields{e.File, e.Sheet, e.Row, e.Column, e.Err.Error()}
})

// importRows is how the rejected rows appear in the import log.
func importRows(errs []*CellError) []analysis.Rejected {
	var rows []analysis.Rejected
	for _, e := range errs {
		rows = append(rows, e.Rejected())
	}
	return rows
}

func TestCellErrorText(t *testing.T) {
	bad := errors.New(`"three" is not a score from 0 to 10`)
	for _, tc := range []struct {
		err  *CellError
		cell string
	}{
		{&CellError{File: "symptoms.xlsx", Sheet: "Symptoms", Row: 14, Column: "B", Err: bad}, "Symptoms!B14"},
		{&CellError{File: "symptoms.xlsx", Sheet: "Daily log", Row: 2, Column: "AB", Err: bad}, "'Daily log'!AB2"},
		{&CellError{File: "symptoms.csv", Row: 14, Column: "Pain", Err: bad}, "line 14, Pain"},
		{&CellError{File: "symptoms.csv", Row: 9, Err: bad}, "line 9"},
		{&CellError{File: "symptoms.csv", Err: bad}, "end of file"},
	} {
		want := tc.err.File + ": " + tc.cell + `: "three" is not a score from 0 to 10`
		if got := tc.err.Error(); got != want || tc.err.Cell() != tc.cell {
			t.Errorf("Error() = %q, Cell() = %q; want %q, %q", got, tc.err.Cell(), want, tc.cell)
		}
		row := analysis.Rejected{File: tc.err.File, Cell: tc.cell, Reason: bad.Error()}
		if got := tc.err.Rejected(); got != row {
			t.Errorf("Rejected() = %+v, want %+v", got, row)
		}
		if !errors.Is(tc.err, bad) {
			t.Errorf("%v does not unwrap to its reason", tc.err)
		}
	}
}

// TestCellErrorAs: a rejected row carries a *CellError naming its first bad cell, and the
// others are reachable with errors.As; a line rejected whole names only its line. The
// lines rejected whole come first, as the reader finds them before reading any cell.
func TestCellErrorAs(t *testing.T) {
	res, err := readSymptoms(strings.NewReader("Date,Pain,Limping\n2026-03-02,11,maybe\n2026-03-03,1,no,"+strings.Repeat("x", 64)+"\n"),
		"symptoms.csv", Options{Limits: Limits{RowBytes: 32}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rejected) != 2 {
		t.Fatalf("rejected %v, want 2 rows", res.Rejected)
	}
	var ce *CellError
	if !errors.As(error(res.Rejected[1]), &ce) || ce.File != "symptoms.csv" || ce.Row != 2 || ce.Column != "Pain" {
		t.Errorf("errors.As gave %+v, want symptoms.csv line 2, Pain", ce)
	}
	want := `symptoms.csv: line 2, Pain: "11" is not a score from 0 to 10; also Limping: "maybe" is not yes or no`
	if got := res.Rejected[1].Error(); got != want {
		t.Errorf("Error() = %q\nwant      %q", got, want)
	}
	// The second bad cell of the row is a *CellError of its own inside the first's Err.
	var also *CellError
	if !errors.As(res.Rejected[1].Err, &also) || also.Column != "Limping" || also.Row != 2 {
		t.Errorf("the row's second bad cell: %+v, want line 2, Limping", also)
	}
	// A line too long to read is rejected whole: the line, no column.
	if !errors.As(error(res.Rejected[0]), &ce) || ce.Row != 3 || ce.Column != "" || ce.Cell() != "line 3" {
		t.Errorf("errors.As gave %+v (cell %q), want line 3 whole", ce, ce.Cell())
	}
}

// TestCellErrorShortened: a reason quoting a huge cell is cut in its text, and the cut
// error still unwraps to the reason in full.
func TestCellErrorShortened(t *testing.T) {
	long := strings.Repeat("x", 2*maxReasonBytes)
	cause := errors.New(long)
	g := &logGrid{file: "symptoms.xlsx", sheet: "Symptoms"}
	errs := &rowErrors{g: g, r: logRow{num: 3}}
	errs.add(1, "Pain", cause)
	ce, ok := errs.rejected()
	if !ok {
		t.Fatal("no rejection")
	}
	if n := len(ce.Err.Error()); n > maxReasonBytes+50 || !strings.HasSuffix(ce.Err.Error(), "(600 characters in all)") {
		t.Errorf("reason of %d bytes: %q", n, ce.Err.Error())
	}
	if !errors.Is(ce, cause) || ce.Cell() != "Symptoms!B3" {
		t.Errorf("%v: cell %q, want Symptoms!B3 unwrapping to the full reason", ce, ce.Cell())
	}
}
