package analysis

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Monotony returns Foster's monotony of 7 daily loads: mean / SD (population SD, rest days 0),
// capped at 10 (also when SD is 0). Absent for a week without load. Foster 1998.
func Monotony(daily []float64) Opt[float64] {
	if len(daily) == 0 {
		return Opt[float64]{}
	}
	var sum float64
	for _, v := range daily {
		sum += v
	}
	mean := sum / float64(len(daily))
	if mean <= 0 {
		return Opt[float64]{}
	}
	var ss float64
	for _, v := range daily {
		ss += (v - mean) * (v - mean)
	}
	sd := math.Sqrt(ss / float64(len(daily)))
	if sd == 0 || mean/sd > MonotonyCap {
		return Some(MonotonyCap)
	}
	return Some(mean / sd)
}

// weekly builds SPEC 7: a row per ISO week touching the period, from its days, the breaches
// and minimum checks, and the weekly rules checked (checks, by Monday). Sums count the days
// inside the period only; monotony, strain and the change on the previous week are given for
// full weeks. Each week also gets its days in the period (First, Last), its count of breaches
// and the running weekly limits in force at its end (limitAtEnd). Its Flags are left to flags.
// It returns a note on weeks of only strength or rehab.
func (in *inputs) weekly(days []DayResult, breaches []Breach, minimums []MinimumCheck, checks map[Day][]WeekLimit) ([]WeekResult, []string) {
	var weeks []WeekResult
	var rehabOnly []string
	brByWeek := map[string]int{}
	for _, b := range breaches {
		brByWeek[b.Week]++
	}
	missed := map[Day]bool{}
	for _, m := range minimums {
		missed[m.Start] = missed[m.Start] || !m.Met
	}
	for mon := in.from.Monday(); !mon.After(in.to); mon = mon.AddDays(7) {
		w := WeekResult{Week: mon.ISOWeek(), Start: mon}
		w.First, w.Last = weekIn(mon, in.from, in.to)
		var loads []float64
		var pain, stiff []float64
		running := 0
		for i := range 7 {
			d := mon.AddDays(i)
			if !in.in(d) {
				continue
			}
			day := days[in.dayIndex(d)]
			w.DaysInPeriod++
			w.RunningMin += day.RunningMin
			w.RunningKm += day.RunningKm
			w.Load += day.WholeBody
			loads = append(loads, day.WholeBody)
			e := day.Symptoms
			if day.Logged && e.Rehab.OK && e.Rehab.V {
				w.RehabDays++
			}
			if e.Pain.OK {
				pain = append(pain, e.Pain.V)
			}
			if e.Stiffness.OK {
				stiff = append(stiff, e.Stiffness.V)
			}
			for _, k := range in.byDay[d] {
				w.Sessions++
				switch in.sessions[k].Sport {
				case Running:
					w.RunningSessions++
					running++
				case Strength:
					w.StrengthSessions++
				}
			}
		}
		w.MeanPain, w.MeanStiffness = mean(pain), mean(stiff)
		if w.DaysInPeriod == 7 {
			w.Monotony = Monotony(loads)
			if w.Monotony.OK {
				w.Strain = Some(w.Load * w.Monotony.V)
				if running == 0 && w.StrengthSessions == w.Sessions && w.Sessions > 0 {
					rehabOnly = append(rehabOnly, w.Week)
				}
			}
		}
		if n := len(weeks); n > 0 {
			p := weeks[n-1]
			cur, prev := w.RunningMin, p.RunningMin
			if in.measure == LoadKm {
				cur, prev = w.RunningKm, p.RunningKm
			}
			if w.DaysInPeriod == 7 && p.DaysInPeriod == 7 && prev > 0 {
				w.ChangePct = Some(100 * (cur - prev) / prev)
			}
		}
		w.Limits = in.rulesInWeek(mon)
		w.LimitMin, w.LimitKm = limitAtEnd(w.Limits, MaxWeeklyMinutes), limitAtEnd(w.Limits, MaxWeeklyKm)
		w.Checks = slices.Clone(checks[mon])
		w.Breaches = brByWeek[w.Week]
		// Any breach of the week, of a session or of the week itself, or a missed minimum:
		// the week is not within its limits; nor is a week with no limit to keep.
		first, last := weekIn(mon, in.from, in.to)
		lim := in.limitsInForce(first, last)
		w.Checked = lim.Maximums+lim.Minimums > 0
		w.WithinLimits = w.Checked && w.Breaches == 0 && !missed[mon]
		weeks = append(weeks, w)
	}
	var notes []string
	if len(rehabOnly) > 0 {
		notes = append(notes, fmt.Sprintf("Weeks with only strength/rehab sessions (%s) are monotonous by construction: read their monotony with that in mind", strings.Join(rehabOnly, ", ")))
	}
	return weeks, notes
}

