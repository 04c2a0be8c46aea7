package main

import (
	"fmt"
	"time"
)

// A sample caseload for analyze clinic: four runners living the story up to different
// weeks, each moved in time so that every one's last day is LastDay (their files arrive the
// same week, as a physio's caseload does), and one runner who sent nothing usable.
//
//	go run ./internal/samplegen -clinic DIR
//
// writes DIR/<runner>/watch/*.fit|gpx and DIR/<runner>/symptoms.xlsx (with its Plan).

// CaseRunner is one runner of the sample caseload.
type CaseRunner struct {
	Name string
	// Cut is the story's last day this runner lived (a Sunday, so that a move by whole weeks
	// keeps every weekday); empty: a runner with no usable files.
	Cut  string
	Note string // what the roster shows, and why (README "For physios")
}

// Caseload is the sample caseload, in folder-name order.
var Caseload = []CaseRunner{
	{"Ana Costa", "2026-11-15", "the whole story: green; 80 running minutes last week against 120"},
	{"Ben Okafor", "2026-10-18", "the morning after the long run: pain 4 and a limp, red; 4 breaches and a spike in the last 7 days"},
	{"Chloé Dubois", "2026-10-04", "the last morning not logged, and no rehab on the last 2 days: amber"},
	{"Dev Patel", "2026-10-25", "the end of the painful week: pain back to 2, green; a pain response in the last 14 days"},
	{"Eli Novak", "", "a note, and no watch files or log: no data"},
}

// shiftTo moves s by days, keeping its local clock time: its UTC start follows London's
// offset on the new day, as the watch would have recorded it.
func (s Session) shiftTo(days int) Session {
	wall, err := time.Parse("2006-01-02 15:04", s.Local)
	if err != nil {
		panic(fmt.Sprintf("story: bad local time %q", s.Local)) // a broken table, not input
	}
	s.Local = wall.AddDate(0, 0, days).Format("2006-01-02 15:04")
	return s
}

// GenerateCaseload returns every file of the sample caseload, in name order, each name
// starting with its runner's folder.
func GenerateCaseload() ([]File, error) {
	var files []File
	for _, cr := range Caseload {
		if cr.Cut == "" {
			files = append(files, File{cr.Name + "/notes.txt",
				[]byte("New patient: first appointment next week. Asked to send the watch export and start a symptom log (analyze init).\n")})
			continue
		}
		cut := day(cr.Cut)
		shift := int(LastDay.Sub(cut).Hours() / 24)
		if cut.Weekday() != time.Sunday || shift%7 != 0 {
			return nil, fmt.Errorf("caseload: %s's cut %s is not a Sunday", cr.Name, cr.Cut)
		}
		for i, s := range Sessions {
			if s.Local[:10] > cr.Cut {
				continue
			}
			m := s.shiftTo(shift)
			if m.Export != "gpx" && m.Export != "gpx-named" {
				b, err := encodeFIT(i, m)
				if err != nil {
					return nil, fmt.Errorf("%s: %s: %w", cr.Name, m.Name(), err)
				}
				files = append(files, File{cr.Name + "/watch/" + m.Name() + ".fit", b})
			}
			if m.Export != "" {
				files = append(files, File{cr.Name + "/watch/" + m.Name() + ".gpx", encodeGPX(i, m, m.Export == "gpx-named")})
			}
		}
		var ms []Morning
		for _, mo := range Mornings() {
			if !mo.Date.After(cut) {
				mo.Date = mo.Date.AddDate(0, 0, shift)
				ms = append(ms, mo)
			}
		}
		var plan []PlanRow
		for _, p := range Plan {
			if !day(p.From).After(cut) {
				p.From = day(p.From).AddDate(0, 0, shift).Format(time.DateOnly)
				plan = append(plan, p)
			}
		}
		x, err := encodeLog(ms, plan, day(blankAfter).AddDate(0, 0, shift), FirstDay.AddDate(0, 0, shift), LastDay)
		if err != nil {
			return nil, fmt.Errorf("%s: symptoms.xlsx: %w", cr.Name, err)
		}
		files = append(files, File{cr.Name + "/symptoms.xlsx", x})
	}
	return files, nil
}
