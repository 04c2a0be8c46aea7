package report

import (
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
		{"Pain", true, 4.33},            // bold P 1.152 + 0.25 (a capital), a 1.061, i 0.539, n 1.119: 4.121 × 1.05
		{"week\nincrease", false, 6.99}, // the longer line: i .437 n .996 c .864 r .646 e .967 a .963 s .819 e .967: 6.659 × 1.05
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
		if got := wrapLines(tc.s, tc.width, false); got != tc.want {
			t.Errorf("wrapLines(%q, %v) = %d, want %d", tc.s, tc.width, got, tc.want)
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
// widest word fits too. Checked on the sample and on a Result with long paths and texts.
func TestColumnsHoldTheirText(t *testing.T) {
	r, log := sampleResult()
	long := r
	long.Sessions = append([]analysis.SessionResult(nil), r.Sessions...)
	long.Sessions[0].Source = "garmin-export.zip/DI_CONNECT/DI-Connect-Fitness-Uploaded-Files/UploadedFiles_0-_Part1/someone_18000000007.fit"
	long.Sessions[0].SubSport = "strength_training"
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
					text := cellText(c)
					need, what := fitWidth(textWidth(text, c.S.Bold)), "value"
					switch {
					case isHead(c):
						need, what = fitWidth(headWidth(text)), "header"
					case c.S.Wrap:
						need, what = fitWidth(longestWord(text, c.S.Bold)), "widest word"
					}
					if j >= len(sh.Widths) || sh.Widths[j] < need {
						t.Errorf("%s: %s!%s%d: %s %q needs %.2f, column is %v", name, sh.Name, colName(j+1), i+1, what, text, need, sh.Widths)
					}
				}
			}
		}
	}
}
