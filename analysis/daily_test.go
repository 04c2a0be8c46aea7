package analysis

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type dayRow struct {
	Day                         string
	Load                        string // rounded to 0.1, or "absent"
	RunMin, RunKm, Other, Whole float64
	Pain                        Opt[float64]
	Logged                      bool
}

func dayRows(r Result) []dayRow {
	var out []dayRow
	for _, d := range r.Days {
		out = append(out, dayRow{d.Day.String(), loadText(d.Load), d.RunningMin, round(d.RunningKm, 2), d.OtherMin, round(d.WholeBody, 1), d.Symptoms.Pain, d.Logged})
	}
	return out
}

// loadText shows a day's load rounded to 0.1, or "absent".
func loadText(l Opt[float64]) string {
	if !l.OK {
		return "absent"
	}
	return strconv.FormatFloat(round(l.V, 1), 'f', -1, 64)
}

func TestDailySeries(t *testing.T) {
	sessions := []Session{run("2026-03-02", 30, 5), other(Cycling, "2026-03-04", 60)}
	log := []SymptomEntry{pain("2026-03-01", 1), pain("2026-03-03", 2)}
	got := dayRows(Analyze(sessions, log, Plan{}, Config{}))
	// A row for every day 03-01..03-04; a missing log row is absent, never 0; a rest day has load 0;
	// the ride is cross-training: 0 running minutes, 60 other minutes, whole-body 60 (no RPE).
	want := []dayRow{
		{"2026-03-01", "0", 0, 0, 0, 0, Some(1.0), true},
		{"2026-03-02", "30", 30, 5, 0, 30, Opt[float64]{}, false},
		{"2026-03-03", "0", 0, 0, 0, 0, Some(2.0), true},
		{"2026-03-04", "0", 0, 0, 60, 60, Opt[float64]{}, false},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("days (-want +got):\n%s", d)
	}
}

func TestPeriodClippedByFromTo(t *testing.T) {
	sessions := []Session{run("2026-03-01", 30, 5), run("2026-03-05", 30, 5), run("2026-03-09", 30, 5)}
	r := Analyze(sessions, nil, Plan{}, Config{From: Some(D("2026-03-03")), To: Some(D("2026-03-06"))})
	if r.From != D("2026-03-03") || r.To != D("2026-03-06") || len(r.Days) != 4 || len(r.Sessions) != 1 {
		t.Fatalf("period %s..%s, %d days, %d sessions; want 2026-03-03..2026-03-06, 4, 1", r.From, r.To, len(r.Days), len(r.Sessions))
	}
	// The 03-05 run looks back before -from: the 03-01 run is its longest, ratio 1.0, no spike
	// and not "first run back".
	if len(r.Spikes) != 0 {
		t.Errorf("spikes %+v, want none: the look-back sees the run before -from", r.Spikes)
	}
}

// Sessions for the load-measure cases: a 30-minute 5 km run with watch RPE 4, 30 min of HR
// at 150, and the log's RPE 6 that day; a 60-minute ride with average HR 150 and no RPE.
func loadSessions() ([]Session, []SymptomEntry) {
	r := run("2026-03-02", 30, 5)
	r.RPE = Some(4.0)
	r.HR = hist(150, 30*time.Minute)
	ride := other(Cycling, "2026-03-04", 60)
	ride.AvgHR = Some(150)
	e := pain("2026-03-02", 1)
	e.RPE = Some(6.0)
	return []Session{r, ride}, []SymptomEntry{e}
}

func TestLoadMeasures(t *testing.T) {
	hr := Config{HRMax: Some(190), HRRest: Some(60)}
	for _, tc := range []struct {
		name     string
		cfg      Config
		want     []string // daily loads 03-02..03-04
		wantNote string
	}{
		{"minutes: running minutes only", Config{Load: LoadMinutes}, []string{"30", "0", "0"}, ""},
		{"the zero measure is minutes", Config{}, []string{"30", "0", "0"}, ""},
		{"km: running km only", Config{Load: LoadKm}, []string{"5", "0", "0"}, ""},
		// run: 30 · 0.6923 · 0.64 · 3.7777 = 50.2; ride: average HR, 60 min → 100.4
		{"trimp: every sport", Config{Load: LoadTRIMP, HRMax: hr.HRMax, HRRest: hr.HRRest}, []string{"50.2", "0", "100.4"}, ""},
		// run: the log's RPE 6 wins over the watch's 4: 6 · 30 = 180; the ride has no RPE: its
		// day's load is unknown, not 0 (03-03 is a rest day: 0)
		{"srpe: log RPE × minutes, a day whose sessions have no RPE is absent", Config{Load: LoadSRPE},
			[]string{"180", "0", "absent"}, "Load is sRPE: 1 of 2 sessions have no RPE"},
		{"trimp without HRmax/HRrest: unknown, and why", Config{Load: LoadTRIMP}, []string{"absent", "0", "absent"},
			"TRIMP not computed for 2 of 2 sessions: no HRmax/HRrest — give -hr-max and -hr-rest or Plan rows hr_max, hr_rest"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, e := loadSessions()
			r := Analyze(s, e, Plan{}, tc.cfg)
			var got []string
			for _, d := range r.Days {
				got = append(got, loadText(d.Load))
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("loads (-want +got):\n%s", d)
			}
			if all := slices.Concat(r.Notes, r.TRIMPNotes); tc.wantNote != "" && !strings.Contains(strings.Join(all, "\n"), tc.wantNote) {
				t.Errorf("notes %q lack %q", all, tc.wantNote)
			}
		})
	}
}

