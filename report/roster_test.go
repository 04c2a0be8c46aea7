package report

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

// sampleRoster is a caseload of four runners as of Wednesday 2026-03-18: red, amber, green and
// no data, in the roster's order.
func sampleRoster() Roster {
	d := analysis.Day{Year: 2026, Month: 3, Day: 18}
	some := analysis.Some[float64]
	day := func(n int) analysis.Opt[analysis.Day] { return analysis.Some(d.AddDays(n)) }
	week := func(start analysis.Day, days int, min, limit float64, over bool) analysis.RosterWeek {
		return analysis.RosterWeek{Week: start.ISOWeek(), Start: start, Days: days, RunningMin: some(min), LimitMin: some(limit), Over: over}
	}
	mon, prev := d.Monday(), d.Monday().AddDays(-7)
	return Roster{
		AsOf: d, AsOfWhy: "the latest day with data across the caseload",
		Meta: Meta{Version: "v0.0.0-test", TZ: "-tz Europe/London"},
		Runners: []RosterRunner{
			{Report: "Dee.xlsx", RosterRow: analysis.RosterRow{Runner: "Dee", Level: analysis.LevelRed,
				Reasons: []string{"latest pain 5 (2026-03-18) is above the threshold 2"}, StatusAsOf: d,
				LastLogged: day(0), LatestPain: some(5), LatestPainDay: day(0), LastSession: day(-1),
				ThisWeek: analysis.Some(week(mon, 3, 65, 100, false)), LastWeek: week(prev, 7, 110, 100, true),
				Breaches7d: 3, Spikes7d: 1, Responses14d: 2, RehabDaysLastWeek: analysis.Some(3), RehabMinLastWeek: some(4),
				RehabMet: analysis.Some(false), Inputs: analysis.RosterInputs{Files: 12, Errors: 1, Rejected: 2}}},
			{Report: "Zoë Ångström.xlsx", RosterRow: analysis.RosterRow{Runner: "Zoë Ångström", Level: analysis.LevelAmber,
				Reasons: []string{"no symptoms logged on 2026-03-17 or 2026-03-18: nothing after 2026-03-16"}, StatusAsOf: d.AddDays(-2),
				LastLogged: day(-2), LatestPain: some(1.5), LatestPainDay: day(-2), LastSession: day(-2),
				ThisWeek: analysis.Some(analysis.RosterWeek{Week: mon.ISOWeek(), Start: mon, Days: 3, RunningMin: some(30)}),
				LastWeek: analysis.RosterWeek{Week: prev.ISOWeek(), Start: prev, Days: 7, RunningMin: some(90)},
				Inputs:   analysis.RosterInputs{Files: 8}}},
			{Report: "Amy.xlsx", RosterRow: analysis.RosterRow{Runner: "Amy", Level: analysis.LevelGreen,
				Reasons: []string{"symptoms logged on each of the last 2 days"}, StatusAsOf: d,
				LastLogged: day(0), LatestPain: some(0), LatestPainDay: day(0), LastSession: day(0),
				ThisWeek: analysis.Some(week(mon, 3, 40, 120, false)), LastWeek: week(prev, 7, 100, 120, false),
				Inputs: analysis.RosterInputs{Files: 9}}},
			{RosterRow: analysis.NoDataRow("Cy", "no sessions and no symptom entries were read from Cy",
				analysis.ImportLog{Inputs: []analysis.Input{{Path: "Cy/notes.txt", Status: analysis.StatusSkipped}}})},
		},
		Log: []RosterLogLine{
			{Runner: "Dee", Path: "Dee/run.fit", Status: "error", Detail: "run.fit is empty (0 bytes)"},
			{Runner: "Cy", Status: "no data", Detail: "no sessions and no symptom entries were read from Cy"},
			{Path: "notes.txt", Status: "skipped", Detail: "not a runner folder: a file"},
		},
	}
}

