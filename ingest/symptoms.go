package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"runload/analysis"
)

// LogResult is what reading a symptom workbook or CSV gave. Entries and Plan.Rules are in
// the order read; several entries for one day are all kept (the analysis merges them).
type LogResult struct {
	Entries  []analysis.SymptomEntry
	Plan     analysis.Plan // the workbook's Plan sheet, when it has one
	HasPlan  bool
	Rejected []*CellError     // one for each row rejected, naming its first bad cell
	Inputs   []analysis.Input // the symptom log's line (and the plan's) for the import log
	Notes    []string         // columns that matched nothing, and similar
	// Warnings are what a person must read before sending the report: most of the log
	// rejected, or a -date-order that the log's dates contradict. Each names the fix.
	Warnings []string
}

// unzipXMLSizeLimit: a part of an .xlsx above this is spooled to a temporary file by
// excelize (its UnzipXMLSizeLimit, not a cap). The cap is Limits.UnzipBytes.
const unzipXMLSizeLimit = 16 << 20

// ReadSymptoms reads the symptom log at path (.xlsx or .csv), and its Plan sheet if any.
// Path is only opened: name is what the result and every message call the file (each
// Input.Path, Rejected.File and entry Source), so that a report shows "symptoms.xlsx",
// never where it lies on disk; give it path's extension.
// A file that cannot be opened at all, or that is in a format it refuses (.ods, .xls,
// .numbers, a password-protected workbook), is an error naming the file. A header
// without a Date or Pain column makes the log's Input an error, and a bad row is only
// Rejected: both leave the rest of the workbook (its Plan sheet) usable. A run reads
// through ReadLogs, which also decides whether the Plan sheet is the plan.
func ReadSymptoms(path, name string, opt Options) (LogResult, error) {
	return openLog(path, name, "the symptom log", opt, readSymptoms)
}

// openLog opens a symptom log or plan file after refusing the formats it cannot read, and
// hands it to read under its name; what says which file it is in a message.
func openLog(path, name, what string, opt Options, read func(io.Reader, string, Options) (LogResult, error)) (LogResult, error) {
	if err := refuseFormat(path, name); err != nil {
		return LogResult{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is not shown: name stands for it
		}
		return LogResult{}, fmt.Errorf("%s: cannot open %s: %w", name, what, err)
	}
	defer f.Close()
	return read(f, name, opt)
}

// readSymptoms is ReadSymptoms over a reader; name names the file in the result and in
// messages, and its extension picks the format. A workbook's log is its Symptoms sheet
// (else its first visible sheet that is not the Plan), and its Plan sheet, when it has
// one, is read too.
func readSymptoms(r io.Reader, name string, opt Options) (LogResult, error) {
	return readLogWorkbook(r, name, opt, "")
}

// readLogWorkbook is readSymptoms, except that when planElsewhere names the plan file given
// instead (-plan), a workbook's Plan sheet is not read but listed as not used.
func readLogWorkbook(r io.Reader, name string, opt Options, planElsewhere string) (LogResult, error) {
	return readLog(r, name, opt, symptomGrid, func(wb *logWorkbook, res *LogResult) error {
		sheet := wb.find("Symptoms")
		if sheet == "" {
			for _, s := range wb.f.GetSheetList() {
				if visible, err := wb.f.GetSheetVisible(s); err == nil && visible && !strings.EqualFold(strings.TrimSpace(s), "Plan") {
					sheet = s
					break
				}
			}
			if sheet != "" {
				res.Notes = append(res.Notes, fmt.Sprintf("%s: no sheet named Symptoms; read the first visible sheet %q", name, sheet))
			}
		}
		var logOrder DateOrder // the order the log's text dates were read in: the Plan's too, if its own do not say
		if sheet == "" {
			res.Inputs = append(res.Inputs, analysis.Input{Path: name, Kind: analysis.KindSymptoms,
				Status: analysis.StatusSkipped, Detail: "no Symptoms sheet"})
		} else {
			g, err := wb.sheetGrid(sheet)
			if err != nil {
				return err
			}
			in, order, err := symptomSheet(res, g, opt)
			if err != nil {
				return err
			}
			res.Inputs, logOrder = append(res.Inputs, in), order
		}
		plan := wb.find("Plan")
		switch {
		case plan == "":
		case planElsewhere != "":
			res.Inputs = append(res.Inputs, analysis.Input{Path: name + " (Plan sheet)", Kind: analysis.KindPlan,
				Status: analysis.StatusSkipped, Detail: "not used: -plan names " + planElsewhere})
		default:
			g, err := wb.sheetGrid(plan)
			if err != nil {
				return err
			}
			res.Inputs = append(res.Inputs, planGrid(res, g, name+" (Plan sheet)", opt, logOrder))
		}
		return nil
	})
}

