package report

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"runload/analysis"
)

// loadUnit names Result.Load's unit for column headings.
func loadUnit(m analysis.LoadMeasure) string {
	switch m {
	case analysis.LoadKm:
		return "km"
	case analysis.LoadTRIMP:
		return "TRIMP"
	case analysis.LoadSRPE:
		return "sRPE"
	}
	return "min"
}

func buildSessions(r analysis.Result) *Sheet {
	type sr = analysis.SessionResult
	prefix := pathPrefix(sessionSources(r))
	cols := []column[sr]{
		{"Date", 0, stDate, func(s sr) any { return sessionDay(s).Time() }},
		{"Start", 0, stTime, func(s sr) any { return wall(s.Start) }},
		{"Sport", 0, stPlain, func(s sr) any { return string(s.Sport) }},
		{"Sub-sport", 10, stPlain, func(s sr) any { return subSport(s) }},
		{"Duration", 0, stDur, func(s sr) any { return s.Duration }},
		{"Distance (km)", 0, stDec2, func(s sr) any {
			if !s.DistanceM.OK || s.DistanceM.V <= 0 {
				return nil
			}
			return num(s.DistanceM.V / 1000)
		}},
		{"Pace (/km)", 0, stPace, func(s sr) any {
			if !s.DistanceM.OK || s.DistanceM.V <= 0 || s.Sport != analysis.Running || s.Duration <= 0 {
				return nil
			}
			return time.Duration(float64(s.Duration) / (s.DistanceM.V / 1000)).Round(time.Second)
		}},
		{"Avg HR", 0, stInt, func(s sr) any { return optInt(s.AvgHR) }},
		{"Max HR", 0, stInt, func(s sr) any { return optInt(s.MaxHR) }},
		{"RPE", 0, stDec1, func(s sr) any { return optNum(s.RPE) }},
		{"RPE from", 0, stPlain, func(s sr) any { return text(s.RPESource) }},
		{"TRIMP", 0, stDec1, func(s sr) any { return optNum(s.TRIMP) }},
		{"Load (" + loadUnit(r.Load) + ")", 0, stDec1, func(s sr) any { return optNum(s.Load) }},
		{"ACWR", 0, stDec2, func(s sr) any { return optNum(s.ACWR) }},
		{"Pain next day", 0, stDec1, func(s sr) any { return optNum(s.PainNextDay) }},
		{"Pain 48 h", 0, stDec1, func(s sr) any { return optNum(s.Pain48h) }},
		{"Pain response", 9, stPlain, func(s sr) any { return response(s.PainResponse, s.Baseline) }},
		{"Limits broken", 20, stWrap, func(s sr) any { return text(joinFlags(s.Flags, analysis.FlagBreach)) }},
		{"Spike", 20, stWrap, func(s sr) any { return text(joinFlags(s.Flags, analysis.FlagSpike, analysis.FlagFirstRunBack)) }},
		{sourceHead("Source", prefix), 30, stPlain, func(s sr) any { return strings.TrimPrefix(s.Source, prefix) }},
	}
	// Where every RPE is the log's (the usual case), "RPE from" would say "log" on every row
	// with one: the column is there when some RPE came from the watch.
	if !slices.ContainsFunc(r.Sessions, func(s sr) bool { return s.RPESource != "" && s.RPESource != "log" }) {
		cols = slices.DeleteFunc(cols, func(c column[sr]) bool { return c.head == "RPE from" })
	}
	sh := tableSheet("Sessions", "SessionsTable", cols, r.Sessions)
	last := len(r.Sessions) + 1
	br, sp := cellRef(cols, "Limits broken", 2), cellRef(cols, "Spike", 2)
	sh.Conds = []Cond{
		{colRange(cols, "Date", last), "LEN(" + br + ")>0", stRedC},
		{colRange(cols, "Date", last), "LEN(" + sp + ")>0", stAmberC},
		{colRange(cols, "Limits broken", last), "LEN(" + br + ")>0", stRedC},
		{colRange(cols, "Spike", last), "LEN(" + sp + ")>0", stAmberC},
		{span(cols, "Pain next day", "Pain response", 2, last), responseYes(cellRef(cols, "Pain response", 2)), stPainC},
	}
	return sh
}

// subSport is a session's sub-sport in words ("indoor cycling", "trail"), or nil where it only
// restates the sport: a strength session's "strength training", the sub-sport it was named
// strength by, would otherwise take two lines on every strength row.
func subSport(s analysis.SessionResult) any {
	sub := strings.ReplaceAll(s.SubSport, "_", " ")
	if s.Sport == analysis.Strength && sub == "strength training" {
		return nil
	}
	return text(sub)
}

