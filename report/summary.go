package report

import (
	"fmt"
	"slices"
	"strings"

	"runload/analysis"
)

// summary builds the Summary sheet row by row: a label in A, text in B, charts from D.
type summary struct {
	sh  *Sheet
	row int // rows written so far
}

func (s *summary) add(cells ...Cell) {
	s.sh.Rows = append(s.sh.Rows, cells)
	s.row++
}

// summaryText is the width of the Summary's text column: the charts stand to its right.
const summaryText = 84

// line adds a label and a wrapped text, and a row height that fits the text.
func (s *summary) line(label, text string) {
	s.add(Cell{V: label, S: stLabel}, Cell{V: text, S: stText})
	s.fit(text)
}

func (s *summary) note(text string) {
	s.add(Cell{}, Cell{V: text, S: stNote})
	s.fit(text)
}

// fit sets the height of the last row for text wrapped in the text column.
func (s *summary) fit(text string) {
	if h := textHeight(text, summaryText, false); h > oneLine {
		s.sh.Heights = append(s.sh.Heights, RowHeight{Row: s.row, Height: h})
	}
}

// labelWidth is the width of the Summary's label column: its widest label whole.
func (s *summary) labelWidth() float64 {
	w := 20.0
	for _, row := range s.sh.Rows {
		if len(row) > 0 && row[0].V != nil && row[0].S != stTitle {
			size := 11.0
			if row[0].S.Size > 0 {
				size = row[0].S.Size
			}
			w = max(w, fitWidth(textWidth(cellText(row[0]), row[0].S.Bold)*size/11))
		}
	}
	return w
}

func statusStyle(level analysis.StatusLevel) Style {
	switch level {
	case analysis.LevelGreen:
		return Style{Bold: true, Size: 12, Color: colGreenFont, Fill: colGreenFill}
	case analysis.LevelAmber:
		return Style{Bold: true, Size: 12, Color: colAmberFont, Fill: colAmberFill}
	case analysis.LevelRed:
		return Style{Bold: true, Size: 12, Color: colRedFont, Fill: colRedFill}
	}
	return Style{Bold: true, Size: 12}
}

// statusWord is the status level as the Summary shows it, in capitals: "GREEN", or "UNKNOWN"
// without a status.
func statusWord(level analysis.StatusLevel) string {
	switch level {
	case analysis.LevelGreen:
		return "GREEN"
	case analysis.LevelAmber:
		return "AMBER"
	case analysis.LevelRed:
		return "RED"
	}
	return "UNKNOWN"
}

// assocNumbers gives an association's counts and statistics, each with its n.
func assocNumbers(a analysis.Association) string {
	parts := []string{fmt.Sprintf("responses after %d of %d spike or breach days and %d of %d other training days",
		a.SpikeDaysWithResponse, a.SpikeDays, a.OtherDaysWithResponse, a.OtherDays)}
	// The ratio is shown only with its interval: under the 8 + 8 days gate a bare ratio says
	// more than the days can (the JSON keeps it for scripts).
	if a.RelativeRisk.OK && a.RRLow.OK && a.RRHigh.OK {
		parts = append(parts, "risk ratio "+fmtNum(a.RelativeRisk.V, 1)+
			" (95 % CI "+fmtNum(a.RRLow.V, 1)+" to "+fmtNum(a.RRHigh.V, 1)+")")
	}
	if a.FisherP.OK {
		parts = append(parts, "Fisher's p "+fmtNum(a.FisherP.V, 3))
	}
	if a.SpearmanRho.OK {
		parts = append(parts, fmt.Sprintf("Spearman's rho %s (n %d)", fmtNum(a.SpearmanRho.V, 2), a.NPairs))
	}
	parts = append(parts, fmtNum(a.DaysLoggedPct, 0)+" % of mornings logged")
	return strings.Join(parts, "; ")
}

