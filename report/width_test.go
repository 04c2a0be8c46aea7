package report

import (
	"strings"
	"testing"

	"runload/analysis"
)

func TestTextWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		bold bool
		want float64
	}{
		{"0000000000", false, 10.5},     // ten digits, 1 each, × 1.05
		{"Pain", true, 4.07},            // bold P 1.152, a 1.061, i 0.539, n 1.119: 3.871 × 1.05
		{"week\nincrease", false, 7.18}, // the longer line: i .453 n 1.037 c .864 r .688 e .982 a .963 s .819 e .982: 6.788 × 1.05
	} {
		if got := textWidth(tc.s, tc.bold); got < tc.want-0.15 || got > tc.want+0.15 {
			t.Errorf("textWidth(%q, %v) = %.2f, want %.1f", tc.s, tc.bold, got, tc.want)
		}
	}
	// A column of 11.5 holds ten digits (10.5 + 1 of padding).
	if got := fitWidth(textWidth("0000000000", false)); got != 11.5 {
		t.Errorf("fitWidth of ten digits = %v, want 11.5", got)
	}
}

func TestWrapLines(t *testing.T) {
	// "aaaa" is 4 × 0.963 × 1.05 = 4.04 wide, a space 0.525: two words need 8.6, so a room of
	// 6 (width 7) holds one a line, and a room of 9 (width 10) both.
	for _, tc := range []struct {
		s     string
		width float64
		want  int
	}{
		{"aaaa aaaa", 7, 2},
		{"aaaa aaaa", 10, 1},
		{"aaaa\naaaa", 10, 2},
		{"aaaaaaaaaaaa", 7, 3}, // 12.1 wide in a room of 6: broken in three
	} {
		if got := wide.wrapLines(tc.s, tc.width, false); got != tc.want {
			t.Errorf("wrapLines(%q, %v) = %d, want %d", tc.s, tc.width, got, tc.want)
		}
	}
}

// TestTextHeight: a row is 15 points a line of Calibri's (Excel's fitted row), with 2 under
// the last; where the wider widths (DejaVu Sans, LibreOffice's fallback) wrap into more lines
// than 15/12.8 as many, their 12.8-point lines decide.
func TestTextHeight(t *testing.T) {
	// "Pain next morning", bold, in a column of 9.25: Carlito's "Pain next" (8.04 with the
	// margin) fits a room of 8.25, the wider widths' (8.79) does not: 2 lines of Calibri, 3 of
	// DejaVu.
	if n, m := carlito.wrapLines("Pain next morning", 9.25, true), wide.wrapLines("Pain next morning", 9.25, true); n != 2 || m != 3 {
		t.Errorf("Pain next morning in 9.25: %d lines of Carlito and %d of the wider, want 2 and 3", n, m)
	}
	for _, tc := range []struct {
		s     string
		width float64
		want  float64
	}{
		{"Pain next morning", 9.25, 40.5},              // max(2 × 15, 3 × 12.8) + 2, up to a quarter
		{"aaaa aaaa aaaa aaaa aaaa aaaa", 7, 6*15 + 2}, // a word a line in both: Excel's lines are taller
		{"Pain next morning", 10, 32},                  // "Pain next" fits both: 2 lines
		{"short", 20, 17},
	} {
		if got := textHeight(tc.s, tc.width, true); got < tc.want-0.01 || got > tc.want+0.01 {
			t.Errorf("textHeight(%q, %v) = %v, want %v", tc.s, tc.width, got, tc.want)
		}
	}
}

