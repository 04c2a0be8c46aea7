package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

// summaryLines writes the workbook and reads the Summary back with excelize: each label in
// column A with the text beside it in B; a note under a line (no label) gets the key
// "<label> / note".
func summaryLines(t *testing.T, r analysis.Result, meta Meta) map[string]string {
	t.Helper()
	rows, err := open(t, writeMeta(t, r, analysis.ImportLog{}, meta)).GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	label := ""
	for _, row := range rows {
		if len(row) < 2 {
			continue
		}
		if row[0] != "" {
			label = row[0]
			out[label] = row[1]
		} else if label != "" {
			out[label+" / note"] = row[1]
		}
	}
	return out
}

func TestSummaryWeeks(t *testing.T) {
	base, _ := sampleResult()
	d := func(s string) analysis.Day {
		day, err := analysis.ParseDay(s)
		if err != nil {
			t.Fatal(err)
		}
		return day
	}
	// W10 is Monday 2 March 2026 to Sunday 8 March; the period ends on Wednesday 11 March.
	last := analysis.WeekSummary{Week: "2026-W10", Start: d("2026-03-02"), First: d("2026-03-02"), Last: d("2026-03-08"), Days: 7,
		RunningMin: 116.7, RunningKm: 14.2, Sessions: 5, RunningSessions: 4, RehabDays: 3,
		Limits: []analysis.WeekLimit{
			{Rule: analysis.MaxWeeklyMinutes, Sport: analysis.Running, Limit: 90, Value: 116.7, Over: true},
			{Rule: analysis.MaxWeeklyKm, Sport: analysis.Running, Limit: 15, Value: 14.2},
			{Rule: analysis.MaxSessionsPerWeek, Sport: analysis.Running, Limit: 4, Value: 4},
			{Rule: analysis.MinRehabDaysPerWeek, Sport: analysis.Any, Limit: 3, Value: 3, Met: analysis.Some(true)},
			{Rule: analysis.MaxWeeklyMinutes, Sport: analysis.Any, Limit: 150, Value: 160, Over: true},
		}}
	this := analysis.WeekSummary{Week: "2026-W11", Start: d("2026-03-09"), First: d("2026-03-09"), Last: d("2026-03-11"), Days: 3,
		RunningMin: 35, RunningKm: 5.1, Sessions: 2, RunningSessions: 2, RehabDays: 1, WithinLimits: true,
		Limits: []analysis.WeekLimit{
			{Rule: analysis.MaxWeeklyMinutes, Sport: analysis.Running, Limit: 90, Value: 35},
			{Rule: analysis.MaxWeeklyKm, Sport: analysis.Running, Limit: 15, Value: 5.1},
			{Rule: analysis.MaxSessionsPerWeek, Sport: analysis.Running, Limit: 4, Value: 2},
			{Rule: analysis.MinRehabDaysPerWeek, Sport: analysis.Any, Limit: 3, Value: 1},
		}}
	noLimits := last
	noLimits.Limits = nil
	const chosen = "2026-02-16 to 2026-03-11 (the symptom log's days; 14 years of earlier sessions used for look-back only; -all for everything)"

	for _, tc := range []struct {
		name       string
		last, this analysis.Opt[analysis.WeekSummary]
		mean       analysis.WeeklyMean
		want       map[string]string
	}{
		{"the last complete week against its limits, and this week so far",
			analysis.Some(last), analysis.Some(this), analysis.WeeklyMean{Weeks: 3, RunningMin: 95.4, RunningKm: 12.06},
			map[string]string{
				"Running per week": "mean 95 min and 12.1 km per week, over 3 complete weeks (Monday to Sunday)",
				"Last complete week": "2026-W10, 2–8 Mar: 116.7 min of 90 allowed (over); 14.2 km of 15 allowed; 4 runs of 4 allowed; " +
					"rehab on 3 days, minimum 3 (met); Max minutes per week (every sport): 160 min of 150 allowed (over)",
				"This week so far": "2026-W11, 3 of 7 days (9–11 Mar): 35 min of 90 allowed; 5.1 km of 15 allowed; 2 runs of 4 allowed; " +
					"rehab on 1 day, minimum 3 a week",
			}},
		{"without a plan: the figures without limits",
			analysis.Some(noLimits), analysis.Opt[analysis.WeekSummary]{}, analysis.WeeklyMean{Weeks: 1, RunningMin: 116.7, RunningKm: 14.2},
			map[string]string{
				"Running per week":   "mean 117 min and 14.2 km per week, over 1 complete week (Monday to Sunday)",
				"Last complete week": "2026-W10, 2–8 Mar: 116.7 min; 14.2 km; 4 runs; rehab on 3 days (no weekly limits in the Plan)",
				"This week so far":   "",
			}},
		{"no complete week in the period: said, never an empty week",
			analysis.Opt[analysis.WeekSummary]{}, analysis.Some(this), analysis.WeeklyMean{},
			map[string]string{
				"Running per week":   "no mean: the period holds no complete week (Monday to Sunday)",
				"Last complete week": "none: the period holds no complete week (Monday to Sunday)",
				"This week so far": "2026-W11, 3 of 7 days (9–11 Mar): 35 min of 90 allowed; 5.1 km of 15 allowed; 2 runs of 4 allowed; " +
					"rehab on 1 day, minimum 3 a week",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := base
			r.LastWeek, r.ThisWeek, r.WeeklyMean = tc.last, tc.this, tc.mean
			got := summaryLines(t, r, Meta{Period: chosen})
			for label, want := range tc.want {
				if got[label] != want {
					t.Errorf("Summary %q = %q, want %q", label, got[label], want)
				}
			}
			if got["Period / note"] != "Chosen as: "+chosen {
				t.Errorf("under the period line: %q, want how it was chosen", got["Period / note"])
			}
		})
	}
}

