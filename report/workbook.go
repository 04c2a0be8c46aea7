package report

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"time"

	"runload/analysis"
)

// Workbook is the whole report as cells, styles, tables, conditional formats and charts:
// every presentation choice, made by Build, before any xlsx byte is written.
type Workbook struct {
	Title    string
	Period   string // "2026-08-31 to 2026-11-15", in every page's footer
	Subject  string
	Modified time.Time // document properties: the period's end, never the clock
	Sheets   []*Sheet  // in workbook order, once made (Build)
	Active   string    // the sheet shown on opening

	names  []string     // the sheets, in workbook order
	makers []sheetMaker // one per sheet, in the order they must be made
}

// Sheet is one worksheet. Rows start at A1; a nil Cell.V is an empty cell.
type Sheet struct {
	Name       string
	Widths     []float64 // column widths from column A; 0 keeps the default
	FreezeRows int       // header rows kept in view
	Rows       [][]Cell
	Heights    []RowHeight
	Tables     []Table
	AutoFilter string // a filtered range outside the tables, e.g. "A40:J90"; "" for none
	Conds      []Cond
	Charts     []Chart
	Merges     []Merge // cells merged across columns: notes under a table
	OnePage    bool    // print on one page (the Summary, the roster); other sheets print one page wide
	Links      []Link  // hyperlinks to other files (normal sheets only: never streamed)
	// Later, when not nil, makes the rows that follow Rows, one at a time and afresh for each
	// pass over them (in one slice, valid until the next row), and LaterRows counts them: a sheet with a row per input file is measured
	// and then streamed without its cells ever being held together (the Import log of 50 000
	// files held 31 MB of them). Nothing (a note, a merge, a height) comes after them.
	// Build and a sheet that is not streamed make them into Rows (materialize).
	Later     iter.Seq[[]Cell]
	LaterRows int

	indent []indentCol // per column: its text indented (fitSheet's indentAfterNumbers)
}

// Merge is one row's cells merged from column A to column Cols (a note under a table).
type Merge struct {
	Row  int // 1-based
	Cols int
}

// Ref is the merged range, e.g. "A40:P40".
func (m Merge) Ref() string { return fmt.Sprintf("A%d:%s%d", m.Row, colName(m.Cols), m.Row) }

// Cell is one value and its look. V is nil, string, float64, int, bool, time.Time
// (written as its wall clock) or time.Duration.
type Cell struct {
	V any
	S Style
}

// Style is a cell's look. It is comparable, so the writer can share one xlsx style per Style.
type Style struct {
	Fmt    string // number format, e.g. "yyyy-mm-dd", "[h]:mm:ss", "0.00"
	Bold   bool
	Italic bool
	Wrap   bool
	Size   float64 // font size; 0 is the default
	Color  string  // font colour, RRGGBB
	Fill   string  // background, RRGGBB
	Top    bool    // align to the top of the cell
	Indent int     // left indent in levels of three spaces; text only (fitSheet sets it)
}

// RowHeight sets one row's height in points.
type RowHeight struct {
	Row    int // 1-based
	Height float64
}

// Table is an Excel table with filters: the header is row Header, data runs to row Last.
type Table struct {
	Name        string
	Header      int // 1-based row of the header
	Last        int // 1-based last data row (Header+1 when there is no data: one empty row)
	Cols        int
	ShowStripes bool
}

// Cond is a conditional format: Style applies to Range where Formula (relative to the range's
// top-left cell) is true.
type Cond struct {
	Range   string // "A2:A40"
	Formula string // `LEN($N2)>0`
	Style   Style  // only Bold, Color and Fill are used
}

// Chart is a chart drawn on a sheet: columns on the primary axis and lines, either on the same
// axis or on a 0–10 secondary one.
type Chart struct {
	Anchor         string // top-left cell
	Title          string
	Width, Height  uint // pixels
	Columns        []Series
	Lines          []Series
	LinesSecondary bool // lines on a 0–10 right-hand axis
	// StepColumns draws the columns touching (no gap), as a band whose top steps where the
	// value changes: a limit per week, flat over its week, never sloping into the next.
	StepColumns bool
	YTitle      string // primary axis title
	Y2Title     string // secondary axis title
	XFmt        string // category number format, e.g. "d mmm"
	XSkip       int    // label every XSkip-th category; 0 lets the application choose
	XRotate     int    // category label rotation in degrees, -90 to 90
}

