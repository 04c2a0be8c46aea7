package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The roster's windows (SPEC "Clinic"), counted back from the caseload's as-of day, which
// they include.
const (
	RosterFlagDays     = 7  // breaches and spikes: the as-of day and the 6 days before it
	RosterResponseDays = 14 // pain responses: the as-of day and the 13 days before it
)

// LevelNoData is the roster status of a runner whose folder gave nothing usable. A Result
// never has it.
const LevelNoData StatusLevel = "no_data"

// RunnerFacts is what a caseload's roster keeps of one runner's analysis: the facts that do
// not depend on the caseload's as-of day, and the period's last RosterResponseDays days and
// their weeks, which are all the roster's windows can reach. The as-of day is the latest day
// with data across the caseload, so it is never before this runner's To, and no window looks
// back more than 13 days from it. Made by Facts, a few hundred bytes, so that a caseload can
// be analysed one runner at a time and its rows made once the as-of day is known.
type RunnerFacts struct {
	Runner        string
	Status        Status   // the runner's own, as of Status.AsOf: the last day of its period with data
	To            Day      // the period's last day
	LastLogged    Opt[Day] // the last morning with a symptom logged (DayResult.Logged)
	LatestPain    Opt[float64]
	LatestPainDay Opt[Day]
	LastSession   Opt[Day]
	Inputs        RosterInputs

	days  []rosterDay  // the period's days from To−13 to To
	weeks []rosterWeek // the weeks of those days, from the Monday of To−13
}

// RosterInputs counts a runner's inputs for the roster.
type RosterInputs struct {
	Files    int // every file found: the closing line's count
	Errors   int // files partial or unreadable (status partial or error)
	Rejected int // symptom and plan rows rejected
}

// rosterDay is one day of a runner's period as the roster's windows count it.
type rosterDay struct {
	Day      Day
	Breaches int  // DayResult.Breaches
	Spikes   int  // DayResult.Spikes
	Response bool // a training day followed by a pain response the next morning
}

// rosterWeek is one week of a runner's period as the roster shows it.
type rosterWeek struct {
	Start       Day
	RunningMin  float64
	LimitMin    Opt[float64] // WeekResult.LimitMin
	Over        bool         // a running or every-sport max_weekly_minutes part of the week went over
	RehabDays   int
	RehabLogged bool         // a day of the week in the period has a Rehab value
	RehabMin    Opt[float64] // min_rehab_days_per_week in force at the week's end
	RehabMet    Opt[bool]    // the minimum's check: absent when the week was not judged
}

// Facts keeps what the roster needs of runner's Result and import log.
func Facts(runner string, r Result, log ImportLog) RunnerFacts {
	f := RunnerFacts{Runner: runner, Status: r.Status, To: r.To, Inputs: rosterInputs(log)}
	f.Status.Reasons = slices.Clone(r.Status.Reasons)
	for _, d := range r.Days {
		if d.Logged {
			f.LastLogged = Some(d.Day)
		}
		if d.Symptoms.Pain.OK {
			f.LatestPain, f.LatestPainDay = d.Symptoms.Pain, Some(d.Day)
		}
	}
	if n := len(r.Sessions); n > 0 {
		f.LastSession = Some(r.Sessions[n-1].Day)
	}
	if r.To.IsZero() {
		return f // no period
	}
	first := r.To.AddDays(-(RosterResponseDays - 1))
	monday := first.Monday()
	rehab := map[Day]bool{} // weeks with a Rehab value logged
	for _, d := range r.Days {
		if d.Day.Before(monday) {
			continue
		}
		if d.Symptoms.Rehab.OK {
			rehab[d.Day.Monday()] = true
		}
		if d.Day.Before(first) {
			continue
		}
		f.days = append(f.days, rosterDay{Day: d.Day, Breaches: d.Breaches, Spikes: d.Spikes,
			Response: d.Response.OK && d.Response.V})
	}
	for _, w := range r.Weeks {
		if w.Start.Before(monday) {
			continue
		}
		rw := rosterWeek{Start: w.Start, RunningMin: w.RunningMin, LimitMin: w.LimitMin,
			RehabDays: w.RehabDays, RehabLogged: rehab[w.Start]}
		for _, c := range w.Checks {
			if c.Rule == MaxWeeklyMinutes && (c.Sport == Running || c.Sport == Any) && c.Over {
				rw.Over = true
			}
		}
		for _, ru := range w.Limits { // in force during the week, by day: the last is in force at its end
			if ru.ID == MinRehabDaysPerWeek {
				rw.RehabMin = Some(ru.Value)
			}
		}
		for _, m := range r.Minimums {
			if m.Start == w.Start && m.Rule == MinRehabDaysPerWeek {
				rw.RehabMet = Some(m.Met && (!rw.RehabMet.OK || rw.RehabMet.V)) // every part met
			}
		}
		f.weeks = append(f.weeks, rw)
	}
	return f
}

