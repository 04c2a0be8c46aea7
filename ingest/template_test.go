package ingest

import (
	"bytes"
	"testing"

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

func TestTemplateReadsBack(t *testing.T) {
	got, err := readSymptoms(bytes.NewReader(templateBytes(t)), "symptoms.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ex := logDay(2026, 1, 5)
	src := "symptoms.xlsx: Plan!row "
	want := LogResult{
		Entries: []analysis.SymptomEntry{{Day: ex, Pain: logSome(2.0), Stiffness: logSome(3.0), Swelling: logSome(0.0),
			Swollen: logSome(false), Limping: logSome(false), Rehab: logSome(true), RPE: logSome(4.0), Location: "left Achilles",
			Notes: "Example row: replace it with your own mornings", Source: "symptoms.xlsx: Symptoms!row 2"}},
		Plan: analysis.Plan{Rules: []analysis.Rule{
			{From: ex, ID: analysis.MaxSessionMinutes, Sport: analysis.Running, Value: 30,
				Note: "Example: agree your own limits with your physio", Source: src + "2"},
			{From: ex, ID: analysis.MaxWeeklyMinutes, Sport: analysis.Running, Value: 90, Source: src + "3"},
			{From: ex, ID: analysis.PainThreshold, Sport: analysis.Any, Value: 2,
				Note: "Next-morning pain above this counts as a pain response", Source: src + "4"},
			{From: ex, ID: analysis.MinRehabDaysPerWeek, Sport: analysis.Any, Value: 5, Source: src + "5"},
		}},
		HasPlan: true,
		Inputs: []analysis.Input{
			{Path: "symptoms.xlsx", Kind: analysis.KindSymptoms, Status: analysis.StatusOK},
			{Path: "symptoms.xlsx (Plan sheet)", Kind: analysis.KindPlan, Status: analysis.StatusOK},
		},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
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
