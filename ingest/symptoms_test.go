package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"runload/analysis"
)

func logDay(y int, m time.Month, d int) analysis.Day { return analysis.Day{Year: y, Month: m, Day: d} }

func logSome[T any](v T) analysis.Opt[T] { return analysis.Some(v) }

// readLogFixture reads testdata/log/name with ReadSymptoms, under its own name.
func readLogFixture(t *testing.T, name string, opt Options) LogResult {
	t.Helper()
	res, err := ReadSymptoms(filepath.Join("testdata", "log", name), name, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSymptomsCSVHeaderVariants(t *testing.T) {
	got := readLogFixture(t, "symptoms_variants.csv", Options{})
	want := LogResult{
		Entries: []analysis.SymptomEntry{
			{Day: logDay(2026, 3, 2), Pain: logSome(3.0), Stiffness: logSome(4.0), Swollen: logSome(true), Limping: logSome(false),
				Rehab: logSome(true), RPE: logSome(6.0), Location: "left Achilles", Notes: "easy 5k, felt ok",
				Source: "symptoms_variants.csv: line 2"},
			{Day: logDay(2026, 3, 3), Pain: logSome(2.5), Swollen: logSome(false), Rehab: logSome(true),
				Source: "symptoms_variants.csv: line 3"},
			{Day: logDay(2026, 3, 4), Pain: logSome(0.0), Stiffness: logSome(1.0), Swelling: logSome(2.0), Swollen: logSome(true),
				Limping: logSome(false), Rehab: logSome(false), RPE: logSome(3.5), Notes: "rest day",
				Source: "symptoms_variants.csv: line 5"},
		},
		Inputs: []analysis.Input{{Path: "symptoms_variants.csv", Kind: analysis.KindSymptoms, Status: analysis.StatusOK}},
		Notes:  []string{`symptoms_variants.csv: column J "Mood" is not used`},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestSymptomsCSVSemicolonBOMDecimalComma(t *testing.T) {
	got := readLogFixture(t, "symptoms_semicolon.csv", Options{})
	want := LogResult{
		Entries: []analysis.SymptomEntry{
			{Day: logDay(2026, 3, 5), Pain: logSome(2.5), Stiffness: logSome(1.5), Rehab: logSome(true), Notes: "a; b",
				Source: "symptoms_semicolon.csv: line 2"},
			{Day: logDay(2026, 3, 6), Pain: logSome(3.0), Rehab: logSome(false), Source: "symptoms_semicolon.csv: line 3"},
		},
		Inputs: []analysis.Input{{Path: "symptoms_semicolon.csv", Kind: analysis.KindSymptoms, Status: analysis.StatusOK}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestSymptomsCSVBadRowsRejected(t *testing.T) {
	got := readLogFixture(t, "symptoms_bad.csv", Options{})
	f := "symptoms_bad.csv"
	want := LogResult{
		Entries: []analysis.SymptomEntry{
			{Day: logDay(2026, 3, 1), Pain: logSome(2.0), Stiffness: logSome(1.0), Limping: logSome(false), Rehab: logSome(true),
				Source: "symptoms_bad.csv: line 2"},
			// An empty Pain cell is not logged, and the row's other values still count.
			{Day: logDay(2026, 3, 4), Stiffness: logSome(1.0), Limping: logSome(false), Rehab: logSome(true),
				Source: "symptoms_bad.csv: line 5"},
			{Day: logDay(2026, 3, 6), Pain: logSome(4.0), Stiffness: logSome(2.0), Limping: logSome(true), Rehab: logSome(true),
				Source: "symptoms_bad.csv: line 10"},
		},
		Rejected: []*CellError{
			{File: f, Row: 3, Column: "Pain", Err: errors.New(`"three" is not a score from 0 to 10`)},
			{File: f, Row: 4, Column: "Pain", Err: errors.New(`"11" is not a score from 0 to 10; also Limping: "maybe" is not yes or no`)},
			{File: f, Row: 7, Column: "Date", Err: errors.New(`"03/04/2026" is not a YYYY-MM-DD date; run with -date-order dmy, mdy or ymd to read dates like it`)},
			{File: f, Row: 8, Column: "Date", Err: errors.New(`"2026-02-30" is not a valid date`)},
			{File: f, Row: 9, Column: "Date", Err: errors.New("no date")},
		},
		Inputs: []analysis.Input{{Path: "symptoms_bad.csv", Kind: analysis.KindSymptoms,
			Status: analysis.StatusPartial, Detail: "5 rows rejected"}},
		Notes: []string{"symptoms_bad.csv: 1 row with a date and nothing else skipped (not logged)"},
		// 5 of the 8 logged rows (lines 2-10 but the date-only line 6) are rejected: most.
		Warnings: []string{`5 of 8 rows of symptoms_bad.csv were rejected (first: line 3, Pain: "three" is not a score from 0 to 10): ` +
			`correct the cells the Import log names, then run again`},
	}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestSymptomsCSVDateOrder(t *testing.T) {
	days := func(r LogResult) []analysis.Day {
		var out []analysis.Day
		for _, e := range r.Entries {
			out = append(out, e.Day)
		}
		return out
	}
	got := readLogFixture(t, "symptoms_dates.csv", Options{DateOrder: DateDMY})
	if d := cmp.Diff([]analysis.Day{logDay(2026, 4, 3), logDay(2026, 3, 4), logDay(2026, 4, 13)}, days(got)); d != "" {
		t.Errorf("dmy (-want +got):\n%s", d)
	}
	got = readLogFixture(t, "symptoms_dates.csv", Options{DateOrder: DateMDY})
	if d := cmp.Diff([]analysis.Day{logDay(2026, 3, 4), logDay(2026, 4, 3)}, days(got)); d != "" {
		t.Errorf("mdy (-want +got):\n%s", d)
	}
	wantRej := []analysis.Rejected{{File: "symptoms_dates.csv", Cell: "line 4, Date", Reason: `"13/04/26" is not a valid date in the order mdy`}}
	if d := cmp.Diff(wantRej, importRows(got.Rejected)); d != "" {
		t.Errorf("mdy rejected (-want +got):\n%s", d)
	}
	got = readLogFixture(t, "symptoms_dates.csv", Options{})
	if len(got.Entries) != 0 || len(got.Rejected) != 3 || !strings.Contains(got.Rejected[0].Err.Error(), "-date-order") {
		t.Errorf("without -date-order: entries %v, rejected %v; want every text date rejected naming -date-order", got.Entries, got.Rejected)
	}
	if got.Inputs[0].Detail != "3 rows rejected" {
		t.Errorf("detail %q", got.Inputs[0].Detail)
	}
}

func TestSymptomsCSVWindows1252(t *testing.T) {
	got := readLogFixture(t, "symptoms_cp1252.csv", Options{})
	want := LogResult{
		Entries: []analysis.SymptomEntry{{Day: logDay(2026, 3, 7), Pain: logSome(1.0), Notes: "Café run", Source: "symptoms_cp1252.csv: line 2"}},
		Inputs: []analysis.Input{{Path: "symptoms_cp1252.csv", Kind: analysis.KindSymptoms, Status: analysis.StatusOK,
			Detail: cp1252Note}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestSymptomsCSVMissingPainColumn(t *testing.T) {
	got, err := readSymptoms(strings.NewReader("Date,Mood\n2026-03-01,ok\n"), "symptoms.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []analysis.Input{{Path: "symptoms.csv", Kind: analysis.KindSymptoms, Status: analysis.StatusError,
		Detail: "no Pain column in the header row (line 1): the first non-empty row must name the columns, e.g. Date, Pain (0-10)"}}
	if d := cmp.Diff(want, got.Inputs); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if len(got.Entries) != 0 {
		t.Errorf("entries %v, want none", got.Entries)
	}
}

func TestSymptomsCSVUTF16(t *testing.T) {
	// Excel's "Unicode text" export: UTF-16 LE with a BOM, tab-separated.
	text := "Date\tPain\r\n2026-03-08\t2\r\n"
	b := []byte{0xff, 0xfe}
	for _, r := range text {
		b = append(b, byte(r), 0)
	}
	got, err := readSymptoms(bytes.NewReader(b), "symptoms.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []analysis.SymptomEntry{{Day: logDay(2026, 3, 8), Pain: logSome(2.0), Source: "symptoms.txt: line 2"}}
	if d := cmp.Diff(want, got.Entries); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// writeXLSX saves f in dir as name and returns the path.
func writeLogXLSX(t *testing.T, f *excelize.File, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustLog(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestSymptomsXLSX(t *testing.T) {
	f := excelize.NewFile()
	mustLog(t, f.SetSheetName("Sheet1", "Readme"))
	mustLog(t, f.SetCellValue("Readme", "A1", "my log"))
	_, err := f.NewSheet("Symptoms")
	mustLog(t, err)
	// Row 1 is empty: the first non-empty row (2) is the header.
	mustLog(t, f.SetSheetRow("Symptoms", "A2", &[]any{"Day", "Pain (0-10)", "Morning stiffness", "Swollen", "Limp",
		"Exercises done", "Session RPE", "Location", "Comment", "Mood"}))
	mustLog(t, f.SetSheetRow("Symptoms", "A3", &[]any{time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), 3, 4.5, "yes", true, 25, 6,
		"left knee", "ok", "fine"}))
	mustLog(t, f.SetSheetRow("Symptoms", "A4", &[]any{"2026-03-03", "3/10", "2,5", 2, false, "no"}))
	mustLog(t, f.SetSheetRow("Symptoms", "A14", &[]any{time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), "three", nil, nil, "maybe"}))
	mustLog(t, f.SetSheetRow("Symptoms", "A15", &[]any{time.Date(2026, 3, 5, 18, 30, 0, 0, time.UTC), 0}))
	mustLog(t, f.SetSheetRow("Symptoms", "A16", &[]any{"04/03/2026", 1}))
	path := writeLogXLSX(t, f, t.TempDir(), "symptoms.xlsx")

	got, err := ReadSymptoms(path, "symptoms.xlsx", Options{DateOrder: DateDMY})
	if err != nil {
		t.Fatal(err)
	}
	src := "symptoms.xlsx: Symptoms!row "
	want := LogResult{
		Entries: []analysis.SymptomEntry{
			{Day: logDay(2026, 3, 2), Pain: logSome(3.0), Stiffness: logSome(4.5), Swollen: logSome(true), Limping: logSome(true),
				Rehab: logSome(true), RPE: logSome(6.0), Location: "left knee", Notes: "ok", Source: src + "3"},
			{Day: logDay(2026, 3, 3), Pain: logSome(3.0), Stiffness: logSome(2.5), Swelling: logSome(2.0), Swollen: logSome(true),
				Limping: logSome(false), Rehab: logSome(false), Source: src + "4"},
			{Day: logDay(2026, 3, 5), Pain: logSome(0.0), Source: src + "15"},
			{Day: logDay(2026, 3, 4), Pain: logSome(1.0), Source: src + "16"},
		},
		Rejected: []*CellError{{File: "symptoms.xlsx", Sheet: "Symptoms", Row: 14, Column: "B",
			Err: errors.New(`"three" is not a score from 0 to 10; also E14: "maybe" is not yes or no`)}},
		Inputs: []analysis.Input{{Path: "symptoms.xlsx", Kind: analysis.KindSymptoms, Status: analysis.StatusPartial, Detail: "1 row rejected"}},
		Notes:  []string{`symptoms.xlsx: column J "Mood" is not used`},
	}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestSymptomsXLSXFirstSheetAndPlan(t *testing.T) {
	f := excelize.NewFile()
	mustLog(t, f.SetSheetName("Sheet1", "Daily log"))
	mustLog(t, f.SetSheetRow("Daily log", "A1", &[]any{"Date", "NRS"}))
	mustLog(t, f.SetSheetRow("Daily log", "A2", &[]any{"2026-03-02", "x"}))
	_, err := f.NewSheet("Plan")
	mustLog(t, err)
	mustLog(t, f.SetSheetRow("Plan", "A1", &[]any{"From", "Rule", "Value", "Sport", "Note", "Who"}))
	mustLog(t, f.SetSheetRow("Plan", "A2", &[]any{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "Max minutes per session", 30}))
	mustLog(t, f.SetSheetRow("Plan", "A3", &[]any{"2026-03-01", "hr_max", 186, "any"}))
	mustLog(t, f.SetSheetRow("Plan", "A4", &[]any{"2026-03-01", "flare_up_plan", "two easy days", nil, "then review"}))
	mustLog(t, f.SetSheetRow("Plan", "A5", &[]any{"2026-03-01", "Max speed", 12}))
	path := writeLogXLSX(t, f, t.TempDir(), "symptoms.xlsx")

	got, err := ReadSymptoms(path, "symptoms.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := LogResult{
		Plan: analysis.Plan{Rules: []analysis.Rule{
			{From: logDay(2026, 3, 1), ID: analysis.MaxSessionMinutes, Sport: analysis.Running, Value: 30, Source: "symptoms.xlsx: Plan!row 2"},
			{From: logDay(2026, 3, 1), ID: analysis.HRMaxRule, Sport: analysis.Any, Value: 186, Source: "symptoms.xlsx: Plan!row 3"},
			{From: logDay(2026, 3, 1), ID: analysis.FlareUpPlan, Sport: analysis.Running, Text: "two easy days", Note: "then review",
				Source: "symptoms.xlsx: Plan!row 4"},
		}},
		HasPlan: true,
		Rejected: []*CellError{
			{File: "symptoms.xlsx", Sheet: "Daily log", Row: 2, Column: "B", Err: errors.New(`"x" is not a score from 0 to 10`)},
			{File: "symptoms.xlsx", Sheet: "Plan", Row: 5, Column: "B",
				Err: errors.New(`"Max speed" is not a rule: use a rule id such as max_weekly_minutes, or its label as in the template`)},
		},
		Inputs: []analysis.Input{
			{Path: "symptoms.xlsx", Kind: analysis.KindSymptoms, Status: analysis.StatusPartial, Detail: "1 row rejected"},
			{Path: "symptoms.xlsx (Plan sheet)", Kind: analysis.KindPlan, Status: analysis.StatusPartial, Detail: "1 row rejected"},
		},
		Notes: []string{
			`symptoms.xlsx: no sheet named Symptoms; read the first visible sheet "Daily log"`,
			`symptoms.xlsx: Plan column F "Who" is not used`,
		},
		Warnings: []string{`1 of 1 rows of symptoms.xlsx were rejected (first: 'Daily log'!B2: "x" is not a score from 0 to 10): ` +
			`correct the cells the Import log names, then run again`},
	}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestRefusedFormats(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"symptoms.ods", []byte("PK\x03\x04odf"), "symptoms.ods: .ods files cannot be read: save it as .xlsx (or .csv)"},
		{"symptoms.xls", append([]byte(nil), ole2Magic...), "symptoms.xls: .xls files cannot be read: save it as .xlsx (or .csv)"},
		{"symptoms.numbers", []byte("PK\x03\x04"), "symptoms.numbers: .numbers files cannot be read: save it as .xlsx (or .csv)"},
		{"symptoms.xlsx", append(append([]byte(nil), ole2Magic...), make([]byte, 512)...),
			"symptoms.xlsx: the workbook is password-protected or in the old .xls format: remove the password and save it as .xlsx (or .csv)"},
		{"renamed.xlsx", []byte("Date,Pain\n"), "renamed.xlsx: not an .xlsx workbook (a renamed file?): save it as .xlsx (or .csv)"},
	} {
		path := filepath.Join(dir, tc.name)
		mustLog(t, os.WriteFile(path, tc.data, 0o644))
		_, err := ReadSymptoms(path, tc.name, Options{})
		if logErr(err) != tc.want {
			t.Errorf("ReadSymptoms(%s) error = %v, want %s", tc.name, err, tc.want)
		}
		_, err = ReadPlan(path, tc.name, Options{})
		if logErr(err) != tc.want {
			t.Errorf("ReadPlan(%s) error = %v, want %s", tc.name, err, tc.want)
		}
	}
}

func TestSymptomsDamagedXLSX(t *testing.T) {
	_, err := readSymptoms(strings.NewReader("PK\x03\x04 not really a zip"), "symptoms.xlsx", Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "symptoms.xlsx: ") || !strings.Contains(err.Error(), "save it as .xlsx (or .csv)") {
		t.Errorf("error = %v", err)
	}
}

func TestSymptomHeaderVariants(t *testing.T) {
	headers := []string{"Day", "Pain score", "Morning stiffness", "Swollen", "Limp", "Exercises done", "Session RPE",
		"Location", "Comment"}
	for _, alt := range [][2]string{{"Pain score", "NRS"}, {"Pain score", "Pain (0-10)"}, {"Pain score", " PAIN  [nrs] "},
		{"Exercises done", "Rehab done"}, {"Day", "Date"}, {"Comment", "Notes"}} {
		hs := append([]string(nil), headers...)
		for i := range hs {
			if hs[i] == alt[0] {
				hs[i] = alt[1]
			}
		}
		g := &logGrid{file: "symptoms.csv", rows: []logRow{{num: 1, cells: hs}}}
		h, notes := readLogHeader(g, symptomColumns, "")
		want := map[string]int{"Date": 0, "Pain": 1, "Stiffness": 2, "Swelling": 3, "Limping": 4, "Rehab": 5, "RPE": 6,
			"Location": 7, "Notes": 8}
		if d := cmp.Diff(want, h.col); d != "" || len(notes) != 0 {
			t.Errorf("%q: notes %v, columns (-want +got):\n%s", hs, notes, d)
		}
	}
}

func TestSymptomsSeveralRowsForOneDay(t *testing.T) {
	// The analysis merges them (the worse value counts): all rows are returned.
	got, err := readSymptoms(strings.NewReader("Date,Pain,Limping\n2026-03-02,1,no\n2026-03-02,4,\n"), "symptoms.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []analysis.SymptomEntry{
		{Day: logDay(2026, 3, 2), Pain: logSome(1.0), Limping: logSome(false), Source: "symptoms.csv: line 2"},
		{Day: logDay(2026, 3, 2), Pain: logSome(4.0), Source: "symptoms.csv: line 3"},
	}
	if d := cmp.Diff(want, got.Entries); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestSymptomsXLSXDate1904(t *testing.T) {
	// Workbooks from old Mac Excel count dates from 1904: the same serial is four years later.
	f := excelize.NewFile()
	yes := true
	mustLog(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}))
	mustLog(t, f.SetSheetRow("Sheet1", "A1", &[]any{"Date", "Pain"}))
	mustLog(t, f.SetSheetRow("Sheet1", "A2", &[]any{44623, 2})) // 2026-03-04 in the 1904 system
	path := writeLogXLSX(t, f, t.TempDir(), "symptoms.xlsx")
	got, err := ReadSymptoms(path, "symptoms.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []analysis.SymptomEntry{{Day: logDay(2026, 3, 4), Pain: logSome(2.0), Source: "symptoms.xlsx: Sheet1!row 2"}}
	if d := cmp.Diff(want, got.Entries); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestSymptomsUnusedColumnsNoted(t *testing.T) {
	// Values without a header and unknown headers are listed, a long list cut short.
	header := "Date,Pain,,Mood" + strings.Repeat(",x", 25)
	row := "2026-03-02,1,oops,good" + strings.Repeat(",1", 25) + ",,late"
	got, err := readSymptoms(strings.NewReader(header+"\n"+row+"\n"), "symptoms.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Entries) != 1 || len(got.Notes) != 22 {
		t.Fatalf("entries %v, %d notes %q", got.Entries, len(got.Notes), got.Notes)
	}
	want := []string{
		`symptoms.csv: column D "Mood" is not used`,
		`symptoms.csv: column E "x" is not used`,
		`symptoms.csv: and 6 more columns are not used`,
		`symptoms.csv: columns C, AE have values but no header; not used`,
	}
	if d := cmp.Diff(want, []string{got.Notes[0], got.Notes[1], got.Notes[20], got.Notes[21]}); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestLogDisplayName: the path is only opened; the name given stands for it in every
// Input, rejection, source and message, so a report never shows where the log lies.
func TestLogDisplayName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "log-2026.csv")
	mustLog(t, os.WriteFile(path, []byte("Date,Pain\n2026-03-02,1\n2026-03-03,x\n"), 0o644))
	got, err := ReadSymptoms(path, "symptoms.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := LogResult{
		Entries:  []analysis.SymptomEntry{{Day: logDay(2026, 3, 2), Pain: logSome(1.0), Source: "symptoms.csv: line 2"}},
		Rejected: []*CellError{{File: "symptoms.csv", Row: 3, Column: "Pain", Err: errors.New(`"x" is not a score from 0 to 10`)}},
		Inputs:   []analysis.Input{{Path: "symptoms.csv", Kind: analysis.KindSymptoms, Status: analysis.StatusPartial, Detail: "1 row rejected"}},
	}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("ReadSymptoms (-want +got):\n%s", d)
	}
	plan := filepath.Join(dir, "limits-v2.csv")
	mustLog(t, os.WriteFile(plan, []byte("From,Rule,Value\n2026-03-01,hr_max,lots\n"), 0o644))
	pr, err := ReadPlan(plan, "plan.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantPlan := LogResult{
		HasPlan:  true,
		Rejected: []*CellError{{File: "plan.csv", Row: 2, Column: "Value", Err: errors.New(`"lots" is not a number`)}},
		Inputs:   []analysis.Input{{Path: "plan.csv", Kind: analysis.KindPlan, Status: analysis.StatusPartial, Detail: "1 row rejected"}},
	}
	if d := cmp.Diff(wantPlan, pr, cellErrorText); d != "" {
		t.Errorf("ReadPlan (-want +got):\n%s", d)
	}
	_, err = ReadSymptoms(filepath.Join(dir, "missing.csv"), "symptoms.csv", Options{})
	if want := "symptoms.csv: cannot open the symptom log: no such file or directory"; logErr(err) != want {
		t.Errorf("missing file: error %v, want %s", err, want)
	}
	if _, err = ReadSymptoms(filepath.Join(dir, "log.ods"), "symptoms.ods", Options{}); strings.Contains(logErr(err), dir) {
		t.Errorf(".ods: error %v names the folder", err)
	}
}

// TestSymptomsNotesOnlyIsNotLogged: a log whose only row has a date and a note keeps the row
// (the note reaches the report) but logs no morning (analysis.SymptomEntry.Logged: any symptom
// cell), so its import-log line says so.
func TestSymptomsNotesOnlyIsNotLogged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "symptoms.csv")
	if err := os.WriteFile(path, []byte("Date,Pain,Notes\n2026-03-02,,rest day\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSymptoms(path, "symptoms.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := LogResult{
		Entries: []analysis.SymptomEntry{{Day: logDay(2026, 3, 2), Notes: "rest day", Source: "symptoms.csv: line 2"}},
		Inputs:  []analysis.Input{{Path: "symptoms.csv", Kind: analysis.KindSymptoms, Status: analysis.StatusOK, Detail: "no entries logged"}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestSymptomsCSVTypoInHeader: a header a typo away from a known column names the column it
// most likely is. A misspelt Pain makes the log unreadable, and the reason says which column
// to rename; a misspelt Stiffness is read without it, with a warning and a note saying so.
func TestSymptomsCSVTypoInHeader(t *testing.T) {
	got, err := readSymptoms(strings.NewReader("Date,Pian,Stiffness\n2026-03-01,2,3\n"), "symptoms.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []analysis.Input{{Path: "symptoms.csv", Kind: analysis.KindSymptoms, Status: analysis.StatusError,
		Detail: "no Pain column in the header row (line 1): the first non-empty row must name the columns, e.g. Date, Pain (0-10)" +
			`; column B "Pian" looks like Pain: name it Pain`}}
	if d := cmp.Diff(want, got.Inputs); d != "" {
		t.Errorf("Pian (-want +got):\n%s", d)
	}

	got, err = readSymptoms(strings.NewReader("Date,Pain,Stifness,Mood,Limb\n2026-03-01,2,3,ok,left\n"), "symptoms.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Entries) != 1 || got.Inputs[0].Status != analysis.StatusOK {
		t.Fatalf("entries %v, inputs %+v; want the morning read", got.Entries, got.Inputs)
	}
	wantWarnings := []string{
		`symptoms.csv: column C "Stifness" is not read: if it is the Stiffness column, name it Stiffness`,
		`symptoms.csv: column E "Limb" is not read: if it is the Limping column, name it Limping`,
	}
	if d := cmp.Diff(wantWarnings, got.Warnings); d != "" {
		t.Errorf("warnings (-want +got):\n%s", d)
	}
	wantNotes := []string{
		`symptoms.csv: column C "Stifness" is not used: if it is the Stiffness column, name it Stiffness`,
		`symptoms.csv: column D "Mood" is not used`,
		`symptoms.csv: column E "Limb" is not used: if it is the Limping column, name it Limping`,
	}
	if d := cmp.Diff(wantNotes, got.Notes); d != "" {
		t.Errorf("notes (-want +got):\n%s", d)
	}
}

// TestSymptomsCSVNearMissBesideTheColumn: a misspelt header beside the right one is only an
// unused column: the hint is for a column the header lacks.
func TestSymptomsCSVNearMissBesideTheColumn(t *testing.T) {
	got, err := readSymptoms(strings.NewReader("Date,Pain,Stifness,Stiffness\n2026-03-01,2,3,4\n"), "symptoms.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Warnings) != 0 {
		t.Errorf("warnings %q, want none", got.Warnings)
	}
	if want := []string{`symptoms.csv: column C "Stifness" is not used`}; !slices.Equal(got.Notes, want) {
		t.Errorf("notes %q, want %q", got.Notes, want)
	}
}

func TestTypoDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"pain", "pain", 0}, {"pian", "pain", 1}, {"pai", "pain", 1}, {"paint", "pain", 1}, {"pein", "pain", 1},
		{"stifness", "stiffness", 1}, {"sweling", "swelling", 1}, {"rehba", "rehab", 1},
		{"mood", "notes", 3}, {"time", "date", 3}, {"distance", "date", 3},
	} {
		if got := typoDistance(c.a, c.b); got != c.want && !(c.want == 3 && got >= 3) {
			t.Errorf("typoDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
