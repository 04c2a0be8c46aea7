package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

// headers returns the header row of sh's first table.
func headers(sh *Sheet) []string {
	var out []string
	for _, c := range sh.Rows[0] {
		s, _ := c.V.(string)
		out = append(out, s)
	}
	return out
}

// dailyResult is two days of a period: a run with a pain response, then a rest day.
func dailyResult(m analysis.LoadMeasure) analysis.Result {
	d := analysis.Day{Year: 2026, Month: time.March, Day: 9} // a Monday
	f := analysis.Some[float64]
	return analysis.Result{From: d, To: d.AddDays(1), Load: m,
		Days: []analysis.DayResult{
			{Day: d, Load: f(62.5), RunningMin: 40, RunningKm: 8, Logged: true, NextPain: f(4),
				Symptoms: analysis.SymptomEntry{Day: d, Pain: f(1), Swelling: f(2), Swollen: analysis.Some(true)},
				Response: analysis.Some(true), Baseline: f(1)},
			{Day: d.AddDays(1), Load: f(0), Logged: true,
				Symptoms: analysis.SymptomEntry{Day: d.AddDays(1), Pain: f(4), Location: "left Achilles", Notes: "sore"}},
		}}
}

// TestDailyStory: the Daily sheet's columns in the order the day is read, without the columns
// that repeat another: under -load minutes the load is the running minutes, and the Summary
// chart draws that column; swelling is its score.
func TestDailyStory(t *testing.T) {
	wb := Build(dailyResult(analysis.LoadMinutes), analysis.ImportLog{}, Meta{})
	daily := sheetNamed(t, wb, "Daily")
	want := []string{"Date", "Running min", "Running km", "Other min", "RPE", "Pain", "Pain next morning", "Pain response",
		"Limping", "Stiffness", "Swelling", "Rehab", "Breaches", "Spikes", "Flags", "Where it hurts, notes"}
	if d := cmp.Diff(want, headers(daily)); d != "" {
		t.Errorf("Daily headers (-want +got):\n%s", d)
	}
	ch := sheetNamed(t, wb, "Summary").Charts[0]
	if ch.Columns[0].Values != "Daily!$B$2:$B$3" || ch.Columns[0].Categories != "Daily!$A$2:$A$3" {
		t.Errorf("the daily chart draws %s over %s, want the running minutes (B) over the dates (A)", ch.Columns[0].Values, ch.Columns[0].Categories)
	}
	if got := cellUnder(t, daily, 1, "Date"); got != time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC) {
		t.Errorf("Date = %v, want 2026-03-09 (a date, shown with its weekday)", got)
	}
	if got := daily.Rows[1][0].S.Fmt; got != "yyyy-mm-dd ddd" {
		t.Errorf("Date format %q", got)
	}
	if got := cellUnder(t, daily, 2, "Where it hurts, notes"); got != "left Achilles: sore" {
		t.Errorf("where and notes = %v", got)
	}
}

// TestDailyLoadColumn: a load that is not the running minutes (TRIMP, sRPE, km) has its own
// column, after the minutes, and the chart draws it.
func TestDailyLoadColumn(t *testing.T) {
	for _, m := range []analysis.LoadMeasure{analysis.LoadTRIMP, analysis.LoadSRPE, analysis.LoadKm} {
		wb := Build(dailyResult(m), analysis.ImportLog{}, Meta{})
		daily := sheetNamed(t, wb, "Daily")
		head := "Load (" + loadUnit(m) + ")"
		i := slices.Index(headers(daily), head)
		if i != 4 {
			t.Errorf("-load %s: %q is column %d of %v, want 4 (after Other min)", m, head, i, headers(daily))
			continue
		}
		if got := cellUnder(t, daily, 1, head); got != 62.5 {
			t.Errorf("-load %s: load %v, want 62.5", m, got)
		}
		if ch := sheetNamed(t, wb, "Summary").Charts[0]; ch.Columns[0].Values != "Daily!$E$2:$E$3" {
			t.Errorf("-load %s: the chart draws %s, want the load column E", m, ch.Columns[0].Values)
		}
	}
}

