package report

import (
	"bufio"
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"

	"runload/analysis"
)

// jsonVersion is the version of the JSON document. A change that renames or removes a key,
// or changes a value's meaning, increments it; new keys do not.
const jsonVersion = 1

// The JSON document of SPEC "JSON". These structs are the contract: they are filled from the
// analysis types field by field, so a domain rename cannot change a key. Absent values are
// pointers marshalled as null; slices are never nil, so they marshal as [].

type jsonDoc struct {
	Version        int             `json:"version"`
	Period         jsonPeriod      `json:"period"`
	LoadMeasure    string          `json:"load_measure"`
	Inputs         []jsonInput     `json:"inputs"`
	Sessions       []jsonSession   `json:"sessions"`
	Days           []jsonDay       `json:"days"`
	Weeks          []jsonWeek      `json:"weeks"`
	LastWeek       *jsonWeekFocus  `json:"last_week"`
	ThisWeek       *jsonWeekFocus  `json:"this_week"`
	WeeklyMean     jsonWeeklyMean  `json:"weekly_mean"`
	Breaches       []jsonBreach    `json:"breaches"`
	Spikes         []jsonSpike     `json:"spikes"`
	Minimums       []jsonMinimum   `json:"minimums"`
	Exposure       []jsonExposure  `json:"exposure"`
	Association    jsonAssociation `json:"association"`
	Association48h jsonAssociation `json:"association_48h"`
	Status         jsonStatus      `json:"status"`
	Streaks        jsonStreaks     `json:"streaks"`
	Adherence      []jsonAdherence `json:"adherence"`
	Plan           []jsonRuleSpan  `json:"plan"`
	Thresholds     jsonThresholds  `json:"thresholds"`
	Rejected       []jsonRejected  `json:"rejected"`
	Notes          []string        `json:"notes"`
	InputNotes     []string        `json:"input_notes"`
}

type jsonPeriod struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type jsonInput struct {
	Path     string `json:"path"`
	Kind     string `json:"kind"`
	Status   string `json:"status"`
	Detail   string `json:"detail"`
	Sessions int    `json:"sessions"`
}

type jsonFlag struct {
	Kind  string   `json:"kind"`
	Rule  string   `json:"rule"`
	Value *float64 `json:"value"`
	Limit *float64 `json:"limit"`
}

type jsonSession struct {
	Start        string     `json:"start"`
	Date         string     `json:"date"`
	Sport        string     `json:"sport"`
	SubSport     *string    `json:"sub_sport"`
	DurationS    float64    `json:"duration_s"`
	ElapsedS     float64    `json:"elapsed_s"`
	DistanceM    *float64   `json:"distance_m"`
	AscentM      *float64   `json:"ascent_m"`
	AvgHR        *int       `json:"avg_hr"`
	MaxHR        *int       `json:"max_hr"`
	RPE          *float64   `json:"rpe"`
	RPESource    *string    `json:"rpe_source"`
	TRIMP        *float64   `json:"trimp"`
	TRIMPNote    *string    `json:"trimp_note"`
	Load         *float64   `json:"load"`
	ACWR         *float64   `json:"acwr"`
	Source       string     `json:"source"`
	Duplicates   []string   `json:"duplicates"`
	ZoneNote     *string    `json:"zone_note"`
	Baseline     *float64   `json:"baseline"` // null: the responses were judged without a baseline ("no baseline")
	PainNextDay  *float64   `json:"pain_next_day"`
	Pain48h      *float64   `json:"pain_48h"`
	PainResponse *bool      `json:"pain_response"`
	Response48h  *bool      `json:"response_48h"`
	Flags        []jsonFlag `json:"flags"`
}

type jsonDay struct {
	Date       string     `json:"date"`
	Load       *float64   `json:"load"`
	RunningMin float64    `json:"running_min"`
	RunningKm  float64    `json:"running_km"`
	OtherMin   float64    `json:"other_min"`
	WholeBody  float64    `json:"whole_body_load"`
	Acute      *float64   `json:"acute"`
	Chronic    *float64   `json:"chronic"`
	ACWR       *float64   `json:"acwr"`
	Logged     bool       `json:"logged"`
	Pain       *float64   `json:"pain"`
	Stiffness  *float64   `json:"stiffness"`
	Swelling   *float64   `json:"swelling"`
	Swollen    *bool      `json:"swollen"`
	Limping    *bool      `json:"limping"`
	Rehab      *bool      `json:"rehab"`
	RPE        *float64   `json:"rpe"`
	Location   *string    `json:"location"`
	Notes      *string    `json:"notes"`
	Flags      []jsonFlag `json:"flags"`
}

