package analysis

import "time"

// LoadMeasure is the load unit of SPEC's -load flag: what spikes and the daily series count.
type LoadMeasure string

// The load measures of SPEC "Command line".
const (
	LoadMinutes LoadMeasure = "minutes" // running minutes (the default)
	LoadKm      LoadMeasure = "km"      // running km
	LoadTRIMP   LoadMeasure = "trimp"   // Banister TRIMP of every session
	LoadSRPE    LoadMeasure = "srpe"    // session RPE × minutes of every session
)

// ParseLoadMeasure reads a -load value.
func ParseLoadMeasure(s string) (LoadMeasure, bool) {
	switch m := LoadMeasure(s); m {
	case LoadMinutes, LoadKm, LoadTRIMP, LoadSRPE:
		return m, true
	}
	return "", false
}

// Config holds the choices made on the command line. The Plan holds the physio's.
type Config struct {
	Load          LoadMeasure // the zero value means LoadMinutes
	HRMax, HRRest Opt[int]    // -hr-max, -hr-rest: override the Plan and the files
	From, To      Opt[Day]    // -from, -to: limit the period, inclusive
}

// Result is the whole analysis of SPEC "Analysis" 1–10, ready for the report.
// Every slice is in a deterministic order (by day, then kind); absent values are Opt.
type Result struct {
	From, To Day // the period: every day from From to To is in Days
	Load     LoadMeasure

	Sessions []SessionResult // in start order
	Days     []DayResult     // one per calendar day, contiguous
	Weeks    []WeekResult    // one per ISO week touching the period
	Breaches []Breach        // by day, then rule
	Spikes   []Spike         // by day, then kind
	Minimums []MinimumCheck  // one per week and minimum rule in force
	Exposure []Exposure      // the paired table: every training day, exposed or not (DOMAIN §5)
	// Responses counts the pain responses after the training days of Exposure.
	Responses ResponseCounts
	// Counts of Sessions, Breaches and Spikes, for the Summary.
	SportCounts  []SportCount // sessions per sport, in the order of the Sport constants; sports without a session left out
	BreachCounts []RuleCount  // breaches per rule, in the order of each rule's first breach
	SpikeCounts  []SpikeCount // spikes per kind ("first run back" apart), in the order of each kind's first spike

	Association    Association // outcome at +24 h
	Association48h Association // outcome at +48 h
	Status         Status
	Streaks        Streaks
	Adherence      []Adherence
	LastWeek       Opt[WeekSummary] // the last complete ISO week: all 7 days, Monday to Sunday, in the period; absent when none is
	ThisWeek       Opt[WeekSummary] // the week holding To when it is not complete ("this week so far"); absent when To ends a complete week
	WeeklyMean     WeeklyMean       // running per complete week, over every complete week of the period
	RuleSpans      []RuleSpan       // each Plan rule with when it was in force
	Limits         LimitsInForce    // how many maximums and minimums of the Plan were in force in the period
	FlareUp        FlareUp          // the flare-up plan in force at To, and whether the status makes it due
	Thresholds     Thresholds       // the values actually used, for the Method sheet
	HR             HRUse            // where each session's HRmax and HRrest came from, and what TRIMP made of them
	Notes          []string         // facts the reader must know about the load, limits and weeks ("Load is sRPE: 2 of 9 sessions have no RPE …")
	// TRIMPNotes are the facts about TRIMP ("TRIMP not computed for 1 of 2 sessions: no
	// HRmax/HRrest …"): for where TRIMP is shown or chosen as the load, not for every reader.
	TRIMPNotes []string
}

// SessionResult is a session with what the analysis found about it.
type SessionResult struct {
	Session
	Day          Day
	RPE          Opt[float64] // the log's RPE for the day's main session, else the watch's
	RPESource    string       // "log", "watch" or ""
	TRIMP        Opt[float64] // absent when HRmax/HRrest are unknown, HR covers < 80 % or it is a swim
	TRIMPNote    string       // why TRIMP is absent
	Load         Opt[float64] // in Result.Load's unit; absent when that unit cannot be computed
	ACWR         Opt[float64] // that day's ACWR
	Baseline     Opt[float64] // the day's pain baseline (DOMAIN §4); absent: the responses were judged without one ("no baseline")
	PainNextDay  Opt[float64] // pain logged the next morning
	Pain48h      Opt[float64] // the worst pain logged on the next two mornings
	PainResponse Opt[bool]    // DOMAIN §4, at +24 h; absent when the next morning was not logged
	Response48h  Opt[bool]    // at +48 h
	Flags        []Flag
}