// limitsInForce counts the maximums and minimums, each rule and sport once, in force on some
// day from first to last.
func (in *inputs) limitsInForce(first, last Day) LimitsInForce {
	var n LimitsInForce
	for _, info := range rules {
		if !info.ID.IsMaximum() && !info.ID.IsMinimum() {
			continue
		}
		for _, sport := range in.plan.sports(info.ID) {
			if !slices.ContainsFunc(in.plan.starts(info.ID, sport, first, last), func(d Day) bool {
				_, ok := in.plan.at(info.ID, sport, d)
				return ok
			}) {
				continue
			}
			if info.ID.IsMaximum() {
				n.Maximums++
			} else {
				n.Minimums++
			}
		}
	}
	return n
}

// rulesInWeek returns every Plan row in force on some day of the week of mon inside the
// period, in SPEC's rule order, then by sport, then by day.
func (in *inputs) rulesInWeek(mon Day) []Rule {
	var out []Rule
	first, last := weekIn(mon, in.from, in.to)
	for _, info := range rules {
		for _, sport := range in.plan.sports(info.ID) {
			n := len(out)
			for _, d := range in.plan.starts(info.ID, sport, first, last) {
				if r, ok := in.plan.at(info.ID, sport, d); ok && (len(out) == n || out[len(out)-1] != r) {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// weekSummaries picks, out of the weeks of the period from to to, the last complete week and
// the week holding to when it is not complete, each with the weekly rules it was
// checked against (checks, by Monday), and the mean running over the complete weeks.
func weekSummaries(weeks []WeekResult, checks map[Day][]WeekLimit, from, to Day) (last, this Opt[WeekSummary], m WeeklyMean) {
	summary := func(w WeekResult) Opt[WeekSummary] {
		first, end := w.Start, w.Start.AddDays(6)
		if first.Before(from) {
			first = from
		}
		if end.After(to) {
			end = to
		}
		return Some(WeekSummary{Week: w.Week, Start: w.Start, First: first, Last: end, Days: w.DaysInPeriod,
			RunningMin: w.RunningMin, RunningKm: w.RunningKm, Sessions: w.Sessions, RunningSessions: w.RunningSessions,
			RehabDays: w.RehabDays, StrengthSessions: w.StrengthSessions,
			Limits: slices.Clone(checks[w.Start]), Checked: w.Checked, WithinLimits: w.WithinLimits})
	}
	for _, w := range weeks {
		if w.DaysInPeriod == 7 {
			last = summary(w)
			m.Weeks++
			m.RunningMin += w.RunningMin
			m.RunningKm += w.RunningKm
		}
	}
	if m.Weeks > 0 {
		m.RunningMin /= float64(m.Weeks)
		m.RunningKm /= float64(m.Weeks)
	}
	if n := len(weeks); n > 0 && weeks[n-1].DaysInPeriod < 7 {
		this = summary(weeks[n-1])
	}
	return last, this, m
}

func mean(xs []float64) Opt[float64] {
	if len(xs) == 0 {
		return Opt[float64]{}
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return Some(s / float64(len(xs)))
}