// Series is one chart series; the references are absolute ("Daily!$C$2:$C$71").
type Series struct {
	Name, Categories, Values string
	Color                    string // RRGGBB: line, column and marker colour
	Marker                   bool
	Dash                     bool
}

// Colours and formats shared by the sheets.
const (
	colGreenFill = "C6EFCE"
	colGreenFont = "006100"
	colAmberFill = "FFEB9C"
	colAmberFont = "9C5700"
	colRedFill   = "FFC7CE"
	colRedFont   = "9C0006"
	colHeadFill  = "305496"
	colGreyFont  = "595959"
	colLoad      = "5B9BD5"
	colPain      = "C00000"
	colLimit     = "ED7D31"
	colLimitBand = "F8CBAD" // the limit's band: colLimit, light, so the line over it reads

	fmtDate = "yyyy-mm-dd"
	// fmtDateDay is a date with its weekday, "2026-10-17 Sat" (in the application's language).
	fmtDateDay = "yyyy-mm-dd ddd"
	fmtTime    = "hh:mm"
	fmtDur     = "[h]:mm:ss"
	fmtPace    = "m:ss"
	fmtInt     = "0"
	fmtDec1    = "0.0"
	fmtDec2    = "0.00"
	fmtPct     = "0.0"
	fmtCount   = "0"

	// chartDays and chartWeeks bound the Summary charts to a readable span: the most recent days.
	chartDays  = 91
	chartWeeks = 52
)

var (
	stHead    = Style{Bold: true, Color: "FFFFFF", Fill: colHeadFill, Wrap: true, Top: true}
	stTitle   = Style{Bold: true, Size: 16}
	stH2      = Style{Bold: true, Size: 12}
	stLabel   = Style{Bold: true, Top: true}
	stText    = Style{Wrap: true, Top: true}
	stNote    = Style{Italic: true, Color: colGreyFont, Wrap: true, Top: true}
	stDate    = Style{Fmt: fmtDate, Top: true}
	stDateDay = Style{Fmt: fmtDateDay, Top: true}
	stTime    = Style{Fmt: fmtTime, Top: true}
	stDur     = Style{Fmt: fmtDur, Top: true}
	stPace    = Style{Fmt: fmtPace, Top: true}
	stInt     = Style{Fmt: fmtInt, Top: true}
	stDec1    = Style{Fmt: fmtDec1, Top: true}
	stDec2    = Style{Fmt: fmtDec2, Top: true}
	stWrap    = Style{Wrap: true}
	stPlain   = Style{Top: true}
	stRedC    = Style{Bold: true, Color: colRedFont, Fill: colRedFill}
	stAmberC  = Style{Color: colAmberFont, Fill: colAmberFill}
	stGreenC  = Style{Color: colGreenFont, Fill: colGreenFill}
	stPainC   = Style{Bold: true, Color: "C00000"}
)

// Build lays out the report: every sheet, cell, number format, colour, table and chart.
// It is pure: the same arguments give the same Workbook.
func Build(r analysis.Result, log analysis.ImportLog, meta Meta) *Workbook {
	wb := plan(r, log, meta)
	made := map[string]*Sheet{}
	for _, m := range wb.makers {
		sh := m.make()
		materialize(sh)
		made[m.name] = sh
	}
	for _, name := range wb.names {
		wb.Sheets = append(wb.Sheets, made[name])
	}
	return wb
}

// sheetMaker makes one sheet of a planned Workbook.
type sheetMaker struct {
	name string
	make func() *Sheet
}

