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
	a := newAnalysis(sessions, symptoms, plan, cfg)
	r := Result{Load: a.measure, RuleSpans: RuleSpans(plan)}
	if !a.ok {
		r.Thresholds = a.thresholds(Day{})
		r.Status = Status{Level: "amber", Reasons: []string{"no sessions and no symptom log rows in the period"}}
		r.Association = Association{Sentence: "Nothing is compared: there is no data in the period."}
		r.Association48h = r.Association
		r.FlareUp = flareUp(r.RuleSpans, r.To, r.Status)
		return r
	}
	r.From, r.To = a.from, a.to
	r.Thresholds = a.thresholds(a.to)

	a.sessionLoads()
	a.daily()
	a.spikes()
	a.limits()
	a.partWeeks()
	a.responses()
	a.breachResponses()
	a.weekly()
	a.weekFacts()
	a.flags()
	a.dayFacts()

	r.Sessions = a.sess
	r.Days = a.days
	r.Weeks = a.weeks
	r.Breaches = a.breaches
	r.Spikes = a.spikeList
	r.Minimums = a.minimums
	r.Exposure = a.exposures()
	r.Responses = responseCounts(r.Exposure)
	r.SportCounts = sportCounts(r.Sessions)
	r.BreachCounts = breachCounts(r.Breaches)
	r.SpikeCounts = spikeCounts(r.Spikes)
	r.Association, r.Association48h = a.associations(r.Exposure)
	r.Status = a.status()
	r.FlareUp = flareUp(r.RuleSpans, r.To, r.Status)
	r.Streaks = a.streaks()
	r.Adherence = adherence(a.minimums)
	r.LastWeek, r.ThisWeek, r.WeeklyMean = weekSummaries(a.weeks, a.wkCheck, a.from, a.to)
	r.Notes = append(r.Notes, a.notes...)
	return r
}

// analysis is the working state of one Analyze call. It lives on the stack of that call.
type analysis struct {
	cfg     Config
	measure LoadMeasure
	plan    planIndex
	ok      bool // the period has at least one day
	from    Day
	to      Day

	all     []Session             // every session given, sorted by start (for look-backs)
	trained map[Day]bool          // every day with a session, in the period or not (for look-ups across its ends)
	sess    []SessionResult       // the sessions of the period, sorted by start
	log     map[Day]SymptomEntry  // merged log rows, all of them (the period's and those around it)
	logFrom Day                   // the first logged day of the log
	days    []DayResult           // one per day of the period
	idx     map[Day]int           // day → index in days
	byDy    map[Day][]int         // day → indices in sess
	resp    map[Day]painResponse  // training day → its pain response
	wkBr    map[string][]weekMark // ISO week → its weekly breaches (for flags)
	wkCheck map[Day][]WeekLimit   // Monday → each weekly maximum and minimum checked that week, a WeekLimit per part, in SPEC's rule order

	weeks     []WeekResult
	breaches  []Breach
	spikeList []Spike
	minimums  []MinimumCheck
	dayFlags  map[Day][]Flag
	exposed   map[Day][]string // day → why it counts as exposed (DOMAIN §5)
	notes     []string
}

// weekMark is a weekly or run-of-days breach with the day it was crossed.
type weekMark struct {
	crossed Day
	breach  Breach
}

func newAnalysis(sessions []Session, symptoms []SymptomEntry, plan Plan, cfg Config) *analysis {
	a := &analysis{cfg: cfg, measure: cfg.Load, plan: newPlanIndex(plan)}
	if a.measure == "" {
		a.measure = LoadMinutes
	}
	a.all = sortSessions(sessions)
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
	for _, s := range a.all {
		see(s.Day())
	}
	for _, e := range merged {
		if e.Logged() { // a row with only notes is no data, as in ChoosePeriod
			see(e.Day)
		}
	}
	if first.IsZero() {
		return a
	}
	if cfg.From.OK && cfg.From.V.After(first) {
		first = cfg.From.V
	}
	if cfg.To.OK && cfg.To.V.Before(last) {
		last = cfg.To.V
	}
	if first.After(last) {
		return a
	}
	a.ok, a.from, a.to = true, first, last

	// The whole log stays at hand: the baseline looks at mornings before the period, and the
	// responses of its last days at mornings after it. Only the series is clipped.
	a.log = make(map[Day]SymptomEntry, len(merged))
	for _, e := range merged {
		a.log[e.Day] = e
	}
	for _, e := range merged {
		if e.Logged() {
			a.logFrom = e.Day // merged is sorted by day
			break
		}
	}
	a.byDy = map[Day][]int{}
	a.trained = map[Day]bool{}
	for _, s := range a.all {
		a.trained[s.Day()] = true
		if d := s.Day(); a.in(d) {
			a.byDy[d] = append(a.byDy[d], len(a.sess))
			a.sess = append(a.sess, SessionResult{Session: s, Day: d})
		}
	}
	a.dayFlags = map[Day][]Flag{}
	a.exposed = map[Day][]string{}
	a.wkBr = map[string][]weekMark{}
	a.wkCheck = map[Day][]WeekLimit{}
	return a
}

// in reports whether d is inside the period.
func (a *analysis) in(d Day) bool { return !d.Before(a.from) && !d.After(a.to) }

// sortSessions returns a sorted copy: by start instant, then sport, source and duration,
// so that the order the sessions were given in never shows.
func sortSessions(in []Session) []Session {
	out := slices.Clone(in)
	slices.SortStableFunc(out, func(x, y Session) int {
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
