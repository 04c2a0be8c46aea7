package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/xuri/excelize/v2"

	"runload/internal/xlsxzip"
)

// PlanRow is one row of the Plan sheet. Rules are named by id on some rows and by label on others,
// as a physio would type them; an empty Sport means running.
type PlanRow struct {
	From  string // YYYY-MM-DD, written as a date cell
	Rule  string
	Value any // float64, or text for the flare-up plan
	Sport string
	Note  string
}

// FlareUpPlan is the agreed step-back, in the Plan's Value column.
const FlareUpPlan = "If next-morning pain is above 2/10 or you limp: no running for 3 days, " +
	"keep the rehab exercises daily, cycle or swim instead; then restart at half the last week's " +
	"running minutes and build back over 2 weeks."

// Plan is the Plan sheet.
var Plan = []PlanRow{
	{"2026-08-31", "max_session_minutes", 30.0, "running", "weeks 1-4: run/walk"},
	{"2026-09-28", "Max minutes per session", 40.0, "running", "from week 5"},
	{"2026-08-31", "max_weekly_minutes", 90.0, "", ""},
	{"2026-09-28", "Max minutes per week", 120.0, "", "from week 5"},
	{"2026-08-31", "Max km per session", 7.0, "running", ""},
	{"2026-08-31", "max_weekly_km", 15.0, "running", ""},
	{"2026-08-31", "Max sessions per week", 4.0, "running", ""},
	{"2026-08-31", "max_consecutive_days", 2.0, "running", "a rest day after two running days"},
	{"2026-08-31", "max_session_rpe", 6.0, "running", "easy runs only"},
	{"2026-08-31", "Max average heart rate", 165.0, "running", ""},
	{"2026-08-31", "min_rehab_days_per_week", 4.0, "any", "heel drops and calf raises"},
	{"2026-08-31", "Min strength sessions per week", 2.0, "any", "gym programme"},
	{"2026-08-31", "pain_threshold", 2.0, "any", "next-morning pain"},
	{"2026-08-31", "HR max", 190.0, "any", "from the lab test"},
	{"2026-08-31", "hr_rest", 55.0, "any", ""},
	{"2026-08-31", "Flare-up plan", FlareUpPlan, "any", ""},
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(fmt.Sprintf("story: bad date %q", s)) // a broken table, not input
	}
	return t
}

func ptr(v float64) *float64 { return &v }

// Mornings returns the Symptoms rows, one per logged day, in date order. Ordinary mornings
// have pain 1 or 2 and stiffness that moves by at most 1 a day, so no pain response is planted
// outside the painful week (README).
func Mornings() []Morning {
	rng := rand.New(rand.NewPCG(20260831, 1000))
	var out []Morning
	stiff := 3.0
	for d := FirstDay; !d.After(LastDay); d = d.AddDate(0, 0, 1) {
		key := d.Format(time.DateOnly)
		// Draw every day, logged or not, so the table above does not shift the numbers.
		pain, step := 1.0, rng.IntN(3)-1
		early := d.Before(day("2026-09-21"))
		if early && rng.IntN(3) > 0 || !early && rng.IntN(3) == 0 {
			pain = 2
		}
		lo, hi := 1.0, 2.0
		if early {
			lo, hi = 2, 3
		}
		stiff = min(max(stiff+float64(step), lo), hi)
		if Missing[key] {
			continue
		}
		mo := Morning{Date: d, Pain: pain, Stiffness: ptr(stiff), Swelling: ptr(0), Limping: "no",
			Rehab: "yes", Location: "left Achilles", Notes: Notes[key]}
		if f, ok := Flare[key]; ok {
			mo.Pain, mo.Stiffness, mo.Swelling, mo.Limping = f.Pain, ptr(f.Stiff), ptr(f.Swel), f.Limp
			mo.Notes = f.Note
			stiff = f.Stiff
		}
		if NoRehab[key] {
			mo.Rehab = "no"
		}
		if r, ok := RPEs[key]; ok {
			mo.RPE = ptr(r)
		}
		out = append(out, mo)
	}
	return out
}

// blankAfter is the date after whose row the log has one empty row (a gap a runner leaves).
const blankAfter = "2026-09-27"

// encodeXLSX writes symptoms.xlsx: the Symptoms sheet and the Plan sheet.
func encodeXLSX() ([]byte, error) {
	return encodeLog(Mornings(), Plan, day(blankAfter), FirstDay, LastDay)
}

// encodeLog writes a symptoms.xlsx of the mornings ms and the plan rows, with an empty row
// after the morning of blank, dated first to last in its document properties.
func encodeLog(ms []Morning, plan []PlanRow, blank, first, last time.Time) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	f.ZipWriter = xlsxzip.NewWriter
	if err := f.SetDocProps(&excelize.DocProperties{Title: "Symptom log", Creator: "runload sample-data",
		Created: first.Format("2006-01-02T15:04:05Z"), Modified: last.Format("2006-01-02T15:04:05Z")}); err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", "Symptoms"); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet("Plan"); err != nil {
		return nil, err
	}
	ymd := "yyyy-mm-dd"
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &ymd})
	if err != nil {
		return nil, err
	}

	const sym = "Symptoms"
	head := []any{"Date", "Pain (0-10)", "Stiffness (0-10)", "Swelling", "Limping", "Rehab", "RPE", "Location", "Notes"}
	if err := f.SetSheetRow(sym, "A1", &head); err != nil {
		return nil, err
	}
	row := 2
	for _, mo := range ms {
		vals := []any{mo.Date, mo.Pain, opt(mo.Stiffness), opt(mo.Swelling), str(mo.Limping), str(mo.Rehab),
			opt(mo.RPE), str(mo.Location), str(mo.Notes)}
		if err := f.SetSheetRow(sym, fmt.Sprintf("A%d", row), &vals); err != nil {
			return nil, err
		}
		if mo.Date.Equal(blank) {
			row++
		}
		row++
	}
	lastRow := row - 1
	for _, err := range []error{
		f.SetCellStyle(sym, "A1", "I1", bold),
		f.SetCellStyle(sym, "A2", fmt.Sprintf("A%d", lastRow), date),
		f.SetColWidth(sym, "A", "A", 12),
		f.SetColWidth(sym, "B", "G", 10),
		f.SetColWidth(sym, "H", "H", 14),
		f.SetColWidth(sym, "I", "I", 44),
		f.SetPanes(sym, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}),
	} {
		if err != nil {
			return nil, err
		}
	}

	const pl = "Plan"
	head = []any{"From", "Rule", "Value", "Sport", "Note"}
	if err := f.SetSheetRow(pl, "A1", &head); err != nil {
		return nil, err
	}
	for i, p := range plan {
		vals := []any{day(p.From), p.Rule, p.Value, str(p.Sport), str(p.Note)}
		if err := f.SetSheetRow(pl, fmt.Sprintf("A%d", i+2), &vals); err != nil {
			return nil, err
		}
	}
	for _, err := range []error{
		f.SetCellStyle(pl, "A1", "E1", bold),
		f.SetCellStyle(pl, "A2", fmt.Sprintf("A%d", len(plan)+1), date),
		f.SetColWidth(pl, "A", "A", 12),
		f.SetColWidth(pl, "B", "B", 30),
		f.SetColWidth(pl, "C", "D", 10),
		f.SetColWidth(pl, "E", "E", 34),
	} {
		if err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// opt and str turn absent values into empty cells.
func opt(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}
