package report

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"runload/analysis"
	"runload/internal/xlsxzip"
)

// streamRows is the row count from which a sheet is written with excelize's StreamWriter:
// normal mode holds every cell in memory (LIBRARIES §4.2: 0.48 s and 42 MB at 10 000 rows).
// At 1 000 rows, three years of Daily and Sessions are streamed: measured on five years of
// activities (1 825 days and sessions), peak RSS of the whole job fell from 131 to 84 MB.
const streamRows = 1000

// WriteXLSX writes report.xlsx: Build's workbook, serialized. The same arguments give the
// same bytes.
func WriteXLSX(w io.Writer, r analysis.Result, log analysis.ImportLog, meta Meta) error {
	return writeWorkbook(w, plan(r, log, meta), streamRows)
}

// writeWorkbook serializes wb, making its sheets one at a time (wb.Sheets is not read). Sheets
// of streamFrom rows or more, with at most one table and no chart, are written with the
// StreamWriter.
func writeWorkbook(w io.Writer, wb *Workbook, streamFrom int) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f, styles: map[Style]int{}, conds: map[Style]int{}, title: wb.Title, period: wb.Period}
	for i, name := range wb.names {
		var err error
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("adding sheet %s: %w", name, err)
		}
	}
	// Before any sheet is streamed: SetActiveSheet reads every worksheet back.
	if idx, err := f.GetSheetIndex(wb.Active); err == nil && idx >= 0 {
		f.SetActiveSheet(idx)
	}
	props := &excelize.DocProperties{Title: wb.Title, Subject: wb.Subject, Creator: "runload",
		LastModifiedBy: "runload", Language: "en-GB"}
	if wb.Modified.Year() >= 1980 { // an empty Result has no period: keep the template's fixed dates
		props.Created = wb.Modified.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	if err := f.SetDocProps(props); err != nil {
		return fmt.Errorf("setting document properties: %w", err)
	}
	for _, m := range wb.makers {
		sh := m.make()
		if sh.Name != m.name {
			return fmt.Errorf("sheet %s made as %s", m.name, sh.Name)
		}
		var err error
		if sh.rowCount() >= streamFrom && len(sh.Tables) <= 1 && len(sh.Charts) == 0 && len(sh.Links) == 0 {
			err = x.streamSheet(sh)
		} else {
			materialize(sh)
			err = x.normalSheet(sh)
		}
		if err != nil {
			return fmt.Errorf("writing sheet %s: %w", sh.Name, err)
		}
	}
	f.SetZipWriter(xlsxzip.NewWriterWith(x.inserts...))
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	return nil
}

// The font of every cell, named in every style so that no application falls back to its
// own (LibreOffice draws a style without a font name in a serif face). Widths are measured for
// it (width.go).
const (
	fontName = "Calibri"
	fontSize = 11.0
)

// xlsxWriter holds one file being written and the styles made for it so far.
type xlsxWriter struct {
	f      *excelize.File
	styles map[Style]int // cell styles
	conds  map[Style]int // conditional-format (dxf) styles
	title  string        // printed in every page header, beside the sheet's name
	period string        // printed in every page footer, beside the page number
	// inserts write the Later rows of streamed sheets into their parts as the workbook is
	// written (laterRows).
	inserts []xlsxzip.Insert
}

func (x *xlsxWriter) style(s Style) (int, error) {
	if s == (Style{}) {
		return 0, nil
	}
	if id, ok := x.styles[s]; ok {
		return id, nil
	}
	size := s.Size
	if size == 0 {
		size = fontSize
	}
	es := &excelize.Style{
		Font:      &excelize.Font{Family: fontName, Bold: s.Bold, Italic: s.Italic, Size: size, Color: s.Color},
		Alignment: &excelize.Alignment{WrapText: s.Wrap},
	}
	if s.Top || s.Wrap {
		es.Alignment.Vertical = "top"
	}
	if s.Indent > 0 {
		es.Alignment.Horizontal, es.Alignment.Indent = "left", s.Indent // an indent needs an alignment to count from
	}
	if s.Fmt != "" {
		fm := s.Fmt
		es.CustomNumFmt = &fm
	}
	if s.Fill != "" {
		es.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.Fill}}
	}
	id, err := x.f.NewStyle(es)
	if err != nil {
		return 0, err
	}
	x.styles[s] = id
	return id, nil
}