func buildSummary(r analysis.Result, log analysis.ImportLog, meta Meta, dc dailyCols, wc weeklyCols) *Sheet {
	s := &summary{sh: &Sheet{Name: "Summary", OnePage: true}}
	s.add(Cell{V: "Training load and symptoms", S: stTitle})
	s.sh.Heights = append(s.sh.Heights, RowHeight{Row: 1, Height: 24})
	n := r.To.Sub(r.From) + 1
	period := fmt.Sprintf("%s to %s (%s); load measured in %s", r.From, r.To, plural(n, "day", "days"), loadWords(r.Load))
	s.line("Period", period)
	if meta.Period != "" {
		s.note("Chosen as: " + meta.Period)
	}

	level := r.Status.Level
	asOf := "Status"
	if !r.Status.AsOf.IsZero() {
		asOf = "Status on " + r.Status.AsOf.String()
	}
	st := statusStyle(level)
	s.add(Cell{V: asOf, S: Style{Bold: true, Size: 12, Color: st.Color, Fill: st.Fill}}, Cell{V: statusWord(level), S: st})
	s.sh.Heights = append(s.sh.Heights, RowHeight{Row: s.row, Height: 20})
	for _, reason := range r.Status.Reasons {
		s.line("", "• "+reason)
	}
	if r.FlareUp.Text != "" && r.FlareUp.Due {
		s.line("Flare-up plan (agreed)", r.FlareUp.Text)
	}
	s.note("The status states the plan's own checks, not medical advice.")

	s.add()
	s.add(Cell{V: "Key figures", S: stH2})
	s.line("Sessions", sessionsBySport(r))
	s.line("Running per week", runningPerWeek(r))
	if len(r.Weeks) > 0 {
		s.line("Last complete week", lastWeek(r))
		if r.ThisWeek.OK {
			s.line("This week so far", thisWeek(r.ThisWeek.V))
		}
	}
	s.line("Limit breaches", breachSummary(r))
	s.line("Load spikes", spikeSummary(r))
	s.line("Pain responses", painSummary(r))
	s.line("Spike → pain (24 h)", orNot(r.Association.Sentence))
	s.note(assocNumbers(r.Association))
	if r.Association48h.Sentence != "" || r.Association48h.SpikeDays+r.Association48h.OtherDays > 0 {
		s.line("Spike → pain (48 h)", orNot(r.Association48h.Sentence))
		s.note(assocNumbers(r.Association48h))
	}
	s.line("Adherence", adherenceSummary(r))
	s.line("Streaks", streakSummary(r))
	s.line("Inputs", inputSummary(log))
	if r.FlareUp.Text != "" && !r.FlareUp.Due {
		s.line("Flare-up plan (agreed)", r.FlareUp.Text)
	}
	notes := r.Notes
	if r.Load == analysis.LoadTRIMP { // TRIMP's notes where it is the load; else on the Method sheet
		notes = slices.Concat(r.TRIMPNotes, notes)
	}
	for i, note := range notes {
		label := ""
		if i == 0 {
			label = "Notes"
		}
		s.line(label, note)
	}

	s.add()
	s.add(Cell{V: "How to read this", S: stH2})
	s.note(fmt.Sprintf("Daily load and next-day pain: blue columns are the daily load (%s) of the last %s; the red line is the pain (0–10, right-hand axis) logged the next morning; a gap means not logged.",
		loadWords(r.Load), plural(dc.last-dc.first+1, "day", "days")))
	lim := "the orange band is the agreed maximum minutes per week (Plan): its top steps where the limit changes, and a blue point above it is a week over the limit"
	if !wc.hasLimit {
		lim = "no weekly minutes limit was set in the Plan"
	} else if n := len(wc.limitChanges); n > 0 {
		// The weeks where it changed mid-week, named: the chart has a column per week.
		weeks := wc.limitChanges
		if n > 3 {
			weeks = append(weeks[:3:3], plural(n-3, "more", "more"))
		}
		lim += fmt.Sprintf("; in a week where it changed mid-week (%s), the band shows the value from the change on, and each part of that week is checked with its own value (Weekly sheet)",
			strings.Join(weeks, "; "))
	}
	s.note(fmt.Sprintf("Weekly running minutes vs limit: blue is the running minutes of each ISO week (Monday to Sunday); %s.", lim))
	s.note("Colours on the data sheets: red = a limit broken; amber = a load spike; bold red pain = a pain response (pain up 2 points, above the threshold, stiffness up 2, or limping the next morning). Definitions and sources: Method sheet.")
	s.note("Associations in this runner's own data do not show that the sessions caused the pain.")

	s.sh.Widths = []float64{s.labelWidth(), summaryText, 2}
	if len(r.Days) > 0 {
		cat := fmt.Sprintf("%s!$%s$%d:$%s$%d", dc.sheet, dc.labelCol, dc.first, dc.labelCol, dc.last)
		s.sh.Charts = append(s.sh.Charts, Chart{
			Anchor: "D2", Title: "Daily load and next-day pain", Width: 620, Height: 300,
			Columns: []Series{{Name: fmt.Sprintf("%s!$%s$1", dc.sheet, dc.load), Categories: cat,
				Values: fmt.Sprintf("%s!$%s$%d:$%s$%d", dc.sheet, dc.load, dc.first, dc.load, dc.last), Color: colLoad}},
			Lines: []Series{{Name: fmt.Sprintf("%s!$%s$1", dc.sheet, dc.nextPain), Categories: cat,
				Values: fmt.Sprintf("%s!$%s$%d:$%s$%d", dc.sheet, dc.nextPain, dc.first, dc.nextPain, dc.last), Color: colPain, Marker: true}},
			LinesSecondary: true,
			YTitle:         "Load (" + loadUnit(r.Load) + ")",
			Y2Title:        "Pain (0-10)",
			// The Daily sheet's dates: Excel and LibreOffice make dates a date axis and space
			// its labels themselves (LibreOffice: every 4 days of 77); elsewhere, one a week.
			XFmt: "d mmm", XSkip: 7, XRotate: -45,
		})
	}
	if len(r.Weeks) > 0 {
		cat := fmt.Sprintf("%s!$%s$%d:$%s$%d", wc.sheet, wc.week, wc.first, wc.week, wc.last)
		ch := Chart{
			Anchor: "D19", Title: "Weekly running minutes vs limit", Width: 620, Height: 280,
			Lines: []Series{{Name: fmt.Sprintf("%s!$%s$1", wc.sheet, wc.runMin), Categories: cat,
				Values: fmt.Sprintf("%s!$%s$%d:$%s$%d", wc.sheet, wc.runMin, wc.first, wc.runMin, wc.last), Color: colLoad, Marker: true}},
			YTitle: "Minutes",
		}
		if n := wc.last - wc.first + 1; n > 13 {
			// Week labels would wrap, and past 13 weeks would stand one letter a line: at most
			// 13 labels, turned.
			ch.XRotate, ch.XSkip = -45, (n+12)/13
		}
		if wc.hasLimit {
			// The limit as touching columns: a band that steps where the limit changes, under
			// the running minutes' line; a line between weeks would slope from one to the next.
			ch.Columns = []Series{{Name: fmt.Sprintf("%s!$%s$1", wc.sheet, wc.limitMin), Categories: cat,
				Values: fmt.Sprintf("%s!$%s$%d:$%s$%d", wc.sheet, wc.limitMin, wc.first, wc.limitMin, wc.last), Color: colLimitBand}}
			ch.StepColumns = true
		}
		s.sh.Charts = append(s.sh.Charts, ch)
	}
	return s.sh
}