type jsonWeek struct {
	Week             string     `json:"week"`
	Start            string     `json:"start"`
	DaysInPeriod     int        `json:"days_in_period"`
	RunningMin       float64    `json:"running_min"`
	RunningKm        float64    `json:"running_km"`
	Sessions         int        `json:"sessions"`
	RunningSessions  int        `json:"running_sessions"`
	RehabDays        int        `json:"rehab_days"`
	StrengthSessions int        `json:"strength_sessions"`
	ChangePct        *float64   `json:"change_pct"`
	Load             float64    `json:"load"`
	Monotony         *float64   `json:"monotony"`
	Strain           *float64   `json:"strain"`
	MeanPain         *float64   `json:"mean_pain"`
	MeanStiffness    *float64   `json:"mean_stiffness"`
	WithinLimits     bool       `json:"within_limits"`
	Flags            []jsonFlag `json:"flags"`
}

// jsonWeekFocus is Result.LastWeek or ThisWeek: the week the Summary quotes, with each weekly
// rule it was checked against.
type jsonWeekFocus struct {
	Week             string          `json:"week"`
	Start            string          `json:"start"`
	First            string          `json:"first"`
	Last             string          `json:"last"`
	Days             int             `json:"days"`
	RunningMin       float64         `json:"running_min"`
	RunningKm        float64         `json:"running_km"`
	Sessions         int             `json:"sessions"`
	RunningSessions  int             `json:"running_sessions"`
	RehabDays        int             `json:"rehab_days"`
	StrengthSessions int             `json:"strength_sessions"`
	WithinLimits     bool            `json:"within_limits"`
	Limits           []jsonWeekLimit `json:"limits"`
}

// jsonWeekLimit is one part of a week checked against one value of a weekly rule: the whole
// week, or the days before or from a mid-week change (first..last).
type jsonWeekLimit struct {
	Rule  string   `json:"rule"`
	Sport string   `json:"sport"`
	First string   `json:"first"`
	Last  string   `json:"last"`
	Days  int      `json:"days"`
	Limit float64  `json:"limit"`
	Need  *float64 `json:"need"`
	Value float64  `json:"value"`
	Over  bool     `json:"over"`
	Met   *bool    `json:"met"`
	Note  string   `json:"note"`
}

type jsonWeeklyMean struct {
	Weeks      int      `json:"weeks"`
	RunningMin *float64 `json:"running_min"`
	RunningKm  *float64 `json:"running_km"`
}

type jsonBreach struct {
	Date         string   `json:"date"`
	First        *string  `json:"first"`
	Crossed      string   `json:"crossed"`
	Week         string   `json:"week"`
	SessionStart *string  `json:"session_start"`
	Rule         string   `json:"rule"`
	Sport        string   `json:"sport"`
	Limit        float64  `json:"limit"`
	Value        float64  `json:"value"`
	Excess       float64  `json:"excess"`
	ExcessPct    *float64 `json:"excess_pct"`
	Source       *string  `json:"source"`
}

type jsonSpike struct {
	Date          string   `json:"date"`
	Kind          string   `json:"kind"`
	Band          string   `json:"band"`
	Value         *float64 `json:"value"`
	Threshold     float64  `json:"threshold"`
	Detail        string   `json:"detail"`
	SessionStart  *string  `json:"session_start"`
	Baseline      *float64 `json:"baseline"` // null: "no baseline"
	PainNextDay   *float64 `json:"pain_next_day"`
	Pain48h       *float64 `json:"pain_48h"`
	PainResponse  *bool    `json:"pain_response"`
	Response48h   *bool    `json:"response_48h"`
	Confounded48h bool     `json:"confounded_48h"`
}

