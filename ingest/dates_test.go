package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"runload/analysis"
)

func TestClassifyDate(t *testing.T) {
	for _, tc := range []struct {
		in    string
		sheet bool
		want  dateKind
	}{
		{"", false, dateFixed},
		{"2026-10-19", false, dateFixed},
		{"2026/10/19", false, dateFixed},      // a year first is read in any order
		{"46314", true, dateFixed},            // a spreadsheet serial
		{"46314", false, dateNeither},         // in a CSV file a number is no date
		{"04/04/2026", false, dateFixed},      // the same day either way
		{"19/10/2026", false, dateDayFirst},   // 19 is no month
		{"19.10.26", false, dateDayFirst},     // dots, a two-digit year
		{"10/19/2026", false, dateMonthFirst}, // 19 is no month
		{"03/04/2026", false, dateEither},     // 3 April or March 4
		{"3-4-26", false, dateEither},
		{"31/31/2026", false, dateNeither}, // no order makes it a date
		{"31/04/2026", false, dateNeither}, // 31 April does not exist, nor month 31
		{"yesterday", false, dateNeither},
		{"30/02/2026", false, dateNeither},    // 30 February, or month 30
		{"02/30/2026", false, dateNeither},    // no 30 February, no month 30
		{"12/31/2026", false, dateMonthFirst}, // 31 December
		{"31/12/2026", false, dateDayFirst},
		{"29/02/2028", false, dateDayFirst},         // a leap day
		{"2/29/2027", false, dateNeither},           // no leap day in 2027, no month 29
		{"26/04/13", false, dateDayFirst},           // ymd typed with a short year reads day-first: 26 April 2013
		{"  19/10/2026\u00a0", false, dateDayFirst}, // spaces around
	} {
		if got := classifyDate(tc.in, tc.sheet); got != tc.want {
			t.Errorf("classifyDate(%q, sheet %v) = %d, want %d", tc.in, tc.sheet, got, tc.want)
		}
	}
}

// csvLog is a small CSV symptom log: one row a date, pain 1.
func csvLog(dates ...string) string {
	var b strings.Builder
	b.WriteString("Date,Pain\n")
	for _, d := range dates {
		b.WriteString(d + ",1\n")
	}
	return b.String()
}

func entryDays(r LogResult) []analysis.Day {
	var out []analysis.Day
	for _, e := range r.Entries {
		out = append(out, e.Day)
	}
	return out
}

func TestDateAutoDecides(t *testing.T) {
	for _, tc := range []struct {
		name  string
		dates []string
		want  []analysis.Day
		note  string
	}{
		{"one day-first date makes the column day-first",
			[]string{"01/11/2026", "19/10/2026", "02/11/2026"},
			[]analysis.Day{logDay(2026, 11, 1), logDay(2026, 10, 19), logDay(2026, 11, 2)},
			`symptoms.csv: text dates read day first, as line 3, Date "19/10/2026" shows`},
		{"one month-first date makes the column month-first",
			[]string{"11/01/2026", "10/19/2026", "11/02/2026"},
			[]analysis.Day{logDay(2026, 11, 1), logDay(2026, 10, 19), logDay(2026, 11, 2)},
			`symptoms.csv: text dates read month first, as line 3, Date "10/19/2026" shows`},
		{"ISO dates do not vote, and are read whatever the order",
			[]string{"2026-11-01", "13.11.2026", "2026-11-02"},
			[]analysis.Day{logDay(2026, 11, 1), logDay(2026, 11, 13), logDay(2026, 11, 2)},
			`symptoms.csv: text dates read day first, as line 3, Date "13.11.2026" shows`},
		{"a date that is the same day either way needs no order",
			[]string{"04/04/2026", "2026-04-05"},
			[]analysis.Day{logDay(2026, 4, 4), logDay(2026, 4, 5)}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readSymptoms(strings.NewReader(csvLog(tc.dates...)), "symptoms.csv", Options{DateOrder: DateAuto})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, entryDays(got)); d != "" || len(got.Rejected) != 0 {
				t.Errorf("rejected %v; days (-want +got):\n%s", got.Rejected, d)
			}
			var want []string
			if tc.note != "" {
				want = []string{tc.note}
			}
			if d := cmp.Diff(want, got.Notes); d != "" {
				t.Errorf("notes (-want +got):\n%s", d)
			}
		})
	}
}

