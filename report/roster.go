package report

import (
	"fmt"
	"io"
	"math"
	"net/url"
	"strings"

	"github.com/xuri/excelize/v2"

	"runload/analysis"
)

// Roster is a physio's caseload as roster.xlsx and its JSON show it (SPEC "Clinic"): a row
// per runner, in the roster's order (analysis.SortRoster), and what went wrong reading them.
type Roster struct {
	AsOf analysis.Day // the caseload's as-of day (analysis.CaseloadAsOf)
	// AsOfWhy says how the as-of day was chosen: "the latest day with data across the
	// caseload", "-to".
	AsOfWhy string
	Runners []RosterRunner
	Log     []RosterLogLine
	Meta    Meta // Version and TZ, as every runner's workbook has them
}

// RosterRunner is one runner's row and where its workbook is.
type RosterRunner struct {
	analysis.RosterRow
	// Report is the runner's workbook, relative to the output folder, slash-separated
	// ("Zoë Ångström.xlsx"); empty when none was written.
	Report string
}

// RosterLogLine is one line of the roster's Import log: a runner's input that failed or a
// row rejected, a warning, why a runner has no data, or a folder entry that is no runner.
type RosterLogLine struct {
	Runner string // empty for an entry of the caseload folder that is not a runner
	Path   string // as the runner's workbook shows it, starting with the runner's folder
	Status string // "error", "partial", "rejected", "warning", "no data", "skipped"
	Detail string
}

// WriteRoster writes roster.xlsx: the Roster sheet, then Method and Import log. The same
// Roster gives the same bytes. The Roster sheet, with its hyperlinks, is never streamed; a
// long Import log is.
func WriteRoster(w io.Writer, ro Roster) error {
	return writeWorkbook(w, rosterPlan(ro), streamRows)
}

// BuildRoster lays out roster.xlsx; it is pure, as Build.
func BuildRoster(ro Roster) *Workbook {
	wb := rosterPlan(ro)
	for _, m := range wb.makers {
		wb.Sheets = append(wb.Sheets, m.make())
	}
	return wb
}

func rosterPlan(ro Roster) *Workbook {
	wb := &Workbook{
		Title:    "runload roster as of " + ro.AsOf.String(),
		Subject:  "A physio's caseload: status, load and symptoms per runner",
		Modified: ro.AsOf.Time(),
		Active:   "Roster",
		names:    []string{"Roster", "Method", "Import log"},
	}
	wb.makers = []sheetMaker{
		{"Roster", func() *Sheet { return buildRoster(ro) }},
		{"Method", func() *Sheet { return buildRosterMethod(ro) }},
		{"Import log", func() *Sheet { return buildRosterLog(ro.Log) }},
	}
	return wb
}

// Link is a hyperlink on a cell to another file, relative to the workbook's folder.
type Link struct {
	Cell    string // "A3"
	Target  string // a relative URL reference: escaped, as linkTarget makes it
	Tooltip string
}

// linkTarget is the URL reference of a file beside the workbook (or under it, slash-separated):
// spaces, '#', '%' and letters outside ASCII escaped, so that Excel and LibreOffice open the
// file whatever its name ("Zoë Ångström.xlsx" is "Zo%C3%AB%20%C3%85ngstr%C3%B6m.xlsx"), and
// a name with a colon is not read as a scheme.
func linkTarget(rel string) string {
	return (&url.URL{Path: rel}).String()
}

// The roster's own look.
const colLink = "0563C1" // the usual hyperlink blue

var (
	stLink        = Style{Color: colLink, Top: true}
	stLinkB       = Style{Color: colLink, Bold: true, Top: true}
	stNoData      = Style{Bold: true, Color: colGreyFont, Fill: "E7E6E6", Top: true}
	stRedN        = Style{Bold: true, Color: colRedFont, Fill: colRedFill, Top: true}
	stAmberN      = Style{Color: colAmberFont, Fill: colAmberFill, Top: true}
	stRosterTitle = Style{Bold: true, Size: 13}
)