// FlagKind says what raised a flag.
type FlagKind string

// The kinds of flag, each with the Flag field that says which.
const (
	FlagBreach        FlagKind = "breach"              // a maximum broken; Rule is its id
	FlagSpike         FlagKind = "spike"               // Spike is its SpikeKind
	FlagMinimumMissed FlagKind = "minimum_missed"      // Rule is the minimum's id
	FlagPainResponse  FlagKind = "pain_response"       // Window is Window24h or Window48h
	FlagFirstRunBack  FlagKind = "first_run_back"      // no run in the previous 30 days; Spike is SpikeSession
	FlagMonotony      FlagKind = "monotony"            // weekly monotony over 1.5 (Band BandWatch) or 2.0 (BandFlag)
	FlagWeekWatch     FlagKind = "week_increase_watch" // the week's running rose over 20 %; Spike is SpikeWeek
	FlagPainTrend     FlagKind = "pain_trend"          // weekly mean pain or stiffness rose ≥ 1 point; Symptom says which
)

// Flag marks a session, day or week. Kind says what raised it, and the one field its kind
// names says which rule, spike, window, band or symptom; the other fields are zero.
// Value and Limit are in the rule's unit.
type Flag struct {
	Kind    FlagKind
	Rule    RuleID    // FlagBreach, FlagMinimumMissed
	Spike   SpikeKind // FlagSpike, FlagFirstRunBack, FlagWeekWatch
	Window  Window    // FlagPainResponse
	Band    SpikeBand // FlagMonotony; FlagSpike too: the spike's band
	Symptom Symptom   // FlagPainTrend
	Value   Opt[float64]
	Limit   Opt[float64]
}

// Symptom names one of the symptom log's scores, where a finding is about one of them.
type Symptom string

// The symptoms a weekly trend is followed for.
const (
	SymptomPain      Symptom = "pain"
	SymptomStiffness Symptom = "stiffness"
)

// DayResult is one calendar day of the daily series.
type DayResult struct {
	Day        Day
	Load       Opt[float64] // in Result.Load's unit; 0 on a day without sessions, absent when none of its sessions has a load in that unit (no TRIMP, no RPE)
	RunningMin float64
	RunningKm  float64
	OtherMin   float64 // cross-training minutes
	WholeBody  float64 // whole-body load: minutes of every sport (sRPE of every sport with -load srpe)
	Acute      Opt[float64]
	Chronic    Opt[float64]
	ACWR       Opt[float64] // absent in the first 28 days and while chronic load is near zero
	Symptoms   SymptomEntry // merged rows of that day (worst value counts); zero Opts when not logged
	Logged     bool         // a symptom was logged for this day (SymptomEntry.Logged: any symptom cell, not only pain)
	NextPain   Opt[float64] // pain logged the next morning (d+1), looked up across the period's end like the responses
	Flags      []Flag
	// Breaches and Spikes count the day's breach and spike flags: the breaches crossed this day
	// (Breach.Crossed: a weekly breach on the day the week's total went over, not on the
	// week's last day it is dated on) and the spikes of this day, each beside its text.
	Breaches int
	Spikes   int
	// Response is a training day's pain response the next morning (DOMAIN §4), as in Exposure;
	// absent on a rest day and when that morning was not logged. Baseline is the pain it was
	// judged against; absent on a rest day, and on a training day judged without one ("no baseline").
	Response Opt[bool]
	Baseline Opt[float64]
}

