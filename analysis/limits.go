package analysis

import (
	"cmp"
	"fmt"
	"slices"
)

// newBreach fills Excess and ExcessPct. With a limit of 0 ExcessPct is absent: there is no
// percentage of nothing. crossed is the day the limit was crossed.
func newBreach(d, crossed Day, id RuleID, sport Sport, limit, value float64) Breach {
	b := Breach{Day: d, Crossed: crossed, Week: d.ISOWeek(), Rule: id, Sport: sport, Limit: limit, Value: value, Excess: value - limit}
	if limit != 0 {
		b.ExcessPct = Some(100 * b.Excess / limit)
	}
	return b
}

// matches reports whether a session of sport counts toward a rule for ruleSport:
// `any` counts every sport; otherwise only the same sport (cross-training never counts
// toward running rules).
func matches(ruleSport, sport Sport) bool { return ruleSport == Any || ruleSport == sport }

// sessionValue is the value a per-session maximum is checked against.
func sessionValue(id RuleID, s SessionResult) Opt[float64] {
	switch id {
	case MaxSessionMinutes:
		return Some(minutes(s.Session))
	case MaxSessionKm:
		if s.DistanceM.OK {
			return Some(s.DistanceM.V / 1000)
		}
	case MaxSessionRPE:
		return s.RPE
	case MaxAvgHR:
		if s.AvgHR.OK {
			return Some(float64(s.AvgHR.V))
		}
	}
	return Opt[float64]{}
}

// limits checks SPEC 6: per-session maxima on the session's day, weekly maxima and minimums
// with the rule in force on the week's Monday, and max_consecutive_days on each run of days.
// A weekly breach is also flagged on the session that crossed the limit, and that session's
// day counts as exposed (DOMAIN §5); a run of days, on the day it went over.
func (a *analysis) limits() {
	var out []Breach
	for i := range a.sess {
		s := &a.sess[i]
		for _, id := range []RuleID{MaxSessionMinutes, MaxSessionKm, MaxSessionRPE, MaxAvgHR} {
			v := sessionValue(id, *s)
			if !v.OK {
				continue
			}
			for _, r := range a.plan.applying(id, s.Sport, s.Day) {
				if !over(v.V, r.Value) {
					continue
				}
				b := newBreach(s.Day, s.Day, id, r.Sport, r.Value, v.V)
				b.SessionStart, b.Source = Some(s.Start), s.Source
				out = append(out, b)
				s.Flags = append(s.Flags, Flag{Kind: FlagBreach, Rule: string(id), Value: v, Limit: Some(r.Value)})
				a.expose(s.Day, fmt.Sprintf("breach %s", id))
			}
		}
	}

	byWeek := map[Day][]int{} // Monday → indices in a.sess, in start order
	for i, s := range a.sess {
		m := s.Day.Monday()
		byWeek[m] = append(byWeek[m], i)
	}
	for mon := a.from.Monday(); !mon.After(a.to); mon = mon.AddDays(7) {
		last := earlier(mon.AddDays(6), a.to)
		for _, id := range []RuleID{MaxWeeklyMinutes, MaxWeeklyKm, MaxSessionsPerWeek} {
			for _, sport := range a.plan.sports(id) {
				r, ok := a.plan.at(id, sport, a.weekRuleDay(mon))
				if !ok {
					continue
				}
				total, crossed, noKm := 0.0, -1, 0
				for _, i := range byWeek[mon] {
					s := a.sess[i]
					if !matches(sport, s.Sport) {
						continue
					}
					switch id {
					case MaxWeeklyMinutes:
						total += minutes(s.Session)
					case MaxWeeklyKm:
						if s.DistanceM.OK {
							total += s.DistanceM.V / 1000
						} else {
							noKm++
						}
					default:
						total++
					}
					if crossed < 0 && over(total, r.Value) {
						crossed = i
					}
				}
				check := WeekLimit{Rule: id, Sport: sport, Limit: r.Value, Value: total, Over: crossed >= 0}
				if noKm > 0 {
					check.Note = plural(noKm, "session", "sessions") + " without a distance not counted"
					a.notes = append(a.notes, fmt.Sprintf("%s: %s without a distance not counted toward %s (%s)",
						mon.ISOWeek(), plural(noKm, "session", "sessions"), id, sport))
				}
				a.wkCheck[mon] = append(a.wkCheck[mon], check)
				if crossed < 0 {
					continue
				}
				c := &a.sess[crossed]
				b := newBreach(last, c.Day, id, sport, r.Value, total)
				out = append(out, b)
				c.Flags = append(c.Flags, Flag{Kind: FlagBreach, Rule: string(id), Value: Some(total), Limit: Some(r.Value)})
				a.wkBr[b.Week] = append(a.wkBr[b.Week], weekMark{crossed: c.Day, breach: b})
				a.expose(c.Day, fmt.Sprintf("breach %s (crossed this day)", id))
			}
		}
	}

	for _, sport := range a.plan.sports(MaxConsecutiveDays) {
		run, limit := 0, 0.0
		var crossed Day
		end := func(last Day) {
			if !crossed.IsZero() {
				b := newBreach(last, crossed, MaxConsecutiveDays, sport, limit, float64(run))
				out = append(out, b)
				a.wkBr[b.Week] = append(a.wkBr[b.Week], weekMark{crossed: crossed, breach: b})
				a.expose(crossed, fmt.Sprintf("breach %s (crossed this day)", MaxConsecutiveDays))
				for _, i := range a.byDy[crossed] {
					if matches(sport, a.sess[i].Sport) {
						a.sess[i].Flags = append(a.sess[i].Flags, Flag{Kind: FlagBreach, Rule: string(MaxConsecutiveDays),
							Value: Some(float64(run)), Limit: Some(limit)})
						break
					}
				}
			}
			run, crossed = 0, Day{}
		}
		for _, d := range a.days {
			active := false
			for _, i := range a.byDy[d.Day] {
				active = active || matches(sport, a.sess[i].Sport)
			}
			if !active {
				end(d.Day.AddDays(-1))
				continue
			}
			run++
			if r, ok := a.plan.at(MaxConsecutiveDays, sport, d.Day); ok && crossed.IsZero() && over(float64(run), r.Value) {
				crossed, limit = d.Day, r.Value
			}
		}
		end(a.to)
	}

	slices.SortStableFunc(out, func(x, y Breach) int {
		return cmp.Or(x.Day.Time().Compare(y.Day.Time()), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Sport, y.Sport),
			x.SessionStart.V.Compare(y.SessionStart.V))
	})
	a.breaches = out
	a.checkMinimums()
}

