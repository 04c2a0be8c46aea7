package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func stiff(e SymptomEntry, s float64) SymptomEntry { e.Stiffness = Some(s); return e }
func limp(e SymptomEntry) SymptomEntry             { e.Limping = Some(true); return e }

func TestPainResponse(t *testing.T) {
	const d, d1, d2 = "2026-03-10", "2026-03-11", "2026-03-12"
	type out struct {
		Baseline, P24, P48 Opt[float64]
		R24, R48           Opt[bool]
		Confounded         bool
	}
	none, yes, no := Opt[bool]{}, Some(true), Some(false)
	f := func(v float64) Opt[float64] { return Some(v) }
	for _, tc := range []struct {
		name  string
		log   []SymptomEntry
		plan  Plan
		extra []Session
		want  out
	}{
		// 3 ≥ 1 + 2
		{"pain up 2 points on the day's baseline is a response",
			[]SymptomEntry{pain(d, 1), pain(d1, 3), pain(d2, 1)}, Plan{}, nil, out{f(1), f(3), f(3), yes, yes, false}},
		// 2 < 1 + 2 and 2 is not above 2
		{"pain up 1 point, equal to the threshold, is not a response",
			[]SymptomEntry{pain(d, 1), pain(d1, 2), pain(d2, 2)}, Plan{}, nil, out{f(1), f(2), f(2), no, no, false}},
		// 2.5 > 2 with baseline 0 within it
		{"pain over the threshold from within it is a response",
			[]SymptomEntry{pain(d, 0), pain(d1, 2.5), pain(d2, 0)}, Plan{}, nil, out{f(0), f(2.5), f(2.5), yes, yes, false}},
		// baseline 3 already over 2; 4 < 3 + 2
		{"from a baseline over the threshold only a 2-point rise counts",
			[]SymptomEntry{pain(d, 3), pain(d1, 4), pain(d2, 3)}, Plan{}, nil, out{f(3), f(4), f(4), no, no, false}},
		// d not logged: median of 03-07..03-09 (1, 2, 5) = 2; threshold 5; 4 ≥ 2 + 2
		{"a missing baseline is the median of the previous logged days",
			[]SymptomEntry{pain("2026-03-07", 1), pain("2026-03-08", 2), pain("2026-03-09", 5), pain(d1, 4), pain(d2, 0)},
			plan(rule("2026-01-01", PainThreshold, Running, 5)), nil, out{f(2), f(4), f(4), yes, yes, false}},
		// 3.5 < 2 + 2 and 3.5 ≤ 5
		{"under the median baseline + 2 with a Plan threshold of 5 is not a response",
			[]SymptomEntry{pain("2026-03-07", 1), pain("2026-03-08", 2), pain("2026-03-09", 5), pain(d1, 3.5), pain(d2, 0)},
			plan(rule("2026-01-01", PainThreshold, Running, 5)), nil, out{f(2), f(3.5), f(3.5), no, no, false}},
		// stiffness 4 ≥ 2 + 2
		{"next-morning stiffness up 2 points is a response",
			[]SymptomEntry{stiff(pain(d, 1), 2), stiff(pain(d1, 1), 4), pain(d2, 1)}, Plan{}, nil, out{f(1), f(1), f(1), yes, yes, false}},
		{"limping the next morning is a response",
			[]SymptomEntry{pain(d, 1), limp(pain(d1, 0)), pain(d2, 0)}, Plan{}, nil, out{f(1), f(0), f(0), yes, yes, false}},
		// +24 h unknown; +48 h: 5 ≥ 1 + 2
		{"a missing next morning: no 24 h response, the 48 h window still sees day 2",
			[]SymptomEntry{pain(d, 1), pain(d2, 5)}, Plan{}, nil, out{f(1), Opt[float64]{}, f(5), none, yes, false}},
		{"no 48 h answer while the second morning is missing and the first shows nothing",
			[]SymptomEntry{pain(d, 1), pain(d1, 1)}, Plan{}, nil, out{f(1), f(1), f(1), no, none, false}},
		// Nothing logged on d or before it (the log starts the morning after): no baseline, and
		// 5 > 2 is a response on its own (DOMAIN §4, the seed's rule, labelled "no baseline").
		// +48 h: d+1 already responded.
		{"pain over the threshold without any baseline is a response",
			[]SymptomEntry{pain(d1, 5)}, Plan{}, nil, out{Opt[float64]{}, f(5), f(5), yes, yes, false}},
		// 3 > 2 on d+1 and on d+2.
		{"pain over the threshold on both mornings without a baseline is a response at 24 and 48 h",
			[]SymptomEntry{pain(d1, 3), pain(d2, 3)}, Plan{}, nil, out{Opt[float64]{}, f(3), f(3), yes, yes, false}},
		// 2 is not above 2, and 1 is not either: a known "no", still without a baseline.
		{"pain equal to the threshold without a baseline is not a response",
			[]SymptomEntry{pain(d1, 2), pain(d2, 1)}, Plan{}, nil, out{Opt[float64]{}, f(2), f(2), no, no, false}},
		// d+1 not logged: unknown at 24 h, never no; d+2's 1 is within 2, so 48 h is unknown too.
		{"no baseline and nothing logged the next morning is unknown, not no",
			[]SymptomEntry{pain(d2, 1)}, Plan{}, nil, out{Opt[float64]{}, Opt[float64]{}, f(1), none, none, false}},
		{"a session the next day confounds the 48 h window",
			[]SymptomEntry{pain(d, 1), pain(d1, 1), pain(d2, 1)}, Plan{}, []Session{other(Cycling, d1, 45)}, out{f(1), f(1), f(1), no, no, true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sessions := append([]Session{run(d, 40, 8)}, tc.extra...)
			r := Analyze(sessions, tc.log, tc.plan, Config{})
			var e Exposure
			for _, x := range r.Exposure {
				if x.Day == D(d) {
					e = x
				}
			}
			s := r.Sessions[0]
			got := out{e.Baseline, s.PainNextDay, s.Pain48h, s.PainResponse, s.Response48h, e.Confounded48h}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("response (-want +got):\n%s", d)
			}
			if e.Baseline != s.Baseline {
				t.Errorf("exposure baseline %v and session baseline %v disagree", e.Baseline, s.Baseline)
			}
			for _, sp := range r.Spikes { // the run on d is the first run: "first run back"
				if sp.Day == D(d) && (sp.Baseline != s.Baseline || sp.PainResponse != s.PainResponse) {
					t.Errorf("spike baseline %v response %v and session %v %v disagree", sp.Baseline, sp.PainResponse, s.Baseline, s.PainResponse)
				}
			}
			if e.Response24h != s.PainResponse || e.Response48h != s.Response48h {
				t.Errorf("exposure %v/%v and session %v/%v disagree", e.Response24h, e.Response48h, s.PainResponse, s.Response48h)
			}
		})
	}
}