// WeekResult is one ISO week (Monday to Sunday).
type WeekResult struct {
	Week             string // "2026-W44"
	Start            Day    // its Monday
	RunningMin       float64
	RunningKm        float64
	Sessions         int // every sport
	RunningSessions  int
	RehabDays        int
	StrengthSessions int
	ChangePct        Opt[float64] // running minutes (or km with -load km) vs the previous week
	Load             float64      // whole-body load
	Monotony         Opt[float64] // mean / SD of the 7 daily whole-body loads, capped at 10
	Strain           Opt[float64]
	MeanPain         Opt[float64]
	MeanStiffness    Opt[float64]
	// Limits holds every Plan row in force on some day of the week inside the period, in SPEC's
	// rule order, then by sport, then by day: two rows of one rule and sport mean it changed
	// during the week.
	Limits []Rule
	Checks []WeekLimit // each weekly rule as the week was checked against it, a WeekLimit per part (as WeekSummary.Limits)
	// Checked says some maximum or minimum of the Plan (IsMaximum, IsMinimum) was in force on a
	// day of the week inside the period. Without one there was nothing to keep: WithinLimits is false.
	Checked      bool
	WithinLimits bool // checked, with no breach and no missed minimum this week
	Flags        []Flag
	DaysInPeriod int // 7, or fewer for a week cut by the period's start or end (partial)
	First, Last  Day // the week's first and last day inside the period: Monday and Sunday unless the period cuts it
	Breaches     int // breaches dated in this week (Breach.Week): of sessions, of the week, of runs of days
	// LimitMin and LimitKm are the running max_weekly_minutes and max_weekly_km in force at the
	// end of the week (the last of Limits: the running row, else the every-sport one); for a
	// week where the rule changed, the value from the change on. Absent when none is in force.
	LimitMin, LimitKm Opt[float64]
}

// WeekSummary is one week as the Summary quotes it: its running figures and each weekly rule
// it was checked against, with the outcome. It restates the week's WeekResult and the limit
// checks; nothing in it is counted anew.
type WeekSummary struct {
	Week             string // "2026-W10"
	Start            Day    // its Monday
	First, Last      Day    // its first and last day inside the period: Monday and Sunday for a complete week
	Days             int    // days of the week inside the period, First to Last: 7 for a complete week, fewer for this week so far
	RunningMin       float64
	RunningKm        float64
	Sessions         int // every sport
	RunningSessions  int
	RehabDays        int
	StrengthSessions int
	Limits           []WeekLimit // every weekly maximum and minimum in force, a WeekLimit per part, in SPEC's rule order, then by sport, then by day; none without such rules
	Checked          bool        // some maximum or minimum was in force (WeekResult.Checked)
	WithinLimits     bool        // checked, with no breach and no missed minimum (so far)
}

// WeekLimit is one weekly rule (max_weekly_minutes, max_weekly_km, max_sessions_per_week,
// min_rehab_days_per_week, min_strength_sessions_per_week) as one week was checked against it
// over one part of the week (DOMAIN §6): the days one value of the rule was in force. A rule in
// force all week with one value has one part, Monday to Sunday; a rule that starts or changes
// mid-week splits the week at that day (the old value Monday to the day before, the new one
// from that day to Sunday), and the days before a rule first starts are in no part. First and
// Last are the part's days inside the period.
type WeekLimit struct {
	Rule        RuleID
	Sport       Sport   // the rule's sport: "running", or "any" for every sport, …
	First, Last Day     // the days summed: the part's days inside the period
	Days        int     // the part's days in the week, inside the period or not: 7 for a rule in force all week with one value
	Limit       float64 // the value in force over the part
	// Need is a minimum's count needed over the part: Limit for a whole week, otherwise its share
	// for the part's days, Limit × Days / 7, rounded to the nearest whole count (3 a week over 5
	// days: 2.14, so 2). 0 for a maximum, which applies as written over any part.
	Need  float64
	Value float64 // the part's figure in the rule's unit (minutes, km, sessions, days); so far, for a part cut by the period's end
	Over  bool    // a maximum gone over: the part has a Breach of this rule, dated Last
	// Met is a minimum's MinimumCheck: met or missed. Absent for a maximum, and for a part cut
	// by the period's start or end, whose minimums are not judged.
	Met  Opt[bool]
	Note string // "2 sessions without a distance not counted", "rehab days counted: no strength sessions recorded"
	// PartWeek says the part is not all of the week's days inside the period: the rule started
	// or changed mid-week. A rule in force over all of them with one value is one whole part.
	PartWeek bool
}

// WeeklyMean is the mean running per complete week (Monday to Sunday inside the period): a
// week cut by the period's start or end would pull it down.
type WeeklyMean struct {
	Weeks      int // complete weeks in the mean; 0: there is none, and no mean
	RunningMin float64
	RunningKm  float64
}

