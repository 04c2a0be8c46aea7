package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

// midWeek is the analysis of one week, W10 (Monday 2 March 2026 to Sunday 8 March), logged
// every morning, where the physio lowered the weekly minutes from 120 to 60 and raised the
// rehab days from 2 to 3 a week on Wednesday 4 March. Runs: Mon 40, Tue 30, Wed 20, Thu 45
// minutes; rehab on Mon, Tue and Wed.
func midWeek(t *testing.T) analysis.Result {
	t.Helper()
	mon := analysis.Day{Year: 2026, Month: time.March, Day: 2}
	var sessions []analysis.Session
	for i, m := range []float64{40, 30, 20, 45} {
		d := mon.AddDays(i)
		sessions = append(sessions, analysis.Session{Source: "run.fit", Sport: analysis.Running,
			Start: time.Date(d.Year, d.Month, d.Day, 7, 0, 0, 0, time.UTC), Duration: time.Duration(m * float64(time.Minute)),
			DistanceM: analysis.Some(m / 6 * 1000)})
	}
	var log []analysis.SymptomEntry
	for i := range 7 {
		log = append(log, analysis.SymptomEntry{Day: mon.AddDays(i), Pain: analysis.Some(1.0), Rehab: analysis.Some(i < 3)})
	}
	long := analysis.Day{Year: 2025, Month: time.November, Day: 3} // a Monday, long before
	wed := mon.AddDays(2)
	plan := analysis.Plan{Rules: []analysis.Rule{
		{From: long, ID: analysis.MaxWeeklyMinutes, Sport: analysis.Running, Value: 120},
		{From: wed, ID: analysis.MaxWeeklyMinutes, Sport: analysis.Running, Value: 60, Note: "flare-up"},
		{From: long, ID: analysis.MinRehabDaysPerWeek, Sport: analysis.Running, Value: 2},
		{From: wed, ID: analysis.MinRehabDaysPerWeek, Sport: analysis.Running, Value: 3},
	}}
	return analysis.Analyze(sessions, log, plan, analysis.Config{})
}

// tableRow is row n (1 = the header) of sheet's table, by header.
func tableRow(t *testing.T, rows [][]string, n int) map[string]string {
	t.Helper()
	if len(rows) < n {
		t.Fatalf("%d rows, want row %d", len(rows), n)
	}
	out := map[string]string{}
	for i, h := range rows[0] {
		if i < len(rows[n-1]) {
			out[h] = rows[n-1][i]
		}
	}
	return out
}

