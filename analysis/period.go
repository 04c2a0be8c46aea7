package analysis

// PeriodRule says how the period of a report was chosen (SPEC "The period").
type PeriodRule string

// The rules, in the order SPEC gives them.
const (
	PeriodLog    PeriodRule = "log"    // the symptom log's days, to the later of its last day and the last session
	PeriodRecent PeriodRule = "recent" // no log: the last RecentWeeks weeks up to the last session
	PeriodAll    PeriodRule = "all"    // -all: every day with a session or a log entry
	PeriodFlags  PeriodRule = "flags"  // -from and/or -to; -from alone runs to the last day with data, -to alone starts where the default would
)

// RecentWeeks is the default period without a symptom log: the last 12 weeks up to the last
// session, about what a physio reviews at a follow-up.
const RecentWeeks = 12

// Period is the span of days a report covers, and what lies outside it.
type Period struct {
	From, To Day
	Rule     PeriodRule
	// Data before From and after To: read for look-back (the 30-day spike window, baselines,
	// acute and chronic load) and for the mornings after the period, never shown as days.
	EarlierSessions, LaterSessions int
	FirstSession                   Opt[Day] // the first session's day, wherever it lies
	// LogFrom and LogTo are the log's first and last logged days, when there is a log.
	LogFrom, LogTo Opt[Day]
	// SessionsInLog is how many sessions fall on the log's days (LogFrom to LogTo): zero with
	// both a log and sessions means the two do not overlap (a mistyped year, the wrong file).
	SessionsInLog int
	Sessions      int // every session given
}

// ChoosePeriod picks the period of SPEC "The period" from the sessions and the symptom log:
// with all, every day with data; else the log's span, extended to the last session; without
// a log, the last RecentWeeks weeks up to the last session. cfg.From and cfg.To replace those
// bounds: -from alone runs to the last day with data, -to alone starts where the default
// starts (the log's first day, or RecentWeeks weeks before it). It reports ok false when there is no data at all.
// A log row counts when it is Logged (DOMAIN §4: any symptom cell).
func ChoosePeriod(sessions []Session, symptoms []SymptomEntry, cfg Config, all bool) (Period, bool) {
	var (
		p                   Period
		sFirst, sLast       Opt[Day]
		dataFirst, dataLast Opt[Day]
		widen               = func(lo, hi *Opt[Day], d Day) {
			if !lo.OK || d.Before(lo.V) {
				*lo = Some(d)
			}
			if !hi.OK || d.After(hi.V) {
				*hi = Some(d)
			}
		}
	)
	for _, s := range sessions {
		d := s.Day()
		widen(&sFirst, &sLast, d)
		widen(&dataFirst, &dataLast, d)
	}
	for _, e := range symptoms {
		if !e.Logged() {
			continue
		}
		widen(&p.LogFrom, &p.LogTo, e.Day)
		widen(&dataFirst, &dataLast, e.Day)
	}
	if !dataFirst.OK {
		return p, false
	}
	p.Sessions, p.FirstSession = len(sessions), sFirst
	switch {
	case all:
		p.Rule, p.From, p.To = PeriodAll, dataFirst.V, dataLast.V
	case p.LogFrom.OK:
		p.Rule, p.From, p.To = PeriodLog, p.LogFrom.V, p.LogTo.V
		if sLast.OK && sLast.V.After(p.To) {
			p.To = sLast.V
		}
	default:
		p.Rule, p.To = PeriodRecent, sLast.V
		p.From = p.To.AddDays(-7*RecentWeeks + 1)
	}
	if !all && (cfg.From.OK || cfg.To.OK) {
		// A bound given replaces the default's; the other follows the default rule, from the
		// bound given where it has one (-to alone without a log: the 12 weeks up to it).
		p.Rule = PeriodFlags
		switch {
		case cfg.From.OK && cfg.To.OK:
			p.From, p.To = cfg.From.V, cfg.To.V
		case cfg.From.OK:
			p.From, p.To = cfg.From.V, dataLast.V
		case !p.LogFrom.OK:
			p.To = cfg.To.V
			p.From = p.To.AddDays(-7*RecentWeeks + 1)
		default:
			p.To = cfg.To.V
		}
	}
	for _, s := range sessions {
		switch d := s.Day(); {
		case d.Before(p.From):
			p.EarlierSessions++
		case d.After(p.To):
			p.LaterSessions++
		}
		if d := s.Day(); p.LogFrom.OK && !d.Before(p.LogFrom.V) && !d.After(p.LogTo.V) {
			p.SessionsInLog++
		}
	}
	return p, !p.To.Before(p.From)
}
