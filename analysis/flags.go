package analysis

import (
	"cmp"
	"slices"
)

// findings are what the checks of one Analyze call found: the flags are raised from them.
type findings struct {
	sess     []SessionResult // the period's sessions, with their loads
	weeks    []WeekResult
	breaches []breachAt
	spikes   []Spike
	watches  []weekWatch
	minimums []MinimumCheck
	resp     map[Day]painResponse // training day → its pain response
}

// flagSet holds the flags of each session (by index in the period's sessions), day and week
// (by Monday), each list sorted by sortFlags; nil where there is none.
type flagSet struct {
	sessions [][]Flag
	days     map[Day][]Flag
	weeks    map[Day][]Flag
}

// flags puts each finding on the sessions, days and weeks it marks. This is the one place a
// finding becomes a flag:
//   - a breach on the session that broke it or crossed it (breachAt.sess), on the day it was
//     crossed and on its week;
//   - a spike on its day and its sessions: a session increase on its run, a week increase on
//     the day's runs, an ACWR spike on the day's sessions that added load; "first run back"
//     without a ratio;
//   - a week increase to watch on its day and the day's runs;
//   - a pain response, at 24 h and at 48 h, on the training day and all its sessions, with
//     the pain threshold in force that day as its limit;
//   - a missed minimum on its week;
//   - weekly monotony over 1.5 (watch) or 2.0 (flag), and a weekly mean pain or stiffness 1
//     point or more over the week before [E], on the week.
func (in *inputs) flags(f findings) flagSet {
	sess := make([][]Flag, len(f.sess))
	days := map[Day][]Flag{}
	weeks := map[Day][]Flag{}

	for _, b := range f.breaches {
		fl := b.Flag()
		sess[b.sess] = append(sess[b.sess], fl)
		days[b.Crossed] = append(days[b.Crossed], fl)
		weeks[b.Day.Monday()] = append(weeks[b.Day.Monday()], fl)
	}
	for _, w := range f.watches {
		fl := Flag{Kind: FlagWeekWatch, Spike: SpikeWeek, Value: Some(w.pct), Limit: Some(WeekWatchPct)}
		days[w.day] = append(days[w.day], fl)
		for _, i := range in.byDay[w.day] {
			if f.sess[i].Sport == Running {
				sess[i] = append(sess[i], fl)
			}
		}
	}
	for _, sp := range f.spikes {
		fl := sp.Flag()
		days[sp.Day] = append(days[sp.Day], fl)
		for _, i := range in.byDay[sp.Day] {
			s := f.sess[i]
			switch {
			case sp.Kind == SpikeSession && s.Start.Equal(sp.SessionStart.V) && s.Sport == Running,
				sp.Kind == SpikeWeek && s.Sport == Running,
				sp.Kind == SpikeACWR && s.Load.OK && s.Load.V > 0:
				sess[i] = append(sess[i], fl)
			}
		}
	}
	for d, r := range f.resp {
		for _, x := range []struct {
			window Window
			resp   Opt[bool]
			pain   Opt[float64]
		}{{Window24h, r.r24, r.p24}, {Window48h, r.r48, r.p48}} {
			if !x.resp.OK || !x.resp.V {
				continue
			}
			fl := Flag{Kind: FlagPainResponse, Window: x.window, Value: x.pain, Limit: Some(in.painThreshold(d))}
			days[d] = append(days[d], fl)
			for _, i := range in.byDay[d] {
				sess[i] = append(sess[i], fl)
			}
		}
	}
	for _, m := range f.minimums {
		if !m.Met {
			weeks[m.Start] = append(weeks[m.Start], Flag{Kind: FlagMinimumMissed, Rule: m.Rule, Value: Some(m.Value), Limit: Some(m.Limit)})
		}
	}
	for i, w := range f.weeks {
		if w.Monotony.OK {
			switch {
			case over(w.Monotony.V, MonotonyFlag):
				weeks[w.Start] = append(weeks[w.Start], Flag{Kind: FlagMonotony, Band: BandFlag, Value: w.Monotony, Limit: Some(MonotonyFlag)})
			case over(w.Monotony.V, MonotonyWatch):
				weeks[w.Start] = append(weeks[w.Start], Flag{Kind: FlagMonotony, Band: BandWatch, Value: w.Monotony, Limit: Some(MonotonyWatch)})
			}
		}
		if i == 0 {
			continue
		}
		p := f.weeks[i-1]
		if w.MeanPain.OK && p.MeanPain.OK && w.MeanPain.V >= p.MeanPain.V+1-eps {
			weeks[w.Start] = append(weeks[w.Start], Flag{Kind: FlagPainTrend, Symptom: SymptomPain, Value: w.MeanPain, Limit: p.MeanPain})
		}
		if w.MeanStiffness.OK && p.MeanStiffness.OK && w.MeanStiffness.V >= p.MeanStiffness.V+1-eps {
			weeks[w.Start] = append(weeks[w.Start], Flag{Kind: FlagPainTrend, Symptom: SymptomStiffness, Value: w.MeanStiffness, Limit: p.MeanStiffness})
		}
	}

	for i := range sess {
		sess[i] = slices.Compact(sortFlags(sess[i]))
	}
	for d := range weeks {
		weeks[d] = slices.Compact(sortFlags(weeks[d]))
	}
	// A day's flags are each one finding, kept even when two are alike (two runs of 40 min
	// over 30 on one day are two breaches): the Daily sheet counts them beside their text.
	for d := range days {
		days[d] = sortFlags(days[d])
	}
	return flagSet{sessions: sess, days: days, weeks: weeks}
}

