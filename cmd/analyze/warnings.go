package main

import (
	"fmt"
	"io"
	"strings"

	"runload/analysis"
)

// warnings are what a person must see before sending the report (SPEC "Command line"):
// printed on stderr after the closing line, also under -q, each on its own line.
type warnings []string

func (w *warnings) add(s string) { *w = append(*w, s) }

func (w warnings) print(stderr io.Writer) {
	for _, s := range w {
		fmt.Fprintln(stderr, "warning:", s)
	}
}

// overlap warns when the log's days and the sessions' days have nothing in common: a year
// typed wrong in the log, or the log of another period.
func (w *warnings) overlap(p analysis.Period) {
	if !p.LogFrom.OK || p.Sessions == 0 || p.SessionsInLog > 0 {
		return
	}
	w.add(fmt.Sprintf("the symptom log's days (%s to %s) and the sessions' days do not overlap: no session falls on a logged day, "+
		"so no pain can be matched to load; is a year typed wrong in the log, or is it another period's log?",
		p.LogFrom.V, p.LogTo.V))
}

// strict names the first inputs and log rows that made -strict fail.
func (w *warnings) strict(log analysis.ImportLog) {
	const show = 3
	var failed []string
	inputs := 0
	for _, in := range log.Inputs {
		if in.Status != analysis.StatusPartial && in.Status != analysis.StatusError {
			continue
		}
		if inputs++; len(failed) < show {
			failed = append(failed, fmt.Sprintf("%s (%s: %s)", in.Path, in.Status, in.Detail))
		}
	}
	for _, rj := range log.Rejected {
		if len(failed) < show {
			failed = append(failed, fmt.Sprintf("%s: %s (rejected: %s)", rj.File, rj.Cell, rj.Reason))
		}
	}
	n := inputs + len(log.Rejected)
	if n == 0 {
		return
	}
	var what []string
	if inputs > 0 {
		what = append(what, plural(inputs, "input", "inputs"))
	}
	if len(log.Rejected) > 0 {
		what = append(what, plural(len(log.Rejected), "log row", "log rows"))
	}
	more := ""
	if n > len(failed) {
		more = fmt.Sprintf("; and %d more in the Import log sheet", n-len(failed))
	}
	w.add(fmt.Sprintf("-strict: %s failed it: %s%s", strings.Join(what, " and "), strings.Join(failed, "; "), more))
}

// describePeriod is the line after the closing line, and the Summary's account of the
// period: which days, by which rule, and what outside them was used (SPEC "The period").
func describePeriod(p analysis.Period, haveLog bool) (line, why string) {
	switch p.Rule {
	case analysis.PeriodRecent:
		why = fmt.Sprintf("no symptom log: the last %d weeks up to the last session", analysis.RecentWeeks)
		if haveLog {
			why = fmt.Sprintf("no logged morning in the symptom log: the last %d weeks up to the last session", analysis.RecentWeeks)
		}
	case analysis.PeriodLog:
		why = "the symptom log's days"
		if p.LogTo.OK && p.To.After(p.LogTo.V) {
			why += ", to the last session"
		}
	case analysis.PeriodAll:
		why = "-all: every day with a session or a log entry"
	case analysis.PeriodFlags:
		why = "as -from/-to asked"
	}
	parts := []string{why}
	if p.EarlierSessions > 0 && p.FirstSession.OK {
		parts = append(parts, fmt.Sprintf("%s of earlier sessions used for look-back only (%d since %s)",
			span(p.From.Sub(p.FirstSession.V)), p.EarlierSessions, p.FirstSession.V))
	}
	if p.LaterSessions > 0 {
		parts = append(parts, fmt.Sprintf("%s after it not shown", plural(p.LaterSessions, "session", "sessions")))
	}
	if p.Rule != analysis.PeriodAll && (p.EarlierSessions > 0 || p.LaterSessions > 0) {
		parts = append(parts, "-all for everything")
	}
	why = strings.Join(parts, "; ")
	return fmt.Sprintf("period %s to %s (%s)", p.From, p.To, why), why
}

// span words a number of days the way a person says it: "3 days", "5 weeks", "8 months",
// "14 years".
func span(days int) string {
	switch {
	case days >= 730:
		return plural(days/365, "year", "years")
	case days >= 60:
		return plural(days*12/365, "month", "months")
	case days >= 14:
		return plural(days/7, "week", "weeks")
	}
	return plural(days, "day", "days")
}