// plan returns the Workbook with its sheets named but not made. Build makes them all;
// writeWorkbook makes one at a time and lets it go once excelize holds it, so the cells of
// years of days and sessions are never all in memory at once.
func plan(r analysis.Result, log analysis.ImportLog, meta Meta) *Workbook {
	wb := &Workbook{
		Title:    "runload report " + r.From.String() + " to " + r.To.String(),
		Period:   r.From.String() + " to " + r.To.String(),
		Subject:  "Training load and symptoms",
		Modified: r.To.Time(),
		Active:   "Summary",
		names:    []string{"Summary", "Sessions", "Daily", "Weekly", "Flags", "Plan", "Import log", "Method"},
	}
	var (
		dc dailyCols
		wc weeklyCols
	)
	wb.makers = []sheetMaker{
		// Daily and Weekly first: the Summary charts their columns.
		{"Daily", func() *Sheet { sh, c := buildDaily(r); dc = c; return sh }},
		{"Weekly", func() *Sheet { sh, c := buildWeekly(r); wc = c; return sh }},
		{"Summary", func() *Sheet { return buildSummary(r, log, meta, dc, wc) }},
		{"Sessions", func() *Sheet { return buildSessions(r) }},
		{"Flags", func() *Sheet { return buildFlags(r) }},
		{"Plan", func() *Sheet { return buildPlan(r) }},
		{"Import log", func() *Sheet { return buildImportLog(log) }},
		{"Method", func() *Sheet { return buildMethod(r, meta) }},
	}
	return wb
}

// column is one column of a table sheet whose rows are values of type T: its header, the
// width at which its prose wraps, its style, and the value it shows for a row. Header and
// value are written side by side, so a row cannot disagree with its headers, and conditional
// formats find a column by its header. The column is as wide as its widest header word and
// value (fitSheet); a prose column (wrapAt > 0) stops at wrapAt and wraps its values between
// words. value returns nil for an empty cell, or a Cell to give one cell a style of its own.
type column[T any] struct {
	head   string
	wrapAt float64 // 0: as wide as the widest value
	st     Style
	value  func(T) any
}

// tableSheet makes a sheet holding one table: a bold frozen header and a row per element of
// rows, each value in its column's style; a nil value stays an empty cell. Widths and row
// heights fit the cells (fitSheet).
func tableSheet[T any](name, table string, cols []column[T], rows []T) *Sheet {
	sh := &Sheet{Name: name, FreezeRows: 1}
	sh.Rows = make([][]Cell, 0, len(rows)+1)
	sh.Rows = append(sh.Rows, headerRow(cols))
	for _, x := range rows {
		sh.Rows = append(sh.Rows, dataRow(cols, x))
	}
	fitSheet(sh, wrapWidths(cols))
	sh.Tables = []Table{{Name: table, Header: 1, Last: max(len(rows)+1, 2), Cols: len(cols), ShowStripes: true}}
	return sh
}

// tableSheetOf is tableSheet for n rows made one at a time: the sheet's data rows are Later
// rows, made from rows again for each pass over them.
func tableSheetOf[T any](name, table string, cols []column[T], n int, rows iter.Seq[T]) *Sheet {
	sh := &Sheet{Name: name, FreezeRows: 1, Rows: [][]Cell{headerRow(cols)}, LaterRows: n}
	sh.Later = func(yield func([]Cell) bool) {
		row := make([]Cell, len(cols))
		for x := range rows {
			clear(row)
			fillRow(row, cols, x)
			if !yield(row) {
				return
			}
		}
	}
	fitSheet(sh, wrapWidths(cols))
	sh.Tables = []Table{{Name: table, Header: 1, Last: max(n+1, 2), Cols: len(cols), ShowStripes: true}}
	return sh
}

// rowCount is the number of rows of sh, Later rows included.
func (sh *Sheet) rowCount() int { return len(sh.Rows) + sh.LaterRows }

// materialize makes sh's Later rows into Rows, with their heights.
func materialize(sh *Sheet) {
	if sh.Later == nil {
		return
	}
	for row := range sh.Later {
		row = slices.Clone(row)
		sh.Rows = append(sh.Rows, row)
		if h, ok := fitRow(row, sh); ok {
			sh.Heights = append(sh.Heights, RowHeight{Row: len(sh.Rows), Height: h})
		}
	}
	sh.Later, sh.LaterRows = nil, 0
}

// wrapWidths is the columns' wrapAt, from column A.
func wrapWidths[T any](cols []column[T]) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.wrapAt
	}
	return out
}

