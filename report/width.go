package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Column widths are counted in widths of the default font's digit 0, as spreadsheet
// applications count them, and measured glyph by glyph in the wider of Carlito and DejaVu Sans
// (fontwidth.go): Carlito has Calibri's metrics (the workbook's font: what Excel draws, and
// LibreOffice where fonts-crosextra-carlito is installed), and LibreOffice draws DejaVu Sans
// where neither is installed. A column that holds its text in both holds it wherever it opens.
//
// Row heights are counted in lines. A wrapped text takes the lines Calibri's (Carlito's) widths
// give it in Excel and in LibreOffice with Carlito, and Excel draws a line of 11-point Calibri
// 15 points tall (its own fitted row: 15 points a line). LibreOffice draws the same lines closer,
// 11.1 points apart with Carlito (the font's ascent and descent, without its line gap), so a
// row fitted for Excel prints about 1.4 times as tall as its text there. A height cannot be
// both: one short of Excel's hides the last lines in Excel, which keeps a height it is given.
// LibreOffice fits no row to its text on opening a file (7.4: a row without a height keeps
// the default 15 points and clips every line after the first), so every row that wraps gets
// one. Where LibreOffice has only DejaVu Sans, a text wraps into as many lines as the wider
// widths give at most, 12.8 points apart: the height is the taller of the two.

const (
	widthMargin = 1.05 // on every measured width: kerning and rounding in the application
	cellPadding = 1.0  // the space a cell keeps beside its text
	lineHeight  = 15.0 // points per line of 11-point text in Excel (Calibri): its fitted row is 15 points a line
	dejaVuLine  = 12.8 // points per line of 11-point DejaVu Sans in LibreOffice (measured: 12.81)
	rowPadding  = 2.0  // points under a row's last line
	maxHeight   = 409  // the tallest row a spreadsheet allows, in points
)

// A face is a set of advance widths in digit widths: wide, the wider of Carlito and DejaVu Sans
// per glyph (column widths, and DejaVu's lines at most), or carlito (Calibri's lines).
type face struct {
	ascii, asciiBold *[95]float64
	extra            map[rune][2]float64
}

var (
	wide    = face{&asciiWidth, &asciiBoldWidth, extraWidth}
	carlito = face{&carlitoWidth, &carlitoBoldWidth, carlitoExtraWidth}
)

// textWidth is the width of the longest line of s in column units, bold or not, in the wide face.
func textWidth(s string, bold bool) float64 { return wide.textWidth(s, bold) }

// textWidth is the width of the longest line of s in column units, bold or not (italic is
// counted as regular: Carlito Italic's advances are within a few per cent of it, DejaVu's the same).
func (f face) textWidth(s string, bold bool) float64 {
	longest := 0.0
	for _, line := range strings.Split(s, "\n") {
		longest = max(longest, f.lineWidth(line, bold))
	}
	return longest
}

func (f face) lineWidth(s string, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			if bold {
				w += f.asciiBold[r-' ']
			} else {
				w += f.ascii[r-' ']
			}
		default:
			e, ok := f.extra[r]
			switch {
			case !ok:
				w += 1.6 // wider than any Latin letter
			case bold:
				w += e[1]
			default:
				w += e[0]
			}
		}
	}
	return w * widthMargin
}

// fitWidth is the column width that shows a text of width tw whole: with the cell's padding,
// rounded up to a quarter.
func fitWidth(tw float64) float64 { return math.Ceil((tw+cellPadding)*4) / 4 }

// longestWord is the width of the widest word of s: a header wraps between words, never in one.
func longestWord(s string, bold bool) float64 {
	w := 0.0
	for _, word := range strings.Fields(s) {
		w = max(w, textWidth(word, bold))
	}
	return w
}

// headWidth is the width a header needs: its widest word, and a line in brackets whole
// ("(in sample-data/watch/)"), which would otherwise break at a hyphen.
func headWidth(s string) float64 {
	w := 0.0
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "(") {
			w = max(w, textWidth(line, true))
			continue
		}
		w = max(w, longestWord(line, true))
	}
	return w
}

// wrapLines is the number of lines s takes wrapped in a column of the given width in face f:
// words move to the next line whole, and a word wider than the column is broken.
func (f face) wrapLines(s string, width float64, bold bool) int {
	room := width - cellPadding
	if room <= 0 {
		return 1
	}
	space := f.textWidth(" ", bold)
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n++
		used := 0.0
		for i, word := range strings.Fields(para) {
			w := f.textWidth(word, bold)
			switch {
			case i == 0 || used == 0:
				used = w
			case used+space+w <= room:
				used += space + w
				continue
			default:
				n++
				used = w
			}
			for used > room { // a word wider than the column breaks
				n++
				used -= room
			}
		}
	}
	return n
}