// readLog reads a symptom log or plan named name from r: within its size limit, with a
// recover boundary, as CSV (grid makes the entries and the import-log line) or as a
// workbook (sheets picks and reads the sheets).
func readLog(r io.Reader, name string, opt Options,
	grid func(*LogResult, *logGrid, Options) (analysis.Input, error),
	sheets func(*logWorkbook, *LogResult) error) (res LogResult, err error) {
	defer recoverLog(name, &res, &err)
	lim := opt.Limits.orDefault()
	data, format, err := readLogFile(r, name, lim)
	if err != nil {
		return LogResult{}, err
	}
	if format == formatCSV {
		g, notes := csvGrid(data, name, lim.RowBytes)
		in, err := grid(&res, g, opt)
		if err != nil {
			return LogResult{}, err
		}
		res.Inputs = append(res.Inputs, withNotes(in, notes))
		return res, nil
	}
	if err := withWorkbook(data, name, lim.UnzipBytes, func(wb *logWorkbook) error { return sheets(wb, &res) }); err != nil {
		return LogResult{}, err
	}
	return res, nil
}

// recoverLog is the panic boundary of a log or plan file: a panic while reading it becomes
// its error, naming the file, and the run goes on without it.
func recoverLog(name string, res *LogResult, err *error) {
	if p := recover(); p != nil {
		*res = LogResult{}
		*err = fmt.Errorf("%s: reading failed (%v): save it again as .xlsx (or .csv)", name, p)
	}
}

// The two formats of the log and the plan.
const (
	formatCSV  = "csv"
	formatXLSX = "xlsx"
)

// refuseFormat refuses, by the extension of path, the spreadsheet formats that cannot be
// read, naming the file name. excelize gives a bare "EOF" for .ods, so the extension is
// checked before reading.
func refuseFormat(path, name string) error {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".ods", ".fods", ".xls", ".xlsb", ".numbers":
		return fmt.Errorf("%s: %s files cannot be read: save it as .xlsx (or .csv)", name, ext)
	}
	return nil
}

// ole2Magic starts every OLE2 compound file: an old .xls, or an .xlsx saved with a password.
var ole2Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// readLogFile reads a log or plan file whole and says whether it is CSV or xlsx: by the
// extension of its name (.xlsx, .xlsm, .csv, .txt, .tsv), else by its first bytes.
func readLogFile(r io.Reader, name string, lim Limits) ([]byte, string, error) {
	if err := refuseFormat(name, name); err != nil {
		return nil, "", err
	}
	data, err := io.ReadAll(io.LimitReader(r, lim.LogBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("reading %s: %w", name, err)
	}
	if int64(len(data)) > lim.LogBytes {
		return nil, "", fmt.Errorf("%s: more than %s, too big for a symptom log or plan: is it the right file?", name, sizeText(lim.LogBytes))
	}
	if bytes.HasPrefix(data, ole2Magic) {
		return nil, "", fmt.Errorf("%s: the workbook is password-protected or in the old .xls format: remove the password and save it as .xlsx (or .csv)", name)
	}
	isZip := bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		if len(data) == 0 {
			return nil, "", fmt.Errorf("%s: the file is empty (0 bytes): save the workbook again", name)
		}
		if !isZip {
			return nil, "", fmt.Errorf("%s: not an .xlsx workbook (a renamed file?): save it as .xlsx (or .csv)", name)
		}
		return data, formatXLSX, nil
	case ".csv", ".txt", ".tsv":
		if isZip {
			return nil, "", fmt.Errorf("%s: a workbook, not text: save it as .csv, or name it .xlsx", name)
		}
		return data, formatCSV, nil
	}
	if isZip {
		return data, formatXLSX, nil
	}
	return data, formatCSV, nil
}

