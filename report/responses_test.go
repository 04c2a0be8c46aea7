package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

// sheetNamed returns the sheet called name in wb.
func sheetNamed(t *testing.T, wb *Workbook, name string) *Sheet {
	t.Helper()
	for _, sh := range wb.Sheets {
		if sh.Name == name {
			return sh
		}
	}
	t.Fatalf("no sheet %q", name)
	return nil
}

// cellUnder returns the value n rows under the first header cell head of sh (n 1: the first
// data row).
func cellUnder(t *testing.T, sh *Sheet, n int, head string) any {
	t.Helper()
	for i, row := range sh.Rows {
		for j, c := range row {
			if c.V == head && isHead(c) {
				if i+n >= len(sh.Rows) || j >= len(sh.Rows[i+n]) {
					return nil
				}
				return sh.Rows[i+n][j].V
			}
		}
	}
	t.Fatalf("%s: no column %q", sh.Name, head)
	return nil
}

// TestDailyNextPainAfterTheEnd: a period cut by -to at 10 March, whose last day has pain 1 and
// a run, and pain 4 logged on 11 March, after the period. The analysis says the next morning's
// pain is 4 (and 4 ≥ 1 + 2 is a response); the Daily sheet's last row must show both, and the
// Summary chart's pain line must draw that column. The report has no 11 March row to read it from.
func TestDailyNextPainAfterTheEnd(t *testing.T) {
	d := analysis.Day{Year: 2026, Month: time.March, Day: 10}
	r := analysis.Result{From: d, To: d, Load: analysis.LoadMinutes,
		Days: []analysis.DayResult{{Day: d, Load: analysis.Some(40.0), RunningMin: 40, RunningKm: 8, WholeBody: 40, Logged: true,
			Symptoms: analysis.SymptomEntry{Day: d, Pain: analysis.Some(1.0)}, NextPain: analysis.Some(4.0),
			Response: analysis.Some(true), Baseline: analysis.Some(1.0)}},
		Exposure: []analysis.Exposure{{Day: d, Load: analysis.Some(40.0), Baseline: analysis.Some(1.0),
			Pain24h: analysis.Some(4.0), Pain48h: analysis.Some(4.0), Response24h: analysis.Some(true), Response48h: analysis.Some(true)}},
	}
	wb := Build(r, analysis.ImportLog{}, Meta{})
	daily := sheetNamed(t, wb, "Daily")
	if got := cellUnder(t, daily, 1, "Pain next morning"); got != 4.0 {
		t.Errorf("Daily 2026-03-10 pain next morning = %v, want 4", got)
	}
	if got := cellUnder(t, daily, 1, "Pain response"); got != "yes" {
		t.Errorf("Daily 2026-03-10 pain response = %v, want yes", got)
	}
	// "Pain next morning" is the 7th column, G; one data row.
	sum := sheetNamed(t, wb, "Summary")
	if len(sum.Charts) == 0 || len(sum.Charts[0].Lines) != 1 || sum.Charts[0].Lines[0].Values != "Daily!$G$2:$G$2" {
		t.Errorf("the Summary chart's pain line is not Daily!$G$2:$G$2: %+v", sum.Charts)
	}
}

