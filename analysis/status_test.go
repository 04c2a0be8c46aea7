package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStatus(t *testing.T) {
	const y, d = "2026-03-09", "2026-03-10" // the last two days; d is the last day with data
	e := func(day string, p, s float64, rehab bool) SymptomEntry {
		x := stiff(pain(day, p), s)
		x.Rehab = Some(rehab)
		return x
	}
	for _, tc := range []struct {
		name string
		log  []SymptomEntry
		plan Plan
		want Status
	}{
		{"all checks pass: green", []SymptomEntry{e(y, 1, 2, false), e(d, 2, 3, true)}, Plan{},
			Status{Level: LevelGreen, AsOf: D(d), Reasons: []string{"symptoms logged on each of the last 2 days",
				"latest pain 2 (2026-03-10) is within the threshold 2", "stiffness not worsening", "rehab done in the last 2 days"}}},
		{"pain over the threshold: red", []SymptomEntry{e(y, 1, 2, true), e(d, 3, 2, true)}, Plan{},
			Status{Level: LevelRed, AsOf: D(d), Reasons: []string{"latest pain 3 (2026-03-10) is above the threshold 2"}}},
		{"the Plan's threshold is used: 3 within 3 is green", []SymptomEntry{e(y, 1, 2, true), e(d, 3, 2, true)},
			plan(rule("2026-01-01", PainThreshold, Running, 3)),
			Status{Level: LevelGreen, AsOf: D(d), Reasons: []string{"symptoms logged on each of the last 2 days",
				"latest pain 3 (2026-03-10) is within the threshold 3", "stiffness not worsening", "rehab done in the last 2 days"}}},
		{"limping: red", []SymptomEntry{e(y, 1, 2, true), limp(e(d, 1, 2, true))}, Plan{},
			Status{Level: LevelRed, AsOf: D(d), Reasons: []string{"limping on 2026-03-10"}}},
		{"yesterday not logged: amber", []SymptomEntry{e("2026-03-08", 1, 2, true), e(d, 1, 2, true)}, Plan{},
			Status{Level: LevelAmber, AsOf: D(d), Reasons: []string{"no symptoms logged on 2026-03-09"}}},
		// 4 ≥ 2 + 2
		{"stiffness up 2 points: amber", []SymptomEntry{e(y, 1, 2, true), e(d, 1, 4, true)}, Plan{},
			Status{Level: LevelAmber, AsOf: D(d), Reasons: []string{"stiffness worsening: 4 on 2026-03-10 after 2 on 2026-03-09"}}},
		// A pain of 8 eight days before the last day with data (the run of 2026-03-08): amber, never red.
		{"latest pain more than 7 days old: amber", []SymptomEntry{e("2026-02-28", 8, 2, true)}, Plan{},
			Status{Level: LevelAmber, AsOf: D("2026-03-08"), Reasons: []string{"no symptoms logged on 2026-03-07", "no symptoms logged on 2026-03-08",
				"latest pain logged on 2026-02-28, 8 days before 2026-03-08: too long ago to judge today's pain",
				"no rehab logged as done on 2026-03-07 or 2026-03-08"}}},
		{"no rehab in the last 2 days: amber", []SymptomEntry{e(y, 1, 2, false), e(d, 1, 2, false)}, Plan{},
			Status{Level: LevelAmber, AsOf: D(d), Reasons: []string{"no rehab logged as done on 2026-03-09 or 2026-03-10"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze([]Session{run("2026-03-08", 30, 5)}, tc.log, tc.plan, Config{})
			if diff := cmp.Diff(tc.want, r.Status); diff != "" {
				t.Errorf("status (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEmptyInput(t *testing.T) {
	r := Analyze(nil, nil, Plan{}, Config{})
	if len(r.Days) != 0 || r.Status.Level != LevelAmber || r.Association.EnoughData || r.Load != LoadMinutes {
		t.Errorf("empty analysis: %+v", r)
	}
	checkFinite(t, r)
}

// TestStatusLoggedIsAnySymptom: "logged" is any symptom cell on the row (DOMAIN §4), not only
// pain. The last two days are 2026-03-03 (pain 1, stiffness 2, rehab no) and 2026-03-04.
func TestStatusLoggedIsAnySymptom(t *testing.T) {
	mar3 := stiff(pain("2026-03-03", 1), 2)
	mar3.Rehab = Some(false)
	mar4 := func(limping bool) SymptomEntry { // stiffness 2, rehab yes, pain blank
		return SymptomEntry{Day: D("2026-03-04"), Stiffness: Some(2.0), Limping: Some(limping), Rehab: Some(true)}
	}
	for _, tc := range []struct {
		name string
		log  []SymptomEntry
		want Status
	}{
		// Logged on both days; latest pain 1 (03-03) within 2; limping on 03-04: red; stiffness
		// 2 after 2 is not worse (2 < 2 + 2); rehab done on 03-04. Red lists only the limp.
		{"stiffness, limping and rehab without pain are logged: red for the limp only",
			[]SymptomEntry{mar3, mar4(true)},
			Status{Level: LevelRed, AsOf: D("2026-03-04"), Reasons: []string{"limping on 2026-03-04"}}},
		{"stiffness, no limp and rehab without pain are logged: green",
			[]SymptomEntry{mar3, mar4(false)},
			Status{Level: LevelGreen, AsOf: D("2026-03-04"), Reasons: []string{"symptoms logged on each of the last 2 days",
				"latest pain 1 (2026-03-03) is within the threshold 2", "stiffness not worsening", "rehab done in the last 2 days"}}},
		// A row with only a note logs nothing. 03-04 is in the period for its run; only one day
		// has stiffness (no comparison); rehab was not done on 03-03 and not logged on 03-04.
		{"a row with only a note is not logged",
			[]SymptomEntry{mar3, {Day: D("2026-03-04"), Notes: "felt fine"}},
			Status{Level: LevelAmber, AsOf: D("2026-03-04"), Reasons: []string{"no symptoms logged on 2026-03-04",
				"no rehab logged as done on 2026-03-03 or 2026-03-04"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze([]Session{run("2026-03-02", 30, 5), run("2026-03-04", 30, 5)}, tc.log, Plan{}, Config{})
			if diff := cmp.Diff(tc.want, r.Status); diff != "" {
				t.Errorf("status (-want +got):\n%s", diff)
			}
		})
	}
}
