package report

import (
	"fmt"
	"time"

	"runload/analysis"
)

// The test Result: analysis.Analyze run on ten weeks of a return to running after an
// Achilles flare-up, from Monday 5 January to Sunday 15 March 2026, in a +01:00 zone, so the
// golden files show a Result the analysis can give. Walk-run sessions three times a week
// grow from 15 to 40 minutes, with strength sessions and, from week 4, a weekend ride. In
// week 6 the runner goes 55 minutes (limit 45 from week 5); pain is 4/10 the next morning,
// with a limp. In week 9 every run is 8 minutes longer, over the 45-minute limit and, in
// all, the 130 minutes a week; rehab lapses that week. Pain ends at 3/10 on the last morning.

var cet = time.FixedZone("CET", 3600)

var day0 = analysis.Day{Year: 2026, Month: time.January, Day: 5}

type fxSession struct {
	day     int // days after day0
	hhmm    string
	sport   analysis.Sport
	minutes float64
	km      float64 // 0: no distance
	avgHR   int     // 0: no HR
	rpe     float64 // 0: none
}

func fxSessions() []fxSession {
	var out []fxSession
	runMin := []float64{15, 18, 20, 24, 28, 32, 34, 36, 38, 40} // per run, by week
	for w := 0; w < 10; w++ {
		base := w * 7
		for i, wd := range []int{0, 2, 4} { // Mon, Wed, Fri
			m := runMin[w]
			if w == 5 && i == 1 {
				m = 55 // the long one
			}
			if w == 8 {
				m += 8 // the week that jumps
			}
			km := m / 6.2
			hhmm := "07:10"
			if i == 1 {
				hhmm = "18:45"
			}
			hr := 138 + w + i
			if w == 2 && i == 2 {
				hr = 0 // chest strap forgotten
			}
			out = append(out, fxSession{base + wd, hhmm, analysis.Running, m, km, hr, 3 + float64(i%2)})
		}
		out = append(out, fxSession{base + 1, "12:30", analysis.Strength, 30, 0, 0, 5})
		if w%2 == 0 {
			out = append(out, fxSession{base + 3, "12:30", analysis.Strength, 25, 0, 0, 4})
		}
		if w >= 3 {
			out = append(out, fxSession{base + 5, "10:00", analysis.Cycling, 60, 22.5, 121, 0})
		}
	}
	// A treadmill run without distance in week 4, on Sunday.
	out = append(out, fxSession{27, "19:30", analysis.Running, 20, 0, 141, 0})
	return out
}

// fxPain is the morning pain per day; -1 is not logged.
var fxPain = []float64{
	2, 2, 1, 2, 1, -1, 1, // w1
	1, 1, 1, 1, 2, 1, 1, // w2
	1, 1, 2, 1, 1, -1, 1, // w3
	1, 1, 1, 1, 1, 1, 1, // w4
	1, 1, 1, 2, 1, 1, 1, // w5
	1, 1, 1, 4, 3, 2, 1, // w6: day 37 long run → 4 on day 38
	1, 1, 1, 1, -1, 1, 1, // w7
	1, 1, 1, 1, 1, 1, 1, // w8
	2, 3, 2, 3, 3, 2, -1, // w9: the jump week
	2, 2, 1, 1, 2, 1, 3, // w10
}

func fxDay(i int) analysis.Day { return day0.AddDays(i) }

func fxStart(i int, hhmm string) time.Time {
	d := fxDay(i)
	var h, m int
	fmt.Sscanf(hhmm, "%d:%d", &h, &m)
	return time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, cet)
}

