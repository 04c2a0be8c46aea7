package analysis

import "fmt"

// status is SPEC 8's checklist as of the last day of the period with a session or a log row.
// It states the plan's own checks, not medical advice:
//   - symptoms logged on each of the last 2 days;
//   - latest pain within the threshold in force (red when above it);
//   - no limping on the last 2 days (red when limping);
//   - stiffness not worsening: the latest stiffness not 2 points or more over the one logged
//     before it (a 1-point change is noise, DOMAIN §4);
//   - rehab done on one of the last 2 days, when rehab is tracked (a Rehab value in the log
//     or a min_rehab_days_per_week rule).
//
// Red when pain is above the threshold or there is a limp; amber when any other check fails;
// green when all pass. Reasons list the failed checks, or, when green, what passed.
// StalePainDays: the latest pain counts toward the status when logged at most this many
// days before the status's day; older, the status is amber and says so.
const StalePainDays = 7

func (in *inputs) status(days []DayResult) Status {
	var asOf Day
	for _, d := range days {
		if d.Logged || len(in.byDay[d.Day]) > 0 {
			asOf = d.Day
		}
	}
	st := Status{AsOf: asOf}
	var red, amber, ok []string
	prev := asOf.AddDays(-1)
	for _, d := range []Day{prev, asOf} {
		if !in.log[d].Logged() { // any symptom cell: a row with stiffness and no pain is logged
			amber = append(amber, fmt.Sprintf("no symptoms logged on %s", d))
		}
	}
	if len(amber) == 0 {
		ok = append(ok, "symptoms logged on each of the last 2 days")
	}

	thr := in.painThreshold(asOf)
	var latest Day
	for _, d := range days {
		if !d.Day.After(asOf) && d.Symptoms.Pain.OK {
			latest = d.Day
		}
	}
	switch {
	case latest.IsZero():
		amber = append(amber, "no pain logged")
	case asOf.Sub(latest) > StalePainDays:
		// A morning from months ago says nothing about today: a log typed in the wrong year
		// must not turn the status red (or green).
		amber = append(amber, fmt.Sprintf("latest pain logged on %s, %d days before %s: too long ago to judge today's pain",
			latest, asOf.Sub(latest), asOf))
	case over(in.log[latest].Pain.V, thr):
		red = append(red, fmt.Sprintf("latest pain %s (%s) is above the threshold %s", num(in.log[latest].Pain.V), latest, num(thr)))
	default:
		ok = append(ok, fmt.Sprintf("latest pain %s (%s) is within the threshold %s", num(in.log[latest].Pain.V), latest, num(thr)))
	}

	for _, d := range []Day{prev, asOf} {
		if e := in.log[d]; e.Limping.OK && e.Limping.V {
			red = append(red, fmt.Sprintf("limping on %s", d))
		}
	}

	var s1, s2 Day // the latest two days with stiffness logged
	for _, d := range days {
		if !d.Day.After(asOf) && d.Symptoms.Stiffness.OK {
			s1, s2 = d.Day, s1
		}
	}
	if !s1.IsZero() && !s2.IsZero() {
		now, before := in.log[s1].Stiffness.V, in.log[s2].Stiffness.V
		if now >= before+ResponsePoints-eps {
			amber = append(amber, fmt.Sprintf("stiffness worsening: %s on %s after %s on %s", num(now), s1, num(before), s2))
		} else {
			ok = append(ok, "stiffness not worsening")
		}
	}

	tracked := len(in.plan.sports(MinRehabDaysPerWeek)) > 0
	for _, e := range in.log {
		tracked = tracked || e.Rehab.OK
	}
	if tracked {
		if done(in.log[prev].Rehab) || done(in.log[asOf].Rehab) {
			ok = append(ok, "rehab done in the last 2 days")
		} else {
			amber = append(amber, fmt.Sprintf("no rehab logged as done on %s or %s", prev, asOf))
		}
	}

	switch {
	case len(red) > 0:
		st.Level, st.Reasons = LevelRed, append(red, amber...)
	case len(amber) > 0:
		st.Level, st.Reasons = LevelAmber, amber
	default:
		st.Level, st.Reasons = LevelGreen, ok
	}
	return st
}

func done(b Opt[bool]) bool { return b.OK && b.V }

// streaks counts SPEC 9's streaks: full weeks in a row within every limit (current: ending with
// the last full week), and days in a row with rehab done (current: ending with the last logged day).
func streaks(weeks []WeekResult, days []DayResult) Streaks {
	var st Streaks
	run := 0
	for _, w := range weeks {
		if w.DaysInPeriod < 7 {
			continue
		}
		if w.Checked {
			st.WeeksChecked++
		}
		if w.WithinLimits {
			run++
		} else {
			run = 0
		}
		st.WeeksWithinLimits = run
		st.LongestWeeksWithin = max(st.LongestWeeksWithin, run)
	}
	run = 0
	for _, d := range days {
		if !d.Logged {
			run = 0
			continue
		}
		if done(d.Symptoms.Rehab) {
			run++
		} else {
			run = 0
		}
		st.RehabDays = run
		st.LongestRehabDays = max(st.LongestRehabDays, run)
	}
	return st
}
