package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFlagsFromFindings checks the flag step alone: findings in, flags on sessions, days and
// weeks out, with nothing else run.
func TestFlagsFromFindings(t *testing.T) {
	// Sessions in start order: 0 the run of Mon 03-02, 1 the ride that evening, 2 the run of Tue 03-03.
	in, ok := newInputs([]Session{run("2026-03-02", 30, 5), other(Cycling, "2026-03-02", 60), run("2026-03-03", 40, 6)},
		nil, Plan{}, Config{})
	if !ok {
		t.Fatal("no period")
	}
	sess, _, _, _ := in.sessionLoads()
	mon, tue, sun := D("2026-03-02"), D("2026-03-03"), D("2026-03-08")
	// The week went over 60 min on Tuesday (30 + 40 = 70); the breach is dated Sunday.
	weekly := breachAt{newBreach(sun, tue, MaxWeeklyMinutes, Running, 60, 70), 2}
	breach := Flag{Kind: FlagBreach, Rule: MaxWeeklyMinutes, Value: Some(70.0), Limit: Some(60.0)}
	watch := Flag{Kind: FlagWeekWatch, Spike: SpikeWeek, Value: Some(25.0), Limit: Some(WeekWatchPct)}
	// Pain 4 within 48 h of Monday, against the default threshold 2.
	pain48 := Flag{Kind: FlagPainResponse, Window: Window48h, Value: Some(4.0), Limit: Some(DefaultPainThreshold)}
	missed := Flag{Kind: FlagMinimumMissed, Rule: MinRehabDaysPerWeek, Value: Some(1.0), Limit: Some(3.0)}

	got := in.flags(findings{
		sess:     sess,
		breaches: []breachAt{weekly},
		watches:  []weekWatch{{day: mon, pct: 25}},
		resp:     map[Day]painResponse{mon: {r24: Some(false), r48: Some(true), p48: Some(4.0)}},
		minimums: []MinimumCheck{
			{Start: mon, Rule: MinRehabDaysPerWeek, Limit: 3, Need: 3, Value: 1, Met: false},
			{Start: mon, Rule: MinStrengthSessionsPerWeek, Limit: 1, Need: 1, Value: 1, Met: true},
		},
	})
	want := flagSet{
		sessions: [][]Flag{
			{pain48, watch}, // a run: the week's watch, and the day's response
			{pain48},        // a ride: the day's response only
			{breach},        // the run that took the week over
		},
		days:  map[Day][]Flag{mon: {pain48, watch}, tue: {breach}},
		weeks: map[Day][]Flag{mon: {breach, missed}},
	}
	if d := cmp.Diff(want, got, cmp.AllowUnexported(flagSet{})); d != "" {
		t.Errorf("flags (-want +got):\n%s", d)
	}
}
