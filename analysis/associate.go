package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// KatzInterval returns the relative risk (a/n1)/(c/n2) of a responses in n1 exposure days
// against c in n2 other days, with its 95 % interval by the Katz log method:
// exp(ln RR ± 1.96·√(1/a − 1/n1 + 1/c − 1/n2)). When a cell of the 2×2 table is 0, 0.5 is
// added to every cell (corrected). 2 of 5 vs 4 of 40 gives RR 4.0, 0.97–16.6.
// n1 and n2 must be positive.
func KatzInterval(a, n1, c, n2 int) (rr, lo, hi float64, corrected bool) {
	fa, fn1, fc, fn2 := float64(a), float64(n1), float64(c), float64(n2)
	if a == 0 || c == 0 || n1-a == 0 || n2-c == 0 {
		fa, fn1, fc, fn2, corrected = fa+0.5, fn1+1, fc+0.5, fn2+1, true
	}
	rr = (fa / fn1) / (fc / fn2)
	se := math.Sqrt(1/fa - 1/fn1 + 1/fc - 1/fn2)
	return rr, math.Exp(math.Log(rr) - 1.96*se), math.Exp(math.Log(rr) + 1.96*se), corrected
}

// FisherExact returns the two-sided p of Fisher's exact test for the 2×2 table
// [[a, b], [c, d]]: the sum of the hypergeometric probabilities of every table with the same
// margins that is no more likely than the one observed (relative tolerance 1e-7, as R's fisher.test).
func FisherExact(a, b, c, d int) float64 {
	r1, r2, c1 := a+b, c+d, a+c
	n := r1 + r2
	if n == 0 {
		return 1
	}
	lp := func(x int) float64 { return lchoose(r1, x) + lchoose(r2, c1-x) - lchoose(n, c1) }
	obs := lp(a)
	var p float64
	for x := max(0, c1-r2); x <= min(r1, c1); x++ {
		if l := lp(x); l <= obs+1e-7 {
			p += math.Exp(l)
		}
	}
	return min(p, 1)
}

func lchoose(n, k int) float64 {
	a, _ := math.Lgamma(float64(n + 1))
	b, _ := math.Lgamma(float64(k + 1))
	c, _ := math.Lgamma(float64(n - k + 1))
	return a - b - c
}

// Spearman returns Spearman's rank correlation of x and y (ties get their mean rank), absent
// under 3 pairs or when either has no spread. It does not modify x or y.
func Spearman(x, y []float64) Opt[float64] {
	n := len(x)
	if n != len(y) || n < 3 {
		return Opt[float64]{}
	}
	rx, ry := ranks(x), ranks(y)
	mean := float64(n+1) / 2
	var sxy, sxx, syy float64
	for i := range n {
		dx, dy := rx[i]-mean, ry[i]-mean
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return Opt[float64]{}
	}
	return Some(sxy / math.Sqrt(sxx*syy))
}

// ranks returns the 1-based ranks of xs, ties sharing their mean rank.
func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return cmp.Compare(xs[i], xs[j]) })
	r := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		for k := i; k <= j; k++ {
			r[idx[k]] = float64(i+j)/2 + 1
		}
		i = j + 1
	}
	return r
}

// exposures builds the paired table of DOMAIN §5: every training day of the period, exposed
// when it had a spike (not "first run back", which has no ratio) or a breach of a maximum. A
// weekly or run-of-days breach counts on the day it was crossed.
func (in *inputs) exposures(days []DayResult, breaches []breachAt, spikes []Spike, resp map[Day]painResponse) []Exposure {
	why := map[Day][]string{}
	add := func(d Day, reason string) {
		if !slices.Contains(why[d], reason) {
			why[d] = append(why[d], reason)
		}
	}
	for _, b := range breaches {
		if b.SessionStart.OK {
			add(b.Crossed, fmt.Sprintf("breach %s", b.Rule))
		} else {
			add(b.Crossed, fmt.Sprintf("breach %s (crossed this day)", b.Rule))
		}
	}
	for _, sp := range spikes {
		if sp.Band != BandFirstRun {
			add(sp.Day, fmt.Sprintf("spike %s (%s)", sp.Kind, sp.Band))
		}
	}
	var out []Exposure
	for _, d := range days {
		if len(in.byDay[d.Day]) == 0 {
			continue
		}
		reasons := slices.Clone(why[d.Day])
		slices.Sort(reasons)
		r := resp[d.Day]
		out = append(out, Exposure{Day: d.Day, Exposed: len(reasons) > 0, Reasons: reasons, Load: d.Load,
			Baseline: r.baseline, Pain24h: r.p24, Pain48h: r.p48, Response24h: r.r24, Response48h: r.r48,
			Confounded48h: r.confounded})
	}
	return out
}