type jsonMinimum struct {
	Week  string  `json:"week"`
	Start string  `json:"start"`
	First string  `json:"first"`
	Last  string  `json:"last"`
	Rule  string  `json:"rule"`
	Sport string  `json:"sport"`
	Limit float64 `json:"limit"`
	Need  float64 `json:"need"`
	Value float64 `json:"value"`
	Met   bool    `json:"met"`
	Note  string  `json:"note"`
}

type jsonExposure struct {
	Date          string   `json:"date"`
	Exposed       bool     `json:"exposed"`
	Reasons       []string `json:"reasons"`
	Load          *float64 `json:"load"`
	Baseline      *float64 `json:"baseline"`
	Pain24h       *float64 `json:"pain_24h"`
	Pain48h       *float64 `json:"pain_48h"`
	Response24h   *bool    `json:"response_24h"`
	Response48h   *bool    `json:"response_48h"`
	Confounded48h bool     `json:"confounded_48h"`
}

type jsonAssociation struct {
	SpikeDays             int      `json:"spike_days"`
	SpikeDaysWithResponse int      `json:"spike_days_with_response"`
	OtherDays             int      `json:"other_days"`
	OtherDaysWithResponse int      `json:"other_days_with_response"`
	RelativeRisk          *float64 `json:"relative_risk"`
	RRLow                 *float64 `json:"rr_low"`
	RRHigh                *float64 `json:"rr_high"`
	FisherP               *float64 `json:"fisher_p"`
	SpearmanRho           *float64 `json:"spearman_rho"`
	NPairs                int      `json:"n_pairs"`
	DaysLoggedPct         float64  `json:"days_logged_pct"`
	EnoughData            bool     `json:"enough_data"`
	Corrected             bool     `json:"corrected"`
	MoreExposureNeeded    int      `json:"more_exposure_days_needed"`
	MoreOtherNeeded       int      `json:"more_other_days_needed"`
	Sentence              string   `json:"sentence"`
}

type jsonStatus struct {
	Level   string   `json:"level"`
	AsOf    *string  `json:"as_of"`
	Reasons []string `json:"reasons"`
}

type jsonStreaks struct {
	WeeksWithinLimits  int `json:"weeks_within_limits"`
	LongestWeeksWithin int `json:"longest_weeks_within_limits"`
	RehabDays          int `json:"rehab_days"`
	LongestRehabDays   int `json:"longest_rehab_days"`
}

type jsonAdherence struct {
	Rule       string `json:"rule"`
	Sport      string `json:"sport"`
	WeeksMet   int    `json:"weeks_met"`
	WeeksTotal int    `json:"weeks_total"`
}

type jsonRuleSpan struct {
	From   string   `json:"from"`
	Until  *string  `json:"until"`
	Rule   string   `json:"rule"`
	Label  string   `json:"label"`
	Sport  string   `json:"sport"`
	Value  *float64 `json:"value"`
	Text   *string  `json:"text"`
	Note   string   `json:"note"`
	Source string   `json:"source"`
}

type jsonThresholds struct {
	PainThreshold        float64  `json:"pain_threshold"`
	SessionIncreasePct   float64  `json:"session_increase_pct"`
	WeekIncreasePct      float64  `json:"week_increase_pct"`
	WeekIncreaseFloorKm  float64  `json:"week_increase_floor_km"`
	WeekIncreaseFloorMin float64  `json:"week_increase_floor_min"`
	ACWRMax              *float64 `json:"acwr_max"`
	LambdaAcute          float64  `json:"lambda_acute"`
	LambdaChronic        float64  `json:"lambda_chronic"`
	ChronicFloor         float64  `json:"chronic_floor"`
	HRMax                *int     `json:"hr_max"`
	HRRest               *int     `json:"hr_rest"`
	HRSource             *string  `json:"hr_source"`
	HRCoveragePct        float64  `json:"hr_coverage_pct"`
	TRIMPFemale          bool     `json:"trimp_female"`
}

type jsonRejected struct {
	File   string `json:"file"`
	Cell   string `json:"cell"`
	Reason string `json:"reason"`
}

