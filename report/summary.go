package report

import (
	"fmt"
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

// line adds a label and a wrapped text, and a row height that fits the text.
func (s *summary) line(label, text string) {
	s.add(Cell{V: label, S: stLabel}, Cell{V: text, S: stText})
	s.fit(text, 96)
}

func (s *summary) note(text string) {
	s.add(Cell{}, Cell{V: text, S: stNote})
	s.fit(text, 92)
}

// fit sets the height of the last row for text wrapped at about perLine characters.
func (s *summary) fit(text string, perLine int) {
	lines := 0
	for _, l := range strings.Split(text, "\n") {
		lines += 1 + len([]rune(l))/perLine
	}
	if lines > 1 {
		s.sh.Heights = append(s.sh.Heights, RowHeight{Row: s.row, Height: 15 * float64(lines)})
	}
}

func statusStyle(level string) Style {
	switch level {
	case "green":
		return Style{Bold: true, Size: 12, Color: colGreenFont, Fill: colGreenFill}
	case "amber":
		return Style{Bold: true, Size: 12, Color: colAmberFont, Fill: colAmberFill}
	case "red":
		return Style{Bold: true, Size: 12, Color: colRedFont, Fill: colRedFill}
	}
	return Style{Bold: true, Size: 12}
}

func flareUpPlan(r analysis.Result) string {
	text := ""
	for _, sp := range r.RuleSpans {
		if sp.ID != analysis.FlareUpPlan || (sp.Until.OK && sp.Until.V.Before(r.To)) {
			continue
		}
		text = sp.Text
		if text == "" {
			text = sp.Note
		}
	}
	return strings.TrimSpace(text)
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
	s := &summary{sh: &Sheet{Name: "Summary", Widths: []float64{26, 84, 2}, Landscape: true}}
	s.add(Cell{V: "Training load and symptoms", S: stTitle})
	s.sh.Heights = append(s.sh.Heights, RowHeight{Row: 1, Height: 24})
	n := r.To.Sub(r.From) + 1
	period := fmt.Sprintf("%s to %s (%s); load measured in %s", r.From, r.To, plural(n, "day", "days"), loadWords(r.Load))
	s.line("Period", period)

	level := r.Status.Level
	if level == "" {
		level = "unknown"
	}
	asOf := "Status"
	if !r.Status.AsOf.IsZero() {
		asOf = "Status on " + r.Status.AsOf.String()
	}
	st := statusStyle(level)
	s.add(Cell{V: asOf, S: Style{Bold: true, Size: 12, Color: st.Color, Fill: st.Fill}}, Cell{V: strings.ToUpper(level), S: st})
	s.sh.Heights = append(s.sh.Heights, RowHeight{Row: s.row, Height: 20})
	for _, reason := range r.Status.Reasons {
		s.line("", "• "+reason)
	}
	plan := flareUpPlan(r)
	if plan != "" && (level == "amber" || level == "red") {
		s.line("Flare-up plan (agreed)", plan)
	}
	s.note("The status states the plan's own checks, not medical advice.")

	s.add()
	s.add(Cell{V: "Key figures", S: stH2})
	s.line("Sessions", sessionsBySport(r))
	s.line("Running per week", runningPerWeek(r))
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
	st2 := r.Streaks
	s.line("Streaks", fmt.Sprintf("%s in a row within every limit (longest %d); rehab done %s in a row (longest %d)",
		plural(st2.WeeksWithinLimits, "week", "weeks"), st2.LongestWeeksWithin, plural(st2.RehabDays, "day", "days"), st2.LongestRehabDays))
	s.line("Inputs", inputSummary(log))
	if plan != "" && level != "amber" && level != "red" {
		s.line("Flare-up plan (agreed)", plan)
	}
	for i, note := range r.Notes {
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
	lim := "the orange line is the agreed maximum minutes per week (Plan)"
	if !wc.hasLimit {
		lim = "no weekly minutes limit was set in the Plan"
	}
	s.note(fmt.Sprintf("Weekly running minutes vs limit: blue is the running minutes of each ISO week (Monday to Sunday); %s.", lim))
	s.note("Colours on the data sheets: red = a limit broken; amber = a load spike; bold red pain = a pain response (pain up 2 points, above the threshold, stiffness up 2, or limping the next morning). Definitions and sources: Method sheet.")
	s.note("Associations in this runner's own data do not show that the sessions caused the pain.")

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
			XRotate:        -45,
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
		if wc.last-wc.first+1 > 13 {
			ch.XRotate = -45 // week labels would wrap
		}
		if wc.hasLimit {
			ch.Lines = append(ch.Lines, Series{Name: fmt.Sprintf("%s!$%s$1", wc.sheet, wc.limitMin), Categories: cat,
				Values: fmt.Sprintf("%s!$%s$%d:$%s$%d", wc.sheet, wc.limitMin, wc.first, wc.limitMin, wc.last), Color: colLimit, Dash: true})
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

// sportOrder is the order sports are listed in.
var sportOrder = []analysis.Sport{analysis.Running, analysis.Cycling, analysis.Swimming, analysis.Walking,
	analysis.Strength, analysis.Other, analysis.Unknown}

func sessionsBySport(r analysis.Result) string {
	counts := map[analysis.Sport]int{}
	for _, s := range r.Sessions {
		counts[s.Sport]++
	}
	var parts []string
	for _, sp := range sportOrder {
		if n := counts[sp]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sp))
		}
	}
	if len(parts) == 0 {
		return "no sessions in the period"
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" (%d in all)", len(r.Sessions))
}

func runningPerWeek(r analysis.Result) string {
	if len(r.Weeks) == 0 {
		return "no weeks in the period"
	}
	// The mean is over whole weeks: a week cut by the period's start or end would pull it down.
	var mins, km float64
	n := 0
	for _, w := range r.Weeks {
		if w.DaysInPeriod == 0 || w.DaysInPeriod == 7 {
			mins += w.RunningMin
			km += w.RunningKm
			n++
		}
	}
	whole := plural(n, "whole week", "whole weeks")
	if n == 0 {
		for _, w := range r.Weeks {
			mins += w.RunningMin
			km += w.RunningKm
		}
		n = len(r.Weeks)
		whole = plural(n, "part week", "part weeks")
	}
	last := r.Weeks[len(r.Weeks)-1]
	lastNote := ""
	if last.DaysInPeriod > 0 && last.DaysInPeriod < 7 {
		lastNote = fmt.Sprintf(", %s of it in the period", plural(last.DaysInPeriod, "day", "days"))
	}
	return fmt.Sprintf("mean %s min and %s km over %s; last week (%s%s) %s min and %s km",
		fmtNum(mins/float64(n), 0), fmtNum(km/float64(n), 1), whole, last.Week, lastNote,
		fmtNum(last.RunningMin, 0), fmtNum(last.RunningKm, 1))
}

func breachSummary(r analysis.Result) string {
	if len(r.Breaches) == 0 {
		if len(r.RuleSpans) == 0 {
			return "none checked: no Plan was read"
		}
		return "none: every session and week within the agreed limits"
	}
	counts := map[analysis.RuleID]int{}
	var order []analysis.RuleID
	for _, b := range r.Breaches {
		if counts[b.Rule] == 0 {
			order = append(order, b.Rule)
		}
		counts[b.Rule]++
	}
	var parts []string
	for _, id := range order {
		parts = append(parts, fmt.Sprintf("%s × %d", ruleLabel(id), counts[id]))
	}
	return fmt.Sprintf("%d: %s (see Flags)", len(r.Breaches), strings.Join(parts, ", "))
}

func spikeSummary(r analysis.Result) string {
	if len(r.Spikes) == 0 {
		return "none"
	}
	counts := map[string]int{}
	var order []string
	for _, s := range r.Spikes {
		k := strings.ReplaceAll(string(s.Kind), "_", " ")
		if s.Band == "first run back" {
			k = "first run back"
		}
		if counts[k] == 0 {
			order = append(order, k)
		}
		counts[k]++
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%s × %d", k, counts[k]))
	}
	return fmt.Sprintf("%d: %s (see Flags)", len(r.Spikes), strings.Join(parts, ", "))
}

func painSummary(r analysis.Result) string {
	var days, logged, resp, logged48, resp48 int
	for _, e := range r.Exposure {
		days++
		if e.Response24h.OK {
			logged++
			if e.Response24h.V {
				resp++
			}
		}
		if e.Response48h.OK {
			logged48++
			if e.Response48h.V {
				resp48++
			}
		}
	}
	if days == 0 {
		return "no training days to follow up"
	}
	return fmt.Sprintf("%d of %d training days with the next morning logged were followed by a pain response (%d of %d within 48 h); threshold %s/10",
		resp, logged, resp48, logged48, fmtNum(r.Thresholds.PainThreshold, 1))
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

func inputSummary(log analysis.ImportLog) string {
	counts := map[analysis.InputStatus]int{}
	for _, in := range log.Inputs {
		counts[in.Status]++
	}
	var parts []string
	for _, st := range []analysis.InputStatus{analysis.StatusOK, analysis.StatusPartial, analysis.StatusDuplicate,
		analysis.StatusSkipped, analysis.StatusError} {
		parts = append(parts, fmt.Sprintf("%d %s", counts[st], st))
	}
	return fmt.Sprintf("%s read: %s; %s rejected (see Import log)", plural(len(log.Inputs), "file", "files"),
		strings.Join(parts, ", "), plural(len(log.Rejected), "row", "rows"))
}