// textHeight is the height in points of a row that shows s wrapped in a column of the given
// width: Excel's 15 points for each line Calibri's widths give, or LibreOffice's DejaVu Sans
// lines where that is taller, and the row's padding.
func textHeight(s string, width float64, bold bool) float64 {
	h := max(lineHeight*float64(carlito.wrapLines(s, width, bold)), dejaVuLine*float64(wide.wrapLines(s, width, bold)))
	return min(math.Ceil((h+rowPadding)*4)/4, maxHeight) // to a quarter point
}

// oneLine is the height of a row of one line, set by no row: the sheet's default.
const oneLine = lineHeight + rowPadding

// cellText is the text a cell shows: its value in its number format.
func cellText(c Cell) string {
	switch v := c.V.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		switch c.S.Fmt {
		case fmtDate:
			return v.Format("2006-01-02")
		case fmtDateDay:
			return v.Format("2006-01-02 Mon")
		case fmtTime:
			return v.Format("15:04")
		}
		return v.Format("2006-01-02 15:04")
	case time.Duration:
		s := int(v.Round(time.Second) / time.Second)
		if c.S.Fmt == fmtPace {
			return fmt.Sprintf("%d:%02d", s/60, s%60)
		}
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	case float64:
		switch c.S.Fmt {
		case fmtDec1:
			return fmt.Sprintf("%.1f", v)
		case fmtDec2:
			return fmt.Sprintf("%.2f", v)
		case fmtInt:
			return fmt.Sprintf("%.0f", v)
		}
		return fmt.Sprintf("%.10g", v)
	case int:
		return fmt.Sprint(v)
	case bool:
		return strings.ToUpper(fmt.Sprint(v))
	}
	return fmt.Sprint(c.V)
}

// isHead reports whether c is a table's header cell, indented or not.
func isHead(c Cell) bool {
	s := c.S
	s.Indent = 0
	return s == stHead
}

// rightAligned reports whether a cell's value is one a spreadsheet aligns right: a number, a
// date, a time or a duration.
func rightAligned(c Cell) bool {
	switch c.V.(type) {
	case float64, int, time.Time, time.Duration:
		return true
	}
	return false
}

// isText reports whether a cell holds text, which a spreadsheet aligns left.
func isText(c Cell) bool {
	_, ok := c.V.(string)
	return ok
}

// indentAfterNumbers finds the columns whose text is indented by one level: those that follow
// a column of numbers. A number is drawn against its cell's right edge and text against its
// cell's left edge, so "1.0" beside "no" would print as "1.0no". Every text value of such a
// column is indented, and its header with it when the column holds text, so the column stays
// aligned (indentRow). Rows in merged ranges are left alone; Later rows count.
func indentAfterNumbers(sh *Sheet, merged map[int]bool) {
	var numbers, text []bool // per column: holds a right-aligned value; holds text (besides headers)
	see := func(row []Cell) {
		for len(numbers) < len(row) {
			numbers, text = append(numbers, false), append(text, false)
		}
		for j, c := range row {
			numbers[j] = numbers[j] || (!isHead(c) && rightAligned(c))
			text[j] = text[j] || (!isHead(c) && isText(c))
		}
	}
	for i, row := range sh.Rows {
		if !merged[i+1] {
			see(row)
		}
	}
	if sh.Later != nil {
		for row := range sh.Later {
			see(row)
		}
	}
	sh.indent = make([]indentCol, len(numbers))
	for j := 1; j < len(numbers); j++ {
		sh.indent[j] = indentCol{on: numbers[j-1], head: text[j]}
	}
}

// indentCol says whether a column's text is indented (on), and its header with it (head).
type indentCol struct{ on, head bool }

// indentRow indents row's text in the columns indentAfterNumbers chose.
func indentRow(row []Cell, indent []indentCol) {
	for j := range min(len(row), len(indent)) {
		if in := indent[j]; in.on && isText(row[j]) && (!isHead(row[j]) || in.head) {
			row[j].S.Indent = max(row[j].S.Indent, 1)
		}
	}
}

// indentWidth is the width of one indent level: three spaces.
func indentWidth() float64 { return 3 * textWidth(" ", false) }

// maxWidth is the widest a column is made, in digits: a value wider than that (a path of
// 120 letters without a space: a Garmin export's are about 105) wraps, breaking the word, as
// any wider value does. Spreadsheets refuse columns over 255.
const maxWidth = 120.0