func earlier(x, y Day) Day {
	if x.Before(y) {
		return x
	}
	return y
}

// weekRuleDay is the day whose rules a week is checked against: its Monday, or for the first
// week, cut by the period's start, the period's first day (a Plan that starts on the first
// logged Wednesday still applies to that first week). A rule that starts later in a week
// applies from the next Monday.
func (a *analysis) weekRuleDay(mon Day) Day {
	if mon.Before(a.from) {
		return a.from
	}
	return mon
}

// expose marks d as an exposure day of DOMAIN §5, with why.
func (a *analysis) expose(d Day, why string) {
	if !slices.Contains(a.exposed[d], why) {
		a.exposed[d] = append(a.exposed[d], why)
	}
}

// checkMinimums checks each minimum on each full week of the period (a week cut by the
// period's start or end is not judged), with the rule in force on its Monday. A week cut by
// the period still gets its count so far among the week's checks (wkCheck), with Met absent.
func (a *analysis) checkMinimums() {
	strengthRecorded := slices.ContainsFunc(a.sess, func(s SessionResult) bool { return s.Sport == Strength })
	partial := false
	for mon := a.from.Monday(); !mon.After(a.to); mon = mon.AddDays(7) {
		full := !mon.Before(a.from) && !mon.AddDays(6).After(a.to)
		for _, id := range []RuleID{MinRehabDaysPerWeek, MinStrengthSessionsPerWeek} {
			for _, sport := range a.plan.sports(id) {
				// For a full week weekRuleDay is its Monday; for a week cut by the period's
				// start, the first day, as for the maxima.
				r, ok := a.plan.at(id, sport, a.weekRuleDay(mon))
				if !ok {
					continue
				}
				rehab, strengthIn := 0, 0.0 // days and sessions inside the period
				for i := range 7 {
					d := mon.AddDays(i)
					if !a.in(d) {
						continue
					}
					if e, ok := a.log[d]; ok && e.Rehab.OK && e.Rehab.V {
						rehab++
					}
					for _, k := range a.byDy[d] {
						if a.sess[k].Sport == Strength {
							strengthIn++
						}
					}
				}
				m := MinimumCheck{Week: mon.ISOWeek(), Start: mon, Rule: id, Sport: sport, Limit: r.Value}
				switch {
				case id == MinRehabDaysPerWeek:
					m.Value = float64(rehab)
				case strengthRecorded:
					m.Value = strengthIn
				default:
					m.Value = float64(rehab)
					m.Note = "rehab days counted: no strength sessions recorded"
				}
				check := WeekLimit{Rule: id, Sport: sport, Limit: r.Value, Value: m.Value, Note: m.Note}
				if full {
					m.Met = !over(r.Value, m.Value)
					a.minimums = append(a.minimums, m)
					check.Met = Some(m.Met)
				} else {
					partial = true
				}
				a.wkCheck[mon] = append(a.wkCheck[mon], check)
			}
		}
	}
	if partial {
		a.notes = append(a.notes, "Minimums are judged on full weeks only: a week cut by the start or end of the period is not marked met or missed")
	}
}

// adherence sums the minimum checks per rule and sport (DOMAIN §6), in rule order.
func adherence(ms []MinimumCheck) []Adherence {
	var out []Adherence
	for _, m := range ms {
		i := slices.IndexFunc(out, func(x Adherence) bool { return x.Rule == m.Rule && x.Sport == m.Sport })
		if i < 0 {
			out = append(out, Adherence{Rule: m.Rule, Sport: m.Sport})
			i = len(out) - 1
		}
		out[i].WeeksTotal++
		if m.Met {
			out[i].WeeksMet++
		}
	}
	slices.SortStableFunc(out, func(x, y Adherence) int {
		return cmp.Or(cmp.Compare(ruleRank(x.Rule), ruleRank(y.Rule)), cmp.Compare(x.Sport, y.Sport))
	})
	return out
}
