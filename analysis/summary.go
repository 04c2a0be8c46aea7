package analysis

import "strings"

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
	f.Due = f.Text != "" && (st.Level == "amber" || st.Level == "red")
	return f
}
