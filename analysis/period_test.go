package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChoosePeriod(t *testing.T) {
	// Years of history (2011, 2019) and a recent block of runs from 2026-02-16 to 2026-03-15.
	history := []Session{run("2011-05-02", 47, 10), run("2019-02-16", 24, 4.9)}
	var block []Session
	for d := D("2026-02-16"); !d.After(D("2026-03-15")); d = d.AddDays(2) {
		block = append(block, run(d.String(), 30, 5)) // 14 runs: 02-16, 02-18, … 03-14
	}
	sessions := append(append([]Session{}, history...), block...)
	// A four-week log, 2026-02-16 to 2026-03-12, and a row with only notes on 03-20 that
	// must not stretch the period.
	log := painDays("2026-02-16", make([]float64, 25)...)
	log = append(log, SymptomEntry{Day: D("2026-03-20"), Notes: "new shoes"})
	stiffOnly := SymptomEntry{Day: D("2026-03-13"), Stiffness: Some(2.0)}

	tests := []struct {
		name     string
		sessions []Session
		log      []SymptomEntry
		cfg      Config
		all      bool
		want     Period
	}{{
		name: "the log's span, to the last session after it",
		// log 02-16..03-12; last session 03-14 is later, so the period ends there.
		sessions: sessions, log: log,
		want: Period{From: D("2026-02-16"), To: D("2026-03-14"), Rule: PeriodLog, EarlierSessions: 2,
			FirstSession: Some(D("2011-05-02")), LogFrom: Some(D("2026-02-16")), LogTo: Some(D("2026-03-12")),
			SessionsInLog: 13, Sessions: 16},
	}, {
		name: "a row with stiffness only is a logged morning",
		// 03-13 extends the log; the last session (03-14) still ends the period.
		sessions: sessions, log: append(append([]SymptomEntry{}, log...), stiffOnly),
		want: Period{From: D("2026-02-16"), To: D("2026-03-14"), Rule: PeriodLog, EarlierSessions: 2,
			FirstSession: Some(D("2011-05-02")), LogFrom: Some(D("2026-02-16")), LogTo: Some(D("2026-03-13")),
			SessionsInLog: 13, Sessions: 16},
	}, {
		name: "no log: the last 12 weeks up to the last session",
		// 2026-03-14 − 83 days = 2025-12-21 (84 days inclusive).
		sessions: sessions,
		want: Period{From: D("2025-12-21"), To: D("2026-03-14"), Rule: PeriodRecent, EarlierSessions: 2,
			FirstSession: Some(D("2011-05-02")), Sessions: 16},
	}, {
		name:     "-all: every day with data",
		sessions: sessions, log: log, all: true,
		want: Period{From: D("2011-05-02"), To: D("2026-03-14"), Rule: PeriodAll,
			FirstSession: Some(D("2011-05-02")), LogFrom: Some(D("2026-02-16")), LogTo: Some(D("2026-03-12")),
			SessionsInLog: 13, Sessions: 16},
	}, {
		name:     "-from alone: to the last day with data",
		sessions: sessions, log: log, cfg: Config{From: Some(D("2026-03-01"))},
		// before 03-01: the two history runs and 02-16 … 02-28 (7 runs).
		want: Period{From: D("2026-03-01"), To: D("2026-03-14"), Rule: PeriodFlags, EarlierSessions: 9,
			FirstSession: Some(D("2011-05-02")), LogFrom: Some(D("2026-02-16")), LogTo: Some(D("2026-03-12")),
			SessionsInLog: 13, Sessions: 16},
	}, {
		name:     "-to alone: from the log's first day, later runs counted",
		sessions: sessions, log: log, cfg: Config{To: Some(D("2026-03-01"))},
		// after 03-01: 03-02 … 03-14, 7 runs; before 02-16 the two history runs.
		want: Period{From: D("2026-02-16"), To: D("2026-03-01"), Rule: PeriodFlags, EarlierSessions: 2, LaterSessions: 7,
			FirstSession: Some(D("2011-05-02")), LogFrom: Some(D("2026-02-16")), LogTo: Some(D("2026-03-12")),
			SessionsInLog: 13, Sessions: 16},
	}, {
		name:     "-to alone without a log: the 12 weeks up to it",
		sessions: sessions, cfg: Config{To: Some(D("2026-03-01"))},
		// 2026-03-01 − 83 days = 2025-12-08.
		want: Period{From: D("2025-12-08"), To: D("2026-03-01"), Rule: PeriodFlags, EarlierSessions: 2, LaterSessions: 7,
			FirstSession: Some(D("2011-05-02")), Sessions: 16},
	}, {
		name: "a log a year before the runs overlaps none of them",
		// The log typed with 2025: its span 2025-02-16..2025-03-12, then to the last session.
		sessions: block, log: painDays("2025-02-16", 1, 1, 1),
		want: Period{From: D("2025-02-16"), To: D("2026-03-14"), Rule: PeriodLog,
			FirstSession: Some(D("2026-02-16")), LogFrom: Some(D("2025-02-16")), LogTo: Some(D("2025-02-18")),
			Sessions: 14},
	}, {
		name: "a log alone",
		log:  painDays("2026-02-16", 1, 2),
		want: Period{From: D("2026-02-16"), To: D("2026-02-17"), Rule: PeriodLog,
			LogFrom: Some(D("2026-02-16")), LogTo: Some(D("2026-02-17"))},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ChoosePeriod(tt.sessions, tt.log, tt.cfg, tt.all)
			if !ok {
				t.Fatal("ok = false, want a period")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ChoosePeriod (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("no data", func(t *testing.T) {
		if _, ok := ChoosePeriod(nil, []SymptomEntry{{Day: D("2026-01-01"), Notes: "x"}}, Config{}, false); ok {
			t.Error("ok = true for a log of notes only and no sessions")
		}
	})
	t.Run("-from after the data", func(t *testing.T) {
		if _, ok := ChoosePeriod(block, nil, Config{From: Some(D("2027-01-01"))}, false); ok {
			t.Error("ok = true for a -from after every session")
		}
	})
}

// TestDaySubOverCenturies: Day.Sub counts calendar days over any span, not only the 292
// years a time.Duration holds (a folder of 200 000 daily files spans 547 years).
func TestDaySubOverCenturies(t *testing.T) {
	for _, c := range []struct {
		d, o Day
		want int
	}{
		{Day{2026, 3, 30}, Day{2026, 3, 28}, 2}, // across the clocks' change in Europe
		{Day{2000, 1, 1}, Day{1999, 12, 31}, 1},
		{Day{1999, 12, 31}, Day{2000, 1, 1}, -1},
		{Day{2000, 3, 1}, Day{2000, 2, 28}, 2}, // 2000 is a leap year
		{Day{2547, 8, 1}, Day{2000, 1, 1}, 200_000},
		{Day{1, 1, 1}, Day{9999, 12, 31}, -3_652_058},
	} {
		if got := c.d.Sub(c.o); got != c.want {
			t.Errorf("%v.Sub(%v) = %d, want %d", c.d, c.o, got, c.want)
		}
		if back := c.o.AddDays(c.want); back != c.d {
			t.Errorf("%v.AddDays(%d) = %v, want %v", c.o, c.want, back, c.d)
		}
	}
}