func TestDateAutoAmbiguousStops(t *testing.T) {
	_, err := readSymptoms(strings.NewReader(csvLog("2026-10-31", "01/11/2026", "02/11/2026", "03/11/2026")),
		"symptoms-nov.csv", Options{DateOrder: DateAuto})
	var amb *AmbiguousDatesError
	if !errors.As(err, &amb) {
		t.Fatalf("error %v, want an *AmbiguousDatesError", err)
	}
	if d := cmp.Diff(&AmbiguousDatesError{File: "symptoms-nov.csv", Cell: "line 3, Date", Value: "01/11/2026"}, amb); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	want := `symptoms-nov.csv: line 3, Date "01/11/2026": every text date in the Date column could be day-first or month-first; ` +
		`give -date-order dmy (day first) or -date-order mdy (month first)`
	if err.Error() != want {
		t.Errorf("error\n%s\nwant\n%s", err, want)
	}

	// In a workbook the cell is named as a spreadsheet names it.
	f := excelize.NewFile()
	mustLog(t, f.SetSheetName("Sheet1", "Symptoms"))
	mustLog(t, f.SetSheetRow("Symptoms", "A1", &[]any{"Date", "Pain"}))
	mustLog(t, f.SetSheetRow("Symptoms", "A2", &[]any{time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC), 1}))
	mustLog(t, f.SetSheetRow("Symptoms", "A3", &[]any{"05/11/2026", 2}))
	path := writeLogXLSX(t, f, t.TempDir(), "symptoms.xlsx")
	_, err = ReadSymptoms(path, "symptoms.xlsx", Options{DateOrder: DateAuto})
	if !errors.As(err, &amb) || amb.Cell != "Symptoms!A3" || !strings.HasPrefix(err.Error(), `symptoms.xlsx: Symptoms!A3 "05/11/2026": every text date`) {
		t.Errorf("xlsx: error %v", err)
	}

	// The zero Options read only ISO dates, as before: no error, the rows rejected.
	got, err := readSymptoms(strings.NewReader(csvLog("01/11/2026")), "symptoms.csv", Options{})
	if err != nil || len(got.Rejected) != 1 {
		t.Errorf("DateISO: %v, rejected %v", err, got.Rejected)
	}
}

