package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"runload/analysis"
)

// Workbook is the whole report as cells, styles, tables, conditional formats and charts:
// every presentation choice, made by Build, before any xlsx byte is written.
type Workbook struct {
	Title    string
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
	Landscape  bool   // print landscape, fit to one page wide
	Links      []Link // hyperlinks to other files (normal sheets only: never streamed)
}

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
	LinesSecondary bool   // lines on a 0–10 right-hand axis
	YTitle         string // primary axis title
	Y2Title        string // secondary axis title
	XFmt           string // category number format, e.g. "d mmm"
	XSkip          int    // label every XSkip-th category; 0 lets the application choose
	XRotate        int    // category label rotation in degrees, -90 to 90
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

	fmtDate  = "yyyy-mm-dd"
	fmtTime  = "hh:mm"
	fmtDur   = "[h]:mm:ss"
	fmtPace  = "m:ss"
	fmtInt   = "0"
	fmtDec1  = "0.0"
	fmtDec2  = "0.00"
	fmtPct   = "0.0"
	fmtCount = "0"

	// chartDays and chartWeeks bound the Summary charts to a readable span: the most recent days.
	chartDays  = 91
	chartWeeks = 52
)

var (
	stHead   = Style{Bold: true, Color: "FFFFFF", Fill: colHeadFill, Wrap: true, Top: true}
	stTitle  = Style{Bold: true, Size: 16}
	stH2     = Style{Bold: true, Size: 12}
	stLabel  = Style{Bold: true, Top: true}
	stText   = Style{Wrap: true, Top: true}
	stNote   = Style{Italic: true, Color: colGreyFont, Wrap: true, Top: true}
	stDate   = Style{Fmt: fmtDate, Top: true}
	stTime   = Style{Fmt: fmtTime, Top: true}
	stDur    = Style{Fmt: fmtDur, Top: true}
	stPace   = Style{Fmt: fmtPace, Top: true}
	stInt    = Style{Fmt: fmtInt, Top: true}
	stDec1   = Style{Fmt: fmtDec1, Top: true}
	stDec2   = Style{Fmt: fmtDec2, Top: true}
	stWrap   = Style{Wrap: true}
	stPlain  = Style{Top: true}
	stRedC   = Style{Bold: true, Color: colRedFont, Fill: colRedFill}
	stAmberC = Style{Color: colAmberFont, Fill: colAmberFill}
	stGreenC = Style{Color: colGreenFont, Fill: colGreenFill}
	stPainC  = Style{Bold: true, Color: "C00000"}
	stGreyC  = Style{Color: colGreyFont}
)

// Build lays out the report: every sheet, cell, number format, colour, table and chart.
// It is pure: the same arguments give the same Workbook.
func Build(r analysis.Result, log analysis.ImportLog, meta Meta) *Workbook {
	wb := plan(r, log, meta)
	made := map[string]*Sheet{}
	for _, m := range wb.makers {
		made[m.name] = m.make()
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

// column is one column of a table sheet whose rows are values of type T: its header, width
// and style, and the value it shows for a row. Header and value are written side by side, so
// a row cannot disagree with its headers, and conditional formats find a column by its header.
// value returns nil for an empty cell, or a Cell to give one cell a style of its own.
type column[T any] struct {
	head  string
	width float64 // 0 keeps the default
	st    Style
	value func(T) any
}

// tableSheet makes a sheet holding one table: a bold frozen header and a row per element of
// rows, each value in its column's style; a nil value stays an empty cell.
func tableSheet[T any](name, table string, cols []column[T], rows []T) *Sheet {
	sh := &Sheet{Name: name, FreezeRows: 1, Widths: widths(cols)}
	sh.Rows = make([][]Cell, 0, len(rows)+1)
	sh.Rows = append(sh.Rows, headerRow(cols))
	sh.Heights = []RowHeight{{Row: 1, Height: 30}} // two lines: headers wrap in narrow columns
	for i, x := range rows {
		row := dataRow(cols, x)
		sh.Rows = append(sh.Rows, row)
		if h := wrapHeight(sh.Widths, row); h > 0 {
			sh.Heights = append(sh.Heights, RowHeight{Row: i + 2, Height: h})
		}
	}
	sh.Tables = []Table{{Name: table, Header: 1, Last: max(len(rows)+1, 2), Cols: len(cols), ShowStripes: true}}
	return sh
}

// widths is the columns' widths, from column A.
func widths[T any](cols []column[T]) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.width
	}
	return out
}

