package main

import (
	"fmt"
	"time"
)

// The story: a runner with left Achilles tendinopathy restarts running on Tuesday 2026-09-01
// after a break, and logs symptoms from Monday 2026-08-31 to Sunday 2026-11-15 (11 ISO weeks,
// 2026-W36 to 2026-W46). docs/sample-data.md tells it week by week and lists every planted event.

// Kind is what a session is, as the watch records it.
type Kind int

const (
	Run      Kind = iota // FIT running/generic (run/walk early on, continuous later)
	Strength             // FIT training/strength_training: the gym rehab programme, no distance
	Ride                 // FIT cycling/road, distance from a speed sensor, no positions
	Indoor               // FIT cycling/indoor_cycling, no distance
	Swim                 // FIT swimming/lap_swimming, 25 m pool
)

// Session is one activity of the story: what the generator writes and what a decoder must read back.
type Session struct {
	Local   string        // local start in Europe/London, "2006-01-02 15:04"
	Kind    Kind          // what the watch recorded
	Timer   time.Duration // moving (timer) time; whole seconds, a multiple of the record interval
	Pause   time.Duration // a stop with the timer paused, in the middle; elapsed = Timer + Pause
	DistM   float64       // metres; 0 = no distance (strength, indoor)
	AvgHR   int           // bpm, the session's average over its records
	RunWalk bool          // run/walk intervals (early weeks): the speed alternates
	// Export says which files hold the session: FIT only (""), GPX only from another app ("gpx",
	// "gpx-named": no <type>, the sport only in the track name), or both ("fit+gpx": the same
	// run exported twice, which the tool must count once).
	Export string
	Note   string // why this session is in the story (README), empty for ordinary ones
}

// London returns the UTC offset of Europe/London at the UTC instant t, for 2026 only:
// summer time (+01:00) ends at 01:00 UTC on Sunday 2026-10-25. Kept in code so the generator
// does not depend on the machine's zone database.
func London(t time.Time) time.Duration {
	if t.Before(time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC)) {
		return time.Hour
	}
	return 0
}

// Start returns the session's start as a UTC instant.
func (s Session) Start() time.Time {
	wall, err := time.Parse("2006-01-02 15:04", s.Local)
	if err != nil {
		panic(fmt.Sprintf("story: bad local time %q", s.Local)) // a broken table, not input
	}
	// Try the summer offset first; at 2026-10-25 01:00–02:00 local both would be ambiguous,
	// and the story has no session then.
	if u := wall.Add(-time.Hour); London(u) == time.Hour {
		return u
	}
	return wall
}

// Offset returns the session's local UTC offset (FIT activity local_timestamp − timestamp).
func (s Session) Offset() time.Duration { return London(s.Start()) }

// Elapsed returns the wall-clock span of the session.
func (s Session) Elapsed() time.Duration { return s.Timer + s.Pause }

// Name returns the file name without extension: the local date and the kind. The story has at
// most one session of a kind per day (Generate checks).
func (s Session) Name() string {
	k := map[Kind]string{Run: "run", Strength: "strength", Ride: "ride", Indoor: "indoor-ride", Swim: "swim"}[s.Kind]
	return s.Local[:10] + "-" + k
}

// m returns min minutes.
func m(min float64) time.Duration { return time.Duration(min * float64(time.Minute)) }

