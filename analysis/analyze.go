package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Analyze runs SPEC "Analysis" 1–10 over the sessions, the symptom log and the plan.
// It does not modify its arguments, and the order of sessions and symptom rows does not
// change the Result.
//
// Decisions the SPEC leaves open, made here once:
//   - The period runs from the earliest session or log day to the latest, clipped by
//     cfg.From and cfg.To. Sessions and log rows outside it are not reported, but the look-ups
//     see them: the spike look-backs (the previous 30 days of runs, the previous 7 days of km)
//     and the pain baseline see the days before the period, so -from does not turn a run into
//     "first run back"; the responses of the period's last days see the mornings after it.
//   - Every rule, thresholds included, is the one in force on the day it is applied to:
//     per-session and daily rules on that day. A weekly rule is checked over each part of a
//     week with one value in force (DOMAIN §6): a rule that starts or changes mid-week splits
//     the week at that day, the old value over Monday to the day before, the new one over the
//     change day to Sunday, and the days before a rule starts are in no part. A maximum
//     applies as written over its part; a minimum needs its share for the part's days, rounded
//     to the nearest whole count (3 a week over Wed–Sun: 3 × 5/7 = 2.14, so 2 days). A breach
//     or a missed minimum is dated on its part's last day in the period.
//     Threshold rules (pain_threshold, the spike thresholds, acwr_max, hr_max, hr_rest)
//     ignore the Sport column: the latest row in force wins. Result.Thresholds shows the
//     values in force on the last day of the period.
//   - Two Plan rows with the same rule, sport and From: the one read last is used.
//   - Flags: a session carries its own breaches, its session_increase spike (or "first run
//     back"), the week_increase spike or watch of its day (runs only), an ACWR spike of its day
//     (when it added load), the pain responses of its day, and the weekly or run-of-days breach
//     it crossed (the first session at which the week's total went over, or the first session of
//     the day the run of days went over). A day carries all of these once. A week carries its
//     weekly and run-of-days breaches, missed minimums, monotony and pain trend.
//   - Exposure days (DOMAIN §5): training days with a spike other than "first run back" (it has
//     no ratio) or a breach of a maximum; weekly and run-of-days breaches count on the day
//     they were crossed. Outcomes count only where the morning after was logged.
//   - A week cut by the start or end of the period keeps its sums and its maximum checks, but
//     gets no monotony, no change on the previous week and no minimum check (nor does a part
//     of a week cut by it).
//   - The weeks the Summary quotes: LastWeek is the last week with all 7 days in the period;
//     ThisWeek is the week holding To when it is not complete (absent when To is a Sunday and
//     the week began inside the period), so a period ending on a Monday never reports that one
//     day as "last week". WeeklyMean is over complete weeks only.
func Analyze(sessions []Session, symptoms []SymptomEntry, plan Plan, cfg Config) Result {
	in, ok := newInputs(sessions, symptoms, plan, cfg)
	if !ok {
		th, _ := in.thresholds(Day{})
		none := Association{Sentence: "Nothing is compared: there is no data in the period."}
		st := Status{Level: LevelAmber, Reasons: []string{"no sessions and no symptom log rows in the period"}}
		spans := RuleSpans(plan)
		return Result{Load: in.measure, RuleSpans: spans, Thresholds: th, Status: st,
			FlareUp:     flareUp(spans, Day{}, st), // no period: the Plan's latest row
			Association: none, Association48h: none}
	}
	th, thNotes := in.thresholds(in.to)

	// Each step takes what the steps before it found and returns what it finds.
	sess, hr, trimpNotes, loadNotes := in.sessionLoads() // SPEC 10: each session's RPE, TRIMP and load
	days := in.daily(sess)                               // SPEC 1–2: the daily series, acute and chronic load
	spikes, watches := in.spikes(sess, days)             // SPEC 3
	br, maxChecks, maxNotes := in.maxima(sess)
	mins, minChecks, minNotes := in.minimums(sess) // SPEC 6
	checks := joinChecks(maxChecks, minChecks)     // each week's weekly rules, as checked
	resp := in.responses()                         // SPEC 4: the pain response to each training day
	spikes = in.spikeResponses(spikes, resp)
	breaches := in.breachResponses(breachList(br), resp)
	weeks, weekNotes := in.weekly(days, breaches, mins, checks) // SPEC 7
	fl := in.flags(findings{sess: sess, weeks: weeks, breaches: br, spikes: spikes, watches: watches, minimums: mins, resp: resp})
	weeks = weeksWithFlags(weeks, fl.weeks)
	exposure := in.exposures(days, br, spikes, resp) // DOMAIN §5
	as24, as48 := in.associations(days, exposure)
	status := in.status(days) // SPEC 8
	spans := RuleSpans(plan)
	lastWeek, thisWeek, weeklyMean := weekSummaries(weeks, checks, in.from, in.to)

	return Result{
		From: in.from, To: in.to, Load: in.measure,
		Sessions:       in.finishSessions(sess, days, resp, fl.sessions),
		Days:           daysWithFlags(dayFacts(days, resp), fl.days),
		Weeks:          weeks,
		Breaches:       breaches,
		Spikes:         spikes,
		Minimums:       mins,
		Exposure:       exposure,
		Responses:      responseCounts(exposure),
		SportCounts:    sportCounts(sess),
		BreachCounts:   breachCounts(breaches),
		SpikeCounts:    spikeCounts(spikes),
		Association:    as24,
		Association48h: as48,
		Status:         status,
		Streaks:        streaks(weeks, days), // SPEC 9
		Adherence:      adherence(mins),
		LastWeek:       lastWeek,
		ThisWeek:       thisWeek,
		WeeklyMean:     weeklyMean,
		RuleSpans:      spans,
		Limits:         in.limitsInForce(in.from, in.to),
		FlareUp:        flareUp(spans, in.to, status),
		Thresholds:     th,
		HR:             hr,
		Notes:          slices.Concat(thNotes, loadNotes, maxNotes, minNotes, weekNotes),
		TRIMPNotes:     trimpNotes,
	}
}

