package analysis

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMonotony(t *testing.T) {
	for _, tc := range []struct {
		name  string
		loads []float64
		want  Opt[float64] // rounded to 4 decimals
	}{
		// mean 240/7 = 34.2857; deviations 25.714 (×4) and −34.286 (×3): Σ² = 6171.43;
		// population SD = √(6171.43/7) = 29.692; 34.2857/29.692 = 1.1547
		{"every other day 60: mean/SD = 1.1547", []float64{60, 0, 60, 0, 60, 0, 60}, Some(1.1547)},
		{"the same load every day: SD 0, capped at 10", []float64{30, 30, 30, 30, 30, 30, 30}, Some(10.0)},
		{"a week without load has no monotony", []float64{0, 0, 0, 0, 0, 0, 0}, Opt[float64]{}},
		// mean 10/7 = 1.4286; SD = √((6·1.4286² + 8.5714²)/7) = 3.4993; 0.4082
		{"one session in a week: 0.4082", []float64{0, 0, 0, 10, 0, 0, 0}, Some(0.4082)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Monotony(tc.loads)
			if got.OK {
				got.V = round(got.V, 4)
			}
			if got != tc.want {
				t.Errorf("Monotony = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestWeekly(t *testing.T) {
	var sessions []Session
	var log []SymptomEntry
	for _, day := range []string{"2026-03-02", "2026-03-04", "2026-03-06", "2026-03-08"} {
		sessions = append(sessions, run(day, 60, 10))
	}
	for i := range 7 {
		day := D("2026-03-02").AddDays(i).String()
		log = append(log, SymptomEntry{Day: D(day), Pain: Some(1.0), Rehab: Some(i < 2)})
		day2 := D("2026-03-09").AddDays(i).String()
		sessions = append(sessions, run(day2, 30, 5))
		log = append(log, SymptomEntry{Day: D(day2), Pain: Some(2.5)})
	}
	sessions = append(sessions, other(Strength, "2026-03-03", 0))
	r := Analyze(sessions, log, Plan{}, Config{})
	type row struct {
		Week                                  string
		Days, Sessions, Runs, Rehab, Strength int
		Min, Km, Load                         float64
		Change, Monotony, Strain, Pain        Opt[float64]
		Flags                                 []Flag
	}
	var got []row
	for _, w := range r.Weeks {
		o := func(v Opt[float64]) Opt[float64] {
			if v.OK {
				v.V = round(v.V, 2)
			}
			return v
		}
		got = append(got, row{w.Week, w.DaysInPeriod, w.Sessions, w.RunningSessions, w.RehabDays, w.StrengthSessions,
			w.RunningMin, w.RunningKm, w.Load, o(w.ChangePct), o(w.Monotony), o(w.Strain), o(w.MeanPain), w.Flags})
	}
	want := []row{
		// 4 × 60 min; whole-body 240 (the 0-minute strength session adds nothing); monotony 1.1547 → 1.15;
		// strain 240 · 1.1547 = 277.13
		{"2026-W10", 7, 5, 4, 2, 1, 240, 40, 240, Opt[float64]{}, Some(1.15), Some(277.13), Some(1.0), nil},
		// 7 × 30 = 210 min; (210 − 240)/240 = −12.5 %; SD 0: monotony 10, strain 2100 (flag > 2);
		// mean pain 2.5 ≥ 1 + 1: a pain trend
		{"2026-W11", 7, 7, 7, 0, 0, 210, 35, 210, Some(-12.5), Some(10.0), Some(2100.0), Some(2.5), []Flag{
			{Kind: FlagMonotony, Band: BandFlag, Value: Some(10.0), Limit: Some(2.0)},
			{Kind: FlagPainTrend, Symptom: SymptomPain, Value: Some(2.5), Limit: Some(1.0)},
		}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("weeks (-want +got):\n%s", d)
	}
}

// rounded rounds a week summary's figures to 2 decimals, for comparison with hand arithmetic.
func rounded(o Opt[WeekSummary]) Opt[WeekSummary] {
	if !o.OK {
		return o
	}
	w := o.V
	w.RunningMin, w.RunningKm = round(w.RunningMin, 2), round(w.RunningKm, 2)
	w.Limits = slices.Clone(w.Limits)
	for i := range w.Limits {
		w.Limits[i].Value = round(w.Limits[i].Value, 2)
	}
	return Some(w)
}

func TestLastWeekAndThisWeek(t *testing.T) {
	// W10 is Monday 2026-03-02 to Sunday 03-08; W11 starts Monday 03-09.
	weekly := plan(rule("2026-03-01", MaxWeeklyMinutes, Running, 90), rule("2026-03-01", MaxWeeklyKm, Running, 15),
		rule("2026-03-01", MaxSessionsPerWeek, Running, 4), rule("2026-03-01", MinRehabDaysPerWeek, Any, 3),
		rule("2026-03-01", MinStrengthSessionsPerWeek, Any, 2))
	w10 := []Session{run("2026-03-02", 30, 4.5), other(Strength, "2026-03-03", 20), run("2026-03-04", 40, 5),
		run("2026-03-06", 46.7, 4.7)}
	rehab := func(days ...string) []SymptomEntry {
		var out []SymptomEntry
		for _, d := range days {
			out = append(out, SymptomEntry{Day: D(d), Pain: Some(1.0), Rehab: Some(true)})
		}
		return out
	}
	// W10 against its limits: 30 + 40 + 46.7 = 116.7 min over 90 (a breach); 4.5 + 5 + 4.7 =
	// 14.2 km within 15; 3 runs within 4 (the strength session is not running); rehab on 3 days
	// meets 3; 1 strength session misses 2.
	mon, sun, mon11 := D("2026-03-02"), D("2026-03-08"), D("2026-03-09")
	w10Limits := []WeekLimit{
		{Rule: MaxWeeklyMinutes, Sport: Running, First: mon, Last: sun, Days: 7, Limit: 90, Value: 116.7, Over: true},
		{Rule: MaxWeeklyKm, Sport: Running, First: mon, Last: sun, Days: 7, Limit: 15, Value: 14.2},
		{Rule: MaxSessionsPerWeek, Sport: Running, First: mon, Last: sun, Days: 7, Limit: 4, Value: 3},
		{Rule: MinRehabDaysPerWeek, Sport: Any, First: mon, Last: sun, Days: 7, Limit: 3, Need: 3, Value: 3, Met: Some(true)},
		{Rule: MinStrengthSessionsPerWeek, Sport: Any, First: mon, Last: sun, Days: 7, Limit: 2, Need: 2, Value: 1, Met: Some(false)},
	}
	w10Summary := WeekSummary{Week: "2026-W10", Start: D("2026-03-02"), First: D("2026-03-02"), Last: D("2026-03-08"), Days: 7, RunningMin: 116.7, RunningKm: 14.2,
		Sessions: 4, RunningSessions: 3, RehabDays: 3, StrengthSessions: 1, Limits: w10Limits, Checked: true}

	for _, tc := range []struct {
		name     string
		plan     Plan
		sessions []Session
		log      []SymptomEntry
		last     Opt[WeekSummary]
		this     Opt[WeekSummary]
		mean     WeeklyMean
	}{
		{"a period ending on a Monday: last week is the Mon–Sun before it, this week 1 of 7 days",
			weekly, append(slices.Clone(w10), run("2026-03-09", 35, 5.1)),
			rehab("2026-03-02", "2026-03-04", "2026-03-06", "2026-03-09"),
			Some(w10Summary),
			// Monday alone: 35 min, 5.1 km, 1 run, 1 rehab day so far; minimums not judged yet.
			Some(WeekSummary{Week: "2026-W11", Start: D("2026-03-09"), First: D("2026-03-09"), Last: D("2026-03-09"), Days: 1, RunningMin: 35, RunningKm: 5.1,
				Sessions: 1, RunningSessions: 1, RehabDays: 1, Checked: true, WithinLimits: true, Limits: []WeekLimit{
					{Rule: MaxWeeklyMinutes, Sport: Running, First: mon11, Last: mon11, Days: 7, Limit: 90, Value: 35},
					{Rule: MaxWeeklyKm, Sport: Running, First: mon11, Last: mon11, Days: 7, Limit: 15, Value: 5.1},
					{Rule: MaxSessionsPerWeek, Sport: Running, First: mon11, Last: mon11, Days: 7, Limit: 4, Value: 1},
					{Rule: MinRehabDaysPerWeek, Sport: Any, First: mon11, Last: mon11, Days: 7, Limit: 3, Need: 3, Value: 1},
					{Rule: MinStrengthSessionsPerWeek, Sport: Any, First: mon11, Last: mon11, Days: 7, Limit: 2, Need: 2, Value: 0},
				}}),
			WeeklyMean{Weeks: 1, RunningMin: 116.7, RunningKm: 14.2}},
		{"a period ending on a Sunday: that week is the last complete week, and there is no this week",
			weekly, w10, append(rehab("2026-03-02", "2026-03-04", "2026-03-06"), pain("2026-03-08", 1)),
			Some(w10Summary), Opt[WeekSummary]{}, WeeklyMean{Weeks: 1, RunningMin: 116.7, RunningKm: 14.2}},
		{"a period shorter than a week has no last complete week and no mean",
			Plan{}, []Session{run("2026-03-04", 40, 5), run("2026-03-06", 46.7, 4.7)}, nil,
			Opt[WeekSummary]{},
			// Wednesday to Friday: 3 days of the week in the period. No Plan: nothing to keep,
			// so not "within limits".
			Some(WeekSummary{Week: "2026-W10", Start: D("2026-03-02"), First: D("2026-03-04"), Last: D("2026-03-06"), Days: 3, RunningMin: 86.7, RunningKm: 9.7,
				Sessions: 2, RunningSessions: 2}),
			WeeklyMean{}},
		// 120 min from 03-01, lowered to 90 from Monday 03-09. W10: 100 within 120; W11:
		// 50 + 50 = 100 over 90. Mean over the two complete weeks: (100 + 100)/2 min, (15 + 16)/2 km.
		{"a weekly limit lowered in mid-period: the last week shows the value in force",
			plan(rule("2026-03-01", MaxWeeklyMinutes, Running, 120), rule("2026-03-09", MaxWeeklyMinutes, Running, 90)),
			[]Session{run("2026-03-02", 50, 7.5), run("2026-03-05", 50, 7.5), run("2026-03-10", 50, 8), run("2026-03-15", 50, 8)},
			nil,
			Some(WeekSummary{Week: "2026-W11", Start: D("2026-03-09"), First: D("2026-03-09"), Last: D("2026-03-15"), Days: 7, RunningMin: 100, RunningKm: 16,
				Sessions: 2, RunningSessions: 2, Checked: true, Limits: []WeekLimit{
					{Rule: MaxWeeklyMinutes, Sport: Running, First: mon11, Last: D("2026-03-15"), Days: 7, Limit: 90, Value: 100, Over: true},
				}}),
			Opt[WeekSummary]{}, WeeklyMean{Weeks: 2, RunningMin: 100, RunningKm: 15.5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze(tc.sessions, tc.log, tc.plan, Config{})
			if d := cmp.Diff(tc.last, rounded(r.LastWeek)); d != "" {
				t.Errorf("LastWeek (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.this, rounded(r.ThisWeek)); d != "" {
				t.Errorf("ThisWeek (-want +got):\n%s", d)
			}
			m := r.WeeklyMean
			m.RunningMin, m.RunningKm = round(m.RunningMin, 2), round(m.RunningKm, 2)
			if d := cmp.Diff(tc.mean, m); d != "" {
				t.Errorf("WeeklyMean (-want +got):\n%s", d)
			}
		})
	}
}