func writeRoster(t *testing.T, ro Roster) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteRoster(&b, ro); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWriteSampleRoster writes a 40-runner roster for a look or a render check:
// RUNLOAD_WRITE_ROSTER=/tmp/roster.xlsx go test ./report -run WriteSampleRoster.
func TestWriteSampleRoster(t *testing.T) {
	path := os.Getenv("RUNLOAD_WRITE_ROSTER")
	if path == "" {
		t.Skip("RUNLOAD_WRITE_ROSTER not set")
	}
	ro := sampleRoster()
	for len(ro.Runners) < 40 {
		r := ro.Runners[len(ro.Runners)%3]
		r.Runner = fmt.Sprintf("%s %d", r.Runner, len(ro.Runners))
		ro.Runners = append(ro.Runners, r)
	}
	if err := os.WriteFile(path, writeRoster(t, ro), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRosterSheet(t *testing.T) {
	ro := sampleRoster()
	wb := BuildRoster(ro)
	var names []string
	for _, sh := range wb.Sheets {
		names = append(names, sh.Name)
	}
	if d := cmp.Diff([]string{"Roster", "Method", "Import log"}, names); d != "" {
		t.Fatalf("sheets (-want +got):\n%s", d)
	}
	sh := wb.Sheets[0]
	if title := sh.Rows[0][0].V; title != "Caseload as of 2026-03-18 (the latest day with data across the caseload): 4 runners: 1 red, 1 amber, 1 green, 1 no data" {
		t.Errorf("title %q", title)
	}
	if sh.FreezeRows != 2 || !sh.OnePage || len(sh.Tables) != 1 || sh.Tables[0].Header != 2 || sh.Tables[0].Last != 6 {
		t.Errorf("freeze %d, one page %v, tables %+v: want the header frozen, one page (every sheet prints landscape), a table over rows 2–6",
			sh.FreezeRows, sh.OnePage, sh.Tables)
	}
	head := map[string]int{}
	for i, c := range sh.Rows[1] {
		head[c.V.(string)] = i
	}
	for _, h := range []string{"Running min this week (3 of 7 days)", "Running min last week (2026-W11)", "Report", "Why"} {
		if _, ok := head[h]; !ok {
			t.Errorf("no column %q in %v", h, head)
		}
	}
	cell := func(row int, h string) Cell { return sh.Rows[row][head[h]] }
	for row, want := range map[int]string{2: "red", 3: "amber", 4: "green", 5: "no data"} {
		c := cell(row, "Status")
		if c.V != want || c.S.Fill == "" {
			t.Errorf("row %d status %v (fill %q), want %s with its colour", row+1, c.V, c.S.Fill, want)
		}
	}
	if c := cell(2, "Running min last week (2026-W11)"); c.V != 110.0 || c.S.Fill != colRedFill {
		t.Errorf("Dee's last week %v %+v, want 110 in red (over 100)", c.V, c.S)
	}
	if c := cell(4, "Why"); c.V != "every check passed" {
		t.Errorf("a green row's reasons %q", c.V)
	}
	// No data: the windows' counts are unknown, not 0; the inputs are known.
	if c := cell(5, "Breaches last 7 days"); c.V != nil {
		t.Errorf("no-data row's breaches %v, want empty", c.V)
	}
	if c := cell(5, "Files read"); c.V != 1 {
		t.Errorf("no-data row's files %v, want 1", c.V)
	}
	want := []Link{
		{Cell: "A3", Target: "Dee.xlsx", Tooltip: "Open Dee's report"},
		{Cell: "S3", Target: "Dee.xlsx", Tooltip: "Open Dee's report"},
		{Cell: "A4", Target: "Zo%C3%AB%20%C3%85ngstr%C3%B6m.xlsx", Tooltip: "Open Zoë Ångström's report"},
		{Cell: "S4", Target: "Zo%C3%AB%20%C3%85ngstr%C3%B6m.xlsx", Tooltip: "Open Zoë Ångström's report"},
		{Cell: "A5", Target: "Amy.xlsx", Tooltip: "Open Amy's report"},
		{Cell: "S5", Target: "Amy.xlsx", Tooltip: "Open Amy's report"},
	}
	if d := cmp.Diff(want, sh.Links); d != "" {
		t.Errorf("links (-want +got):\n%s", d)
	}
}

func TestLinkTarget(t *testing.T) {
	for in, want := range map[string]string{
		"Amy.xlsx":               "Amy.xlsx",
		"Zoë Ångström.xlsx":      "Zo%C3%AB%20%C3%85ngstr%C3%B6m.xlsx",
		"a:b.xlsx":               "./a:b.xlsx",
		"100% #1.xlsx":           "100%25%20%231.xlsx",
		"sub/O'Neil & Sons.xlsx": "sub/O%27Neil%20&%20Sons.xlsx",
	} {
		if got := linkTarget(in); got != want {
			t.Errorf("linkTarget(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteRoster(t *testing.T) {
	ro := sampleRoster()
	a, b := writeRoster(t, ro), writeRoster(t, ro)
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same roster differ")
	}
	f := open(t, a)
	if d := cmp.Diff([]string{"Roster", "Method", "Import log"}, f.GetSheetList()); d != "" {
		t.Errorf("sheets (-want +got):\n%s", d)
	}
	for cell, want := range map[string]string{"A3": "Dee.xlsx", "A4": "Zo%C3%AB%20%C3%85ngstr%C3%B6m.xlsx", "S5": "Amy.xlsx"} {
		ok, target, err := f.GetCellHyperLink("Roster", cell)
		if err != nil || !ok || target != want {
			t.Errorf("Roster!%s links to %q (%v, %v), want %q", cell, target, ok, err, want)
		}
	}
	if ok, _, _ := f.GetCellHyperLink("Roster", "A6"); ok {
		t.Error("the no-data runner links to a workbook that was not written")
	}
	if v, _ := f.GetCellValue("Roster", "D3"); v != "46099" {
		t.Errorf("Roster!D3 = %q, want the date serial of 2026-03-18", v)
	}
	parts := unzip(t, a)
	if rels := string(parts["xl/worksheets/_rels/sheet1.xml.rels"]); !strings.Contains(rels, `Target="Zo%C3%AB%20%C3%85ngstr%C3%B6m.xlsx"`) || !strings.Contains(rels, `TargetMode="External"`) {
		t.Errorf("sheet1 relationships hold no external link to Zoë's workbook:\n%s", rels)
	}
	if sheet := string(parts["xl/worksheets/sheet1.xml"]); !strings.Contains(sheet, `orientation="landscape"`) || !strings.Contains(sheet, `fitToHeight="1"`) {
		t.Errorf("the roster does not print on one page:\n%s", sheet)
	}
}

func TestWriteRosterJSON(t *testing.T) {
	var a, b bytes.Buffer
	ro := sampleRoster()
	if err := WriteRosterJSON(&a, ro); err != nil {
		t.Fatal(err)
	}
	if err := WriteRosterJSON(&b, ro); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes differ")
	}
	golden(t, "roster.json", a.Bytes())
}