func (x *xlsxWriter) condStyle(s Style) (int, error) {
	if id, ok := x.conds[s]; ok {
		return id, nil
	}
	es := &excelize.Style{Font: &excelize.Font{Bold: s.Bold, Color: s.Color}}
	if s.Fill != "" {
		es.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.Fill}}
	}
	id, err := x.f.NewConditionalStyle(es)
	if err != nil {
		return 0, err
	}
	x.conds[s] = id
	return id, nil
}

// excelEpoch is day 0 of spreadsheet serial dates (1900 system, with Lotus's leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// cellValue turns a Cell value into what excelize writes: dates as serials of their wall
// clock, durations as fractions of a day, non-finite numbers as empty.
func cellValue(v any) any {
	switch v := v.(type) {
	case time.Time:
		return float64(wall(v).Sub(excelEpoch)) / float64(24*time.Hour)
	case time.Duration:
		return float64(v) / float64(24*time.Hour)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
	}
	return v
}

func cellName(col, row int) string { return fmt.Sprintf("%s%d", colName(col), row) }

func (x *xlsxWriter) normalSheet(sh *Sheet) error {
	f := x.f
	if err := x.layout(sh); err != nil {
		return err
	}
	width := 0
	for i, row := range sh.Rows {
		width = max(width, len(row))
		for j, c := range row {
			v := cellValue(c.V)
			if v == nil {
				continue
			}
			if err := f.SetCellValue(sh.Name, cellName(j+1, i+1), v); err != nil {
				return err
			}
		}
	}
	// Styles by vertical runs: a table column mostly shares one style.
	for j := 0; j < width; j++ {
		start, cur := -1, Style{}
		flush := func(end int) error {
			if start < 0 || cur == (Style{}) {
				return nil
			}
			id, err := x.style(cur)
			if err != nil {
				return err
			}
			return f.SetCellStyle(sh.Name, cellName(j+1, start+1), cellName(j+1, end+1), id)
		}
		for i, row := range sh.Rows {
			s := Style{}
			if j < len(row) && row[j].V != nil {
				s = row[j].S
			}
			if start >= 0 && s == cur {
				continue
			}
			if err := flush(i - 1); err != nil {
				return err
			}
			start, cur = i, s
		}
		if err := flush(len(sh.Rows) - 1); err != nil {
			return err
		}
	}
	for _, h := range sh.Heights {
		if err := f.SetRowHeight(sh.Name, h.Row, h.Height); err != nil {
			return err
		}
	}
	for _, m := range sh.Merges {
		a, b, _ := strings.Cut(m.Ref(), ":")
		if err := f.MergeCell(sh.Name, a, b); err != nil {
			return err
		}
	}
	for _, t := range sh.Tables {
		if err := f.AddTable(sh.Name, table(t)); err != nil {
			return err
		}
	}
	if err := x.links(sh); err != nil {
		return err
	}
	if err := x.finish(sh); err != nil {
		return err
	}
	for _, ch := range sh.Charts {
		if err := x.chart(sh.Name, ch); err != nil {
			return err
		}
	}
	return nil
}

