package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"runload/analysis"
)

func TestPlanCSV(t *testing.T) {
	path := filepath.Join("testdata", "log", "plan.csv")
	got, err := ReadPlan(path, "plan.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	from := logDay(2026, 3, 1)
	src := func(line string) string { return "plan.csv: line " + line }
	want := LogResult{
		Plan: analysis.Plan{Rules: []analysis.Rule{
			{From: from, ID: analysis.MaxSessionMinutes, Sport: analysis.Running, Value: 30, Note: "start gently", Source: src("2")},
			{From: from, ID: analysis.MaxWeeklyMinutes, Sport: analysis.Running, Value: 90, Source: src("3")},
			{From: from, ID: analysis.PainThreshold, Sport: analysis.Any, Value: 2, Source: src("4")},
			{From: from, ID: analysis.MinRehabDaysPerWeek, Sport: analysis.Any, Value: 5, Source: src("5")},
			// flare_up_plan: the text comes from Note when Value is empty.
			{From: from, ID: analysis.FlareUpPlan, Sport: analysis.Running, Text: "rest 2 days, then half the last week", Source: src("6")},
			{From: logDay(2026, 3, 15), ID: analysis.FlareUpPlan, Sport: analysis.Any, Text: "drop to the last pain-free week",
				Note: "from the physio", Source: src("7")},
			{From: logDay(2026, 3, 20), ID: analysis.ACWRMax, Sport: analysis.Running, Value: 1.3, Source: src("13")},
		}},
		HasPlan: true,
		Rejected: []*CellError{
			{File: "plan.csv", Row: 8, Column: "Rule",
				Err: errors.New(`"max_speed" is not a rule: use a rule id such as max_weekly_minutes, or its label as in the template`)},
			{File: "plan.csv", Row: 9, Column: "Value", Err: errors.New(`"lots" is not a number`)},
			// A rule without a From date is not taken to hold from the start: the runner is asked for the date.
			{File: "plan.csv", Row: 10, Column: "From", Err: errors.New("no From date: enter the date the rule starts (YYYY-MM-DD)")},
			{File: "plan.csv", Row: 11, Column: "Sport",
				Err: errors.New(`"skating" is not a sport: use running, cycling, swimming, walking, strength, other or any`)},
			{File: "plan.csv", Row: 12, Column: "Value", Err: errors.New(`"8" is outside 0 to 7 for min_rehab_days_per_week`)},
		},
		Inputs: []analysis.Input{{Path: "plan.csv", Kind: analysis.KindPlan, Status: analysis.StatusPartial, Detail: "5 rows rejected"}},
	}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestParseRuleName(t *testing.T) {
	for _, r := range analysis.Rules() {
		for _, name := range []string{string(r.ID), r.Label, strings.ToUpper(r.Label), strings.ReplaceAll(string(r.ID), "_", " "),
			strings.ReplaceAll(string(r.ID), "_", "-"), " " + strings.ToLower(r.Label) + " "} {
			got, err := parseRuleName(name)
			if err != nil || got.ID != r.ID {
				t.Errorf("parseRuleName(%q) = %v, %v; want %s", name, got.ID, err, r.ID)
			}
		}
	}
	for _, name := range []string{"", "max", "max_speed", "Max minutes", "()"} {
		if got, err := parseRuleName(name); err == nil {
			t.Errorf("parseRuleName(%q) = %s, want an error", name, got.ID)
		}
	}
	// No name may read as another rule ("ACWR max" and acwr_max are the same rule).
	owner := map[string]analysis.RuleID{}
	for _, r := range analysis.Rules() {
		for _, n := range []string{normHeader(string(r.ID)), normHeader(r.Label)} {
			if o, ok := owner[n]; ok && o != r.ID {
				t.Errorf("%q names both %s and %s", n, o, r.ID)
			}
			owner[n] = r.ID
		}
	}
}

func TestParseRuleValue(t *testing.T) {
	for _, tc := range []struct {
		id   analysis.RuleID
		in   string
		want float64
		err  string
	}{
		{analysis.MaxSessionMinutes, "30", 30, ""},
		{analysis.MaxSessionMinutes, "30 min", 30, ""},
		{analysis.MaxSessionKm, "5,5 km", 5.5, ""},
		{analysis.WeekIncreaseMaxPct, "30%", 30, ""},
		{analysis.HRMaxRule, "186 bpm", 186, ""},
		{analysis.PainThreshold, "2.5", 2.5, ""},
		{analysis.MaxSessionsPerWeek, "3.5", 0, `"3.5" is not a whole number, as max_sessions_per_week needs`},
		{analysis.PainThreshold, "12", 0, `"12" is outside 0 to 10 for pain_threshold`},
		{analysis.MaxSessionMinutes, "-5", 0, `"-5" is outside 0 to 1440 for max_session_minutes`},
		{analysis.MaxSessionMinutes, "30 km", 0, `"30 km" is not a number`},
		{analysis.HRRestRule, "10", 0, `"10" is outside 30 to 230 for hr_rest`},
	} {
		got, err := parseRuleValue(tc.id, tc.in)
		if got != tc.want || logErr(err) != tc.err {
			t.Errorf("parseRuleValue(%s, %q) = %v, %q; want %v, %q", tc.id, tc.in, got, logErr(err), tc.want, tc.err)
		}
	}
	for _, r := range analysis.Rules() {
		if _, ok := ruleRanges[r.ID]; ok == r.IsText {
			t.Errorf("rule %s: text %v but range given %v", r.ID, r.IsText, ok)
		}
	}
}

func TestPlanXLSXPlanSheet(t *testing.T) {
	f := excelize.NewFile()
	mustLog(t, f.SetSheetName("Sheet1", "Notes"))
	_, err := f.NewSheet("Plan")
	mustLog(t, err)
	mustLog(t, f.SetSheetRow("Plan", "A1", &[]any{"Start date", "Rule", "Limit", "Sport"}))
	mustLog(t, f.SetSheetRow("Plan", "A2", &[]any{time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC), "Max km per week", 20.5, "Running"}))
	mustLog(t, f.SetSheetRow("Plan", "A3", &[]any{time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC), "Max days in a row", 3}))
	mustLog(t, f.SetSheetRow("Plan", "A5", &[]any{"2026-04-06", "max sessions per week", "many"}))
	path := writeLogXLSX(t, f, t.TempDir(), "plan.xlsx")
	got, err := ReadPlan(path, "plan.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := LogResult{
		Plan: analysis.Plan{Rules: []analysis.Rule{
			{From: logDay(2026, 4, 6), ID: analysis.MaxWeeklyKm, Sport: analysis.Running, Value: 20.5, Source: "plan.xlsx: Plan!row 2"},
			{From: logDay(2026, 4, 6), ID: analysis.MaxConsecutiveDays, Sport: analysis.Running, Value: 3, Source: "plan.xlsx: Plan!row 3"},
		}},
		HasPlan:  true,
		Rejected: []*CellError{{File: "plan.xlsx", Sheet: "Plan", Row: 5, Column: "C", Err: errors.New(`"many" is not a number`)}},
		Inputs:   []analysis.Input{{Path: "plan.xlsx", Kind: analysis.KindPlan, Status: analysis.StatusPartial, Detail: "1 row rejected"}},
	}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestPlanXLSXWithoutPlanSheet(t *testing.T) {
	f := excelize.NewFile()
	_, err := f.NewSheet("Other")
	mustLog(t, err)
	path := writeLogXLSX(t, f, t.TempDir(), "limits.xlsx")
	if _, err := ReadPlan(path, "limits.xlsx", Options{}); logErr(err) != "limits.xlsx: no sheet named Plan" {
		t.Errorf("error = %v", err)
	}
}

func TestPlanMissingColumns(t *testing.T) {
	got, err := readPlan(strings.NewReader("Rule;Value\nhr_max;180\n"), "plan.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := LogResult{Inputs: []analysis.Input{{Path: "plan.csv", Kind: analysis.KindPlan, Status: analysis.StatusError,
		Detail: "no From column in the header row (line 1): the first non-empty row must name the columns From, Rule, Value, Sport, Note"}}}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestPlanMisspeltColumn: a plan header with "Form" for From names the column to rename, in
