package analysis

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // LoadLocation in tests must not depend on the machine's zone database

	"github.com/google/go-cmp/cmp"
)

func TestSessionSpike(t *testing.T) {
	base := run("2026-03-01", 60, 10) // the longest run of the previous 30 days: 10 km, 60 min
	ride := other(Cycling, "2026-03-05", 300)
	ride.DistanceM = Some(100000.0)
	for _, tc := range []struct {
		name       string
		s          Session
		thr        float64
		wantOK     bool
		wantBand   SpikeBand
		wantRatio  Opt[float64] // rounded to 3 decimals
		wantDetail string       // a part of it
	}{
		{"exactly 1.10 × the longest is not a spike", run("2026-03-08", 66, 11), 1.10, false, "", Opt[float64]{}, ""},
		{"11.1 / 10 = 1.11 is small", run("2026-03-08", 66, 11.1), 1.10, true, BandSmall, Some(1.11), "11.10 km vs longest 10.00 km"},
		{"13.0 / 10 = 1.30 is still small", run("2026-03-08", 66, 13), 1.10, true, BandSmall, Some(1.3), ""},
		{"13.1 / 10 = 1.31 is moderate", run("2026-03-08", 66, 13.1), 1.10, true, BandModerate, Some(1.31), ""},
		{"20.0 / 10 = 2.00 is still moderate", run("2026-03-08", 66, 20), 1.10, true, BandModerate, Some(2.0), ""},
		{"20.1 / 10 = 2.01 is large", run("2026-03-08", 66, 20.1), 1.10, true, BandLarge, Some(2.01), ""},
		// window: 03-02 (30 days before 04-01) to 04-01 07:00: the 03-01 run is out
		{"no run in the previous 30 days is first run back", run("2026-04-01", 30, 5), 1.10, true, BandFirstRun, Opt[float64]{}, "first run back"},
		// window: 03-01 (30 days before 03-31) to 03-31 07:00: the 03-01 run is in; 11/10 = 1.10
		{"a run exactly 30 days back is in the window", run("2026-03-31", 66, 11), 1.10, false, "", Opt[float64]{}, ""},
		// 70 min / 60 min = 1.167
		{"a run without distance uses duration, labelled", run("2026-03-08", 70, 0), 1.10, true, BandSmall, Some(1.167), "duration proxy: no distance"},
		{"a Plan threshold of 20 %: 11.5 / 10 = 1.15 is not a spike", run("2026-03-08", 66, 11.5), 1.20, false, "", Opt[float64]{}, ""},
		{"a Plan threshold of 20 %: 12.1 / 10 = 1.21 is small", run("2026-03-08", 66, 12.1), 1.20, true, BandSmall, Some(1.21), ""},
		{"cross-training is not a spike", ride, 1.10, false, "", Opt[float64]{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := SessionSpike([]Session{tc.s, ride, base}, tc.s, tc.thr)
			if got.Value.OK {
				got.Value.V = round(got.Value.V, 3)
			}
			if ok != tc.wantOK || got.Band != tc.wantBand || got.Value != tc.wantRatio || !strings.Contains(got.Detail, tc.wantDetail) {
				t.Errorf("SessionSpike = %v %q %v %q, want %v %q %v %q", ok, got.Band, got.Value, got.Detail, tc.wantOK, tc.wantBand, tc.wantRatio, tc.wantDetail)
			}
		})
	}
}

