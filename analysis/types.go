package analysis

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"
)

// Day is a calendar date in the runner's zone. It is comparable, so it can key a map.
// The zero Day is not a valid date.
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// DayOf returns the calendar date of t in t's own location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day{y, m, d}
}

// ParseDay reads a YYYY-MM-DD date.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Day{}, fmt.Errorf("%q is not a YYYY-MM-DD date", s)
	}
	return DayOf(t), nil
}

// Time returns midnight UTC of d, for arithmetic and for spreadsheet cells.
func (d Day) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns d moved by n calendar days (n may be negative).
func (d Day) AddDays(n int) Day { return DayOf(d.Time().AddDate(0, 0, n)) }

// Sub returns the number of calendar days from o to d (d − o).
func (d Day) Sub(o Day) int {
	// From Unix seconds, not time.Time.Sub: a Duration holds 292 years at most.
	return int((d.Time().Unix() - o.Time().Unix()) / 86400)
}

// Before reports whether d is earlier than o.
func (d Day) Before(o Day) bool { return d.Time().Before(o.Time()) }

// After reports whether d is later than o.
func (d Day) After(o Day) bool { return d.Time().After(o.Time()) }

// IsZero reports whether d is the zero Day.
func (d Day) IsZero() bool { return d == Day{} }

// Weekday returns the day of the week of d.
func (d Day) Weekday() time.Weekday { return d.Time().Weekday() }

// Monday returns the Monday that starts d's ISO week.
func (d Day) Monday() Day { return d.AddDays(-((int(d.Weekday()) + 6) % 7)) }