func TestDateAutoMixedRejectsBoth(t *testing.T) {
	got, err := readSymptoms(strings.NewReader(csvLog("19/10/2026", "2026-10-20", "10/21/2026", "03/11/2026", "32/10/2026")),
		"symptoms.csv", Options{DateOrder: DateAuto})
	if err != nil {
		t.Fatal(err)
	}
	mix := `: the column mixes day-first dates (such as "19/10/2026") and month-first dates (such as "10/21/2026"); ` +
		`write the dates as YYYY-MM-DD, or give -date-order dmy or mdy to read them one way`
	want := LogResult{
		Entries: []analysis.SymptomEntry{{Day: logDay(2026, 10, 20), Pain: logSome(1.0), Source: "symptoms.csv: line 3"}},
		Rejected: []*CellError{
			{File: "symptoms.csv", Row: 2, Column: "Date", Err: errors.New(`"19/10/2026" is not read` + mix)},
			{File: "symptoms.csv", Row: 4, Column: "Date", Err: errors.New(`"10/21/2026" is not read` + mix)},
			{File: "symptoms.csv", Row: 5, Column: "Date", Err: errors.New(`"03/11/2026" is not read` + mix)},
			{File: "symptoms.csv", Row: 6, Column: "Date", Err: errors.New(`"32/10/2026" is not a valid date, day or month first`)},
		},
		Inputs: []analysis.Input{{Path: "symptoms.csv", Kind: analysis.KindSymptoms, Status: analysis.StatusPartial, Detail: "4 rows rejected"}},
		// 3 of the 4 rejected for the order: the fix is about the dates.
		Warnings: []string{`4 of 5 rows of symptoms.csv were rejected (first: line 2, Date: "19/10/2026" is not read` + mix +
			`): the Date column mixes day-first and month-first dates: write them as YYYY-MM-DD`},
	}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestDateAutoExplicitOrdersUnchanged(t *testing.T) {
	// An explicit order reads every date its way, whatever the column shows.
	log := csvLog("19/10/2026", "03/11/2026")
	got, err := readSymptoms(strings.NewReader(log), "symptoms.csv", Options{DateOrder: DateMDY})
	if err != nil {
		t.Fatal(err)
	}
	wantRej := []analysis.Rejected{{File: "symptoms.csv", Cell: "line 2, Date", Reason: `"19/10/2026" is not a valid date in the order mdy`}}
	if d := cmp.Diff([]analysis.Day{logDay(2026, 3, 11)}, entryDays(got)); d != "" {
		t.Errorf("days (-want +got):\n%s", d)
	}
	if d := cmp.Diff(wantRej, importRows(got.Rejected)); d != "" {
		t.Errorf("rejected (-want +got):\n%s", d)
	}
}

func TestDateAutoPlan(t *testing.T) {
	// A Plan sheet whose From dates could be either takes the order of its log's dates.
	f := excelize.NewFile()
	mustLog(t, f.SetSheetName("Sheet1", "Symptoms"))
	mustLog(t, f.SetSheetRow("Symptoms", "A1", &[]any{"Date", "Pain"}))
	mustLog(t, f.SetSheetRow("Symptoms", "A2", &[]any{"19/10/2026", 1}))
	_, err := f.NewSheet("Plan")
	mustLog(t, err)
	mustLog(t, f.SetSheetRow("Plan", "A1", &[]any{"From", "Rule", "Value"}))
	mustLog(t, f.SetSheetRow("Plan", "A2", &[]any{"01/10/2026", "hr_max", 186}))
	path := writeLogXLSX(t, f, t.TempDir(), "symptoms.xlsx")
	got, err := ReadSymptoms(path, "symptoms.xlsx", Options{DateOrder: DateAuto})
	if err != nil {
		t.Fatal(err)
	}
	wantRules := []analysis.Rule{{From: logDay(2026, 10, 1), ID: analysis.HRMaxRule, Sport: analysis.Running, Value: 186,
		Source: "symptoms.xlsx: Plan!row 2"}}
	if d := cmp.Diff(wantRules, got.Plan.Rules); d != "" || len(got.Rejected) != 0 {
		t.Errorf("rejected %v; rules (-want +got):\n%s", got.Rejected, d)
	}

	// A plan file alone never stops the run: a date that could be either is rejected.
	plan := "From,Rule,Value\n01/10/2026,hr_max,186\n2026-10-01,hr_rest,50\n"
	pr, err := readPlan(strings.NewReader(plan), "plan.csv", Options{DateOrder: DateAuto})
	if err != nil {
		t.Fatal(err)
	}
	wantRej := []analysis.Rejected{{File: "plan.csv", Cell: "line 2, From",
		Reason: `"01/10/2026" could be day-first or month-first: give -date-order dmy or mdy`}}
	if d := cmp.Diff(wantRej, importRows(pr.Rejected)); d != "" || len(pr.Plan.Rules) != 1 {
		t.Errorf("rules %v; rejected (-want +got):\n%s", pr.Plan.Rules, d)
	}
}

func TestFarDatesRejected(t *testing.T) {
	// Six rows from 2026-10-19 to 2026-11-16, and one typed 2062.
	log := csvLog("2026-10-19", "2026-10-26", "2062-11-05", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-16")
	got, err := readSymptoms(strings.NewReader(log), "symptoms.csv", Options{DateOrder: DateAuto})
	if err != nil {
		t.Fatal(err)
	}
	wantDays := []analysis.Day{logDay(2026, 10, 19), logDay(2026, 10, 26), logDay(2026, 11, 2), logDay(2026, 11, 9),
		logDay(2026, 11, 16), logDay(2026, 11, 16)}
	if d := cmp.Diff(wantDays, entryDays(got)); d != "" {
		t.Errorf("days (-want +got):\n%s", d)
	}
	want := []analysis.Rejected{{File: "symptoms.csv", Cell: "line 4, Date",
		Reason: "2062-11-05 is more than a year from the log's other dates (2026-10-19 to 2026-11-16): a mistyped year?"}}
	if d := cmp.Diff(want, importRows(got.Rejected)); d != "" {
		t.Errorf("rejected (-want +got):\n%s", d)
	}
	if in := got.Inputs[0]; in.Status != analysis.StatusPartial || in.Detail != "1 row rejected" {
		t.Errorf("input %+v", in)
	}

	// A date typed in another order is shown as written, and as read.
	got, err = readSymptoms(strings.NewReader(csvLog("19/10/2026", "20/10/2026", "05/11/2062")), "symptoms.csv", Options{DateOrder: DateAuto})
	if err != nil {
		t.Fatal(err)
	}
	want = []analysis.Rejected{{File: "symptoms.csv", Cell: "line 4, Date",
		Reason: `"05/11/2062" (2062-11-05) is more than a year from the log's other dates (2026-10-19 to 2026-10-20): a mistyped year?`}}
	if d := cmp.Diff(want, importRows(got.Rejected)); d != "" {
		t.Errorf("dmy rejected (-want +got):\n%s", d)
	}
}

func TestFarDatesKept(t *testing.T) {
	daily := func(from analysis.Day, n int) []string {
		var out []string
		for i := range n {
			out = append(out, from.AddDays(i).String())
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		dates []string
	}{
		{"a whole log typed in the wrong year is one part, kept", daily(logDay(2062, 10, 19), 29)},
		{"three years of daily rows have no gap", daily(logDay(2024, 1, 1), 3*365+1)},
		{"365 days apart is within a year", []string{"2025-01-01", "2026-01-01"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readSymptoms(strings.NewReader(csvLog(tc.dates...)), "symptoms.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Rejected) != 0 || len(got.Entries) != len(tc.dates) {
				t.Errorf("%d entries of %d, rejected %v", len(got.Entries), len(tc.dates), got.Rejected)
			}
		})
	}
}

func TestFarDatesTieKeepsTheLater(t *testing.T) {
	// 2024-01-01 to 2025-01-01 is 366 days (2024 is a leap year): two parts of one row
	// each, and the later is kept. Two rows in 2020 against two in 2026: the same.
	for _, tc := range []struct {
		dates []string
		want  []analysis.Rejected
	}{
		{[]string{"2025-01-01", "2024-01-01"}, []analysis.Rejected{{File: "symptoms.csv", Cell: "line 3, Date",
			Reason: "2024-01-01 is more than a year from the log's other dates (2025-01-01 to 2025-01-01): a mistyped year?"}}},
		{[]string{"2020-03-01", "2026-03-01", "2020-03-02", "2026-03-02"}, []analysis.Rejected{
			{File: "symptoms.csv", Cell: "line 2, Date",
				Reason: "2020-03-01 is more than a year from the log's other dates (2026-03-01 to 2026-03-02): a mistyped year?"},
			{File: "symptoms.csv", Cell: "line 4, Date",
				Reason: "2020-03-02 is more than a year from the log's other dates (2026-03-01 to 2026-03-02): a mistyped year?"}}},
	} {
		got, err := readSymptoms(strings.NewReader(csvLog(tc.dates...)), "symptoms.csv", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tc.want, importRows(got.Rejected)); d != "" {
			t.Errorf("%v: rejected (-want +got):\n%s", tc.dates, d)
		}
	}
}

func TestFarDatesXLSX(t *testing.T) {
	// A date cell names its sheet and cell; a serial is shown as the date it is.
	f := excelize.NewFile()
	mustLog(t, f.SetSheetName("Sheet1", "Symptoms"))
	mustLog(t, f.SetSheetRow("Symptoms", "A1", &[]any{"Date", "Pain"}))
	mustLog(t, f.SetSheetRow("Symptoms", "A2", &[]any{time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), 1}))
	mustLog(t, f.SetSheetRow("Symptoms", "A3", &[]any{time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC), 1}))
	mustLog(t, f.SetSheetRow("Symptoms", "A4", &[]any{time.Date(2062, 11, 4, 0, 0, 0, 0, time.UTC), 2}))
	path := writeLogXLSX(t, f, t.TempDir(), "symptoms.xlsx")
	got, err := ReadSymptoms(path, "symptoms.xlsx", Options{DateOrder: DateAuto})
	if err != nil {
		t.Fatal(err)
	}
	want := []analysis.Rejected{{File: "symptoms.xlsx", Cell: "Symptoms!A4",
		Reason: "2062-11-04 is more than a year from the log's other dates (2026-11-02 to 2026-11-03): a mistyped year?"}}
	if d := cmp.Diff(want, importRows(got.Rejected)); d != "" {
		t.Errorf("rejected (-want +got):\n%s", d)
	}
}
