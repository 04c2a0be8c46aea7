package analysis

import (
	"time"
)

// D parses a YYYY-MM-DD test date.
func D(s string) Day {
	d, err := ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// at is hh:mm UTC on day.
func at(day string, hh, mm int) time.Time {
	d := D(day)
	return time.Date(d.Year, d.Month, d.Day, hh, mm, 0, 0, time.UTC)
}

func mins(m float64) time.Duration { return time.Duration(m * float64(time.Minute)) }

// run is a run at 07:00 UTC; km 0 means no distance.
func run(day string, min, km float64) Session {
	s := Session{Source: "run-" + day + ".fit", Sport: Running, Start: at(day, 7, 0), Duration: mins(min), Elapsed: mins(min)}
	if km > 0 {
		s.DistanceM = Some(km * 1000)
	}
	return s
}

// other is a session of sport at 18:00 UTC.
func other(sport Sport, day string, min float64) Session {
	return Session{Source: string(sport) + "-" + day + ".fit", Sport: sport, Start: at(day, 18, 0), Duration: mins(min), Elapsed: mins(min)}
}

func pain(day string, p float64) SymptomEntry { return SymptomEntry{Day: D(day), Pain: Some(p)} }

// painDays logs pains on consecutive days from from; a negative value leaves that morning unlogged.
func painDays(from string, ps ...float64) []SymptomEntry {
	var out []SymptomEntry
	for i, p := range ps {
		if p >= 0 {
			out = append(out, SymptomEntry{Day: D(from).AddDays(i), Pain: Some(p)})
		}
	}
	return out
}

func rule(from string, id RuleID, sport Sport, v float64) Rule {
	return Rule{From: D(from), ID: id, Sport: sport, Value: v}
}

func plan(rs ...Rule) Plan { return Plan{Rules: rs} }