// wrapHeight is the height a row needs for its wrapped text in columns of the given widths,
// or 0 for the default: spreadsheet applications do not grow rows on opening, so the writer
// sets them.
func wrapHeight(widths []float64, row []Cell) float64 {
	lines := 1
	for i, c := range row {
		text, ok := c.V.(string)
		if !ok || !c.S.Wrap || i >= len(widths) || widths[i] <= 0 {
			continue
		}
		perLine := int(widths[i] * 1.1)
		n := 0
		for _, l := range strings.Split(text, "\n") {
			n += 1 + (len([]rune(l))-1)/perLine
		}
		lines = max(lines, n)
	}
	if lines == 1 {
		return 0
	}
	return min(15*float64(lines), 409) // 409 points is the spreadsheet maximum
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
	for i, c := range cols {
		switch v := c.value(x).(type) {
		case nil:
		case Cell:
			row[i] = v
		default:
			row[i] = Cell{V: v, S: c.st}
		}
	}
	return row
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

func describeFlag(f analysis.Flag) string {
	var b strings.Builder
	switch f.Kind {
	case analysis.FlagBreach, analysis.FlagMinimumMissed:
		b.WriteString(ruleLabel(f.Rule))
	case analysis.FlagSpike:
		b.WriteString(strings.ReplaceAll(string(f.Spike), "_", " "))
	case analysis.FlagPainTrend:
		b.WriteString("mean " + string(f.Symptom) + " rose")
		if f.Value.OK && f.Limit.OK {
			b.WriteString(": " + fmtNum(f.Value.V, 1) + " vs " + fmtNum(f.Limit.V, 1) + " the week before")
		}
		return b.String()
	case analysis.FlagPainResponse:
		b.WriteString("pain response")
		if f.Window == analysis.Window48h {
			b.WriteString(" (48 h)")
		}
	default:
		b.WriteString(strings.ReplaceAll(string(f.Kind), "_", " "))
	}
	if f.Value.OK {
		b.WriteString(" " + fmtNum(f.Value.V, 1))
		if f.Limit.OK {
			op := " > "
			if f.Kind == analysis.FlagMinimumMissed {
				op = " < "
			}
			b.WriteString(op + fmtNum(f.Limit.V, 1))
		}
	}
	return b.String()
}

// joinFlags describes the flags of the given kinds, "; "-separated; "" when none.
func joinFlags(fs []analysis.Flag, kinds ...analysis.FlagKind) string {
	var parts []string
	for _, f := range fs {
		for _, k := range kinds {
			if f.Kind == k {
				parts = append(parts, describeFlag(f))
			}
		}
	}
	return strings.Join(parts, "; ")
}

func describeSpike(s analysis.Spike) string {
	switch s.Kind {
	case analysis.SpikeSession:
		if !s.Value.OK {
			return "session: " + string(s.Band)
		}
		return fmt.Sprintf("session ×%s (%s)", fmtNum(s.Value.V, 2), s.Band)
	case analysis.SpikeWeek:
		if s.Value.OK {
			return fmt.Sprintf("week +%s %%", fmtNum(s.Value.V, 0))
		}
		return "week increase"
	case analysis.SpikeACWR:
		if s.Value.OK {
			return "ACWR " + fmtNum(s.Value.V, 2)
		}
		return "ACWR"
	}
	return string(s.Kind)
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
