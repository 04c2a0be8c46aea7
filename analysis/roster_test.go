package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// rosterRunner is a runner whose numbers are worked out by hand below. Runs of 5 km in 30 min
// every Monday, Wednesday and Friday from 2026-02-02 (look-back only: the period is the log's,
// 2026-03-02 to 2026-03-18), except:
//   - 03-09 (Mon) 35 min and 03-13 (Fri) 45 min: over max_session_minutes 30 (breaches dated
//     03-09 and 03-13); W11 runs 35 + 30 + 45 = 110 min, over max_weekly_minutes 100 (a breach
//     dated Sunday 03-15);
//   - 03-16 (Mon) 35 min: a breach dated 03-16;
//   - 03-18 (Wed) 6 km: 6 / 5 = 1.2 × the longest run of the previous 30 days, a small spike.
//
// No other spike: every 7 days hold 3 runs of 5 km, as the 7 days before (03-18: 16 km vs 15,
// +6.7 %, under 30 %). Pain 1 every morning, 3 on 03-05, 03-07 and 03-17: pain responses after
// the runs of 03-04, 03-06 and 03-16 (1 → 3, up 2 and over the threshold 2). Rehab logged every
// day, done on 03-09, 03-11 and 03-13 (W11: 3 of the minimum 4) and on 03-16 and 03-18.
func rosterRunner(t *testing.T) (Result, ImportLog) {
	t.Helper()
	long := map[string]float64{"2026-03-09": 35, "2026-03-13": 45, "2026-03-16": 35}
	var sess []Session
	for d := D("2026-02-02"); !d.After(D("2026-03-18")); d = d.AddDays(1) {
		if wd := d.Weekday(); wd != 1 && wd != 3 && wd != 5 {
			continue
		}
		min, km := 30.0, 5.0
		if m, ok := long[d.String()]; ok {
			min = m
		}
		if d == D("2026-03-18") {
			km = 6
		}
		sess = append(sess, run(d.String(), min, km))
	}
	pains := map[string]float64{"2026-03-05": 3, "2026-03-07": 3, "2026-03-17": 3}
	rehab := map[string]bool{"2026-03-09": true, "2026-03-11": true, "2026-03-13": true, "2026-03-16": true, "2026-03-18": true}
	var log []SymptomEntry
	for d := D("2026-03-02"); !d.After(D("2026-03-18")); d = d.AddDays(1) {
		p := 1.0
		if v, ok := pains[d.String()]; ok {
			p = v
		}
		log = append(log, SymptomEntry{Day: d, Pain: Some(p), Rehab: Some(rehab[d.String()])})
	}
	p := plan(rule("2026-02-01", MaxSessionMinutes, Running, 30), rule("2026-02-01", MaxWeeklyMinutes, Running, 100),
		rule("2026-02-01", MinRehabDaysPerWeek, Running, 4))
	r := Analyze(sess, log, p, Config{From: Some(D("2026-03-02"))}) // the period ChoosePeriod gives: the log's days
	if r.From != D("2026-03-02") || r.To != D("2026-03-18") {
		t.Fatalf("period %s to %s, want 2026-03-02 to 2026-03-18", r.From, r.To)
	}
	il := ImportLog{
		Inputs: []Input{{Path: "a.fit", Status: StatusOK}, {Path: "b.fit", Status: StatusPartial},
			{Path: "c.fit", Status: StatusError}, {Path: "d.txt", Status: StatusSkipped}, {Path: "e.fit", Status: StatusDuplicate}},
		Rejected: []Rejected{{File: "symptoms.csv", Cell: "line 3, Pain", Reason: "bad"}},
	}
	return r, il
}

