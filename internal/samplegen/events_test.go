package main

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// This file is a small, independent reading of DOMAIN.md and SPEC "Analysis" over the story
// table, to keep docs/sample-data.md's list of planted events honest: if the story changes,
// TestPlantedEvents fails until the README and wantEvents are updated together. It is not the
// analysis (that lives in package analysis); it is the answer the analysis should find.

func dayOf(t time.Time, off time.Duration) string { return t.Add(off).Format(time.DateOnly) }

type runDay struct {
	start time.Time
	day   string
	min   float64
	km    float64
}

// limit returns the value of rule id for sport in force on day d ("" sport = running).
func limit(id, sport, d string) (float64, bool) {
	labels := map[string]string{
		"Max minutes per session": "max_session_minutes", "Max km per session": "max_session_km",
		"Max minutes per week": "max_weekly_minutes", "Max sessions per week": "max_sessions_per_week",
		"Max average heart rate": "max_avg_hr", "Min strength sessions per week": "min_strength_sessions_per_week",
		"HR max": "hr_max", "Flare-up plan": "flare_up_plan",
	}
	v, ok, from := 0.0, false, ""
	for _, p := range Plan {
		rid := p.Rule
		if l, isLabel := labels[rid]; isLabel {
			rid = l
		}
		sp := p.Sport
		if sp == "" {
			sp = "running"
		}
		if rid == id && sp == sport && p.From <= d && p.From >= from {
			v, ok, from = p.Value.(float64), true, p.From
		}
	}
	return v, ok
}

func monday(d string) string {
	t := day(d)
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)).Format(time.DateOnly)
}

