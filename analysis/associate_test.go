package analysis

import (
	"math"
	"strings"
	"testing"
)

func TestKatzInterval(t *testing.T) {
	for _, tc := range []struct {
		name         string
		a, n1, c, n2 int
		rr, lo, hi   float64 // rounded to 2 decimals
		corrected    bool
	}{
		// DOMAIN §5 worked numbers. RR = (2/5)/(4/40) = 0.4/0.1 = 4.0;
		// SE = √(1/2 − 1/5 + 1/4 − 1/40) = √0.525 = 0.7246; 1.96·SE = 1.4202;
		// 4·e^−1.4202 = 0.967, 4·e^1.4202 = 16.55.
		{"2 of 5 vs 4 of 40 is RR 4.0, 0.97 to 16.6", 2, 5, 4, 40, 4.0, 0.97, 16.55, false},
		// SE = √(1/4 − 1/10 + 1/4 − 1/40) = √0.375 = 0.6124; 4·e^∓1.2003 = 1.20, 13.28.
		{"4 of 10 vs 4 of 40 is RR 4.0, 1.2 to 13.3", 4, 10, 4, 40, 4.0, 1.20, 13.28, false},
		// A zero cell: 0.5 added to each: (0.5/11)/(4.5/41) = 0.4141;
		// SE = √(1/0.5 − 1/11 + 1/4.5 − 1/41) = √2.1069 = 1.4515; 0.4141·e^∓2.8450 = 0.024, 7.12.
		{"a zero cell adds 0.5 to every cell", 0, 10, 4, 40, 0.41, 0.02, 7.12, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rr, lo, hi, corr := KatzInterval(tc.a, tc.n1, tc.c, tc.n2)
			got := [3]float64{round(rr, 2), round(lo, 2), round(hi, 2)}
			if want := [3]float64{tc.rr, tc.lo, tc.hi}; got != want || corr != tc.corrected {
				t.Errorf("KatzInterval = %v %v, want %v %v", got, corr, want, tc.corrected)
			}
		})
	}
	// The published rounding: 16.55 → 16.6 and 0.967 → 0.97.
	if _, lo, hi, _ := KatzInterval(2, 5, 4, 40); round(lo, 2) != 0.97 || round(hi, 1) != 16.6 {
		t.Errorf("published interval: got %.3f–%.3f, want 0.97–16.6", lo, hi)
	}
}

// Fisher's exact p, pinned against exact rational arithmetic done independently
// (Python fractions: sum of C(5,x)·C(40,6−x)/C(45,6) over tables no more likely than x = 2).
func TestFisherExact(t *testing.T) {
	for _, tc := range []struct {
		name       string
		a, b, c, d int
		want       float64
	}{
		{"2 of 5 vs 4 of 40 is 16944/135751", 2, 3, 4, 36, 16944.0 / 135751},
		{"4 of 10 vs 4 of 40 is 1456687/35791910", 4, 6, 4, 36, 1456687.0 / 35791910},
		// Fisher's tea tasting: tables 0..4 have 1, 16, 36, 16, 1 of 70; p(3) = (16+1+16+1)/70.
		{"lady tasting tea 3 of 4 is 34/70", 3, 1, 1, 3, 34.0 / 70},
		{"a table as likely as can be has p 1", 2, 2, 2, 2, 1},
		{"an empty table has p 1", 0, 0, 0, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FisherExact(tc.a, tc.b, tc.c, tc.d); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("FisherExact = %.15f, want %.15f", got, tc.want)
			}
		})
	}
	if got := round(FisherExact(2, 3, 4, 36), 4); got != 0.1248 {
		t.Errorf("FisherExact(2,3,4,36) = %v, want 0.1248", got)
	}
}