// fxInputs are the sessions, symptom log and Plan of the test Result, as ingest would read them.
func fxInputs() ([]analysis.Session, []analysis.SymptomEntry, analysis.Plan) {
	var sessions []analysis.Session
	for _, s := range fxSessions() {
		ss := analysis.Session{
			Source:   fmt.Sprintf("garmin/DI_CONNECT/%s_%s.fit", fxDay(s.day), s.sport),
			Sport:    s.sport,
			Start:    fxStart(s.day, s.hhmm),
			Duration: time.Duration(s.minutes * float64(time.Minute)),
			Elapsed:  time.Duration(s.minutes*float64(time.Minute)) + 95*time.Second,
			ZoneNote: "fit offset +01:00",
		}
		if s.km > 0 {
			ss.DistanceM = analysis.Some(s.km * 1000)
			ss.AscentM = analysis.Some(s.km * 9)
		} else if s.sport == analysis.Running {
			ss.SubSport = "treadmill"
		}
		if s.avgHR > 0 {
			ss.AvgHR, ss.MaxHR = analysis.Some(s.avgHR), analysis.Some(s.avgHR+22)
		}
		if s.rpe > 0 && s.sport == analysis.Strength {
			ss.RPE = analysis.Some(s.rpe) // entered on the watch; a run's is in the log
		}
		sessions = append(sessions, ss)
	}

	runRPE := map[int]float64{} // day → the RPE of its run, logged the next morning with the symptoms
	for _, s := range fxSessions() {
		if s.sport == analysis.Running && s.rpe > 0 {
			runRPE[s.day] = s.rpe
		}
	}
	var log []analysis.SymptomEntry
	for i, p := range fxPain {
		if p < 0 {
			continue
		}
		// Rehab on weekdays; in the jump week (9) only on Monday and Tuesday.
		rehab := i%7 < 5 && (i/7 != 8 || i%7 < 2)
		e := analysis.SymptomEntry{Day: fxDay(i), Pain: analysis.Some(p), Stiffness: analysis.Some(p + 1),
			Rehab: analysis.Some(rehab), Source: fmt.Sprintf("symptoms.xlsx: Symptoms!row %d", i+2)}
		if v, ok := runRPE[i]; ok {
			e.RPE = analysis.Some(v)
		}
		if p >= 3 {
			e.Location = "left Achilles, mid-portion"
			e.Notes = "stiff on the stairs"
		}
		if i == 38 {
			e.Limping = analysis.Some(true)
			e.Swelling = analysis.Some(2.0)
		}
		log = append(log, e)
	}

	row := func(n int, from analysis.Day, id analysis.RuleID, sport analysis.Sport, v float64, note string) analysis.Rule {
		return analysis.Rule{From: from, ID: id, Sport: sport, Value: v, Note: note, Source: fmt.Sprintf("symptoms.xlsx: Plan!row %d", n)}
	}
	flareUp := row(6, day0, analysis.FlareUpPlan, analysis.Any, 0, "")
	flareUp.Text = "Pain over 3/10 next morning: no running for 2 days, keep the calf raises, then go back to the last week that felt fine."
	plan := analysis.Plan{Rules: []analysis.Rule{
		row(2, day0, analysis.MaxSessionMinutes, analysis.Running, 30, ""),
		row(3, day0, analysis.MaxWeeklyMinutes, analysis.Running, 100, ""),
		row(4, day0, analysis.MinRehabDaysPerWeek, analysis.Any, 3, "calf raises 3×15"),
		row(5, day0, analysis.PainThreshold, analysis.Any, 2, ""),
		flareUp,
		row(7, fxDay(28), analysis.MaxSessionMinutes, analysis.Running, 45, "reviewed at physio"),
		row(8, fxDay(28), analysis.MaxWeeklyMinutes, analysis.Running, 130, ""),
		row(9, day0, analysis.HRMaxRule, analysis.Any, 188, ""),
		row(10, day0, analysis.HRRestRule, analysis.Any, 52, ""),
	}}
	return sessions, log, plan
}