// Breach is one broken maximum: of a session (SessionStart set) or of a week or a run of days.
type Breach struct {
	Day          Day    // the session's day, or the last day of the week (of its part, when the rule changed mid-week) or run
	First        Day    // a weekly breach's first day summed: its part's first day in the period (WeekLimit.First); zero for other breaches
	Crossed      Day    // the day the limit was crossed: the session's day, or the day the week's total or the run went over
	Week         string // ISO week
	SessionStart Opt[time.Time]
	Source       string // the session's input file, when a session broke it
	Rule         RuleID
	Sport        Sport
	Limit        float64
	Value        float64
	Excess       float64      // Value − Limit
	ExcessPct    Opt[float64] // 100 · Excess / Limit; absent when the limit is 0
	// The symptom response after the day the limit was crossed (Crossed, not Day: a weekly
	// breach is dated on its week's last day, which may have had no session), as for a Spike.
	Baseline      Opt[float64] // absent: judged without one ("no baseline")
	PainNextDay   Opt[float64]
	Pain48h       Opt[float64]
	PainResponse  Opt[bool]
	Response48h   Opt[bool]
	Confounded48h bool // the day after Crossed also had a session
	// PartWeek says a weekly breach is of part of its week: First..Day is not all of the week's
	// days inside the period (the rule started or changed mid-week). False for other breaches.
	PartWeek bool
}

// SpikeKind says which evidence a spike follows (DOMAIN §3).
type SpikeKind string

// The spike kinds of SPEC.
const (
	SpikeSession SpikeKind = "session_increase"
	SpikeWeek    SpikeKind = "week_increase"
	SpikeACWR    SpikeKind = "acwr"
)

// SpikeBand says how far a spike, or weekly monotony, went over its line.
type SpikeBand string

// The bands. A session spike is small, moderate or large by its ratio (Frandsen 2025), or
// first run back without one; a week increase and an ACWR spike are flagged. Monotony
// (FlagMonotony) is flagged over 2.0 and watched over 1.5.
const (
	BandSmall    SpikeBand = "small"    // ratio over the threshold (1.10 by default)
	BandModerate SpikeBand = "moderate" // > 1.30
	BandLarge    SpikeBand = "large"    // > 2.00
	BandFirstRun SpikeBand = "first run back"
	BandFlag     SpikeBand = "flag"
	BandWatch    SpikeBand = "watch"
)

// Spike is a load spike and the symptom response after it.
type Spike struct {
	Day           Day
	Kind          SpikeKind
	Band          SpikeBand    // session: small, moderate, large or first run back; week and ACWR: flag
	Value         Opt[float64] // the ratio (session), the % increase (week) or the ACWR; absent for "first run back"
	Threshold     float64
	Detail        string // "12.4 km vs longest 9.0 km in the previous 30 days (duration proxy: no distance)"
	SessionStart  Opt[time.Time]
	Baseline      Opt[float64] // the day's pain baseline; absent: the responses were judged without one ("no baseline")
	PainNextDay   Opt[float64]
	Pain48h       Opt[float64]
	PainResponse  Opt[bool]
	Response48h   Opt[bool]
	Confounded48h bool // the next day also had load, so the 48 h window is confounded
}

// MinimumCheck is one minimum rule checked for one week, or for one part of it when the rule
// started or changed mid-week (WeekLimit).
type MinimumCheck struct {
	Week        string
	Start       Day // the week's Monday
	First, Last Day // the days counted: the week, or the part of it one value was in force
	Rule        RuleID
	Sport       Sport
	Limit       float64 // the value in force, per week
	Need        float64 // the count needed over First..Last: Limit, or its rounded share for part of a week (WeekLimit.Need)
	Value       float64
	Met         bool
	Note        string // "rehab days counted: no strength sessions recorded"
	PartWeek    bool   // First..Last is not all of the week's days inside the period: the rule started or changed mid-week
}

// Exposure is one training day in the paired table of DOMAIN §5.
type Exposure struct {
	Day           Day
	Exposed       bool // a spike or a maximum breach that day
	Reasons       []string
	Load          Opt[float64]
	Baseline      Opt[float64] // pain that day, else the median of the previous 7 logged days; absent: "no baseline"
	Pain24h       Opt[float64]
	Pain48h       Opt[float64]
	Response24h   Opt[bool]
	Response48h   Opt[bool]
	Confounded48h bool
}

// Window is how long after a training day its pain response is looked for (DOMAIN §4).
type Window int

// The windows, in hours.
const (
	Window24h Window = 24 // the next morning (d+1)
	Window48h Window = 48 // the next two mornings (d+1 and d+2)
)

