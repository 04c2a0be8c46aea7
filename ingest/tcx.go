package ingest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"runload/analysis"
)

// tcxDB is the part of a TrainingCenterDatabase that a session needs. Positions are not
// decoded at all. Numbers are kept as text and parsed leniently, so one odd value costs
// that value, not the file.
type tcxDB struct {
	XMLName    xml.Name      `xml:"TrainingCenterDatabase"`
	Activities []tcxActivity `xml:"Activities>Activity"`
	Multi      []struct {
		First tcxActivity   `xml:"FirstSport>Activity"`
		Next  []tcxActivity `xml:"NextSport>Activity"`
	} `xml:"Activities>MultiSportSession"`
	Courses []struct{} `xml:"Courses>Course"`
}

type tcxActivity struct {
	Sport string   `xml:"Sport,attr"`
	ID    string   `xml:"Id"`
	Laps  []tcxLap `xml:"Lap"`
}

type tcxLap struct {
	StartTime string     `xml:"StartTime,attr"`
	TotalTime string     `xml:"TotalTimeSeconds"`
	Distance  string     `xml:"DistanceMeters"`
	AvgHR     string     `xml:"AverageHeartRateBpm>Value"`
	MaxHR     string     `xml:"MaximumHeartRateBpm>Value"`
	Points    []tcxPoint `xml:"Track>Trackpoint"`
}

type tcxPoint struct {
	Time string `xml:"Time"`
	HR   string `xml:"HeartRateBpm>Value"`
}

// decodeTCX returns the sessions (one per Activity) in one TCX file and the points decoded.
//
// Per Activity: duration and distance are the laps' TotalTimeSeconds and DistanceMeters
// summed; the start is the first lap's StartTime, else the Activity Id; elapsed runs from
// the first to the last trackpoint time (else from the first lap's start to the end of the
// last lap); heart rate comes from the trackpoints' HeartRateBpm (mean, maximum and the
// histogram), else from the laps' Average/MaximumHeartRateBpm (time-weighted mean). A time
// written without a zone is wall-clock time in opt.Zone, as for GPX.
func decodeTCX(data []byte, name string, opt Options) (FileResult, int) {
	if msg := sniffXML(data, "TrainingCenterDatabase"); msg != "" {
		return FileResult{Status: analysis.StatusError, Detail: "not a TCX file: " + msg}, 0
	}
	if lim := opt.Limits.orDefault(); countTags(data, "<Trackpoint") > lim.TrackPoints {
		return FileResult{Status: analysis.StatusError, Detail: tooManyPoints(name, countTags(data, "<Trackpoint"), lim.TrackPoints)}, 0
	}
	var db tcxDB
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	if err := d.Decode(&db); err != nil {
		return FileResult{Status: analysis.StatusError, Detail: fmt.Sprintf("not a readable TCX file: %v", err)}, 0
	}
	loc := opt.Zone
	if loc == nil {
		loc = time.UTC
	}
	acts := db.Activities
	for _, m := range db.Multi {
		acts = append(acts, m.First)
		acts = append(acts, m.Next...)
	}

	var (
		res      FileResult
		records  int
		notes    []string
		zoneless bool
	)
	for i, a := range acts {
		for _, l := range a.Laps {
			records += len(l.Points)
		}
		s, zl, ok := tcxSession(a, loc)
		zoneless = zoneless || zl
		if !ok {
			notes = append(notes, fmt.Sprintf("activity %d: no times, skipped", i+1))
			continue
		}
		s.Source = name
		s.Sport = tcxSport(a.Sport, opt.DefaultSport)
		s.ZoneNote = opt.ZoneName
		res.Sessions = append(res.Sessions, s)
	}
	if zoneless {
		zn := opt.ZoneName
		if zn == "" {
			zn = loc.String()
		}
		notes = append(notes, "times written without a zone, read as wall-clock time in "+zn)
	}
	if len(res.Sessions) == 0 {
		res.Status = analysis.StatusSkipped
		switch {
		case len(acts) == 0 && len(db.Courses) > 0:
			res.Detail = "no activity: a course only"
		case len(acts) == 0:
			res.Detail = "no activity in the file"
		default:
			res.Detail = "no activity with times"
		}
		if len(notes) > 0 {
			res.Detail += " (" + strings.Join(notes, "; ") + ")"
		}
		return res, records
	}
	res.Status = analysis.StatusOK
	res.Detail = strings.Join(notes, "; ")
	return res, records
}