func TestMetaPeriodOnMethod(t *testing.T) {
	r, log := sampleResult()
	const chosen = "as -from/-to asked"
	rows, err := open(t, writeMeta(t, r, log, Meta{Period: chosen})).GetRows("Method")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows {
		if len(row) > 2 && row[0] == "Period" {
			got = append(got, row[2])
		}
	}
	if d := cmp.Diff([]string{fmt.Sprintf("%s to %s (%s)", r.From, r.To, chosen)}, got); d != "" {
		t.Errorf("Method sheet's Period row value (-want +got):\n%s", d)
	}
	// Without it, the Summary has no "Chosen as" note and the Method row gives the dates.
	r2, _ := sampleResult()
	lines := summaryLines(t, r2, Meta{})
	if n := lines["Period / note"]; strings.HasPrefix(n, "Chosen as") {
		t.Errorf("Summary shows %q without a Meta.Period", n)
	}
}

func writeMeta(t *testing.T, r analysis.Result, log analysis.ImportLog, meta Meta) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteXLSX(&b, r, log, meta); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSummarySaysOnlyWhatWasChecked(t *testing.T) {
	sessions, symptoms, full := fxInputs()
	var minOnly analysis.Plan // the rehab minimum and the thresholds, no maximum
	for _, ru := range full.Rules {
		if !ru.ID.IsMaximum() {
			minOnly.Rules = append(minOnly.Rules, ru)
		}
	}
	for _, tc := range []struct {
		name             string
		plan             analysis.Plan
		breaches, streak string
	}{
		{"no plan: nothing kept or broken", analysis.Plan{}, "none checked: no Plan was read",
			"no weeks within limits to count: no Plan was read"},
		{"a minimum and no maximum: no breach checked, weeks counted", minOnly, "none checked: the Plan sets no maximum for this period",
			"in a row within every limit (longest 8)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := analysis.Analyze(sessions, symptoms, tc.plan, analysis.Config{})
			got := summaryLines(t, r, Meta{})
			if got["Limit breaches"] != tc.breaches {
				t.Errorf("Limit breaches %q, want %q", got["Limit breaches"], tc.breaches)
			}
			if !strings.Contains(got["Streaks"], tc.streak) {
				t.Errorf("Streaks %q, want it to hold %q", got["Streaks"], tc.streak)
			}
			if len(tc.plan.Rules) == 0 && strings.Contains(got["Streaks"], "within every limit") {
				t.Errorf("Streaks %q: within every limit with no Plan", got["Streaks"])
			}
		})
	}
}

