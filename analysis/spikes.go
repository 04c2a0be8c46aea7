package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// SessionSpike compares run s with the longest run among runs (any order, any sports: only
// running counts) that started in the 30 local calendar days before s's day, or earlier on
// s's day (DOMAIN §3): calendar days, not 720 hours, so a clock change cannot move a run out
// of the window. thr is the ratio threshold (1.10 by default).
// A run with no run before it in the window is "first run back", without a ratio. A run without
// distance, or with no earlier run with distance, is compared by duration (labelled "duration
// proxy"). The bool is false when s is not a running session or its ratio is within thr.
func SessionSpike(runs []Session, s Session, thr float64) (Spike, bool) {
	if s.Sport != Running {
		return Spike{}, false
	}
	first := s.Day().AddDays(-SpikeLookbackDays) // the window's first day
	var longestKm, longestMin float64
	prev := 0
	for _, p := range runs {
		if p.Sport != Running || p.Day().Before(first) || !p.Start.Before(s.Start) {
			continue
		}
		prev++
		if p.DistanceM.OK {
			longestKm = max(longestKm, p.DistanceM.V/1000)
		}
		longestMin = max(longestMin, p.Duration.Minutes())
	}
	sp := Spike{Day: s.Day(), Kind: SpikeSession, Threshold: thr, SessionStart: Some(s.Start)}
	if prev == 0 {
		sp.Band = BandFirstRun
		sp.Detail = "first run back: no run in the previous 30 days"
		return sp, true
	}
	var ratio float64
	switch {
	case s.DistanceM.OK && s.DistanceM.V > 0 && longestKm > 0:
		km := s.DistanceM.V / 1000
		ratio = km / longestKm
		sp.Detail = fmt.Sprintf("%.2f km vs longest %.2f km in the previous 30 days", km, longestKm)
	case longestMin > 0:
		m := s.Duration.Minutes()
		ratio = m / longestMin
		why := "no distance"
		if s.DistanceM.OK && s.DistanceM.V > 0 {
			why = "no earlier run with distance"
		}
		sp.Detail = fmt.Sprintf("%.0f min vs longest %.0f min in the previous 30 days (duration proxy: %s)", m, longestMin, why)
	default:
		return Spike{}, false
	}
	if !over(ratio, thr) {
		return Spike{}, false
	}
	sp.Value = Some(ratio)
	switch {
	case over(ratio, 2.0):
		sp.Band = BandLarge
	case over(ratio, 1.3):
		sp.Band = BandModerate
	default:
		sp.Band = BandSmall
	}
	return sp, true
}

func startCmp(s Session, t time.Time) int { return s.Start.Compare(t) }

// runTotals is the running volume of one day over every session given.
type runTotals struct {
	km, min float64
	noDist  bool // a run without distance
}

// weekWatch is a day whose running over 7 days rose past the 20 % "watch" line, but not past
// the week_increase threshold (DOMAIN §3).
type weekWatch struct {
	day Day
	pct float64
}