// ISOWeek returns d's ISO week as "2026-W04".
func (d Day) ISOWeek() string {
	y, w := d.Time().ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// String returns d as YYYY-MM-DD.
func (d Day) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Opt is a value that may be absent: "not logged" is not zero (SPEC). Shaped like database/sql.Null[T].
type Opt[T any] struct {
	V  T
	OK bool
}

// Some returns a present Opt holding v.
func Some[T any](v T) Opt[T] { return Opt[T]{V: v, OK: true} }

// Sport is a normalised sport. Limits and load are per sport.
type Sport string

// The sports of SPEC "Inputs". Any is only used by Plan rules: it applies to every sport.
const (
	Running  Sport = "running"
	Cycling  Sport = "cycling"
	Swimming Sport = "swimming"
	Walking  Sport = "walking"
	Strength Sport = "strength"
	Other    Sport = "other"
	Unknown  Sport = "unknown"
	Any      Sport = "any"
)

// sportSeparators are the characters ParseSport reads as spaces ("strength_training", "e-bike").
var sportSeparators = strings.NewReplacer("_", " ", "-", " ")

// ParseSport maps a free-text sport name ("Running", "trail run", "Hike", "strength_training")
// to a Sport. It reports false when the text names no sport it knows.
func ParseSport(s string) (Sport, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = sportSeparators.Replace(k)
	switch k {
	case "running", "run", "runs", "road running", "trail running", "trail run", "trail", "track running",
		"treadmill", "treadmill running", "indoor running", "virtual run", "virtual running", "jogging", "jog":
		return Running, true
	case "cycling", "bike", "biking", "ride", "riding", "road cycling", "mountain biking", "mtb", "indoor cycling",
		"virtual ride", "e bike ride", "ebike ride", "gravel", "cycle", "commute", "spinning", "velomobile":
		return Cycling, true
	case "swimming", "swim", "pool swim", "lap swimming", "open water", "open water swimming", "open water swim":
		return Swimming, true
	case "walking", "walk", "hiking", "hike", "nordic walking":
		return Walking, true
	case "strength", "strength training", "weight training", "weights", "gym", "training", "rehab", "physio":
		return Strength, true
	case "other", "yoga", "rowing", "elliptical", "crosstrainer", "cross training", "skiing", "cross country skiing",
		"paddling", "transition", "multisport", "fitness equipment", "diving":
		return Other, true
	case "unknown":
		return Unknown, true
	case "any", "all":
		return Any, true
	}
	// Loose matches for names like "Morning Run" or "Afternoon Ride".
	for _, m := range []struct {
		word  string
		sport Sport
	}{{"run", Running}, {"jog", Running}, {"ride", Cycling}, {"cycl", Cycling}, {"bik", Cycling},
		{"swim", Swimming}, {"walk", Walking}, {"hike", Walking}, {"hiking", Walking}, {"strength", Strength}} {
		for _, w := range strings.Fields(k) {
			if strings.HasPrefix(w, m.word) {
				return m.sport, true
			}
		}
	}
	return Unknown, false
}

// Session is one activity: one FIT session message, one GPX track or one TCX Activity.
// It holds no positions and no place names, so the report cannot show them.
type Session struct {
	Source    string        // the input path (inside archives: "export.zip/inner/run.fit"), for messages
	Sport     Sport         // normalised sport
	SubSport  string        // the file's own sub-sport in lower case ("trail", "treadmill"), or ""
	Start     time.Time     // the instant the session started, in the zone that decides its calendar day
	Duration  time.Duration // moving (timer) time: pauses, and gaps over 60 s between points, excluded
	Elapsed   time.Duration // last − first timestamp
	DistanceM Opt[float64]  // metres; absent for indoor sessions without a distance
	AscentM   Opt[float64]  // metres
	AvgHR     Opt[int]      // beats per minute; 0 and invalid values are absent
	MaxHR     Opt[int]      // beats per minute
	RPE       Opt[float64]  // 0–10, entered on the watch (FIT workout_rpe / 10); the log's RPE wins
	HR        *HRHistogram  // time spent at each heart rate, for TRIMP; nil when the file has no HR stream
	// HRMax, HRRest and Female are the file's own values (FIT user profile / zones), used for TRIMP
	// when neither the flags nor the Plan give them.
	HRMax, HRRest Opt[int]
	Female        Opt[bool]
	ZoneNote      string   // how the calendar day was chosen: "fit offset +02:00", "-tz Europe/London", "machine zone UTC"
	Duplicates    []string // sources of the same activity read from other files, counted once
}

// Day returns the calendar day of s: the local date of its start.
func (s Session) Day() Day { return DayOf(s.Start) }

// The range of heart rates counted as valid, in bpm (DOMAIN §1: 30–230; 0 is missing).
const (
	MinValidHR = 30
	MaxValidHR = 230
)

// HRHistogram is the time spent at each valid heart rate. Banister TRIMP depends on the HR stream
// only through this, so a session keeps a value per heart rate, not one per record: from the
// lowest rate it spent time at to the highest (about 100 for a run, 400 bytes), not for the
// whole valid range (804 bytes for every session with HR, whatever its spread). The zero
// value is empty.
type HRHistogram struct {
	lo   int       // the heart rate of secs[0]
	secs []float32 // seconds at each rate from lo on; a rate between two others may have none
}

// Add counts d at bpm; rates outside MinValidHR..MaxValidHR are ignored.
func (h *HRHistogram) Add(bpm int, d time.Duration) {
	if bpm < MinValidHR || bpm > MaxValidHR || d <= 0 {
		return
	}
	h.add(bpm, float32(d.Seconds()))
}

// add adds sec at bpm, a valid rate, growing the range to hold it.
func (h *HRHistogram) add(bpm int, sec float32) {
	switch {
	case len(h.secs) == 0:
		h.lo, h.secs = bpm, append(h.secs[:0], 0)
	case bpm < h.lo:
		grown := make([]float32, h.lo-bpm+len(h.secs))
		copy(grown[h.lo-bpm:], h.secs)
		h.lo, h.secs = bpm, grown
	case bpm >= h.lo+len(h.secs):
		h.secs = append(h.secs, make([]float32, bpm-h.lo-len(h.secs)+1)...)
	}
	h.secs[bpm-h.lo] += sec
}

// Merge adds o's time at each rate to h's.
func (h *HRHistogram) Merge(o *HRHistogram) {
	if o == nil {
		return
	}
	for i, sec := range o.secs {
		if sec != 0 {
			h.add(o.lo+i, sec)
		}
	}
}

// Clip lets go of the room h grew into and did not use, for a histogram that is kept.
func (h *HRHistogram) Clip() {
	if h != nil && cap(h.secs) > len(h.secs) {
		h.secs = slices.Clone(h.secs)
	}
}

// All yields each heart rate from the lowest with time to the highest, with its seconds (0
// for a rate between them without any).
func (h *HRHistogram) All() iter.Seq2[int, float32] {
	return func(yield func(int, float32) bool) {
		if h == nil {
			return
		}
		for i, sec := range h.secs {
			if !yield(h.lo+i, sec) {
				return
			}
		}
	}
}

// Equal reports whether h and o hold the same time at every rate (nil is empty).
func (h *HRHistogram) Equal(o *HRHistogram) bool {
	at := func(x *HRHistogram) map[int]float32 {
		m := map[int]float32{}
		for bpm, sec := range x.All() {
			if sec != 0 {
				m[bpm] = sec
			}
		}
		return m
	}
	return maps.Equal(at(h), at(o))
}

// Covered returns the total time with a valid heart rate.
func (h *HRHistogram) Covered() time.Duration {
	if h == nil {
		return 0
	}
	var s float64
	for _, v := range h.secs {
		s += float64(v)
	}
	return time.Duration(s * float64(time.Second))
}

// SymptomEntry is one row of the symptom log. An empty cell stays absent: it is never zero.
type SymptomEntry struct {
	Day       Day
	Pain      Opt[float64] // 0–10 morning pain
	Stiffness Opt[float64] // 0–10 morning stiffness
	Swelling  Opt[float64] // 0–10; a yes/no cell sets Swollen only
	Swollen   Opt[bool]    // yes/no, or Swelling > 0
	Limping   Opt[bool]
	Rehab     Opt[bool]    // the prescribed exercises were done (minutes > 0 count as yes)
	RPE       Opt[float64] // 0–10 CR-10, for that day's main (longest) session
	Location  string       // free text, carried into the report (a body location, not a place)
	Notes     string
	Source    string // "symptoms.xlsx: Symptoms!row 14", for messages
}

// Logged reports whether e logs a morning: any symptom cell filled (DOMAIN §4: "logged" means
// any symptom cell on the row, not only pain). A row with only a date, or only a location or
// notes, is not a logged morning. This is the one definition: the period, the daily series,
// the status and the association's share of logged mornings all use it.
func (e SymptomEntry) Logged() bool {
	return e.Pain.OK || e.Stiffness.OK || e.Swelling.OK || e.Swollen.OK || e.Limping.OK || e.Rehab.OK || e.RPE.OK
}

// RuleID names a Plan rule (SPEC "Plan").
type RuleID string

// The Plan rules of SPEC.
const (
	MaxSessionMinutes          RuleID = "max_session_minutes"
	MaxSessionKm               RuleID = "max_session_km"
	MaxSessionRPE              RuleID = "max_session_rpe"
	MaxAvgHR                   RuleID = "max_avg_hr"
	MaxWeeklyMinutes           RuleID = "max_weekly_minutes"
	MaxWeeklyKm                RuleID = "max_weekly_km"
	MaxSessionsPerWeek         RuleID = "max_sessions_per_week"
	MaxConsecutiveDays         RuleID = "max_consecutive_days"
	MinRehabDaysPerWeek        RuleID = "min_rehab_days_per_week"
	MinStrengthSessionsPerWeek RuleID = "min_strength_sessions_per_week"
	PainThreshold              RuleID = "pain_threshold"
	ACWRMax                    RuleID = "acwr_max"
	WeekIncreaseMaxPct         RuleID = "week_increase_max_pct"
	SessionIncreaseMaxPct      RuleID = "session_increase_max_pct"
	HRMaxRule                  RuleID = "hr_max"
	HRRestRule                 RuleID = "hr_rest"
	FlareUpPlan                RuleID = "flare_up_plan"
)

// IsMaximum reports whether id is a maximum the Plan agrees on: a breach goes over it.
func (id RuleID) IsMaximum() bool {
	switch id {
	case MaxSessionMinutes, MaxSessionKm, MaxSessionRPE, MaxAvgHR, MaxWeeklyMinutes, MaxWeeklyKm,
		MaxSessionsPerWeek, MaxConsecutiveDays:
		return true
	}
	return false
}

// IsMinimum reports whether id is a minimum the Plan agrees on, checked each week.
func (id RuleID) IsMinimum() bool {
	return id == MinRehabDaysPerWeek || id == MinStrengthSessionsPerWeek
}

// RuleInfo describes one rule id: its label in the Plan sheet and whether its value is text.
type RuleInfo struct {
	ID     RuleID
	Label  string
	IsText bool // flare_up_plan: the value is text, not a number
}

// Rules returns every rule of SPEC in the order of its table (a fresh copy each call: the
// table itself cannot be changed from outside).
func Rules() []RuleInfo { return slices.Clone(rules[:]) }

// rules is the table behind Rules.
var rules = [...]RuleInfo{
	{MaxSessionMinutes, "Max minutes per session", false},
	{MaxSessionKm, "Max km per session", false},
	{MaxSessionRPE, "Max RPE per session", false},
	{MaxAvgHR, "Max average heart rate", false},
	{MaxWeeklyMinutes, "Max minutes per week", false},
	{MaxWeeklyKm, "Max km per week", false},
	{MaxSessionsPerWeek, "Max sessions per week", false},
	{MaxConsecutiveDays, "Max days in a row", false},
	{MinRehabDaysPerWeek, "Min rehab days per week", false},
	{MinStrengthSessionsPerWeek, "Min strength sessions per week", false},
	{PainThreshold, "Pain threshold", false},
	{ACWRMax, "ACWR max", false},
	{WeekIncreaseMaxPct, "Week increase max %", false},
	{SessionIncreaseMaxPct, "Session increase max %", false},
	{HRMaxRule, "HR max", false},
	{HRRestRule, "HR rest", false},
	{FlareUpPlan, "Flare-up plan", true},
}

// Rule is one Plan row: in force from From until a later row with the same ID and Sport.
type Rule struct {
	From   Day
	ID     RuleID
	Sport  Sport   // Running by default; Any applies to every sport
	Value  float64 // a value equal to the limit is within it
	Text   string  // flare_up_plan's text (from Value or Note)
	Note   string
	Source string // "symptoms.xlsx: Plan!row 3", for messages
}

// Plan is the set of limits agreed with the physio, in the order read.
type Plan struct {
	Rules []Rule
}

// InputKind is the kind of one input file in the import log.
type InputKind string

// The kinds of SPEC "JSON".
const (
	KindFIT      InputKind = "fit"
	KindGPX      InputKind = "gpx"
	KindTCX      InputKind = "tcx"
	KindSymptoms InputKind = "symptoms"
	KindPlan     InputKind = "plan"
	KindOther    InputKind = "other"
)

// InputStatus is what became of one input file.
type InputStatus string

// The statuses of SPEC "JSON".
const (
	StatusOK        InputStatus = "ok"
	StatusPartial   InputStatus = "partial"
	StatusDuplicate InputStatus = "duplicate"
	StatusSkipped   InputStatus = "skipped"
	StatusError     InputStatus = "error"
)

// Input is one line of the import log: every file read, found or refused.
type Input struct {
	Path     string // as given on the command line; inside archives "export.zip/inner/run.fit"
	Kind     InputKind
	Status   InputStatus
	Detail   string // why, when not ok; facts worth knowing when ok ("clock not set: 1990 dates")
	Sessions int    // sessions this file contributed (after duplicates)
}

// Rejected is one symptom or plan row that could not be read. Only its row is rejected.
type Rejected struct {
	File   string // "symptoms.xlsx"
	Cell   string // "Symptoms!B14", or for CSV "line 14, Pain"
	Reason string // `"three" is not a score from 0 to 10`
}

// ImportLog is everything the report says about the inputs.
type ImportLog struct {
	Inputs   []Input
	Rejected []Rejected
	Notes    []string // columns that matched nothing, and other facts about the inputs
}
