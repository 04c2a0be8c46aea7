package ingest

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"runload/analysis"
)

func templateBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteTemplate(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTemplateByteIdentical(t *testing.T) {
	// Map order changes from one iteration to the next, so a few runs in one process show
	// whether any of it reaches the bytes.
	a := templateBytes(t)
	for i := 0; i < 5; i++ {
		if b := templateBytes(t); !bytes.Equal(a, b) {
			t.Fatalf("templates differ: %d and %d bytes", len(a), len(b))
		}
	}
}

// TestTemplateReadsBack: the template's example rows are never data (SPEC "Symptom log"):
// read back as written it has no entry and no plan, and the import log says why.
func TestTemplateReadsBack(t *testing.T) {
	got, err := readSymptoms(bytes.NewReader(templateBytes(t)), "symptoms.xlsx", Options{DateOrder: DateAuto})
	if err != nil {
		t.Fatal(err)
	}
	want := LogResult{
		Inputs: []analysis.Input{
			{Path: "symptoms.xlsx", Kind: analysis.KindSymptoms, Status: analysis.StatusOK,
				Detail: "1 example row from 'analyze init' left out; no entries logged"},
			{Path: "symptoms.xlsx (Plan sheet)", Kind: analysis.KindPlan, Status: analysis.StatusOK,
				Detail: "the example plan from 'analyze init' was left out: agree your own limits with your physio"},
		},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestTemplateWithOwnRows: rows added under the examples are read; the examples are not.
func TestTemplateWithOwnRows(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(templateBytes(t)))
	if err != nil {
		t.Fatal(err)
	}
	mustLog(t, f.SetSheetRow("Symptoms", "A3", &[]any{time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), 1, nil, nil, "no"}))
	mustLog(t, f.SetSheetRow("Plan", "A6", &[]any{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "Max minutes per week", 60}))
	path := writeLogXLSX(t, f, t.TempDir(), "symptoms.xlsx")
	got, err := ReadSymptoms(path, "symptoms.xlsx", Options{DateOrder: DateAuto})
	if err != nil {
		t.Fatal(err)
	}
	want := LogResult{
		Entries: []analysis.SymptomEntry{{Day: logDay(2026, 3, 2), Pain: logSome(1.0), Limping: logSome(false),
			Source: "symptoms.xlsx: Symptoms!row 3"}},
		Plan: analysis.Plan{Rules: []analysis.Rule{{From: logDay(2026, 3, 1), ID: analysis.MaxWeeklyMinutes, Sport: analysis.Running,
			Value: 60, Source: "symptoms.xlsx: Plan!row 6"}}},
		HasPlan: true,
		Inputs: []analysis.Input{
			{Path: "symptoms.xlsx", Kind: analysis.KindSymptoms, Status: analysis.StatusOK,
				Detail: "1 example row from 'analyze init' left out"},
			{Path: "symptoms.xlsx (Plan sheet)", Kind: analysis.KindPlan, Status: analysis.StatusOK,
				Detail: "4 example rows from 'analyze init' left out"},
		},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestTemplateExampleOnlyWhenExact: an example row someone edited is their data; the
// example saved as CSV is still the example.
func TestTemplateExampleOnlyWhenExact(t *testing.T) {
	header := "Date,Pain (0-10),Stiffness (0-10),Swelling (0-10),Limping,Rehab,RPE (0-10),Location,Notes\n"
	example := "2026-01-05,2,3,0,no,yes,4,left Achilles,Example row: replace it with your own mornings\n"
	edited := "2026-01-05,5,3,0,no,yes,4,left Achilles,Example row: replace it with your own mornings\n"
	for _, tc := range []struct {
		name    string
		csv     string
		entries int
		detail  string
	}{
		{"the example as CSV", header + example, 0, "1 example row from 'analyze init' left out; no entries logged"},
		{"the example with its pain changed", header + edited, 1, ""},
		{"the example with a cell after it", header + strings.TrimSuffix(example, "\n") + ",x\n", 1, ""},
	} {
		got, err := readSymptoms(strings.NewReader(tc.csv), "symptoms.csv", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Entries) != tc.entries || got.Inputs[0].Detail != tc.detail {
			t.Errorf("%s: %d entries, detail %q; want %d, %q", tc.name, len(got.Entries), got.Inputs[0].Detail, tc.entries, tc.detail)
		}
	}
}

func TestTemplateLayout(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(templateBytes(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if d := cmp.Diff([]string{"Symptoms", "Plan", "Lists"}, f.GetSheetList()); d != "" {
		t.Errorf("sheets (-want +got):\n%s", d)
	}
	if visible, _ := f.GetSheetVisible("Lists"); visible {
		t.Errorf("sheet Lists is visible")
	}
	for sheet, cols := range map[string][]templateColumn{"Symptoms": symptomTemplate, "Plan": planTemplate} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var headers []string
		for _, c := range cols {
			headers = append(headers, c.logHeader)
		}
		if d := cmp.Diff(headers, rows[0]); d != "" {
			t.Errorf("%s header (-want +got):\n%s", sheet, d)
		}
		comments, err := f.GetComments(sheet)
		if err != nil || len(comments) != len(cols) {
			t.Errorf("%s: %d comments (%v), want one per header (%d)", sheet, len(comments), err, len(cols))
		}
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v (%v), want the header row frozen", sheet, panes, err)
		}
	}
	dvs, err := f.GetDataValidations("Symptoms")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, dv := range dvs {
		got[dv.Sqref] = dv.Type + " " + dv.Formula1
	}
	want := map[string]string{
		"A2:A2000": "date 36526", "B2:B2000": "decimal 0", "C2:C2000": "decimal 0", "D2:D2000": "decimal 0",
		"E2:E2000": `list "yes,no"`, "F2:F2000": `list "yes,no"`, "G2:G2000": "decimal 0",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Symptoms checks (-want +got):\n%s", d)
	}
	dvs, err = f.GetDataValidations("Plan")
	if err != nil {
		t.Fatal(err)
	}
	got = map[string]string{}
	for _, dv := range dvs {
		got[dv.Sqref] = dv.Type + " " + dv.Formula1
	}
	want = map[string]string{"A2:A2000": "date 36526", "B2:B2000": "list Lists!$A$1:$A$17",
		"D2:D2000": `list "running,cycling,swimming,walking,strength,other,any"`}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Plan checks (-want +got):\n%s", d)
	}
	labels, err := f.GetCols("Lists")
	if err != nil || len(labels) != 1 || len(labels[0]) != len(analysis.Rules()) {
		t.Fatalf("Lists: %v, %v", labels, err)
	}
	for i, r := range analysis.Rules() {
		if labels[0][i] != r.Label {
			t.Errorf("Lists!A%d = %q, want %q", i+1, labels[0][i], r.Label)
		}
	}
	if v, _ := f.GetCellValue("Symptoms", "A2"); v != "2026-01-05" {
		t.Errorf("Symptoms!A2 shows %q, want 2026-01-05 (date format)", v)
	}
}
