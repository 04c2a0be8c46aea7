package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// synthetic returns days of mixed sessions with HR, RPE and gaps in the log, and a
// plan with every kind of rule, from a fixed seed.
func synthetic(seed uint64, days int) ([]Session, []SymptomEntry, Plan) {
	rng := rand.New(rand.NewPCG(seed, 7))
	start := D("2026-01-05")
	var ss []Session
	var es []SymptomEntry
	for i := range days {
		day := start.AddDays(i).String()
		if rng.IntN(10) < 6 {
			min := 20 + float64(rng.IntN(60))
			km := min / (5 + rng.Float64()*2)
			if rng.IntN(8) == 0 {
				km = 0 // a treadmill run without distance
			}
			s := run(day, min, km)
			s.Start = s.Start.Add(time.Duration(rng.IntN(600)) * time.Minute)
			s.HR = hist(120+rng.IntN(50), mins(min*0.9))
			s.AvgHR = Some(140 + rng.IntN(20))
			if rng.IntN(2) == 0 {
				s.RPE = Some(float64(rng.IntN(11)))
			}
			ss = append(ss, s)
		}
		if rng.IntN(10) < 2 {
			ss = append(ss, other([]Sport{Cycling, Swimming, Strength, Walking}[rng.IntN(4)], day, 15+float64(rng.IntN(90))))
		}
		if rng.IntN(10) < 8 {
			e := SymptomEntry{Day: start.AddDays(i), Pain: Some(float64(rng.IntN(6))), Stiffness: Some(float64(rng.IntN(5))),
				Limping: Some(rng.IntN(20) == 0), Rehab: Some(rng.IntN(2) == 0), Source: "log"}
			if rng.IntN(4) == 0 {
				e.RPE = Some(float64(rng.IntN(11)))
			}
			es = append(es, e)
			if rng.IntN(15) == 0 { // a second row for the same day
				e2 := e
				e2.Pain, e2.Notes = Some(float64(rng.IntN(8))), "second row"
				es = append(es, e2)
			}
		}
	}
	p := plan(
		rule("2026-01-01", MaxSessionMinutes, Running, 60), rule("2026-02-01", MaxSessionMinutes, Running, 70),
		rule("2026-01-01", MaxSessionKm, Running, 10), rule("2026-01-01", MaxSessionRPE, Any, 8),
		rule("2026-01-01", MaxAvgHR, Running, 155), rule("2026-01-01", MaxWeeklyMinutes, Running, 200),
		rule("2026-01-01", MaxWeeklyKm, Running, 30), rule("2026-01-01", MaxWeeklyMinutes, Any, 300),
		rule("2026-01-01", MaxSessionsPerWeek, Running, 4), rule("2026-01-01", MaxConsecutiveDays, Running, 3),
		rule("2026-01-01", MinRehabDaysPerWeek, Running, 3), rule("2026-01-01", MinStrengthSessionsPerWeek, Running, 1),
		rule("2026-02-04", MaxWeeklyMinutes, Running, 150), rule("2026-02-19", MinRehabDaysPerWeek, Running, 4), // mid-week changes
		rule("2026-01-01", PainThreshold, Running, 3), rule("2026-01-01", ACWRMax, Running, 1.3),
		rule("2026-01-01", HRMaxRule, Any, 190), rule("2026-01-01", HRRestRule, Any, 55),
	)
	return ss, es, p
}

// checkFinite walks every float in v with reflect and fails on NaN or Inf.
func checkFinite(t *testing.T, v any) {
	t.Helper()
	var walk func(reflect.Value, string)
	walk = func(x reflect.Value, path string) {
		switch x.Kind() {
		case reflect.Float32, reflect.Float64:
			if f := x.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
				t.Errorf("%s = %v", path, f)
			}
		case reflect.Pointer, reflect.Interface:
			if !x.IsNil() {
				walk(x.Elem(), path)
			}
		case reflect.Struct:
			if x.Type() == reflect.TypeFor[time.Time]() {
				return
			}
			for i := range x.NumField() {
				walk(x.Field(i), path+"."+x.Type().Field(i).Name)
			}
		case reflect.Slice, reflect.Array:
			for i := range x.Len() {
				walk(x.Index(i), path+"["+strconv.Itoa(i)+"]")
			}
		case reflect.Map:
			it := x.MapRange()
			for it.Next() {
				walk(it.Value(), path+"[k]")
			}
		}
	}
	walk(reflect.ValueOf(v), "Result")
}

