package analysis

import (
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
			{Kind: FlagMonotony, Rule: "flag", Value: Some(10.0), Limit: Some(2.0)},
			{Kind: FlagPainTrend, Rule: "pain", Value: Some(2.5), Limit: Some(1.0)},
		}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("weeks (-want +got):\n%s", d)
	}
}