// spikes finds SPEC 3's spikes in the period, sorted by day, kind and session start, and the
// days with a week increase to watch. sess are the period's sessions and days its series.
func (in *inputs) spikes(sess []SessionResult, days []DayResult) ([]Spike, []weekWatch) {
	// Only the runs the look-backs can see: SessionSpike's window starts 30 days before a
	// session's day, weekIncrease's 13 days before its day, and every day asked about is in
	// the period. Years of earlier runs are not copied.
	var runs []Session
	totals := map[Day]runTotals{}
	for _, s := range in.all {
		d := s.Day()
		if s.Sport != Running || d.Before(in.from.AddDays(-SpikeLookbackDays)) {
			continue
		}
		runs = append(runs, *s)
		if d.Before(in.from.AddDays(-(weekDays - 1))) {
			continue
		}
		t := totals[d]
		t.min += minutes(*s)
		if s.DistanceM.OK {
			t.km += s.DistanceM.V / 1000
		} else {
			t.noDist = true
		}
		totals[d] = t
	}
	var list []Spike
	var watches []weekWatch
	for _, s := range sess {
		thr := 1 + in.plan.value(SessionIncreaseMaxPct, s.Day, DefaultSessionIncreasePct)/100
		// runs is sorted by start: hand SessionSpike only the previous 30 days, so the whole
		// pass stays linear in sessions. The window starts at local midnight 30 calendar days
		// back: up to a day and a clock change more than 30 × 24 h, and more again when the
		// sessions carry different offsets (±14 h). Three days' margin holds all of that;
		// SessionSpike picks the window's days exactly.
		lo, _ := slices.BinarySearchFunc(runs, s.Start.Add(-(SpikeLookbackDays+3)*24*time.Hour), startCmp)
		hi, _ := slices.BinarySearchFunc(runs, s.Start, startCmp)
		if sp, ok := SessionSpike(runs[lo:hi], s.Session, thr); ok {
			list = append(list, sp)
		}
	}
	for _, d := range days {
		if d.RunningMin <= 0 && d.RunningKm <= 0 {
			continue
		}
		thr := in.plan.value(WeekIncreaseMaxPct, d.Day, DefaultWeekIncreasePct)
		if sp, watch, ok := weekIncrease(totals, d.Day, thr); ok {
			list = append(list, sp)
		} else if watch.OK {
			watches = append(watches, weekWatch{day: d.Day, pct: watch.V})
		}
	}
	for _, d := range days {
		lim := in.acwrMax(d.Day)
		if !lim.OK || !d.ACWR.OK || !d.Load.OK || d.Load.V <= 0 || !over(d.ACWR.V, lim.V) {
			continue
		}
		list = append(list, Spike{Day: d.Day, Kind: SpikeACWR, Band: BandFlag, Value: d.ACWR, Threshold: lim.V,
			Detail: fmt.Sprintf("ACWR %.2f over %s (acwr_max: a team-sport heuristic)", d.ACWR.V, num(lim.V))})
	}
	slices.SortStableFunc(list, func(x, y Spike) int {
		return cmp.Or(x.Day.Time().Compare(y.Day.Time()), cmp.Compare(x.Kind, y.Kind),
			x.SessionStart.V.Compare(y.SessionStart.V))
	})
	return list, watches
}

// weekDays is the span weekIncrease looks at: the 7 days ending on a day and the 7 before.
const weekDays = 14

// weekIncrease compares running km of the 7 days ending on d with the 7 days before
// (minutes when a run in those 14 days has no distance). Not evaluated under the floor
// (5 km, or 30 minutes). It returns a spike when the increase is over thrPct, else the
// increase when it is over the 20 % "watch" line.
func weekIncrease(totals map[Day]runTotals, d Day, thrPct float64) (Spike, Opt[float64], bool) {
	var cur, prev runTotals
	noDist := false
	for i := range weekDays {
		t := totals[d.AddDays(-i)]
		noDist = noDist || t.noDist
		if i < 7 {
			cur.km, cur.min = cur.km+t.km, cur.min+t.min
		} else {
			prev.km, prev.min = prev.km+t.km, prev.min+t.min
		}
	}
	c, p, unit, floor := cur.km, prev.km, "km", WeekFloorKm
	if noDist {
		c, p, unit, floor = cur.min, prev.min, "min", WeekFloorMin
	}
	if p < floor-eps {
		return Spike{}, Opt[float64]{}, false
	}
	pct := 100 * (c - p) / p
	if over(pct, thrPct) {
		detail := fmt.Sprintf("%.2f %s in the 7 days to %s vs %.2f %s in the 7 days before (+%.1f %%)", c, unit, d, p, unit, pct)
		if noDist {
			detail += " (minutes: a run had no distance)"
		}
		return Spike{Day: d, Kind: SpikeWeek, Band: BandFlag, Value: Some(pct), Threshold: thrPct, Detail: detail}, Opt[float64]{}, true
	}
	if WeekWatchPct < thrPct && over(pct, WeekWatchPct) {
		return Spike{}, Some(pct), false
	}
	return Spike{}, Opt[float64]{}, false
}