func TestPathPrefix(t *testing.T) {
	for _, tc := range []struct {
		paths []string
		want  string
	}{
		{[]string{"sample-data/watch/a.fit", "sample-data/watch/b.gpx"}, "sample-data/watch/"},
		{[]string{"sample-data/watch/a.fit", "sample-data/symptoms.xlsx"}, "sample-data/"},
		{[]string{"x.zip/DI_CONNECT/DI-Co/1.fit"}, "x.zip/DI_CONNECT/DI-Co/"}, // one file keeps its name
		{[]string{"a/b.fit", "c/d.fit"}, ""},
		{[]string{"symptoms.xlsx", "a/b.fit"}, ""},
		{[]string{"a/bc/x.fit", "a/b/y.fit"}, "a/"}, // whole folders: not "a/b"
		{[]string{"ab/x.fit", "a/y.fit"}, ""},
		{[]string{"", "a/b/x.fit", "", "a/b/c/y.fit"}, "a/b/"},
		{[]string{"a//x.fit", "a//y.fit"}, "a//"},
		{[]string{"/x.fit", "/y.fit"}, "/"},
		{nil, ""},
	} {
		if got := pathPrefix(tc.paths); got != tc.want {
			t.Errorf("pathPrefix(%q) = %q, want %q", tc.paths, got, tc.want)
		}
	}
}

// TestColumnsHoldTheirText: no column of any sheet is narrower than its widest header word (a
// line in brackets whole) or, for a value that does not wrap, its value; a wrapped value's
// widest word fits too, each with its indent. Checked on the sample and on a Result with long paths and texts.
func TestColumnsHoldTheirText(t *testing.T) {
	r, log := sampleResult()
	long := r
	long.Sessions = append([]analysis.SessionResult(nil), r.Sessions...)
	long.Sessions[0].Source = "garmin-export.zip/DI_CONNECT/DI-Connect-Fitness-Uploaded-Files/UploadedFiles_0-_Part1/someone_18000000007.fit"
	long.Sessions[0].SubSport = "indoor_cycling_virtual_activity"
	for name, wb := range map[string]*Workbook{"sample": Build(r, log, Meta{}), "long values": Build(long, log, Meta{})} {
		for _, sh := range wb.Sheets {
			if sh.Name == "Summary" {
				continue // label and text columns of its own, and charts
			}
			merged := mergedRows(sh)
			for i, row := range sh.Rows {
				if merged[i+1] {
					continue
				}
				for j, c := range row {
					if c.V == nil {
						continue
					}
					text, in := cellText(c), float64(c.S.Indent)*indentWidth()
					need, what := fitWidth(textWidth(text, c.S.Bold)+in), "value"
					switch {
					case isHead(c):
						need, what = fitWidth(headWidth(text)+in), "header"
					case c.S.Wrap:
						// A word wider than maxWidth breaks (TestLongWordWraps).
						need, what = min(fitWidth(longestWord(text, c.S.Bold)+in), maxWidth), "widest word"
					}
					if j >= len(sh.Widths) || sh.Widths[j] < need {
						t.Errorf("%s: %s!%s%d: %s %q needs %.2f, column is %v", name, sh.Name, colName(j+1), i+1, what, text, need, sh.Widths)
					}
				}
			}
		}
	}
}

// TestNoNumberTouchesText checks every sheet of the report and the roster: a number, date or
// time is drawn against its cell's right edge and text against its cell's left edge, so a
// text value right of a number must be indented or the two print as one ("1.0no",
// "07:10running").
func TestNoNumberTouchesText(t *testing.T) {
	r, log := sampleResult()
	for _, wb := range []*Workbook{Build(r, log, Meta{}), BuildRoster(sampleRoster())} {
		for _, sh := range wb.Sheets {
			merged := mergedRows(sh)
			for i, row := range sh.Rows {
				if merged[i+1] {
					continue
				}
				for j := 1; j < len(row); j++ {
					left, c := row[j-1], row[j]
					if isHead(left) || isHead(c) || !rightAligned(left) || !isText(c) {
						continue
					}
					if c.S.Indent < 1 {
						t.Errorf("%s!%s%d %q touches %s%d %q: text right of a number needs an indent",
							sh.Name, colName(j+1), i+1, cellText(c), colName(j), i+1, cellText(left))
					}
				}
			}
		}
	}
}