// streamSheet writes sh with the StreamWriter, in the order LIBRARIES §4.2 requires: sheet
// properties before NewStreamWriter; widths and panes before the first row; conditional
// formats and page setup before Flush; one table.
func (x *xlsxWriter) streamSheet(sh *Sheet) error {
	if len(sh.Charts) > 0 {
		return fmt.Errorf("charts cannot be stream-written")
	}
	if err := x.sheetProps(sh); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(sh.Name)
	if err != nil {
		return err
	}
	for i, w := range sh.Widths {
		if w > 0 {
			if err := sw.SetColWidth(i+1, i+1, w); err != nil {
				return err
			}
		}
	}
	if sh.FreezeRows > 0 {
		if err := sw.SetPanes(panes(sh.FreezeRows)); err != nil {
			return err
		}
	}
	heights := map[int]float64{}
	for _, h := range sh.Heights {
		heights[h.Row] = h.Height
	}
	vals := []any{}
	put := func(row []Cell, n int, height float64) error {
		vals = vals[:0]
		for _, c := range row {
			v := cellValue(c.V)
			if v == nil {
				vals = append(vals, nil)
				continue
			}
			id, err := x.style(c.S)
			if err != nil {
				return err
			}
			vals = append(vals, excelize.Cell{StyleID: id, Value: v})
		}
		var opts []excelize.RowOpts
		if height > 0 {
			opts = append(opts, excelize.RowOpts{Height: height})
		}
		return sw.SetRow(cellName(1, n), vals, opts...)
	}
	for i, row := range sh.Rows {
		if err := put(row, i+1, heights[i+1]); err != nil {
			return err
		}
	}
	if sh.Later != nil {
		if err := x.laterRows(sh); err != nil {
			return err
		}
	}
	for _, m := range sh.Merges {
		a, b, _ := strings.Cut(m.Ref(), ":")
		if err := sw.MergeCell(a, b); err != nil {
			return err
		}
	}
	for _, t := range sh.Tables {
		if err := sw.AddTable(table(t)); err != nil {
			return err
		}
	}
	if err := x.finish(sh); err != nil {
		return err
	}
	return sw.Flush()
}

// laterChunk is the number of Later rows laterRows has excelize write at a time.
const laterChunk = 2048

// laterRows has sh's Later rows written into its part of the archive, after its Rows, as the
// workbook is written: a chunk at a time, each by excelize's own StreamWriter in a scratch
// workbook, whose rows are taken as they are (their cells' styles are this workbook's, made
// here in the order the rows use them). The StreamWriter would hold them all in memory up to
// 16 MiB (an Import log of 58 000 files), in a buffer grown to 32 MiB.
func (x *xlsxWriter) laterRows(sh *Sheet) error {
	for row := range sh.Later {
		fitRow(row, sh)
		for _, c := range row {
			if cellValue(c.V) != nil {
				if _, err := x.style(c.S); err != nil {
					return err
				}
			}
		}
	}
	part := ""
	for id, name := range x.f.GetSheetMap() {
		if name == sh.Name {
			part = fmt.Sprintf("xl/worksheets/sheet%d.xml", id)
		}
	}
	x.inserts = append(x.inserts, xlsxzip.Insert{Part: part, Before: "</sheetData>", Write: func(w io.Writer) error {
		var chunk [][]any
		var heights []float64
		first := len(sh.Rows) + 1
		for row := range sh.Later {
			h, _ := fitRow(row, sh)
			vals := make([]any, len(row))
			for i, c := range row {
				v := cellValue(c.V)
				if v == nil {
					continue
				}
				id, ok := x.styles[c.S]
				if !ok && c.S != (Style{}) {
					return fmt.Errorf("sheet %s: a style made after its rows were", sh.Name)
				}
				vals[i] = excelize.Cell{StyleID: id, Value: v}
			}
			chunk, heights = append(chunk, vals), append(heights, h)
			if len(chunk) == laterChunk {
				if err := renderRows(w, first, chunk, heights); err != nil {
					return err
				}
				first += len(chunk)
				chunk, heights = chunk[:0], heights[:0]
			}
		}
		return renderRows(w, first, chunk, heights)
	}})
	return nil
}