func TestWeekIncrease(t *testing.T) {
	d := D("2026-03-14")
	// totals puts prev on 03-01 (in the 7 days before: 03-01..03-07) and cur on 03-14 (03-08..03-14).
	totals := func(prevKm, curKm, prevMin, curMin float64, noDist bool) map[Day]runTotals {
		return map[Day]runTotals{
			D("2026-03-01"): {km: prevKm, min: prevMin},
			D("2026-03-14"): {km: curKm, min: curMin, noDist: noDist},
		}
	}
	for _, tc := range []struct {
		name      string
		t         map[Day]runTotals
		thr       float64
		wantSpike bool
		wantWatch Opt[float64]
		wantPct   float64
	}{
		// (13 − 10)/10 = 30 %: not over 30, but over the 20 % watch line
		{"exactly 30 % is a watch, not a spike", totals(10, 13, 60, 78, false), 30, false, Some(30.0), 0},
		{"(13.1 − 10)/10 = 31 % is a spike", totals(10, 13.1, 60, 78, false), 30, true, Opt[float64]{}, 31},
		{"(12.1 − 10)/10 = 21 % is a watch", totals(10, 12.1, 60, 70, false), 30, false, Some(21.0), 0},
		{"a base under 5 km is not evaluated", totals(4.9, 20, 30, 120, false), 30, false, Opt[float64]{}, 0},
		// minutes: (90 − 60)/60 = 50 %
		{"a run without distance: minutes, 50 %", totals(10, 10, 60, 90, true), 30, true, Opt[float64]{}, 50},
		{"a minutes base under 30 is not evaluated", totals(10, 10, 25, 90, true), 30, false, Opt[float64]{}, 0},
		{"a Plan threshold of 50 %: 31 % is only a watch", totals(10, 13.1, 60, 78, false), 50, false, Some(31.0), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sp, watch, ok := weekIncrease(tc.t, d, tc.thr)
			if watch.OK {
				watch.V = round(watch.V, 1)
			}
			if ok != tc.wantSpike || watch != tc.wantWatch || (ok && round(sp.Value.V, 1) != tc.wantPct) {
				t.Errorf("weekIncrease = %v %v %v, want %v %v %v", ok, watch, sp.Value, tc.wantSpike, tc.wantWatch, tc.wantPct)
			}
		})
	}
}

func TestSpikesInAnalyze(t *testing.T) {
	sessions := []Session{
		run("2026-03-01", 30, 5), run("2026-03-04", 30, 5), // 7 days to 03-07: 10 km
		run("2026-03-08", 30, 5), run("2026-03-11", 30, 5), run("2026-03-14", 40, 8), // 03-08..03-14: 18 km
	}
	r := Analyze(sessions, nil, Plan{}, Config{})
	type row struct {
		Day, Kind string
		Band      SpikeBand
		Value     Opt[float64]
	}
	var got []row
	for _, s := range r.Spikes {
		v := s.Value
		if v.OK {
			v.V = round(v.V, 2)
		}
		got = append(got, row{s.Day.String(), string(s.Kind), s.Band, v})
	}
	want := []row{
		{"2026-03-01", "session_increase", BandFirstRun, Opt[float64]{}},
		// 03-02..03-08 (10 km) vs 02-23..03-01 (5 km): +100 %
		{"2026-03-08", "week_increase", BandFlag, Some(100.0)},
		// 8/5 = 1.6
		{"2026-03-14", "session_increase", BandModerate, Some(1.6)},
		// 03-08..03-14: 18 km vs 03-01..03-07: 10 km: +80 %
		{"2026-03-14", "week_increase", BandFlag, Some(80.0)},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("spikes (-want +got):\n%s", d)
	}
	// 03-11: 03-05..03-11 (10 km) vs 02-26..03-04 (10 km): 0 %, no flag.
	first := r.Sessions[0].Flags
	if d := cmp.Diff([]Flag{{Kind: FlagFirstRunBack, Spike: SpikeSession}}, first); d != "" {
		t.Errorf("first run flags (-want +got):\n%s", d)
	}
	for _, e := range r.Exposure {
		if e.Day == D("2026-03-01") && e.Exposed {
			t.Errorf("first run back counted as exposure: %+v", e)
		}
	}
}

func TestACWRFlagOnlyWithPlanRule(t *testing.T) {
	var sessions []Session
	start := D("2026-01-01")
	for i := range 40 {
		sessions = append(sessions, run(start.AddDays(i).String(), 30, 5))
	}
	// Day 41: 150 min. acute ≈ 0.25·150 + 0.75·30 = 60; chronic ≈ (2/29)·150 + (27/29)·28.3 = 36.7; ACWR ≈ 1.64
	big := start.AddDays(40)
	sessions = append(sessions, run(big.String(), 150, 25))
	for _, tc := range []struct {
		name string
		plan Plan
		want int
	}{
		{"no acwr_max: ACWR is context only", Plan{}, 0},
		{"acwr_max 1.5 flags the 150-minute day", plan(rule("2026-01-01", ACWRMax, Any, 1.5)), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze(sessions, nil, tc.plan, Config{})
			var acwr []Spike
			for _, s := range r.Spikes {
				if s.Kind == SpikeACWR {
					acwr = append(acwr, s)
				}
			}
			if len(acwr) != tc.want {
				t.Fatalf("%d ACWR spikes, want %d: %+v", len(acwr), tc.want, acwr)
			}
			if tc.want == 1 && (acwr[0].Day != big || round(acwr[0].Value.V, 2) != 1.64) {
				t.Errorf("ACWR spike %s %v, want %s 1.64", acwr[0].Day, acwr[0].Value, big)
			}
			for i, d := range r.Days {
				if i < 28 && d.ACWR.OK {
					t.Errorf("ACWR on day %d (%s): none in the first 28 days", i+1, d.Day)
				}
				if i >= 28 && !d.ACWR.OK {
					t.Errorf("no ACWR on day %d (%s)", i+1, d.Day)
				}
			}
		})
	}
}