func TestMidWeekChangeOnTheSheets(t *testing.T) {
	r := midWeek(t)
	f := open(t, writeMeta(t, r, analysis.ImportLog{}, Meta{}))

	weekly, err := f.GetRows("Weekly")
	if err != nil {
		t.Fatal(err)
	}
	// Mon–Tue 40 + 30 = 70 ≤ 120; Wed–Sun 20 + 45 = 65 > 60, dated Sunday. Rehab Mon–Tue 2 ≥
	// 2 × 2/7 = 0.57, so 1 needed; Wed–Sun (Wed) 1 < 3 × 5/7 = 2.14, so 2 needed.
	got := tableRow(t, weekly, 2)
	// The notes: the Plan change once, in its week, by parts; the breach of the part; only the
	// missed minimum (the Mon–Tue part was met).
	want := map[string]string{
		"Running min":    "135",
		"Limit min/week": "60",
		"Breaches and notes": "Plan: Max minutes per week: 120 (Mon–Tue) → 60 (Wed–Sun); Min rehab days per week: 2 (Mon–Tue) → 3 (Wed–Sun)\n" +
			"Sun 8 Mar: Max minutes per week 65 min > 60 min (Wed–Sun)\n" +
			"Min rehab days per week (Wed–Sun): 1 of 2 (missed) (3 a week × 5/7)",
		"Within limits": "no",
	}
	for h, w := range want {
		if got[h] != w {
			t.Errorf("Weekly %q = %q, want %q", h, got[h], w)
		}
	}
	// The week with a breach is red; the count that missed its minimum amber, the one with no
	// minimum plain.
	wsh := sheetNamed(t, Build(r, analysis.ImportLog{}, Meta{}), "Weekly")
	for j, c := range wsh.Rows[0] {
		switch c.V {
		case "Rehab days":
			if s := wsh.Rows[1][j].S; s.Fill != colAmberFill {
				t.Errorf("Rehab days of a week that missed its minimum: style %+v, want amber", s)
			}
		case "Week":
			if s := wsh.Rows[1][j].S; s.Fill != colRedFill {
				t.Errorf("Week with a breach: style %+v, want red", s)
			}
		case "Strength sessions":
			if s := wsh.Rows[1][j].S; s.Fill != "" {
				t.Errorf("Strength sessions with no minimum: style %+v, want plain", s)
			}
		}
	}
	if n := len(weekly); n < 4 || !strings.Contains(weekly[n-1][0], "a minimum needs its share for the part's days") {
		t.Errorf("the Weekly sheet does not say how a part week is judged: last row %q", weekly[n-1])
	}

	plan, err := f.GetRows("Plan")
	if err != nil {
		t.Fatal(err)
	}
	var checks []string
	for i := 2; i <= len(plan); i++ {
		row := tableRow(t, plan, i)
		checks = append(checks, row["Rule id"]+" "+row["Value"]+": "+row["Weekly check"])
	}
	wantChecks := []string{
		"max_weekly_minutes 120: whole weeks Mon 3 Nov to Sun 1 Mar; 2026-W10 Mon–Tue as a part week",
		"max_weekly_minutes 60: 2026-W10 Wed–Sun as a part week; whole weeks from Mon 9 Mar",
		"min_rehab_days_per_week 2: whole weeks Mon 3 Nov to Sun 1 Mar; 2026-W10 Mon–Tue as a part week",
		"min_rehab_days_per_week 3: 2026-W10 Wed–Sun as a part week; whole weeks from Mon 9 Mar",
	}
	if d := cmp.Diff(wantChecks, checks); d != "" {
		t.Errorf("Plan sheet's weekly checks (-want +got):\n%s", d)
	}

	flags, err := f.GetRows("Flags")
	if err != nil {
		t.Fatal(err)
	}
	var details []string
	for i := 2; i <= len(flags); i++ {
		if row := tableRow(t, flags, i); row["Type"] == "breach" {
			details = append(details, row["Detail"])
		}
	}
	if d := cmp.Diff([]string{"over Wed 4 Mar to Sun 8 Mar, the days this value was in force; crossed on Thu 5 Mar"}, details); d != "" {
		t.Errorf("Flags breach details (-want +got):\n%s", d)
	}

	lines := summaryLines(t, r, Meta{})
	if got, want := lines["Last complete week"], "2026-W10, 2–8 Mar: 135 min: Mon–Tue 70 of 120 allowed, Wed–Sun 65 of 60 allowed (over); "+
		"22.5 km; 4 runs; rehab on 3 days: Mon–Tue 2 of 1 needed (2 a week, pro-rated) (met), "+
		"Wed–Sun 1 of 2 needed (3 a week, pro-rated) (missed)"; got != want {
		t.Errorf("Summary last week = %q, want %q", got, want)
	}
	summary, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, row := range summary {
		for _, c := range row {
			if strings.HasPrefix(c, "Weekly running minutes vs limit:") {
				notes = append(notes, c)
			}
		}
	}
	// The note names the week and its parts: the band steps at the week's granularity.
	if len(notes) != 1 || !strings.Contains(notes[0], "in a week where it changed mid-week (2026-W10: 120 (Mon–Tue) → 60 (Wed–Sun)), the band shows the value from the change on") {
		t.Errorf("the chart's note does not name the week the limit changed mid-week: %q", notes)
	}

	var j bytes.Buffer
	if err := WriteJSON(&j, r, analysis.ImportLog{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Breaches []struct{ Date, First, Crossed string } `json:"breaches"`
		LastWeek struct {
			Limits []struct {
				Rule, First, Last string
				Days              int
				Limit, Value      float64
				Need              *float64
				Over              bool
				Met               *bool
			} `json:"limits"`
		} `json:"last_week"`
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Breaches) != 1 || doc.Breaches[0].Date != "2026-03-08" || doc.Breaches[0].First != "2026-03-04" || doc.Breaches[0].Crossed != "2026-03-05" {
		t.Errorf("breaches %+v, want one dated 2026-03-08 over 2026-03-04.., crossed 2026-03-05", doc.Breaches)
	}
	var parts []string
	for _, l := range doc.LastWeek.Limits {
		s := l.Rule + " " + l.First + ".." + l.Last + " " + fmtNum(l.Limit, 2) + " " + fmtNum(l.Value, 2)
		if l.Need != nil {
			s += " need " + fmtNum(*l.Need, 2)
		}
		parts = append(parts, s)
	}
	wantParts := []string{
		"max_weekly_minutes 2026-03-02..2026-03-03 120 70",
		"max_weekly_minutes 2026-03-04..2026-03-08 60 65",
		"min_rehab_days_per_week 2026-03-02..2026-03-03 2 2 need 1",
		"min_rehab_days_per_week 2026-03-04..2026-03-08 3 1 need 2",
	}
	if d := cmp.Diff(wantParts, parts); d != "" {
		t.Errorf("last_week.limits (-want +got):\n%s", d)
	}
}

func TestWeeklyApplies(t *testing.T) {
	d := func(s string) analysis.Day {
		day, err := analysis.ParseDay(s)
		if err != nil {
			t.Fatal(err)
		}
		return day
	}
	span := func(id analysis.RuleID, from, until string) analysis.RuleSpan {
		sp := analysis.RuleSpan{Rule: analysis.Rule{ID: id, From: d(from)}}
		if until != "" {
			sp.Until = analysis.Some(d(until))
		}
		return sp
	}
	// 2026-03-02 is a Monday, 03-04 a Wednesday, 03-08 a Sunday.
	for _, tc := range []struct {
		sp   analysis.RuleSpan
		want string
	}{
		{span(analysis.MaxWeeklyKm, "2026-03-02", ""), "whole weeks from Mon 2 Mar"},
		{span(analysis.MaxWeeklyKm, "2026-03-04", ""), "2026-W10 Wed–Sun as a part week; whole weeks from Mon 9 Mar"},
		{span(analysis.MaxWeeklyKm, "2026-03-02", "2026-03-15"), "whole weeks Mon 2 Mar to Sun 15 Mar"},
		{span(analysis.MaxWeeklyKm, "2026-03-04", "2026-03-10"), "2026-W10 Wed–Sun as a part week; 2026-W11 Mon–Tue as a part week"},
		{span(analysis.MaxWeeklyKm, "2026-03-04", "2026-03-06"), "2026-W10 Wed–Fri only, as a part week"},
		{span(analysis.MaxWeeklyKm, "2026-03-02", "2026-03-08"), "whole weeks Mon 2 Mar to Sun 8 Mar"},
		{span(analysis.MinStrengthSessionsPerWeek, "2026-03-04", "2026-03-03"), "never in force: a later row has the same From"},
		{span(analysis.MaxSessionKm, "2026-03-04", ""), ""},
	} {
		if got := weeklyApplies(tc.sp); got != tc.want {
			t.Errorf("%s %s..%v: %q, want %q", tc.sp.ID, tc.sp.From, tc.sp.Until, got, tc.want)
		}
	}
}

// A weekly rule that starts mid-week, with none before, says so on the Weekly sheet.
func TestPartsLimitTextRuleStartsMidWeek(t *testing.T) {
	wed := analysis.Day{Year: 2026, Month: time.March, Day: 4}
	g := ruleParts{rule: analysis.MaxWeeklyKm, sport: analysis.Any, parts: []analysis.WeekLimit{
		{Rule: analysis.MaxWeeklyKm, Sport: analysis.Any, First: wed, Last: wed.AddDays(4), Days: 5, Limit: 20, PartWeek: true}}}
	if !g.split() {
		t.Error("a rule from Wednesday does not cover the whole week")
	}
	if got, want := partsLimitText(g, wed.AddDays(-2)), "Max km per week (any): none (Mon–Tue) → 20 (Wed–Sun)"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	// Whether a part is part of its week (not, for a week cut by the period's start on that
	// Wednesday) is the analysis's PartWeek: analysis.TestPartWeeks.
}