func TestProperties(t *testing.T) {
	for _, m := range []LoadMeasure{LoadMinutes, LoadKm, LoadTRIMP, LoadSRPE} {
		t.Run(string(m), func(t *testing.T) {
			ss, es, p := synthetic(1, 120)
			cfg := Config{Load: m}
			ssCopy, esCopy := append([]Session(nil), ss...), append([]SymptomEntry(nil), es...)
			r := Analyze(ss, es, p, cfg)

			t.Run("arguments are not modified", func(t *testing.T) {
				if d := cmp.Diff(ssCopy, ss); d != "" {
					t.Errorf("sessions modified:\n%s", d)
				}
				if d := cmp.Diff(esCopy, es); d != "" {
					t.Errorf("entries modified:\n%s", d)
				}
			})
			t.Run("days are contiguous and sorted", func(t *testing.T) {
				if len(r.Days) == 0 || r.Days[0].Day != r.From || r.Days[len(r.Days)-1].Day != r.To {
					t.Fatalf("days do not span %s..%s", r.From, r.To)
				}
				for i := 1; i < len(r.Days); i++ {
					if r.Days[i].Day != r.Days[i-1].Day.AddDays(1) {
						t.Errorf("day %d is %s after %s", i, r.Days[i].Day, r.Days[i-1].Day)
					}
				}
			})
			t.Run("no NaN or Inf anywhere", func(t *testing.T) { checkFinite(t, r) })
			t.Run("results do not depend on input order", func(t *testing.T) {
				rng := rand.New(rand.NewPCG(9, 9))
				for range 5 {
					s2, e2 := append([]Session(nil), ss...), append([]SymptomEntry(nil), es...)
					rng.Shuffle(len(s2), func(i, j int) { s2[i], s2[j] = s2[j], s2[i] })
					rng.Shuffle(len(e2), func(i, j int) { e2[i], e2[j] = e2[j], e2[i] })
					if d := cmp.Diff(r, Analyze(s2, e2, p, cfg)); d != "" {
						t.Fatalf("shuffled input changed the result (-first +shuffled):\n%s", d)
					}
				}
			})
			t.Run("the quoted weeks restate the weekly results, breaches and minimums", func(t *testing.T) {
				for name, o := range map[string]Opt[WeekSummary]{"LastWeek": r.LastWeek, "ThisWeek": r.ThisWeek} {
					if !o.OK {
						continue
					}
					w := o.V
					i := slices.IndexFunc(r.Weeks, func(x WeekResult) bool { return x.Start == w.Start })
					if i < 0 || r.Weeks[i].RunningMin != w.RunningMin || r.Weeks[i].RunningKm != w.RunningKm ||
						r.Weeks[i].DaysInPeriod != w.Days || w.Last.Sub(w.First)+1 != w.Days {
						t.Errorf("%s %s does not restate its WeekResult", name, w.Week)
					}
					for _, l := range w.Limits {
						broken := slices.ContainsFunc(r.Breaches, func(b Breach) bool {
							return b.Week == w.Week && b.First == l.First && b.Day == l.Last && b.Rule == l.Rule && b.Sport == l.Sport &&
								b.Limit == l.Limit && b.Value == l.Value
						})
						judged := slices.IndexFunc(r.Minimums, func(m MinimumCheck) bool {
							return m.Week == w.Week && m.First == l.First && m.Last == l.Last && m.Rule == l.Rule && m.Sport == l.Sport
						})
						if l.Over != broken || (judged >= 0) != l.Met.OK || (judged >= 0 && r.Minimums[judged].Met != l.Met.V) {
							t.Errorf("%s %s: %+v disagrees with the breaches and minimums", name, w.Week, l)
						}
					}
				}
				if !r.LastWeek.OK || r.LastWeek.V.Days != 7 || (r.ThisWeek.OK && r.ThisWeek.V.Last != r.To) {
					t.Errorf("LastWeek %+v, ThisWeek %+v for a period ending %s", r.LastWeek, r.ThisWeek, r.To)
				}
			})
			t.Run("a week's parts of each weekly rule cover the days it was in force, one value each", func(t *testing.T) {
				idx := newPlanIndex(p)
				split := 0
				for _, w := range r.Weeks {
					for _, id := range []RuleID{MaxWeeklyMinutes, MaxWeeklyKm, MaxSessionsPerWeek, MinRehabDaysPerWeek, MinStrengthSessionsPerWeek} {
						for _, sport := range idx.sports(id) {
							var want []string // one "value:day" per day of the week in the period with the rule in force
							for i := range 7 {
								if d := w.Start.AddDays(i); !d.Before(r.From) && !d.After(r.To) {
									if ru, ok := idx.at(id, sport, d); ok {
										want = append(want, fmt.Sprintf("%v:%s", ru.Value, d))
									}
								}
							}
							var got []string
							parts := 0
							for k, l := range w.Checks {
								if l.Rule != id || l.Sport != sport {
									continue
								}
								parts++
								if k > 0 && w.Checks[k-1].Rule == id && w.Checks[k-1].Sport == sport && w.Checks[k-1].Limit == l.Limit {
									t.Errorf("%s %s: two parts in a row with the value %v", w.Week, id, l.Limit)
								}
								for d := l.First; !d.After(l.Last); d = d.AddDays(1) {
									got = append(got, fmt.Sprintf("%v:%s", l.Limit, d))
								}
							}
							if parts > 1 {
								split++
							}
							if d := cmp.Diff(want, got); d != "" {
								t.Errorf("%s %s (%s): the parts' days (-in force +checked):\n%s", w.Week, id, sport, d)
							}
						}
					}
				}
				if split == 0 {
					t.Error("no week was split: the synthetic plan should change a weekly rule mid-week")
				}
			})
			t.Run("something was found", func(t *testing.T) {
				if len(r.Breaches) == 0 || len(r.Spikes) == 0 || len(r.Minimums) == 0 || len(r.Exposure) == 0 {
					t.Errorf("%d breaches, %d spikes, %d minimums, %d exposure days", len(r.Breaches), len(r.Spikes), len(r.Minimums), len(r.Exposure))
				}
			})
		})
	}
}

// BenchmarkAnalyze runs the whole analysis on 1, 5 and 10 synthetic years: the cost per
// year stays flat (ns/op grows with the years, ns/day does not).
func BenchmarkAnalyze(b *testing.B) {
	for _, years := range []int{1, 5, 10} {
		ss, es, p := synthetic(2, 365*years)
		b.Run(fmt.Sprintf("years=%d", years), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Analyze(ss, es, p, Config{})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(365*years), "ns/day")
		})
	}
}
