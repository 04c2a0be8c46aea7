package report

import (
	"strings"
	"testing"

	"runload/analysis"
)

func TestFlagText(t *testing.T) {
	some := analysis.Some[float64]
	for _, tc := range []struct {
		f    analysis.Flag
		want string
	}{
		{analysis.Flag{Kind: analysis.FlagBreach, Rule: analysis.MaxWeeklyMinutes, Value: some(132.8), Limit: some(90)},
			"Max minutes per week 132.8 min > 90 min"},
		{analysis.Flag{Kind: analysis.FlagBreach, Rule: analysis.MaxSessionKm, Value: some(7.6), Limit: some(7)},
			"Max km per session 7.6 km > 7 km"},
		{analysis.Flag{Kind: analysis.FlagBreach, Rule: analysis.MaxAvgHR, Value: some(168), Limit: some(165)},
			"Max average heart rate 168 bpm > 165 bpm"},
		{analysis.Flag{Kind: analysis.FlagMinimumMissed, Rule: analysis.MinRehabDaysPerWeek, Value: some(2), Limit: some(3)},
			"Min rehab days per week 2 < 3"},
		{analysis.Flag{Kind: analysis.FlagSpike, Spike: analysis.SpikeWeek, Band: analysis.BandFlag, Value: some(94.3), Limit: some(30)},
			"week increase 94.3 % > 30 %"},
		{analysis.Flag{Kind: analysis.FlagWeekWatch, Spike: analysis.SpikeWeek, Value: some(24), Limit: some(20)},
			"week increase 24 % > 20 % (watch)"},
		// A ratio keeps two decimals: 1.85, never 1.9 against 1.1.
		{analysis.Flag{Kind: analysis.FlagSpike, Spike: analysis.SpikeSession, Band: analysis.BandModerate, Value: some(1.85), Limit: some(1.1)},
			"session increase ×1.85 > ×1.10 (moderate)"},
		{analysis.Flag{Kind: analysis.FlagSpike, Spike: analysis.SpikeACWR, Band: analysis.BandFlag, Value: some(1.62), Limit: some(1.5)},
			"ACWR 1.62 > 1.50"},
		{analysis.Flag{Kind: analysis.FlagFirstRunBack, Spike: analysis.SpikeSession}, "first run back (no run in the previous 30 days)"},
		// 1.5034 over 1.5 would read "1.5 > 1.5": more decimals until they differ.
		{analysis.Flag{Kind: analysis.FlagMonotony, Band: analysis.BandWatch, Value: some(1.5034), Limit: some(1.5)},
			"monotony 1.503 > 1.500 (watch)"},
		{analysis.Flag{Kind: analysis.FlagPainResponse, Window: analysis.Window24h, Value: some(4), Limit: some(2)},
			"pain response next morning (pain 4/10)"},
		{analysis.Flag{Kind: analysis.FlagPainResponse, Window: analysis.Window48h, Limit: some(2)},
			"pain response within 48 h"},
	} {
		if got := flagText(tc.f); got != tc.want {
			t.Errorf("flagText(%+v) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

// TestOneWordingPerFlag: each breach and spike of the sample reads the same on the Flags,
// Daily and Sessions sheets.
func TestOneWordingPerFlag(t *testing.T) {
	r, log := sampleResult()
	wb := Build(r, log, Meta{})
	flags, daily, sessions := sheetNamed(t, wb, "Flags"), sheetNamed(t, wb, "Daily"), sheetNamed(t, wb, "Sessions")
	dayText := map[string]string{} // date → the Daily sheet's flags
	for n := 1; n <= len(r.Days); n++ {
		s, _ := cellUnder(t, daily, n, "Flags").(string)
		dayText[r.Days[n-1].Day.String()] = s
	}
	sessionText := strings.Builder{}
	for n := 1; n <= len(r.Sessions); n++ {
		for _, head := range []string{"Limits broken", "Spike"} {
			s, _ := cellUnder(t, sessions, n, head).(string)
			sessionText.WriteString(s + "\n")
		}
	}
	checked := 0
	for _, b := range r.Breaches {
		want := flagText(b.Flag())
		if !strings.Contains(dayText[b.Crossed.String()], want) {
			t.Errorf("Daily %s: %q lacks %q", b.Crossed, dayText[b.Crossed.String()], want)
		}
		if b.SessionStart.OK && !strings.Contains(sessionText.String(), want) {
			t.Errorf("Sessions: no %q", want)
		}
		checked++
	}
	for _, s := range r.Spikes {
		want := flagText(s.Flag())
		if !strings.Contains(dayText[s.Day.String()], want) {
			t.Errorf("Daily %s: %q lacks %q", s.Day, dayText[s.Day.String()], want)
		}
		if !strings.Contains(sessionText.String(), want) {
			t.Errorf("Sessions: no %q", want)
		}
		checked++
	}
	var allDays strings.Builder
	for _, s := range dayText {
		allDays.WriteString(s + "\n")
	}
	for n := 1; n <= checked; n++ {
		what, _ := cellUnder(t, flags, n, "What").(string)
		if what == "" || !strings.Contains(allDays.String(), what) {
			t.Errorf("Flags row %d: %q is not worded so on the Daily sheet", n, what)
		}
	}
	if checked == 0 {
		t.Fatal("the sample has no breach and no spike")
	}
}