func rosterInputs(log ImportLog) RosterInputs {
	return RosterInputs{Files: len(log.Inputs), Errors: log.Count(StatusPartial) + log.Count(StatusError),
		Rejected: len(log.Rejected)}
}

// RosterRow is one runner's line of the roster, as of the caseload's as-of day.
type RosterRow struct {
	Runner  string
	Level   StatusLevel // red, amber, green, or LevelNoData
	Reasons []string    // the status's reasons; for LevelNoData, why there is nothing usable
	// The runner's own status day (Status.AsOf); zero for LevelNoData. When it is before the
	// caseload's as-of day, the roster's status adds that nothing was logged since (Row).
	StatusAsOf    Day
	LastLogged    Opt[Day]
	LatestPain    Opt[float64]
	LatestPainDay Opt[Day]
	LastSession   Opt[Day]
	// ThisWeek is the week holding the as-of day, so far; absent when the as-of day is a
	// Sunday, whose week is then LastWeek: the last complete week (as the Summary's).
	ThisWeek Opt[RosterWeek]
	LastWeek RosterWeek
	// Breaches and spikes dated in the last RosterFlagDays days (as DayResult dates them: a
	// weekly breach on its week's last day), and training days in the last RosterResponseDays
	// days followed by a pain response the next morning.
	Breaches7d, Spikes7d, Responses14d int
	// RehabDaysLastWeek is LastWeek's days with rehab done; absent when no Rehab value was
	// logged that week. RehabMinLastWeek is min_rehab_days_per_week in force at its end, and
	// RehabMet the minimum's check (absent when the week was not judged: not complete in the
	// runner's period, or no rule).
	RehabDaysLastWeek Opt[int]
	RehabMinLastWeek  Opt[float64]
	RehabMet          Opt[bool]
	Inputs            RosterInputs
}

// RosterWeek is one week's running minutes against the weekly limit.
type RosterWeek struct {
	Week  string // "2026-W46"
	Start Day    // its Monday
	Days  int    // its days up to the as-of day: 7, or fewer for this week so far
	// RunningMin is absent when no day of the week is in the runner's period (a runner whose
	// data ends earlier): nothing is known of it, which is not 0.
	RunningMin Opt[float64]
	LimitMin   Opt[float64] // the running max_weekly_minutes in force at the week's end (WeekResult.LimitMin)
	Over       bool         // the week went over it (a breach of max_weekly_minutes)
}

