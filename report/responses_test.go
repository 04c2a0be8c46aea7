package report

import (
	"testing"
	"time"

	"runload/analysis"
)

// sheetNamed returns the sheet called name in wb.
func sheetNamed(t *testing.T, wb *Workbook, name string) *Sheet {
	t.Helper()
	for _, sh := range wb.Sheets {
		if sh.Name == name {
			return sh
		}
	}
	t.Fatalf("no sheet %q", name)
	return nil
}

// cellUnder returns the value in the 1-based row of sh under the header (row 1) head.
func cellUnder(t *testing.T, sh *Sheet, row int, head string) any {
	t.Helper()
	for j, c := range sh.Rows[0] {
		if c.V == head {
			if row-1 >= len(sh.Rows) || j >= len(sh.Rows[row-1]) {
				return nil
			}
			return sh.Rows[row-1][j].V
		}
	}
	t.Fatalf("%s: no column %q", sh.Name, head)
	return nil
}

// TestDailyNextPainAfterTheEnd: a period cut by -to at 10 March, whose last day has pain 1 and
// a run, and pain 4 logged on 11 March, after the period. The analysis says the next morning's
// pain is 4 (and 4 ≥ 1 + 2 is a response); the Daily sheet's last row must show both, and the
// Summary chart's pain line must draw that column. The report has no 11 March row to read it from.
func TestDailyNextPainAfterTheEnd(t *testing.T) {
	d := analysis.Day{Year: 2026, Month: time.March, Day: 10}
	r := analysis.Result{From: d, To: d, Load: analysis.LoadMinutes,
		Days: []analysis.DayResult{{Day: d, Load: analysis.Some(40.0), RunningMin: 40, RunningKm: 8, WholeBody: 40, Logged: true,
			Symptoms: analysis.SymptomEntry{Day: d, Pain: analysis.Some(1.0)}, NextPain: analysis.Some(4.0)}},
		Exposure: []analysis.Exposure{{Day: d, Load: analysis.Some(40.0), Baseline: analysis.Some(1.0),
			Pain24h: analysis.Some(4.0), Pain48h: analysis.Some(4.0), Response24h: analysis.Some(true), Response48h: analysis.Some(true)}},
	}
	wb := Build(r, analysis.ImportLog{}, Meta{})
	daily := sheetNamed(t, wb, "Daily")
	if got := cellUnder(t, daily, 2, "Pain next morning"); got != 4.0 {
		t.Errorf("Daily 2026-03-10 pain next morning = %v, want 4", got)
	}
	if got := cellUnder(t, daily, 2, "Pain response"); got != "yes" {
		t.Errorf("Daily 2026-03-10 pain response = %v, want yes", got)
	}
	// "Pain next morning" is the 18th column, R; one data row.
	sum := sheetNamed(t, wb, "Summary")
	if len(sum.Charts) == 0 || len(sum.Charts[0].Lines) != 1 || sum.Charts[0].Lines[0].Values != "Daily!$R$2:$R$2" {
		t.Errorf("the Summary chart's pain line is not Daily!$R$2:$R$2: %+v", sum.Charts)
	}
}