// TestIndentCountsInWidth checks that an indented value's column holds the value and its indent.
func TestIndentCountsInWidth(t *testing.T) {
	sh := &Sheet{Rows: [][]Cell{{{V: 1.0, S: stDec1}, {V: "running", S: stPlain}}}}
	fitSheet(sh, nil)
	if got := sh.Rows[0][1].S.Indent; got != 1 {
		t.Fatalf("indent of text right of a number = %d, want 1", got)
	}
	if need := fitWidth(textWidth("running", false) + indentWidth()); sh.Widths[1] < need {
		t.Errorf("width %v, want at least %v", sh.Widths[1], need)
	}
}

// TestLongWordWraps: a value of 300 letters without a space (a deep path in the Import log)
// does not make its column wider than maxWidth (spreadsheets refuse columns over 255): it
// wraps, breaking the word, in a row as tall as its lines.
func TestLongWordWraps(t *testing.T) {
	long := strings.Repeat("a", 300) + "/run.fit"
	sh := &Sheet{Rows: [][]Cell{{{V: "File", S: stHead}}, {{V: long, S: stPlain}}}}
	fitSheet(sh, nil)
	if sh.Widths[0] != maxWidth {
		t.Errorf("width %v, want %v", sh.Widths[0], maxWidth)
	}
	if c := sh.Rows[1][0]; !c.S.Wrap {
		t.Errorf("style %+v, want wrapped", c.S)
	}
	h := textHeight(long, maxWidth, false)
	if h < 3*lineHeight || len(sh.Heights) != 1 || sh.Heights[0] != (RowHeight{Row: 2, Height: h}) {
		t.Errorf("heights %+v, want row 2 at %v points (3 lines or more)", sh.Heights, h)
	}
}

// TestLinesGetTheirHeight: a value of two short lines, each narrower than its column, still
// takes two lines: its row is two lines tall, and its cell wraps at the line break.
func TestLinesGetTheirHeight(t *testing.T) {
	sh := &Sheet{Rows: [][]Cell{
		{{V: "Flags", S: stHead}},
		{{V: "Max sessions per week 5 > 4\nweek increase 63.9 % > 30 %", S: stWrap}},
	}}
	fitSheet(sh, []float64{28})
	if len(sh.Heights) != 1 || sh.Heights[0] != (RowHeight{Row: 2, Height: 32}) {
		t.Errorf("heights %+v, want row 2 at 32 (2 × 15 + 2)", sh.Heights)
	}
	if c := sh.Rows[1][0]; !c.S.Wrap || !c.S.Top {
		t.Errorf("style %+v, want wrapped at the top", c.S)
	}
}

// TestRowsHoldTheirLines: on every sheet of the sample, each row is as tall as the lines of
// each of its cells need (Excel's 15 points a line of Calibri, or DejaVu's 12.8 where it wraps
// into more), a cell of several lines wraps, and a row that sets no height holds one line.
func TestRowsHoldTheirLines(t *testing.T) {
	r, log := sampleResult()
	for _, sh := range Build(r, log, Meta{}).Sheets {
		if sh.Name == "Summary" {
			continue // its own heights, for its text column
		}
		heights := map[int]float64{}
		for _, h := range sh.Heights {
			heights[h.Row] = h.Height
		}
		merged := mergedRows(sh)
		for i, row := range sh.Rows {
			if merged[i+1] {
				continue
			}
			got, ok := heights[i+1]
			if !ok {
				got = oneLine
			}
			for j, c := range row {
				if c.V == nil {
					continue
				}
				text, in := cellText(c), float64(c.S.Indent)*indentWidth()
				if strings.Contains(text, "\n") && !c.S.Wrap {
					t.Errorf("%s!%s%d: %q has lines but does not wrap", sh.Name, colName(j+1), i+1, text)
				}
				if !c.S.Wrap && !isHead(c) {
					continue
				}
				if need := textHeight(text, sh.Widths[j]-in, c.S.Bold || isHead(c)); need > got {
					t.Errorf("%s!%s%d: %q needs %v points, row is %v", sh.Name, colName(j+1), i+1, text, need, got)
				}
			}
		}
	}
}
