package analysis

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestResponseCounts(t *testing.T) {
	// Runs on Mon 2, Wed 4, Fri 6 and Sun 8 March; mornings 2–9 March logged but the 5th.
	sessions := []Session{run("2026-03-02", 30, 5), run("2026-03-04", 30, 5), run("2026-03-06", 30, 5), run("2026-03-08", 30, 5)}
	log := painDays("2026-03-02", 1, 4, 1, -1, 1, 1, 1, 1)
	r := Analyze(sessions, log, Plan{}, Config{})
	// 2 Mar: baseline 1, next morning 4 ≥ 1 + 2: a response at 24 h, so at 48 h too.
	// 4 Mar: the 5th not logged: 24 h unknown; the 6th pain 1, no response: 48 h unknown too
	//        (one morning unknown, and no response on the other).
	// 6 Mar: 1 then 1: no response at 24 h, nor at 48 h.
	// 8 Mar: the 9th pain 1: no response at 24 h; the 10th is not logged: 48 h unknown.
	want := ResponseCounts{TrainingDays: 4, Judged24h: 3, Responses24h: 1, Judged48h: 2, Responses48h: 1}
	if d := cmp.Diff(want, r.Responses); d != "" {
		t.Errorf("Responses (-want +got):\n%s", d)
	}
	if got := Analyze(nil, log, Plan{}, Config{}).Responses; got != (ResponseCounts{}) {
		t.Errorf("no training days: Responses = %+v, want zero counts", got)
	}
}

func TestFlareUp(t *testing.T) {
	fu := func(from, text, note string) Rule {
		return Rule{From: D(from), ID: FlareUpPlan, Sport: Any, Text: text, Note: note}
	}
	amber, red, green := Status{Level: LevelAmber}, Status{Level: LevelRed}, Status{Level: LevelGreen}
	for _, tc := range []struct {
		name string
		p    Plan
		to   Day
		st   Status
		want FlareUp
	}{
		{"no flare-up plan in the Plan", plan(rule("2026-03-01", MaxWeeklyMinutes, Running, 90)), D("2026-03-15"), amber, FlareUp{}},
		{"amber: the plan is due, its text trimmed", plan(fu("2026-03-01", "  two rest days\n", "")), D("2026-03-15"), amber,
			FlareUp{Text: "two rest days", Due: true}},
		{"red: due", plan(fu("2026-03-01", "two rest days", "")), D("2026-03-15"), red, FlareUp{Text: "two rest days", Due: true}},
		{"green: shown, not due", plan(fu("2026-03-01", "two rest days", "")), D("2026-03-15"), green, FlareUp{Text: "two rest days"}},
		{"the note stands in for an empty text", plan(fu("2026-03-01", "", "walk only")), D("2026-03-15"), amber,
			FlareUp{Text: "walk only", Due: true}},
		// The row of 1 March holds until 9 March; the one of 10 March is in force on the 15th.
		{"a plan replaced during the period: the later one", plan(fu("2026-03-01", "old", ""), fu("2026-03-10", "new", "")),
			D("2026-03-15"), amber, FlareUp{Text: "new", Due: true}},
		// The row of 20 March starts after the period's end: the one of 1 March is in force.
		{"a plan agreed after the period's end is not in force", plan(fu("2026-03-01", "old", ""), fu("2026-03-20", "new", "")),
			D("2026-03-15"), amber, FlareUp{Text: "old", Due: true}},
		{"only a plan from after the end: none in force", plan(fu("2026-03-20", "new", "")), D("2026-03-15"), amber, FlareUp{}},
		{"no period: the Plan's latest row", plan(fu("2026-03-01", "old", ""), fu("2026-03-20", "new", "")), Day{}, amber,
			FlareUp{Text: "new", Due: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := flareUp(RuleSpans(tc.p), tc.to, tc.st); got != tc.want {
				t.Errorf("flareUp = %+v, want %+v", got, tc.want)
			}
		})
	}
	// Through Analyze: pain 5 on the last morning, above the threshold 2, makes the status red.
	r := Analyze([]Session{run("2026-03-02", 30, 5)}, painDays("2026-03-01", 1, 1, 5),
		plan(fu("2026-03-01", "two rest days, then the last good week", "")), Config{})
	if want := (FlareUp{Text: "two rest days, then the last good week", Due: true}); r.Status.Level != LevelRed || r.FlareUp != want {
		t.Errorf("Analyze: status %s, FlareUp %+v; want red and %+v", r.Status.Level, r.FlareUp, want)
	}
}