// TestSessionSpikeWindowIsCalendarDays: the window is the 30 local calendar days before the
// run's day (DOMAIN §3), not 720 hours. In Europe/London the clocks go back on Sunday
// 25 October 2026 and forward on Sunday 29 March 2026.
func TestSessionSpikeWindowIsCalendarDays(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	lrun := func(y int, m time.Month, d, hh, mm int, min, km float64) Session {
		start := time.Date(y, m, d, hh, mm, 0, 0, london)
		return Session{Source: "run.fit", Sport: Running, Start: start, Duration: mins(min), Elapsed: mins(min), DistanceM: Some(km * 1000)}
	}
	for _, tc := range []struct {
		name       string
		prev, s    Session
		wantBand   SpikeBand
		wantRatio  Opt[float64]
		wantDetail string
	}{
		// 07:00 BST on 11 Oct (06:00 UTC) to 07:00 GMT on 10 Nov (07:00 UTC) is 721 hours, but
		// 11 Oct is 30 days before 10 Nov: in the window. 10 / 8 = 1.25: small (> 1.10, ≤ 1.30).
		{"autumn: a run 30 local days earlier at the same clock time is in the window",
			lrun(2026, time.October, 11, 7, 0, 48, 8), lrun(2026, time.November, 10, 7, 0, 60, 10),
			BandSmall, Some(1.25), "10.00 km vs longest 8.00 km in the previous 30 days"},
		// 10 Oct is 31 days before 10 Nov: out, so nothing is in the window.
		{"autumn: a run 31 local days earlier is out",
			lrun(2026, time.October, 10, 7, 0, 48, 8), lrun(2026, time.November, 10, 7, 0, 60, 10),
			BandFirstRun, Opt[float64]{}, "first run back"},
		// 05:30 GMT on 21 Mar (05:30 UTC) is 720.5 hours before 07:00 BST on 20 Apr (06:00 UTC),
		// but 21 Mar is 30 days before 20 Apr: the whole day is in. 10 / 8 = 1.25: small.
		{"spring: any time on the day 30 local days earlier is in the window",
			lrun(2026, time.March, 21, 5, 30, 48, 8), lrun(2026, time.April, 20, 7, 0, 60, 10),
			BandSmall, Some(1.25), "10.00 km vs longest 8.00 km in the previous 30 days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := SessionSpike([]Session{tc.prev, tc.s}, tc.s, 1.10)
			if got.Value.OK {
				got.Value.V = round(got.Value.V, 3)
			}
			if !ok || got.Band != tc.wantBand || got.Value != tc.wantRatio || !strings.Contains(got.Detail, tc.wantDetail) {
				t.Errorf("SessionSpike = %v %q %v %q, want true %q %v %q", ok, got.Band, got.Value, got.Detail, tc.wantBand, tc.wantRatio, tc.wantDetail)
			}
		})
	}

	// Through Analyze, which hands SessionSpike only the runs near the window: the 10 Nov run
	// is a small spike (1.25), not "first run back"; the 11 Oct run is the first run.
	r := Analyze([]Session{lrun(2026, time.October, 11, 7, 0, 48, 8), lrun(2026, time.November, 10, 7, 0, 60, 10)}, nil, Plan{}, Config{})
	type spike struct {
		Day   string
		Band  SpikeBand
		Ratio Opt[float64]
	}
	var got []spike
	for _, sp := range r.Spikes {
		if sp.Kind == SpikeSession {
			if sp.Value.OK {
				sp.Value.V = round(sp.Value.V, 3)
			}
			got = append(got, spike{sp.Day.String(), sp.Band, sp.Value})
		}
	}
	want := []spike{{"2026-10-11", BandFirstRun, Opt[float64]{}}, {"2026-11-10", BandSmall, Some(1.25)}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("session spikes (-want +got):\n%s", d)
	}
}