// renderRows writes rows (with their heights, 0 for the default) from row first on, as
// excelize's StreamWriter writes them into a sheet's <sheetData>.
func renderRows(w io.Writer, first int, rows [][]any, heights []float64) error {
	if len(rows) == 0 {
		return nil
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	for i, vals := range rows {
		var opts []excelize.RowOpts
		if heights[i] > 0 {
			opts = append(opts, excelize.RowOpts{Height: heights[i]})
		}
		if err := sw.SetRow(cellName(1, first+i), vals, opts...); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	var sheet []byte
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		return partOnly{name: "xl/worksheets/sheet1.xml", to: &sheet}
	})
	if _, err := f.WriteTo(io.Discard); err != nil {
		return err
	}
	_, rest, ok := bytes.Cut(sheet, []byte("<sheetData>"))
	data, _, ok2 := bytes.Cut(rest, []byte("</sheetData>"))
	if !ok || !ok2 {
		return fmt.Errorf("excelize wrote rows without <sheetData>")
	}
	_, err = w.Write(data)
	return err
}

// partOnly is an excelize.ZipWriter that keeps one part's bytes and drops the others.
type partOnly struct {
	name string
	to   *[]byte
}

func (p partOnly) Create(name string) (io.Writer, error) {
	if name != p.name {
		return io.Discard, nil
	}
	return writerTo{p.to}, nil
}

func (partOnly) AddFS(fs.FS) error { return nil }
func (partOnly) Close() error      { return nil }

// writerTo appends what is written to a byte slice.
type writerTo struct{ b *[]byte }

func (w writerTo) Write(p []byte) (int, error) {
	*w.b = append(*w.b, p...)
	return len(p), nil
}

// layout sets what must precede the cells: sheet properties, widths and panes.
func (x *xlsxWriter) layout(sh *Sheet) error {
	if err := x.sheetProps(sh); err != nil {
		return err
	}
	for i, w := range sh.Widths {
		if w > 0 {
			c := colName(i + 1)
			if err := x.f.SetColWidth(sh.Name, c, c, w); err != nil {
				return err
			}
		}
	}
	if sh.FreezeRows > 0 {
		return x.f.SetPanes(sh.Name, panes(sh.FreezeRows))
	}
	return nil
}

func (x *xlsxWriter) sheetProps(sh *Sheet) error {
	// The filter first: excelize's AutoFilter replaces the sheet properties. On a stream sheet
	// it is in place before NewStreamWriter, which copies it.
	if sh.AutoFilter != "" {
		if err := x.f.AutoFilter(sh.Name, sh.AutoFilter, nil); err != nil {
			return fmt.Errorf("filter %s: %w", sh.AutoFilter, err)
		}
	}
	yes := true
	return x.f.SetSheetProps(sh.Name, &excelize.SheetPropsOptions{FitToPage: &yes})
}

// finish sets conditional formats and the page layout; on a stream sheet it runs before Flush.
func (x *xlsxWriter) finish(sh *Sheet) error {
	for _, c := range sh.Conds {
		id, err := x.condStyle(c.Style)
		if err != nil {
			return err
		}
		if err := x.f.SetConditionalFormat(sh.Name, c.Range, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: c.Formula, Format: &id},
		}); err != nil {
			return fmt.Errorf("conditional format %s: %w", c.Range, err)
		}
	}
	return x.pageSetup(sh)
}

// pageSetup makes sh print legibly: landscape A4, one page wide (the Summary: one page), the
// header row on every page, margins, and each page naming its sheet, the report's period and
// its number, so a PDF or a printout can be followed.
func (x *xlsxWriter) pageSetup(sh *Sheet) error {
	orient, size, wide, tall := "landscape", 9, 1, 0 // 9: A4
	if sh.OnePage {
		tall = 1
	}
	if err := x.f.SetPageLayout(sh.Name, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	side, edge, band := 0.4, 0.6, 0.3 // inches
	if err := x.f.SetPageMargins(sh.Name, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side,
		Top: &edge, Bottom: &edge, Header: &band, Footer: &band}); err != nil {
		return err
	}
	if sh.FreezeRows > 0 {
		if err := x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh.Name,
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", sh.Name, sh.FreezeRows)}); err != nil {
			return fmt.Errorf("print titles: %w", err)
		}
	}
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
	return x.f.SetHeaderFooter(sh.Name, &excelize.HeaderFooterOptions{
		OddHeader: "&L&\"-,Bold\"&A&R" + esc(x.title),
		OddFooter: "&L" + esc(x.period) + "&RPage &P of &N",
	})
}