// Row is the runner's roster row as of asOf, the caseload's as-of day (never before f.To).
//
// The status is the runner's own, with one check moved to asOf: the checklist's "symptoms
// logged on each of the last 2 days" is asked of the caseload's last 2 days. A runner whose
// data ends before them has logged nothing on them: green becomes amber, and the reason,
// first, says since when nothing came. The runner's workbook keeps its own status, as of its
// own last day.
func (f RunnerFacts) Row(asOf Day) RosterRow {
	row := RosterRow{Runner: f.Runner, Level: f.Status.Level, Reasons: slices.Clone(f.Status.Reasons),
		StatusAsOf: f.Status.AsOf, LastLogged: f.LastLogged, LatestPain: f.LatestPain,
		LatestPainDay: f.LatestPainDay, LastSession: f.LastSession, Inputs: f.Inputs}
	if !f.Status.AsOf.IsZero() && asOf.After(f.Status.AsOf) {
		var missed []string
		for _, d := range []Day{asOf.AddDays(-1), asOf} {
			if d.After(f.Status.AsOf) {
				missed = append(missed, d.String())
			}
		}
		why := fmt.Sprintf("no symptoms logged on %s: nothing after %s", strings.Join(missed, " or "), f.Status.AsOf)
		if row.Level == LevelGreen {
			row.Level, row.Reasons = LevelAmber, nil
		}
		row.Reasons = append([]string{why}, row.Reasons...)
	}

	this, last := RosterWeeks(asOf)
	if this.OK {
		row.ThisWeek = Some(f.week(this.V))
	}
	row.LastWeek = f.week(last)
	for _, d := range f.days {
		if d.Day.After(asOf) {
			continue
		}
		if asOf.Sub(d.Day) < RosterFlagDays {
			row.Breaches7d += d.Breaches
			row.Spikes7d += d.Spikes
		}
		if asOf.Sub(d.Day) < RosterResponseDays && d.Response {
			row.Responses14d++
		}
	}
	for _, w := range f.weeks {
		if w.Start == row.LastWeek.Start {
			if w.RehabLogged {
				row.RehabDaysLastWeek = Some(w.RehabDays)
			}
			row.RehabMinLastWeek, row.RehabMet = w.RehabMin, w.RehabMet
		}
	}
	return row
}

// RosterWeeks returns the roster's two weeks as of asOf, without figures: this week so far,
// Monday to asOf (absent when asOf is a Sunday: its week is complete), and the last complete
// week, as the Summary's ThisWeek and LastWeek are chosen.
func RosterWeeks(asOf Day) (this Opt[RosterWeek], last RosterWeek) {
	monday := asOf.Monday()
	if asOf.Weekday() == time.Sunday {
		return this, RosterWeek{Week: monday.ISOWeek(), Start: monday, Days: 7}
	}
	prev := monday.AddDays(-7)
	return Some(RosterWeek{Week: monday.ISOWeek(), Start: monday, Days: asOf.Sub(monday) + 1}),
		RosterWeek{Week: prev.ISOWeek(), Start: prev, Days: 7}
}

// week fills rw, one of RosterWeeks, with the runner's figures for it.
func (f RunnerFacts) week(rw RosterWeek) RosterWeek {
	for _, w := range f.weeks {
		if w.Start == rw.Start {
			rw.RunningMin, rw.LimitMin, rw.Over = Some(w.RunningMin), w.LimitMin, w.Over
		}
	}
	return rw
}

// NoDataRow is the roster row of a runner whose folder gave nothing usable, with why.
func NoDataRow(runner, why string, log ImportLog) RosterRow {
	return RosterRow{Runner: runner, Level: LevelNoData, Reasons: []string{why}, Inputs: rosterInputs(log)}
}

// CaseloadAsOf is the roster's as-of day (SPEC "Clinic"): to when given (-to), else the
// latest day with data across the runners (their Status.AsOf). ok is false when no runner
// has any.
func CaseloadAsOf(runners []RunnerFacts, to Opt[Day]) (asOf Day, ok bool) {
	if to.OK {
		return to.V, true
	}
	for _, f := range runners {
		if f.Status.AsOf.After(asOf) {
			asOf = f.Status.AsOf
		}
	}
	return asOf, !asOf.IsZero()
}

// SortRoster puts rows in the roster's order: red, amber, green, then no data; within each,
// the highest latest pain first (none last); then by runner name, case-insensitively, then
// byte for byte, so that the order never depends on the order the runners were read in.
func SortRoster(rows []RosterRow) {
	rank := func(l StatusLevel) int {
		switch l {
		case LevelRed:
			return 0
		case LevelAmber:
			return 1
		case LevelGreen:
			return 2
		}
		return 3
	}
	slices.SortFunc(rows, func(a, b RosterRow) int {
		if c := cmp.Compare(rank(a.Level), rank(b.Level)); c != 0 {
			return c
		}
		if a.LatestPain.OK != b.LatestPain.OK {
			if a.LatestPain.OK {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.LatestPain.V, a.LatestPain.V); c != 0 {
			return c
		}
		if c := strings.Compare(strings.ToLower(a.Runner), strings.ToLower(b.Runner)); c != 0 {
			return c
		}
		return strings.Compare(a.Runner, b.Runner)
	})
}