func TestSummaryCounts(t *testing.T) {
	// Week of Mon 2 March: runs of 5, 5 and 10 km (30, 30 and 60 min), two rides and a
	// strength session; limits 4 km and 45 min a run, 100 min a week of running.
	sessions := []Session{
		run("2026-03-02", 30, 5), other(Cycling, "2026-03-03", 45), run("2026-03-04", 30, 5),
		other(Cycling, "2026-03-05", 45), run("2026-03-06", 60, 10), other(Strength, "2026-03-07", 20),
	}
	p := plan(rule("2026-03-01", MaxSessionKm, Running, 4), rule("2026-03-01", MaxSessionMinutes, Running, 45),
		rule("2026-03-01", MaxWeeklyMinutes, Running, 100))
	r := Analyze(sessions, painDays("2026-03-02", 1, 1, 1, 1, 1, 1, 1), p, Config{})
	type counts struct {
		Sports   []SportCount
		Breaches []RuleCount
		Spikes   []SpikeCount
	}
	want := counts{
		// Running first, then the other sports in the order of the Sport constants.
		Sports: []SportCount{{Running, 3}, {Cycling, 2}, {Strength, 1}},
		// 5, 5 and 10 km > 4 (the first breach, 2 March); 60 > 45 min (6 March);
		// 30 + 30 + 60 = 120 > 100 min in the week (dated Sunday 8 March).
		Breaches: []RuleCount{{MaxSessionKm, 3}, {MaxSessionMinutes, 1}, {MaxWeeklyMinutes, 1}},
		// 2 March: no run in the previous 30 days, "first run back"; 4 March: 5 / 5 km = 1.0,
		// no spike; 6 March: 10 / 5 km = 2.0, a moderate session spike. No week_increase: the
		// 7 days before had no km (under the 5 km floor).
		Spikes: []SpikeCount{{SpikeSession, true, 1}, {SpikeSession, false, 1}},
	}
	got := counts{r.SportCounts, r.BreachCounts, r.SpikeCounts}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("counts (-want +got):\n%s", d)
	}
	if n := len(r.Breaches); n != 5 {
		t.Errorf("%d breaches, want 5", n)
	}
}

func TestDayFacts(t *testing.T) {
	// Runs on Mon 2 March (30 min, 5 km) and Wed 4 March (60 min, 10 km); limits 45 min and
	// 8 km a run, 80 min a week. Pain 1, 1, 4, –, 1 from Sun 1 to Thu 5 March.
	sessions := []Session{run("2026-03-02", 30, 5), run("2026-03-04", 60, 10)}
	p := plan(rule("2026-03-01", MaxSessionMinutes, Running, 45), rule("2026-03-01", MaxSessionKm, Running, 8),
		rule("2026-03-01", MaxWeeklyMinutes, Running, 80))
	r := Analyze(sessions, painDays("2026-03-01", 1, 1, 4, -1, 1), p, Config{})
	type day struct {
		Day              Day
		Breaches, Spikes int
		Response         Opt[bool]
		Baseline         Opt[float64]
	}
	want := []day{
		{D("2026-03-01"), 0, 0, Opt[bool]{}, Opt[float64]{}}, // a rest day: no response
		// First run back; pain 1 that day, 4 the next morning: 4 ≥ 1 + 2, a response.
		{D("2026-03-02"), 0, 1, Some(true), Some(1.0)},
		{D("2026-03-03"), 0, 0, Opt[bool]{}, Opt[float64]{}},
		// 60 > 45 min and 10 > 8 km; 10 / 5 km = 2.0, a moderate spike. Nothing logged that
		// day: the baseline is the median of 1, 1 and 4, so 1; pain 1 the next morning: no response.
		// And 30 + 60 = 90 > 80 min in the week, crossed that day: 3 breaches beside their text
		// (the weekly one is dated on the week's last day in the period, the 5th, on the Flags sheet).
		{D("2026-03-04"), 3, 1, Some(false), Some(1.0)},
		{D("2026-03-05"), 0, 0, Opt[bool]{}, Opt[float64]{}},
	}
	var got []day
	for _, d := range r.Days {
		got = append(got, day{d.Day, d.Breaches, d.Spikes, d.Response, d.Baseline})
		if n := countKinds(d.Flags, FlagBreach); n != d.Breaches {
			t.Errorf("%s: %d breaches, %d breach flags", d.Day, d.Breaches, n)
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("days (-want +got):\n%s", d)
	}
}

func TestBreachResponse(t *testing.T) {
	// 50 and 40 min on Mon 2 and Tue 3 March against 80 min a week: the week went over on the
	// Tuesday (90 > 80) and the breach is dated Sunday 8 March, a rest day with no morning after
	// it logged. Pain 1 on the 2nd and 3rd, 4 on the 4th, then 1 to the 8th.
	sessions := []Session{run("2026-03-02", 50, 8), run("2026-03-03", 40, 6)}
	r := Analyze(sessions, painDays("2026-03-02", 1, 1, 4, 1, 1, 1, 1), plan(rule("2026-03-01", MaxWeeklyMinutes, Running, 80)), Config{})
	if len(r.Breaches) != 1 {
		t.Fatalf("%d breaches, want 1: %+v", len(r.Breaches), r.Breaches)
	}
	b := r.Breaches[0]
	type resp struct {
		Day, Crossed             Day
		Baseline, Next, Worst48h Opt[float64]
		Response, Response48h    Opt[bool]
		Confounded               bool
	}
	// The response after the Tuesday it was crossed: baseline 1 that day, 4 the next morning
	// (≥ 1 + 2), the worse of 4 and 1 within 48 h; no session on the Wednesday.
	want := resp{D("2026-03-08"), D("2026-03-03"), Some(1.0), Some(4.0), Some(4.0), Some(true), Some(true), false}
	got := resp{b.Day, b.Crossed, b.Baseline, b.PainNextDay, b.Pain48h, b.PainResponse, b.Response48h, b.Confounded48h}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("breach response (-want +got):\n%s", d)
	}
}

