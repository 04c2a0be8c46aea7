package ingest

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"runload/analysis"
)

// ReadPlan reads a plan from path: an .xlsx with a Plan sheet (a workbook of one sheet
// may call it anything), or a .csv. Name stands for path in the result and in messages,
// and errors are as for ReadSymptoms.
func ReadPlan(path, name string, opt Options) (LogResult, error) {
	return openLog(path, name, "the plan", opt, readPlan)
}

// readPlan is ReadPlan over a reader; name is used as in readSymptoms. A workbook's plan is
// its Plan sheet, or its only sheet whatever its name.
func readPlan(r io.Reader, name string, opt Options) (LogResult, error) {
	return readLog(r, name, opt, func(res *LogResult, g *logGrid, opt Options) (analysis.Input, error) {
		return planGrid(res, g, name, opt, ""), nil
	}, func(wb *logWorkbook, res *LogResult) error {
		sheet := wb.find("Plan")
		if sheets := wb.f.GetSheetList(); sheet == "" && len(sheets) == 1 {
			sheet = sheets[0]
		}
		if sheet == "" {
			return fmt.Errorf("%s: no sheet named Plan", name)
		}
		g, err := wb.sheetGrid(sheet)
		if err != nil {
			return err
		}
		res.Inputs = append(res.Inputs, planGrid(res, g, name, opt, ""))
		return nil
	})
}

// planColumns are the columns of SPEC "Plan", with the usual header variants.
var planColumns = []logColumn{
	{"From", []string{"from", "fromdate", "start", "startdate", "since", "date", "day"}},
	{"Rule", []string{"rule", "ruleid", "rulename"}},
	{"Value", []string{"value", "limit"}},
	{"Sport", []string{"sport", "sports", "activity"}},
	{"Note", []string{"note", "notes", "comment", "comments"}},
}

// ruleNames maps a rule's id and its label, both normalised by normHeader, to the rule:
// "maxweeklyminutes" and "maxminutesperweek" are max_weekly_minutes.
var ruleNames = func() map[string]analysis.RuleInfo {
	m := map[string]analysis.RuleInfo{}
	for _, r := range analysis.Rules() {
		m[normHeader(string(r.ID))] = r
		m[normHeader(r.Label)] = r
	}
	return m
}()

// A ruleRange is the values a numeric rule accepts, and the units that may follow them.
type ruleRange struct {
	min, max float64
	whole    bool     // a count of days or sessions
	units    []string // accepted after the number, in lower case
}

var (
	minutesUnits = []string{"minutes", "minute", "mins", "min"}
	kmUnits      = []string{"km"}
	pctUnits     = []string{"%"}
	bpmUnits     = []string{"bpm"}
)

// ruleRanges bounds each numeric rule. A value outside is rejected, never clamped.
var ruleRanges = map[analysis.RuleID]ruleRange{
	analysis.MaxSessionMinutes:          {0, 24 * 60, false, minutesUnits},
	analysis.MaxSessionKm:               {0, 1000, false, kmUnits},
	analysis.MaxSessionRPE:              {0, 10, false, nil},
	analysis.MaxAvgHR:                   {analysis.MinValidHR, analysis.MaxValidHR, false, bpmUnits},
	analysis.MaxWeeklyMinutes:           {0, 7 * 24 * 60, false, minutesUnits},
	analysis.MaxWeeklyKm:                {0, 7000, false, kmUnits},
	analysis.MaxSessionsPerWeek:         {0, 100, true, nil},
	analysis.MaxConsecutiveDays:         {0, 366, true, nil},
	analysis.MinRehabDaysPerWeek:        {0, 7, true, nil},
	analysis.MinStrengthSessionsPerWeek: {0, 100, true, nil},
	analysis.PainThreshold:              {0, 10, false, nil},
	analysis.ACWRMax:                    {0, 10, false, nil},
	analysis.WeekIncreaseMaxPct:         {0, 1000, false, pctUnits},
	analysis.SessionIncreaseMaxPct:      {0, 1000, false, pctUnits},
	analysis.HRMaxRule:                  {analysis.MinValidHR, analysis.MaxValidHR, true, bpmUnits},
	analysis.HRRestRule:                 {analysis.MinValidHR, analysis.MaxValidHR, true, bpmUnits},
}

// parseRuleName reads a rule's id or label, ignoring case, spaces, underscores and hyphens.
func parseRuleName(s string) (analysis.RuleInfo, error) {
	if info, ok := ruleNames[normHeader(s)]; ok && normHeader(s) != "" {
		return info, nil
	}
	return analysis.RuleInfo{}, fmt.Errorf("%s is not a rule: use a rule id such as max_weekly_minutes, or its label as in the template", quote(s))
}

// parseRuleValue reads a numeric rule's value: a number in the rule's range, optionally
// followed by its unit ("30 min", "5 km", "30%").
func parseRuleValue(id analysis.RuleID, s string) (float64, error) {
	rg, ok := ruleRanges[id]
	if !ok {
		return 0, fmt.Errorf("rule %s takes no number", id)
	}
	num := strings.ToLower(s)
	for _, u := range rg.units {
		if strings.HasSuffix(num, u) {
			num = cleanCell(strings.TrimSuffix(num, u))
			break
		}
	}
	v, ok := parseDecimal(num)
	switch {
	case !ok:
		return 0, fmt.Errorf("%s is not a number", quote(s))
	case v < rg.min || v > rg.max:
		return 0, fmt.Errorf("%s is outside %g to %g for %s", quote(s), rg.min, rg.max, id)
	case rg.whole && v != float64(int64(v)):
		return 0, fmt.Errorf("%s is not a whole number, as %s needs", quote(s), id)
	}
	return v + 0, nil
}

