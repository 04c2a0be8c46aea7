package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// Published numbers: Banister TRIMP for 60 min at HR 150, rest 60, max 190.
// x = (150−60)/(190−60) = 90/130 = 0.6923
// men:   60 · 0.6923 · 0.64 · e^(1.92·0.6923 = 1.3292 → 3.7777) = 100.44
// women: 60 · 0.6923 · 0.86 · e^(1.67·0.6923 = 1.1562 → 3.1777) = 113.52
func TestBanisterTRIMPPublished(t *testing.T) {
	for _, tc := range []struct {
		name   string
		female bool
		want   float64
	}{
		{"men 60 min at 150 with rest 60 max 190 is 100.4", false, 100.4},
		{"women 60 min at 150 with rest 60 max 190 is 113.5", true, 113.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := round(BanisterTRIMP(60, 150, 60, 190, tc.female), 1); got != tc.want {
				t.Errorf("BanisterTRIMP = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestBanisterTRIMPClamps(t *testing.T) {
	// HR under rest: x clamped to 0 → 0. HR over max: x = 1 → 10 · 1 · 0.64 · e^1.92 = 43.6
	if got := BanisterTRIMP(10, 50, 60, 190, false); got != 0 {
		t.Errorf("under rest: got %v, want 0", got)
	}
	if got, want := round(BanisterTRIMP(10, 200, 60, 190, false), 1), round(10*0.64*math.Exp(1.92), 1); got != want {
		t.Errorf("over max: got %v, want %v", got, want)
	}
}

func hist(bpm int, d time.Duration) *HRHistogram {
	h := &HRHistogram{}
	h.Add(bpm, d)
	return h
}

func TestSessionTRIMP(t *testing.T) {
	hour := time.Hour
	for _, tc := range []struct {
		name     string
		s        Session
		want     Opt[float64] // rounded to 0.1
		wantNote string
	}{
		{"stream of 60 min at 150 gives the published 100.4",
			Session{Sport: Running, Duration: hour, HR: hist(150, hour)}, Some(100.4), ""},
		// 48 of 60 min covered = 80 %: computed; 48 · 0.6923 · 0.64 · 3.7777 = 80.35
		{"HR covering exactly 80 % of moving time is enough",
			Session{Sport: Running, Duration: hour, HR: hist(150, 48*time.Minute)}, Some(80.4), ""},
		{"HR covering 78 % of moving time gives no TRIMP",
			Session{Sport: Running, Duration: hour, HR: hist(150, 47*time.Minute)}, Opt[float64]{},
			"heart rate covers 78 % of the moving time (80 % needed)"},
		{"no TRIMP for swims",
			Session{Sport: Swimming, Duration: hour, HR: hist(150, hour)}, Opt[float64]{}, "no TRIMP for swims"},
		{"average HR when there is no stream",
			Session{Sport: Cycling, Duration: hour, AvgHR: Some(150)}, Some(100.4), "from average HR (no HR stream)"},
		{"no heart rate at all",
			Session{Sport: Running, Duration: hour}, Opt[float64]{}, "no heart rate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, note := SessionTRIMP(tc.s, 190, 60, false)
			if got.OK {
				got.V = round(got.V, 1)
			}
			if got != tc.want || note != tc.wantNote {
				t.Errorf("SessionTRIMP = %v %q, want %v %q", got, note, tc.want, tc.wantNote)
			}
		})
	}
}

func TestEWMA(t *testing.T) {
	// λ 0.25 from 0: 40 → 10; 0 → 7.5; 0 → 5.625; 20 → 0.25·20 + 0.75·5.625 = 9.21875
	loads := []float64{40, 0, 0, 20}
	got := EWMA(loads, 0.25)
	if d := cmp.Diff([]float64{10, 7.5, 5.625, 9.21875}, got); d != "" {
		t.Errorf("EWMA (-want +got):\n%s", d)
	}
	if loads[0] != 40 {
		t.Error("EWMA modified its argument")
	}
}

func TestACWRGates(t *testing.T) {
	for _, tc := range []struct {
		name           string
		acute, chronic float64
		day            int
		floor          float64
		want           Opt[float64]
	}{
		{"no ratio in the first 28 days (index 27)", 30, 20, 27, 3, Opt[float64]{}},
		{"ratio from day 29 (index 28): 30/20 = 1.5", 30, 20, 28, 3, Some(1.5)},
		{"no ratio while chronic is near zero", 3, 2.9, 60, 3, Opt[float64]{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ACWR(tc.acute, tc.chronic, tc.day, tc.floor); got != tc.want {
				t.Errorf("ACWR = %v, want %v", got, tc.want)
			}
		})
	}
}

// denseHR is the histogram as it was, a value for every valid rate: HRHistogram must hold the
// same float32 at every rate, and give the same sums, whatever order the rates come in.
type denseHR [MaxValidHR - MinValidHR + 1]float32

func (d *denseHR) covered() time.Duration {
	var s float64
	for _, v := range d {
		s += float64(v)
	}
	return time.Duration(s * float64(time.Second))
}

func TestHRHistogramAsDense(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 3))
		var hs [2]HRHistogram
		var ds [2]denseHR
		for k := range hs {
			mid := 40 + rng.IntN(170)
			for range rng.IntN(400) {
				bpm := mid + rng.IntN(61) - 30
				if rng.IntN(50) == 0 {
					bpm = rng.IntN(300) - 20 // out of range too
				}
				d := time.Duration(rng.IntN(3000)) * time.Millisecond
				hs[k].Add(bpm, d)
				if bpm >= MinValidHR && bpm <= MaxValidHR && d > 0 {
					ds[k][bpm-MinValidHR] += float32(d.Seconds())
				}
			}
		}
		hs[0].Merge(&hs[1])
		for i, v := range ds[1] {
			ds[0][i] += v
		}
		hs[0].Clip()
		var got denseHR
		prev := 0
		for bpm, sec := range hs[0].All() {
			if prev != 0 && bpm != prev+1 {
				t.Fatalf("seed %d: rates %d then %d", seed, prev, bpm)
			}
			prev = bpm
			got[bpm-MinValidHR] = sec
		}
		if got != ds[0] {
			t.Fatalf("seed %d: the rates' seconds differ from the dense histogram's", seed)
		}
		if c, w := hs[0].Covered(), ds[0].covered(); c != w {
			t.Fatalf("seed %d: Covered %v, want %v", seed, c, w)
		}
		if len(hs[0].secs) > 0 && (hs[0].secs[0] == 0 || hs[0].secs[len(hs[0].secs)-1] == 0) {
			t.Fatalf("seed %d: the range starts or ends with a rate without time", seed)
		}
	}
	var empty HRHistogram
	if empty.Covered() != 0 || !empty.Equal(nil) || !(*HRHistogram)(nil).Equal(&empty) {
		t.Error("an empty histogram is not nil's equal")
	}
}