func orNot(sentence string) string {
	if sentence == "" {
		return "not computed"
	}
	return sentence
}

func loadWords(m analysis.LoadMeasure) string {
	switch m {
	case analysis.LoadKm:
		return "running km"
	case analysis.LoadTRIMP:
		return "TRIMP (heart rate)"
	case analysis.LoadSRPE:
		return "session RPE × minutes"
	}
	return "running minutes"
}

// sessionsBySport words the analysis's count of sessions per sport.
func sessionsBySport(r analysis.Result) string {
	var parts []string
	for _, c := range r.SportCounts {
		parts = append(parts, fmt.Sprintf("%d %s", c.Sessions, c.Sport))
	}
	if len(parts) == 0 {
		return "no sessions in the period"
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" (%d in all)", len(r.Sessions))
}

// runningPerWeek is the mean running per complete week, as the analysis gives it.
func runningPerWeek(r analysis.Result) string {
	if len(r.Weeks) == 0 {
		return "no weeks in the period"
	}
	m := r.WeeklyMean
	if m.Weeks == 0 {
		return "no mean: the period holds no complete week (Monday to Sunday)"
	}
	return fmt.Sprintf("mean %s min and %s km per week, over %s (Monday to Sunday)",
		fmtNum(m.RunningMin, 0), fmtNum(m.RunningKm, 1), plural(m.Weeks, "complete week", "complete weeks"))
}