// Association compares exposure days with other training days (DOMAIN §5).
// "Too little data" is a value (EnoughData false, with the reason in Sentence), not an error.
type Association struct {
	SpikeDays             int
	SpikeDaysWithResponse int
	OtherDays             int
	OtherDaysWithResponse int
	RelativeRisk          Opt[float64]
	RRLow, RRHigh         Opt[float64] // 95 % Katz interval; absent under 8 + 8 days
	FisherP               Opt[float64]
	SpearmanRho           Opt[float64]
	NPairs                int     // days with load and both mornings logged, for rho
	DaysLoggedPct         float64 // % of mornings of the period logged (DayResult.Logged)
	EnoughData            bool
	Sentence              string
	Corrected             bool // 0.5 was added to every cell (a cell was 0) for RR and its interval
	MoreExposureNeeded    int  // exposure days still needed for an interval (8 − SpikeDays, or 0)
	MoreOtherNeeded       int  // comparison days still needed for an interval
}

// StatusLevel is the colour of the status checklist (SPEC 8).
type StatusLevel string

// The status levels. The zero StatusLevel is no status at all.
const (
	LevelGreen StatusLevel = "green" // every check passed
	LevelAmber StatusLevel = "amber" // a check failed, or there is too little to judge
	LevelRed   StatusLevel = "red"   // pain above the threshold, or a limp
)

// Status is the quick checklist as of the last day with data.
type Status struct {
	Level   StatusLevel
	AsOf    Day
	Reasons []string
}

// Streaks counts the current runs, as of the period's end.
type Streaks struct {
	// WeeksChecked counts the complete weeks (all 7 days in the period) with some maximum or
	// minimum in force (WeekResult.Checked): 0 means there was no limit to keep, and the
	// weeks within every limit are 0 for that reason, not for a breach.
	WeeksChecked       int
	WeeksWithinLimits  int // checked weeks in a row within every limit, ending with the last full week
	RehabDays          int // days in a row with rehab done, ending with the last logged day
	LongestWeeksWithin int
	LongestRehabDays   int
}

// HRUse says where the HRmax and HRrest behind each session's TRIMP came from (DOMAIN §1:
// the flags, else the Plan, else the session's own file) and how the sessions' heart rates
// compare with them, so the Method sheet's heart-rate figures agree with the notes.
type HRUse struct {
	Sessions   int // sessions in the period
	WithValues int // of those, sessions with both HRmax and HRrest from some source
	FromFiles  int // of those, sessions whose HRmax or HRrest came from their own file
	// FilePairs counts the different (HRmax, HRrest) pairs the files gave: over 1, the
	// sessions' TRIMPs were computed with different values.
	FilePairs int
	// AboveMax counts the sessions whose maximum heart rate is over the HRmax used for them
	// (their x is capped at 1: the HRmax may be set too low); PeakHR is the highest of those
	// sessions' maximum heart rates and PeakHRMax the HRmax it was over.
	AboveMax  int
	PeakHR    Opt[int]
	PeakHRMax Opt[int]
}

// LimitsInForce counts the Plan's maximums and minimums (each rule and sport once) in force
// on some day of the period: what the Summary may say was kept or broken.
type LimitsInForce struct {
	Maximums int
	Minimums int
}

// Adherence is one minimum's record: weeks met out of weeks in force.
type Adherence struct {
	Rule       RuleID
	Sport      Sport
	WeeksMet   int
	WeeksTotal int
}

// RuleSpan is a Plan rule with the days it was in force (Until absent: still in force).
type RuleSpan struct {
	Rule
	Until Opt[Day]
}

// Thresholds are the values in force for the whole period (the Plan's or DOMAIN's defaults).
type Thresholds struct {
	PainThreshold        float64 // default 2
	SessionIncreasePct   float64 // default 10 (ratio 1.10)
	WeekIncreasePct      float64 // default 30
	WeekIncreaseFloorKm  float64 // default 5
	WeekIncreaseFloorMin float64 // default 30
	ACWRMax              Opt[float64]
	LambdaAcute          float64 // 0.25
	LambdaChronic        float64 // 2/29
	HRMax, HRRest        Opt[int]
	HRSource             string // "flags", "plan", "files" or ""
	TRIMPFemale          bool
	ChronicFloor         float64 // chronic load under which ACWR is not shown, in Result.Load's unit
	HRCoveragePct        float64 // TRIMP only when valid HR covers this % of moving time (80)
}
