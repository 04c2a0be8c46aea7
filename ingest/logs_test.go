package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"runload/analysis"
)

// logWithPlanSheet writes symptoms.xlsx into dir: one logged morning on its Symptoms
// sheet, and a Plan sheet named in lower case, "plan", holding one good rule and one bad row.
func logWithPlanSheet(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	mustLog(t, f.SetSheetName("Sheet1", "Symptoms"))
	mustLog(t, f.SetSheetRow("Symptoms", "A1", &[]any{"Date", "Pain"}))
	mustLog(t, f.SetSheetRow("Symptoms", "A2", &[]any{"2026-03-02", 1}))
	_, err := f.NewSheet("plan")
	mustLog(t, err)
	mustLog(t, f.SetSheetRow("plan", "A1", &[]any{"From", "Rule", "Value"}))
	mustLog(t, f.SetSheetRow("plan", "A2", &[]any{"2026-03-01", "max_session_minutes", 30}))
	mustLog(t, f.SetSheetRow("plan", "A3", &[]any{"2026-03-01", "max_weekly_km", "far"}))
	return writeLogXLSX(t, f, dir, "symptoms.xlsx")
}

// TestReadLogsSeparatePlan: with a plan file given (-plan), the log workbook's own Plan
// sheet, even one named "plan" in lower case, is not read: none of its rows is rejected,
// and the import log lists it as not used, naming the plan that is.
func TestReadLogsSeparatePlan(t *testing.T) {
	dir := t.TempDir()
	logPath := logWithPlanSheet(t, dir)
	planPath := filepath.Join(dir, "limits.csv")
	mustLog(t, os.WriteFile(planPath, []byte("From,Rule,Value\n2026-03-01,max_session_minutes,45\n"), 0o644))

	got, err := ReadLogs(LogFile{Path: logPath, Name: "symptoms.xlsx"}, LogFile{Path: planPath, Name: "plan.csv"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := LogResult{
		Entries: []analysis.SymptomEntry{{Day: logDay(2026, 3, 2), Pain: logSome(1.0), Source: "symptoms.xlsx: Symptoms!row 2"}},
		Plan: analysis.Plan{Rules: []analysis.Rule{{From: logDay(2026, 3, 1), ID: analysis.MaxSessionMinutes,
			Sport: analysis.Running, Value: 45, Source: "plan.csv: line 2"}}},
		HasPlan: true,
		Inputs: []analysis.Input{
			{Path: "symptoms.xlsx", Kind: analysis.KindSymptoms, Status: analysis.StatusOK},
			{Path: "symptoms.xlsx (Plan sheet)", Kind: analysis.KindPlan, Status: analysis.StatusSkipped, Detail: "not used: -plan names plan.csv"},
			{Path: "plan.csv", Kind: analysis.KindPlan, Status: analysis.StatusOK},
		},
	}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}

	// Without a plan file the same sheet is the plan, and its bad row is rejected.
	got, err = ReadLogs(LogFile{Path: logPath, Name: "symptoms.xlsx"}, LogFile{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Plan.Rules) != 1 || len(got.Rejected) != 1 || got.Rejected[0].Cell() != "plan!C3" {
		t.Errorf("the workbook's own plan: rules %+v, rejected %+v; want its one rule and plan!C3", got.Plan.Rules, got.Rejected)
	}
}

// TestReadLogsUnreadable: a log or plan that cannot be read is an error line in the import
// log with a warning, and the other file is still read.
func TestReadLogsUnreadable(t *testing.T) {
	dir := t.TempDir()
	planPath := filepath.Join(dir, "plan.csv")
	mustLog(t, os.WriteFile(planPath, []byte("From,Rule,Value\n2026-03-01,hr_max,180\n"), 0o644))
	missing := filepath.Join(dir, "missing.csv")

	got, err := ReadLogs(LogFile{Path: missing, Name: "symptoms.csv"}, LogFile{Path: planPath, Name: "plan.csv"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const cannotOpen = "symptoms.csv: cannot open the symptom log: no such file or directory"
	want := LogResult{
		Plan: analysis.Plan{Rules: []analysis.Rule{{From: logDay(2026, 3, 1), ID: analysis.HRMaxRule,
			Sport: analysis.Running, Value: 180, Source: "plan.csv: line 2"}}},
		HasPlan: true,
		Inputs: []analysis.Input{
			{Path: "symptoms.csv", Kind: analysis.KindSymptoms, Status: analysis.StatusError, Detail: cannotOpen},
			{Path: "plan.csv", Kind: analysis.KindPlan, Status: analysis.StatusOK},
		},
		Warnings: []string{"the symptom log could not be read (" + cannotOpen + "): the report has no symptoms"},
	}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("log missing (-want +got):\n%s", d)
	}

	logPath := logWithPlanSheet(t, dir)
	got, err = ReadLogs(LogFile{Path: logPath, Name: "symptoms.xlsx"}, LogFile{Path: missing, Name: "limits.csv"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const planMissing = "limits.csv: cannot open the plan: no such file or directory"
	wantInputs := []analysis.Input{
		{Path: "symptoms.xlsx", Kind: analysis.KindSymptoms, Status: analysis.StatusOK},
		{Path: "symptoms.xlsx (Plan sheet)", Kind: analysis.KindPlan, Status: analysis.StatusSkipped, Detail: "not used: -plan names limits.csv"},
		{Path: "limits.csv", Kind: analysis.KindPlan, Status: analysis.StatusError, Detail: planMissing},
	}
	if d := cmp.Diff(wantInputs, got.Inputs); d != "" {
		t.Errorf("plan missing: inputs (-want +got):\n%s", d)
	}
	wantWarn := []string{"the plan could not be read (" + planMissing + "): no limits are checked"}
	if d := cmp.Diff(wantWarn, got.Warnings); d != "" || got.HasPlan || len(got.Plan.Rules) > 0 || len(got.Rejected) > 0 {
		t.Errorf("plan missing: plan %+v, rejected %+v; warnings (-want +got):\n%s", got.Plan, got.Rejected, d)
	}
}

// TestReadLogsNothingLogged: a log with no logged morning and no rejected row warns, naming
// the log; the rows of a Plan sheet that was not read do not stop the warning.
func TestReadLogsNothingLogged(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	mustLog(t, f.SetSheetName("Sheet1", "Symptoms"))
	mustLog(t, f.SetSheetRow("Symptoms", "A1", &[]any{"Date", "Pain"}))
	_, err := f.NewSheet("Plan")
	mustLog(t, err)
	mustLog(t, f.SetSheetRow("Plan", "A1", &[]any{"From", "Rule", "Value"}))
	mustLog(t, f.SetSheetRow("Plan", "A2", &[]any{"2026-03-01", "no such rule", 1}))
	logPath := writeLogXLSX(t, f, dir, "symptoms.xlsx")
	planPath := filepath.Join(dir, "plan.csv")
	mustLog(t, os.WriteFile(planPath, []byte("From,Rule,Value\n2026-03-01,hr_max,180\n"), 0o644))

	got, err := ReadLogs(LogFile{Path: logPath, Name: "symptoms.xlsx"}, LogFile{Path: planPath, Name: "plan.csv"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"the symptom log symptoms.xlsx has no logged morning yet, so the report has no symptoms: " +
		"fill in a row a morning (date, pain 0-10, and what else you track)"}
	if d := cmp.Diff(want, got.Warnings); d != "" || len(got.Rejected) > 0 {
		t.Errorf("rejected %+v; warnings (-want +got):\n%s", got.Rejected, d)
	}
}

// TestReadLogsUnreadableHeader: a log whose header lacks the Pain column is not "a log with
// no logged morning yet": the warning gives the reason it could not be read.
func TestReadLogsUnreadableHeader(t *testing.T) {
	p := filepath.Join(t.TempDir(), "symptoms.csv")
	if err := os.WriteFile(p, []byte("Date,Pian\n2026-03-01,2\n2026-03-02,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadLogs(LogFile{Path: p, Name: "symptoms.csv"}, LogFile{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"the symptom log could not be read (symptoms.csv: no Pain column in the header row (line 1): " +
		"the first non-empty row must name the columns, e.g. Date, Pain (0-10); " +
		`column B "Pian" looks like Pain: name it Pain): the report has no symptoms`}
	if d := cmp.Diff(want, got.Warnings); d != "" {
		t.Errorf("warnings (-want +got):\n%s", d)
	}
}