func TestRPESource(t *testing.T) {
	long := run("2026-03-02", 60, 10)
	short := run("2026-03-02", 20, 3)
	short.Start = at("2026-03-02", 18, 0)
	short.RPE = Some(3.0)
	long.RPE = Some(5.0)
	noRPE := other(Strength, "2026-03-03", 30)
	e := pain("2026-03-02", 1)
	e.RPE = Some(7.0)
	r := Analyze([]Session{short, noRPE, long}, []SymptomEntry{e}, Plan{}, Config{Load: LoadSRPE})
	type row struct {
		Min  float64
		RPE  Opt[float64]
		Src  string
		Load Opt[float64]
	}
	var got []row
	for _, s := range r.Sessions {
		got = append(got, row{s.Duration.Minutes(), s.RPE, s.RPESource, s.Load})
	}
	// The log's RPE 7 is for the day's longest session (60 min: 420); the 20-minute run keeps the
	// watch's 3 (60); the strength session has none, so no sRPE.
	want := []row{{60, Some(7.0), "log", Some(420.0)}, {20, Some(3.0), "watch", Some(60.0)}, {30, Opt[float64]{}, "", Opt[float64]{}}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("sessions (-want +got):\n%s", d)
	}
}

func TestTRIMPHeartRateSources(t *testing.T) {
	s := run("2026-03-02", 60, 10)
	s.HR = hist(150, time.Hour)
	s.HRMax, s.HRRest = Some(190), Some(60) // the file's own: 100.4
	for _, tc := range []struct {
		name    string
		cfg     Config
		plan    Plan
		file    bool
		want    Opt[float64]
		wantSrc string
	}{
		{"the file's own values", Config{}, Plan{}, true, Some(100.4), "files"},
		// plan 200/60: x = 90/140 = 0.6429; 60 · 0.6429 · 0.64 · e^(1.92·0.6429 = 1.2343 → 3.4360) = 84.8
		{"the Plan over the file", Config{}, plan(rule("2026-01-01", HRMaxRule, Any, 200), rule("2026-01-01", HRRestRule, Any, 60)), true, Some(84.8), "plan"},
		// flags 170/50: x = 100/120 = 0.8333; 60 · 0.8333 · 0.64 · e^(1.92·0.8333 = 1.6 → 4.9530) = 158.5
		{"the flags over the Plan", Config{HRMax: Some(170), HRRest: Some(50)}, plan(rule("2026-01-01", HRMaxRule, Any, 200), rule("2026-01-01", HRRestRule, Any, 60)), true, Some(158.5), "flags"},
		{"nothing: no TRIMP", Config{}, Plan{}, false, Opt[float64]{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := s
			if !tc.file {
				in.HRMax, in.HRRest = Opt[int]{}, Opt[int]{}
			}
			r := Analyze([]Session{in}, nil, tc.plan, tc.cfg)
			got := r.Sessions[0].TRIMP
			if got.OK {
				got.V = round(got.V, 1)
			}
			if got != tc.want || r.Thresholds.HRSource != tc.wantSrc {
				t.Errorf("TRIMP %v from %q, want %v from %q (note %q)", got, r.Thresholds.HRSource, tc.want, tc.wantSrc, r.Sessions[0].TRIMPNote)
			}
		})
	}
}