// A logGrid is a sheet or a CSV file as rows of text cells, with what is needed to name a
// cell in a message. Blank rows are left out.
type logGrid struct {
	file     string // the file's name in the result and in messages: "symptoms.xlsx"
	sheet    string // "Symptoms"; "" for a CSV file
	date1904 bool   // the workbook counts dates from 1904
	rows     []logRow
	bad      []*CellError // CSV lines that could not be split into cells
}

// A logRow is one non-blank row.
type logRow struct {
	num   int   // the sheet row, or the CSV line where the row starts
	lines []int // CSV: the line of each cell (a quoted cell may span lines)
	cells []string
}

// cell returns the trimmed text of column col, or "" when the row is shorter.
func (r logRow) cell(col int) string {
	if col < 0 || col >= len(r.cells) {
		return ""
	}
	return cleanCell(r.cells[col])
}

// rowName names a row in a Source: "symptoms.xlsx: Symptoms!row 14", "symptoms.csv: line 14".
func (g *logGrid) rowName(r logRow) string {
	if g.sheet == "" {
		return fmt.Sprintf("%s: line %d", g.file, r.num)
	}
	return fmt.Sprintf("%s: %s!row %d", g.file, sheetRef(g.sheet), r.num)
}

// where names the header row or the sheet in a message about the whole table.
func (g *logGrid) where() string {
	if g.sheet == "" {
		return g.file
	}
	return g.file + ": sheet " + g.sheet
}

// sheetRef quotes a sheet name as formulas do when it is not a plain word: 'My log'.
func sheetRef(sheet string) string {
	plain := sheet != ""
	for i, r := range sheet {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return sheet
	}
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
}

// colLetters returns the letters of a 0-based column: 0 → "A", 27 → "AB".
func colLetters(col int) string {
	name, err := excelize.ColumnNumberToName(col + 1)
	if err != nil {
		return "column " + strconv.Itoa(col+1)
	}
	return name
}

// blankRow reports whether every cell is empty.
func blankRow(cells []string) bool {
	for _, c := range cells {
		if cleanCell(c) != "" {
			return false
		}
	}
	return true
}

// cp1252Note is the import-log detail of a CSV file that is not UTF-8 (Excel's "CSV" on
// Windows writes Windows-1252).
const cp1252Note = "not valid UTF-8: read as Windows-1252 (Western European); if letters look wrong, save it as \"CSV UTF-8\""

// withNotes adds the notes about how a CSV file was decoded to its import-log line.
func withNotes(in analysis.Input, notes []string) analysis.Input {
	if len(notes) == 0 {
		return in
	}
	if in.Detail != "" {
		notes = append(notes, in.Detail)
	}
	in.Detail = strings.Join(notes, "; ")
	return in
}

// csvGrid splits CSV text into rows: UTF-8 with or without a BOM, UTF-16 with a BOM,
// else Windows-1252 (said in a note); the delimiter ',' ';' or tab is taken from the
// first non-empty line. A line that cannot be split is kept in grid.bad.
func csvGrid(data []byte, name string, maxRow int64) (*logGrid, []string) {
	var notes []string
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		if u, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			data = u
		}
	}
	if !utf8.Valid(data) {
		if w, err := charmap.Windows1252.NewDecoder().Bytes(data); err == nil {
			data = w
			notes = append(notes, cp1252Note)
		}
	}
	g := &logGrid{file: name}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffDelimiter(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for {
		before := r.InputOffset()
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) || r.InputOffset() == before {
				g.bad = append(g.bad, &CellError{File: name, Err: err})
				break
			}
			g.bad = append(g.bad, &CellError{File: name, Row: pe.StartLine,
				Err: fmt.Errorf("the line cannot be split into cells: %w", pe.Err)})
			continue
		}
		if n := r.InputOffset() - before; n > maxRow {
			line, _ := r.FieldPos(0)
			g.bad = append(g.bad, &CellError{File: name, Row: line,
				Err: fmt.Errorf("the row is %s long, more than the %s a row may have: not read", sizeText(n), sizeText(maxRow))})
			continue
		}
		if blankRow(rec) {
			continue
		}
		row := logRow{cells: rec, lines: make([]int, len(rec))}
		for i := range rec {
			row.lines[i], _ = r.FieldPos(i)
		}
		row.num = row.lines[0]
		g.rows = append(g.rows, row)
	}
	return g, notes
}