func headerRow[T any](cols []column[T]) []Cell {
	row := make([]Cell, len(cols))
	for i, c := range cols {
		row[i] = Cell{V: c.head, S: stHead}
	}
	return row
}

// dataRow makes x's row of cells in the columns' styles; a value that is a Cell keeps its own.
func dataRow[T any](cols []column[T], x T) []Cell {
	row := make([]Cell, len(cols))
	fillRow(row, cols, x)
	return row
}

// fillRow sets the cells of row, empty and as long as cols, to x's.
func fillRow[T any](row []Cell, cols []column[T], x T) {
	for i, c := range cols {
		switch v := c.value(x).(type) {
		case nil:
		case Cell:
			row[i] = v
		default:
			row[i] = Cell{V: v, S: c.st}
		}
	}
}

// colName returns the column letters of the 1-based column n.
func colName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// colOf returns the column letters of the column headed head.
func colOf[T any](cols []column[T], head string) string {
	for i, c := range cols {
		if c.head == head {
			return colName(i + 1)
		}
	}
	panic("report: no column " + head) // a broken invariant of this package, never of the input
}

// colRange returns "X2:X<last>" for the column headed head: its data rows (at least row 2).
func colRange[T any](cols []column[T], head string, last int) string {
	return span(cols, head, head, 2, last)
}

// span returns the range from column first to column last, rows top to bottom (at least top):
// span(cols, "Date", "What", 2, 40) is "A2:D40".
func span[T any](cols []column[T], first, last string, top, bottom int) string {
	return fmt.Sprintf("%s%d:%s%d", colOf(cols, first), top, colOf(cols, last), max(bottom, top))
}

// cellRef returns the reference to the column headed head in row, with the column fixed
// ("$H10"), for a conditional format's formula.
func cellRef[T any](cols []column[T], head string, row int) string {
	return fmt.Sprintf("$%s%d", colOf(cols, head), row)
}

// Values for cells: absent and non-finite numbers become empty cells.

