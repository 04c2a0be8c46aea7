package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSamplePlantedEvents runs the tool on sample-data and checks that it finds exactly the
// events planted in the story (docs/sample-data.md, "Planted events"), with their numbers.
// Unlike the golden file, this list is written by hand from the story: -update cannot make
// a wrong analysis pass.
func TestSamplePlantedEvents(t *testing.T) {
	needSample(t)
	js := filepath.Join(t.TempDir(), "s.json")
	code, _, stderr := analyzeCmd(t, "-q", "-tz", "Europe/London", "-o", filepath.Join(t.TempDir(), "s.xlsx"), "-json", js, sampleDir)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var doc struct {
		Breaches []struct {
			Date, Crossed, Rule string
			Limit, Value        float64
		}
		Minimums []struct {
			Week, Rule   string
			Value, Limit float64
			Met          bool
		}
		Spikes []struct {
			Date, Kind, Band string
			Value            *float64
		}
		Sessions []struct {
			Date string
			R24  *bool `json:"pain_response"`
			R48  *bool `json:"response_48h"`
		}
		Inputs []struct{ Path, Status string }
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}

	var breaches []string
	for _, x := range doc.Breaches {
		breaches = append(breaches, fmt.Sprintf("%s (crossed %s) %s %g > %g", x.Date, x.Crossed, x.Rule, x.Value, x.Limit))
	}
	wantBreaches := []string{
		"2026-09-17 (crossed 2026-09-17) max_session_minutes 36 > 30",
		"2026-09-20 (crossed 2026-09-20) max_sessions_per_week 5 > 4", // W38: 5 runs, the 5th on Sunday
		"2026-09-20 (crossed 2026-09-19) max_weekly_minutes 112 > 90", // W38, over on Saturday
		"2026-10-01 (crossed 2026-10-01) max_avg_hr 168 > 165",
		"2026-10-10 (crossed 2026-10-10) max_consecutive_days 3 > 2", // 10-08, 10-09, 10-10
		"2026-10-17 (crossed 2026-10-17) max_session_km 7.6 > 7",
		"2026-10-17 (crossed 2026-10-17) max_session_minutes 55 > 40", // the limit was raised to 40 in W39
		"2026-10-17 (crossed 2026-10-17) max_session_rpe 8 > 6",
		"2026-10-18 (crossed 2026-10-17) max_weekly_km 15.4 > 15", // W42, over with the long run
	}
	if d := cmp.Diff(wantBreaches, breaches); d != "" {
		t.Errorf("breaches (-want +got):\n%s", d)
	}

	var missed []string
	for _, m := range doc.Minimums {
		if !m.Met {
			missed = append(missed, fmt.Sprintf("%s %s %g of %g", m.Week, m.Rule, m.Value, m.Limit))
		}
	}
	wantMissed := []string{
		"2026-W37 min_strength_sessions_per_week 1 of 2",
		"2026-W38 min_rehab_days_per_week 3 of 4",
	}
	if d := cmp.Diff(wantMissed, missed); d != "" {
		t.Errorf("missed minimums (-want +got):\n%s", d)
	}

	var spikes []string
	for _, s := range doc.Spikes {
		v := "-"
		if s.Value != nil {
			v = fmt.Sprintf("%.2f", *s.Value)
		}
		spikes = append(spikes, fmt.Sprintf("%s %s %s %s", s.Date, s.Kind, s.Band, v))
	}
	wantSpikes := []string{
		"2026-09-01 session_increase first run back -",
		"2026-09-17 session_increase small 1.25",    // 3.3 km / 2.65 km
		"2026-09-20 week_increase flag 63.94",       // 12.70 vs 7.75 km: +63.9 %
		"2026-10-17 session_increase moderate 1.95", // 7.6 km / 3.9 km
		"2026-11-03 week_increase flag 38.16",       // 10.50 vs 7.60 km: +38.2 %
	}
	if d := cmp.Diff(wantSpikes, spikes); d != "" {
		t.Errorf("spikes (-want +got):\n%s", d)
	}

	var r24, r48 []string
	for _, s := range doc.Sessions {
		if s.R24 != nil && *s.R24 {
			r24 = append(r24, s.Date)
		}
		if s.R48 != nil && *s.R48 {
			r48 = append(r48, s.Date)
		}
	}
	// Only the long run of 10-17: next morning pain 4 on a baseline of 1, stiffness 2 → 5, limping.
	if d := cmp.Diff([]string{"2026-10-17"}, r24); d != "" {
		t.Errorf("sessions with a pain response at 24 h (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"2026-10-17"}, r48); d != "" {
		t.Errorf("sessions with a pain response at 48 h (-want +got):\n%s", d)
	}

	// The run exported twice counts once: its GPX is the duplicate.
	dup := 0
	for _, in := range doc.Inputs {
		if in.Status == "duplicate" {
			dup++
			if filepath.Base(in.Path) != "2026-10-03-run.gpx" {
				t.Errorf("%s is a duplicate, want only 2026-10-03-run.gpx", in.Path)
			}
		}
	}
	if dup != 1 || len(doc.Sessions) != 62 {
		t.Errorf("%d duplicates and %d sessions, want 1 and 62", dup, len(doc.Sessions))
	}
}
