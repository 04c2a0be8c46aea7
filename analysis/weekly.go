package analysis

import (
	"cmp"
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

// weekly builds SPEC 7: a row per ISO week touching the period. Sums count the days inside the
// period only; monotony, strain and the change on the previous week are given for full weeks.
// A pain trend flag marks a weekly mean pain or stiffness 1 point or more over the week before [E].
func (a *analysis) weekly() {
	var weeks []WeekResult
	var rehabOnly []string
	brByWeek := map[string][]Breach{}
	for _, b := range a.breaches {
		brByWeek[b.Week] = append(brByWeek[b.Week], b)
	}
	minByMon := map[Day][]MinimumCheck{}
	for _, m := range a.minimums {
		minByMon[m.Start] = append(minByMon[m.Start], m)
	}
	for mon := a.from.Monday(); !mon.After(a.to); mon = mon.AddDays(7) {
		w := WeekResult{Week: mon.ISOWeek(), Start: mon}
		var loads []float64
		var pain, stiff []float64
		running := 0
		for i := range 7 {
			d := mon.AddDays(i)
			j, ok := a.idx[d]
			if !ok {
				continue
			}
			day := a.days[j]
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
			for _, k := range a.byDy[d] {
				w.Sessions++
				switch a.sess[k].Sport {
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
				switch {
				case over(w.Monotony.V, MonotonyFlag):
					w.Flags = append(w.Flags, Flag{Kind: FlagMonotony, Band: BandFlag, Value: w.Monotony, Limit: Some(MonotonyFlag)})
				case over(w.Monotony.V, MonotonyWatch):
					w.Flags = append(w.Flags, Flag{Kind: FlagMonotony, Band: BandWatch, Value: w.Monotony, Limit: Some(MonotonyWatch)})
				}
				if running == 0 && w.StrengthSessions == w.Sessions && w.Sessions > 0 {
					rehabOnly = append(rehabOnly, w.Week)
				}
			}
		}
		if n := len(weeks); n > 0 {
			p := weeks[n-1]
			cur, prev := w.RunningMin, p.RunningMin
			if a.measure == LoadKm {
				cur, prev = w.RunningKm, p.RunningKm
			}
			if w.DaysInPeriod == 7 && p.DaysInPeriod == 7 && prev > 0 {
				w.ChangePct = Some(100 * (cur - prev) / prev)
			}
			if w.MeanPain.OK && p.MeanPain.OK && w.MeanPain.V >= p.MeanPain.V+1-eps {
				w.Flags = append(w.Flags, Flag{Kind: FlagPainTrend, Symptom: SymptomPain, Value: w.MeanPain, Limit: p.MeanPain})
			}
			if w.MeanStiffness.OK && p.MeanStiffness.OK && w.MeanStiffness.V >= p.MeanStiffness.V+1-eps {
				w.Flags = append(w.Flags, Flag{Kind: FlagPainTrend, Symptom: SymptomStiffness, Value: w.MeanStiffness, Limit: p.MeanStiffness})
			}
		}
		w.Limits = a.rulesInWeek(mon)
		w.Checks = slices.Clone(a.wkCheck[mon])
		// Every breach of the week, of a session or of the week itself, flags the week: a
		// week that is not within its limits says why.
		w.WithinLimits = len(brByWeek[w.Week]) == 0
		for _, b := range brByWeek[w.Week] {
			w.Flags = append(w.Flags, Flag{Kind: FlagBreach, Rule: b.Rule, Value: Some(b.Value), Limit: Some(b.Limit)})
		}
		for _, m := range minByMon[mon] {
			if !m.Met {
				w.WithinLimits = false
				w.Flags = append(w.Flags, Flag{Kind: FlagMinimumMissed, Rule: m.Rule, Value: Some(m.Value), Limit: Some(m.Limit)})
			}
		}
		w.Flags = sortFlags(w.Flags)
		weeks = append(weeks, w)
	}
	if len(rehabOnly) > 0 {
		a.notes = append(a.notes, fmt.Sprintf("Weeks with only strength/rehab sessions (%s) are monotonous by construction: read their monotony with that in mind", strings.Join(rehabOnly, ", ")))
	}
	a.weeks = weeks
}

// rulesInWeek returns every Plan row in force on some day of the week of mon inside the
// period, in SPEC's rule order, then by sport, then by day.
func (a *analysis) rulesInWeek(mon Day) []Rule {
	var out []Rule
	first, last := later(mon, a.from), earlier(mon.AddDays(6), a.to)
	for _, info := range rules {
		for _, sport := range a.plan.sports(info.ID) {
			n := len(out)
			for _, d := range a.plan.starts(info.ID, sport, first, last) {
				if r, ok := a.plan.at(info.ID, sport, d); ok && (len(out) == n || out[len(out)-1] != r) {
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
			Limits: slices.Clone(checks[w.Start]), WithinLimits: w.WithinLimits})
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

// sortFlags sorts flags by kind, then by what the kind names (rule, spike, window, band or
// symptom), value and limit, and drops repeats.
func sortFlags(fs []Flag) []Flag {
	slices.SortStableFunc(fs, func(x, y Flag) int {
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Spike, y.Spike),
			cmp.Compare(x.Window, y.Window), cmp.Compare(x.Band, y.Band), cmp.Compare(x.Symptom, y.Symptom),
			cmp.Compare(x.Value.V, y.Value.V), cmp.Compare(x.Limit.V, y.Limit.V))
	})
	return slices.Compact(fs)
}

// flags puts each breach, spike and pain response on its sessions and days.
func (a *analysis) flags() {
	add := func(d Day, f Flag) { a.dayFlags[d] = append(a.dayFlags[d], f) }
	for _, s := range a.sess {
		for _, f := range s.Flags {
			if f.Kind == FlagBreach {
				add(s.Day, f)
			}
		}
	}
	for d, ff := range a.dayFlags { // week watch flags: on the day's runs
		for _, f := range ff {
			if f.Kind != FlagWeekWatch {
				continue
			}
			for _, i := range a.byDy[d] {
				if a.sess[i].Sport == Running {
					a.sess[i].Flags = append(a.sess[i].Flags, f)
				}
			}
		}
	}
	for _, sp := range a.spikeList {
		f := Flag{Kind: FlagSpike, Spike: sp.Kind, Value: sp.Value, Limit: Some(sp.Threshold)}
		if sp.Band == BandFirstRun {
			f = Flag{Kind: FlagFirstRunBack, Spike: sp.Kind}
		}
		add(sp.Day, f)
		for _, i := range a.byDy[sp.Day] {
			s := &a.sess[i]
			switch {
			case sp.Kind == SpikeSession && s.Start.Equal(sp.SessionStart.V) && s.Sport == Running,
				sp.Kind == SpikeWeek && s.Sport == Running,
				sp.Kind == SpikeACWR && s.Load.OK && s.Load.V > 0:
				s.Flags = append(s.Flags, f)
			}
		}
	}
	for d, r := range a.resp {
		for _, x := range []struct {
			window Window
			resp   Opt[bool]
			pain   Opt[float64]
		}{{Window24h, r.r24, r.p24}, {Window48h, r.r48, r.p48}} {
			if !x.resp.OK || !x.resp.V {
				continue
			}
			f := Flag{Kind: FlagPainResponse, Window: x.window, Value: x.pain, Limit: Some(a.painThreshold(d))}
			add(d, f)
			for _, i := range a.byDy[d] {
				a.sess[i].Flags = append(a.sess[i].Flags, f)
			}
		}
	}
	for _, ms := range a.wkBr {
		for _, m := range ms {
			add(m.crossed, Flag{Kind: FlagBreach, Rule: m.breach.Rule, Value: Some(m.breach.Value), Limit: Some(m.breach.Limit)})
		}
	}
	for i := range a.days {
		a.days[i].Flags = sortFlags(a.dayFlags[a.days[i].Day])
	}
	for i := range a.sess {
		a.sess[i].Flags = sortFlags(a.sess[i].Flags)
	}
}