func num(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

func optNum(o analysis.Opt[float64]) any {
	if !o.OK {
		return nil
	}
	return num(o.V)
}

func optInt(o analysis.Opt[int]) any {
	if !o.OK {
		return nil
	}
	return o.V
}

func optStr(o analysis.Opt[string]) any {
	if !o.OK {
		return nil
	}
	return o.V
}

func optYes(o analysis.Opt[bool]) any {
	if !o.OK {
		return nil
	}
	return yesNo(o.V)
}

// response is a pain response cell: "yes" or "no", labelled "(no baseline)" when the analysis
// had no baseline for the day (DOMAIN §4: pain over the threshold alone was judged), in a
// wrapped cell so the narrow column shows the label; empty when the morning was not logged.
func response(o analysis.Opt[bool], baseline analysis.Opt[float64]) any {
	if !o.OK {
		return nil
	}
	if !baseline.OK {
		return Cell{V: yesNo(o.V) + " (no baseline)", S: stText}
	}
	return yesNo(o.V)
}

// responseYes is the condition "the response cell at ref says yes", labelled or not.
func responseYes(ref string) string { return fmt.Sprintf(`LEFT(%s,3)="yes"`, ref) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func optDay(o analysis.Opt[analysis.Day]) any {
	if !o.OK {
		return nil
	}
	return o.V.Time()
}

// wall returns t's wall clock as a zone-free time, the way a spreadsheet holds it.
func wall(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
}

// fmtNum formats v for a sentence: at most dec decimals, trailing zeros dropped.
func fmtNum(v float64, dec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "?"
	}
	s := fmt.Sprintf("%.*f", dec, v)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

func ruleLabel(id analysis.RuleID) string {
	for _, ri := range analysis.Rules() {
		if ri.ID == id {
			return ri.Label
		}
	}
	return string(id)
}

// ruleUnit is the unit a rule's values are in, for sentences.
func ruleUnit(id analysis.RuleID) string {
	switch id {
	case analysis.MaxSessionMinutes, analysis.MaxWeeklyMinutes:
		return " min"
	case analysis.MaxSessionKm, analysis.MaxWeeklyKm:
		return " km"
	case analysis.MaxAvgHR, analysis.HRMaxRule, analysis.HRRestRule:
		return " bpm"
	case analysis.WeekIncreaseMaxPct, analysis.SessionIncreaseMaxPct:
		return " %"
	}
	return ""
}

// flagText is the one wording of a flag, the same on every sheet: what was flagged, its value
// and the line it crossed, each with its unit ("Max minutes per week 132.8 min > 90 min",
// "week increase 94.3 % > 30 %", "session increase ×1.85 > ×1.10 (moderate)").
func flagText(f analysis.Flag) string {
	// vs is " 132.8 min > 90 min": the value and, when known, op and the limit, with dec
	// decimals (fixed: always dec), more where rounding would make them look equal.
	vs := func(op string, dec int, fixed bool, pre, unit string) string {
		if !f.Value.OK {
			return ""
		}
		if !f.Limit.OK {
			return " " + pre + numText(f.Value.V, dec, fixed) + unit
		}
		v, l := numText(f.Value.V, dec, fixed), numText(f.Limit.V, dec, fixed)
		for d := dec + 1; v == l && d <= dec+3; d++ {
			v, l = numText(f.Value.V, d, true), numText(f.Limit.V, d, true)
		}
		return " " + pre + v + unit + " " + op + " " + pre + l + unit
	}
	switch f.Kind {
	case analysis.FlagBreach:
		return ruleLabel(f.Rule) + vs(">", 1, false, "", ruleUnit(f.Rule))
	case analysis.FlagMinimumMissed:
		return ruleLabel(f.Rule) + vs("<", 1, false, "", ruleUnit(f.Rule))
	case analysis.FlagFirstRunBack:
		return "first run back (no run in the previous 30 days)"
	case analysis.FlagSpike, analysis.FlagWeekWatch:
		var s string
		switch f.Spike {
		case analysis.SpikeSession:
			s = "session increase" + vs(">", 2, true, "×", "")
		case analysis.SpikeWeek:
			s = "week increase" + vs(">", 1, false, "", " %")
		case analysis.SpikeACWR:
			s = "ACWR" + vs(">", 2, true, "", "")
		default:
			s = strings.ReplaceAll(string(f.Spike), "_", " ") + vs(">", 2, false, "", "")
		}
		switch {
		case f.Kind == analysis.FlagWeekWatch:
			s += " (watch)"
		case f.Spike == analysis.SpikeSession && f.Band != "":
			s += " (" + string(f.Band) + ")"
		}
		return s
	case analysis.FlagMonotony:
		s := "monotony" + vs(">", 2, false, "", "")
		if f.Band != "" {
			s += " (" + string(f.Band) + ")"
		}
		return s
	case analysis.FlagPainTrend:
		s := "mean " + string(f.Symptom) + " rose"
		if f.Value.OK && f.Limit.OK {
			s += ": " + fmtNum(f.Value.V, 1) + "/10 vs " + fmtNum(f.Limit.V, 1) + "/10 the week before"
		}
		return s
	case analysis.FlagPainResponse:
		s := "pain response next morning"
		if f.Window == analysis.Window48h {
			s = "pain response within 48 h"
		}
		if f.Value.OK {
			s += " (pain " + fmtNum(f.Value.V, 1) + "/10)"
		}
		return s
	}
	return strings.ReplaceAll(string(f.Kind), "_", " ") + vs(">", 1, false, "", "")
}

// numText formats v with dec decimals: exactly dec when fixed (ratios read as 1.10, not 1.1),
// else at most dec, trailing zeros dropped.
func numText(v float64, dec int, fixed bool) string {
	if !fixed || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmtNum(v, dec)
	}
	return fmt.Sprintf("%.*f", dec, v)
}

// joinFlags words the flags of the given kinds, "; "-separated; "" when none.
func joinFlags(fs []analysis.Flag, kinds ...analysis.FlagKind) string {
	return strings.Join(flagTexts(fs, kinds...), "; ")
}

// flagTexts words the flags of the given kinds, in their order.
func flagTexts(fs []analysis.Flag, kinds ...analysis.FlagKind) []string {
	var parts []string
	for _, f := range fs {
		if slices.Contains(kinds, f.Kind) {
			parts = append(parts, flagText(f))
		}
	}
	return parts
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// text is s, or nil (an empty cell) for "".
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}