func TestRosterRow(t *testing.T) {
	r, il := rosterRunner(t)
	f := Facts("Ann", r, il)
	inputs := RosterInputs{Files: 5, Errors: 2, Rejected: 1} // partial and error are errors; skipped and duplicate are not
	green := []string{"symptoms logged on each of the last 2 days", "latest pain 1 (2026-03-18) is within the threshold 2",
		"rehab done in the last 2 days"}
	base := RosterRow{Runner: "Ann", StatusAsOf: D("2026-03-18"), LastLogged: Some(D("2026-03-18")), LatestPain: Some(1.0),
		LatestPainDay: Some(D("2026-03-18")), LastSession: Some(D("2026-03-18")), Inputs: inputs}
	for _, tc := range []struct {
		name string
		asOf Day
		want func(RosterRow) RosterRow
	}{
		{"as of the runner's own last day, a Wednesday", D("2026-03-18"), func(w RosterRow) RosterRow {
			w.Level, w.Reasons = LevelGreen, green
			// W12 so far: 35 + 30; W11: 35 + 30 + 45 = 110 over 100.
			w.ThisWeek = Some(RosterWeek{Week: "2026-W12", Start: D("2026-03-16"), Days: 3, RunningMin: Some(65.0), LimitMin: Some(100.0)})
			w.LastWeek = RosterWeek{Week: "2026-W11", Start: D("2026-03-09"), Days: 7, RunningMin: Some(110.0), LimitMin: Some(100.0), Over: true}
			// 03-12..03-18: the breaches of 03-13, 03-15 (weekly) and 03-16; 03-09's is 9 days back.
			w.Breaches7d, w.Spikes7d = 3, 1
			// 03-05..03-18: the responses after 03-06 and 03-16; 03-04's is 14 days back.
			w.Responses14d = 2
			w.RehabDaysLastWeek, w.RehabMinLastWeek, w.RehabMet = Some(3), Some(4.0), Some(false)
			return w
		}},
		{"as of a later Sunday: amber, the last complete week is the runner's last", D("2026-03-22"), func(w RosterRow) RosterRow {
			w.Level = LevelAmber
			w.Reasons = []string{"no symptoms logged on 2026-03-21 or 2026-03-22: nothing after 2026-03-18"}
			// Sunday: no "this week"; W12 is complete, with the runner's 3 days of it.
			w.LastWeek = RosterWeek{Week: "2026-W12", Start: D("2026-03-16"), Days: 7, RunningMin: Some(65.0), LimitMin: Some(100.0)}
			// 03-16..03-22: 03-16's breach and 03-18's spike; 03-09..03-22: 03-16's response.
			w.Breaches7d, w.Spikes7d, w.Responses14d = 1, 1, 1
			// W12 cut by the period's end: its minimum is not judged.
			w.RehabDaysLastWeek, w.RehabMinLastWeek = Some(2), Some(4.0)
			return w
		}},
		{"as of the next day: one day missed", D("2026-03-19"), func(w RosterRow) RosterRow {
			w.Level = LevelAmber
			w.Reasons = []string{"no symptoms logged on 2026-03-19: nothing after 2026-03-18"}
			w.ThisWeek = Some(RosterWeek{Week: "2026-W12", Start: D("2026-03-16"), Days: 4, RunningMin: Some(65.0), LimitMin: Some(100.0)})
			w.LastWeek = RosterWeek{Week: "2026-W11", Start: D("2026-03-09"), Days: 7, RunningMin: Some(110.0), LimitMin: Some(100.0), Over: true}
			w.Breaches7d, w.Spikes7d, w.Responses14d = 3, 1, 2 // 03-13..03-19; 03-06..03-19
			w.RehabDaysLastWeek, w.RehabMinLastWeek, w.RehabMet = Some(3), Some(4.0), Some(false)
			return w
		}},
		{"weeks later: nothing known of this week or the last", D("2026-04-07"), func(w RosterRow) RosterRow {
			w.Level = LevelAmber
			w.Reasons = []string{"no symptoms logged on 2026-04-06 or 2026-04-07: nothing after 2026-03-18"}
			w.ThisWeek = Some(RosterWeek{Week: "2026-W15", Start: D("2026-04-06"), Days: 2})
			w.LastWeek = RosterWeek{Week: "2026-W14", Start: D("2026-03-30"), Days: 7}
			return w
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := f.Row(tc.asOf)
			if d := cmp.Diff(tc.want(base), got); d != "" {
				t.Errorf("row as of %s (-want +got):\n%s", tc.asOf, d)
			}
		})
	}
}

func TestRosterRowRedStaysRed(t *testing.T) {
	f := RunnerFacts{Runner: "Bo", Status: Status{Level: LevelRed, AsOf: D("2026-03-10"),
		Reasons: []string{"latest pain 5 (2026-03-10) is above the threshold 2"}}, To: D("2026-03-10")}
	got := f.Row(D("2026-03-12"))
	want := []string{"no symptoms logged on 2026-03-11 or 2026-03-12: nothing after 2026-03-10",
		"latest pain 5 (2026-03-10) is above the threshold 2"}
	if got.Level != LevelRed || !cmp.Equal(got.Reasons, want) {
		t.Errorf("got %s %q, want red %q", got.Level, got.Reasons, want)
	}
	if len(f.Status.Reasons) != 1 {
		t.Errorf("Row changed the facts' reasons: %q", f.Status.Reasons)
	}
}