// tcxSession summarises one Activity. It reports whether any time was written without a
// zone, and false when the activity has no usable time at all.
func tcxSession(a tcxActivity, loc *time.Location) (s analysis.Session, zoneless, ok bool) {
	parse := func(v string) (time.Time, bool) {
		t, zl, ok := parseXMLTime(v, loc)
		if ok && zl {
			zoneless = true
		}
		return t, ok
	}
	var (
		timer, dist         float64
		hasTimer, hasDist   bool
		lapHRWeighted, lapW float64
		lapMax              int
		first, last         time.Time
		lapStart, lapEnd    time.Time
		pts                 []gpxPoint // time and HR only
	)
	for _, l := range a.Laps {
		lt, lok := parseFloat(l.TotalTime)
		if lok && lt >= 0 {
			timer += lt
			hasTimer = true
		}
		if v, ok := parseFloat(l.Distance); ok && v >= 0 {
			dist += v
			hasDist = true
		}
		if st, ok := parse(l.StartTime); ok {
			if lapStart.IsZero() || st.Before(lapStart) {
				lapStart = st
			}
			if lok {
				if e := st.Add(time.Duration(lt * float64(time.Second))); e.After(lapEnd) {
					lapEnd = e
				}
			}
		}
		if v, ok := parseFloat(l.AvgHR); ok && validHR(v) && lok && lt > 0 {
			lapHRWeighted += v * lt
			lapW += lt
		}
		if v, ok := parseFloat(l.MaxHR); ok && validHR(v) {
			lapMax = max(lapMax, int(math.Round(v)))
		}
		for _, p := range l.Points {
			t, ok := parse(p.Time)
			if !ok {
				continue
			}
			gp := gpxPoint{t: t}
			if v, ok := parseFloat(p.HR); ok && validHR(v) {
				gp.hr = int(math.Round(v))
			}
			pts = append(pts, gp)
			if first.IsZero() || t.Before(first) {
				first = t
			}
			if t.After(last) {
				last = t
			}
		}
	}
	start := lapStart
	if start.IsZero() {
		if t, ok := parse(a.ID); ok {
			start = t
		} else {
			start = first
		}
	}
	if start.IsZero() {
		return analysis.Session{}, zoneless, false
	}
	s.Start = start.In(loc)
	// The longer of the trackpoints' span and the laps' span: some files carry only a
	// few trackpoints of a long lap (GPSBabel's kona2013.tcx: 5 points over 4 s of 5 h 15 min).
	if !first.IsZero() && last.After(first) {
		s.Elapsed = last.Sub(first)
	}
	if !lapEnd.IsZero() && lapEnd.Sub(start) > s.Elapsed {
		s.Elapsed = lapEnd.Sub(start)
	}
	// Moving time and the HR stream from the trackpoints, as for GPX.
	var ps analysis.Session
	if len(pts) > 1 {
		if p, ok := gpxSession(pts, loc); ok {
			ps = p
		}
	}
	if hasTimer && timer > 0 {
		s.Duration = time.Duration(math.Round(timer*1000)) * time.Millisecond
	} else {
		s.Duration = ps.Duration
	}
	if hasDist && dist > 0 {
		s.DistanceM = analysis.Some(dist)
	}
	// Heart rate from the trackpoints, unless they cover under half of the moving time
	// and the laps have their own averages.
	s.HR = ps.HR
	switch {
	case ps.AvgHR.OK && (lapW == 0 || 2*ps.HR.Covered() >= s.Duration):
		s.AvgHR, s.MaxHR = ps.AvgHR, ps.MaxHR
	case lapW > 0:
		s.AvgHR = analysis.Some(int(math.Round(lapHRWeighted / lapW)))
		if lapMax > 0 {
			s.MaxHR = analysis.Some(lapMax)
		}
	}
	return s, zoneless, true
}

// tcxSport maps the Sport attribute (Running, Biking, Other) to a sport; a missing one is def.
func tcxSport(v string, def analysis.Sport) analysis.Sport {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "running":
		return analysis.Running
	case "biking":
		return analysis.Cycling
	case "other":
		return analysis.Other
	case "":
		if def != "" {
			return def
		}
		return analysis.Unknown
	}
	if s, ok := analysis.ParseSport(v); ok && s != analysis.Any {
		return s
	}
	if def != "" {
		return def
	}
	return analysis.Unknown
}

// parseXMLTime reads an xsd:dateTime. A time without a zone is wall-clock time in loc, and
// zoneless says so. Placeholder times before minRealYear are not times (ok false).
func parseXMLTime(v string, loc *time.Location) (t time.Time, zoneless, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false, false
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		t, err = time.ParseInLocation(zonelessLayout, v, loc)
		if err != nil {
			return time.Time{}, false, false
		}
		zoneless = true
	}
	if t.Year() < minRealYear {
		return time.Time{}, false, false
	}
	return t, zoneless, true
}

// parseFloat reads a decimal number, reporting false for empty text, junk and NaN/Inf.
func parseFloat(v string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}