// the plan's reason and in the note on the column.
func TestPlanMisspeltColumn(t *testing.T) {
	got, err := readPlan(strings.NewReader("Form;Rule;Value\n2026-03-01;max_session_minutes;30\n"), "plan.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := LogResult{
		Inputs: []analysis.Input{{Path: "plan.csv", Kind: analysis.KindPlan, Status: analysis.StatusError,
			Detail: "no From column in the header row (line 1): the first non-empty row must name the columns From, Rule, Value, Sport, Note" +
				`; column A "Form" looks like From: name it From`}},
		Notes: []string{`plan.csv: column A "Form" is not used: if it is the From column, name it From`},
	}
	if d := cmp.Diff(want, got, cellErrorText); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestPlanHostileValues: values no limit can have are rejected with their cells, and no
// rule is applied from them.
func TestPlanHostileValues(t *testing.T) {
	path := filepath.Join(t.TempDir(), "limits.csv")
	csv := "From,Rule,Value\n" +
		"2026-08-31,max_session_minutes,-5\n" +
		"2026-08-31,max_weekly_minutes,NaN\n" +
		"2026-08-31,max_weekly_km,1e309\n" +
		"2026-08-31,pain_threshold,three\n" +
		"2026-08-31,max_sessions_per_week,Inf\n" +
		"2026-08-31,hr_max,-Inf\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPlan(path, "plan.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []analysis.Rejected{
		{File: "plan.csv", Cell: "line 2, Value", Reason: `"-5" is outside 0 to 1440 for max_session_minutes`},
		{File: "plan.csv", Cell: "line 3, Value", Reason: `"NaN" is not a number`},
		{File: "plan.csv", Cell: "line 4, Value", Reason: `"1e309" is not a number`},
		{File: "plan.csv", Cell: "line 5, Value", Reason: `"three" is not a number`},
		{File: "plan.csv", Cell: "line 6, Value", Reason: `"Inf" is not a number`},
		{File: "plan.csv", Cell: "line 7, Value", Reason: `"-Inf" is not a number`},
	}
	var rejected []analysis.Rejected
	for _, e := range got.Rejected {
		rejected = append(rejected, e.Rejected())
	}
	if d := cmp.Diff(want, rejected); d != "" {
		t.Errorf("rejected (-want +got):\n%s", d)
	}
	if len(got.Plan.Rules) != 0 {
		t.Errorf("rules applied from hostile values: %+v", got.Plan.Rules)
	}
}