// sniffDelimiter picks ',' ';' or tab: the one most frequent outside quotes on the first
// non-empty line (the header). A tie goes to ',' then ';'.
func sniffDelimiter(data []byte) rune {
	counts := map[byte]int{}
	quoted, content := false, false
scan:
	for _, c := range data {
		switch {
		case c == '"':
			quoted, content = !quoted, true
		case quoted:
		case c == '\n' || c == '\r':
			if content {
				break scan
			}
			clear(counts) // a line of only delimiters is blank, as csvGrid sees it
		case c == ',' || c == ';' || c == '\t':
			counts[c]++
		case c != ' ':
			content = true
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// A logWorkbook is an open .xlsx.
type logWorkbook struct {
	f        *excelize.File
	name     string
	date1904 bool
}

// withWorkbook opens an .xlsx from memory, with limits against zip bombs, and calls fn
// with it. A panic inside excelize on a malformed file becomes an error naming the file.
func withWorkbook(data []byte, name string, unzipLimit int64, fn func(*logWorkbook) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: the workbook is damaged and cannot be read (%v): save it again as .xlsx (or .csv)", name, p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    unzipLimit,
		UnzipXMLSizeLimit: min(unzipXMLSizeLimit, unzipLimit),
	})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") { // excelize's newUnzipSizeLimitError
			return fmt.Errorf("%s: the workbook unpacks to more than %s, too big for a symptom log (a zip bomb?): save the log again as .xlsx (or .csv)", name, sizeText(unzipLimit))
		}
		if errors.Is(err, excelize.ErrWorkbookPassword) {
			return fmt.Errorf("%s: the workbook is password-protected: remove the password and save it as .xlsx (or .csv)", name)
		}
		return fmt.Errorf("%s: cannot read the workbook (%v): save it as .xlsx (or .csv)", name, err)
	}
	defer f.Close()
	wb := &logWorkbook{f: f, name: name}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		wb.date1904 = *props.Date1904
	}
	return fn(wb)
}

// find returns the sheet whose name is want, ignoring case and surrounding spaces, or "".
func (wb *logWorkbook) find(want string) string {
	for _, s := range wb.f.GetSheetList() {
		if strings.EqualFold(strings.TrimSpace(s), want) {
			return s
		}
	}
	return ""
}

// sheetGrid reads a sheet's raw cell values: dates come back as serials, not as whatever
// display format the author chose.
func (wb *logWorkbook) sheetGrid(sheet string) (*logGrid, error) {
	g := &logGrid{file: wb.name, sheet: sheet, date1904: wb.date1904}
	rows, err := wb.f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: reading sheet %s: %w", wb.name, sheet, err)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ { // Next also steps over rows missing from the file
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%s: reading %s!row %d: %w", wb.name, sheetRef(sheet), n, err)
		}
		if blankRow(cells) {
			continue
		}
		g.rows = append(g.rows, logRow{num: n, cells: cells})
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%s: reading sheet %s: %w", wb.name, sheet, err)
	}
	return g, nil
}

// A logColumn is one known column of the log or the plan.
type logColumn struct {
	name  string   // as named in messages: "Pain"
	names []string // normalised headers that mean it (normHeader)
}

// symptomColumns are the columns of SPEC "Symptom log", with the usual header variants.
var symptomColumns = []logColumn{
	{"Date", []string{"date", "day"}},
	{"Pain", []string{"pain", "painscore", "nrs", "painnrs", "morningpain", "painlevel"}},
	{"Stiffness", []string{"stiffness", "morningstiffness", "stiff"}},
	{"Swelling", []string{"swelling", "swollen"}},
	{"Limping", []string{"limping", "limp"}},
	{"Rehab", []string{"rehab", "rehabdone", "exercisesdone", "exercises", "rehabexercises", "rehabminutes"}},
	{"RPE", []string{"rpe", "sessionrpe"}},
	{"Location", []string{"location", "painlocation", "bodypart"}},
	{"Notes", []string{"notes", "note", "comment", "comments"}},
}