// lastWeek is the last complete week against the weekly limits it was checked against.
func lastWeek(r analysis.Result) string {
	if !r.LastWeek.OK {
		return "none: the period holds no complete week (Monday to Sunday)"
	}
	w := r.LastWeek.V
	return fmt.Sprintf("%s, %s: %s", w.Week, daySpan(w.First, w.Last), weekFigures(w))
}

// thisWeek is the week holding the period's last day: N of 7 days so far.
func thisWeek(w analysis.WeekSummary) string {
	return fmt.Sprintf("%s, %d of 7 days (%s): %s", w.Week, w.Days, daySpan(w.First, w.Last), weekFigures(w))
}

// daySpan is "9 Mar", "2–8 Mar" or "30 Mar–5 Apr".
func daySpan(first, last analysis.Day) string {
	dm := func(d analysis.Day) string { return d.Time().Format("2 Jan") }
	switch {
	case first == last:
		return dm(first)
	case first.Year == last.Year && first.Month == last.Month:
		return fmt.Sprintf("%d–%s", first.Day, dm(last))
	}
	return dm(first) + "–" + dm(last)
}

// weekFigures is a week's running minutes, km and runs, its rehab days, each against the
// weekly rule checked on it, then any other weekly rule (another sport's, or every sport's):
// "116.7 min of 90 allowed (over); 14.2 km of 15 allowed; 3 runs of 4 allowed; rehab on
// 3 days, minimum 3 (met)". A rule that started or changed mid-week is quoted part by part:
// "135 min: Mon–Tue 70 of 120 allowed, Wed–Sun 65 of 60 allowed (over)". The outcomes are the
// analysis's; nothing is compared here.
func weekFigures(w analysis.WeekSummary) string {
	groups := groupParts(w.Limits)
	used := make([]bool, len(groups))
	take := func(id analysis.RuleID, anySport bool) (ruleParts, bool) {
		for i, g := range groups {
			if !used[i] && g.rule == id && (anySport || g.sport == analysis.Running) {
				used[i] = true
				return g, true
			}
		}
		return ruleParts{}, false
	}
	// maxText quotes a maximum: whole, what(value); in parts, total then each part.
	maxText := func(g ruleParts, total string, what func(float64) string) string {
		if !g.split() {
			return maxClause(g.parts[0], what(g.parts[0].Value))
		}
		var ps []string
		for _, l := range g.parts {
			ps = append(ps, maxClause(l, weekdays(l.First, l.Last)+" "+fmtNum(l.Value, 1)))
		}
		return total + ": " + strings.Join(ps, ", ")
	}
	// minText quotes a minimum: whole, as minClause; in parts, total then each part with the
	// count it needed, its share of the weekly value (the analysis's).
	minText := func(g ruleParts, total, what string) string {
		if !g.split() {
			return minClause(g.parts[0], what)
		}
		var ps []string
		for _, l := range g.parts {
			ps = append(ps, minPartClause(l))
		}
		return total + ": " + strings.Join(ps, ", ")
	}
	var parts []string
	if g, ok := take(analysis.MaxWeeklyMinutes, false); ok {
		parts = append(parts, maxText(g, fmtNum(w.RunningMin, 1)+" min", func(v float64) string { return fmtNum(v, 1) + " min" }))
	} else {
		parts = append(parts, fmtNum(w.RunningMin, 1)+" min")
	}
	if g, ok := take(analysis.MaxWeeklyKm, false); ok {
		parts = append(parts, maxText(g, fmtNum(w.RunningKm, 1)+" km", func(v float64) string { return fmtNum(v, 1) + " km" }))
	} else {
		parts = append(parts, fmtNum(w.RunningKm, 1)+" km")
	}
	if g, ok := take(analysis.MaxSessionsPerWeek, false); ok {
		parts = append(parts, maxText(g, plural(w.RunningSessions, "run", "runs"), func(v float64) string {
			return fmtNum(v, 0) + " " + pluralWord(v, "run", "runs")
		}))
	} else {
		parts = append(parts, plural(w.RunningSessions, "run", "runs"))
	}
	if g, ok := take(analysis.MinRehabDaysPerWeek, true); ok {
		l := g.parts[0]
		parts = append(parts, minText(g, "rehab on "+plural(w.RehabDays, "day", "days"),
			"rehab on "+fmtNum(l.Value, 0)+" "+pluralWord(l.Value, "day", "days")))
	} else if w.RehabDays > 0 {
		parts = append(parts, "rehab on "+plural(w.RehabDays, "day", "days"))
	}
	if g, ok := take(analysis.MinStrengthSessionsPerWeek, true); ok {
		l := g.parts[0]
		what := fmtNum(l.Value, 0) + " strength " + pluralWord(l.Value, "session", "sessions")
		total := plural(w.StrengthSessions, "strength session", "strength sessions")
		if l.Note != "" { // rehab days stand in for strength sessions
			what = fmtNum(l.Value, 0) + " rehab " + pluralWord(l.Value, "day", "days") + " as strength sessions"
			total = "rehab days as strength sessions"
			for i := range g.parts {
				g.parts[i].Note = ""
			}
		}
		parts = append(parts, minText(g, total, what))
	}
	for i, g := range groups {
		if used[i] {
			continue
		}
		what := ruleLabel(g.rule)
		if g.sport != analysis.Running {
			what += " (" + sportWords(g.sport) + ")"
		}
		l := g.parts[0]
		whole := what + ": " + fmtNum(l.Value, 1) + ruleUnit(g.rule)
		switch g.rule {
		case analysis.MinRehabDaysPerWeek, analysis.MinStrengthSessionsPerWeek:
			parts = append(parts, minText(g, what, whole))
		default:
			parts = append(parts, maxText(g, what, func(v float64) string { return whole }))
		}
	}
	text := strings.Join(parts, "; ")
	if len(w.Limits) == 0 {
		text += " (no weekly limits in the Plan)"
	}
	return text
}

