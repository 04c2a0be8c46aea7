package analysis

import "slices"

// painResponse is the symptom response to one training day (DOMAIN §4).
type painResponse struct {
	baseline   Opt[float64]
	p24, p48   Opt[float64]
	r24, r48   Opt[bool]
	confounded bool // the next day also had a session, in the period or after it: the 48 h window is confounded
}

// PainResponse reports whether the morning next (d+1, or d+2 for the 48 h window) shows a pain
// response after training day d (DOMAIN §4): pain ≥ baseline + 2; or pain above threshold when
// the baseline was within it; or stiffness ≥ stiffness on d + 2; or limping. Without a
// baseline (nothing logged on d or the 7 logged days before) pain above the threshold is a
// response on its own (the seed's rule; the report labels it "no baseline").
// It is absent when none of these shows and next has no pain logged, so nothing can be ruled out.
func PainResponse(baseline, stiffness Opt[float64], next SymptomEntry, threshold float64) Opt[bool] {
	p := next.Pain
	switch {
	case p.OK && baseline.OK && p.V >= baseline.V+ResponsePoints-eps:
		return Some(true)
	case p.OK && over(p.V, threshold) && (!baseline.OK || !over(baseline.V, threshold)):
		return Some(true)
	case next.Stiffness.OK && stiffness.OK && next.Stiffness.V >= stiffness.V+ResponsePoints-eps:
		return Some(true)
	case next.Limping.OK && next.Limping.V:
		return Some(true)
	case p.OK:
		return Some(false)
	}
	return Opt[bool]{}
}

// Baseline returns the pain logged on d, else the median of the last 7 days before d with pain
// logged (DOMAIN §4), looking back no further than from (the first day of the log, so that a
// period cut by -from still sees the mornings before it) and than BaselineLookbackDays: pain
// logged months ago is no baseline for today. It is absent when there is none.
func Baseline(log map[Day]SymptomEntry, d, from Day) Opt[float64] {
	if e, ok := log[d]; ok && e.Pain.OK {
		return e.Pain
	}
	if from.IsZero() {
		return Opt[float64]{} // no log at all
	}
	if limit := d.AddDays(-BaselineLookbackDays); from.Before(limit) {
		from = limit
	}
	var prev []float64
	for x := d.AddDays(-1); !x.Before(from) && len(prev) < 7; x = x.AddDays(-1) {
		if e, ok := log[x]; ok && e.Pain.OK {
			prev = append(prev, e.Pain.V)
		}
	}
	return median(prev)
}

// median returns the median of xs (absent when empty); it does not modify xs.
func median(xs []float64) Opt[float64] {
	if len(xs) == 0 {
		return Opt[float64]{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return Some(s[n/2])
	}
	return Some((s[n/2-1] + s[n/2]) / 2)
}

// respondTo computes the response to training day d with the pain threshold in force on d.
func (in *inputs) respondTo(d Day) painResponse {
	thr := in.painThreshold(d)
	r := painResponse{baseline: Baseline(in.log, d, in.logFrom)}
	stiff := in.log[d].Stiffness
	e1, e2 := in.log[d.AddDays(1)], in.log[d.AddDays(2)]
	var r1, r2 Opt[bool]
	if e1.Logged() {
		r.p24 = e1.Pain
		r1 = PainResponse(r.baseline, stiff, e1, thr)
	}
	if e2.Logged() {
		r2 = PainResponse(r.baseline, stiff, e2, thr)
	}
	r.r24 = r1
	r.p48 = maxOpt(r.p24, e2.Pain)
	switch {
	case (r1.OK && r1.V) || (r2.OK && r2.V):
		r.r48 = Some(true)
	case r1.OK && r2.OK:
		r.r48 = Some(false)
	}
	// A session the next day confounds the window even after the period's end (-to): the
	// look-up sees every session, as the mornings after the period are seen.
	r.confounded = in.trained[d.AddDays(1)]
	return r
}

// responses returns the pain response to every training day of the period (SPEC 4).
func (in *inputs) responses() map[Day]painResponse {
	resp := make(map[Day]painResponse, len(in.byDay))
	for d := range in.byDay {
		resp[d] = in.respondTo(d)
	}
	return resp
}

// responseOn is the pain response to day d: from resp, the training days', else worked out
// (a day with no session of the period, such as a week's last day).
func (in *inputs) responseOn(resp map[Day]painResponse, d Day) painResponse {
	if r, ok := resp[d]; ok {
		return r
	}
	return in.respondTo(d)
}

// spikeResponses returns spikes with the pain response to each spike's day.
func (in *inputs) spikeResponses(spikes []Spike, resp map[Day]painResponse) []Spike {
	out := slices.Clone(spikes)
	for i := range out {
		sp := &out[i]
		r := in.responseOn(resp, sp.Day)
		sp.Baseline, sp.PainNextDay, sp.Pain48h, sp.PainResponse, sp.Response48h, sp.Confounded48h = r.baseline, r.p24, r.p48, r.r24, r.r48, r.confounded
	}
	return out
}

// breachResponses returns breaches with the pain response after each: the response to the
// day it was crossed (Crossed, not Day: a weekly breach is dated on its week's last day, which
// may have had no session).
func (in *inputs) breachResponses(breaches []Breach, resp map[Day]painResponse) []Breach {
	out := slices.Clone(breaches)
	for i := range out {
		b := &out[i]
		r := in.responseOn(resp, b.Crossed)
		b.Baseline, b.PainNextDay, b.Pain48h, b.PainResponse, b.Response48h, b.Confounded48h = r.baseline, r.p24, r.p48, r.r24, r.r48, r.confounded
	}
	return out
}