func TestNoSymptomLog(t *testing.T) {
	var sessions []Session
	for i := range 35 {
		sessions = append(sessions, run(D("2026-03-01").AddDays(i).String(), 30+float64(i%3)*10, 5))
	}
	r := Analyze(sessions, nil, plan(rule("2026-03-01", MaxSessionMinutes, Running, 45)), Config{})
	if len(r.Days) != 35 || len(r.Sessions) != 35 {
		t.Fatalf("%d days, %d sessions; want 35, 35", len(r.Days), len(r.Sessions))
	}
	for _, d := range r.Days {
		if d.Logged || d.Symptoms.Pain.OK {
			t.Errorf("%s has symptoms without a log", d.Day)
		}
	}
	for _, s := range r.Sessions {
		if s.PainNextDay.OK || s.PainResponse.OK || s.Response48h.OK {
			t.Errorf("%s has a pain response without a log", s.Day)
		}
	}
	// 50-minute runs on every third day break 45: 11 breaches.
	if len(r.Breaches) != 11 {
		t.Errorf("%d breaches, want 11", len(r.Breaches))
	}
	want := "Nothing is compared yet: 0 % of mornings were logged (70 % needed)."
	if r.Association.Sentence != want || r.Association.EnoughData {
		t.Errorf("association %q, want %q", r.Association.Sentence, want)
	}
	if r.Status.Level != LevelAmber {
		t.Errorf("status %+v, want amber", r.Status)
	}
}