// minPartClause is one part of a minimum that changed mid-week: "Wed–Sun 1 of 2 needed
// (3 a week, pro-rated) (missed)"; "Wed–Thu 1 so far (3 a week)" for a part not yet judged.
func minPartClause(l analysis.WeekLimit) string {
	s := weekdays(l.First, l.Last) + " " + fmtNum(l.Value, 0)
	if !l.Met.OK {
		s += " so far (" + fmtNum(l.Limit, 1) + " a week)"
	} else {
		s += " of " + fmtNum(l.Need, 1) + " needed (" + fmtNum(l.Limit, 1) + " a week, pro-rated)"
		if l.Met.V {
			s += " (met)"
		} else {
			s += " (missed)"
		}
	}
	if l.Note != "" {
		s += " (" + l.Note + ")"
	}
	return s
}

// maxClause is "116.7 min of 90 allowed (over)".
func maxClause(l analysis.WeekLimit, what string) string {
	s := what + " of " + fmtNum(l.Limit, 1) + " allowed"
	if l.Over {
		s += " (over)"
	}
	if l.Note != "" {
		s += " (" + l.Note + ")"
	}
	return s
}

// minClause is "rehab on 2 days, minimum 3 (missed)"; a week not judged (cut by the period)
// says "minimum 3 a week".
func minClause(l analysis.WeekLimit, what string) string {
	s := what + ", minimum " + fmtNum(l.Limit, 1)
	switch {
	case !l.Met.OK:
		s += " a week"
	case l.Met.V:
		s += " (met)"
	default:
		s += " (missed)"
	}
	if l.Note != "" {
		s += " (" + l.Note + ")"
	}
	return s
}

// pluralWord is one for exactly 1, else many.
func pluralWord(v float64, one, many string) string {
	if v == 1 {
		return one
	}
	return many
}