// A logHeader is the column layout found in a table's header row.
type logHeader struct {
	row logRow
	col map[string]int // column name → 0-based column; absent when missing
	// nearMiss: the unused columns whose header is a letter or two from a name of a known
	// column missing from the header ("Pian", "Stifness"): a typo, most likely. In column
	// order, a known column at most once.
	nearMiss []nearCol
}

// nearCol is an unused column (col) that is most likely the known column name, misspelt.
type nearCol struct {
	name string
	col  int
}

// renameHint is what to do about a near miss of the known column name.
func renameHint(name string) string {
	return fmt.Sprintf("if it is the %s column, name it %s", name, name)
}

// missingHint says, for each of the missing columns a near miss stands for, which column to
// rename ("; column B \"Pian\" looks like Pain: name it Pain"); "" when none does.
func (h logHeader) missingHint(missing []string) string {
	var b strings.Builder
	for _, n := range h.nearMiss {
		if slices.Contains(missing, n.name) {
			fmt.Fprintf(&b, "; column %s %q looks like %s: name it %s", colLetters(n.col), cleanCell(h.row.cells[n.col]), n.name, n.name)
		}
	}
	return b.String()
}

// readLogHeader maps the first row of g onto the known columns. Columns that match nothing,
// repeat a column, or hold values under an empty header are listed in notes.
func readLogHeader(g *logGrid, cols []logColumn, what string) (logHeader, []string) {
	h := logHeader{row: g.rows[0], col: map[string]int{}}
	var notes []string
	byName := map[string]string{}
	for _, c := range cols {
		for _, n := range c.names {
			byName[n] = c.name
		}
	}
	prefix := g.file + ": "
	if what != "" {
		prefix += what + " "
	}
	// The known columns first (the first of each wins), so that a near miss is only named
	// for a column the header lacks; then the rest, in column order.
	for i, text := range h.row.cells {
		if name, ok := byName[normHeader(cleanCell(text))]; ok && !hasCol(h.col, name) {
			h.col[name] = i
		}
	}
	unused := 0
	for i, text := range h.row.cells {
		text = cleanCell(text)
		if text == "" {
			continue
		}
		name, ok := byName[normHeader(text)]
		if ok && h.col[name] == i {
			continue
		}
		note := fmt.Sprintf("%scolumn %s %q is not used", prefix, colLetters(i), text)
		if ok {
			note = fmt.Sprintf("%scolumn %s %q repeats column %s; not used", prefix, colLetters(i), text, colLetters(h.col[name]))
		} else if near := nearColumn(normHeader(text), cols, h.col); near != "" &&
			!slices.ContainsFunc(h.nearMiss, func(n nearCol) bool { return n.name == near }) {
			h.nearMiss = append(h.nearMiss, nearCol{near, i})
			note += ": " + renameHint(near)
		}
		if unused++; unused <= maxListed {
			notes = append(notes, note)
		}
	}
	if unused > maxListed {
		notes = append(notes, fmt.Sprintf("%sand %d more columns are not used", prefix, unused-maxListed))
	}
	// Values under an empty header are not read either: say so once, naming the columns.
	headerless := map[int]bool{}
	for _, r := range g.rows[1:] {
		for i, c := range r.cells {
			if !headerless[i] && cleanCell(c) != "" && (i >= len(h.row.cells) || cleanCell(h.row.cells[i]) == "") {
				headerless[i] = true
			}
		}
	}
	if len(headerless) > 0 {
		cols := make([]int, 0, len(headerless))
		for i := range headerless {
			cols = append(cols, i)
		}
		sort.Ints(cols)
		var names []string
		for _, i := range cols[:min(len(cols), maxListed)] {
			names = append(names, colLetters(i))
		}
		list := strings.Join(names, ", ")
		if len(cols) > maxListed {
			list += fmt.Sprintf(" and %d more", len(cols)-maxListed)
		}
		verb := "column %s has"
		if len(cols) > 1 {
			verb = "columns %s have"
		}
		notes = append(notes, fmt.Sprintf("%s"+verb+" values but no header; not used", prefix, list))
	}
	return h, notes
}

