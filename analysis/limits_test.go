package analysis

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type breachRow struct {
	Day, Crossed, Rule, Sport string
	Limit, Value, Excess      float64
	ExcessPct                 string // rounded to 1 decimal, or "absent"
	Session                   bool
}

func breachRows(r Result) []breachRow {
	var out []breachRow
	for _, b := range r.Breaches {
		pct := "absent"
		if b.ExcessPct.OK {
			pct = strconv.FormatFloat(round(b.ExcessPct.V, 1), 'f', -1, 64)
		}
		out = append(out, breachRow{b.Day.String(), b.Crossed.String(), string(b.Rule), string(b.Sport), b.Limit,
			round(b.Value, 2), round(b.Excess, 2), pct, b.SessionStart.OK})
	}
	return out
}

func withRPE(s Session, rpe float64) Session { s.RPE = Some(rpe); return s }
func withHR(s Session, hr int) Session       { s.AvgHR = Some(hr); return s }

func TestLimits(t *testing.T) {
	// 2026-03-02 is a Monday (ISO week 2026-W10); 03-09 starts W11.
	for _, tc := range []struct {
		name     string
		plan     Plan
		sessions []Session
		want     []breachRow
	}{
		{"a session exactly at its limit is within it",
			plan(rule("2026-03-01", MaxSessionMinutes, Running, 45)),
			[]Session{run("2026-03-02", 45, 7)}, nil},
		// 46 − 45 = 1; 100 · 1/45 = 2.2 %
		{"a session over its limit is a breach with excess and %",
			plan(rule("2026-03-01", MaxSessionMinutes, Running, 45)),
			[]Session{run("2026-03-02", 46, 7)},
			[]breachRow{{"2026-03-02", "2026-03-02", "max_session_minutes", "running", 45, 46, 1, "2.2", true}}},
		{"a week exactly at its limit: 3 × 40 = 120 is within 120",
			plan(rule("2026-03-01", MaxWeeklyMinutes, Running, 120)),
			[]Session{run("2026-03-02", 40, 6), run("2026-03-04", 40, 6), run("2026-03-06", 40, 6)}, nil},
		// 40 + 40 + 41 = 121; the week's breach is dated its Sunday, 03-08; 1/120 = 0.8 %
		{"a week one minute over its limit",
			plan(rule("2026-03-01", MaxWeeklyMinutes, Running, 120)),
			[]Session{run("2026-03-02", 40, 6), run("2026-03-04", 40, 6), run("2026-03-06", 41, 6), other(Walking, "2026-03-08", 1)},
			[]breachRow{{"2026-03-08", "2026-03-06", "max_weekly_minutes", "running", 120, 121, 1, "0.8", false}}},
		// W10 is split on Wednesday 03-04: Mon–Tue under 20 km (6 within), Wed–Sun under 10 km
		// (6 within; the ride does not count). W11 under 10 km all week: 3 + 4.5 + 4.5 + 3 = 15,
		// 15 − 10 = 5, 50 %. Per session, 03-03 uses 8 (6 within), 03-05 uses 5 (6: +1, 20 %).
		{"a rule that changes in mid-week: weekly over the days of each value, per session that day",
			plan(rule("2026-03-02", MaxWeeklyKm, Running, 20), rule("2026-03-04", MaxWeeklyKm, Running, 10),
				rule("2026-03-02", MaxSessionKm, Running, 8), rule("2026-03-04", MaxSessionKm, Running, 5)),
			[]Session{run("2026-03-03", 30, 6), run("2026-03-05", 30, 6), other(Cycling, "2026-03-06", 30),
				run("2026-03-10", 20, 3), run("2026-03-12", 20, 4.5), run("2026-03-14", 20, 4.5), run("2026-03-15", 20, 3)},
			[]breachRow{
				{"2026-03-05", "2026-03-05", "max_session_km", "running", 5, 6, 1, "20", true},
				{"2026-03-15", "2026-03-14", "max_weekly_km", "running", 10, 15, 5, "50", false},
			}},
		{"cross-training never counts toward running rules",
			plan(rule("2026-03-01", MaxWeeklyMinutes, Running, 100), rule("2026-03-01", MaxSessionMinutes, Running, 60)),
			[]Session{run("2026-03-02", 50, 8), other(Cycling, "2026-03-03", 200), other(Swimming, "2026-03-04", 90)}, nil},
		// any: the 90-minute ride breaks 60 (+30, 50 %); the week 50 + 90 + 20 = 160 breaks 150 (+10, 6.7 %),
		// dated the week's last day in the period (03-04)
		{"a plan with only any rules applies to every sport",
			plan(rule("2026-03-01", MaxSessionMinutes, Any, 60), rule("2026-03-01", MaxWeeklyMinutes, Any, 150)),
			[]Session{run("2026-03-02", 50, 8), other(Cycling, "2026-03-03", 90), other(Walking, "2026-03-04", 20)},
			[]breachRow{
				{"2026-03-03", "2026-03-03", "max_session_minutes", "any", 60, 90, 30, "50", true},
				{"2026-03-04", "2026-03-04", "max_weekly_minutes", "any", 150, 160, 10, "6.7", false},
			}},
		// runs 03-02..03-05 (4 days) then rest; the ride on 03-06 is not running. 4 − 3 = 1, 33.3 %
		{"max_consecutive_days: a run of 4 days over 3",
			plan(rule("2026-03-01", MaxConsecutiveDays, Running, 3)),
			[]Session{run("2026-03-02", 30, 5), run("2026-03-03", 30, 5), run("2026-03-04", 30, 5), run("2026-03-05", 30, 5),
				other(Cycling, "2026-03-06", 60), run("2026-03-08", 30, 5), run("2026-03-09", 30, 5), run("2026-03-10", 30, 5)},
			[]breachRow{{"2026-03-05", "2026-03-05", "max_consecutive_days", "running", 3, 4, 1, "33.3", false}}},
		// 4 runs in W10 (the ride does not count): 4 − 3 = 1; dated the week's last day in the period (03-07)
		{"max_sessions_per_week",
			plan(rule("2026-03-01", MaxSessionsPerWeek, Running, 3)),
			[]Session{run("2026-03-02", 30, 5), run("2026-03-03", 30, 5), other(Cycling, "2026-03-04", 30), run("2026-03-05", 30, 5), run("2026-03-07", 30, 5)},
			[]breachRow{{"2026-03-07", "2026-03-07", "max_sessions_per_week", "running", 3, 4, 1, "33.3", false}}},
		// RPE 8 > 7 (+1, 14.3 %); average HR 155 > 150 (+5, 3.3 %); HR 150 is within
		{"max_session_rpe and max_avg_hr",
			plan(rule("2026-03-01", MaxSessionRPE, Running, 7), rule("2026-03-01", MaxAvgHR, Running, 150)),
			[]Session{withRPE(run("2026-03-02", 30, 5), 8), withHR(run("2026-03-03", 30, 5), 155), withHR(run("2026-03-04", 30, 5), 150)},
			[]breachRow{
				{"2026-03-02", "2026-03-02", "max_session_rpe", "running", 7, 8, 1, "14.3", true},
				{"2026-03-03", "2026-03-03", "max_avg_hr", "running", 150, 155, 5, "3.3", true},
			}},
		{"a rule starts on its From day: a run the day before is not checked",
			plan(rule("2026-03-03", MaxSessionMinutes, Running, 30)),
			[]Session{run("2026-03-02", 60, 10), run("2026-03-03", 31, 5)},
			[]breachRow{{"2026-03-03", "2026-03-03", "max_session_minutes", "running", 30, 31, 1, "3.3", true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze(tc.sessions, nil, tc.plan, Config{})
			if d := cmp.Diff(tc.want, breachRows(r)); d != "" {
				t.Errorf("breaches (-want +got):\n%s", d)
			}
		})
	}
}

func TestWeeklyBreachFlagsTheCrossingSession(t *testing.T) {
	p := plan(rule("2026-03-01", MaxWeeklyMinutes, Running, 100))
	// 40 + 40 = 80; + 40 = 120 > 100 on 03-06; 03-07 adds 20 more: the week has 140.
	r := Analyze([]Session{run("2026-03-02", 40, 6), run("2026-03-04", 40, 6), run("2026-03-06", 40, 6), run("2026-03-07", 20, 3)}, nil, p, Config{})
	want := []Flag{{Kind: FlagBreach, Rule: MaxWeeklyMinutes, Value: Some(140.0), Limit: Some(100.0)}}
	for i, s := range r.Sessions {
		var got []Flag
		for _, f := range s.Flags {
			if f.Kind == FlagBreach {
				got = append(got, f)
			}
		}
		w := []Flag(nil)
		if i == 2 {
			w = want
		}
		if d := cmp.Diff(w, got); d != "" {
			t.Errorf("session %d (%s) breach flags (-want +got):\n%s", i, s.Day, d)
		}
	}
	var exposed []string
	for _, e := range r.Exposure {
		if e.Exposed {
			exposed = append(exposed, e.Day.String())
		}
	}
	if d := cmp.Diff([]string{"2026-03-06"}, exposed); d != "" {
		t.Errorf("exposed days (-want +got):\n%s", d)
	}
	if r.Weeks[0].WithinLimits || len(r.Weeks[0].Flags) == 0 {
		t.Errorf("week %+v should be over its limit and flagged", r.Weeks[0])
	}
}

func rehabDays(from string, done ...bool) []SymptomEntry {
	var out []SymptomEntry
	for i, d := range done {
		out = append(out, SymptomEntry{Day: D(from).AddDays(i), Pain: Some(1.0), Rehab: Some(d)})
	}
	return out
}

func TestMinimumsAndStreaks(t *testing.T) {
	// Three full weeks from Monday 03-02: rehab days 3, 2, 6; the Plan asks for 3.
	log := rehabDays("2026-03-02",
		true, false, true, false, true, false, false, // W10: 3 met
		true, false, true, false, false, false, false, // W11: 2 missed
		true, true, false, true, true, true, true) // W12: 6 met; the last 4 days in a row
	p := plan(rule("2026-03-01", MinRehabDaysPerWeek, Running, 3), rule("2026-03-01", MinStrengthSessionsPerWeek, Running, 1))
	sessions := []Session{other(Strength, "2026-03-03", 30), other(Strength, "2026-03-17", 30), other(Strength, "2026-03-18", 30)}
	r := Analyze(sessions, log, p, Config{})
	type row struct {
		Week, Rule   string
		Value, Limit float64
		Met          bool
	}
	var got []row
	for _, m := range r.Minimums {
		got = append(got, row{m.Week, string(m.Rule), m.Value, m.Limit, m.Met})
	}
	want := []row{
		{"2026-W10", "min_rehab_days_per_week", 3, 3, true}, // exactly at the minimum: met
		{"2026-W10", "min_strength_sessions_per_week", 1, 1, true},
		{"2026-W11", "min_rehab_days_per_week", 2, 3, false},
		{"2026-W11", "min_strength_sessions_per_week", 0, 1, false},
		{"2026-W12", "min_rehab_days_per_week", 6, 3, true},
		{"2026-W12", "min_strength_sessions_per_week", 2, 1, true},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("minimums (-want +got):\n%s", d)
	}
	wantAdh := []Adherence{{MinRehabDaysPerWeek, Running, 2, 3}, {MinStrengthSessionsPerWeek, Running, 2, 3}}
	if d := cmp.Diff(wantAdh, r.Adherence); d != "" {
		t.Errorf("adherence (-want +got):\n%s", d)
	}
	// Weeks within every limit: W10 yes, W11 no, W12 yes → current 1, longest 1.
	// Rehab days in a row ending 03-22: 03-19..03-22 = 4; longest 4.
	if d := cmp.Diff(Streaks{WeeksChecked: 3, WeeksWithinLimits: 1, RehabDays: 4, LongestWeeksWithin: 1, LongestRehabDays: 4}, r.Streaks); d != "" {
		t.Errorf("streaks (-want +got):\n%s", d)
	}
}

func TestStrengthMinimumCountsRehabWhenNoStrengthRecorded(t *testing.T) {
	log := rehabDays("2026-03-02", true, false, true, false, false, false, false)
	r := Analyze([]Session{run("2026-03-04", 30, 5)}, log, plan(rule("2026-03-01", MinStrengthSessionsPerWeek, Running, 2)), Config{})
	want := []MinimumCheck{{Week: "2026-W10", Start: D("2026-03-02"), First: D("2026-03-02"), Last: D("2026-03-08"),
		Rule: MinStrengthSessionsPerWeek, Sport: Running, Limit: 2, Need: 2, Value: 2, Met: true,
		Note: "rehab days counted: no strength sessions recorded"}}
	if d := cmp.Diff(want, r.Minimums); d != "" {
		t.Errorf("minimums (-want +got):\n%s", d)
	}
}

func TestRuleSpans(t *testing.T) {
	p := plan(
		rule("2026-03-10", MaxWeeklyKm, Running, 15),
		rule("2026-03-01", MaxWeeklyKm, Running, 10),
		rule("2026-03-01", MaxWeeklyKm, Any, 30),
		rule("2026-03-01", PainThreshold, Running, 3),
	)
	got := RuleSpans(p)
	want := []RuleSpan{
		{Rule: rule("2026-03-01", MaxWeeklyKm, Any, 30)},
		{Rule: rule("2026-03-01", MaxWeeklyKm, Running, 10), Until: Some(D("2026-03-09"))},
		{Rule: rule("2026-03-10", MaxWeeklyKm, Running, 15)},
		{Rule: rule("2026-03-01", PainThreshold, Running, 3)},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("spans (-want +got):\n%s", d)
	}
}

func TestWeeklyRulesEdges(t *testing.T) {
	for _, tc := range []struct {
		name     string
		plan     Plan
		sessions []Session
		want     []breachRow
	}{
		// The period starts Wednesday 03-04 with the Plan; W10's Monday is before both. 50 + 50 = 100 > 60.
		{"the first week, cut by the period's start, uses the rules of its first day",
			plan(rule("2026-03-04", MaxWeeklyMinutes, Running, 60)),
			[]Session{run("2026-03-04", 50, 8), run("2026-03-06", 50, 8)},
			[]breachRow{{"2026-03-06", "2026-03-06", "max_weekly_minutes", "running", 60, 100, 40, "66.7", false}}},
		// A rule that starts on Wednesday 03-04 in the middle of the period applies from that day:
		// W10's Wed–Sun holds 50 + 50 = 100 > 60 (+40, 66.7 %), crossed Friday, dated Sunday 03-08;
		// Monday's 10 minutes, before the rule, are not counted. W11, cut by the period's end on
		// Monday 03-09: 70 > 60 (+10, 16.7 %).
		{"a rule starting mid-week applies from that day, over the rest of the week",
			plan(rule("2026-03-04", MaxWeeklyMinutes, Running, 60)),
			[]Session{run("2026-03-02", 10, 2), run("2026-03-04", 50, 8), run("2026-03-06", 50, 8), run("2026-03-09", 70, 10)},
			[]breachRow{
				{"2026-03-08", "2026-03-06", "max_weekly_minutes", "running", 60, 100, 40, "66.7", false},
				{"2026-03-09", "2026-03-09", "max_weekly_minutes", "running", 60, 70, 10, "16.7", false},
			}},
		// 3 km over a limit of 0: excess 3, no percentage of nothing (absent, never 0 or Inf).
		{"a limit of 0 gives an excess and no percentage",
			plan(rule("2026-03-01", MaxSessionKm, Running, 0)),
			[]Session{run("2026-03-02", 20, 3)},
			[]breachRow{{"2026-03-02", "2026-03-02", "max_session_km", "running", 0, 3, 3, "absent", true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze(tc.sessions, nil, tc.plan, Config{})
			if d := cmp.Diff(tc.want, breachRows(r)); d != "" {
				t.Errorf("breaches (-want +got):\n%s", d)
			}
			checkFinite(t, r)
		})
	}
}

// weekParts is each weekly check of the first week as "rule first..last limit value over".
func weekParts(r Result) []string {
	var out []string
	for _, l := range r.Weeks[0].Checks {
		s := fmt.Sprintf("%s %s..%s %v %v", l.Rule, l.First, l.Last, l.Limit, round(l.Value, 2))
		if l.Over {
			s += " over"
		}
		if l.Met.OK {
			s += fmt.Sprintf(" need %v met %v", round(l.Need, 2), l.Met.V)
		}
		out = append(out, s)
	}
	return out
}

func TestWeeklyRuleChangedMidWeek(t *testing.T) {
	// W10: Monday 2026-03-02 to Sunday 03-08. Runs Mon 40, Tue 30, Wed 20 and Thursday 30 (or 45)
	// minutes; the log runs to Sunday, so the week is whole, unless the case ends it sooner.
	runs := func(thu float64) []Session {
		return []Session{run("2026-03-02", 40, 6), run("2026-03-03", 30, 5), run("2026-03-04", 20, 3), run("2026-03-05", thu, 5)}
	}
	logTo := func(last string) []SymptomEntry {
		var out []SymptomEntry
		for d := D("2026-03-02"); !d.After(D(last)); d = d.AddDays(1) {
			out = append(out, SymptomEntry{Day: d, Pain: Some(1.0)})
		}
		return out
	}
	lowered := plan(rule("2025-11-03", MaxWeeklyMinutes, Running, 120), rule("2026-03-04", MaxWeeklyMinutes, Running, 60))
	for _, tc := range []struct {
		name     string
		plan     Plan
		sessions []Session
		log      []SymptomEntry
		parts    []string
		want     []breachRow
	}{
		// Mon–Tue: 40 + 30 = 70 ≤ 120; Wed–Sun: 20 + 30 = 50 ≤ 60. The week's 120 minutes are
		// not checked against 60 as one total.
		{"lowered on Wednesday, within both values",
			lowered, runs(30), logTo("2026-03-08"),
			[]string{"max_weekly_minutes 2026-03-02..2026-03-03 120 70", "max_weekly_minutes 2026-03-04..2026-03-08 60 50"},
			nil},
		// Wed–Sun: 20 + 45 = 65 > 60 (+5, 8.3 %), crossed Thursday, dated Sunday 03-08. Mon–Tue
		// is 70 ≤ 120 as before.
		{"lowered on Wednesday, over the new value from Wednesday",
			lowered, runs(45), logTo("2026-03-08"),
			[]string{"max_weekly_minutes 2026-03-02..2026-03-03 120 70", "max_weekly_minutes 2026-03-04..2026-03-08 60 65 over"},
			[]breachRow{{"2026-03-08", "2026-03-05", "max_weekly_minutes", "running", 60, 65, 5, "8.3", false}}},
		// The same, with the period ending on Friday 03-06: dated the period's last day.
		{"the period ends before Sunday: the breach is dated its last day",
			lowered, runs(45), logTo("2026-03-06"),
			[]string{"max_weekly_minutes 2026-03-02..2026-03-03 120 70", "max_weekly_minutes 2026-03-04..2026-03-06 60 65 over"},
			[]breachRow{{"2026-03-06", "2026-03-05", "max_weekly_minutes", "running", 60, 65, 5, "8.3", false}}},
		// Mon–Tue: 40 + 30 = 70 > 50 (+20, 40 %), dated Tuesday, the part's last day; then
		// Wed–Sun 50 ≤ 60 after the rule was raised.
		{"raised on Wednesday: a breach before the change is dated the day before it",
			plan(rule("2025-11-03", MaxWeeklyMinutes, Running, 50), rule("2026-03-04", MaxWeeklyMinutes, Running, 60)),
			runs(30), logTo("2026-03-08"),
			[]string{"max_weekly_minutes 2026-03-02..2026-03-03 50 70 over", "max_weekly_minutes 2026-03-04..2026-03-08 60 50"},
			[]breachRow{{"2026-03-03", "2026-03-03", "max_weekly_minutes", "running", 50, 70, 20, "40", false}}},
		// No rule before Wednesday: Mon–Tue is not checked; Wed–Sun 20 + 30 = 50 ≤ 60.
		{"a rule that starts on Wednesday: only Wed–Sun is checked",
			plan(rule("2026-03-04", MaxWeeklyMinutes, Running, 60)),
			runs(30), logTo("2026-03-08"),
			[]string{"max_weekly_minutes 2026-03-04..2026-03-08 60 50"},
			nil},
		// Wed–Sun 20 + 45 = 65 > 60: the 70 minutes of Mon–Tue never count toward it.
		{"a rule that starts on Wednesday: over it from Wednesday",
			plan(rule("2026-03-04", MaxWeeklyMinutes, Running, 60)),
			runs(45), logTo("2026-03-08"),
			[]string{"max_weekly_minutes 2026-03-04..2026-03-08 60 65 over"},
			[]breachRow{{"2026-03-08", "2026-03-05", "max_weekly_minutes", "running", 60, 65, 5, "8.3", false}}},
		// A row with the same value from Wednesday does not split the week: 40 + 30 + 20 + 45 =
		// 135 > 120 over Monday to Sunday.
		{"a row repeating the value mid-week does not split the week",
			plan(rule("2025-11-03", MaxWeeklyMinutes, Running, 120), rule("2026-03-04", MaxWeeklyMinutes, Running, 120)),
			runs(45), logTo("2026-03-08"),
			[]string{"max_weekly_minutes 2026-03-02..2026-03-08 120 135 over"},
			[]breachRow{{"2026-03-08", "2026-03-05", "max_weekly_minutes", "running", 120, 135, 15, "12.5", false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze(tc.sessions, tc.log, tc.plan, Config{})
			if d := cmp.Diff(tc.parts, weekParts(r)); d != "" {
				t.Errorf("parts (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.want, breachRows(r)); d != "" {
				t.Errorf("breaches (-want +got):\n%s", d)
			}
			// Each breach says which days it covers: from its part's first day to its date.
			for _, b := range r.Breaches {
				i := slices.IndexFunc(r.Weeks[0].Checks, func(l WeekLimit) bool { return l.Over && l.Last == b.Day })
				if i < 0 || b.First != r.Weeks[0].Checks[i].First {
					t.Errorf("breach %+v: First is not its part's first day", b)
				}
			}
			if r.LastWeek.OK {
				if d := cmp.Diff(r.Weeks[0].Checks, r.LastWeek.V.Limits); d != "" {
					t.Errorf("the last week's limits are not the week's parts (-week +summary):\n%s", d)
				}
			}
			if n := len(tc.plan.Rules); len(r.Weeks[0].Limits) != n {
				t.Errorf("the week lists %d rules in force, want %d (each row in force on one of its days)", len(r.Weeks[0].Limits), n)
			}
			if within := len(tc.want) == 0; r.Weeks[0].WithinLimits != within {
				t.Errorf("WithinLimits %v, want %v", r.Weeks[0].WithinLimits, within)
			}
		})
	}
}

func TestWeeklyMinimumChangedMidWeek(t *testing.T) {
	// W10, Monday 2026-03-02 to Sunday 03-08, logged every day. A minimum over part of a week
	// needs its share for the part's days, rounded to the nearest whole count: Mon–Tue under
	// 2 a week, 2 × 2/7 = 0.57, so 1 day; Wed–Sun under 3 a week, 3 × 5/7 = 2.14, so 2 days.
	raised := plan(rule("2025-11-03", MinRehabDaysPerWeek, Running, 2), rule("2026-03-04", MinRehabDaysPerWeek, Running, 3))
	for _, tc := range []struct {
		name  string
		plan  Plan
		rehab []bool // Monday to Sunday
		parts []string
		adh   []Adherence
	}{
		// Mon: 1 ≥ 1 met; Wed, Fri: 2 ≥ 2 met.
		{"raised on Wednesday, rehab Mon, Wed and Fri meets both parts",
			raised, []bool{true, false, true, false, true, false, false},
			[]string{"min_rehab_days_per_week 2026-03-02..2026-03-03 2 1 need 1 met true",
				"min_rehab_days_per_week 2026-03-04..2026-03-08 3 2 need 2 met true"},
			[]Adherence{{MinRehabDaysPerWeek, Running, 1, 1}}},
		// Mon, Tue: 2 ≥ 1 met; Wed alone: 1 < 2 missed. Three days in the week are not enough
		// when only one came after the change.
		{"raised on Wednesday, one day of rehab after it is not enough",
			raised, []bool{true, true, true, false, false, false, false},
			[]string{"min_rehab_days_per_week 2026-03-02..2026-03-03 2 2 need 1 met true",
				"min_rehab_days_per_week 2026-03-04..2026-03-08 3 1 need 2 met false"},
			[]Adherence{{MinRehabDaysPerWeek, Running, 0, 1}}},
		// 4 a week raised to 5: Mon–Tue 4 × 2/7 = 1.14, so 1; Wed–Sun 5 × 5/7 = 3.57, so 4.
		// Mon, Wed, Thu, Sat: Mon–Tue 1 met, Wed–Sun 3 < 4 missed.
		{"a share of .5 or more rounds up",
			plan(rule("2025-11-03", MinRehabDaysPerWeek, Running, 4), rule("2026-03-04", MinRehabDaysPerWeek, Running, 5)),
			[]bool{true, false, true, true, false, true, false},
			[]string{"min_rehab_days_per_week 2026-03-02..2026-03-03 4 1 need 1 met true",
				"min_rehab_days_per_week 2026-03-04..2026-03-08 5 3 need 4 met false"},
			[]Adherence{{MinRehabDaysPerWeek, Running, 0, 1}}},
		// No rule before Wednesday: Mon and Tue's rehab is not counted; Wed, Fri: 2 ≥ 2 met.
		{"a minimum that starts on Wednesday counts from Wednesday",
			plan(rule("2026-03-04", MinRehabDaysPerWeek, Running, 3)), []bool{true, true, true, false, true, false, false},
			[]string{"min_rehab_days_per_week 2026-03-04..2026-03-08 3 2 need 2 met true"},
			[]Adherence{{MinRehabDaysPerWeek, Running, 1, 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze([]Session{run("2026-03-02", 30, 5)}, rehabDays("2026-03-02", tc.rehab...), tc.plan, Config{})
			if d := cmp.Diff(tc.parts, weekParts(r)); d != "" {
				t.Errorf("parts (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.adh, r.Adherence); d != "" {
				t.Errorf("adherence (-want +got):\n%s", d)
			}
			met := tc.adh[0].WeeksMet == 1
			if r.Weeks[0].WithinLimits != met {
				t.Errorf("WithinLimits %v, want %v", r.Weeks[0].WithinLimits, met)
			}
			for _, m := range r.Minimums {
				if m.Start != D("2026-03-02") || m.Week != "2026-W10" {
					t.Errorf("minimum %+v: not in W10", m)
				}
			}
		})
	}
}

func TestLimitsInForce(t *testing.T) {
	// Weeks W10 (Mon 2 March) to W12 (Sun 22 March), a run each Wednesday.
	sessions := []Session{run("2026-03-04", 30, 5), run("2026-03-11", 30, 5), run("2026-03-18", 30, 5)}
	log := painDays("2026-03-02", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
	for _, tc := range []struct {
		name    string
		plan    Plan
		limits  LimitsInForce
		checked []bool // W10, W11, W12
		streaks Streaks
	}{
		// No Plan: no week had a limit to keep, so none is "within every limit".
		{"no plan: nothing checked, no streak", Plan{}, LimitsInForce{}, []bool{false, false, false}, Streaks{}},
		// Thresholds are not limits: a pain threshold alone keeps nothing.
		{"a threshold alone is no limit", plan(rule("2026-03-01", PainThreshold, Running, 3)), LimitsInForce{},
			[]bool{false, false, false}, Streaks{}},
		// 60 min a week from Mon 9 March and 2 rehab days a week (none logged) from Mon 16 March:
		// W10 has none; W11 is within 60 (30 min); W12 misses the rehab minimum (0 of 2).
		// The running max and the every-sport max are two maximums.
		{"limits from mid-period", plan(rule("2026-03-09", MaxWeeklyMinutes, Running, 60), rule("2026-03-09", MaxWeeklyMinutes, Any, 90),
			rule("2026-03-16", MinRehabDaysPerWeek, Running, 2)), LimitsInForce{Maximums: 2, Minimums: 1},
			[]bool{false, true, true}, Streaks{WeeksChecked: 2, LongestWeeksWithin: 1}}, // W11 within, W12 not
		// 60 min a week all along: three checked weeks in a row within it.
		{"one maximum all along", plan(rule("2026-03-01", MaxWeeklyMinutes, Running, 60)), LimitsInForce{Maximums: 1},
			[]bool{true, true, true}, Streaks{WeeksChecked: 3, WeeksWithinLimits: 3, LongestWeeksWithin: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze(sessions, log, tc.plan, Config{})
			if r.Limits != tc.limits {
				t.Errorf("Limits = %+v, want %+v", r.Limits, tc.limits)
			}
			var checked []bool
			for _, w := range r.Weeks {
				checked = append(checked, w.Checked)
				if w.WithinLimits && !w.Checked {
					t.Errorf("%s within limits without a limit", w.Week)
				}
			}
			if d := cmp.Diff(tc.checked, checked); d != "" {
				t.Errorf("Checked (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.streaks, r.Streaks); d != "" {
				t.Errorf("Streaks (-want +got):\n%s", d)
			}
		})
	}
}
