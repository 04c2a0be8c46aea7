package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"runload/analysis"
)

// A weekly rule that starts or changes mid-week is checked over each part of the week with one
// value in force (DOMAIN §6); the analysis gives a WeekLimit per part. This file words the
// parts for the Weekly, Plan, Flags and Summary sheets.

// ruleParts is one weekly rule and sport with its parts in one week, in day order.
type ruleParts struct {
	rule  analysis.RuleID
	sport analysis.Sport
	parts []analysis.WeekLimit
}

// groupParts groups a week's checks by rule and sport, keeping their order.
func groupParts(ls []analysis.WeekLimit) []ruleParts {
	var out []ruleParts
	for _, l := range ls {
		if n := len(out); n > 0 && out[n-1].rule == l.Rule && out[n-1].sport == l.Sport {
			out[n-1].parts = append(out[n-1].parts, l)
			continue
		}
		out = append(out, ruleParts{rule: l.Rule, sport: l.Sport, parts: []analysis.WeekLimit{l}})
	}
	return out
}

// split reports whether the rule covered only some of the week's days inside the period with
// one value (the analysis's WeekLimit.PartWeek): it changed mid-week, or started after the
// week's first day.
func (g ruleParts) split() bool {
	return slices.ContainsFunc(g.parts, func(l analysis.WeekLimit) bool { return l.PartWeek })
}

// weekdays is "Mon–Tue", or "Wed" for one day.
func weekdays(first, last analysis.Day) string {
	a := first.Weekday().String()[:3]
	if first == last {
		return a
	}
	return a + "–" + last.Weekday().String()[:3]
}

// partsLimitText words a weekly rule checked in parts for the Weekly sheet's notes: "Max minutes per
// week: 120 (Mon–Tue) → 60 (Wed–Sun)"; "none (Mon–Tue) → 60 (Wed–Sun)" for a rule that started
// on the Wednesday.
func partsLimitText(g ruleParts, first analysis.Day) string {
	what := ruleLabel(g.rule)
	if g.sport != analysis.Running {
		what += " (" + string(g.sport) + ")"
	}
	return what + ": " + partsValues(g, first)
}

// partsValues is a weekly rule's values by part of the week: "120 (Mon–Tue) → 60 (Wed–Sun)".
func partsValues(g ruleParts, first analysis.Day) string {
	var vals []string
	if p := g.parts[0]; p.First.After(first) {
		vals = append(vals, fmt.Sprintf("none (%s)", weekdays(first, p.First.AddDays(-1))))
	}
	for _, p := range g.parts {
		vals = append(vals, fmt.Sprintf("%s (%s)", fmtNum(p.Limit, 1), weekdays(p.First, p.Last)))
	}
	return strings.Join(vals, " → ")
}

// partDays is " (Wed–Sun)" for a breach or minimum of part of a week (the analysis's
// PartWeek), over days first..last, and "" for one of the whole week.
func partDays(part bool, first, last analysis.Day) string {
	if !part {
		return ""
	}
	return " (" + weekdays(first, last) + ")"
}

// isWeekly reports whether id is checked per week.
func isWeekly(id analysis.RuleID) bool {
	switch id {
	case analysis.MaxWeeklyMinutes, analysis.MaxWeeklyKm, analysis.MaxSessionsPerWeek,
		analysis.MinRehabDaysPerWeek, analysis.MinStrengthSessionsPerWeek:
		return true
	}
	return false
}

// weeklyApplies is the Plan sheet's "Weekly check" of a weekly rule: the weeks it was checked
// on, and the part of a week where it started or ended mid-week. "" for other rules.
func weeklyApplies(sp analysis.RuleSpan) string {
	if !isWeekly(sp.ID) {
		return ""
	}
	dm := func(d analysis.Day) string { return d.Time().Format("Mon 2 Jan") }
	from := sp.From
	if sp.Until.OK && sp.Until.V.Before(from) {
		return "never in force: a later row has the same From"
	}
	sun := from.Monday().AddDays(6)
	if sp.Until.OK && !sp.Until.V.After(sun) && (from.Weekday() != time.Monday || sp.Until.V != sun) {
		return fmt.Sprintf("%s %s only, as a part week", from.ISOWeek(), weekdays(from, sp.Until.V))
	}
	var out []string
	whole := from // the first Monday of a whole week
	if from.Weekday() != time.Monday {
		out = append(out, fmt.Sprintf("%s %s as a part week", from.ISOWeek(), weekdays(from, sun)))
		whole = sun.AddDays(1)
	}
	if !sp.Until.OK {
		return strings.Join(append(out, "whole weeks from "+dm(whole)), "; ")
	}
	until := sp.Until.V
	end := until // the last Sunday of a whole week
	if until.Weekday() != time.Sunday {
		end = until.Monday().AddDays(-1)
	}
	if !end.Before(whole) {
		out = append(out, fmt.Sprintf("whole weeks %s to %s", dm(whole), dm(end)))
	}
	if until.Weekday() != time.Sunday {
		out = append(out, fmt.Sprintf("%s %s as a part week", until.ISOWeek(), weekdays(until.Monday(), until)))
	}
	return strings.Join(out, "; ")
}