// Sessions is the story's activity list in time order.
var Sessions = []Session{
	// W36 (Aug 31 – Sep 6): first runs back, run/walk 1 min / 1 min; limits 30 min, 90 min/week.
	{Local: "2026-08-31 18:00", Kind: Strength, Timer: m(30), AvgHR: 98},
	{Local: "2026-09-01 07:10", Kind: Run, Timer: m(20), DistM: 2450, AvgHR: 132, RunWalk: true, Note: "first run back"},
	{Local: "2026-09-02 18:00", Kind: Strength, Timer: m(30), AvgHR: 99},
	{Local: "2026-09-03 07:10", Kind: Run, Timer: m(20), DistM: 2500, AvgHR: 134, RunWalk: true},
	{Local: "2026-09-05 09:00", Kind: Run, Timer: m(20), DistM: 2550, AvgHR: 135, RunWalk: true},
	{Local: "2026-09-06 10:00", Kind: Run, Timer: m(15), DistM: 1900, AvgHR: 130, RunWalk: true},

	// W37 (Sep 7 – 13): one gym session only (strength minimum missed); Sunday's run slips past midnight.
	{Local: "2026-09-07 18:00", Kind: Strength, Timer: m(30), AvgHR: 101},
	{Local: "2026-09-08 07:10", Kind: Run, Timer: m(20), DistM: 2550, AvgHR: 133, RunWalk: true},
	{Local: "2026-09-10 07:10", Kind: Run, Timer: m(20), DistM: 2600, AvgHR: 136, RunWalk: true},
	{Local: "2026-09-12 09:00", Kind: Run, Timer: m(22), DistM: 2600, AvgHR: 137, RunWalk: true, Export: "gpx"},

	// W38 (Sep 14 – 20): the week of too much: five runs (the after-midnight one included), the over-long
	// run, 112 min against 90, a ride; rehab on 3 days only.
	{Local: "2026-09-14 00:20", Kind: Run, Timer: m(15), DistM: 1950, AvgHR: 131, RunWalk: true,
		Note: "00:20 local = 23:20 UTC on Sunday: filed by UTC date it would fall in W37"},
	{Local: "2026-09-15 07:10", Kind: Run, Timer: m(22), DistM: 2650, AvgHR: 134, RunWalk: true},
	{Local: "2026-09-15 18:00", Kind: Strength, Timer: m(30), AvgHR: 100},
	{Local: "2026-09-16 18:00", Kind: Strength, Timer: m(30), AvgHR: 102},
	{Local: "2026-09-17 07:10", Kind: Run, Timer: m(36), DistM: 3300, AvgHR: 139, RunWalk: true, Note: "over max minutes per session (30)"},
	{Local: "2026-09-18 17:30", Kind: Ride, Timer: m(45), DistM: 15200, AvgHR: 121},
	{Local: "2026-09-19 09:00", Kind: Run, Timer: m(24), DistM: 2800, AvgHR: 136, RunWalk: true},
	{Local: "2026-09-20 10:00", Kind: Run, Timer: m(15), DistM: 2000, AvgHR: 129, RunWalk: true},

	// W39 (Sep 21 – 27): 90 min exactly; one run with a 4-min pause; a late run.
	{Local: "2026-09-21 18:00", Kind: Strength, Timer: m(30), AvgHR: 101},
	{Local: "2026-09-22 07:10", Kind: Run, Timer: m(24), DistM: 2950, AvgHR: 138, RunWalk: true},
	{Local: "2026-09-23 18:00", Kind: Strength, Timer: m(30), AvgHR: 100},
	{Local: "2026-09-24 23:30", Kind: Run, Timer: m(24), DistM: 3000, AvgHR: 140, Note: "late run: 23:30 local, 22:30 UTC"},
	{Local: "2026-09-26 09:00", Kind: Run, Timer: m(27), Pause: m(4), DistM: 3300, AvgHR: 139,
		Note: "timer 27:00, elapsed 31:00 (a 4-min stop): within 30 by timer time"},
	{Local: "2026-09-27 10:00", Kind: Run, Timer: m(15), DistM: 2000, AvgHR: 128, Export: "gpx-named"},

	// W40 (Sep 28 – Oct 4): limits rise to 40 min and 120 min/week; a warm run over max avg HR;
	// Saturday's run exported twice (FIT + GPX).
	{Local: "2026-09-28 18:00", Kind: Strength, Timer: m(30), AvgHR: 102},
	{Local: "2026-09-29 07:10", Kind: Run, Timer: m(26), DistM: 3250, AvgHR: 142},
	{Local: "2026-09-30 18:00", Kind: Strength, Timer: m(30), AvgHR: 101},
	{Local: "2026-10-01 18:30", Kind: Run, Timer: m(26), DistM: 3300, AvgHR: 168, Note: "warm evening: avg HR 168 over 165"},
	{Local: "2026-10-03 09:00", Kind: Run, Timer: m(30), DistM: 3600, AvgHR: 143, Export: "fit+gpx",
		Note: "exported twice: FIT and GPX; counted once"},
	{Local: "2026-10-04 10:00", Kind: Run, Timer: m(18), DistM: 2200, AvgHR: 136},

	// W41 (Oct 5 – 11): Thu–Fri–Sat three running days in a row (max 2).
	{Local: "2026-10-05 18:00", Kind: Strength, Timer: m(30), AvgHR: 100},
	{Local: "2026-10-06 07:10", Kind: Run, Timer: m(24), DistM: 3350, AvgHR: 141},
	{Local: "2026-10-07 18:00", Kind: Strength, Timer: m(30), AvgHR: 103},
	{Local: "2026-10-08 07:10", Kind: Run, Timer: m(24), DistM: 3300, AvgHR: 140},
	{Local: "2026-10-09 07:10", Kind: Run, Timer: m(15), DistM: 2000, AvgHR: 137},
	{Local: "2026-10-10 09:00", Kind: Run, Timer: m(24), DistM: 3400, AvgHR: 140, Export: "gpx",
		Note: "third running day in a row"},

	// W42 (Oct 12 – 18): the long run on Saturday: 55 min, 7.6 km.
	{Local: "2026-10-12 18:00", Kind: Strength, Timer: m(30), AvgHR: 102},
	{Local: "2026-10-13 07:10", Kind: Run, Timer: m(26), DistM: 3900, AvgHR: 144},
	{Local: "2026-10-14 18:00", Kind: Strength, Timer: m(30), AvgHR: 103},
	{Local: "2026-10-15 07:10", Kind: Run, Timer: m(26), DistM: 3900, AvgHR: 145},
	{Local: "2026-10-17 09:00", Kind: Run, Timer: m(55), DistM: 7600, AvgHR: 152,
		Note: "the long run: 55 min, 7.6 km, RPE 8"},

	// W43 (Oct 19 – 25): the painful week; flare-up plan: no running for 3 days, cross-train.
	{Local: "2026-10-19 18:00", Kind: Strength, Timer: m(25), AvgHR: 96},
	{Local: "2026-10-21 12:30", Kind: Swim, Timer: m(30), DistM: 1000, AvgHR: 118},
	{Local: "2026-10-22 07:10", Kind: Run, Timer: m(15), DistM: 2000, AvgHR: 130, RunWalk: true},
	{Local: "2026-10-23 17:30", Kind: Indoor, Timer: m(40), AvgHR: 124},
	{Local: "2026-10-24 09:00", Kind: Run, Timer: m(20), DistM: 2700, AvgHR: 133, RunWalk: true},
	{Local: "2026-10-25 10:00", Kind: Strength, Timer: m(25), AvgHR: 95, Note: "the clocks went back at 02:00: +00:00 from here"},

	// W44 (Oct 26 – Nov 1): step-back week, clocks at +00:00 from Oct 25.
	{Local: "2026-10-26 18:00", Kind: Strength, Timer: m(30), AvgHR: 99},
	{Local: "2026-10-27 07:10", Kind: Run, Timer: m(20), DistM: 2900, AvgHR: 136},
	{Local: "2026-10-28 18:00", Kind: Strength, Timer: m(30), AvgHR: 101},
	{Local: "2026-10-29 07:10", Kind: Run, Timer: m(24), DistM: 3450, AvgHR: 138},
	{Local: "2026-10-31 09:00", Kind: Run, Timer: m(24), DistM: 3500, AvgHR: 137},

	// W45 (Nov 2 – 8): building again.
	{Local: "2026-11-02 18:00", Kind: Strength, Timer: m(30), AvgHR: 100},
	{Local: "2026-11-03 07:10", Kind: Run, Timer: m(24), DistM: 3550, AvgHR: 139},
	{Local: "2026-11-04 18:00", Kind: Strength, Timer: m(30), AvgHR: 102},
	{Local: "2026-11-05 07:10", Kind: Run, Timer: m(24), DistM: 3550, AvgHR: 140},
	{Local: "2026-11-07 09:00", Kind: Run, Timer: m(26), DistM: 3800, AvgHR: 141},

	// W46 (Nov 9 – 15): steady.
	{Local: "2026-11-09 18:00", Kind: Strength, Timer: m(30), AvgHR: 101},
	{Local: "2026-11-10 07:10", Kind: Run, Timer: m(26), DistM: 3800, AvgHR: 140},
	{Local: "2026-11-11 18:00", Kind: Strength, Timer: m(30), AvgHR: 102},
	{Local: "2026-11-12 07:10", Kind: Run, Timer: m(26), DistM: 3850, AvgHR: 141},
	{Local: "2026-11-14 09:00", Kind: Run, Timer: m(28), DistM: 4000, AvgHR: 142},
}