// TestNoBaselineLabel: a run on 10 March with nothing logged that day or before it, and pain 5
// on the morning after (threshold 2). The analysis found no baseline, and 5 > 2 makes it a
// response at 24 and 48 h; a second run on 12 March had baseline 1 and pain 1 the morning after:
// no response, unlabelled. Every place that shows a response says "no baseline" beside the
// first; the JSON says it with a null baseline.
func TestNoBaselineLabel(t *testing.T) {
	d1 := analysis.Day{Year: 2026, Month: time.March, Day: 10}
	d3 := d1.AddDays(2)
	start := func(d analysis.Day) time.Time { return time.Date(d.Year, d.Month, d.Day, 7, 0, 0, 0, time.UTC) }
	none, yes, no := analysis.Opt[float64]{}, analysis.Some(true), analysis.Some(false)
	f := analysis.Some[float64]
	sess := func(d analysis.Day, base analysis.Opt[float64], p analysis.Opt[float64], r analysis.Opt[bool]) analysis.SessionResult {
		return analysis.SessionResult{Session: analysis.Session{Source: "run.fit", Sport: analysis.Running, Start: start(d),
			Duration: 30 * time.Minute}, Day: d, Load: f(30), Baseline: base, PainNextDay: p, Pain48h: p, PainResponse: r, Response48h: r}
	}
	r := analysis.Result{From: d1, To: d3.AddDays(1), Load: analysis.LoadMinutes,
		Sessions: []analysis.SessionResult{sess(d1, none, f(5), yes), sess(d3, f(1), f(1), no)},
		Spikes: []analysis.Spike{{Day: d1, Kind: analysis.SpikeSession, Band: analysis.BandFirstRun, Threshold: 1.1,
			SessionStart: analysis.Some(start(d1)), Baseline: none, PainNextDay: f(5), Pain48h: f(5), PainResponse: yes, Response48h: yes}},
		Exposure: []analysis.Exposure{
			{Day: d1, Load: f(30), Baseline: none, Pain24h: f(5), Pain48h: f(5), Response24h: yes, Response48h: yes},
			{Day: d3, Load: f(30), Baseline: f(1), Pain24h: f(1), Pain48h: f(1), Response24h: no, Response48h: no},
		},
	}
	for i := range 4 {
		d := analysis.DayResult{Day: d1.AddDays(i), Load: f(0)}
		if i == 0 || i == 2 {
			d.Load, d.RunningMin = f(30), 30
			e := r.Exposure[i/2]
			d.Response, d.Baseline = e.Response24h, e.Baseline
		}
		r.Days = append(r.Days, d)
	}
	wb := Build(r, analysis.ImportLog{}, Meta{})
	const label = "yes (no baseline)"
	got := map[string]any{
		"Sessions 10 March":    cellUnder(t, sheetNamed(t, wb, "Sessions"), 1, "Pain response"),
		"Sessions 12 March":    cellUnder(t, sheetNamed(t, wb, "Sessions"), 2, "Pain response"),
		"Daily 10 March":       cellUnder(t, sheetNamed(t, wb, "Daily"), 1, "Pain response"),
		"Daily 12 March":       cellUnder(t, sheetNamed(t, wb, "Daily"), 3, "Pain response"),
		"Flags spike 24 h":     cellUnder(t, sheetNamed(t, wb, "Flags"), 1, "Response 24 h"),
		"Flags spike 48 h":     cellUnder(t, sheetNamed(t, wb, "Flags"), 1, "Response 48 h"),
		"paired 10 March 24 h": cellUnder(t, sheetNamed(t, wb, "Flags"), 1, "Response +24 h"),
		"paired 10 March 48 h": cellUnder(t, sheetNamed(t, wb, "Flags"), 1, "Response +48 h"),
		"paired 12 March 24 h": cellUnder(t, sheetNamed(t, wb, "Flags"), 2, "Response +24 h"),
	}
	want := map[string]any{
		"Sessions 10 March": label, "Sessions 12 March": "no", "Daily 10 March": label, "Daily 12 March": "no",
		"Flags spike 24 h": label, "Flags spike 48 h": label,
		"paired 10 March 24 h": label, "paired 10 March 48 h": label, "paired 12 March 24 h": "no",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("response cells (-want +got):\n%s", d)
	}

	var b bytes.Buffer
	if err := WriteJSON(&b, r, analysis.ImportLog{}); err != nil {
		t.Fatal(err)
	}
	type resp struct {
		Baseline     *float64 `json:"baseline"`
		PainResponse *bool    `json:"pain_response"`
		Response24h  *bool    `json:"response_24h"`
	}
	var doc struct{ Sessions, Spikes, Exposure []resp }
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	one, tr, fa := 1.0, true, false
	wantJSON := map[string][]resp{
		"sessions": {{nil, &tr, nil}, {&one, &fa, nil}},
		"spikes":   {{nil, &tr, nil}},
		"exposure": {{nil, nil, &tr}, {&one, nil, &fa}},
	}
	gotJSON := map[string][]resp{"sessions": doc.Sessions, "spikes": doc.Spikes, "exposure": doc.Exposure}
	if d := cmp.Diff(wantJSON, gotJSON); d != "" {
		t.Errorf("JSON baseline and response (-want +got):\n%s", d)
	}
}