// WriteJSON writes the analysis as SPEC's JSON document: indented, keys in a fixed order,
// numbers rounded to what the inputs can tell (0.1 s, 1 m, 0.01 for ratios), absent values
// null, and a final newline. A value that is not a finite number is an error: it would be
// a bug upstream, and JSON cannot hold it: nothing is written then. A failing w can leave
// part of the document (files are written through a temporary file and renamed).
func WriteJSON(w io.Writer, r analysis.Result, log analysis.ImportLog) error {
	var c conv
	doc := c.doc(r, log)
	if c.err != nil {
		return fmt.Errorf("writing JSON: %w", c.err)
	}
	if err := writeDoc(w, &doc); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}

// writeDoc writes doc, a pointer to a struct, as json.Encoder with SetIndent("", "  ") and
// SetEscapeHTML(false) would, byte for byte, but one key, and one element of a top-level
// array, at a time: the encoder holds a whole value twice (encoded, then indented), 13 MiB
// for five years, where this holds one day or one session. A slice that marshals itself
// ([]byte, json.RawMessage, a json.Marshaler) is written whole, as the encoder would.
func writeDoc(w io.Writer, doc any) error {
	bw := bufio.NewWriter(w)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	put := func(v any, prefix string) error {
		buf.Reset()
		enc.SetIndent(prefix, "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	rv := reflect.ValueOf(doc).Elem()
	rt := rv.Type()
	if rt.Kind() != reflect.Struct {
		return fmt.Errorf("writeDoc: %T is not a pointer to a struct", doc)
	}
	bw.WriteString("{\n")
	for i := range rt.NumField() {
		name, opts, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" || opts != "" {
			return fmt.Errorf("%s.%s: a top-level key needs a plain json tag", rt.Name(), rt.Field(i).Name)
		}
		bw.WriteString(`  "` + name + `": `) // snake_case keys: nothing to escape
		f := rv.Field(i)
		if elementwise(f.Type()) && f.Len() > 0 {
			bw.WriteString("[\n")
			for j := range f.Len() {
				bw.WriteString("    ")
				if err := put(f.Index(j).Addr().Interface(), "    "); err != nil { // Addr: pointer-receiver MarshalJSON too
					return err
				}
				if j < f.Len()-1 {
					bw.WriteByte(',')
				}
				bw.WriteByte('\n')
			}
			bw.WriteString("  ]")
		} else if err := put(f.Addr().Interface(), "  "); err != nil {
			return err
		}
		if i < rt.NumField()-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// elementwise reports whether writeDoc may write a value of type t one element at a time: a
// slice that the encoder writes as an array of its elements, not one that marshals itself.
func elementwise(t reflect.Type) bool {
	marshaler := reflect.TypeFor[json.Marshaler]()
	textMarshaler := reflect.TypeFor[encoding.TextMarshaler]()
	if t.Kind() != reflect.Slice || t.Elem().Kind() == reflect.Uint8 {
		return false // []byte and json.RawMessage are base64 or raw, not arrays
	}
	for _, m := range []reflect.Type{marshaler, textMarshaler} {
		if t.Implements(m) || reflect.PointerTo(t).Implements(m) {
			return false
		}
	}
	return true
}

// conv converts analysis values to JSON values, remembering the first non-finite number.
type conv struct{ err error }

func (c *conv) num(v float64, dec int, what string) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		if c.err == nil {
			c.err = fmt.Errorf("%s is %v, not a number", what, v)
		}
		return 0
	}
	p := math.Pow10(dec)
	r := math.Round(v*p) / p
	if r == 0 {
		r = 0 // no -0
	}
	return r
}

func (c *conv) opt(o analysis.Opt[float64], dec int, what string) *float64 {
	if !o.OK {
		return nil
	}
	v := c.num(o.V, dec, what)
	return &v
}

func optI(o analysis.Opt[int]) *int {
	if !o.OK {
		return nil
	}
	v := o.V
	return &v
}

func optB(o analysis.Opt[bool]) *bool {
	if !o.OK {
		return nil
	}
	v := o.V
	return &v
}

func optS(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// optDayS is a day as YYYY-MM-DD, or nil for the zero Day.
func optDayS(d analysis.Day) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func optT(o analysis.Opt[time.Time]) *string {
	if !o.OK {
		return nil
	}
	s := o.V.Format(time.RFC3339)
	return &s
}

func strs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// flagRule is a flag's "rule" key: the id of the rule broken or missed, the spike kind
// ("session_increase"), "pain_24h" or "pain_48h", the monotony band ("flag", "watch"), or the
// symptom whose weekly mean rose ("pain", "stiffness").
func flagRule(f analysis.Flag) string {
	switch f.Kind {
	case analysis.FlagBreach, analysis.FlagMinimumMissed:
		return string(f.Rule)
	case analysis.FlagSpike, analysis.FlagFirstRunBack, analysis.FlagWeekWatch:
		return string(f.Spike)
	case analysis.FlagPainResponse:
		switch f.Window {
		case analysis.Window24h:
			return "pain_24h"
		case analysis.Window48h:
			return "pain_48h"
		}
	case analysis.FlagMonotony:
		return string(f.Band)
	case analysis.FlagPainTrend:
		return string(f.Symptom)
	}
	return ""
}

func (c *conv) flags(fs []analysis.Flag) []jsonFlag {
	out := make([]jsonFlag, 0, len(fs))
	for _, f := range fs {
		out = append(out, jsonFlag{Kind: string(f.Kind), Rule: flagRule(f),
			Value: c.opt(f.Value, 2, "flag value"), Limit: c.opt(f.Limit, 2, "flag limit")})
	}
	return out
}

func (c *conv) doc(r analysis.Result, log analysis.ImportLog) jsonDoc {
	load := r.Load
	if load == "" {
		load = analysis.LoadMinutes
	}
	d := jsonDoc{
		Version:     jsonVersion,
		Period:      jsonPeriod{From: r.From.String(), To: r.To.String()},
		LoadMeasure: string(load),
		Inputs:      make([]jsonInput, 0, len(log.Inputs)),
		Sessions:    make([]jsonSession, 0, len(r.Sessions)),
		Days:        make([]jsonDay, 0, len(r.Days)),
		Weeks:       make([]jsonWeek, 0, len(r.Weeks)),
		Breaches:    make([]jsonBreach, 0, len(r.Breaches)),
		Spikes:      make([]jsonSpike, 0, len(r.Spikes)),
		Minimums:    make([]jsonMinimum, 0, len(r.Minimums)),
		Exposure:    make([]jsonExposure, 0, len(r.Exposure)),
		Adherence:   make([]jsonAdherence, 0, len(r.Adherence)),
		Plan:        make([]jsonRuleSpan, 0, len(r.RuleSpans)),
		Rejected:    make([]jsonRejected, 0, len(log.Rejected)),
		Notes:       strs(slices.Concat(r.Notes, r.TRIMPNotes)),
		InputNotes:  strs(log.Notes),
	}
	for _, in := range log.Inputs {
		d.Inputs = append(d.Inputs, jsonInput{Path: in.Path, Kind: string(in.Kind), Status: string(in.Status),
			Detail: in.Detail, Sessions: in.Sessions})
	}
	for _, s := range r.Sessions {
		d.Sessions = append(d.Sessions, jsonSession{
			Start:        s.Start.Format(time.RFC3339),
			Date:         sessionDay(s).String(),
			Sport:        string(s.Sport),
			SubSport:     optS(s.SubSport),
			DurationS:    c.num(s.Duration.Seconds(), 1, "sessions.duration_s"),
			ElapsedS:     c.num(s.Elapsed.Seconds(), 1, "sessions.elapsed_s"),
			DistanceM:    c.opt(s.DistanceM, 0, "sessions.distance_m"),
			AscentM:      c.opt(s.AscentM, 0, "sessions.ascent_m"),
			AvgHR:        optI(s.AvgHR),
			MaxHR:        optI(s.MaxHR),
			RPE:          c.opt(s.RPE, 1, "sessions.rpe"),
			RPESource:    optS(s.RPESource),
			TRIMP:        c.opt(s.TRIMP, 1, "sessions.trimp"),
			TRIMPNote:    optS(s.TRIMPNote),
			Load:         c.opt(s.Load, 2, "sessions.load"),
			ACWR:         c.opt(s.ACWR, 2, "sessions.acwr"),
			Source:       s.Source,
			Duplicates:   strs(s.Duplicates),
			ZoneNote:     optS(s.ZoneNote),
			Baseline:     c.opt(s.Baseline, 1, "sessions.baseline"),
			PainNextDay:  c.opt(s.PainNextDay, 1, "sessions.pain_next_day"),
			Pain48h:      c.opt(s.Pain48h, 1, "sessions.pain_48h"),
			PainResponse: optB(s.PainResponse),
			Response48h:  optB(s.Response48h),
			Flags:        c.flags(s.Flags),
		})
	}
	for _, day := range r.Days {
		sy := day.Symptoms
		d.Days = append(d.Days, jsonDay{
			Date:       day.Day.String(),
			Load:       c.opt(day.Load, 2, "days.load"),
			RunningMin: c.num(day.RunningMin, 1, "days.running_min"),
			RunningKm:  c.num(day.RunningKm, 2, "days.running_km"),
			OtherMin:   c.num(day.OtherMin, 1, "days.other_min"),
			WholeBody:  c.num(day.WholeBody, 1, "days.whole_body_load"),
			Acute:      c.opt(day.Acute, 2, "days.acute"),
			Chronic:    c.opt(day.Chronic, 2, "days.chronic"),
			ACWR:       c.opt(day.ACWR, 2, "days.acwr"),
			Logged:     day.Logged,
			Pain:       c.opt(sy.Pain, 1, "days.pain"),
			Stiffness:  c.opt(sy.Stiffness, 1, "days.stiffness"),
			Swelling:   c.opt(sy.Swelling, 1, "days.swelling"),
			Swollen:    optB(sy.Swollen),
			Limping:    optB(sy.Limping),
			Rehab:      optB(sy.Rehab),
			RPE:        c.opt(sy.RPE, 1, "days.rpe"),
			Location:   optS(sy.Location),
			Notes:      optS(sy.Notes),
			Flags:      c.flags(day.Flags),
		})
	}
	for _, w := range r.Weeks {
		d.Weeks = append(d.Weeks, jsonWeek{
			Week:             w.Week,
			Start:            w.Start.String(),
			DaysInPeriod:     w.DaysInPeriod,
			RunningMin:       c.num(w.RunningMin, 1, "weeks.running_min"),
			RunningKm:        c.num(w.RunningKm, 2, "weeks.running_km"),
			Sessions:         w.Sessions,
			RunningSessions:  w.RunningSessions,
			RehabDays:        w.RehabDays,
			StrengthSessions: w.StrengthSessions,
			ChangePct:        c.opt(w.ChangePct, 1, "weeks.change_pct"),
			Load:             c.num(w.Load, 1, "weeks.load"),
			Monotony:         c.opt(w.Monotony, 2, "weeks.monotony"),
			Strain:           c.opt(w.Strain, 1, "weeks.strain"),
			MeanPain:         c.opt(w.MeanPain, 2, "weeks.mean_pain"),
			MeanStiffness:    c.opt(w.MeanStiffness, 2, "weeks.mean_stiffness"),
			WithinLimits:     w.WithinLimits,
			Flags:            c.flags(w.Flags),
		})
	}
	d.LastWeek = c.weekFocus(r.LastWeek, "last_week")
	d.ThisWeek = c.weekFocus(r.ThisWeek, "this_week")
	d.WeeklyMean.Weeks = r.WeeklyMean.Weeks
	if r.WeeklyMean.Weeks > 0 {
		d.WeeklyMean.RunningMin = c.opt(analysis.Some(r.WeeklyMean.RunningMin), 1, "weekly_mean.running_min")
		d.WeeklyMean.RunningKm = c.opt(analysis.Some(r.WeeklyMean.RunningKm), 2, "weekly_mean.running_km")
	}
	for _, b := range r.Breaches {
		d.Breaches = append(d.Breaches, jsonBreach{
			Date: b.Day.String(), First: optDayS(b.First), Crossed: b.Crossed.String(), Week: b.Week, SessionStart: optT(b.SessionStart), Rule: string(b.Rule),
			Sport: string(b.Sport), Limit: c.num(b.Limit, 2, "breaches.limit"), Value: c.num(b.Value, 2, "breaches.value"),
			Excess: c.num(b.Excess, 2, "breaches.excess"), ExcessPct: c.opt(b.ExcessPct, 1, "breaches.excess_pct"),
			Source: optS(b.Source),
		})
	}
	for _, s := range r.Spikes {
		d.Spikes = append(d.Spikes, jsonSpike{
			Date: s.Day.String(), Kind: string(s.Kind), Band: string(s.Band), Value: c.opt(s.Value, 2, "spikes.value"),
			Threshold: c.num(s.Threshold, 2, "spikes.threshold"), Detail: s.Detail, SessionStart: optT(s.SessionStart),
			Baseline: c.opt(s.Baseline, 1, "spikes.baseline"), PainNextDay: c.opt(s.PainNextDay, 1, "spikes.pain_next_day"),
			Pain48h: c.opt(s.Pain48h, 1, "spikes.pain_48h"), PainResponse: optB(s.PainResponse), Response48h: optB(s.Response48h),
			Confounded48h: s.Confounded48h,
		})
	}
	for _, m := range r.Minimums {
		d.Minimums = append(d.Minimums, jsonMinimum{Week: m.Week, Start: m.Start.String(), First: m.First.String(),
			Last: m.Last.String(), Rule: string(m.Rule), Sport: string(m.Sport), Limit: c.num(m.Limit, 2, "minimums.limit"),
			Need: c.num(m.Need, 2, "minimums.need"), Value: c.num(m.Value, 2, "minimums.value"), Met: m.Met, Note: m.Note})
	}
	for _, e := range r.Exposure {
		d.Exposure = append(d.Exposure, jsonExposure{
			Date: e.Day.String(), Exposed: e.Exposed, Reasons: strs(e.Reasons), Load: c.opt(e.Load, 2, "exposure.load"),
			Baseline: c.opt(e.Baseline, 1, "exposure.baseline"), Pain24h: c.opt(e.Pain24h, 1, "exposure.pain_24h"),
			Pain48h: c.opt(e.Pain48h, 1, "exposure.pain_48h"), Response24h: optB(e.Response24h),
			Response48h: optB(e.Response48h), Confounded48h: e.Confounded48h,
		})
	}
	d.Association = c.association(r.Association)
	d.Association48h = c.association(r.Association48h)
	d.Status = jsonStatus{Level: string(r.Status.Level), Reasons: strs(r.Status.Reasons)}
	if !r.Status.AsOf.IsZero() {
		s := r.Status.AsOf.String()
		d.Status.AsOf = &s
	}
	d.Streaks = jsonStreaks{WeeksWithinLimits: r.Streaks.WeeksWithinLimits, LongestWeeksWithin: r.Streaks.LongestWeeksWithin,
		RehabDays: r.Streaks.RehabDays, LongestRehabDays: r.Streaks.LongestRehabDays}
	for _, a := range r.Adherence {
		d.Adherence = append(d.Adherence, jsonAdherence{Rule: string(a.Rule), Sport: string(a.Sport),
			WeeksMet: a.WeeksMet, WeeksTotal: a.WeeksTotal})
	}
	for _, sp := range r.RuleSpans {
		js := jsonRuleSpan{From: sp.From.String(), Rule: string(sp.ID), Label: ruleLabel(sp.ID), Sport: string(sp.Sport),
			Text: optS(sp.Text), Note: sp.Note, Source: sp.Source}
		if sp.Until.OK {
			s := sp.Until.V.String()
			js.Until = &s
		}
		if sp.ID != analysis.FlareUpPlan {
			v := c.num(sp.Value, 2, "plan.value")
			js.Value = &v
		}
		d.Plan = append(d.Plan, js)
	}
	t := r.Thresholds
	d.Thresholds = jsonThresholds{
		PainThreshold:        c.num(t.PainThreshold, 2, "thresholds.pain_threshold"),
		SessionIncreasePct:   c.num(t.SessionIncreasePct, 2, "thresholds.session_increase_pct"),
		WeekIncreasePct:      c.num(t.WeekIncreasePct, 2, "thresholds.week_increase_pct"),
		WeekIncreaseFloorKm:  c.num(t.WeekIncreaseFloorKm, 2, "thresholds.week_increase_floor_km"),
		WeekIncreaseFloorMin: c.num(t.WeekIncreaseFloorMin, 2, "thresholds.week_increase_floor_min"),
		ACWRMax:              c.opt(t.ACWRMax, 2, "thresholds.acwr_max"),
		LambdaAcute:          c.num(t.LambdaAcute, 4, "thresholds.lambda_acute"),
		LambdaChronic:        c.num(t.LambdaChronic, 4, "thresholds.lambda_chronic"),
		ChronicFloor:         c.num(t.ChronicFloor, 2, "thresholds.chronic_floor"),
		HRMax:                optI(t.HRMax), HRRest: optI(t.HRRest), HRSource: optS(t.HRSource),
		HRCoveragePct: c.num(t.HRCoveragePct, 1, "thresholds.hr_coverage_pct"),
		TRIMPFemale:   t.TRIMPFemale,
	}
	for _, rj := range log.Rejected {
		d.Rejected = append(d.Rejected, jsonRejected{File: rj.File, Cell: rj.Cell, Reason: rj.Reason})
	}
	return d
}

// weekFocus is a week the Summary quotes, or nil when it is absent.
func (c *conv) weekFocus(o analysis.Opt[analysis.WeekSummary], key string) *jsonWeekFocus {
	if !o.OK {
		return nil
	}
	w := o.V
	out := &jsonWeekFocus{Week: w.Week, Start: w.Start.String(), First: w.First.String(), Last: w.Last.String(), Days: w.Days,
		RunningMin: c.num(w.RunningMin, 1, key+".running_min"), RunningKm: c.num(w.RunningKm, 2, key+".running_km"),
		Sessions: w.Sessions, RunningSessions: w.RunningSessions, RehabDays: w.RehabDays, StrengthSessions: w.StrengthSessions,
		WithinLimits: w.WithinLimits, Limits: make([]jsonWeekLimit, 0, len(w.Limits))}
	for _, l := range w.Limits {
		var need *float64
		if l.Rule == analysis.MinRehabDaysPerWeek || l.Rule == analysis.MinStrengthSessionsPerWeek {
			need = c.opt(analysis.Some(l.Need), 2, key+".limits.need")
		}
		out.Limits = append(out.Limits, jsonWeekLimit{Rule: string(l.Rule), Sport: string(l.Sport), First: l.First.String(),
			Last: l.Last.String(), Days: l.Days, Limit: c.num(l.Limit, 2, key+".limits.limit"), Need: need,
			Value: c.num(l.Value, 2, key+".limits.value"), Over: l.Over, Met: optB(l.Met), Note: l.Note})
	}
	return out
}

// sessionDay is the session's calendar day: the analysis's, else the local date of its start.
func sessionDay(s analysis.SessionResult) analysis.Day {
	if s.Day.IsZero() {
		return s.Session.Day()
	}
	return s.Day
}

func (c *conv) association(a analysis.Association) jsonAssociation {
	return jsonAssociation{
		SpikeDays: a.SpikeDays, SpikeDaysWithResponse: a.SpikeDaysWithResponse,
		OtherDays: a.OtherDays, OtherDaysWithResponse: a.OtherDaysWithResponse,
		RelativeRisk: c.opt(a.RelativeRisk, 2, "association.relative_risk"),
		RRLow:        c.opt(a.RRLow, 2, "association.rr_low"),
		RRHigh:       c.opt(a.RRHigh, 2, "association.rr_high"),
		FisherP:      c.opt(a.FisherP, 4, "association.fisher_p"),
		SpearmanRho:  c.opt(a.SpearmanRho, 2, "association.spearman_rho"),
		NPairs:       a.NPairs, DaysLoggedPct: c.num(a.DaysLoggedPct, 1, "association.days_logged_pct"),
		EnoughData: a.EnoughData, Corrected: a.Corrected,
		MoreExposureNeeded: a.MoreExposureNeeded, MoreOtherNeeded: a.MoreOtherNeeded,
		Sentence: a.Sentence,
	}
}