// dailyCols names the Daily columns the Summary chart draws.
type dailyCols struct {
	sheet                    string
	load, nextPain, labelCol string
	first, last              int // data rows charted
}

// The Daily sheet is read on paper, a row per day: its columns tell the day's story in the
// order a physio reads it. The date with its weekday; what was done (running minutes and km,
// other sports' minutes, the session's RPE); pain that morning, the next morning, and whether
// that was a pain response (limping beside it, the other sign of one); the rest of the
// morning's log (stiffness, swelling, rehab); the breaches and spikes counted, each count
// beside the flags worded in full; and where it hurts with the runner's notes. A column that
// would repeat another leaves the sheet: the load is the running minutes under -load minutes
// (its own column otherwise); swelling yes/no is the score's "> 0" unless some day logged only
// yes/no; the whole-body load (running and other minutes), acute and chronic load and the
// ACWR (on the Sessions sheet for each session's day, and a flag here when the Plan sets a
// maximum) are in the JSON.
func buildDaily(r analysis.Result) (*Sheet, dailyCols) {
	type dr = analysis.DayResult
	load := "Load (" + loadUnit(r.Load) + ")"
	ownLoad := r.Load != analysis.LoadMinutes && r.Load != "" // under -load minutes the load is the running minutes
	swollenOnly := false                                      // a day logged swelling as yes/no, without a score
	for _, d := range r.Days {
		swollenOnly = swollenOnly || (d.Symptoms.Swollen.OK && !d.Symptoms.Swelling.OK)
	}
	cols := []column[dr]{
		{"Date", 0, stDateDay, func(d dr) any { return d.Day.Time() }},
		{"Running min", 0, stDec1, func(d dr) any { return num(d.RunningMin) }},
		{"Running km", 0, stDec2, func(d dr) any { return num(d.RunningKm) }},
		{"Other min", 0, stDec1, func(d dr) any { return num(d.OtherMin) }},
	}
	if ownLoad {
		cols = append(cols, column[dr]{load, 0, stDec1, func(d dr) any { return optNum(d.Load) }})
	}
	cols = append(cols,
		column[dr]{"RPE", 0, stDec1, func(d dr) any { return optNum(d.Symptoms.RPE) }},
		column[dr]{"Pain", 0, stDec1, func(d dr) any { return optNum(d.Symptoms.Pain) }},
		column[dr]{"Pain next morning", 0, stDec1, func(d dr) any { return optNum(d.NextPain) }},
		column[dr]{"Pain response", 9, stPlain, func(d dr) any { return response(d.Response, d.Baseline) }},
		column[dr]{"Limping", 0, stPlain, func(d dr) any { return optYes(d.Symptoms.Limping) }},
		column[dr]{"Stiffness", 0, stDec1, func(d dr) any { return optNum(d.Symptoms.Stiffness) }},
		column[dr]{"Swelling", 0, stDec1, func(d dr) any { return optNum(d.Symptoms.Swelling) }},
	)
	if swollenOnly {
		cols = append(cols, column[dr]{"Swollen", 0, stPlain, func(d dr) any { return optYes(d.Symptoms.Swollen) }})
	}
	cols = append(cols,
		column[dr]{"Rehab", 0, stPlain, func(d dr) any { return optYes(d.Symptoms.Rehab) }},
		// The counts stand beside the flags they count.
		column[dr]{"Breaches", 0, stInt, func(d dr) any { return count(d.Breaches) }},
		column[dr]{"Spikes", 0, stInt, func(d dr) any { return count(d.Spikes) }},
		column[dr]{"Flags", 28, stWrap, func(d dr) any {
			// A line each, as on the Weekly sheet: a flag read whole, not run into the next.
			return text(strings.Join(flagTexts(d.Flags, analysis.FlagBreach, analysis.FlagSpike, analysis.FlagFirstRunBack,
				analysis.FlagPainResponse, analysis.FlagWeekWatch, analysis.FlagMonotony, analysis.FlagPainTrend), "\n"))
		}},
		column[dr]{"Where it hurts, notes", 22, stWrap, func(d dr) any { return text(whereAndNotes(d.Symptoms)) }},
	)
	sh := tableSheet("Daily", "DailyTable", cols, r.Days)
	last := len(r.Days) + 1
	bc, sc, rc := cellRef(cols, "Breaches", 2), cellRef(cols, "Spikes", 2), cellRef(cols, "Pain response", 2)
	sh.Conds = []Cond{
		{colRange(cols, "Date", last), bc + ">0", stRedC},
		{colRange(cols, "Date", last), sc + ">0", stAmberC},
		{colRange(cols, "Breaches", last), bc + ">0", stRedC},
		{colRange(cols, "Spikes", last), sc + ">0", stAmberC},
		{span(cols, "Pain next morning", "Pain response", 2, last), responseYes(rc), stPainC},
		{colRange(cols, "Limping", last), cellRef(cols, "Limping", 2) + `="yes"`, stPainC},
	}
	dc := dailyCols{sheet: "Daily", load: colOf(cols, "Running min"),
		nextPain: colOf(cols, "Pain next morning"), labelCol: colOf(cols, "Date"), first: 2, last: last}
	if ownLoad {
		dc.load = colOf(cols, load)
	}
	if len(r.Days) > chartDays {
		dc.first = last - chartDays + 1
	}
	return sh, dc
}