func TestFactsKeepOnlyTheLastDays(t *testing.T) {
	r, il := rosterRunner(t)
	f := Facts("Ann", r, il)
	// To 03-18: the days 03-05..03-18, and the weeks from the Monday of 03-05 (W10).
	if len(f.days) != RosterResponseDays || f.days[0].Day != D("2026-03-05") {
		t.Errorf("kept %d days from %s, want 14 from 2026-03-05", len(f.days), f.days[0].Day)
	}
	var weeks []Day
	for _, w := range f.weeks {
		weeks = append(weeks, w.Start)
	}
	if want := []Day{D("2026-03-02"), D("2026-03-09"), D("2026-03-16")}; !cmp.Equal(weeks, want) {
		t.Errorf("kept weeks %v, want %v", weeks, want)
	}
}

func TestNoDataRow(t *testing.T) {
	il := ImportLog{Inputs: []Input{{Path: "notes.txt", Status: StatusSkipped}}}
	got := NoDataRow("Cy", "no sessions and no symptom entries were read from Cy", il)
	want := RosterRow{Runner: "Cy", Level: LevelNoData, Reasons: []string{"no sessions and no symptom entries were read from Cy"},
		Inputs: RosterInputs{Files: 1}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestCaseloadAsOf(t *testing.T) {
	fs := []RunnerFacts{{Status: Status{AsOf: D("2026-03-10")}}, {}, {Status: Status{AsOf: D("2026-03-12")}}}
	if got, ok := CaseloadAsOf(fs, Opt[Day]{}); !ok || got != D("2026-03-12") {
		t.Errorf("as of %s %v, want the latest day with data, 2026-03-12", got, ok)
	}
	if got, _ := CaseloadAsOf(fs, Some(D("2026-03-11"))); got != D("2026-03-11") {
		t.Errorf("as of %s, want -to 2026-03-11", got)
	}
	if _, ok := CaseloadAsOf([]RunnerFacts{{}}, Opt[Day]{}); ok {
		t.Error("a caseload with no data has an as-of day")
	}
}

func TestSortRoster(t *testing.T) {
	row := func(name string, l StatusLevel, pain ...float64) RosterRow {
		r := RosterRow{Runner: name, Level: l}
		if len(pain) > 0 {
			r.LatestPain = Some(pain[0])
		}
		return r
	}
	rows := []RosterRow{
		row("zed", LevelNoData), row("Amy", LevelGreen, 1), row("bea", LevelAmber), row("Cal", LevelRed, 3),
		row("abe", LevelAmber, 2), row("Dee", LevelRed, 6), row("Ben", LevelAmber, 2), row("ann", LevelNoData),
		row("Eve", LevelGreen, 0), row("Zoë Ångström", LevelAmber, 2),
	}
	SortRoster(rows)
	var got []string
	for _, r := range rows {
		got = append(got, r.Runner)
	}
	// Red, amber, green, no data; the highest pain first, none last; then by name, case aside.
	want := []string{"Dee", "Cal", "abe", "Ben", "Zoë Ångström", "bea", "Amy", "Eve", "ann", "zed"}
	if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
		t.Errorf("order (-want +got):\n%s", d)
	}
}

func TestRosterWeeks(t *testing.T) {
	// Wednesday: Monday to Wednesday so far, and the week before.
	this, last := RosterWeeks(D("2026-03-18"))
	if want := (RosterWeek{Week: "2026-W12", Start: D("2026-03-16"), Days: 3}); !this.OK || this.V != want {
		t.Errorf("this week %+v, want %+v", this, want)
	}
	if want := (RosterWeek{Week: "2026-W11", Start: D("2026-03-09"), Days: 7}); last != want {
		t.Errorf("last week %+v, want %+v", last, want)
	}
	// Monday: one day so far. Sunday: the week is complete, and is the last week.
	if this, _ := RosterWeeks(D("2026-03-16")); !this.OK || this.V.Days != 1 {
		t.Errorf("as of a Monday, this week %+v, want 1 day", this)
	}
	this, last = RosterWeeks(D("2026-03-22"))
	if want := (RosterWeek{Week: "2026-W12", Start: D("2026-03-16"), Days: 7}); this.OK || last != want {
		t.Errorf("as of a Sunday: this week %+v, last %+v; want none and %+v", this, last, want)
	}
}