// TestDailySwollen: swelling logged as yes/no without a score gets its own column beside the
// score; where every yes/no comes from a score, it would repeat it.
func TestDailySwollen(t *testing.T) {
	r := dailyResult(analysis.LoadMinutes)
	if slices.Contains(headers(buildDailySheet(r)), "Swollen") {
		t.Error("Swollen shown where every day has a score")
	}
	r.Days[1].Symptoms.Swollen = analysis.Some(false) // logged "no", no score
	sh := buildDailySheet(r)
	h := headers(sh)
	if i := slices.Index(h, "Swollen"); i < 0 || h[i-1] != "Swelling" {
		t.Fatalf("headers %v: want Swollen right of Swelling", h)
	}
	if got := cellUnder(t, sh, 2, "Swollen"); got != "no" {
		t.Errorf("Swollen = %v, want no", got)
	}
}

func buildDailySheet(r analysis.Result) *Sheet {
	sh, _ := buildDaily(r)
	return sh
}

// TestDailyCountsBesideFlags: issue 11 item 3: each count on the Daily sheet stands beside its
// flags' text, on the same row: the Breaches and Spikes columns just left of Flags, and on
// each day the breaches and spikes it counts are worded in its Flags cell.
func TestDailyCountsBesideFlags(t *testing.T) {
	r, log := sampleResult()
	daily := sheetNamed(t, Build(r, log, Meta{}), "Daily")
	h := headers(daily)
	i := slices.Index(h, "Flags")
	if i < 2 || h[i-2] != "Breaches" || h[i-1] != "Spikes" {
		t.Fatalf("headers %v: want Breaches, Spikes, Flags side by side", h)
	}
	checked := 0
	for n, d := range r.Days {
		text, _ := cellUnder(t, daily, n+1, "Flags").(string)
		for _, c := range []struct {
			head  string
			count int
			kinds []analysis.FlagKind
		}{
			{"Breaches", d.Breaches, []analysis.FlagKind{analysis.FlagBreach}},
			{"Spikes", d.Spikes, []analysis.FlagKind{analysis.FlagSpike, analysis.FlagFirstRunBack}},
		} {
			got := cellUnder(t, daily, n+1, c.head)
			if c.count == 0 {
				if got != nil {
					t.Errorf("%s %s = %v, want empty", d.Day, c.head, got)
				}
				continue
			}
			if got != c.count {
				t.Errorf("%s %s = %v, want %d", d.Day, c.head, got, c.count)
			}
			worded := 0
			for _, f := range d.Flags {
				if slices.Contains(c.kinds, f.Kind) && strings.Contains(text, flagText(f)) {
					worded++
				}
			}
			if worded < c.count {
				t.Errorf("%s: %d %s counted, %d worded beside them in %q", d.Day, c.count, c.head, worded, text)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("the sample has no day with a breach or a spike")
	}
}

// TestSessionsSayOnce: on the Sessions sheet a strength session's sub-sport "strength training"
// (what named it strength) stays empty, another sub-sport shows; "RPE from" is there only
// when some RPE came from the watch, since otherwise every RPE is the log's.
func TestSessionsSayOnce(t *testing.T) {
	d := analysis.Day{Year: 2026, Month: time.March, Day: 9}
	at := time.Date(2026, 3, 9, 7, 0, 0, 0, time.UTC)
	sess := func(sp analysis.Sport, sub, rpeFrom string) analysis.SessionResult {
		s := analysis.SessionResult{Session: analysis.Session{Source: "a.fit", Sport: sp, SubSport: sub, Start: at, Duration: 30 * time.Minute}, Day: d}
		if rpeFrom != "" {
			s.RPE, s.RPESource = analysis.Some(4.0), rpeFrom
		}
		return s
	}
	r := analysis.Result{From: d, To: d, Sessions: []analysis.SessionResult{
		sess(analysis.Strength, "strength_training", "log"), sess(analysis.Cycling, "indoor_cycling", "")}}
	sh := buildSessions(r)
	if got := cellUnder(t, sh, 1, "Sub-sport"); got != nil {
		t.Errorf("strength's sub-sport = %v, want empty", got)
	}
	if got := cellUnder(t, sh, 2, "Sub-sport"); got != "indoor cycling" {
		t.Errorf("cycling's sub-sport = %v, want indoor cycling", got)
	}
	if slices.Contains(headers(sh), "RPE from") {
		t.Error(`"RPE from" shown where every RPE is the log's`)
	}
	r.Sessions[1] = sess(analysis.Cycling, "", "watch")
	sh = buildSessions(r)
	if i := slices.Index(headers(sh), "RPE from"); i < 0 || headers(sh)[i-1] != "RPE" {
		t.Fatalf("headers %v: want RPE from beside RPE when an RPE came from the watch", headers(sh))
	}
	if got := cellUnder(t, sh, 2, "RPE from"); got != "watch" {
		t.Errorf("RPE from = %v, want watch", got)
	}
}