func rosterLevelStyle(l analysis.StatusLevel) Style {
	switch l {
	case analysis.LevelRed:
		return Style{Bold: true, Color: colRedFont, Fill: colRedFill, Top: true}
	case analysis.LevelAmber:
		return Style{Bold: true, Color: colAmberFont, Fill: colAmberFill, Top: true}
	case analysis.LevelGreen:
		return Style{Bold: true, Color: colGreenFont, Fill: colGreenFill, Top: true}
	}
	return stNoData
}

// rosterLevelWord is a status as the roster shows it.
func rosterLevelWord(l analysis.StatusLevel) string {
	if l == analysis.LevelNoData {
		return "no data"
	}
	return string(l)
}

// rosterReasons is the status's reasons as the roster shows them: a green status's reasons
// list the checks that passed, which the roster leaves to the runner's workbook.
func rosterReasons(r analysis.RosterRow) string {
	if r.Level == analysis.LevelGreen {
		return "every check passed"
	}
	return strings.Join(r.Reasons, "; ")
}

// usable reports whether the runner had anything to analyse: the windows' counts of a runner
// with no data are unknown, not 0.
func usable(r analysis.RosterRow) bool { return r.Level != analysis.LevelNoData }

// countIf is a window's count: empty for a runner with no data, styled st when over 0.
func countIf(r analysis.RosterRow, n int, st Style) any {
	if !usable(r) {
		return nil
	}
	if n > 0 {
		return Cell{V: n, S: st}
	}
	return n
}

// weekMin is a week's running minutes, red when the week went over its limit.
func weekMin(w analysis.RosterWeek) any {
	if !w.RunningMin.OK {
		return nil
	}
	v := math.Round(w.RunningMin.V)
	if w.Over {
		return Cell{V: v, S: stRedN}
	}
	return v
}

// rosterCols are the Roster sheet's columns. asOf's week decides two headers: this week's
// days so far, and which week is the last complete one.
func rosterCols(ro Roster) []column[RosterRunner] {
	thisWeek, lastWeek := analysis.RosterWeeks(ro.AsOf)
	cols := []column[RosterRunner]{
		{"Runner", 20, stLinkB, func(r RosterRunner) any {
			if r.Report == "" {
				return Cell{V: r.Runner, S: Style{Bold: true, Top: true}}
			}
			return r.Runner
		}},
		{"Status", 8, Style{}, func(r RosterRunner) any {
			return Cell{V: rosterLevelWord(r.Level), S: rosterLevelStyle(r.Level)}
		}},
		{"Why", 50, stText, func(r RosterRunner) any { return rosterReasons(r.RosterRow) }},
		{"Last logged morning", 10.5, stDate, func(r RosterRunner) any { return optDay(r.LastLogged) }},
		{"Latest pain", 7, stPlain, func(r RosterRunner) any { return optNum(r.LatestPain) }},
		{"Last session", 10.5, stDate, func(r RosterRunner) any { return optDay(r.LastSession) }},
	}
	if thisWeek.OK {
		cols = append(cols,
			column[RosterRunner]{fmt.Sprintf("Running min this week (%d of 7 days)", thisWeek.V.Days), 11, stInt, func(r RosterRunner) any {
				if !r.ThisWeek.OK {
					return nil
				}
				return weekMin(r.ThisWeek.V)
			}},
			column[RosterRunner]{"Limit min this week", 8, stInt, func(r RosterRunner) any {
				if !r.ThisWeek.OK {
					return nil
				}
				return optNum(r.ThisWeek.V.LimitMin)
			}})
	}
	cols = append(cols,
		column[RosterRunner]{"Running min last week (" + lastWeek.Week + ")", 11, stInt, func(r RosterRunner) any { return weekMin(r.LastWeek) }},
		column[RosterRunner]{"Limit min last week", 8, stInt, func(r RosterRunner) any { return optNum(r.LastWeek.LimitMin) }},
		column[RosterRunner]{"Breaches last 7 days", 9, stInt, func(r RosterRunner) any { return countIf(r.RosterRow, r.Breaches7d, stRedN) }},
		column[RosterRunner]{"Spikes last 7 days", 8, stInt, func(r RosterRunner) any { return countIf(r.RosterRow, r.Spikes7d, stAmberN) }},
		column[RosterRunner]{"Pain responses last 14 days", 10, stInt, func(r RosterRunner) any {
			return countIf(r.RosterRow, r.Responses14d, stRedN)
		}},
		column[RosterRunner]{"Rehab days last week", 8, stInt, func(r RosterRunner) any {
			if !r.RehabDaysLastWeek.OK {
				return nil
			}
			if r.RehabMet.OK && !r.RehabMet.V {
				return Cell{V: r.RehabDaysLastWeek.V, S: stAmberN}
			}
			return r.RehabDaysLastWeek.V
		}},
		column[RosterRunner]{"Rehab min per week", 8, stPlain, func(r RosterRunner) any { return optNum(r.RehabMinLastWeek) }},
		column[RosterRunner]{"Files read", 7, stInt, func(r RosterRunner) any { return r.Inputs.Files }},
		column[RosterRunner]{"Files with errors", 8, stInt, func(r RosterRunner) any {
			if r.Inputs.Errors > 0 {
				return Cell{V: r.Inputs.Errors, S: stAmberN}
			}
			return r.Inputs.Errors
		}},
		column[RosterRunner]{"Log rows rejected", 9, stInt, func(r RosterRunner) any {
			if r.Inputs.Rejected > 0 {
				return Cell{V: r.Inputs.Rejected, S: stAmberN}
			}
			return r.Inputs.Rejected
		}},
		column[RosterRunner]{"Report", 22, stLink, func(r RosterRunner) any { return text(r.Report) }},
	)
	return cols
}