func TestEveningRunAcrossMidnightUTC(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	s := run("2026-03-02", 40, 8)
	s.Start = time.Date(2026, 3, 2, 20, 30, 0, 0, ny) // 01:30 UTC on 03-03
	log := []SymptomEntry{pain("2026-03-02", 1), pain("2026-03-03", 4)}
	r := Analyze([]Session{s}, log, Plan{}, Config{})
	got := r.Sessions[0]
	// The run is the evening of 03-02 where it was run; the next morning is 03-03 (pain 4 ≥ 1 + 2).
	if got.Day != D("2026-03-02") || got.PainNextDay != Some(4.0) || got.PainResponse != Some(true) {
		t.Errorf("day %s, next-day pain %v, response %v; want 2026-03-02, 4, true", got.Day, got.PainNextDay, got.PainResponse)
	}
	if r.Days[0].RunningMin != 40 || r.Days[0].Day != D("2026-03-02") {
		t.Errorf("the run counted on %s (%v min), want 2026-03-02", r.Days[0].Day, r.Days[0].RunningMin)
	}
}

func TestSymptomRowsMerged(t *testing.T) {
	a := SymptomEntry{Day: D("2026-03-02"), Pain: Some(2.0), Rehab: Some(false), Notes: "sore"}
	b := SymptomEntry{Day: D("2026-03-02"), Pain: Some(4.0), Limping: Some(true), Rehab: Some(true), Notes: "calf"}
	r := Analyze(nil, []SymptomEntry{a, b}, Plan{}, Config{})
	got := r.Days[0].Symptoms
	// The worst value counts: pain 4, limping; rehab done in one row counts as done.
	if got.Pain != Some(4.0) || got.Limping != Some(true) || got.Rehab != Some(true) || got.Notes != "calf; sore" {
		t.Errorf("merged %+v", got)
	}
}

// TestFromKeepsTheLoadHistory: 40 days of 30-minute runs from 03-01. With -from 04-01 (day 31
// of the data) the period's first day has the same acute and chronic load as without -from,
// and its ACWR is shown at once: the 28-day gate counts the data's days, not the period's.
func TestFromKeepsTheLoadHistory(t *testing.T) {
	var sessions []Session
	for i := range 40 {
		sessions = append(sessions, run(D("2026-03-01").AddDays(i).String(), 30, 5))
	}
	whole := Analyze(sessions, nil, Plan{}, Config{})
	cut := Analyze(sessions, nil, Plan{}, Config{From: Some(D("2026-04-01"))})
	var want DayResult
	for _, d := range whole.Days {
		if d.Day == D("2026-04-01") {
			want = d
		}
	}
	got := cut.Days[0]
	if got.Day != want.Day || got.Acute != want.Acute || got.Chronic != want.Chronic || got.ACWR != want.ACWR || !got.ACWR.OK {
		t.Errorf("04-01 with -from: acute %v chronic %v ACWR %v; without: %v %v %v",
			got.Acute, got.Chronic, got.ACWR, want.Acute, want.Chronic, want.ACWR)
	}
}

// TestNextPainCrossesTheEnd: -to 2026-03-10 with pain 1 on 03-09 and 03-10 and 4 on 03-11,
// after the period. Each day's next-morning pain is the pain of the day after it, looked up in
// the whole log: 03-09 → 1 (03-10), 03-10 → 4 (03-11, outside the period). The run of 03-10
// sees the same morning: pain next day 4, and 4 ≥ 1 + 2 is a response.
func TestNextPainCrossesTheEnd(t *testing.T) {
	log := []SymptomEntry{pain("2026-03-09", 1), pain("2026-03-10", 1), pain("2026-03-11", 4)}
	r := Analyze([]Session{run("2026-03-09", 30, 5), run("2026-03-10", 40, 8)}, log, Plan{}, Config{To: Some(D("2026-03-10"))})
	type next struct {
		Day  string
		Pain Opt[float64]
	}
	var got []next
	for _, d := range r.Days {
		got = append(got, next{d.Day.String(), d.NextPain})
	}
	want := []next{{"2026-03-09", Some(1.0)}, {"2026-03-10", Some(4.0)}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("next-morning pain (-want +got):\n%s", d)
	}
	if s := r.Sessions[1]; s.PainNextDay != Some(4.0) || s.PainResponse != Some(true) {
		t.Errorf("the 03-10 run: pain next day %v, response %v; want 4, true", s.PainNextDay, s.PainResponse)
	}
}

// TestLoggedIsAnySymptomCell: a day is logged when its row has any symptom cell (DOMAIN §4),
// so a stiffness-only row counts and a notes-only row does not (its note is still shown).
// Runs on 03-01 and 03-04; rows: 03-01 pain 1, 03-02 a note only, 03-03 stiffness 3, 03-04
// none. Logged: yes, no, yes, no; 2 of 4 mornings logged = 50 %.
func TestLoggedIsAnySymptomCell(t *testing.T) {
	log := []SymptomEntry{pain("2026-03-01", 1), {Day: D("2026-03-02"), Notes: "rest day"},
		{Day: D("2026-03-03"), Stiffness: Some(3.0)}}
	r := Analyze([]Session{run("2026-03-01", 30, 5), run("2026-03-04", 30, 5)}, log, Plan{}, Config{})
	var got []bool
	for _, d := range r.Days {
		got = append(got, d.Logged)
	}
	if d := cmp.Diff([]bool{true, false, true, false}, got); d != "" {
		t.Errorf("logged 03-01..03-04 (-want +got):\n%s", d)
	}
	if r.Association.DaysLoggedPct != 50 {
		t.Errorf("%v %% of mornings logged, want 50", r.Association.DaysLoggedPct)
	}
	if n := r.Days[1].Symptoms.Notes; n != "rest day" {
		t.Errorf("03-02 notes %q, want the note kept", n)
	}
}