// Flag returns the flag b raises on its session, day and week.
func (b Breach) Flag() Flag {
	return Flag{Kind: FlagBreach, Rule: b.Rule, Value: Some(b.Value), Limit: Some(b.Limit)}
}

// Flag returns the flag s raises on its day and sessions: "first run back" has no ratio.
func (s Spike) Flag() Flag {
	if s.Band == BandFirstRun {
		return Flag{Kind: FlagFirstRunBack, Spike: s.Kind}
	}
	return Flag{Kind: FlagSpike, Spike: s.Kind, Band: s.Band, Value: s.Value, Limit: Some(s.Threshold)}
}

// sortFlags sorts flags by kind, then by what the kind names (rule, spike, window, band or
// symptom), value and limit, so that repeats stand together.
func sortFlags(fs []Flag) []Flag {
	slices.SortStableFunc(fs, func(x, y Flag) int {
		return cmp.Or(cmp.Compare(x.Kind, y.Kind), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Spike, y.Spike),
			cmp.Compare(x.Window, y.Window), cmp.Compare(x.Band, y.Band), cmp.Compare(x.Symptom, y.Symptom),
			cmp.Compare(x.Value.V, y.Value.V), cmp.Compare(x.Limit.V, y.Limit.V))
	})
	return fs
}

// finishSessions returns the period's sessions sess (with their loads) with what the later
// steps found: the ACWR of their day, the pain response to it, and their flags.
func (in *inputs) finishSessions(sess []SessionResult, days []DayResult, resp map[Day]painResponse, flags [][]Flag) []SessionResult {
	out := slices.Clone(sess)
	for i := range out {
		s := &out[i]
		s.ACWR = days[in.dayIndex(s.Day)].ACWR
		r := resp[s.Day]
		s.Baseline, s.PainNextDay, s.Pain48h, s.PainResponse, s.Response48h = r.baseline, r.p24, r.p48, r.r24, r.r48
		s.Flags = flags[i]
	}
	return out
}

// daysWithFlags returns days, each with its flags (flags by day) and the counts of its breach
// and spike flags, so a day's counts stand beside their text: a breach on the day it was
// crossed, a spike on its day.
func daysWithFlags(days []DayResult, flags map[Day][]Flag) []DayResult {
	out := slices.Clone(days)
	for i := range out {
		d := &out[i]
		d.Flags = flags[d.Day]
		d.Breaches, d.Spikes = 0, 0
		for _, f := range d.Flags {
			switch f.Kind {
			case FlagBreach:
				d.Breaches++
			case FlagSpike, FlagFirstRunBack:
				d.Spikes++
			}
		}
	}
	return out
}

// weeksWithFlags returns weeks, each with its flags (flags by Monday).
func weeksWithFlags(weeks []WeekResult, flags map[Day][]Flag) []WeekResult {
	out := slices.Clone(weeks)
	for i := range out {
		out[i].Flags = flags[out[i].Start]
	}
	return out
}