func TestSpearman(t *testing.T) {
	for _, tc := range []struct {
		name string
		x, y []float64
		want Opt[float64] // rounded to 4 decimals
	}{
		// d = −1, 1, −1, 1, 0; Σd² = 4; ρ = 1 − 6·4/(5·24) = 0.8
		{"no ties: 1 − 6Σd²/(n(n²−1)) = 0.8", []float64{1, 2, 3, 4, 5}, []float64{2, 1, 4, 3, 5}, Some(0.8)},
		// y ranks 1.5 1.5 3 4; Σdxdy = 4.5, Σdx² = 5, Σdy² = 4.5; ρ = 4.5/√22.5 = 0.9487
		{"ties share their mean rank", []float64{1, 2, 3, 4}, []float64{1, 1, 2, 3}, Some(0.9487)},
		{"reversed order is −1", []float64{1, 2, 3}, []float64{3, 2, 1}, Some(-1.0)},
		{"no spread is absent, not NaN", []float64{1, 2, 3}, []float64{2, 2, 2}, Opt[float64]{}},
		{"two pairs are too few", []float64{1, 2}, []float64{1, 2}, Opt[float64]{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Spearman(tc.x, tc.y)
			if got.OK {
				got.V = round(got.V, 4)
			}
			if got != tc.want {
				t.Errorf("Spearman = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAssociateSentence(t *testing.T) {
	const tail = " This is an association in your own data; it does not show that the sessions caused the pain."
	for _, tc := range []struct {
		name               string
		n1, r1, n2, r2     int
		days               int
		pct                float64
		window             Window
		wantEnough, wantCI bool
		want               string
	}{
		{"10 exposure and 40 other days give an interval", 10, 4, 40, 4, 90, 100, Window24h, true, true,
			"On the 10 mornings after a spike or a breach, there was a pain response 4 times (40 %); after other training days 4 times in 40 (10 %). Risk ratio 4.0 (95 % CI 1.2 to 13)." + tail},
		{"5 exposure days: no interval, and how many more are needed", 5, 2, 40, 4, 90, 100, Window24h, true, false,
			"On the 5 mornings after a spike or a breach, there was a pain response 2 times (40 %); after other training days 4 times in 40 (10 %). Too few days for a risk ratio: 3 more days with a spike or a breach needed." + tail},
		// 7 exposure days: 8 − 7 = 1 more; 7 other days: 1 more. One day is "day", not "days".
		{"one more day of each is singular", 7, 2, 7, 1, 90, 100, Window24h, true, false,
			"On the 7 mornings after a spike or a breach, there was a pain response 2 times (29 %); after other training days once in 7 (14 %). Too few days for a risk ratio: 1 more day with a spike or a breach and 1 more other training day needed." + tail},
		{"48 h wording", 10, 4, 40, 4, 90, 100, Window48h, true, true,
			"Within 48 hours after the 10 days with a spike or a breach, there was a pain response 4 times (40 %); after other training days 4 times in 40 (10 %). Risk ratio 4.0 (95 % CI 1.2 to 13)." + tail},
		// a zero cell: (0.5/11)/(4.5/41) = 0.41
		{"a zero cell is corrected and said", 10, 0, 40, 4, 90, 100, Window24h, true, true,
			"On the 10 mornings after a spike or a breach, there was a pain response 0 times (0 %); after other training days 4 times in 40 (10 %). Risk ratio 0.41 (95 % CI 0.02 to 7.1), with 0.5 added to every count because one was 0." + tail},
		{"under 28 days nothing is compared", 10, 4, 10, 4, 20, 100, Window24h, false, false,
			"Nothing is compared yet: the period has 20 days (28 needed)."},
		{"under 70 % of mornings logged nothing is compared", 10, 4, 10, 4, 60, 65, Window24h, false, false,
			"Nothing is compared yet: 65 % of mornings were logged (70 % needed)."},
		{"no exposure day", 0, 0, 30, 4, 60, 90, Window24h, true, false,
			"Nothing is compared: there was no training day with a spike or a breach with the next morning logged."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Associate(tc.n1, tc.r1, tc.n2, tc.r2, tc.days, tc.pct, nil, nil, tc.window)
			if got.Sentence != tc.want {
				t.Errorf("sentence\n got %q\nwant %q", got.Sentence, tc.want)
			}
			if got.EnoughData != tc.wantEnough || got.RRLow.OK != tc.wantCI || got.RRHigh.OK != tc.wantCI {
				t.Errorf("EnoughData %v, CI %v; want %v, %v", got.EnoughData, got.RRLow.OK, tc.wantEnough, tc.wantCI)
			}
			if !tc.wantCI && strings.Contains(strings.ToLower(got.Sentence), "signal") {
				t.Errorf("the word signal without an interval: %q", got.Sentence)
			}
		})
	}
}
