package analysis

import (
	"fmt"
	"math"
)

// Banister's constants (Morton 1990, J Appl Physiol 69:1171).
const (
	TRIMPMenA   = 0.64
	TRIMPMenB   = 1.92
	TRIMPWomenA = 0.86
	TRIMPWomenB = 1.67
)

// BanisterTRIMP returns the training impulse of minutes spent at heart rate hr:
// minutes · x · a · e^(b·x) with x = (hr − hrRest)/(hrMax − hrRest) clamped to 0..1
// (DOMAIN §1). 60 minutes at 150 bpm with rest 60 and max 190 give 100.4 (men), 113.5 (women).
func BanisterTRIMP(minutes, hr, hrRest, hrMax float64, female bool) float64 {
	if hrMax <= hrRest || minutes <= 0 {
		return 0
	}
	x := min(max((hr-hrRest)/(hrMax-hrRest), 0), 1)
	a, b := TRIMPMenA, TRIMPMenB
	if female {
		a, b = TRIMPWomenA, TRIMPWomenB
	}
	return minutes * x * a * math.Exp(b*x)
}

// SessionTRIMP returns the Banister TRIMP of s from its HR stream, or says why there is none.
// Without a stream it uses the average HR over the moving time, and says so in the note.
// Never for swims; only when valid HR covers at least 80 % of the moving time.
func SessionTRIMP(s Session, hrMax, hrRest int, female bool) (Opt[float64], string) {
	switch {
	case s.Sport == Swimming:
		return Opt[float64]{}, "no TRIMP for swims"
	case hrMax < MinValidHR || hrMax > MaxValidHR || hrRest < MinValidHR || hrRest >= hrMax:
		return Opt[float64]{}, fmt.Sprintf("HRmax %d / HRrest %d are not usable", hrMax, hrRest)
	case s.Duration <= 0:
		return Opt[float64]{}, "no moving time"
	}
	if s.HR != nil {
		covered := s.HR.Covered()
		if float64(covered) < HRCoverageMin*float64(s.Duration)-1e-6 {
			return Opt[float64]{}, fmt.Sprintf("heart rate covers %.0f %% of the moving time (80 %% needed)",
				100*float64(covered)/float64(s.Duration))
		}
		var t float64
		for bpm, sec := range s.HR.All() {
			if sec > 0 {
				t += BanisterTRIMP(float64(sec)/60, float64(bpm), float64(hrRest), float64(hrMax), female)
			}
		}
		return Some(t), ""
	}
	if s.AvgHR.OK {
		return Some(BanisterTRIMP(s.Duration.Minutes(), float64(s.AvgHR.V), float64(hrRest), float64(hrMax), female)),
			"from average HR (no HR stream)"
	}
	return Opt[float64]{}, "no heart rate"
}

// SRPE is session RPE (Foster 2001): CR-10 RPE × minutes.
func SRPE(rpe, minutes float64) float64 { return rpe * minutes }

// EWMA returns E_t = λ·load_t + (1−λ)·E_{t−1} for each day, starting from E_{−1} = 0
// (Williams 2017). It does not modify loads.
func EWMA(loads []float64, lambda float64) []float64 {
	out := make([]float64, len(loads))
	m := ewma{lambda: lambda}
	for i, l := range loads {
		out[i] = m.add(l)
	}
	return out
}

// ewma is EWMA one day at a time: e is the value after the days added so far.
type ewma struct{ lambda, e float64 }

// add takes the next day's load and returns the new value.
func (m *ewma) add(load float64) float64 {
	m.e = m.lambda*load + (1-m.lambda)*m.e
	return m.e
}

// ACWR returns acute/chronic on day index i of the series (0 = the first day), absent in the
// first 28 days and while chronic load is under floor (DOMAIN §2).
func ACWR(acute, chronic float64, i int, floor float64) Opt[float64] {
	if i < ACWRMinDays || chronic < floor || chronic <= 0 {
		return Opt[float64]{}
	}
	return Some(acute / chronic)
}