// rosterHeaderRow is the row of the Roster sheet's header: a title line above it says the
// as-of day and the counts.
const rosterHeaderRow = 2

func buildRoster(ro Roster) *Sheet {
	cols := rosterCols(ro)
	sh := &Sheet{Name: "Roster", FreezeRows: rosterHeaderRow, OnePage: true,
		Merges: []Merge{{Row: 1, Cols: len(cols)}}} // the title spans the table, and sets no width
	counts := map[analysis.StatusLevel]int{}
	for _, r := range ro.Runners {
		counts[r.Level]++
	}
	var parts []string
	for _, l := range []analysis.StatusLevel{analysis.LevelRed, analysis.LevelAmber, analysis.LevelGreen, analysis.LevelNoData} {
		parts = append(parts, fmt.Sprintf("%d %s", counts[l], rosterLevelWord(l)))
	}
	why := ""
	if ro.AsOfWhy != "" {
		why = " (" + ro.AsOfWhy + ")"
	}
	title := fmt.Sprintf("Caseload as of %s%s: %s: %s", ro.AsOf, why,
		plural(len(ro.Runners), "runner", "runners"), strings.Join(parts, ", "))
	sh.Rows = append(sh.Rows, []Cell{{V: title, S: stRosterTitle}}, headerRow(cols))
	runner, report := colOf(cols, "Runner"), colOf(cols, "Report")
	for i, r := range ro.Runners {
		row := dataRow(cols, r)
		n := rosterHeaderRow + 1 + i
		sh.Rows = append(sh.Rows, row)
		if r.Report != "" {
			tip := "Open " + r.Runner + "'s report"
			target := linkTarget(r.Report)
			sh.Links = append(sh.Links, Link{Cell: fmt.Sprintf("%s%d", runner, n), Target: target, Tooltip: tip},
				Link{Cell: fmt.Sprintf("%s%d", report, n), Target: target, Tooltip: tip})
		}
	}
	fitSheet(sh, wrapWidths(cols))
	sh.Heights = append([]RowHeight{{Row: 1, Height: 20}}, sh.Heights...)
	sh.Tables = []Table{{Name: "RosterTable", Header: rosterHeaderRow, Last: max(len(ro.Runners)+rosterHeaderRow, rosterHeaderRow+1),
		Cols: len(cols), ShowStripes: false}}
	return sh
}

// rosterMethodRow is one line of the roster's Method sheet.
type rosterMethodRow struct{ topic, definition string }