// First and last day of the symptom log (and of the story).
var (
	FirstDay = time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC)
	LastDay  = time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)
)

// Morning is one row of the Symptoms sheet. Nil pointers and empty strings are empty cells.
type Morning struct {
	Date      time.Time // the calendar date (midnight UTC, written as a date cell)
	Pain      any       // float64, or a text cell such as "3/10"
	Stiffness *float64
	Swelling  *float64
	Limping   string // "yes", "no" or ""
	Rehab     string // "yes", "no" or ""
	RPE       *float64
	Location  string
	Notes     string
}

// Missing are the mornings with no row in the log (not logged: never zero).
var Missing = map[string]bool{
	"2026-09-06": true, "2026-09-20": true, "2026-10-04": true, "2026-10-29": true, "2026-11-08": true,
}

// NoRehab are the logged days without the home rehab exercises. W38 has only 3 rehab days
// (Sep 14, 16, 18; Sep 20 not logged): the one week under the minimum of 4.
var NoRehab = map[string]bool{
	"2026-09-05": true, "2026-09-12": true,
	"2026-09-15": true, "2026-09-17": true, "2026-09-19": true,
	"2026-09-26": true, "2026-10-03": true, "2026-10-10": true, "2026-10-17": true,
	"2026-10-24": true, "2026-10-31": true, "2026-11-07": true, "2026-11-14": true,
}