func isoWeek(d string) string {
	y, w := day(d).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

func f1(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

func plantedEvents() []string {
	var ev []string
	var runs []runDay
	sessionDays := map[string]bool{}
	strength := map[string]int{} // per week
	for _, s := range Sessions {
		d := dayOf(s.Start(), s.Offset())
		sessionDays[d] = true
		if s.Kind == Strength {
			strength[isoWeek(d)]++
		}
		if s.Kind == Run {
			runs = append(runs, runDay{s.Start(), d, s.Timer.Minutes(), s.DistM / 1000})
			if v, _ := limit("max_avg_hr", "running", d); float64(s.AvgHR) > v {
				ev = append(ev, fmt.Sprintf("%s breach max_avg_hr limit %s value %d", d, f1(v), s.AvgHR))
			}
		}
	}
	mornings := map[string]Morning{}
	var logged []string
	for _, mo := range Mornings() {
		k := mo.Date.Format(time.DateOnly)
		mornings[k] = mo
		logged = append(logged, k)
	}
	for _, r := range runs {
		if v, _ := limit("max_session_minutes", "running", r.day); r.min > v {
			ev = append(ev, fmt.Sprintf("%s breach max_session_minutes limit %s value %s", r.day, f1(v), f1(r.min)))
		}
		if v, _ := limit("max_session_km", "running", r.day); r.km > v {
			ev = append(ev, fmt.Sprintf("%s breach max_session_km limit %s value %s", r.day, f1(v), f1(r.km)))
		}
		if mo, ok := mornings[r.day]; ok && mo.RPE != nil {
			if v, _ := limit("max_session_rpe", "running", r.day); *mo.RPE > v {
				ev = append(ev, fmt.Sprintf("%s breach max_session_rpe limit %s value %s", r.day, f1(v), f1(*mo.RPE)))
			}
		}
		// session_increase: distance over the longest run in [start-30d, start).
		longest, any := 0.0, false
		for _, p := range runs {
			if !p.start.Before(r.start.AddDate(0, 0, -30)) && p.start.Before(r.start) {
				longest, any = max(longest, p.km), true
			}
		}
		switch ratio := r.km / longest; {
		case !any:
			ev = append(ev, fmt.Sprintf("%s spike session_increase first run back", r.day))
		case ratio > 1.10:
			band := "small"
			if ratio > 2 {
				band = "large"
			} else if ratio > 1.3 {
				band = "moderate"
			}
			ev = append(ev, fmt.Sprintf("%s spike session_increase %s ratio %.2f (%s / %s km)", r.day, band, ratio, f1(r.km), f1(longest)))
		}
	}
	// week_increase on each run day: km of [d-6, d] against [d-13, d-7], floor 5 km.
	seen := map[string]bool{}
	for _, r := range runs {
		if seen[r.day] {
			continue
		}
		seen[r.day] = true
		var cur, prev float64
		for _, p := range runs {
			n := int(day(r.day).Sub(day(p.day)).Hours() / 24)
			switch {
			case n >= 0 && n <= 6:
				cur += p.km
			case n >= 7 && n <= 13:
				prev += p.km
			}
		}
		if prev < 5 {
			continue
		}
		pct := (cur/prev - 1) * 100
		if pct > 30 {
			ev = append(ev, fmt.Sprintf("%s spike week_increase %.1f%% (%s / %s km)", r.day, pct, f1(cur), f1(prev)))
		} else if pct > 20 {
			ev = append(ev, fmt.Sprintf("%s watch week_increase %.1f%% (%s / %s km)", r.day, pct, f1(cur), f1(prev)))
		}
	}
	// Weekly limits and minimums, Monday to Sunday.
	for w := FirstDay; !w.After(LastDay); w = w.AddDate(0, 0, 7) {
		mon := w.Format(time.DateOnly)
		wk := isoWeek(mon)
		var mins, km float64
		n, rehab := 0, 0
		for _, r := range runs {
			if monday(r.day) == mon {
				mins += r.min
				km += r.km
				n++
			}
		}
		for i := 0; i < 7; i++ {
			if mo, ok := mornings[w.AddDate(0, 0, i).Format(time.DateOnly)]; ok && mo.Rehab == "yes" {
				rehab++
			}
		}
		if v, _ := limit("max_weekly_minutes", "running", mon); mins > v {
			ev = append(ev, fmt.Sprintf("%s breach max_weekly_minutes limit %s value %s", wk, f1(v), f1(mins)))
		}
		if v, _ := limit("max_weekly_km", "running", mon); km > v {
			ev = append(ev, fmt.Sprintf("%s breach max_weekly_km limit %s value %s", wk, f1(v), f1(km)))
		}
		if v, _ := limit("max_sessions_per_week", "running", mon); float64(n) > v {
			ev = append(ev, fmt.Sprintf("%s breach max_sessions_per_week limit %s value %d", wk, f1(v), n))
		}
		if v, _ := limit("min_rehab_days_per_week", "any", mon); float64(rehab) < v {
			ev = append(ev, fmt.Sprintf("%s missed min_rehab_days_per_week limit %s value %d", wk, f1(v), rehab))
		}
		if v, _ := limit("min_strength_sessions_per_week", "any", mon); float64(strength[wk]) < v {
			ev = append(ev, fmt.Sprintf("%s missed min_strength_sessions_per_week limit %s value %d", wk, f1(v), strength[wk]))
		}
	}
	// Runs of consecutive running days.
	var days []string
	for _, r := range runs {
		if len(days) == 0 || days[len(days)-1] != r.day {
			days = append(days, r.day)
		}
	}
	for i := 0; i < len(days); {
		j := i
		for j+1 < len(days) && day(days[j+1]).Sub(day(days[j])) == 24*time.Hour {
			j++
		}
		if v, _ := limit("max_consecutive_days", "running", days[i]); float64(j-i+1) > v {
			ev = append(ev, fmt.Sprintf("%s breach max_consecutive_days limit %s value %d (%s to %s)", days[j], f1(v), j-i+1, days[i], days[j]))
		}
		i = j + 1
	}
	// Pain responses after every session day, at +1 and +2 days.
	pain := func(d string) (float64, bool) {
		mo, ok := mornings[d]
		if !ok {
			return 0, false
		}
		switch p := mo.Pain.(type) {
		case float64:
			return p, true
		case string:
			v, err := strconv.ParseFloat(strings.TrimSuffix(p, "/10"), 64)
			return v, err == nil
		}
		return 0, false
	}
	thr, _ := limit("pain_threshold", "any", "2026-12-31")
	var sdays []string
	for d := range sessionDays {
		sdays = append(sdays, d)
	}
	sort.Strings(sdays)
	for _, d := range sdays {
		base, ok := pain(d)
		if !ok { // the median of the previous 7 logged days
			var prev []float64
			for i := len(logged) - 1; i >= 0 && len(prev) < 7; i-- {
				if logged[i] < d {
					p, _ := pain(logged[i])
					prev = append(prev, p)
				}
			}
			slices.Sort(prev)
			base = (prev[len(prev)/2] + prev[(len(prev)-1)/2]) / 2
		}
		for k, label := range []string{"24h", "48h"} {
			nd := day(d).AddDate(0, 0, k+1).Format(time.DateOnly)
			p, ok := pain(nd)
			if !ok {
				continue
			}
			mo, mn := mornings[nd], mornings[d]
			var why []string
			if p >= base+2 {
				why = append(why, fmt.Sprintf("pain %s >= baseline %s + 2", f1(p), f1(base)))
			}
			if p > thr && base <= thr {
				why = append(why, fmt.Sprintf("pain %s > threshold %s", f1(p), f1(thr)))
			}
			if mn.Stiffness != nil && mo.Stiffness != nil && *mo.Stiffness >= *mn.Stiffness+2 {
				why = append(why, fmt.Sprintf("stiffness %s >= %s + 2", f1(*mo.Stiffness), f1(*mn.Stiffness)))
			}
			if mo.Limping == "yes" {
				why = append(why, "limping")
			}
			if len(why) > 0 {
				ev = append(ev, fmt.Sprintf("%s pain_response %s on %s: %s", d, label, nd, strings.Join(why, ", ")))
			}
		}
	}
	sort.Strings(ev)
	return ev
}

// wantEvents is the list in docs/sample-data.md ("Planted events").
var wantEvents = []string{
	"2026-09-01 spike session_increase first run back",
	"2026-09-12 watch week_increase 28.7% (9.65 / 7.5 km)",
	"2026-09-17 breach max_session_minutes limit 30 value 36",
	"2026-09-17 spike session_increase small ratio 1.25 (3.3 / 2.65 km)",
	"2026-09-20 spike week_increase 63.9% (12.7 / 7.75 km)",
	"2026-10-01 breach max_avg_hr limit 165 value 168",
	"2026-10-09 watch week_increase 21.9% (14.45 / 11.85 km)",
	"2026-10-10 breach max_consecutive_days limit 2 value 3 (2026-10-08 to 2026-10-10)",
	"2026-10-17 breach max_session_km limit 7 value 7.6",
	"2026-10-17 breach max_session_minutes limit 40 value 55",
	"2026-10-17 breach max_session_rpe limit 6 value 8",
	"2026-10-17 pain_response 24h on 2026-10-18: pain 4 >= baseline 1 + 2, pain 4 > threshold 2, stiffness 5 >= 2 + 2, limping",
	"2026-10-17 pain_response 48h on 2026-10-19: pain 5 >= baseline 1 + 2, pain 5 > threshold 2, stiffness 6 >= 2 + 2",
	"2026-10-17 spike session_increase moderate ratio 1.95 (7.6 / 3.9 km)",
	"2026-11-03 spike week_increase 38.2% (10.5 / 7.6 km)",
	"2026-W37 missed min_strength_sessions_per_week limit 2 value 1",
	"2026-W38 breach max_sessions_per_week limit 4 value 5",
	"2026-W38 breach max_weekly_minutes limit 90 value 112",
	"2026-W38 missed min_rehab_days_per_week limit 4 value 3",
	"2026-W42 breach max_weekly_km limit 15 value 15.4",
}

func TestPlantedEvents(t *testing.T) {
	got := plantedEvents()
	for _, e := range got {
		t.Log(e)
	}
	if !slices.Equal(got, wantEvents) {
		t.Errorf("the story's events changed; update wantEvents and docs/sample-data.md together")
	}
}