// fitSheet sets the widths of sh's columns and the heights of its rows from its cells. A
// column is as wide as its widest header word and its widest value (with its indent); a
// column with a cap (caps[j] > 0, a prose column) is never wider than the cap or its widest
// header word, and its values wrap between words. Text beside a column of numbers is
// indented (indentAfterNumbers). Rows in merged ranges (notes under a table) are left to
// setNoteHeight. Later rows are measured for the widths; their indent and heights are set as
// they are made (fitRow).
func fitSheet(sh *Sheet, caps []float64) {
	cols := 0
	for _, row := range sh.Rows {
		cols = max(cols, len(row))
	}
	widths := make([]float64, cols)
	merged := mergedRows(sh)
	indentAfterNumbers(sh, merged)
	for i, row := range sh.Rows {
		if !merged[i+1] {
			indentRow(row, sh.indent)
			widths = widenFor(widths, row, caps)
		}
	}
	if sh.Later != nil {
		for row := range sh.Later {
			indentRow(row, sh.indent)
			widths = widenFor(widths, row, caps)
		}
	}
	for j := range widths {
		widths[j] = min(max(widths[j], 3), maxWidth)
	}
	for i, row := range sh.Rows {
		if !merged[i+1] && len(row) > 0 && isHead(row[0]) {
			shortenHeader(row, widths)
		}
	}
	sh.Widths = widths
	sh.Heights = nil
	for i, row := range sh.Rows {
		if merged[i+1] {
			continue
		}
		if h, ok := fitRow(row, sh); ok {
			sh.Heights = append(sh.Heights, RowHeight{Row: i + 1, Height: h})
		}
	}
}

// widenFor widens widths (grown to the row's length) to show row's cells, with their
// indent, as fitSheet says.
func widenFor(widths []float64, row []Cell, caps []float64) []float64 {
	for len(widths) < len(row) {
		widths = append(widths, 0)
	}
	for j, c := range row {
		if c.V == nil {
			continue
		}
		text := cellText(c)
		in := float64(c.S.Indent) * indentWidth()
		if isHead(c) {
			widths[j] = max(widths[j], fitWidth(headWidth(text)+in))
			continue
		}
		w := fitWidth(textWidth(text, c.S.Bold) + in)
		if j < len(caps) && caps[j] > 0 && w > caps[j] {
			w = max(caps[j], fitWidth(longestWord(text, c.S.Bold)+in)) // a prose value wraps at the cap, between words
		}
		widths[j] = max(widths[j], w)
	}
	return widths
}

// fitRow indents row's text as sh's columns say, makes the values of row that are wider than
// their columns (sh.Widths), or of several lines, wrap, and returns the height the row needs,
// false when one line is enough.
func fitRow(row []Cell, sh *Sheet) (float64, bool) {
	indentRow(row, sh.indent)
	widths := sh.Widths
	height := oneLine
	for j, c := range row {
		if c.V == nil {
			continue
		}
		text := cellText(c)
		bold := c.S.Bold
		in := float64(c.S.Indent) * indentWidth()
		if isHead(c) {
			bold = true
		} else if !strings.Contains(text, "\n") && fitWidth(textWidth(text, bold)+in) <= widths[j] {
			continue
		} else {
			row[j].S.Wrap, row[j].S.Top = true, true // a value wider than its column, or of lines, wraps
		}
		height = max(height, textHeight(text, widths[j]-in, bold))
	}
	if height > oneLine {
		return height, true
	}
	return 0, false
}

// headSlack is the most, in all, that shortenHeader widens a header row's columns by for each
// line it saves: a digit, about half a per cent of a sheet's width, against 15 points of every page.
const headSlack = 1.0

// shortenHeader widens the columns whose header words alone make a header row a line taller
// than the others need ("Pain next / morning" in 9.25 rather than "Pain / next / morning" in
// 9), a quarter at a time and at most headSlack in all for each line saved: the header is
// printed on every page.
func shortenHeader(row []Cell, widths []float64) {
	height := func(w []float64) float64 {
		h := oneLine
		for j, c := range row {
			if s, ok := c.V.(string); ok && isHead(c) {
				h = max(h, textHeight(s, w[j]-float64(c.S.Indent)*indentWidth(), true))
			}
		}
		return h
	}
	for {
		h := height(widths)
		if h <= oneLine {
			return
		}
		w := slices.Clone(widths)
		added := 0.0
		for j, c := range row {
			s, ok := c.V.(string)
			if !ok || !isHead(c) {
				continue
			}
			in := float64(c.S.Indent) * indentWidth()
			for textHeight(s, w[j]-in, true) >= h && added <= headSlack {
				w[j] += 0.25
				added += 0.25
			}
		}
		if added > headSlack {
			return
		}
		copy(widths, w)
	}
}

// mergedRows returns the 1-based rows of sh's merged ranges.
func mergedRows(sh *Sheet) map[int]bool {
	out := map[int]bool{}
	for _, m := range sh.Merges {
		out[m.Row] = true
	}
	return out
}

// addNote adds a row under sh's tables holding text in a cell merged across its columns,
// wrapped, with the height the text needs.
func addNote(sh *Sheet, text string, st Style) {
	cols := max(len(sh.Widths), 1)
	sh.Rows = append(sh.Rows, []Cell{{V: text, S: st}})
	row := len(sh.Rows)
	sh.Merges = append(sh.Merges, Merge{Row: row, Cols: cols})
	total := 0.0
	for _, w := range sh.Widths {
		total += w
	}
	if h := textHeight(text, total, st.Bold); h > oneLine {
		sh.Heights = append(sh.Heights, RowHeight{Row: row, Height: h})
	}
}