func TestMethodSaysWhereHeartRatesCameFrom(t *testing.T) {
	// Two runs with no -hr-max, no Plan: the first's file gives HRmax 156 and HRrest 45 and it
	// reached 179 bpm; the second's gives none.
	sessions, symptoms, _ := fxInputs()
	sessions = sessions[:2]
	sessions[0].HRMax, sessions[0].HRRest, sessions[0].AvgHR, sessions[0].MaxHR = analysis.Some(156), analysis.Some(45), analysis.Some(150), analysis.Some(179)
	sessions[1].AvgHR, sessions[1].MaxHR = analysis.Some(140), analysis.Some(170)
	r := analysis.Analyze(sessions, symptoms, analysis.Plan{}, analysis.Config{})
	var rows []methodRow
	for _, m := range methodRows(r, Meta{}) {
		if strings.HasPrefix(m.topic, "TRIMP") {
			rows = append(rows, m)
		}
	}
	want := "HRmax 156, HRrest 45 bpm (from the watch files); none for 1 of 2 sessions: TRIMP left empty; 1 session above HRmax (up to 179 bpm); men's constants a 0.64, b 1.92"
	if len(rows) == 0 || rows[0].value != want {
		t.Fatalf("TRIMP rows %+v, want the value %q", rows, want)
	}
	var notes []string
	for _, m := range rows {
		if m.topic == "TRIMP note" {
			notes = append(notes, m.definition)
		}
	}
	if d := cmp.Diff(r.TRIMPNotes, notes); d != "" || len(notes) == 0 {
		t.Errorf("TRIMP notes on the Method sheet (-analysis +sheet):\n%s", d)
	}
	// The load is minutes: TRIMP's notes are not on the Summary.
	for label, line := range summaryLines(t, r, Meta{}) {
		if strings.Contains(line, "TRIMP") {
			t.Errorf("Summary %s: %q mentions TRIMP under -load minutes", label, line)
		}
	}
	for _, m := range methodRows(r, Meta{}) {
		if strings.Contains(m.source, "SPEC") || strings.Contains(m.definition, "SPEC") {
			t.Errorf("Method %s cites a document the physio does not have: %q %q", m.topic, m.definition, m.source)
		}
	}
}

// TestWeeklyLimitSteps: the weekly limit is drawn as touching columns, a band whose top is
// flat over each week and steps where the limit changes, never a line sloping between weeks.
func TestWeeklyLimitSteps(t *testing.T) {
	r, log := sampleResult()
	wb := Build(r, log, Meta{})
	sh := sheetNamed(t, wb, "Summary")
	limit := ""
	for j, c := range sheetNamed(t, wb, "Weekly").Rows[0] {
		if c.V == "Limit min/week" {
			limit = "$" + colName(j+1) + "$"
		}
	}
	if limit == "" {
		t.Fatal("no Limit min/week column on the Weekly sheet")
	}
	var weekly *Chart
	for i, ch := range sh.Charts {
		if ch.Title == "Weekly running minutes vs limit" {
			weekly = &sh.Charts[i]
		}
	}
	if weekly == nil {
		t.Fatal("no weekly chart")
	}
	if !weekly.StepColumns || len(weekly.Columns) != 1 || !strings.Contains(weekly.Columns[0].Values, "Weekly!"+limit) {
		t.Errorf("the limit is not a stepped band of Limit min/week: %+v", weekly)
	}
	for _, l := range weekly.Lines {
		if strings.Contains(l.Name, limit) {
			t.Errorf("the limit is also a line, which slopes between weeks: %+v", l)
		}
	}
}