func sampleResult() (analysis.Result, analysis.ImportLog) {
	sessions, symptoms, plan := fxInputs()
	r := analysis.Analyze(sessions, symptoms, plan, analysis.Config{Load: analysis.LoadMinutes})
	log := analysis.ImportLog{
		Inputs: []analysis.Input{
			{Path: "garmin/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", Kind: analysis.KindOther, Status: analysis.StatusOK, Detail: "archive: 61 files", Sessions: 0},
			{Path: "garmin/DI_CONNECT/2026-01-05_running.fit", Kind: analysis.KindFIT, Status: analysis.StatusOK, Sessions: 1},
			{Path: "strava/activities/1234567.gpx.gz", Kind: analysis.KindGPX, Status: analysis.StatusDuplicate, Detail: "same activity as garmin/DI_CONNECT/2026-01-07_running.fit"},
			{Path: "garmin/DI_CONNECT/settings.fit", Kind: analysis.KindFIT, Status: analysis.StatusSkipped, Detail: "not an activity file (settings)"},
			{Path: "garmin/DI_CONNECT/2026-02-20_cycling.fit", Kind: analysis.KindFIT, Status: analysis.StatusPartial, Detail: "file cut short: 3 of 4 laps kept", Sessions: 1},
			{Path: "garmin/notes.txt", Kind: analysis.KindOther, Status: analysis.StatusSkipped, Detail: "not a recognised file type"},
			{Path: "broken.tcx", Kind: analysis.KindTCX, Status: analysis.StatusError, Detail: "XML syntax error on line 3"},
			{Path: "symptoms.xlsx", Kind: analysis.KindSymptoms, Status: analysis.StatusOK, Detail: "65 rows"},
			{Path: "symptoms.xlsx", Kind: analysis.KindPlan, Status: analysis.StatusOK, Detail: "9 rules"},
		},
		Rejected: []analysis.Rejected{
			{File: "symptoms.xlsx", Cell: "Symptoms!B21", Reason: `"three" is not a score from 0 to 10`},
			{File: "symptoms.xlsx", Cell: "Plan!B11", Reason: `"max_km_per_run" is not a known rule`},
		},
		Notes: []string{`symptoms.xlsx: column "Mood" matches nothing and was ignored`},
	}
	return r, log
}

// bigResult is a Result with n days and one run a day: years of data, for the stream path.
func bigResult(n int) analysis.Result {
	from := analysis.Day{Year: 1999, Month: time.January, Day: 4}
	r := analysis.Result{From: from, To: from.AddDays(n - 1), Load: analysis.LoadMinutes}
	r.Days = make([]analysis.DayResult, n)
	r.Sessions = make([]analysis.SessionResult, n)
	for i := range n {
		d := from.AddDays(i)
		mins := float64(20 + i%30)
		r.Days[i] = analysis.DayResult{Day: d, Load: analysis.Some(mins), RunningMin: mins, RunningKm: mins / 6, WholeBody: mins,
			Logged: i%3 != 0}
		if i%3 != 0 {
			r.Days[i].Symptoms = analysis.SymptomEntry{Day: d, Pain: analysis.Some(float64(i % 4))}
		}
		r.Sessions[i] = analysis.SessionResult{Session: analysis.Session{Source: fmt.Sprintf("runs/%d.fit", i),
			Sport: analysis.Running, Start: time.Date(d.Year, d.Month, d.Day, 7, 0, 0, 0, cet),
			Duration: time.Duration(mins) * time.Minute, DistanceM: analysis.Some(mins / 6 * 1000)},
			Day: d, Load: analysis.Some(mins)}
		if d.Weekday() == time.Monday {
			r.Weeks = append(r.Weeks, analysis.WeekResult{Week: d.ISOWeek(), Start: d, DaysInPeriod: 7})
		}
		w := &r.Weeks[len(r.Weeks)-1]
		w.RunningMin += mins
		w.RunningKm += mins / 6
		w.Sessions++
	}
	r.Breaches = []analysis.Breach{{Day: from.AddDays(100), Crossed: from.AddDays(100), Week: from.AddDays(100).ISOWeek(), Rule: analysis.MaxSessionMinutes,
		Sport: analysis.Running, Limit: 45, Value: 49, Excess: 4, ExcessPct: analysis.Some(8.9)}}
	r.BreachCounts = []analysis.RuleCount{{Rule: analysis.MaxSessionMinutes, Breaches: 1}}
	r.Days[100].Breaches = 1
	for i := range r.Weeks {
		if r.Weeks[i].Week == r.Breaches[0].Week {
			r.Weeks[i].Breaches = 1
		}
	}
	r.SportCounts = []analysis.SportCount{{Sport: analysis.Running, Sessions: n}}
	r.Status = analysis.Status{Level: analysis.LevelGreen, AsOf: r.To, Reasons: []string{"all checks passed"}}
	return r
}
