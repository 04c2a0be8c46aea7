package ingest

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"runload/internal/xlsxzip"

	"runload/analysis"
)

// templateStamp is the template's fixed document time: the same template comes out byte
// for byte, whenever it is made.
const (
	templateStamp = "2026-01-05T00:00:00Z"
	templateRows  = 2000 // rows that get the dropdowns and the checks
)

// templateExampleDay is the date of the template's example rows: a Monday.
var templateExampleDay = analysis.Day{Year: 2026, Month: 1, Day: 5}

// symptomExample is the example row the template writes on its Symptoms sheet, cell by
// cell from column A. A row that is exactly this is left out when a log is read.
var symptomExample = []any{templateExampleDay.Time(), 2, 3, 0, "no", "yes", 4,
	"left Achilles", "Example row: replace it with your own mornings"}

// planExamples are the example rows the template writes on its Plan sheet, cell by cell
// from column A (From, Rule, Value, Sport, Note). Rows that are exactly these are left
// out when a plan is read.
var planExamples = func() [][]any {
	var rows [][]any
	for _, p := range []struct {
		id    analysis.RuleID
		value float64
		sport analysis.Sport
		note  string
	}{
		{analysis.MaxSessionMinutes, 30, analysis.Running, "Example: agree your own limits with your physio"},
		{analysis.MaxWeeklyMinutes, 90, analysis.Running, ""},
		{analysis.PainThreshold, 2, analysis.Any, "Next-morning pain above this counts as a pain response"},
		{analysis.MinRehabDaysPerWeek, 5, analysis.Any, ""},
	} {
		label := ""
		for _, r := range analysis.Rules() {
			if r.ID == p.id {
				label = r.Label
			}
		}
		var note any // an empty note stays an empty cell
		if p.note != "" {
			note = p.note
		}
		rows = append(rows, []any{templateExampleDay.Time(), label, p.value, string(p.sport), note})
	}
	return rows
}()

// A templateColumn is one column of a template sheet.
type templateColumn struct {
	logHeader string
	width     float64
	note      string // the header's comment
	check     func(dv *excelize.DataValidation) error
}

// WriteTemplate writes the blank symptom log of `analyze init` to w: an .xlsx with a
// Symptoms sheet and a Plan sheet, header notes, dropdowns and checks on the cells, one
// example entry and a typical plan. The output is the same bytes every time. It writes
// only to w: the caller decides where, and refuses to overwrite a file.
func WriteTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	f.ZipWriter = xlsxzip.NewWriter
	if err := buildTemplate(f); err != nil {
		return fmt.Errorf("making the symptom log template: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("writing the symptom log template: %w", err)
	}
	return nil
}

// The dropdowns of the template.
var (
	yesNo  = []string{"yes", "no"}
	sports = []string{string(analysis.Running), string(analysis.Cycling), string(analysis.Swimming),
		string(analysis.Walking), string(analysis.Strength), string(analysis.Other), string(analysis.Any)}
)

func scoreCheck(dv *excelize.DataValidation) error {
	if err := dv.SetRange(0, 10, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Score 0-10", "Enter a number from 0 (none) to 10 (worst imaginable), e.g. 2 or 2.5.")
	return nil
}

func yesNoCheck(dv *excelize.DataValidation) error {
	if err := dv.SetDropList(yesNo); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "yes or no", "Choose yes or no, or leave the cell empty if you did not note it.")
	return nil
}