// nearColumn is the known column, not in the header yet, that one of whose names is within
// a typo of norm (a normalized header): one letter added, dropped, changed or two swapped for
// names up to 5 letters, two for longer ones; "" when none is.
func nearColumn(norm string, cols []logColumn, have map[string]int) string {
	if len(norm) < 3 {
		return ""
	}
	for _, c := range cols {
		if hasCol(have, c.name) {
			continue
		}
		for _, n := range c.names {
			limit := 1
			if len(n) > 5 {
				limit = 2
			}
			if typoDistance(norm, n) <= limit {
				return c.name
			}
		}
	}
	return ""
}

// typoDistance is the optimal string alignment distance between a and b (bytes): letters
// added, dropped, changed, or two neighbours swapped, each counting one.
func typoDistance(a, b string) int {
	if d := len(a) - len(b); d > 2 || d < -2 {
		return 3 // more than any limit nearColumn uses
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// maxListed bounds the columns named one by one in the notes about one table.
const maxListed = 20

func hasCol(m map[string]int, name string) bool { _, ok := m[name]; return ok }

// get returns the trimmed cell of the named column in r, or "" when there is no such column.
func (h logHeader) get(r logRow, name string) string {
	i, ok := h.col[name]
	if !ok {
		return ""
	}
	return r.cell(i)
}

// usedBlank reports whether every known column of r is empty (other columns may not be).
func (h logHeader) usedBlank(r logRow, except string) bool {
	for name, i := range h.col {
		if name != except && r.cell(i) != "" {
			return false
		}
	}
	return true
}

// symptomGrid reads the symptom rows of g into res and returns the log's Input; the
// error is an *AmbiguousDatesError, when DateAuto cannot tell the order of the dates.
func symptomGrid(res *LogResult, g *logGrid, opt Options) (analysis.Input, error) {
	in, _, err := symptomSheet(res, g, opt)
	return in, err
}

// symptomSheet is symptomGrid, also returning the order the text dates were read in.
func symptomSheet(res *LogResult, g *logGrid, opt Options) (analysis.Input, DateOrder, error) {
	in := analysis.Input{Path: g.file, Kind: analysis.KindSymptoms, Status: analysis.StatusOK}
	if len(g.rows) == 0 {
		res.Rejected = append(res.Rejected, g.bad...)
		in.Status, in.Detail = analysis.StatusSkipped, "empty: no header row and no entries"
		if len(g.bad) > 0 {
			in.Status, in.Detail = analysis.StatusError, countRows(len(g.bad))+" rejected and no header row"
		}
		return in, opt.DateOrder, nil
	}
	h, notes := readLogHeader(g, symptomColumns, "")
	res.Notes = append(res.Notes, notes...)
	var missing []string
	for _, c := range []string{"Date", "Pain"} {
		if !hasCol(h.col, c) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		res.Rejected = append(res.Rejected, g.bad...)
		in.Status = analysis.StatusError
		in.Detail = fmt.Sprintf("no %s column in the header row (%s): the first non-empty row must name the columns, e.g. Date, Pain (0-10)",
			strings.Join(missing, " or "), strings.TrimPrefix(g.rowName(h.row), g.file+": "))
		in.Detail += h.missingHint(missing)
		return in, opt.DateOrder, nil
	}
	// A column named a typo away from a known one is most likely that column: say so where the
	// runner looks, not only in the import log's notes.
	for _, n := range h.nearMiss {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s: column %s %q is not read: %s",
			g.file, colLetters(n.col), cleanCell(h.row.cells[n.col]), renameHint(n.name)))
	}
	rows, dateOnly := loggedRows(h, g.rows[1:])
	rows, examples := leaveOutExamples(g, rows, [][]any{symptomExample})
	dates := surveyDates(g, rows, h.col["Date"], "Date")
	order, ok := dates.columnOrder(opt.DateOrder, "")
	if !ok {
		return in, order, dates.ambiguous(g.file)
	}
	if opt.DateOrder == DateAuto && order != DateAuto {
		res.Notes = append(res.Notes, dates.decidedNote(g.file, order))
	}
	readDate := func(text string) (analysis.Opt[analysis.Day], error) {
		return dates.readDate(text, order, g.sheet != "", g.date1904)
	}
	rej := newRejections(g.bad)
	read := make([]loggedEntry, 0, len(rows))
	for _, r := range rows {
		e, rr, ok := symptomRow(g, h, r, readDate)
		if !ok {
			text := h.get(r, "Date")
			_, dateErr := readDate(text)
			rej.add(rr, dateErr != nil && classifyDate(text, g.sheet != "").needsOrder())
			continue
		}
		read = append(read, loggedEntry{e, r})
	}
	kept, far, from, to := farDates(read)
	res.Entries = slices.Grow(res.Entries, len(kept))
	for _, le := range kept {
		res.Entries = append(res.Entries, le.e)
	}
	for _, le := range far {
		rej.add(g.cellError(le.r, h.col["Date"], "Date", errors.New(farReason(h.get(le.r, "Date"), le.e.Day, from, to))), false)
	}
	res.Rejected = append(res.Rejected, rej.list...)
	res.Warnings = append(res.Warnings, rej.warnings(g.file, opt.DateOrder, dates, len(rows)+len(g.bad))...)
	if dateOnly > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%s: %s with a date and nothing else skipped (not logged)", g.where(), countRows(dateOnly)))
	}
	var detail []string
	if n := len(rej.list); n > 0 {
		in.Status = analysis.StatusPartial
		detail = append(detail, countRows(n)+" rejected")
	}
	if examples > 0 {
		detail = append(detail, examplesNote(examples))
	}
	if !slices.ContainsFunc(res.Entries, analysis.SymptomEntry.Logged) && len(rej.list) == 0 {
		detail = append(detail, "no entries logged")
	}
	in.Detail = strings.Join(detail, "; ")
	return in, order, nil
}