// associations compares exposure and other training days at +24 h and +48 h (DOMAIN §5).
// Spearman's rho pairs every day of the period with pain logged on it (rest days included, at
// load 0) with the change to the next morning's pain; for 48 h, to the worse of the next two.
func (in *inputs) associations(days []DayResult, exp []Exposure) (Association, Association) {
	logged := 0
	for _, d := range days {
		if d.Logged {
			logged++
		}
	}
	pct := 100 * float64(logged) / float64(len(days))
	var x24, y24, x48, y48 []float64
	for _, d := range days {
		p0 := in.log[d.Day].Pain
		if !p0.OK {
			continue
		}
		p1, p2 := in.log[d.Day.AddDays(1)].Pain, in.log[d.Day.AddDays(2)].Pain
		if !d.Load.OK {
			continue // a day whose load is unknown pairs with nothing
		}
		if p1.OK {
			x24, y24 = append(x24, d.Load.V), append(y24, p1.V-p0.V)
		}
		if p48 := maxOpt(p1, p2); p48.OK {
			x48, y48 = append(x48, d.Load.V), append(y48, p48.V-p0.V)
		}
	}
	count := func(w Window) (n1, r1, n2, r2 int) {
		for _, e := range exp {
			out := e.Response24h
			if w == Window48h {
				out = e.Response48h
			}
			switch {
			case !out.OK:
			case e.Exposed:
				n1++
				if out.V {
					r1++
				}
			default:
				n2++
				if out.V {
					r2++
				}
			}
		}
		return
	}
	n1, r1, n2, r2 := count(Window24h)
	as24 := Associate(n1, r1, n2, r2, len(days), pct, x24, y24, Window24h)
	n1, r1, n2, r2 = count(Window48h)
	as48 := Associate(n1, r1, n2, r2, len(days), pct, x48, y48, Window48h)
	return as24, as48
}

// Associate compares r1 pain responses after n1 exposure days with r2 after n2 other
// training days, over a period of days days with loggedPct % of mornings logged; x and y are
// the daily loads and next-day pain changes for Spearman's rho. Gates (DOMAIN §5): nothing
// is compared under 28 days or 70 % of mornings logged; no interval under 8 + 8 days.
// w is the window the responses were counted in; the sentence names it. EnoughData says the
// first gate passed (something is compared); RRLow/RRHigh are present only past the second.
func Associate(n1, r1, n2, r2, days int, loggedPct float64, x, y []float64, w Window) Association {
	as := Association{SpikeDays: n1, SpikeDaysWithResponse: r1, OtherDays: n2, OtherDaysWithResponse: r2,
		NPairs: len(x), DaysLoggedPct: loggedPct,
		MoreExposureNeeded: max(0, AssocMinCell-n1), MoreOtherNeeded: max(0, AssocMinCell-n2)}
	var why []string
	if days < AssocMinDays {
		why = append(why, fmt.Sprintf("the period has %d days (%d needed)", days, AssocMinDays))
	}
	if loggedPct < AssocMinLoggedPct-eps {
		why = append(why, fmt.Sprintf("%.0f %% of mornings were logged (%.0f %% needed)", loggedPct, AssocMinLoggedPct))
	}
	if len(why) > 0 {
		as.Sentence = "Nothing is compared yet: " + strings.Join(why, " and ") + "."
		return as
	}
	as.EnoughData = true
	as.SpearmanRho = Spearman(x, y)
	if n1 == 0 || n2 == 0 {
		missing := "no training day with a spike or a breach"
		if n1 > 0 {
			missing = "no other training day"
		}
		as.Sentence = fmt.Sprintf("Nothing is compared: there was %s with the next morning logged.", missing)
		return as
	}
	rr, lo, hi, corr := KatzInterval(r1, n1, r2, n2)
	as.RelativeRisk, as.Corrected = Some(rr), corr
	as.FisherP = Some(FisherExact(r1, n1-r1, r2, n2-r2))
	if n1 >= AssocMinCell && n2 >= AssocMinCell {
		as.RRLow, as.RRHigh = Some(lo), Some(hi)
	}

	var b strings.Builder
	switch w {
	case Window48h:
		fmt.Fprintf(&b, "Within 48 hours after the %d days with a spike or a breach, ", n1)
	default:
		fmt.Fprintf(&b, "On the %d mornings after a spike or a breach, ", n1)
	}
	fmt.Fprintf(&b, "there was a pain response %s (%.0f %%); after other training days %s in %d (%.0f %%). ",
		times(r1), 100*float64(r1)/float64(n1), times(r2), n2, 100*float64(r2)/float64(n2))
	if as.RRLow.OK {
		fmt.Fprintf(&b, "Risk ratio %s (95 %% CI %s to %s)", sig2(rr), sig2(lo), sig2(hi))
		if corr {
			b.WriteString(", with 0.5 added to every count because one was 0")
		}
		b.WriteString(". ")
	} else {
		// Under the gate a ratio without an interval says more than the days can: with one
		// response in a handful of days (and 0.5 added to a zero count) it reads as 20-fold.
		// The counts above are the evidence; the ratio stays in the JSON for scripts.
		var need []string
		if as.MoreExposureNeeded > 0 {
			need = append(need, plural(as.MoreExposureNeeded, "more day with a spike or a breach", "more days with a spike or a breach"))
		}
		if as.MoreOtherNeeded > 0 {
			need = append(need, plural(as.MoreOtherNeeded, "more other training day", "more other training days"))
		}
		fmt.Fprintf(&b, "Too few days for a risk ratio: %s needed. ", strings.Join(need, " and "))
	}
	b.WriteString("This is an association in your own data; it does not show that the sessions caused the pain.")
	as.Sentence = b.String()
	return as
}

func times(n int) string {
	switch n {
	case 0:
		return "0 times"
	case 1:
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

// sig2 formats a ratio as people read it: 4.0, 1.2, 13, 0.97.
func sig2(v float64) string {
	switch {
	case v >= 9.95:
		return fmt.Sprintf("%.0f", v)
	case v >= 0.995:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}