// TestNotesOnlyRowIsNoData: a row with only a note neither widens the period (as in
// ChoosePeriod) nor starts the 28-day history of the ACWR.
func TestNotesOnlyRowIsNoData(t *testing.T) {
	note := func(day string) SymptomEntry { return SymptomEntry{Day: D(day), Notes: "note"} }
	// One run and pain on 03-01, a note on 03-05: the period is 03-01 alone.
	r := Analyze([]Session{run("2026-03-01", 30, 5)}, []SymptomEntry{pain("2026-03-01", 1), note("2026-03-05")}, Plan{}, Config{})
	if r.From != D("2026-03-01") || r.To != D("2026-03-01") {
		t.Errorf("period %s..%s, want 2026-03-01..2026-03-01", r.From, r.To)
	}
	// -from 03-01 with a note on 01-01, 59 days before: the history starts on 03-01, the first
	// day with data, so day 0 has no ACWR (under 28 days). Counted from the note it would be
	// 28+ days old: acute 0.25·60 = 15 over chronic 60·2/29 ≈ 4.14 (over the 3-minute floor) = 3.6.
	r = Analyze([]Session{run("2026-03-01", 60, 10)}, []SymptomEntry{note("2026-01-01"), pain("2026-03-01", 1)}, Plan{},
		Config{From: Some(D("2026-03-01"))})
	if len(r.Days) != 1 || r.Days[0].ACWR.OK {
		t.Errorf("days %d, ACWR %v; want 1 day and no ACWR in the first 28 days of data", len(r.Days), r.Days[0].ACWR)
	}
}

func TestHRUse(t *testing.T) {
	// Two runs without flags or Plan values: the first's file gives HRmax 156 and HRrest 45
	// and it reached 179 bpm; the second's file gives none. A third, a ride, has its file's
	// HRmax 190 and HRrest 50 and reached 150.
	a, b, c := run("2026-03-02", 30, 5), run("2026-03-04", 30, 5), other(Cycling, "2026-03-05", 60)
	a.HRMax, a.HRRest, a.MaxHR, a.AvgHR = Some(156), Some(45), Some(179), Some(150)
	b.MaxHR, b.AvgHR = Some(170), Some(140)
	c.HRMax, c.HRRest, c.MaxHR, c.AvgHR = Some(190), Some(50), Some(150), Some(130)
	r := Analyze([]Session{a, b, c}, nil, Plan{}, Config{})
	// 2 of 3 with values, both from files, two different pairs; 179 > 156 on one session.
	want := HRUse{Sessions: 3, WithValues: 2, FromFiles: 2, FilePairs: 2, AboveMax: 1, PeakHR: Some(179), PeakHRMax: Some(156)}
	if d := cmp.Diff(want, r.HR); d != "" {
		t.Errorf("HRUse (-want +got):\n%s", d)
	}
	wantNotes := []string{
		"TRIMP not computed for 1 of 3 sessions: no HRmax/HRrest — give -hr-max and -hr-rest or Plan rows hr_max, hr_rest",
		"1 session reaches a heart rate above the HRmax used for TRIMP (up to 179 bpm against 156): intensity is capped at HRmax, which may be set too low",
		"TRIMP uses the men's constants (a 0.64, b 1.92) where the files do not say the runner's sex",
	}
	if d := cmp.Diff(wantNotes, r.TRIMPNotes); d != "" {
		t.Errorf("TRIMPNotes (-want +got):\n%s", d)
	}
	for _, n := range r.Notes {
		if strings.Contains(n, "TRIMP") {
			t.Errorf("a TRIMP note among the load notes, under -load minutes: %q", n)
		}
	}
	// The flags win for every session: no file values used, none above 200.
	r = Analyze([]Session{a, b, c}, nil, Plan{}, Config{HRMax: Some(200), HRRest: Some(40)})
	want = HRUse{Sessions: 3, WithValues: 3}
	if d := cmp.Diff(want, r.HR); d != "" {
		t.Errorf("with -hr-max and -hr-rest, HRUse (-want +got):\n%s", d)
	}
}