// loggedRows returns the rows of a log that hold a logged value, leaving out rows whose
// values are all in unused columns (those columns are listed in the notes) and rows with
// only a date, days filled in ahead and not logged yet (counted in dateOnly).
func loggedRows(h logHeader, rows []logRow) (logged []logRow, dateOnly int) {
	for _, r := range rows {
		switch {
		case h.usedBlank(r, ""):
		case h.get(r, "Date") != "" && h.usedBlank(r, "Date"):
			dateOnly++
		default:
			logged = append(logged, r)
		}
	}
	return logged, dateOnly
}

// countRows says "1 row" or "3 rows".
func countRows(n int) string {
	if n == 1 {
		return "1 row"
	}
	return strconv.Itoa(n) + " rows"
}

// symptomRow reads one log row, its date with readDate. It reports false with the reason
// when a cell cannot be read; every bad cell of the row is named.
func symptomRow(g *logGrid, h logHeader, r logRow, readDate func(string) (analysis.Opt[analysis.Day], error)) (analysis.SymptomEntry, *CellError, bool) {
	e := analysis.SymptomEntry{Source: g.rowName(r)}
	errs := &rowErrors{g: g, r: r}
	col := func(name string) int { return h.col[name] }

	if s := h.get(r, "Date"); s == "" {
		errs.add(col("Date"), "Date", errors.New("no date"))
	} else if d, err := readDate(s); err != nil {
		errs.add(col("Date"), "Date", err)
	} else {
		e.Day = d.V
	}
	// The Pain column is required; an empty Pain cell is "not logged" like any other (SPEC):
	// the row's rehab, stiffness or limp still count.
	if v, err := parseScore(h.get(r, "Pain")); err != nil {
		errs.add(col("Pain"), "Pain", err)
	} else {
		e.Pain = v
	}
	var err error
	scores := []struct {
		name string
		dst  *analysis.Opt[float64]
	}{{"Stiffness", &e.Stiffness}, {"RPE", &e.RPE}}
	for _, s := range scores {
		if *s.dst, err = parseScore(h.get(r, s.name)); err != nil {
			errs.add(col(s.name), s.name, err)
		}
	}
	if e.Swelling, e.Swollen, err = parseSwelling(h.get(r, "Swelling")); err != nil {
		errs.add(col("Swelling"), "Swelling", err)
	}
	if e.Limping, err = parseYesNo(h.get(r, "Limping")); err != nil {
		errs.add(col("Limping"), "Limping", err)
	}
	if e.Rehab, err = parseRehab(h.get(r, "Rehab")); err != nil {
		errs.add(col("Rehab"), "Rehab", err)
	}
	e.Location = h.get(r, "Location")
	e.Notes = h.get(r, "Notes")
	if rej, bad := errs.rejected(); bad {
		return analysis.SymptomEntry{}, rej, false
	}
	return e, nil, true
}