func dateCheck(dv *excelize.DataValidation) error {
	// Dates from 2000-01-01 (serial 36526) to 2099-12-31 (serial 73050).
	if err := dv.SetRange(36526, 73050, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Date", "Enter a date, e.g. 2026-01-05.")
	return nil
}

var symptomTemplate = []templateColumn{
	{"Date", 12, "The morning this row is about (YYYY-MM-DD). One row per day; a second row for the same day is merged (the worse value counts).", dateCheck},
	{"Pain (0-10)", 12, "Required. Pain on getting up, 0 = none, 10 = worst imaginable. Decimals are fine. Leave a day out rather than guess.", scoreCheck},
	{"Stiffness (0-10)", 15, "Morning stiffness, 0 = none, 10 = cannot move. Empty = not noted (not 0).", scoreCheck},
	{"Swelling (0-10)", 15, "Swelling, 0 = none, 10 = severe. Empty = not noted (not 0).", scoreCheck},
	{"Limping", 10, "yes if you limped at any point that day, else no. Empty = not noted.", yesNoCheck},
	{"Rehab", 10, "yes if you did the prescribed exercises that day, else no. Empty = not noted.", yesNoCheck},
	{"RPE (0-10)", 11, "How hard the day's main session felt, 0 = rest, 10 = maximal (CR-10). Empty on rest days.", scoreCheck},
	{"Location", 18, "Where it hurts (e.g. left Achilles). Not a place: the report is shared.", nil},
	{"Notes", 40, "Anything else: sleep, illness, new shoes, a fall.", nil},
}

var planTemplate = []templateColumn{
	{"From", 12, "The date the rule starts. It holds until a later row with the same Rule and Sport.", dateCheck},
	{"Rule", 30, "A limit agreed with your physio: choose from the list. The ids (max_weekly_minutes, ...) are accepted too.", nil},
	{"Value", 10, "The limit: minutes, km, a 0-10 score or a count, as the rule says; a value equal to the limit is within it. For the flare-up plan, the steps (or write them in Note).", nil},
	{"Sport", 10, "The sport the rule is for: running (the default when empty), or any for every sport.", nil},
	{"Note", 40, "Why, or anything the physio wants to remember.", nil},
}

// buildTemplate lays out the two sheets of the template on f.
func buildTemplate(f *excelize.File) error {
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: "Symptom log", Creator: "runload analyze init", LastModifiedBy: "runload",
		Created: templateStamp, Modified: templateStamp,
	}); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Symptoms"); err != nil {
		return err
	}
	for _, s := range []string{"Plan", "Lists"} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	ymd := "yyyy-mm-dd"
	hdr, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"305496"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	dateSt, err := f.NewStyle(&excelize.Style{CustomNumFmt: &ymd})
	if err != nil {
		return err
	}

	// Lists: the dropdown values too long to inline (rule labels), on a hidden sheet.
	var labels []string
	for _, r := range analysis.Rules() {
		labels = append(labels, r.Label)
	}
	for i, l := range labels {
		if err := f.SetCellValue("Lists", fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}

	if err := templateSheet(f, "Symptoms", symptomTemplate, hdr, dateSt); err != nil {
		return err
	}
	example := slices.Clone(symptomExample)
	if err := f.SetSheetRow("Symptoms", "A2", &example); err != nil {
		return err
	}
	if err := f.SetCellStyle("Symptoms", "A2", "A2", dateSt); err != nil { // a time.Time cell gets m/d/yy h:mm otherwise
		return err
	}

	if err := templateSheet(f, "Plan", planTemplate, hdr, dateSt); err != nil {
		return err
	}
	ruleDV := excelize.NewDataValidation(true)
	ruleDV.Sqref = fmt.Sprintf("B2:B%d", templateRows)
	ruleDV.SetSqrefDropList(fmt.Sprintf("Lists!$A$1:$A$%d", len(labels)))
	ruleDV.SetError(excelize.DataValidationErrorStyleWarning, "Rule", "Choose a rule from the list (or type its id, such as max_weekly_minutes).")
	if err := f.AddDataValidation("Plan", ruleDV); err != nil {
		return err
	}
	sportDV := excelize.NewDataValidation(true)
	sportDV.Sqref = fmt.Sprintf("D2:D%d", templateRows)
	if err := sportDV.SetDropList(sports); err != nil {
		return err
	}
	sportDV.SetError(excelize.DataValidationErrorStyleStop, "Sport", "Choose a sport from the list; any means every sport.")
	if err := f.AddDataValidation("Plan", sportDV); err != nil {
		return err
	}
	for i, p := range planExamples {
		row := slices.Clone(p)
		if err := f.SetSheetRow("Plan", fmt.Sprintf("A%d", i+2), &row); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle("Plan", "A2", fmt.Sprintf("A%d", len(planExamples)+1), dateSt); err != nil {
		return err
	}
	if err := f.SetSheetVisible("Lists", false); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

// templateSheet writes a sheet's header with its notes, widths, checks, date column and
// frozen header row.
func templateSheet(f *excelize.File, sheet string, cols []templateColumn, hdr, dateSt int) error {
	last, err := excelize.ColumnNumberToName(len(cols))
	if err != nil {
		return err
	}
	for i, c := range cols {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, name+"1", c.logHeader); err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, name, name, c.width); err != nil {
			return err
		}
		if err := f.AddComment(sheet, excelize.Comment{Cell: name + "1", Author: "runload",
			Text: c.note, Width: 300, Height: 120}); err != nil {
			return err
		}
		if c.check != nil {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = fmt.Sprintf("%s2:%s%d", name, name, templateRows)
			if err := c.check(dv); err != nil {
				return err
			}
			if err := f.AddDataValidation(sheet, dv); err != nil {
				return err
			}
		}
	}
	if err := f.SetColStyle(sheet, "A", dateSt); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last+"1", hdr); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// isTemplateExample reports whether row r of g is exactly one of the example rows the
// template writes (symptomExample, planExamples), cell by cell from column A, with every
// cell after them empty. The date may be a date cell or its YYYY-MM-DD text, a number
// any text that reads as it (a CSV saved from the template).
func isTemplateExample(g *logGrid, r logRow, examples [][]any) bool {
	for _, ex := range examples {
		if rowIs(g, r, ex) {
			return true
		}
	}
	return false
}

// rowIs reports whether the cells of r are the values of want, and nothing after them.
func rowIs(g *logGrid, r logRow, want []any) bool {
	for i := range max(len(r.cells), len(want)) {
		var v any
		if i < len(want) {
			v = want[i]
		}
		if !cellIs(g, r.cell(i), v) {
			return false
		}
	}
	return true
}

// cellIs reports whether a cell's trimmed text is the value v the template wrote: nil an
// empty cell, a time its day, a number its value, a string itself.
func cellIs(g *logGrid, text string, v any) bool {
	switch v := v.(type) {
	case nil:
		return text == ""
	case string:
		return text == v
	case time.Time:
		d, err := parseCellDate(text, DateISO, g.sheet != "", g.date1904)
		return err == nil && d.OK && d.V == analysis.DayOf(v)
	case int:
		n, ok := parseDecimal(text)
		return ok && n == float64(v)
	case float64:
		n, ok := parseDecimal(text)
		return ok && n == v
	}
	return false
}

// leaveOutExamples returns rows without the template's example rows, and how many it left out.
func leaveOutExamples(g *logGrid, rows []logRow, examples [][]any) ([]logRow, int) {
	kept := rows[:0:0]
	for _, r := range rows {
		if !isTemplateExample(g, r, examples) {
			kept = append(kept, r)
		}
	}
	return kept, len(rows) - len(kept)
}

// examplesNote is the import-log detail for n example rows left out.
func examplesNote(n int) string {
	if n == 1 {
		return "1 example row from 'analyze init' left out"
	}
	return fmt.Sprintf("%d example rows from 'analyze init' left out", n)
}

// examplePlanNote is the import-log detail of a plan that held only the template's examples.
const examplePlanNote = "the example plan from 'analyze init' was left out: agree your own limits with your physio"