func rosterMethodRows(ro Roster) []rosterMethodRow {
	version := ro.Meta.Version
	if version == "" {
		version = "(unknown version)"
	}
	asOf := ro.AsOf.String()
	if ro.AsOfWhy != "" {
		asOf += ": " + ro.AsOfWhy
	}
	rows := []rosterMethodRow{
		{"Runners", "Each folder directly inside the caseload folder is one runner, named after the folder. " +
			"Its workbook is exactly the report a single run on that folder with the same flags writes, and its Plan applies to it alone."},
		{"As of", asOf + ". The latest day with a session or a logged morning across the caseload (or -to), never the day the roster " +
			"was made, so the same files give the same roster. The windows below end on it."},
		{"Status", "Each runner's own status (red: pain above the threshold or a limp; amber: another check failed; green: every check " +
			"passed), as of the runner's last day with data, with the check \"symptoms logged on each of the last 2 days\" asked of the " +
			"caseload's last 2 days: a runner with nothing logged on them is amber at least, and the first reason says since when. " +
			"The plan's own checks, not medical advice. No data: nothing usable in the folder, and why."},
		{"Order", "Red, amber, green, then no data; within each, the highest latest pain first (none last); then by name."},
		{"Last logged morning", "The last day with any symptom logged (pain, stiffness, swelling, limping, rehab or RPE)."},
		{"Latest pain", "The last pain score logged (0–10 morning pain); its day is in the runner's workbook and the JSON."},
		{"Running minutes", "Running minutes of this week so far (Monday to the as-of day) and of the last complete week (Monday to Sunday), " +
			"against the running max_weekly_minutes in force at the week's end; red when the week went over it. " +
			"Empty when none of the week's days is in the runner's period (no data sent for it), or no limit is agreed."},
		{"Breaches, spikes", fmt.Sprintf("Breaches of the plan's maximums and load spikes dated in the %d days to the as-of day "+
			"(a weekly breach is dated on its week's last day).", analysis.RosterFlagDays)},
		{"Pain responses", fmt.Sprintf("Training days in the %d days to the as-of day followed by a pain response the next morning "+
			"(next-day pain 2 or more over the baseline, over the threshold from within it, stiffness up 2, or a limp).", analysis.RosterResponseDays)},
		{"Rehab", "Days with rehab done in the last complete week (empty when no Rehab value was logged that week), and the plan's " +
			"min_rehab_days_per_week; amber when the week missed it."},
		{"Inputs", "Files read (every file found in the runner's folder), files partial or unreadable, and symptom or plan rows " +
			"rejected; the Import log sheet lists them, and each runner's workbook has its own Import log."},
		{"Report", "A link to the runner's workbook beside this one; empty when none was written (no data)."},
		{"Calendar days", orDash(ro.Meta.TZ)},
		{"Tool", "runload " + version},
	}
	return rows
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func buildRosterMethod(ro Roster) *Sheet {
	cols := []column[rosterMethodRow]{
		{"Topic", 22, Style{Bold: true, Top: true}, func(m rosterMethodRow) any { return m.topic }},
		{"Definition", 110, stText, func(m rosterMethodRow) any { return m.definition }},
	}
	sh := tableSheet("Method", "RosterMethodTable", cols, rosterMethodRows(ro))
	sh.Tables[0].ShowStripes = false
	return sh
}

func buildRosterLog(lines []RosterLogLine) *Sheet {
	cols := []column[RosterLogLine]{
		{"Runner", 20, stPlain, func(l RosterLogLine) any { return text(l.Runner) }},
		{"File", 50, stText, func(l RosterLogLine) any { return text(l.Path) }},
		{"Status", 10, stPlain, func(l RosterLogLine) any { return l.Status }},
		{"Detail", 90, stWrap, func(l RosterLogLine) any { return text(l.Detail) }},
	}
	sh := tableSheet("Import log", "RosterLogTable", cols, lines)
	last := sh.Tables[0].Last
	st := cellRef(cols, "Status", 2)
	rng := colRange(cols, "Status", last)
	sh.Conds = []Cond{
		{rng, fmt.Sprintf(`OR(%s="partial",%s="skipped",%s="warning")`, st, st, st), stAmberC},
		{rng, fmt.Sprintf(`OR(%s="error",%s="rejected",%s="no data")`, st, st, st), stRedC},
	}
	return sh
}

// The roster's JSON (SPEC "Clinic"): the keys SPEC lists, in its order, and a few more.

type jsonRoster struct {
	Version int                `json:"version"`
	AsOf    string             `json:"as_of"`
	Runners []jsonRosterRunner `json:"runners"`
}

type jsonRosterRunner struct {
	Runner             string   `json:"runner"`
	Status             string   `json:"status"`
	Reasons            []string `json:"reasons"`
	StatusAsOf         *string  `json:"status_as_of"`
	LastLogged         *string  `json:"last_logged"`
	LatestPain         *float64 `json:"latest_pain"`
	LatestPainDate     *string  `json:"latest_pain_date"`
	LastSession        *string  `json:"last_session"`
	WeekRunningMin     *float64 `json:"week_running_min"`
	WeekLimitMin       *float64 `json:"week_limit_min"`
	WeekDays           *int     `json:"week_days"`
	LastWeekRunningMin *float64 `json:"last_week_running_min"`
	LastWeekLimitMin   *float64 `json:"last_week_limit_min"`
	LastWeekOver       *bool    `json:"last_week_over"`
	Breaches7d         *int     `json:"breaches_7d"`
	Spikes7d           *int     `json:"spikes_7d"`
	Responses14d       *int     `json:"responses_14d"`
	RehabDaysLastWeek  *int     `json:"rehab_days_last_week"`
	RehabMinLastWeek   *float64 `json:"rehab_min_last_week"`
	RehabMetLastWeek   *bool    `json:"rehab_met_last_week"`
	Files              int      `json:"files"`
	Errors             int      `json:"errors"`
	RejectedRows       int      `json:"rejected_rows"`
	Report             *string  `json:"report"`
}

// WriteRosterJSON writes the roster as JSON, in the roster's order, as WriteJSON writes a
// report's: indented, absent values null, numbers rounded, a final newline.
func WriteRosterJSON(w io.Writer, ro Roster) error {
	var c conv
	doc := jsonRoster{Version: jsonVersion, AsOf: ro.AsOf.String(), Runners: make([]jsonRosterRunner, 0, len(ro.Runners))}
	some := func(n int, ok bool) *int {
		if !ok {
			return nil
		}
		return &n
	}
	for _, r := range ro.Runners {
		ok := usable(r.RosterRow)
		j := jsonRosterRunner{Runner: r.Runner, Status: string(r.Level), Reasons: strs(r.Reasons), StatusAsOf: optDayS(r.StatusAsOf),
			LastLogged: optDayS(r.LastLogged.V), LatestPain: c.opt(r.LatestPain, 1, "latest pain"),
			LatestPainDate: optDayS(r.LatestPainDay.V), LastSession: optDayS(r.LastSession.V),
			Breaches7d: some(r.Breaches7d, ok), Spikes7d: some(r.Spikes7d, ok), Responses14d: some(r.Responses14d, ok),
			RehabDaysLastWeek: optI(r.RehabDaysLastWeek), RehabMinLastWeek: c.opt(r.RehabMinLastWeek, 1, "rehab minimum"),
			RehabMetLastWeek: optB(r.RehabMet), Files: r.Inputs.Files, Errors: r.Inputs.Errors, RejectedRows: r.Inputs.Rejected,
			Report: optS(r.Report)}
		if tw := r.ThisWeek; ok && tw.OK {
			j.WeekRunningMin = c.opt(tw.V.RunningMin, 1, "week running minutes")
			j.WeekLimitMin = c.opt(tw.V.LimitMin, 1, "week limit")
			j.WeekDays = &tw.V.Days
		}
		if ok {
			j.LastWeekRunningMin = c.opt(r.LastWeek.RunningMin, 1, "last week running minutes")
			j.LastWeekLimitMin = c.opt(r.LastWeek.LimitMin, 1, "last week limit")
			if r.LastWeek.RunningMin.OK {
				over := r.LastWeek.Over
				j.LastWeekOver = &over
			}
		}
		doc.Runners = append(doc.Runners, j)
	}
	if c.err != nil {
		return fmt.Errorf("writing the roster JSON: %w", c.err)
	}
	if err := writeDoc(w, &doc); err != nil {
		return fmt.Errorf("writing the roster JSON: %w", err)
	}
	return nil
}

// links sets sh's hyperlinks, after its cells.
func (x *xlsxWriter) links(sh *Sheet) error {
	for _, l := range sh.Links {
		tip := l.Tooltip
		if err := x.f.SetCellHyperLink(sh.Name, l.Cell, l.Target, "External", excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
			return fmt.Errorf("link %s: %w", l.Cell, err)
		}
	}
	return nil
}
