package analysis

import (
	"slices"
	"strings"
)

// The counts and choices the report's Summary quotes. Each is worked out once, here, so the
// report only words them (STYLE: a fact worked out twice drifts).

// ResponseCounts counts the pain responses after the training days of the paired table
// (Result.Exposure, DOMAIN §4 and §5), every training day alike, exposed or not.
type ResponseCounts struct {
	TrainingDays int // training days in the period: the rows of the paired table
	Judged24h    int // of those, days whose next morning was logged, so the +24 h response is known
	Responses24h int // of those, days followed by a pain response the next morning
	Judged48h    int // days whose +48 h response is known (a response on either morning, or both mornings logged)
	Responses48h int // days followed by a pain response within 48 h
}

// responseCounts counts the responses of the paired table exp.
func responseCounts(exp []Exposure) ResponseCounts {
	c := ResponseCounts{TrainingDays: len(exp)}
	for _, e := range exp {
		if e.Response24h.OK {
			c.Judged24h++
			if e.Response24h.V {
				c.Responses24h++
			}
		}
		if e.Response48h.OK {
			c.Judged48h++
			if e.Response48h.V {
				c.Responses48h++
			}
		}
	}
	return c
}

// FlareUp is the flare-up plan the Plan has in force at the period's end (SPEC "Plan":
// shown on the Summary, first when the status is amber or red).
type FlareUp struct {
	Text string // the agreed step-back steps (the row's Text, else its Note), trimmed; "" when none is in force
	Due  bool   // the status is amber or red: the steps apply now, so the Summary shows them first
}

// flareUp returns the flare_up_plan row of spans in force on to: From on or before it, and
// not replaced before it. Of rows for several sports, the last in spans' order (by sport)
// wins. With no period (to is the zero Day) the Plan's latest rows are in force.
func flareUp(spans []RuleSpan, to Day, st Status) FlareUp {
	var f FlareUp
	for _, sp := range spans {
		if sp.ID != FlareUpPlan {
			continue
		}
		if !to.IsZero() && (sp.From.After(to) || sp.Until.OK && sp.Until.V.Before(to)) {
			continue
		}
		if to.IsZero() && sp.Until.OK {
			continue
		}
		f.Text = sp.Text
		if f.Text == "" {
			f.Text = sp.Note
		}
	}
	f.Text = strings.TrimSpace(f.Text)
	f.Due = f.Text != "" && (st.Level == LevelAmber || st.Level == LevelRed)
	return f
}

// SportCount is the number of sessions of one sport in the period.
type SportCount struct {
	Sport    Sport
	Sessions int
}

// sportCounts counts the sessions of each sport, in the order of the Sport constants
// (running, cycling, swimming, walking, strength, other, unknown); sports without a session
// are left out, and so is a session whose sport is none of these.
func sportCounts(ss []SessionResult) []SportCount {
	var out []SportCount
	for _, sp := range []Sport{Running, Cycling, Swimming, Walking, Strength, Other, Unknown} {
		n := 0
		for _, s := range ss {
			if s.Sport == sp {
				n++
			}
		}
		if n > 0 {
			out = append(out, SportCount{sp, n})
		}
	}
	return out
}

// RuleCount is the number of breaches of one rule.
type RuleCount struct {
	Rule     RuleID
	Breaches int
}

// breachCounts counts the breaches of each rule, in the order of each rule's first breach.
func breachCounts(bs []Breach) []RuleCount {
	var out []RuleCount
	for _, b := range bs {
		i := slices.IndexFunc(out, func(c RuleCount) bool { return c.Rule == b.Rule })
		if i < 0 {
			out = append(out, RuleCount{Rule: b.Rule})
			i = len(out) - 1
		}
		out[i].Breaches++
	}
	return out
}

// SpikeCount is the number of spikes of one kind; a session spike's "first run back" (no run
// in the previous 30 days, no ratio) is counted apart from the session spikes with a ratio.
type SpikeCount struct {
	Kind         SpikeKind
	FirstRunBack bool
	Spikes       int
}

// spikeCounts counts the spikes of each kind, in the order of each kind's first spike.
func spikeCounts(ss []Spike) []SpikeCount {
	var out []SpikeCount
	for _, s := range ss {
		k := SpikeCount{Kind: s.Kind, FirstRunBack: s.Band == BandFirstRun}
		i := slices.IndexFunc(out, func(c SpikeCount) bool { return c.Kind == k.Kind && c.FirstRunBack == k.FirstRunBack })
		if i < 0 {
			out = append(out, k)
			i = len(out) - 1
		}
		out[i].Spikes++
	}
	return out
}

// dayFacts returns days, each with, on a training day, its pain response the next morning and
// the baseline it was judged against (resp, by training day): what the Daily sheet shows
// beside the day.
func dayFacts(days []DayResult, resp map[Day]painResponse) []DayResult {
	out := slices.Clone(days)
	for i := range out {
		d := &out[i]
		if r, ok := resp[d.Day]; ok {
			d.Response, d.Baseline = r.r24, r.baseline
		}
	}
	return out
}

// limitAtEnd returns the value of rule id for running in force at the end of a week whose
// rules in force are rules (WeekResult.Limits: by sport, then by day): the last running row,
// else the last every-sport row.
func limitAtEnd(rules []Rule, id RuleID) Opt[float64] {
	var v Opt[float64]
	for _, ru := range rules {
		if ru.ID == id && (ru.Sport == Running || ru.Sport == Any) {
			v = Some(ru.Value)
		}
	}
	return v
}

// Count returns the number of inputs of the import log with status st.
func (l ImportLog) Count(st InputStatus) int {
	n := 0
	for _, in := range l.Inputs {
		if in.Status == st {
			n++
		}
	}
	return n
}