// sportWords names a rule's sport: "every sport" for any.
func sportWords(s analysis.Sport) string {
	if s == analysis.Any {
		return "every sport"
	}
	return string(s)
}

// streakSummary words the analysis's streaks: weeks within every limit only when some week had
// a limit to keep.
func streakSummary(r analysis.Result) string {
	st := r.Streaks
	weeks := fmt.Sprintf("%s in a row within every limit (longest %d)", plural(st.WeeksWithinLimits, "week", "weeks"), st.LongestWeeksWithin)
	switch {
	case st.WeeksChecked > 0:
	case len(r.RuleSpans) == 0:
		weeks = "no weeks within limits to count: no Plan was read"
	case r.Limits.Maximums+r.Limits.Minimums == 0:
		weeks = "no weeks within limits to count: the Plan sets no maximum or minimum for this period"
	default:
		weeks = "no weeks within limits to count: no complete week (Monday to Sunday) had a limit in force"
	}
	return fmt.Sprintf("%s; rehab done %s in a row (longest %d)", weeks, plural(st.RehabDays, "day", "days"), st.LongestRehabDays)
}

// breachSummary words the analysis's count of breaches per rule.
func breachSummary(r analysis.Result) string {
	if len(r.Breaches) == 0 {
		switch {
		case len(r.RuleSpans) == 0:
			return "none checked: no Plan was read"
		case r.Limits.Maximums == 0:
			return "none checked: the Plan sets no maximum for this period"
		}
		return "none: no session, week or run of days went over an agreed maximum"
	}
	var parts []string
	for _, c := range r.BreachCounts {
		parts = append(parts, fmt.Sprintf("%s × %d", ruleLabel(c.Rule), c.Breaches))
	}
	return fmt.Sprintf("%d: %s (see Flags)", len(r.Breaches), strings.Join(parts, ", "))
}

// spikeSummary words the analysis's count of spikes per kind.
func spikeSummary(r analysis.Result) string {
	if len(r.Spikes) == 0 {
		return "none"
	}
	var parts []string
	for _, c := range r.SpikeCounts {
		k := strings.ReplaceAll(string(c.Kind), "_", " ")
		if c.FirstRunBack {
			k = "first run back"
		}
		parts = append(parts, fmt.Sprintf("%s × %d", k, c.Spikes))
	}
	return fmt.Sprintf("%d: %s (see Flags)", len(r.Spikes), strings.Join(parts, ", "))
}

// painSummary words the analysis's count of responses after training days.
func painSummary(r analysis.Result) string {
	c := r.Responses
	if c.TrainingDays == 0 {
		return "no training days to follow up"
	}
	return fmt.Sprintf("%d of %d training days with the next morning logged were followed by a pain response (%d of %d within 48 h); threshold %s/10",
		c.Responses24h, c.Judged24h, c.Responses48h, c.Judged48h, fmtNum(r.Thresholds.PainThreshold, 1))
}

func adherenceSummary(r analysis.Result) string {
	if len(r.Adherence) == 0 {
		return "no minimums in the Plan"
	}
	var parts []string
	for _, a := range r.Adherence {
		label := ruleLabel(a.Rule)
		if a.Sport != "" && a.Sport != analysis.Running && a.Sport != analysis.Any {
			label += " (" + string(a.Sport) + ")"
		}
		parts = append(parts, fmt.Sprintf("%s: met in %d of %s", label, a.WeeksMet, plural(a.WeeksTotal, "week", "weeks")))
	}
	return strings.Join(parts, "; ")
}

// inputSummary words the import log's count of inputs by status.
func inputSummary(log analysis.ImportLog) string {
	var parts []string
	for _, st := range []analysis.InputStatus{analysis.StatusOK, analysis.StatusPartial, analysis.StatusDuplicate,
		analysis.StatusSkipped, analysis.StatusError} {
		parts = append(parts, fmt.Sprintf("%d %s", log.Count(st), st))
	}
	return fmt.Sprintf("%s read: %s; %s rejected (see Import log)", plural(len(log.Inputs), "file", "files"),
		strings.Join(parts, ", "), plural(len(log.Rejected), "row", "rows"))
}
