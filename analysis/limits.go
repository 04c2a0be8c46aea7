package analysis

import (
	"cmp"
	"fmt"
	"math"
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

// breachAt is a Breach with the session that carries its flag: the session that broke a
// per-session maximum, the one that took a week's total over, or the first session of the
// day a run of days went over.
type breachAt struct {
	Breach
	sess int // index in the period's sessions
}

// maxima checks SPEC 6's maxima: per-session maxima on the session's day, weekly maxima over
// each part of a week with one value in force (weekParts), and max_consecutive_days on each
// run of days. It returns the breaches by day, rule, sport and session start; each weekly
// maximum as each week was checked against it, by Monday; and notes on sessions it could not count.
func (in *inputs) maxima(sess []SessionResult) ([]breachAt, map[Day][]WeekLimit, []string) {
	var out []breachAt
	var notes []string
	checks := map[Day][]WeekLimit{}
	for i, s := range sess {
		for _, id := range []RuleID{MaxSessionMinutes, MaxSessionKm, MaxSessionRPE, MaxAvgHR} {
			v := sessionValue(id, s)
			if !v.OK {
				continue
			}
			for _, r := range in.plan.applying(id, s.Sport, s.Day) {
				if !over(v.V, r.Value) {
					continue
				}
				b := newBreach(s.Day, s.Day, id, r.Sport, r.Value, v.V)
				b.SessionStart, b.Source = Some(s.Start), s.Source
				out = append(out, breachAt{b, i})
			}
		}
	}

	byWeek := map[Day][]int{} // Monday → indices in sess, in start order
	for i, s := range sess {
		m := s.Day.Monday()
		byWeek[m] = append(byWeek[m], i)
	}
	for mon := in.from.Monday(); !mon.After(in.to); mon = mon.AddDays(7) {
		for _, id := range []RuleID{MaxWeeklyMinutes, MaxWeeklyKm, MaxSessionsPerWeek} {
			for _, sport := range in.plan.sports(id) {
				noKmWeek := 0
				for _, p := range in.weekParts(id, sport, mon) {
					total, crossed, noKm := 0.0, -1, 0
					for _, i := range byWeek[mon] {
						s := sess[i]
						if !matches(sport, s.Sport) || s.Day.Before(p.first) || s.Day.After(p.last) {
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
						if crossed < 0 && over(total, p.rule.Value) {
							crossed = i
						}
					}
					check := p.check(id, sport)
					check.Value, check.Over = total, crossed >= 0
					if noKm > 0 {
						check.Note = plural(noKm, "session", "sessions") + " without a distance not counted"
						noKmWeek += noKm
					}
					checks[mon] = append(checks[mon], check)
					if crossed < 0 {
						continue
					}
					// The breach is dated on the part's last day in the period: Sunday, the day
					// before the rule changed, or the period's last day.
					b := newBreach(p.last, sess[crossed].Day, id, sport, p.rule.Value, total)
					b.First, b.PartWeek = p.first, p.partWeek
					out = append(out, breachAt{b, crossed})
				}
				if noKmWeek > 0 {
					notes = append(notes, fmt.Sprintf("%s: %s without a distance not counted toward %s (%s)",
						mon.ISOWeek(), plural(noKmWeek, "session", "sessions"), id, sport))
				}
			}
		}
	}

	for _, sport := range in.plan.sports(MaxConsecutiveDays) {
		run, limit := 0, 0.0
		var crossed Day
		end := func(last Day) {
			if !crossed.IsZero() {
				// The flag goes on the first session of the day the run went over: there is
				// one, as only a day with a session of the sport extends the run.
				first := slices.IndexFunc(in.byDay[crossed], func(i int) bool { return matches(sport, sess[i].Sport) })
				out = append(out, breachAt{newBreach(last, crossed, MaxConsecutiveDays, sport, limit, float64(run)), in.byDay[crossed][first]})
			}
			run, crossed = 0, Day{}
		}
		for d := in.from; !d.After(in.to); d = d.AddDays(1) {
			active := false
			for _, i := range in.byDay[d] {
				active = active || matches(sport, sess[i].Sport)
			}
			if !active {
				end(d.AddDays(-1))
				continue
			}
			run++
			if r, ok := in.plan.at(MaxConsecutiveDays, sport, d); ok && crossed.IsZero() && over(float64(run), r.Value) {
				crossed, limit = d, r.Value
			}
		}
		end(in.to)
	}

	slices.SortStableFunc(out, func(x, y breachAt) int {
		return cmp.Or(x.Day.Time().Compare(y.Day.Time()), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Sport, y.Sport),
			x.SessionStart.V.Compare(y.SessionStart.V))
	})
	return out, checks, notes
}

// breachList returns the breaches of bs, in the same order (nil when there is none).
func breachList(bs []breachAt) []Breach {
	var out []Breach
	for _, b := range bs {
		out = append(out, b.Breach)
	}
	return out
}

func earlier(x, y Day) Day {
	if x.Before(y) {
		return x
	}
	return y
}

// weekPart is a part of an ISO week with one value of a weekly rule in force (DOMAIN §6).
type weekPart struct {
	rule        Rule // the row in force (the first, when rows with the same value follow each other)
	start, end  Day  // the part's days in the week: Monday..Sunday for a value in force all week
	first, last Day  // those inside the period
	// partWeek says first..last is not all of the week's days inside the period: the rule
	// started or changed mid-week (WeekLimit.PartWeek).
	partWeek bool
}

// weekParts splits the week of mon by the value of rule id for sport in force on each of its
// days: a part per run of days with the same value. A rule that changes mid-week gives the old
// value Monday to the day before the change and the new one the change day to Sunday; the days
// before a rule first starts are in no part, so no rule is applied to days before it was
// agreed. Parts without a day inside the period are left out. The first week of the period,
// cut by its start, is so checked with the rows in force on its days in the period (a Plan
// that starts on the first logged Wednesday applies from that Wednesday).
func (in *inputs) weekParts(id RuleID, sport Sport, mon Day) []weekPart {
	var parts []weekPart
	sun := mon.AddDays(6)
	starts := in.plan.starts(id, sport, mon, sun)
	for i, d := range starts {
		end := sun
		if i+1 < len(starts) {
			end = starts[i+1].AddDays(-1)
		}
		r, ok := in.plan.at(id, sport, d)
		if !ok {
			continue
		}
		if n := len(parts); n > 0 && parts[n-1].rule.Value == r.Value {
			parts[n-1].end = end // the same value again: one part
			continue
		}
		parts = append(parts, weekPart{rule: r, start: d, end: end})
	}
	out := parts[:0]
	wFirst, wLast := weekIn(mon, in.from, in.to)
	for _, p := range parts {
		p.first, p.last = later(p.start, in.from), earlier(p.end, in.to)
		p.partWeek = p.first != wFirst || p.last != wLast
		if !p.first.After(p.last) {
			out = append(out, p)
		}
	}
	return out
}

// days is the part's length in days, inside the period or not.
func (p weekPart) days() int { return p.end.Sub(p.start) + 1 }

// check is the part as a WeekLimit, its figure still to be filled in.
func (p weekPart) check(id RuleID, sport Sport) WeekLimit {
	return WeekLimit{Rule: id, Sport: sport, First: p.first, Last: p.last, Days: p.days(), Limit: p.rule.Value, PartWeek: p.partWeek}
}

// need is a minimum's count needed over the part: the value as written for a whole week, else
// its share for the part's days rounded to the nearest whole count, halves up (3 a week over
// Wed–Sun: 3 × 5/7 = 2.14, so 2; 5 a week: 3.57, so 4). DOMAIN §6 leaves it open. The minimum
// as written could not be met over two days; the exact share, which a count reaches only at
// the next whole number, would ask 2 + 4 = 6 days of a week raised from 4 to 5 a week on a
// Wednesday (4 × 2/7 = 1.14, 5 × 5/7 = 3.57): more than either value.
func (p weekPart) need() float64 {
	if n := p.days(); n < 7 {
		return math.Floor(p.rule.Value*float64(n)/7 + 0.5 + eps)
	}
	return p.rule.Value
}

// weekIn returns the first and last day inside the period from..to of the week of mon: Monday
// and Sunday unless the period cuts the week.
func weekIn(mon, from, to Day) (first, last Day) {
	return later(mon, from), earlier(mon.AddDays(6), to)
}

func later(x, y Day) Day {
	if x.After(y) {
		return x
	}
	return y
}

// minimums checks each minimum over each part of each week with one value in force
// (weekParts), against the count needed over the part (weekPart.need): the minimum as written
// for a whole week, its rounded share of it for part of one. A part cut by the period's start or end
// is not judged (so neither is a week cut by it); it still gets its count so far among the
// week's checks, with Met absent. It returns the judged checks, week by week; every check, by
// Monday; and a note when some part was not judged.
func (in *inputs) minimums(sess []SessionResult) ([]MinimumCheck, map[Day][]WeekLimit, []string) {
	var out []MinimumCheck
	checks := map[Day][]WeekLimit{}
	strengthRecorded := slices.ContainsFunc(sess, func(s SessionResult) bool { return s.Sport == Strength })
	partial, partialPart := false, false
	for mon := in.from.Monday(); !mon.After(in.to); mon = mon.AddDays(7) {
		for _, id := range []RuleID{MinRehabDaysPerWeek, MinStrengthSessionsPerWeek} {
			for _, sport := range in.plan.sports(id) {
				for _, p := range in.weekParts(id, sport, mon) {
					rehab, strengthIn := 0, 0.0 // days and sessions of the part inside the period
					for d := p.first; !d.After(p.last); d = d.AddDays(1) {
						if e, ok := in.log[d]; ok && e.Rehab.OK && e.Rehab.V {
							rehab++
						}
						for _, k := range in.byDay[d] {
							if sess[k].Sport == Strength {
								strengthIn++
							}
						}
					}
					m := MinimumCheck{Week: mon.ISOWeek(), Start: mon, First: p.first, Last: p.last, Rule: id, Sport: sport,
						Limit: p.rule.Value, Need: p.need(), PartWeek: p.partWeek}
					switch {
					case id == MinRehabDaysPerWeek:
						m.Value = float64(rehab)
					case strengthRecorded:
						m.Value = strengthIn
					default:
						m.Value = float64(rehab)
						m.Note = "rehab days counted: no strength sessions recorded"
					}
					check := p.check(id, sport)
					check.Need, check.Value, check.Note = m.Need, m.Value, m.Note
					if !p.start.Before(in.from) && !p.end.After(in.to) {
						m.Met = !over(m.Need, m.Value)
						out = append(out, m)
						check.Met = Some(m.Met)
					} else {
						partial = true
						partialPart = partialPart || p.days() < 7
					}
					checks[mon] = append(checks[mon], check)
				}
			}
		}
	}
	var notes []string
	switch {
	case partialPart:
		notes = append(notes, "Minimums are judged on full weeks, or full parts of a week where the rule changed mid-week: a week or part cut by the start or end of the period is not marked met or missed")
	case partial:
		notes = append(notes, "Minimums are judged on full weeks only: a week cut by the start or end of the period is not marked met or missed")
	}
	return out, checks, notes
}

// joinChecks returns, for each Monday, the weekly maxima checked that week followed by the
// minimums: each weekly rule a WeekLimit per part, in SPEC's rule order.
func joinChecks(maxima, minimums map[Day][]WeekLimit) map[Day][]WeekLimit {
	out := make(map[Day][]WeekLimit, len(maxima))
	for mon, cs := range maxima {
		out[mon] = slices.Clone(cs)
	}
	for mon, cs := range minimums {
		out[mon] = append(out[mon], cs...)
	}
	return out
}

// adherence sums the minimum checks per rule and sport (DOMAIN §6), in rule order: weeks met
// out of weeks judged, a week met when each of its judged parts was.
func adherence(ms []MinimumCheck) []Adherence {
	var out []Adherence
	type week struct {
		rule  RuleID
		sport Sport
		start Day
	}
	var last week // ms come week by week, a week's parts together
	lastMet := true
	for _, m := range ms {
		i := slices.IndexFunc(out, func(x Adherence) bool { return x.Rule == m.Rule && x.Sport == m.Sport })
		if i < 0 {
			out = append(out, Adherence{Rule: m.Rule, Sport: m.Sport})
			i = len(out) - 1
		}
		if w := (week{m.Rule, m.Sport, m.Start}); w != last {
			last, lastMet = w, true
			out[i].WeeksTotal++
			out[i].WeeksMet++
		}
		if !m.Met && lastMet {
			lastMet = false
			out[i].WeeksMet--
		}
	}
	slices.SortStableFunc(out, func(x, y Adherence) int {
		return cmp.Or(cmp.Compare(ruleRank(x.Rule), ruleRank(y.Rule)), cmp.Compare(x.Sport, y.Sport))
	})
	return out
}