// planGrid reads the plan rows of g into res, in the order read, and returns the plan's
// Input, whose Path is inputName: the file's name, or "symptoms.xlsx (Plan sheet)".
// Under DateAuto the From column decides its order as the log's Date column does; when
// it cannot, the order the workbook's log was read in (logOrder) is taken, and failing
// that each date that could be either is rejected: a plan alone never stops the run.
func planGrid(res *LogResult, g *logGrid, inputName string, opt Options, logOrder DateOrder) analysis.Input {
	in := analysis.Input{Path: inputName, Kind: analysis.KindPlan, Status: analysis.StatusOK}
	res.Rejected = append(res.Rejected, g.bad...)
	rejected := len(g.bad)
	if len(g.rows) == 0 {
		in.Status, in.Detail = analysis.StatusSkipped, "empty: no header row and no rules"
		if rejected > 0 {
			in.Status, in.Detail = analysis.StatusError, countRows(rejected)+" rejected and no header row"
		}
		return in
	}
	h, notes := readLogHeader(g, planColumns, g.sheet) // "symptoms.xlsx: Plan column F …"
	res.Notes = append(res.Notes, notes...)
	var missing []string
	for _, c := range []string{"From", "Rule", "Value"} {
		if !hasCol(h.col, c) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		in.Status = analysis.StatusError
		in.Detail = fmt.Sprintf("no %s column in the header row (%s): the first non-empty row must name the columns From, Rule, Value, Sport, Note",
			strings.Join(missing, " or "), strings.TrimPrefix(g.rowName(h.row), g.file+": ")) + h.missingHint(missing)
		return in
	}
	var rows []logRow
	for _, r := range g.rows[1:] {
		if !h.usedBlank(r, "") {
			rows = append(rows, r)
		}
	}
	rows, examples := leaveOutExamples(g, rows, planExamples)
	if examples > 0 && len(rows) == 0 {
		// Only the template's examples: no plan, rather than limits nobody agreed.
		in.Detail = examplePlanNote
		if rejected > 0 {
			in.Status, in.Detail = analysis.StatusPartial, countRows(rejected)+" rejected; "+examplePlanNote
		}
		return in
	}
	res.HasPlan = true
	dates := surveyDates(g, rows, h.col["From"], "From")
	order, _ := dates.columnOrder(opt.DateOrder, logOrder)
	readDate := func(text string) (analysis.Opt[analysis.Day], error) {
		return dates.readDate(text, order, g.sheet != "", g.date1904)
	}
	for _, r := range rows {
		rule, rej, ok := planRow(g, h, r, readDate)
		if !ok {
			res.Rejected = append(res.Rejected, rej)
			rejected++
			continue
		}
		res.Plan.Rules = append(res.Plan.Rules, rule)
	}
	var detail []string
	if rejected > 0 {
		in.Status = analysis.StatusPartial
		detail = append(detail, countRows(rejected)+" rejected")
	}
	if examples > 0 {
		detail = append(detail, examplesNote(examples))
	}
	if len(res.Plan.Rules) == 0 && rejected == 0 {
		detail = append(detail, "no rules")
	}
	in.Detail = strings.Join(detail, "; ")
	return in
}

// planRow reads one plan row, its From date with readDate. A row without a From date is
// rejected rather than taken to hold "from the start": a rule's start decides which
// sessions it judges, and a missing one is more likely a slip than a choice, so the
// runner is asked to fill it in.
func planRow(g *logGrid, h logHeader, r logRow, readDate func(string) (analysis.Opt[analysis.Day], error)) (analysis.Rule, *CellError, bool) {
	rule := analysis.Rule{Sport: analysis.Running, Source: g.rowName(r), Note: h.get(r, "Note")}
	errs := &rowErrors{g: g, r: r}
	col := func(name string) int { return h.col[name] }

	if s := h.get(r, "From"); s == "" {
		errs.add(col("From"), "From", errors.New("no From date: enter the date the rule starts (YYYY-MM-DD)"))
	} else if d, err := readDate(s); err != nil {
		errs.add(col("From"), "From", err)
	} else {
		rule.From = d.V
	}
	info, err := parseRuleName(h.get(r, "Rule"))
	if h.get(r, "Rule") == "" {
		errs.add(col("Rule"), "Rule", errors.New("no rule"))
	} else if err != nil {
		errs.add(col("Rule"), "Rule", err)
	} else {
		rule.ID = info.ID
	}
	if s := h.get(r, "Sport"); s != "" {
		if sp, ok := analysis.ParseSport(s); ok {
			rule.Sport = sp
		} else {
			errs.add(col("Sport"), "Sport", fmt.Errorf("%s is not a sport: use running, cycling, swimming, walking, strength, other or any", quote(s)))
		}
	}
	value := h.get(r, "Value")
	switch {
	case rule.ID == "":
		// The rule was not read, so its value cannot be checked.
	case info.IsText:
		rule.Text = value
		if rule.Text == "" {
			rule.Text, rule.Note = rule.Note, ""
		}
		if rule.Text == "" {
			errs.add(col("Value"), "Value", fmt.Errorf("no text: write the agreed steps of the %s in Value or Note", info.Label))
		}
	case value == "":
		errs.add(col("Value"), "Value", fmt.Errorf("no value for %s", rule.ID))
	default:
		if rule.Value, err = parseRuleValue(rule.ID, value); err != nil {
			errs.add(col("Value"), "Value", err)
		}
	}
	if rej, bad := errs.rejected(); bad {
		return analysis.Rule{}, rej, false
	}
	return rule, nil, true
}