// whereAndNotes is a log row's body location and notes in one cell: "left Achilles: long run
// today, felt great"; either alone when the other is empty.
func whereAndNotes(e analysis.SymptomEntry) string {
	where, notes := strings.TrimSpace(e.Location), strings.TrimSpace(e.Notes)
	if where != "" && notes != "" {
		return where + ": " + notes
	}
	return where + notes
}

// count is n, or nil (an empty cell) for none.
func count(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// planChanges words the Plan rows that took effect during a week after the period's first
// day (start), once, in the week they did: "Max minutes per session 40 min from Mon 28 Sep".
// A weekly rule checked in parts that week is worded by its parts instead (partsLimitText):
// "Max minutes per week: 120 (Mon–Tue) → 60 (Wed–Sun)". The rules in force from the start are
// on the Plan sheet.
func planChanges(w analysis.WeekResult, start analysis.Day) []string {
	var out []string
	split := map[analysis.RuleID]map[analysis.Sport]bool{}
	for _, g := range groupParts(w.Checks) {
		if g.split() {
			out = append(out, partsLimitText(g, w.First))
			if split[g.rule] == nil {
				split[g.rule] = map[analysis.Sport]bool{}
			}
			split[g.rule][g.sport] = true
		}
	}
	for _, ru := range w.Limits {
		if ru.ID == analysis.FlareUpPlan || !ru.From.After(start) || ru.From.Before(w.First) || ru.From.After(w.Last) || split[ru.ID][ru.Sport] {
			continue
		}
		s := ruleLabel(ru.ID) + " " + fmtNum(ru.Value, 1) + ruleUnit(ru.ID)
		if ru.Sport != "" && ru.Sport != analysis.Running {
			s += " (" + string(ru.Sport) + ")"
		}
		out = append(out, s+" from "+ru.From.Time().Format("Mon 2 Jan"))
	}
	return out
}

// weeklyCols names the Weekly columns the Summary chart draws.
type weeklyCols struct {
	sheet                  string
	week, runMin, limitMin string
	first, last            int
	hasLimit               bool
	// limitChanges names each charted week where the weekly minutes limit changed mid-week,
	// with its parts: "2026-W10: 120 (Mon–Tue) → 60 (Wed–Sun)".
	limitChanges []string
}

// weekRow is one row of the Weekly sheet: the week, its notes, and the minimums it missed.
type weekRow struct {
	analysis.WeekResult
	notes  string                   // Breaches and notes
	missed map[analysis.RuleID]bool // minimums missed this week (or in a part of it)
}

// The Weekly sheet is read on paper: its columns are the week's story (running minutes and km
// against their limits, the change, runs, rehab and strength against their minimums, pain,
// and whether the week kept the Plan), and everything worded goes into one column, a line
// each, only when there is something to say: a week the period cuts, a Plan change in the
// week it took effect, each breach with its day, each missed minimum, and the other flags. A
// week with a breach is red, a count that missed its minimum amber. The rules in force are
// on the Plan sheet, once per change; monotony is in the notes when over its watch line, and
// it and strain (the whole-body load times the monotony), like the sessions of every sport,
// are in the JSON.
func buildWeekly(r analysis.Result) (*Sheet, weeklyCols) {
	// A breach or minimum of part of a week (the rule changed mid-week) names its days.
	breachTxt := map[string][]string{}
	for _, b := range r.Breaches {
		breachTxt[b.Week] = append(breachTxt[b.Week], fmt.Sprintf("%s: %s%s",
			b.Day.Time().Format("Mon 2 Jan"), flagText(b.Flag()), partDays(b.PartWeek, b.First, b.Day)))
	}
	minTxt := map[string][]string{}
	missed := map[string]map[analysis.RuleID]bool{}
	for _, m := range r.Minimums {
		if m.Met {
			continue
		}
		if missed[m.Week] == nil {
			missed[m.Week] = map[analysis.RuleID]bool{}
		}
		missed[m.Week][m.Rule] = true
		if part := partDays(m.PartWeek, m.First, m.Last); part != "" {
			// Its share: "Min rehab days per week (Wed–Sun): 1 of 2 (missed) (3 a week × 5/7)".
			minTxt[m.Week] = append(minTxt[m.Week], fmt.Sprintf("%s%s: %s of %s (missed) (%s a week × %d/7)", ruleLabel(m.Rule), part,
				fmtNum(m.Value, 1), fmtNum(m.Need, 1), fmtNum(m.Limit, 1), m.Last.Sub(m.First)+1))
			continue
		}
		minTxt[m.Week] = append(minTxt[m.Week], fmt.Sprintf("%s: %s of %s (missed)", ruleLabel(m.Rule), fmtNum(m.Value, 1), fmtNum(m.Limit, 1)))
	}
	var start analysis.Day
	if len(r.Weeks) > 0 {
		start = r.Weeks[0].First
	}
	hasLimit, anySplit, limitChanged := false, false, make([]string, len(r.Weeks))
	rows := make([]weekRow, len(r.Weeks))
	for i, w := range r.Weeks {
		var notes []string
		if w.DaysInPeriod > 0 && w.DaysInPeriod < 7 {
			notes = append(notes, fmt.Sprintf("part week: %d of 7 days in the period (%s)", w.DaysInPeriod, weekdays(w.First, w.Last)))
		}
		if ch := planChanges(w, start); len(ch) > 0 {
			notes = append(notes, "Plan: "+strings.Join(ch, "; "))
		}
		notes = append(notes, breachTxt[w.Week]...)
		notes = append(notes, minTxt[w.Week]...)
		if s := joinFlags(w.Flags, analysis.FlagMonotony, analysis.FlagPainTrend, analysis.FlagWeekWatch); s != "" {
			notes = append(notes, s)
		}
		rows[i] = weekRow{WeekResult: w, notes: strings.Join(notes, "\n"), missed: missed[w.Week]}
		hasLimit = hasLimit || w.LimitMin.OK
		for _, g := range groupParts(w.Checks) {
			anySplit = anySplit || g.split()
			if g.rule == analysis.MaxWeeklyMinutes && (g.sport == analysis.Running || g.sport == analysis.Any) && g.split() {
				limitChanged[i] = w.Week + ": " + partsValues(g, w.First)
			}
		}
	}
	// minCount is a count the Plan sets a minimum for: amber in a week that missed it.
	minCount := func(w weekRow, n int, rule analysis.RuleID) any {
		if w.missed[rule] {
			return Cell{V: n, S: Style{Fmt: fmtInt, Top: true, Color: colAmberFont, Fill: colAmberFill}}
		}
		return n
	}
	cols := []column[weekRow]{
		{"Week", 0, stPlain, func(w weekRow) any {
			if w.Breaches > 0 {
				return Cell{V: w.Week, S: Style{Top: true, Bold: true, Color: colRedFont, Fill: colRedFill}} // a week with a breach
			}
			return w.Week
		}},
		{"Monday", 0, stDate, func(w weekRow) any { return w.Start.Time() }},
		{"Running min", 0, stDec1, func(w weekRow) any { return num(w.RunningMin) }},
		{"Limit min/week", 0, stDec1, func(w weekRow) any { return optNum(w.LimitMin) }},
		{"Running km", 0, stDec2, func(w weekRow) any { return num(w.RunningKm) }},
		{"Limit km/week", 0, stDec1, func(w weekRow) any { return optNum(w.LimitKm) }},
		{"Change %", 0, stDec1, func(w weekRow) any { return optNum(w.ChangePct) }},
		{"Runs", 0, stInt, func(w weekRow) any { return w.RunningSessions }},
		{"Rehab days", 0, stInt, func(w weekRow) any { return minCount(w, w.RehabDays, analysis.MinRehabDaysPerWeek) }},
		{"Strength sessions", 0, stInt, func(w weekRow) any {
			return minCount(w, w.StrengthSessions, analysis.MinStrengthSessionsPerWeek)
		}},
		{"Whole-body load", 0, stDec1, func(w weekRow) any { return num(w.Load) }},
		{"Mean pain", 0, stDec1, func(w weekRow) any { return optNum(w.MeanPain) }},
		{"Mean stiffness", 0, stDec1, func(w weekRow) any { return optNum(w.MeanStiffness) }},
		{"Within limits", 0, stPlain, func(w weekRow) any {
			if !w.Checked {
				return nil // no limit was in force: nothing to be within
			}
			return yesNo(w.WithinLimits)
		}},
		{"Breaches and notes", 30, stWrap, func(w weekRow) any { return text(w.notes) }},
	}
	sh := tableSheet("Weekly", "WeeklyTable", cols, rows)
	last := len(rows) + 1
	note := "The limits in force, and from when, are on the Plan sheet; a Plan change shows here in the week it took effect. " +
		"A week is red when it has a breach (each is in the notes, with its day); rehab days and strength sessions are amber in a week that missed the Plan's minimum. " +
		"Monotony over 1.5 is in the notes; the sessions of every sport are on the Sessions sheet."
	if anySplit {
		note += " A weekly rule that started or changed mid-week is checked over each part of the week " +
			"with the value then in force: a maximum as written; a minimum needs its share for the part's days, " +
			"rounded to the nearest whole day or session (3 a week over Wed–Sun: 3 × 5/7 = 2.1, so 2 days). A breach or missed minimum is " +
			"dated on its part's last day. Limit min/week and Limit km/week show the value in force at the end of the week."
	}
	sh.Rows = append(sh.Rows, nil)
	addNote(sh, note, stNote)
	wc := cellRef(cols, "Within limits", 2)
	sh.Conds = []Cond{
		{colRange(cols, "Within limits", last), wc + `="yes"`, stGreenC},
		{colRange(cols, "Within limits", last), wc + `="no"`, stAmberC},
	}
	wk := weeklyCols{sheet: "Weekly", week: colOf(cols, "Week"), runMin: colOf(cols, "Running min"),
		limitMin: colOf(cols, "Limit min/week"), first: 2, last: last, hasLimit: hasLimit}
	if len(rows) > chartWeeks {
		wk.first = last - chartWeeks + 1
	}
	for i, c := range limitChanged {
		if c != "" && i+2 >= wk.first {
			wk.limitChanges = append(wk.limitChanges, c)
		}
	}
	return sh, wk
}

// flagRow is one row of the Flags sheet: a breach or a spike, with the symptom response after it.
type flagRow struct {
	day         analysis.Day
	week        string
	kind        string // "breach" or "spike"
	what        string
	sport, band analysis.Opt[string]
	limit       float64
	value       analysis.Opt[float64]
	excess      analysis.Opt[float64]
	excessPct   analysis.Opt[float64]
	detail      string
	baseline    analysis.Opt[float64]
	pain24h     analysis.Opt[float64]
	pain48h     analysis.Opt[float64]
	resp24h     analysis.Opt[bool]
	resp48h     analysis.Opt[bool]
	confounded  bool
	order       int // breaches first, then spikes, each in the analysis's order, within a day
}

// flagRows returns the Flags sheet's rows: every breach and spike, by day.
func flagRows(r analysis.Result) []flagRow {
	prefix := pathPrefix(sessionSources(r)) // as on the Sessions sheet
	var rows []flagRow
	for i, b := range r.Breaches {
		row := flagRow{day: b.Day, week: b.Week, kind: "breach", what: flagText(b.Flag()), sport: analysis.Some(string(b.Sport)),
			limit: b.Limit, value: analysis.Some(b.Value), excess: analysis.Some(b.Excess), excessPct: b.ExcessPct,
			baseline: b.Baseline, pain24h: b.PainNextDay, pain48h: b.Pain48h, resp24h: b.PainResponse, resp48h: b.Response48h,
			confounded: b.Confounded48h, order: i}
		switch {
		case b.SessionStart.OK:
			row.detail = "session at " + b.SessionStart.V.Format("15:04")
			if b.Source != "" {
				row.detail += " (" + strings.TrimPrefix(b.Source, prefix) + ")"
			}
		case !b.Crossed.IsZero() && b.Crossed != b.Day:
			row.detail = "crossed on " + b.Crossed.Time().Format("Mon 2 Jan")
		}
		if b.PartWeek {
			// A weekly rule that started or changed mid-week: the breach is of part of the week.
			part := fmt.Sprintf("over %s to %s, the days this value was in force", b.First.Time().Format("Mon 2 Jan"), b.Day.Time().Format("Mon 2 Jan"))
			row.detail = strings.Join(slices.DeleteFunc([]string{part, row.detail}, func(s string) bool { return s == "" }), "; ")
		}
		rows = append(rows, row)
	}
	for i, s := range r.Spikes {
		rows = append(rows, flagRow{day: s.Day, week: s.Day.ISOWeek(), kind: "spike", what: flagText(s.Flag()),
			sport: spikeSport(s.Kind), band: analysis.Some(string(s.Band)), limit: s.Threshold, value: s.Value, detail: s.Detail,
			baseline: s.Baseline, pain24h: s.PainNextDay, pain48h: s.Pain48h, resp24h: s.PainResponse, resp48h: s.Response48h,
			confounded: s.Confounded48h, order: len(r.Breaches) + i})
	}
	slices.SortStableFunc(rows, func(a, b flagRow) int {
		if c := a.day.Time().Compare(b.day.Time()); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	return rows
}

func buildFlags(r analysis.Result) *Sheet {
	cols := []column[flagRow]{
		{"Date", 0, stDate, func(f flagRow) any { return f.day.Time() }},
		{"Week", 0, stPlain, func(f flagRow) any { return f.week }},
		{"Type", 0, stPlain, func(f flagRow) any { return f.kind }},
		{"What", 26, stWrap, func(f flagRow) any { return f.what }},
		{"Sport", 0, stPlain, func(f flagRow) any { return optStr(f.sport) }},
		{"Band", 0, stPlain, func(f flagRow) any { return optStr(f.band) }},
		{"Limit", 0, stDec2, func(f flagRow) any { return num(f.limit) }},
		{"Value", 0, stDec2, func(f flagRow) any { return optNum(f.value) }},
		{"Excess", 0, stDec2, func(f flagRow) any { return optNum(f.excess) }},
		{"Excess %", 0, stDec1, func(f flagRow) any { return optNum(f.excessPct) }},
		{"Pain next day", 0, stDec1, func(f flagRow) any { return optNum(f.pain24h) }},
		{"Pain 48 h", 0, stDec1, func(f flagRow) any { return optNum(f.pain48h) }},
		{"Response 24 h", 9, stPlain, func(f flagRow) any { return response(f.resp24h, f.baseline) }},
		{"Response 48 h", 9, stPlain, func(f flagRow) any { return response(f.resp48h, f.baseline) }},
		{"48 h confounded", 0, stPlain, func(f flagRow) any { return yesNo(f.confounded) }},
		{"Detail", 36, stWrap, func(f flagRow) any { return text(f.detail) }},
	}
	sh := tableSheet("Flags", "FlagsTable", cols, flagRows(r))
	last := sh.Tables[0].Last
	tc := cellRef(cols, "Type", 2)
	sh.Conds = []Cond{
		{span(cols, "Date", "What", 2, last), tc + `="breach"`, stRedC},
		{span(cols, "Date", "What", 2, last), tc + `="spike"`, stAmberC},
		{span(cols, "Pain next day", "Response 48 h", 2, last), responseYes(cellRef(cols, "Response 24 h", 2)), stPainC},
	}

	// The paired table (DOMAIN §5): every training day, exposed or not. Its reasons are the
	// day's breach and spike flags, worded as on every sheet, under What.
	start := last + 3
	sh.Rows = append(sh.Rows, nil, []Cell{{V: "Paired table: every training day, with or without a spike or breach, and the mornings after it", S: stH2}})
	sh.Merges = append(sh.Merges, Merge{Row: len(sh.Rows), Cols: len(cols)}) // a title across the table, not a width for column A
	dayFlags := map[analysis.Day][]analysis.Flag{}
	for _, d := range r.Days {
		dayFlags[d.Day] = d.Flags
	}
	type ex = analysis.Exposure
	pcols := []column[ex]{
		{"Day", 0, stDate, func(e ex) any { return e.Day.Time() }},
		{"Exposed", 0, stPlain, func(e ex) any { return yesNo(e.Exposed) }},
		{"Load", 0, stDec1, func(e ex) any { return optNum(e.Load) }},
		{"Reasons", 26, stWrap, func(e ex) any {
			if !e.Exposed {
				return nil
			}
			if s := joinFlags(dayFlags[e.Day], analysis.FlagBreach, analysis.FlagSpike); s != "" {
				return s
			}
			return text(strings.Join(e.Reasons, "; ")) // a day after the period: no Daily row
		}},
		{"Baseline pain", 0, stDec1, func(e ex) any { return optNum(e.Baseline) }},
		{"Pain +24 h", 0, stDec1, func(e ex) any { return optNum(e.Pain24h) }},
		{"Pain +48 h", 0, stDec1, func(e ex) any { return optNum(e.Pain48h) }},
		{"Response +24 h", 9, stPlain, func(e ex) any { return response(e.Response24h, e.Baseline) }},
		{"Response +48 h", 9, stPlain, func(e ex) any { return response(e.Response48h, e.Baseline) }},
		{"Confounded 48 h", 0, stPlain, func(e ex) any { return yesNo(e.Confounded48h) }},
	}
	sh.Rows = append(sh.Rows, headerRow(pcols))
	for _, e := range r.Exposure {
		sh.Rows = append(sh.Rows, dataRow(pcols, e))
	}
	plast := start + max(len(r.Exposure), 1)
	if len(r.Exposure) == 0 {
		sh.Rows = append(sh.Rows, nil)
	}
	// One set of widths for both tables: each column as wide as the wider of its two.
	caps := wrapWidths(cols)
	for i, w := range wrapWidths(pcols) {
		caps[i] = max(caps[i], w)
	}
	fitSheet(sh, caps)
	// A filtered range, not a second Excel table: a sheet with one table can be streamed (the
	// paired table is a row per training day: 1 825 rows for five years).
	sh.AutoFilter = span(pcols, "Day", "Confounded 48 h", start, plast)
	sh.Conds = append(sh.Conds,
		Cond{span(pcols, "Day", "Exposed", start+1, plast), cellRef(pcols, "Exposed", start+1) + `="yes"`, stAmberC},
		Cond{span(pcols, "Pain +24 h", "Response +24 h", start+1, plast), responseYes(cellRef(pcols, "Response +24 h", start+1)), stPainC},
	)
	return sh
}

func buildPlan(r analysis.Result) *Sheet {
	type rs = analysis.RuleSpan
	cols := []column[rs]{
		{"From", 0, stDate, func(sp rs) any { return sp.From.Time() }},
		{"In force until", 0, stDate, func(sp rs) any { return optDay(sp.Until) }},
		{"Rule", 0, stPlain, func(sp rs) any { return ruleLabel(sp.ID) }},
		{"Rule id", 0, stPlain, func(sp rs) any { return string(sp.ID) }},
		{"Sport", 0, stPlain, func(sp rs) any { return string(sp.Sport) }},
		{"Value", 0, stDec1, func(sp rs) any {
			if sp.ID == analysis.FlareUpPlan {
				return nil
			}
			return num(sp.Value)
		}},
		{"Weekly check", 26, stWrap, func(sp rs) any { return text(weeklyApplies(sp)) }},
		{"Note", 40, stWrap, func(sp rs) any { return text(planNote(sp)) }},
		{"Read from", 26, stWrap, func(sp rs) any { return text(sp.Source) }},
	}
	sh := tableSheet("Plan", "PlanTable", cols, r.RuleSpans)
	if len(r.RuleSpans) == 0 {
		sh.Rows = append(sh.Rows, nil)
		addNote(sh, "No Plan was read: no limits were checked. Add a Plan sheet to the symptom workbook or pass -plan FILE.", stNote)
	}
	return sh
}

// planNote is the Plan sheet's note of a rule: a flare-up plan's text, with its note when that
// says more.
func planNote(sp analysis.RuleSpan) string {
	if sp.ID != analysis.FlareUpPlan {
		return sp.Note
	}
	if sp.Note != "" && sp.Note != sp.Text {
		return strings.TrimSpace(sp.Text + "\n" + sp.Note)
	}
	return sp.Text
}

// logRow is one row of the Import log sheet: an input file, a rejected row or a note.
type logRow struct {
	entry                            string
	file, cell, kind, status, detail analysis.Opt[string]
	sessions                         analysis.Opt[int]
}

// logRows are the Import log's rows, made one at a time: the inputs, then the rejected rows,
// then the notes. There are logRowCount of them.
func logRows(log analysis.ImportLog) iter.Seq[logRow] {
	some := analysis.Some[string]
	return func(yield func(logRow) bool) {
		for _, in := range log.Inputs {
			if !yield(logRow{entry: "input", file: some(in.Path), kind: some(string(in.Kind)), status: some(string(in.Status)),
				sessions: analysis.Some(in.Sessions), detail: analysis.Opt[string]{V: in.Detail, OK: in.Detail != ""}}) {
				return
			}
		}
		for _, rj := range log.Rejected {
			if !yield(logRow{entry: "rejected row", file: some(rj.File), cell: some(rj.Cell), status: some("rejected"), detail: some(rj.Reason)}) {
				return
			}
		}
		for _, n := range log.Notes {
			if !yield(logRow{entry: "note", detail: some(n)}) {
				return
			}
		}
	}
}

func logRowCount(log analysis.ImportLog) int {
	return len(log.Inputs) + len(log.Rejected) + len(log.Notes)
}

// buildImportLog makes the Import log sheet, a row per input file: its rows are made as they
// are written (Sheet.Later).
func buildImportLog(log analysis.ImportLog) *Sheet {
	rows := logRows(log)
	prefix := pathPrefixOf(func(yield func(string) bool) {
		for l := range rows {
			if l.file.OK && !yield(l.file.V) {
				return
			}
		}
	})
	cols := []column[logRow]{
		{"Entry", 0, stPlain, func(l logRow) any { return l.entry }},
		{"Status", 0, stPlain, func(l logRow) any { return optStr(l.status) }},
		{"Kind", 0, stPlain, func(l logRow) any { return optStr(l.kind) }},
		{"Sessions", 0, stInt, func(l logRow) any { return optInt(l.sessions) }},
		{"Cell", 0, stPlain, func(l logRow) any { return optStr(l.cell) }},
		{sourceHead("File", prefix), 40, stPlain, func(l logRow) any {
			if !l.file.OK {
				return nil
			}
			return strings.TrimPrefix(l.file.V, prefix)
		}},
		{"Detail", 50, stWrap, func(l logRow) any { return optStr(l.detail) }},
	}
	sh := tableSheetOf("Import log", "ImportLogTable", cols, logRowCount(log), rows)
	last := sh.Tables[0].Last
	st := cellRef(cols, "Status", 2)
	rng := colRange(cols, "Status", last)
	sh.Conds = []Cond{
		{rng, st + `="ok"`, stGreenC},
		{rng, fmt.Sprintf(`OR(%s="partial",%s="skipped",%s="duplicate")`, st, st, st), stAmberC},
		{rng, fmt.Sprintf(`OR(%s="error",%s="rejected")`, st, st), stRedC},
	}
	return sh
}

// spikeSport is the sport a spike is about: session and week increases count runs only; an
// ACWR spike is of the daily load, whole-body under -load trimp or srpe, so it names none.
func spikeSport(k analysis.SpikeKind) analysis.Opt[string] {
	if k == analysis.SpikeACWR {
		return analysis.Opt[string]{}
	}
	return analysis.Some(string(analysis.Running))
}

// sessionSources is the input path of each session.
func sessionSources(r analysis.Result) []string {
	out := make([]string, len(r.Sessions))
	for i, s := range r.Sessions {
		out[i] = s.Source
	}
	return out
}

// pathPrefix is the folders at the start of every one of paths ("sample-data/watch/"): they
// tell no two files apart, so the sheets drop them and keep each path's distinguishing end
// (at least its file name). "" when the paths share no folder.
func pathPrefix(paths []string) string { return pathPrefixOf(slices.Values(paths)) }

// pathPrefixOf is pathPrefix of the paths given one at a time.
func pathPrefixOf(paths iter.Seq[string]) string {
	common, first := "", true // the folders every path so far starts with, each with its "/"
	for p := range paths {
		if p == "" {
			continue
		}
		dir := p[:strings.LastIndexByte(p, '/')+1]
		if first {
			common, first = dir, false
			continue
		}
		n := 0 // common[:n] is whole folders that dir starts with
		for {
			i := strings.IndexByte(common[n:], '/')
			if i < 0 || !strings.HasPrefix(dir, common[:n+i+1]) {
				break
			}
			n += i + 1
		}
		common = common[:n]
	}
	return common
}

// sourceHead is a path column's header, naming the folders its paths were shortened by:
// "Source" over "(in sample-data/watch/)"; a long prefix by its last folder ("…/DI-Connect-Fitness/").
func sourceHead(head, prefix string) string {
	if prefix == "" {
		return head
	}
	if len([]rune(prefix)) > 40 {
		dirs := strings.Split(strings.TrimSuffix(prefix, "/"), "/")
		prefix = "…/" + dirs[len(dirs)-1] + "/"
	}
	return head + "\n(in " + prefix + ")"
}
