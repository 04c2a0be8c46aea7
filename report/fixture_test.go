package report

import (
	"fmt"
	"math"
	"time"

	"runload/analysis"
)

// The test Result: ten weeks of a return to running after an Achilles flare-up, from
// Monday 5 January to Sunday 15 March 2026, in a +01:00 zone. Walk-run sessions three
// times a week grow from 15 to 40 minutes, with strength sessions and a weekend ride. In
// week 6 the runner goes 55 minutes (limit 45): a moderate session spike and a breach,
// followed by pain 4/10 the next morning. In week 9 the weekly running minutes jump 40 %.
// Built by hand here, not by analysis.Analyze, so report tests do not depend on it.

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

func pain(i int) analysis.Opt[float64] {
	if i < 0 || i >= len(fxPain) || fxPain[i] < 0 {
		return analysis.Opt[float64]{}
	}
	return analysis.Some(fxPain[i])
}

func worst(a, b analysis.Opt[float64]) analysis.Opt[float64] {
	if b.OK && (!a.OK || b.V > a.V) {
		return b
	}
	return a
}

func sampleResult() (analysis.Result, analysis.ImportLog) {
	const ndays = 70
	r := analysis.Result{From: day0, To: day0.AddDays(ndays - 1), Load: analysis.LoadMinutes}

	plan := []analysis.RuleSpan{
		{Rule: analysis.Rule{From: day0, ID: analysis.MaxSessionMinutes, Sport: analysis.Running, Value: 30, Source: "symptoms.xlsx: Plan!row 2"},
			Until: analysis.Some(day0.AddDays(27))},
		{Rule: analysis.Rule{From: day0, ID: analysis.MaxWeeklyMinutes, Sport: analysis.Running, Value: 100, Source: "symptoms.xlsx: Plan!row 3"},
			Until: analysis.Some(day0.AddDays(27))},
		{Rule: analysis.Rule{From: day0, ID: analysis.MinRehabDaysPerWeek, Sport: analysis.Any, Value: 3, Note: "calf raises 3×15", Source: "symptoms.xlsx: Plan!row 4"}},
		{Rule: analysis.Rule{From: day0, ID: analysis.PainThreshold, Sport: analysis.Any, Value: 2, Source: "symptoms.xlsx: Plan!row 5"}},
		{Rule: analysis.Rule{From: day0, ID: analysis.FlareUpPlan, Sport: analysis.Any,
			Text:   "Pain over 3/10 next morning: no running for 2 days, keep the calf raises, then go back to the last week that felt fine.",
			Source: "symptoms.xlsx: Plan!row 6"}},
		{Rule: analysis.Rule{From: day0.AddDays(28), ID: analysis.MaxSessionMinutes, Sport: analysis.Running, Value: 45, Note: "reviewed at physio", Source: "symptoms.xlsx: Plan!row 7"}},
		{Rule: analysis.Rule{From: day0.AddDays(28), ID: analysis.MaxWeeklyMinutes, Sport: analysis.Running, Value: 150, Source: "symptoms.xlsx: Plan!row 8"}},
	}
	r.RuleSpans = plan
	rulesOn := func(d analysis.Day) []analysis.Rule {
		var out []analysis.Rule
		for _, sp := range plan {
			if !sp.From.After(d) && (!sp.Until.OK || !d.After(sp.Until.V)) {
				out = append(out, sp.Rule)
			}
		}
		return out
	}

	// Days: load and symptoms.
	r.Days = make([]analysis.DayResult, ndays)
	for i := range r.Days {
		d := &r.Days[i]
		d.Day = fxDay(i)
		d.Load = analysis.Some(0.0) // rest is data
		d.NextPain = pain(i + 1)    // none after the last day: the log ends with the period
		if p := pain(i); p.OK {
			d.Logged = true
			d.Symptoms = analysis.SymptomEntry{Day: d.Day, Pain: p, Stiffness: analysis.Some(p.V + 1),
				Rehab: analysis.Some(i%7 != 6 && i%7 != 5), Source: fmt.Sprintf("symptoms.xlsx: Symptoms!row %d", i+2)}
			if p.V >= 3 {
				d.Symptoms.Location = "left Achilles, mid-portion"
				d.Symptoms.Notes = "stiff on the stairs"
			}
			if i == 38 {
				d.Symptoms.Limping = analysis.Some(true)
				d.Symptoms.Swelling = analysis.Some(2.0)
			}
		}
	}
	sessions := fxSessions()
	for _, s := range sessions {
		d := &r.Days[s.day]
		if s.sport == analysis.Running {
			d.RunningMin += s.minutes
			d.RunningKm += s.km
			d.Load.V += s.minutes
		} else {
			d.OtherMin += s.minutes
		}
		d.WholeBody += s.minutes
	}
	var acute, chronic float64
	for i := range r.Days {
		d := &r.Days[i]
		acute = 0.25*d.Load.V + 0.75*acute
		chronic = 2.0/29*d.Load.V + (1-2.0/29)*chronic
		d.Acute, d.Chronic = analysis.Some(acute), analysis.Some(chronic)
		if i >= 28 {
			d.ACWR = analysis.Some(acute / chronic)
		}
	}

	// Sessions, in start order.
	for _, s := range sessions {
		sr := analysis.SessionResult{
			Session: analysis.Session{
				Source:   fmt.Sprintf("garmin/DI_CONNECT/%s_%s.fit", fxDay(s.day), s.sport),
				Sport:    s.sport,
				Start:    fxStart(s.day, s.hhmm),
				Duration: time.Duration(s.minutes * float64(time.Minute)),
				Elapsed:  time.Duration(s.minutes*float64(time.Minute)) + 95*time.Second,
				ZoneNote: "fit offset +01:00",
			},
			Day:         fxDay(s.day),
			Baseline:    pain(s.day), // the day's own pain; none on day 46: "no baseline"
			PainNextDay: pain(s.day + 1),
			Pain48h:     worst(pain(s.day+1), pain(s.day+2)),
		}
		if s.km > 0 {
			sr.DistanceM = analysis.Some(s.km * 1000)
			sr.AscentM = analysis.Some(s.km * 9)
		} else if s.sport == analysis.Running {
			sr.SubSport = "treadmill"
		}
		if s.avgHR > 0 {
			sr.AvgHR, sr.MaxHR = analysis.Some(s.avgHR), analysis.Some(s.avgHR+22)
			sr.TRIMP = analysis.Some(s.minutes * 0.9)
		} else {
			sr.TRIMPNote = "no heart rate"
		}
		if s.rpe > 0 {
			sr.RPE, sr.RPESource = analysis.Some(s.rpe), "log"
		}
		if s.sport == analysis.Running {
			sr.Load = analysis.Some(s.minutes)
			sr.ACWR = r.Days[s.day].ACWR
		} else {
			sr.Load = analysis.Some(0.0)
		}
		if sr.PainNextDay.OK {
			p0 := pain(s.day)
			sr.PainResponse = analysis.Some(sr.PainNextDay.V >= p0.V+2 || (sr.PainNextDay.V > 2 && p0.V <= 2))
			sr.Response48h = analysis.Some(sr.Pain48h.V > 2 && p0.V <= 2)
		}
		r.Sessions = append(r.Sessions, sr)
	}
	sortSessions(r.Sessions)

	// The long run: a breach and a moderate session spike; pain 4 the next morning.
	long := fxStart(37, "18:45")
	r.Breaches = []analysis.Breach{
		{Day: fxDay(37), Crossed: fxDay(37), Week: fxDay(37).ISOWeek(), SessionStart: analysis.Some(long), Source: fmt.Sprintf("garmin/DI_CONNECT/%s_running.fit", fxDay(37)),
			Rule: analysis.MaxSessionMinutes, Sport: analysis.Running, Limit: 45, Value: 55, Excess: 10, ExcessPct: analysis.Some(22.2)},
		{Day: fxDay(62), First: fxDay(56), Crossed: fxDay(61), Week: fxDay(62).ISOWeek(), Rule: analysis.MaxWeeklyMinutes, Sport: analysis.Running,
			Limit: 150, Value: 156, Excess: 6, ExcessPct: analysis.Some(4.0)},
	}
	r.Spikes = []analysis.Spike{
		{Day: fxDay(0), Kind: analysis.SpikeSession, Band: "first run back", Threshold: 1.1,
			Detail: "no run in the previous 30 days", SessionStart: analysis.Some(fxStart(0, "07:10")),
			Baseline: pain(0), PainNextDay: pain(1), Pain48h: worst(pain(1), pain(2)), PainResponse: analysis.Some(false), Response48h: analysis.Some(false), Confounded48h: true},
		{Day: fxDay(37), Kind: analysis.SpikeSession, Band: "moderate", Value: analysis.Some(1.62), Threshold: 1.1,
			Detail: "8.9 km vs longest 5.5 km in the previous 30 days", SessionStart: analysis.Some(long),
			Baseline: pain(37), PainNextDay: pain(38), Pain48h: worst(pain(38), pain(39)), PainResponse: analysis.Some(true), Response48h: analysis.Some(true)},
		{Day: fxDay(57), Kind: analysis.SpikeWeek, Band: "flag", Value: analysis.Some(38.5), Threshold: 30,
			Detail:   "19.7 km in the 7 days to 2026-03-03 vs 14.2 km the 7 days before",
			Baseline: pain(57), PainNextDay: pain(58), Pain48h: worst(pain(58), pain(59)), PainResponse: analysis.Some(true), Response48h: analysis.Some(true), Confounded48h: true},
	}
	for _, b := range r.Breaches {
		for i := range r.Days {
			if r.Days[i].Day == b.Day {
				r.Days[i].Flags = append(r.Days[i].Flags, analysis.Flag{Kind: analysis.FlagBreach, Rule: string(b.Rule),
					Value: analysis.Some(b.Value), Limit: analysis.Some(b.Limit)})
			}
		}
		if b.SessionStart.OK {
			for i := range r.Sessions {
				if r.Sessions[i].Start.Equal(b.SessionStart.V) {
					r.Sessions[i].Flags = append(r.Sessions[i].Flags, analysis.Flag{Kind: analysis.FlagBreach, Rule: string(b.Rule),
						Value: analysis.Some(b.Value), Limit: analysis.Some(b.Limit)})
				}
			}
		}
	}
	for _, s := range r.Spikes {
		kind, rule := analysis.FlagSpike, string(s.Kind)
		if s.Band == "first run back" {
			kind = analysis.FlagFirstRunBack
		}
		f := analysis.Flag{Kind: kind, Rule: rule, Value: s.Value, Limit: analysis.Some(s.Threshold)}
		r.Days[s.Day.Sub(day0)].Flags = append(r.Days[s.Day.Sub(day0)].Flags, f)
		if s.SessionStart.OK {
			for i := range r.Sessions {
				if r.Sessions[i].Start.Equal(s.SessionStart.V) {
					r.Sessions[i].Flags = append(r.Sessions[i].Flags, f)
				}
			}
		}
	}

	// The Summary's counts, as the analysis gives them.
	r.SportCounts = []analysis.SportCount{{Sport: analysis.Running, Sessions: 31}, {Sport: analysis.Cycling, Sessions: 7},
		{Sport: analysis.Strength, Sessions: 15}}
	r.BreachCounts = []analysis.RuleCount{{Rule: analysis.MaxSessionMinutes, Breaches: 1}, {Rule: analysis.MaxWeeklyMinutes, Breaches: 1}}
	r.SpikeCounts = []analysis.SpikeCount{{Kind: analysis.SpikeSession, FirstRunBack: true, Spikes: 1},
		{Kind: analysis.SpikeSession, Spikes: 1}, {Kind: analysis.SpikeWeek, Spikes: 1}}

	// The paired table: every training day.
	exposed := map[analysis.Day][]string{}
	for _, b := range r.Breaches {
		exposed[b.Day] = append(exposed[b.Day], "breach: "+string(b.Rule))
	}
	for _, s := range r.Spikes {
		exposed[s.Day] = append(exposed[s.Day], "spike: "+s.Band)
	}
	for i, d := range r.Days {
		if d.RunningMin+d.OtherMin == 0 {
			continue
		}
		base := pain(i)
		e := analysis.Exposure{Day: d.Day, Exposed: len(exposed[d.Day]) > 0, Reasons: exposed[d.Day], Load: d.Load,
			Baseline: base, Pain24h: pain(i + 1), Pain48h: worst(pain(i+1), pain(i+2)),
			Confounded48h: i+1 < ndays && r.Days[i+1].Load.V > 0}
		if e.Pain24h.OK && base.OK {
			e.Response24h = analysis.Some(e.Pain24h.V >= base.V+2 || (e.Pain24h.V > 2 && base.V <= 2))
		}
		if e.Pain48h.OK && base.OK {
			e.Response48h = analysis.Some(e.Pain48h.V >= base.V+2 || (e.Pain48h.V > 2 && base.V <= 2))
		}
		r.Exposure = append(r.Exposure, e)
	}
	// Each breach's response: the one after the day it was crossed.
	for i := range r.Breaches {
		b := &r.Breaches[i]
		for _, e := range r.Exposure {
			if e.Day == b.Crossed {
				b.Baseline, b.PainNextDay, b.Pain48h = e.Baseline, e.Pain24h, e.Pain48h
				b.PainResponse, b.Response48h, b.Confounded48h = e.Response24h, e.Response48h, e.Confounded48h
			}
		}
	}
	// Each day's counts and response, as the analysis gives them.
	for _, b := range r.Breaches {
		r.Days[b.Day.Sub(day0)].Breaches++
	}
	for _, s := range r.Spikes {
		r.Days[s.Day.Sub(day0)].Spikes++
	}
	for _, e := range r.Exposure {
		d := &r.Days[e.Day.Sub(day0)]
		d.Response, d.Baseline = e.Response24h, e.Baseline
	}
	// The responses counted over the paired table, as analysis.Analyze counts them.
	r.Responses = analysis.ResponseCounts{TrainingDays: len(r.Exposure)}
	for _, e := range r.Exposure {
		if e.Response24h.OK {
			r.Responses.Judged24h++
			if e.Response24h.V {
				r.Responses.Responses24h++
			}
		}
		if e.Response48h.OK {
			r.Responses.Judged48h++
			if e.Response48h.V {
				r.Responses.Responses48h++
			}
		}
	}
	r.Association = analysis.Association{SpikeDays: 4, SpikeDaysWithResponse: 2, OtherDays: 52, OtherDaysWithResponse: 3,
		RelativeRisk: analysis.Some(8.67), FisherP: analysis.Some(0.0421), SpearmanRho: analysis.Some(0.31), NPairs: 49,
		DaysLoggedPct: 92.9, EnoughData: true, MoreExposureNeeded: 4,
		Sentence: "On the 4 mornings after a spike or breach, a pain response followed 2 times (50 %); after other training days 3 times in 52 (6 %). Risk ratio 8.7; 4 more spike days are needed for an interval. This is an association in your own data; it does not show that the sessions caused the pain."}
	r.Association48h = analysis.Association{SpikeDays: 4, SpikeDaysWithResponse: 2, OtherDays: 52, OtherDaysWithResponse: 6,
		RelativeRisk: analysis.Some(4.33), FisherP: analysis.Some(0.0912), NPairs: 47, DaysLoggedPct: 92.9, EnoughData: true, MoreExposureNeeded: 4,
		Sentence: "Within 48 hours: 2 of 4 after a spike or breach (50 %), 6 of 52 after other training days (12 %)."}

	// Weeks.
	for w := 0; w < 10; w++ {
		wr := analysis.WeekResult{Week: fxDay(w * 7).ISOWeek(), Start: fxDay(w * 7), First: fxDay(w * 7), Last: fxDay(w*7 + 6),
			Limits: rulesOn(fxDay(w * 7)), DaysInPeriod: 7}
		var loads []float64
		var painSum, stiffSum, nPain float64
		for i := w * 7; i < w*7+7; i++ {
			d := r.Days[i]
			wr.RunningMin += d.RunningMin
			wr.RunningKm += d.RunningKm
			wr.Load += d.WholeBody
			loads = append(loads, d.WholeBody)
			if d.Symptoms.Rehab.OK && d.Symptoms.Rehab.V {
				wr.RehabDays++
			}
			if d.Symptoms.Pain.OK {
				painSum += d.Symptoms.Pain.V
				stiffSum += d.Symptoms.Stiffness.V
				nPain++
			}
		}
		for _, s := range sessions {
			if s.day/7 == w {
				wr.Sessions++
				if s.sport == analysis.Running {
					wr.RunningSessions++
				}
				if s.sport == analysis.Strength {
					wr.StrengthSessions++
				}
			}
		}
		if w > 0 {
			prev := r.Weeks[w-1].RunningMin
			wr.ChangePct = analysis.Some(100 * (wr.RunningMin - prev) / prev)
		}
		mean, sd := meanSD(loads)
		wr.Monotony = analysis.Some(min(mean/sd, 10))
		wr.Strain = analysis.Some(wr.Load * wr.Monotony.V)
		wr.MeanPain = analysis.Some(painSum / nPain)
		wr.MeanStiffness = analysis.Some(stiffSum / nPain)
		wr.WithinLimits = w != 5 && w != 8
		if !wr.WithinLimits {
			wr.Flags = append(wr.Flags, analysis.Flag{Kind: analysis.FlagBreach, Rule: string(analysis.MaxWeeklyMinutes)})
		}
		for _, ru := range wr.Limits { // the weekly limits in force at the week's end
			switch ru.ID {
			case analysis.MaxWeeklyMinutes:
				wr.LimitMin = analysis.Some(ru.Value)
			case analysis.MaxWeeklyKm:
				wr.LimitKm = analysis.Some(ru.Value)
			}
		}
		for _, b := range r.Breaches {
			if b.Week == wr.Week {
				wr.Breaches++
			}
		}
		r.Weeks = append(r.Weeks, wr)
		met := wr.RehabDays >= 3
		r.Minimums = append(r.Minimums, analysis.MinimumCheck{Week: wr.Week, Start: wr.Start, First: wr.Start, Last: wr.Start.AddDays(6),
			Rule: analysis.MinRehabDaysPerWeek, Sport: analysis.Any, Limit: 3, Need: 3, Value: float64(wr.RehabDays), Met: met})
	}
	// The period ends on a Sunday: the last complete week is week 10, checked against the one
	// weekly rule still in force (3 rehab days), and there is no "this week".
	lw := r.Weeks[9]
	r.LastWeek = analysis.Some(analysis.WeekSummary{Week: lw.Week, Start: lw.Start, First: lw.Start, Last: lw.Start.AddDays(6),
		Days: 7, RunningMin: lw.RunningMin, RunningKm: lw.RunningKm, Sessions: lw.Sessions, RunningSessions: lw.RunningSessions,
		RehabDays: lw.RehabDays, StrengthSessions: lw.StrengthSessions, WithinLimits: lw.WithinLimits,
		Limits: []analysis.WeekLimit{{Rule: analysis.MinRehabDaysPerWeek, Sport: analysis.Any, First: lw.Start, Last: lw.Start.AddDays(6),
			Days: 7, Limit: 3, Need: 3, Value: float64(lw.RehabDays), Met: analysis.Some(lw.RehabDays >= 3)}}})
	r.WeeklyMean.Weeks = len(r.Weeks)
	for _, w := range r.Weeks {
		r.WeeklyMean.RunningMin += w.RunningMin / float64(len(r.Weeks))
		r.WeeklyMean.RunningKm += w.RunningKm / float64(len(r.Weeks))
	}
	r.Weeks[8].Flags = append(r.Weeks[8].Flags, analysis.Flag{Kind: analysis.FlagPainTrend, Rule: "pain",
		Value: r.Weeks[8].MeanPain, Limit: r.Weeks[7].MeanPain})
	r.Status = analysis.Status{Level: "amber", AsOf: r.To, Reasons: []string{
		"latest pain 3/10 is above the threshold 2",
		"rehab not logged as done on 14 and 15 March",
	}}
	r.FlareUp = analysis.FlareUp{Text: plan[4].Text, Due: true} // amber
	r.Streaks = analysis.Streaks{WeeksWithinLimits: 1, RehabDays: 0, LongestWeeksWithin: 5, LongestRehabDays: 12}
	r.Adherence = []analysis.Adherence{{Rule: analysis.MinRehabDaysPerWeek, Sport: analysis.Any, WeeksMet: 10, WeeksTotal: 10}}
	r.Thresholds = analysis.Thresholds{PainThreshold: 2, SessionIncreasePct: 10, WeekIncreasePct: 30, WeekIncreaseFloorKm: 5,
		WeekIncreaseFloorMin: 30, LambdaAcute: 0.25, LambdaChronic: 2.0 / 29, HRMax: analysis.Some(188), HRRest: analysis.Some(52),
		HRSource: "plan", ChronicFloor: 5, HRCoveragePct: 80}
	r.Notes = []string{"TRIMP not computed for 14 sessions without heart rate"}

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
			{Path: "symptoms.xlsx", Kind: analysis.KindPlan, Status: analysis.StatusOK, Detail: "7 rules"},
		},
		Rejected: []analysis.Rejected{
			{File: "symptoms.xlsx", Cell: "Symptoms!B21", Reason: `"three" is not a score from 0 to 10`},
			{File: "symptoms.xlsx", Cell: "Plan!B9", Reason: `"max_km_per_run" is not a known rule`},
		},
		Notes: []string{`symptoms.xlsx: column "Mood" matches nothing and was ignored`},
	}
	return r, log
}

func sortSessions(s []analysis.SessionResult) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start.Before(s[j-1].Start); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		sd += (x - mean) * (x - mean)
	}
	sd /= float64(len(xs))
	if sd == 0 {
		return mean, 0
	}
	return mean, math.Sqrt(sd)
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
	r.Status = analysis.Status{Level: "green", AsOf: r.To, Reasons: []string{"all checks passed"}}
	return r
}