func TestWeekFacts(t *testing.T) {
	// 150 min a week of every sport from 1 March; for running, 120 min a week and 20 km from
	// Mon 9 March, cut to 60 min from Wed 11 March.
	p := plan(rule("2026-03-01", MaxWeeklyMinutes, Any, 150), rule("2026-03-09", MaxWeeklyMinutes, Running, 120),
		rule("2026-03-11", MaxWeeklyMinutes, Running, 60), rule("2026-03-09", MaxWeeklyKm, Running, 20))
	sessions := []Session{
		run("2026-03-02", 60, 10), run("2026-03-04", 60, 10), run("2026-03-06", 40, 6),
		run("2026-03-09", 50, 8), run("2026-03-10", 50, 8), run("2026-03-12", 70, 10),
	}
	log := painDays("2026-03-02", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
	r := Analyze(sessions, log, p, Config{})
	type week struct {
		Week              string
		Breaches          int
		LimitMin, LimitKm Opt[float64]
	}
	want := []week{
		// 60 + 60 + 40 = 160 > 150 min of every sport; only that rule in force.
		{"2026-W10", 1, Some(150.0), Opt[float64]{}},
		// 50 + 50 + 70 = 170 > 150 of every sport; 8 + 8 + 10 = 26 > 20 km; Wed–Sun 70 > 60 min
		// (Mon–Tue 100 is within 120). At the week's end the running 60 is in force, not the 150.
		{"2026-W11", 3, Some(60.0), Some(20.0)},
	}
	var got []week
	for _, w := range r.Weeks {
		got = append(got, week{w.Week, w.Breaches, w.LimitMin, w.LimitKm})
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("weeks (-want +got):\n%s", d)
	}
}

func TestPartWeeks(t *testing.T) {
	// TestWeekFacts' Plan and runs, with 3 rehab days a week from Wed 4 March (none logged).
	p := plan(rule("2026-03-01", MaxWeeklyMinutes, Any, 150), rule("2026-03-09", MaxWeeklyMinutes, Running, 120),
		rule("2026-03-11", MaxWeeklyMinutes, Running, 60), rule("2026-03-09", MaxWeeklyKm, Running, 20),
		rule("2026-03-04", MinRehabDaysPerWeek, Any, 3))
	sessions := []Session{
		run("2026-03-02", 60, 10), run("2026-03-04", 60, 10), run("2026-03-06", 40, 6),
		run("2026-03-09", 50, 8), run("2026-03-10", 50, 8), run("2026-03-12", 70, 10),
	}
	log := painDays("2026-03-02", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
	type part struct {
		Rule        RuleID
		Sport       Sport
		First, Last Day
		PartWeek    bool
	}
	parts := func(r Result) map[string][]part {
		out := map[string][]part{}
		for _, w := range r.Weeks {
			out[w.Week+" "+w.First.String()+".."+w.Last.String()] = nil
			for _, c := range w.Checks {
				out[w.Week] = append(out[w.Week], part{c.Rule, c.Sport, c.First, c.Last, c.PartWeek})
			}
		}
		for _, b := range r.Breaches {
			out["breaches"] = append(out["breaches"], part{b.Rule, b.Sport, b.First, b.Day, b.PartWeek})
		}
		for _, m := range r.Minimums {
			out["minimums"] = append(out["minimums"], part{m.Rule, m.Sport, m.First, m.Last, m.PartWeek})
		}
		return out
	}
	want := map[string][]part{
		"2026-W10 2026-03-02..2026-03-08": nil,
		"2026-W11 2026-03-09..2026-03-15": nil,
		"2026-W10": {
			{MaxWeeklyMinutes, Any, D("2026-03-02"), D("2026-03-08"), false},
			// Agreed on the Wednesday: the days before it are in no part.
			{MinRehabDaysPerWeek, Any, D("2026-03-04"), D("2026-03-08"), true},
		},
		"2026-W11": {
			{MaxWeeklyMinutes, Any, D("2026-03-09"), D("2026-03-15"), false},
			{MaxWeeklyMinutes, Running, D("2026-03-09"), D("2026-03-10"), true}, // 120, cut to 60 on the Wednesday
			{MaxWeeklyMinutes, Running, D("2026-03-11"), D("2026-03-15"), true},
			{MaxWeeklyKm, Running, D("2026-03-09"), D("2026-03-15"), false},
			{MinRehabDaysPerWeek, Any, D("2026-03-09"), D("2026-03-15"), false},
		},
		// 160 > 150 in W10; in W11 170 > 150, 26 > 20 km and Wed–Sun 70 > 60 (zero First: not weekly).
		"breaches": {
			{MaxWeeklyMinutes, Any, D("2026-03-02"), D("2026-03-08"), false},
			{MaxWeeklyKm, Running, D("2026-03-09"), D("2026-03-15"), false},
			{MaxWeeklyMinutes, Any, D("2026-03-09"), D("2026-03-15"), false},
			{MaxWeeklyMinutes, Running, D("2026-03-11"), D("2026-03-15"), true},
		},
		"minimums": {
			{MinRehabDaysPerWeek, Any, D("2026-03-04"), D("2026-03-08"), true},
			{MinRehabDaysPerWeek, Any, D("2026-03-09"), D("2026-03-15"), false},
		},
	}
	if d := cmp.Diff(want, parts(Analyze(sessions, log, p, Config{}))); d != "" {
		t.Errorf("parts (-want +got):\n%s", d)
	}

	// From Wednesday 4 March: the week's days in the period are Wed–Sun, and a rule in force
	// over all of them is a whole part, though it was agreed on that Wednesday.
	r := Analyze(sessions, log, p, Config{From: Some(D("2026-03-04"))})
	w := r.Weeks[0]
	if w.First != D("2026-03-04") || w.Last != D("2026-03-08") {
		t.Errorf("first week's days in the period: %s..%s, want 2026-03-04..2026-03-08", w.First, w.Last)
	}
	for _, c := range w.Checks {
		if c.PartWeek {
			t.Errorf("%s over %s..%s, the week's days in the period: marked part of the week", c.Rule, c.First, c.Last)
		}
	}
}

func TestImportLogCount(t *testing.T) {
	log := ImportLog{Inputs: []Input{{Path: "a.fit", Status: StatusOK}, {Path: "b.fit", Status: StatusDuplicate},
		{Path: "c.fit", Status: StatusOK}, {Path: "notes.txt", Status: StatusSkipped}},
		Rejected: []Rejected{{File: "symptoms.xlsx", Cell: "Symptoms!B3"}}}
	got := map[InputStatus]int{}
	for _, st := range []InputStatus{StatusOK, StatusPartial, StatusDuplicate, StatusSkipped, StatusError} {
		got[st] = log.Count(st)
	}
	// Rejected rows are not inputs: they count nowhere here.
	want := map[InputStatus]int{StatusOK: 2, StatusPartial: 0, StatusDuplicate: 1, StatusSkipped: 1, StatusError: 0}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("counts (-want +got):\n%s", d)
	}
}

// countKinds counts the flags of kind k.
func countKinds(fs []Flag, k FlagKind) int {
	n := 0
	for _, f := range fs {
		if f.Kind == k {
			n++
		}
	}
	return n
}

func TestDayFlagsKeepAlikeBreaches(t *testing.T) {
	// Two runs of 40 min on Mon 2 March against 30 min a run: two breaches, each 40 > 30,
	// both counted and both in the day's flags; a session carries its own once.
	sessions := []Session{run("2026-03-02", 40, 5), run("2026-03-02", 40, 5)}
	sessions[1].Start = sessions[1].Start.Add(6 * time.Hour)
	r := Analyze(sessions, painDays("2026-03-02", 1, 1), plan(rule("2026-03-01", MaxSessionMinutes, Running, 30)), Config{})
	d := r.Days[0]
	if d.Breaches != 2 || countKinds(d.Flags, FlagBreach) != 2 {
		t.Errorf("%d breaches, %d breach flags; want 2 and 2", d.Breaches, countKinds(d.Flags, FlagBreach))
	}
	for _, s := range r.Sessions {
		if n := countKinds(s.Flags, FlagBreach); n != 1 {
			t.Errorf("session at %s: %d breach flags, want 1", s.Start, n)
		}
	}
}