func panes(rows int) *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: rows, TopLeftCell: cellName(1, rows+1), ActivePane: "bottomLeft"}
}

func table(t Table) *excelize.Table {
	stripes := t.ShowStripes
	return &excelize.Table{
		Range:          fmt.Sprintf("A%d:%s%d", t.Header, colName(t.Cols), t.Last),
		Name:           t.Name,
		StyleName:      "TableStyleMedium2",
		ShowRowStripes: &stripes,
	}
}

func fill(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

func title(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Bold: true, Size: 12}}}}
}

func axisTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Size: 9, Color: "404040"}}}}
}

func series(s Series, line bool) excelize.ChartSeries {
	cs := excelize.ChartSeries{Name: s.Name, Categories: s.Categories, Values: s.Values, Fill: fill(s.Color)}
	if line {
		cs.Line = excelize.LineOptions{Width: 2.25}
		if s.Dash {
			cs.Line.Dash = excelize.LineDashDash
		}
		cs.Marker = excelize.ChartMarker{Symbol: "none"}
		if s.Marker {
			cs.Marker = excelize.ChartMarker{Symbol: "circle", Size: 5, Fill: fill(s.Color)}
		}
	}
	return cs
}

func (x *xlsxWriter) chart(sheet string, ch Chart) error {
	zero, ten := 0.0, 10.0
	legend := excelize.ChartLegend{Position: "bottom"}
	dim := excelize.ChartDimension{Width: ch.Width, Height: ch.Height}
	axisFont := excelize.Font{Color: "404040", Size: 9}
	xaxis := excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: ch.XFmt}, TickLabelSkip: ch.XSkip, Font: axisFont,
		Alignment: excelize.Alignment{TextRotation: ch.XRotate}}
	var lines []excelize.ChartSeries
	for _, s := range ch.Lines {
		lines = append(lines, series(s, true))
	}
	if len(ch.Columns) == 0 {
		return x.f.AddChart(sheet, ch.Anchor, &excelize.Chart{
			Type: excelize.Line, Series: lines, Title: title(ch.Title), Legend: legend, Dimension: dim,
			XAxis: xaxis, YAxis: excelize.ChartAxis{Minimum: &zero, MajorGridLines: true, Title: axisTitle(ch.YTitle), Font: axisFont},
			ShowBlanksAs: "gap",
		})
	}
	var cols []excelize.ChartSeries
	for _, s := range ch.Columns {
		cols = append(cols, series(s, false))
	}
	gap := uint(40)
	if ch.StepColumns {
		gap = 0
	}
	primary := &excelize.Chart{
		Type: excelize.Col, Series: cols, Title: title(ch.Title), Legend: legend, Dimension: dim,
		XAxis: xaxis, YAxis: excelize.ChartAxis{Minimum: &zero, MajorGridLines: true, Title: axisTitle(ch.YTitle), Font: axisFont},
		GapWidth: &gap, ShowBlanksAs: "gap",
	}
	if len(lines) == 0 {
		return x.f.AddChart(sheet, ch.Anchor, primary)
	}
	// The lines' chart draws the axes it shares with the columns (excelize takes a shared axis
	// from the last chart of a combination), so it carries the same ones: else the category
	// labels lose their rotation and skip, and the value axis its title and floor.
	second := &excelize.Chart{Type: excelize.Line, Series: lines, ShowBlanksAs: "gap", XAxis: xaxis, YAxis: primary.YAxis}
	if ch.LinesSecondary {
		second.YAxis = excelize.ChartAxis{Secondary: true, Minimum: &zero, Maximum: &ten, MajorUnit: 2, Title: axisTitle(ch.Y2Title), Font: axisFont}
	}
	return x.f.AddChart(sheet, ch.Anchor, primary, second)
}
