package report

import (
	"cmp"
	"fmt"
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

func exposureByDay(r analysis.Result) map[analysis.Day]analysis.Exposure {
	m := make(map[analysis.Day]analysis.Exposure, len(r.Exposure))
	for _, e := range r.Exposure {
		m[e.Day] = e
	}
	return m
}

func sessionSpikes(r analysis.Result, s analysis.SessionResult) string {
	var parts []string
	for _, sp := range r.Spikes {
		if sp.SessionStart.OK && sp.SessionStart.V.Equal(s.Start) {
			parts = append(parts, describeSpike(sp))
		}
	}
	if len(parts) == 0 {
		return joinFlags(s.Flags, analysis.FlagSpike, analysis.FlagFirstRunBack)
	}
	return strings.Join(parts, "; ")
}

func buildSessions(r analysis.Result) *Sheet {
	cols := []col{
		{"Date", 11, stDate},
		{"Start", 7, stTime},
		{"Sport", 10, stPlain},
		{"Sub-sport", 10, stPlain},
		{"Duration", 10, stDur},
		{"Distance (km)", 9, stDec2},
		{"Pace (/km)", 8, stPace},
		{"Avg HR", 7, stInt},
		{"Max HR", 7, stInt},
		{"RPE", 6, stDec1},
		{"RPE from", 8, stPlain},
		{"TRIMP", 7, stDec1},
		{"Load (" + loadUnit(r.Load) + ")", 9, stDec1},
		{"ACWR", 7, stDec2},
		{"Limits broken", 30, stWrap},
		{"Spike", 20, stWrap},
		{"Pain next day", 8, stDec1},
		{"Pain 48 h", 8, stDec1},
		{"Pain response", 9, stPlain},
		{"Source", 48, stPlain},
	}
	data := make([][]any, 0, len(r.Sessions))
	for _, s := range r.Sessions {
		var dist, pace any
		if s.DistanceM.OK && s.DistanceM.V > 0 {
			km := s.DistanceM.V / 1000
			dist = num(km)
			if s.Sport == analysis.Running && s.Duration > 0 {
				pace = time.Duration(float64(s.Duration) / km).Round(time.Second)
			}
		}
		var breaches, spike any
		if b := joinFlags(s.Flags, analysis.FlagBreach); b != "" {
			breaches = b
		}
		if sp := sessionSpikes(r, s); sp != "" {
			spike = sp
		}
		var rpeFrom any
		if s.RPESource != "" {
			rpeFrom = s.RPESource
		}
		var sub any
		if s.SubSport != "" {
			sub = s.SubSport
		}
		data = append(data, []any{
			sessionDay(s).Time(), wall(s.Start), string(s.Sport), sub, s.Duration, dist, pace,
			optInt(s.AvgHR), optInt(s.MaxHR), optNum(s.RPE), rpeFrom, optNum(s.TRIMP), optNum(s.Load),
			optNum(s.ACWR), breaches, spike, optNum(s.PainNextDay), optNum(s.Pain48h),
			response(s.PainResponse, s.Baseline), s.Source,
		})
	}
	sh := tableSheet("Sessions", "SessionsTable", cols, data)
	last := len(data) + 1
	br, sp, resp := colOf(cols, "Limits broken"), colOf(cols, "Spike"), colOf(cols, "Pain response")
	sh.Conds = []Cond{
		{colRange(cols, "Date", last), fmt.Sprintf("LEN($%s2)>0", br), stRedC},
		{colRange(cols, "Date", last), fmt.Sprintf("LEN($%s2)>0", sp), stAmberC},
		{colRange(cols, "Limits broken", last), fmt.Sprintf("LEN($%s2)>0", br), stRedC},
		{colRange(cols, "Spike", last), fmt.Sprintf("LEN($%s2)>0", sp), stAmberC},
		{fmt.Sprintf("%s2:%s%d", colOf(cols, "Pain next day"), resp, max(last, 2)), responseYes("$" + resp + "2"), stPainC},
	}
	return sh
}

// dailyCols names the Daily columns the Summary chart draws.
type dailyCols struct {
	sheet                    string
	load, nextPain, labelCol string
	first, last              int // data rows charted
}

func buildDaily(r analysis.Result) (*Sheet, dailyCols) {
	cols := []col{
		{"Date", 11, stDate},
		{"Weekday", 8, stPlain},
		{"Load (" + loadUnit(r.Load) + ")", 9, stDec1},
		{"Running min", 9, stDec1},
		{"Running km", 9, stDec2},
		{"Other min", 9, stDec1},
		{"Whole-body load", 10, stDec1},
		{"Acute", 8, stDec1},
		{"Chronic", 8, stDec1},
		{"ACWR", 7, stDec2},
		{"Pain", 6, stDec1},
		{"Stiffness", 8, stDec1},
		{"Swelling", 8, stDec1},
		{"Swollen", 8, stPlain},
		{"Limping", 8, stPlain},
		{"Rehab", 7, stPlain},
		{"RPE", 6, stDec1},
		{"Pain next morning", 9, stDec1},
		{"Pain response", 9, stPlain},
		{"Breaches", 9, stInt},
		{"Spikes", 8, stInt},
		{"Flags", 36, stWrap},
		{"Where it hurts", 14, stPlain},
		{"Notes", 36, stWrap},
		{"Week starts", 9, stPlain}, // the Summary chart's labels: one a week, so they stay readable
	}
	exp := exposureByDay(r)
	breaches := map[analysis.Day]int{}
	for _, b := range r.Breaches {
		breaches[b.Day]++
	}
	spikes := map[analysis.Day]int{}
	for _, s := range r.Spikes {
		spikes[s.Day]++
	}
	data := make([][]any, 0, len(r.Days))
	for _, d := range r.Days {
		var resp, flags, where, notes any
		if e, ok := exp[d.Day]; ok {
			resp = response(e.Response24h, e.Baseline)
		}
		if f := joinFlags(d.Flags, analysis.FlagBreach, analysis.FlagSpike, analysis.FlagFirstRunBack,
			analysis.FlagPainResponse, analysis.FlagWeekWatch, analysis.FlagMonotony, analysis.FlagPainTrend); f != "" {
			flags = f
		}
		if d.Symptoms.Location != "" {
			where = d.Symptoms.Location
		}
		if d.Symptoms.Notes != "" {
			notes = d.Symptoms.Notes
		}
		var nb, ns any
		if n := breaches[d.Day]; n > 0 {
			nb = n
		}
		if n := spikes[d.Day]; n > 0 {
			ns = n
		}
		data = append(data, []any{
			d.Day.Time(), d.Day.Weekday().String()[:3], optNum(d.Load), num(d.RunningMin), num(d.RunningKm),
			num(d.OtherMin), num(d.WholeBody), optNum(d.Acute), optNum(d.Chronic), optNum(d.ACWR),
			optNum(d.Symptoms.Pain), optNum(d.Symptoms.Stiffness), optNum(d.Symptoms.Swelling),
			optYes(d.Symptoms.Swollen), optYes(d.Symptoms.Limping), optYes(d.Symptoms.Rehab),
			optNum(d.Symptoms.RPE), optNum(d.NextPain), resp, nb, ns, flags, where, notes, weekLabel(d.Day),
		})
	}
	sh := tableSheet("Daily", "DailyTable", cols, data)
	last := len(data) + 1
	bc, sc, rc := colOf(cols, "Breaches"), colOf(cols, "Spikes"), colOf(cols, "Pain response")
	sh.Conds = []Cond{
		{colRange(cols, "Date", last), fmt.Sprintf("$%s2>0", bc), stRedC},
		{colRange(cols, "Date", last), fmt.Sprintf("$%s2>0", sc), stAmberC},
		{colRange(cols, "Breaches", last), fmt.Sprintf("$%s2>0", bc), stRedC},
		{colRange(cols, "Spikes", last), fmt.Sprintf("$%s2>0", sc), stAmberC},
		{colRange(cols, "Pain next morning", last), responseYes("$" + rc + "2"), stPainC},
		{colRange(cols, "Pain response", last), responseYes("$" + rc + "2"), stPainC},
		{colRange(cols, "Limping", last), fmt.Sprintf(`$%s2="yes"`, colOf(cols, "Limping")), stPainC},
	}
	dc := dailyCols{sheet: "Daily", load: colOf(cols, "Load ("+loadUnit(r.Load)+")"),
		nextPain: colOf(cols, "Pain next morning"), labelCol: colOf(cols, "Week starts"), first: 2, last: last}
	if len(data) > chartDays {
		dc.first = last - chartDays + 1
	}
	return sh, dc
}

// weekLabel is "5 Jan" on a Monday and absent on other days.
func weekLabel(d analysis.Day) any {
	if d.Weekday() != time.Monday {
		return nil
	}
	return fmt.Sprintf("%d %s", d.Day, d.Month.String()[:3])
}

// limitInForce returns the running (or any-sport) rule id in force in rules: the last such row,
// so for a week where the rule changed, the value in force at its end.
func limitInForce(rules []analysis.Rule, id analysis.RuleID) (float64, bool) {
	v, ok := 0.0, false
	for _, ru := range rules {
		if ru.ID == id && (ru.Sport == analysis.Running || ru.Sport == analysis.Any || ru.Sport == "") {
			v, ok = ru.Value, true
		}
	}
	return v, ok
}

// describeRules words the rules in force in a week whose first day in the period is first:
// "Max minutes per week 120 min"; a rule that changed during the week,
// "Max minutes per week 120 min → 60 min from Wed"; one that started in it, "… 60 min from Wed".
func describeRules(rules []analysis.Rule, first analysis.Day) string {
	var parts []string
	for i, ru := range rules {
		if ru.ID == analysis.FlareUpPlan {
			continue
		}
		v := fmtNum(ru.Value, 1) + ruleUnit(ru.ID)
		if ru.From.After(first) {
			v += " from " + ru.From.Weekday().String()[:3]
		}
		if i > 0 && rules[i-1].ID == ru.ID && rules[i-1].Sport == ru.Sport {
			parts[len(parts)-1] += " → " + v
			continue
		}
		s := ruleLabel(ru.ID) + " " + v
		if ru.Sport != "" && ru.Sport != analysis.Running {
			s += " (" + string(ru.Sport) + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// weeklyCols names the Weekly columns the Summary chart draws.
type weeklyCols struct {
	sheet                  string
	week, runMin, limitMin string
	first, last            int
	hasLimit               bool
	limitChanged           bool // the weekly minutes limit changed mid-week in a charted week
}

func buildWeekly(r analysis.Result) (*Sheet, weeklyCols) {
	cols := []col{
		{"Week", 9, stPlain},
		{"Monday", 11, stDate},
		{"Days in period", 7, stInt},
		{"Running min", 9, stDec1},
		{"Running km", 9, stDec2},
		{"Change %", 8, stDec1},
		{"Sessions", 8, stInt},
		{"Runs", 6, stInt},
		{"Rehab days", 7, stInt},
		{"Strength sessions", 9, stInt},
		{"Whole-body load", 10, stDec1},
		{"Monotony", 9, stDec2},
		{"Strain", 9, stDec1},
		{"Mean pain", 7, stDec1},
		{"Mean stiffness", 9, stDec1},
		{"Limit min/week", 9, stDec1},
		{"Limit km/week", 9, stDec1},
		{"Limit changed mid-week", 30, stWrap},
		{"Breaches", 8, stInt},
		{"Breach detail", 34, stWrap},
		{"Minimums", 34, stWrap},
		{"Within limits", 8, stPlain},
		{"Other flags", 28, stWrap},
		{"Limits in force", 60, stWrap},
	}
	// A breach or minimum of part of a week (the rule changed mid-week) names its days.
	breachN := map[string]int{}
	breachTxt := map[string][]string{}
	for _, b := range r.Breaches {
		first, last := weekDays(r, b.Day.Monday())
		breachN[b.Week]++
		breachTxt[b.Week] = append(breachTxt[b.Week], fmt.Sprintf("%s %s%s: %s%s > %s",
			b.Day.String()[5:], ruleLabel(b.Rule), partWeek(b.First, b.Day, first, last), fmtNum(b.Value, 1), ruleUnit(b.Rule), fmtNum(b.Limit, 1)))
	}
	minTxt := map[string][]string{}
	for _, m := range r.Minimums {
		s := "met"
		if !m.Met {
			s = "MISSED"
		}
		first, last := weekDays(r, m.Start)
		if part := partWeek(m.First, m.Last, first, last); part != "" {
			// Its share: "Min rehab days per week (Wed–Sun) 1/2 MISSED (3 a week × 5/7)".
			minTxt[m.Week] = append(minTxt[m.Week], fmt.Sprintf("%s%s %s/%s %s (%s a week × %d/7)", ruleLabel(m.Rule), part,
				fmtNum(m.Value, 1), fmtNum(m.Need, 1), s, fmtNum(m.Limit, 1), m.Last.Sub(m.First)+1))
			continue
		}
		minTxt[m.Week] = append(minTxt[m.Week], fmt.Sprintf("%s %s/%s %s", ruleLabel(m.Rule), fmtNum(m.Value, 1), fmtNum(m.Limit, 1), s))
	}
	hasLimit, anySplit, limitChanged := false, false, make([]bool, len(r.Weeks))
	data := make([][]any, 0, len(r.Weeks))
	for i, w := range r.Weeks {
		var lmin, lkm, changed, nb, btxt, mtxt, lim, other any
		if f := joinFlags(w.Flags, analysis.FlagMonotony, analysis.FlagPainTrend, analysis.FlagWeekWatch); f != "" {
			other = f
		}
		if v, ok := limitInForce(w.Limits, analysis.MaxWeeklyMinutes); ok {
			lmin, hasLimit = v, true
		}
		if v, ok := limitInForce(w.Limits, analysis.MaxWeeklyKm); ok {
			lkm = v
		}
		if n := breachN[w.Week]; n > 0 {
			nb, btxt = n, strings.Join(breachTxt[w.Week], "; ")
		} else {
			nb = 0
		}
		if t := minTxt[w.Week]; len(t) > 0 {
			mtxt = strings.Join(t, "; ")
		}
		first, lastDay := weekDays(r, w.Start)
		if t := describeRules(w.Limits, first); t != "" {
			lim = t
		}
		if t := weeklyChanges(w, first, lastDay); t != "" {
			changed, anySplit = t, true
		}
		for _, g := range groupParts(w.Checks) {
			if g.rule == analysis.MaxWeeklyMinutes && (g.sport == analysis.Running || g.sport == analysis.Any) && g.split(first, lastDay) {
				limitChanged[i] = true
			}
		}
		data = append(data, []any{
			w.Week, w.Start.Time(), daysIn(w), num(w.RunningMin), num(w.RunningKm), optNum(w.ChangePct), w.Sessions,
			w.RunningSessions, w.RehabDays, w.StrengthSessions, num(w.Load), optNum(w.Monotony), optNum(w.Strain),
			optNum(w.MeanPain), optNum(w.MeanStiffness), lmin, lkm, changed, nb, btxt, mtxt, yesNo(w.WithinLimits), other, lim,
		})
	}
	sh := tableSheet("Weekly", "WeeklyTable", cols, data)
	last := len(data) + 1
	if anySplit {
		sh.Rows = append(sh.Rows, nil, []Cell{{V: "A weekly rule that started or changed mid-week is checked over each part of the week " +
			"with the value then in force (Limit changed mid-week): a maximum as written; a minimum needs its share for the part's days, " +
			"rounded to the nearest whole day or session (3 a week over Wed–Sun: 3 × 5/7 = 2.1, so 2 days). A breach or missed minimum is " +
			"dated on its part's last day. Limit min/week and Limit km/week show the value in force at the end of the week.", S: stNote}})
	}
	bc, wc, mc := colOf(cols, "Breaches"), colOf(cols, "Within limits"), colOf(cols, "Minimums")
	sh.Conds = []Cond{
		{colRange(cols, "Week", last), fmt.Sprintf("$%s2>0", bc), stRedC},
		{colRange(cols, "Breaches", last), fmt.Sprintf("$%s2>0", bc), stRedC},
		{colRange(cols, "Minimums", last), fmt.Sprintf(`ISNUMBER(SEARCH("MISSED",$%s2))`, mc), stAmberC},
		{colRange(cols, "Within limits", last), fmt.Sprintf(`$%s2="yes"`, wc), stGreenC},
		{colRange(cols, "Within limits", last), fmt.Sprintf(`$%s2="no"`, wc), stAmberC},
	}
	wk := weeklyCols{sheet: "Weekly", week: "A", runMin: colOf(cols, "Running min"),
		limitMin: colOf(cols, "Limit min/week"), first: 2, last: last, hasLimit: hasLimit}
	if len(data) > chartWeeks {
		wk.first = last - chartWeeks + 1
	}
	for i, c := range limitChanged {
		wk.limitChanged = wk.limitChanged || (c && i+2 >= wk.first)
	}
	return sh, wk
}

// daysIn is the week's days in the period, when the analysis says.
func daysIn(w analysis.WeekResult) any {
	if w.DaysInPeriod == 0 {
		return nil
	}
	return w.DaysInPeriod
}

func buildFlags(r analysis.Result) *Sheet {
	cols := []col{
		{"Date", 11, stDate},
		{"Week", 9, stPlain},
		{"Type", 8, stPlain},
		{"What", 26, stPlain},
		{"Sport", 9, stPlain},
		{"Band", 12, stPlain},
		{"Limit", 8, stDec2},
		{"Value", 8, stDec2},
		{"Excess", 8, stDec2},
		{"Excess %", 8, stDec1},
		{"Detail", 44, stWrap},
		{"Pain next day", 8, stDec1},
		{"Pain 48 h", 8, stDec1},
		{"Response 24 h", 9, stPlain},
		{"Response 48 h", 9, stPlain},
		{"48 h confounded", 10, stPlain},
	}
	exp := exposureByDay(r)
	type row struct {
		day   analysis.Day
		order int
		v     []any
	}
	var rows []row
	for i, b := range r.Breaches {
		// The response is the one after the day the limit was crossed: a weekly breach is
		// dated on the week's last day, which may have had no session at all.
		var p1, p2 analysis.Opt[float64]
		var r24, r48, conf any
		if e, ok := exp[b.Crossed]; ok {
			p1, p2 = e.Pain24h, e.Pain48h
			r24, r48, conf = response(e.Response24h, e.Baseline), response(e.Response48h, e.Baseline), yesNo(e.Confounded48h)
		}
		detail := ""
		switch {
		case b.SessionStart.OK:
			detail = "session at " + b.SessionStart.V.Format("15:04")
			if b.Source != "" {
				detail += " (" + b.Source + ")"
			}
		case !b.Crossed.IsZero() && b.Crossed != b.Day:
			detail = "crossed on " + b.Crossed.Time().Format("Mon 2 Jan")
		}
		if first, last := weekDays(r, b.Day.Monday()); partWeek(b.First, b.Day, first, last) != "" {
			// A weekly rule that started or changed mid-week: the breach is of part of the week.
			part := fmt.Sprintf("over %s to %s, the days this value was in force", b.First.Time().Format("Mon 2 Jan"), b.Day.Time().Format("Mon 2 Jan"))
			detail = strings.Join(slices.DeleteFunc([]string{part, detail}, func(s string) bool { return s == "" }), "; ")
		}
		var det any
		if detail != "" {
			det = detail
		}
		rows = append(rows, row{b.Day, i, []any{
			b.Day.Time(), b.Week, "breach", ruleLabel(b.Rule), string(b.Sport), nil, num(b.Limit), num(b.Value),
			num(b.Excess), optNum(b.ExcessPct), det, optNum(p1), optNum(p2), r24, r48, conf,
		}})
	}
	for i, s := range r.Spikes {
		var det any
		if s.Detail != "" {
			det = s.Detail
		}
		rows = append(rows, row{s.Day, len(r.Breaches) + i, []any{
			s.Day.Time(), s.Day.ISOWeek(), "spike", strings.ReplaceAll(string(s.Kind), "_", " "), spikeSport(s.Kind),
			string(s.Band), num(s.Threshold), optNum(s.Value), nil, nil, det, optNum(s.PainNextDay), optNum(s.Pain48h),
			response(s.PainResponse, s.Baseline), response(s.Response48h, s.Baseline), yesNo(s.Confounded48h),
		}})
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		if c := a.day.Time().Compare(b.day.Time()); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	data := make([][]any, len(rows))
	for i, rw := range rows {
		data[i] = rw.v
	}
	sh := tableSheet("Flags", "FlagsTable", cols, data)
	last := sh.Tables[0].Last
	tc, rc := colOf(cols, "Type"), colOf(cols, "Response 24 h")
	sh.Conds = []Cond{
		{fmt.Sprintf("A2:D%d", last), fmt.Sprintf(`$%s2="breach"`, tc), stRedC},
		{fmt.Sprintf("A2:D%d", last), fmt.Sprintf(`$%s2="spike"`, tc), stAmberC},
		{fmt.Sprintf("L2:O%d", last), responseYes("$" + rc + "2"), stPainC},
	}

	// The paired table (DOMAIN §5): every training day, exposed or not.
	start := last + 3
	sh.Rows = append(sh.Rows, nil, []Cell{{V: "Paired table: every training day, with or without a spike or breach, and the mornings after it", S: stH2}})
	pcols := []col{
		{"Day", 0, stDate},
		{"Exposed", 0, stPlain},
		{"Reasons", 0, stPlain},
		{"Load", 0, stDec1},
		{"Baseline pain", 0, stDec1},
		{"Pain +24 h", 0, stDec1},
		{"Pain +48 h", 0, stDec1},
		{"Response +24 h", 0, stPlain},
		{"Response +48 h", 0, stPlain},
		{"Confounded 48 h", 0, stPlain},
	}
	sh.Rows = append(sh.Rows, headerRow(pcols))
	sh.Heights = append(sh.Heights, RowHeight{Row: start, Height: 30})
	under := slices.Clone(pcols) // the paired table's cells wrap at the widths of the columns above it
	for i := range under {
		under[i].width = cols[i].width
	}
	for _, e := range r.Exposure {
		var reasons any
		if len(e.Reasons) > 0 {
			reasons = strings.Join(e.Reasons, "; ")
		}
		row := dataRow(pcols, []any{
			e.Day.Time(), yesNo(e.Exposed), reasons, optNum(e.Load), optNum(e.Baseline), optNum(e.Pain24h),
			optNum(e.Pain48h), response(e.Response24h, e.Baseline), response(e.Response48h, e.Baseline), yesNo(e.Confounded48h),
		})
		sh.Rows = append(sh.Rows, row)
		if h := wrapHeight(under, row); h > 0 {
			sh.Heights = append(sh.Heights, RowHeight{Row: len(sh.Rows), Height: h})
		}
	}
	plast := start + max(len(r.Exposure), 1)
	if len(r.Exposure) == 0 {
		sh.Rows = append(sh.Rows, nil)
	}
	// A filtered range, not a second Excel table: a sheet with one table can be streamed (the
	// paired table is a row per training day: 1 825 rows for five years).
	sh.AutoFilter = fmt.Sprintf("A%d:%s%d", start, colName(len(pcols)), plast)
	sh.Conds = append(sh.Conds,
		Cond{fmt.Sprintf("A%d:B%d", start+1, plast), fmt.Sprintf(`$B%d="yes"`, start+1), stAmberC},
		Cond{fmt.Sprintf("F%d:H%d", start+1, plast), responseYes(fmt.Sprintf("$H%d", start+1)), stPainC},
	)
	return sh
}

func buildPlan(r analysis.Result) *Sheet {
	cols := []col{
		{"From", 11, stDate},
		{"In force until", 11, stDate},
		{"Rule", 28, stPlain},
		{"Rule id", 28, stPlain},
		{"Sport", 9, stPlain},
		{"Value", 8, stDec1},
		{"Weekly check", 36, stWrap},
		{"Note", 60, stWrap},
		{"Read from", 30, stPlain},
	}
	data := make([][]any, 0, len(r.RuleSpans))
	for _, sp := range r.RuleSpans {
		var val any
		note := sp.Note
		if sp.ID == analysis.FlareUpPlan {
			note = sp.Text
			if sp.Note != "" && sp.Note != sp.Text {
				note = strings.TrimSpace(sp.Text + "\n" + sp.Note)
			}
		} else {
			val = num(sp.Value)
		}
		var n, src any
		if note != "" {
			n = note
		}
		if sp.Source != "" {
			src = sp.Source
		}
		var wk any
		if t := weeklyApplies(sp); t != "" {
			wk = t
		}
		data = append(data, []any{sp.From.Time(), optDay(sp.Until), ruleLabel(sp.ID), string(sp.ID), string(sp.Sport), val, wk, n, src})
	}
	sh := tableSheet("Plan", "PlanTable", cols, data)
	if len(data) == 0 {
		sh.Rows = append(sh.Rows, nil, []Cell{{V: "No Plan was read: no limits were checked. Add a Plan sheet to the symptom workbook or pass -plan FILE.", S: stNote}})
	}
	return sh
}

func buildImportLog(log analysis.ImportLog) *Sheet {
	cols := []col{
		{"Entry", 12, stPlain},
		{"File", 50, stPlain},
		{"Cell", 16, stPlain},
		{"Kind", 9, stPlain},
		{"Status", 10, stPlain},
		{"Sessions", 8, stInt},
		{"Detail", 80, stWrap},
	}
	var data [][]any
	for _, in := range log.Inputs {
		var det any
		if in.Detail != "" {
			det = in.Detail
		}
		data = append(data, []any{"input", in.Path, nil, string(in.Kind), string(in.Status), in.Sessions, det})
	}
	for _, rj := range log.Rejected {
		data = append(data, []any{"rejected row", rj.File, rj.Cell, nil, "rejected", nil, rj.Reason})
	}
	for _, n := range log.Notes {
		data = append(data, []any{"note", nil, nil, nil, nil, nil, n})
	}
	sh := tableSheet("Import log", "ImportLogTable", cols, data)
	last := sh.Tables[0].Last
	st := colOf(cols, "Status")
	rng := colRange(cols, "Status", last)
	sh.Conds = []Cond{
		{rng, fmt.Sprintf(`$%s2="ok"`, st), stGreenC},
		{rng, fmt.Sprintf(`OR($%s2="partial",$%s2="skipped",$%s2="duplicate")`, st, st, st), stAmberC},
		{rng, fmt.Sprintf(`OR($%s2="error",$%s2="rejected")`, st, st), stRedC},
	}
	return sh
}

// spikeSport is the sport a spike is about: session and week increases count runs only; an
// ACWR spike is of the daily load, whole-body under -load trimp or srpe, so it names none.
func spikeSport(k analysis.SpikeKind) any {
	if k == analysis.SpikeACWR {
		return nil
	}
	return string(analysis.Running)
}