// Flare are the painful week's mornings: pain, stiffness, swelling, limping, and notes.
// The long run was on Saturday Oct 17 (pain 1 that morning).
var Flare = map[string]struct {
	Pain        any
	Stiff, Swel float64
	Limp        string
	Note        string
}{
	"2026-10-17": {1.0, 2, 0, "no", "long run today, felt great"},
	"2026-10-18": {4.0, 5, 2, "yes", "sore and limping first thing, eased after 20 min"},
	"2026-10-19": {5.0, 6, 3, "no", "worst morning; started the flare-up plan"},
	"2026-10-20": {4.0, 4, 2, "no", ""},
	"2026-10-21": {"3/10", 3, 1, "no", "swim instead of run"},
	"2026-10-22": {3.0, 3, 0, "no", "short run/walk, ok"},
	"2026-10-23": {2.0, 2, 0, "no", ""},
	"2026-10-24": {2.0, 2, 0, "no", ""},
	"2026-10-25": {2.0, 2, 0, "no", ""},
}

// RPEs are the log's RPE (CR-10) for the day's main (longest) session. Run days without an
// entry here were not rated.
var RPEs = map[string]float64{
	"2026-09-01": 3, "2026-09-03": 3,
	"2026-09-08": 3, "2026-09-10": 4, "2026-09-12": 4,
	"2026-09-14": 3, "2026-09-17": 5, "2026-09-18": 3, "2026-09-19": 4,
	"2026-09-22": 4, "2026-09-24": 4, "2026-09-26": 5, "2026-09-27": 2,
	"2026-09-29": 4, "2026-10-01": 6, "2026-10-03": 5,
	"2026-10-06": 4, "2026-10-08": 4, "2026-10-09": 3, "2026-10-10": 5,
	"2026-10-13": 5, "2026-10-15": 5, "2026-10-17": 8,
	"2026-10-21": 3, "2026-10-22": 3, "2026-10-23": 4, "2026-10-24": 3,
	"2026-10-27": 3, "2026-10-31": 4,
	"2026-11-03": 4, "2026-11-07": 5,
	"2026-11-10": 4, "2026-11-12": 5, "2026-11-14": 5,
}

// Notes are the remaining free-text notes.
var Notes = map[string]string{
	"2026-08-31": "physio: restart run/walk, 1 min run / 1 min walk",
	"2026-09-07": "gym only once this week",
	"2026-09-14": "ran after a late shift",
	"2026-09-17": "felt good, went on a bit longer",
	"2026-09-24": "late run after work",
	"2026-10-01": "very warm evening",
	"2026-10-10": "third running day in a row",
	"2026-10-26": "step-back week",
}