// inputs are what one Analyze call was given, put in order once, and the period chosen from
// them. Every step reads them; none changes them.
type inputs struct {
	cfg     Config
	measure LoadMeasure
	plan    planIndex
	from    Day
	to      Day

	all     []*Session           // every session given (not copied), sorted by start (for look-backs)
	trained map[Day]bool         // every day from the period's first on with a session (the day after a training day is looked up)
	log     map[Day]SymptomEntry // merged log rows, all of them (the period's and those around it)
	logFrom Day                  // the first logged day of the log

	// sessions are the period's sessions, sorted by start, with only Session and Day set:
	// each step that fills in a SessionResult field starts from a copy. byDay indexes them,
	// and every slice derived from them, by day.
	sessions []SessionResult
	byDay    map[Day][]int
}

// newInputs sorts and merges the inputs and chooses the period. It reports false when the
// period has no day.
func newInputs(sessions []Session, symptoms []SymptomEntry, plan Plan, cfg Config) (*inputs, bool) {
	in := &inputs{cfg: cfg, measure: cfg.Load, plan: newPlanIndex(plan)}
	if in.measure == "" {
		in.measure = LoadMinutes
	}
	in.all = sortSessions(sessions)
	merged := mergeSymptoms(symptoms)

	// The period: data span, clipped by -from/-to.
	var first, last Day
	see := func(d Day) {
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if last.IsZero() || d.After(last) {
			last = d
		}
	}
	for _, s := range in.all {
		see(s.Day())
	}
	for _, e := range merged {
		if e.Logged() { // a row with only notes is no data, as in ChoosePeriod
			see(e.Day)
		}
	}
	if first.IsZero() {
		return in, false
	}
	if cfg.From.OK && cfg.From.V.After(first) {
		first = cfg.From.V
	}
	if cfg.To.OK && cfg.To.V.Before(last) {
		last = cfg.To.V
	}
	if first.After(last) {
		return in, false
	}
	in.from, in.to = first, last

	// The whole log stays at hand: the baseline looks at mornings before the period, and the
	// responses of its last days at mornings after it. Only the series is clipped.
	in.log = make(map[Day]SymptomEntry, len(merged))
	for _, e := range merged {
		in.log[e.Day] = e
	}
	for _, e := range merged {
		if e.Logged() {
			in.logFrom = e.Day // merged is sorted by day
			break
		}
	}
	in.byDay = map[Day][]int{}
	in.trained = map[Day]bool{}
	for _, s := range in.all {
		d := s.Day()
		if d.Before(in.from) {
			continue // years of earlier sessions: only their loads are looked back at (prePeriodLoads)
		}
		in.trained[d] = true
		if in.in(d) {
			in.byDay[d] = append(in.byDay[d], len(in.sessions))
			in.sessions = append(in.sessions, SessionResult{Session: *s, Day: d})
		}
	}
	return in, true
}

// in reports whether d is inside the period.
func (in *inputs) in(d Day) bool { return !d.Before(in.from) && !d.After(in.to) }

// dayIndex returns the index of d, a day of the period, in the daily series.
func (in *inputs) dayIndex(d Day) int { return d.Sub(in.from) }

// sortSessions returns the sessions in order: by start instant, then sport, source and
// duration, so that the order they were given in never shows. It points into in, which it
// does not modify: a copy of every session would double what years of them hold.
func sortSessions(in []Session) []*Session {
	out := make([]*Session, len(in))
	for i := range in {
		out[i] = &in[i]
	}
	slices.SortStableFunc(out, func(x, y *Session) int {
		return cmp.Or(
			x.Start.Compare(y.Start),
			cmp.Compare(x.Sport, y.Sport),
			cmp.Compare(x.Source, y.Source),
			cmp.Compare(x.Duration, y.Duration),
			cmp.Compare(x.Elapsed, y.Elapsed),
			cmp.Compare(x.DistanceM.V, y.DistanceM.V),
			cmp.Compare(x.SubSport, y.SubSport),
		)
	})
	return out
}

// eps is the tolerance of every "over the limit" comparison, so that 3.3+3.3+3.4 km is
// exactly at a 10 km limit and 11 km over 10 km is exactly 1.10.
const eps = 1e-9

// over reports whether v exceeds limit by more than rounding: a value equal to the limit is within it.
func over(v, limit float64) bool { return v > limit+eps*max(1, math.Abs(limit)) }

// num formats a number for sentences and details: no trailing ".0" for whole numbers.
func num(v float64) string {
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%.1f", v)
}

// plural returns "1 session" or "3 sessions".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