func TestAssociationInAnalyze(t *testing.T) {
	// 28 days from Monday 03-02, every morning logged with pain 1. Runs of 30 min every other
	// day (14 runs); a 45-minute limit; the runs on 03-06, 03-10 and 03-14 are 50 min (breaches)
	// and each is followed by pain 4 (a response: 4 ≥ 1 + 2). One other run (03-20) is followed by pain 4.
	// Runs every other day make 7-day km swing 15 ↔ 20 (+33 %): week_increase_max_pct 100 keeps those out.
	var sessions []Session
	pains := make([]float64, 29)
	for i := range pains {
		pains[i] = 1
	}
	for i := 0; i < 28; i += 2 {
		day := D("2026-03-02").AddDays(i).String()
		min := 30.0
		if i == 4 || i == 8 || i == 12 {
			min = 50
			pains[i+1] = 4
		}
		sessions = append(sessions, run(day, min, 5))
	}
	pains[19] = 4
	r := Analyze(sessions, painDays("2026-03-02", pains...), plan(rule("2026-03-01", MaxSessionMinutes, Running, 45),
		rule("2026-03-01", WeekIncreaseMaxPct, Running, 100)), Config{})
	as := r.Association
	// Exposure: 3 days, 3 responses. Other: 11 training days, 1 response. Period 03-02..03-30 = 29 days,
	// all logged. RR = (3.5/4)/(1.5/12) = 7.0 with 0.5 added to every cell (a cell is 0: no exposure day without response).
	// Fisher [[3,0],[1,10]]: P(x) = C(3,x)·C(11,4−x)/C(14,4): 330, 495, 165, 11 of 1001;
	// the observed x = 3 is the least likely: p = 11/1001 = 0.011.
	got := []any{as.SpikeDays, as.SpikeDaysWithResponse, as.OtherDays, as.OtherDaysWithResponse, round(as.RelativeRisk.V, 2), as.Corrected, as.RRLow.OK, as.EnoughData, round(as.DaysLoggedPct, 1)}
	want := []any{3, 3, 11, 1, 7.0, true, false, true, 100.0}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("association (-want +got):\n%s", d)
	}
	if p := round(as.FisherP.V, 4); p != round(FisherExact(3, 0, 1, 10), 4) || p != 0.011 {
		t.Errorf("Fisher p %v, want 0.011", p)
	}
}

// TestFromToKeepsTheMorningsAround cuts the period to the one run day: its baseline comes from
// the morning before -from (pain 1 on 03-09) and its response from the mornings after -to
// (4 ≥ 1 + 2 on 03-11): -from and -to clip what is reported, not what is looked up.
func TestFromToKeepsTheMorningsAround(t *testing.T) {
	log := []SymptomEntry{pain("2026-03-09", 1), pain("2026-03-11", 4), pain("2026-03-12", 2)}
	r := Analyze([]Session{run("2026-03-10", 40, 8)}, log, Plan{},
		Config{From: Some(D("2026-03-10")), To: Some(D("2026-03-10"))})
	if len(r.Days) != 1 || len(r.Sessions) != 1 {
		t.Fatalf("%d days, %d sessions; want 1, 1", len(r.Days), len(r.Sessions))
	}
	s := r.Sessions[0]
	if s.PainNextDay != Some(4.0) || s.PainResponse != Some(true) || s.Pain48h != Some(4.0) || s.Response48h != Some(true) {
		t.Errorf("next day %v response %v, 48 h %v %v; want 4 true, 4 true", s.PainNextDay, s.PainResponse, s.Pain48h, s.Response48h)
	}
	if e := r.Exposure[0]; e.Baseline != Some(1.0) {
		t.Errorf("baseline %v, want 1 (the morning before -from)", e.Baseline)
	}
}

// TestConfoundedAcrossTo: a run on 03-10, the period's last day with -to, and another run after
// the period. A session on 03-11 (d+1) confounds 03-10's 48 h window whether or not -to cuts
// 03-11 off (DOMAIN §4: look-ups cross -to); one on 03-12 (d+2) does not. The 03-10 run is the
// first run, so it is also a "first run back" spike, which carries the same mark.
func TestConfoundedAcrossTo(t *testing.T) {
	log := []SymptomEntry{pain("2026-03-10", 1), pain("2026-03-11", 1), pain("2026-03-12", 1)}
	to := Config{To: Some(D("2026-03-10"))}
	for _, tc := range []struct {
		name  string
		after Session
		cfg   Config
		want  bool
	}{
		{"a run the day after -to confounds", run("2026-03-11", 30, 5), to, true},
		{"the same run without -to confounds", run("2026-03-11", 30, 5), Config{}, true},
		{"a run two days after -to does not", run("2026-03-12", 30, 5), to, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Analyze([]Session{run("2026-03-10", 40, 8), tc.after}, log, Plan{}, tc.cfg)
			if len(r.Exposure) == 0 || r.Exposure[0].Day != D("2026-03-10") {
				t.Fatalf("exposure %+v, want 2026-03-10 first", r.Exposure)
			}
			if got := r.Exposure[0].Confounded48h; got != tc.want {
				t.Errorf("exposure 2026-03-10 confounded_48h = %v, want %v", got, tc.want)
			}
			if len(r.Spikes) == 0 || r.Spikes[0].Day != D("2026-03-10") || r.Spikes[0].Band != BandFirstRun {
				t.Fatalf("spikes %+v, want first run back on 2026-03-10 first", r.Spikes)
			}
			if got := r.Spikes[0].Confounded48h; got != tc.want {
				t.Errorf("spike 2026-03-10 confounded_48h = %v, want %v", got, tc.want)
			}
		})
	}
}
