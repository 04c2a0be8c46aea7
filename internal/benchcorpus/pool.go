package benchcorpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// fitEpoch is FIT's time zero: date_time counts seconds from here.
func fitEpoch() time.Time { return time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC) }

// source is a real activity file the corpus copies, with the facts needed to shift it.
type source struct {
	name    string        // base name in the real corpus
	gpx     bool          // GPX rather than FIT
	data    []byte        // the file as read
	start   time.Time     // first session start (FIT) or first point time (GPX), UTC
	offset  time.Duration // the file's own local offset (FIT local_timestamp); 0 when absent
	elapsed time.Duration // session elapsed time, or last point − first point
	records int           // FIT record messages or GPX track points
	hr      bool          // has heart rate per record or point
	weight  int           // how often to pick it relative to others
}

// pool is the usable real files, in name order.
type pool struct {
	fit, gpx []source
}

// loadPool reads realDir/fit and realDir/gpx and keeps the activity files that can stand
// in for a day of training: FIT files that muktihari/fit decodes without error and whose
// CRCs are right, with one or more sessions, all running, cycling, walking or strength
// training, with records, and whose times are absolute and span less than a day; GPX files
// with at least 30 timed track points spanning less than 12 hours.
func loadPool(realDir string) (pool, error) {
	var p pool
	fits, err := filepath.Glob(filepath.Join(realDir, "fit", "*"))
	if err != nil {
		return p, err
	}
	for _, path := range fits {
		low := strings.ToLower(path)
		if !strings.HasSuffix(low, ".fit") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return p, err
		}
		if s, ok := fitSource(filepath.Base(path), data); ok {
			p.fit = append(p.fit, s)
		}
	}
	gpxs, err := filepath.Glob(filepath.Join(realDir, "gpx", "*.gpx"))
	if err != nil {
		return p, err
	}
	for _, path := range gpxs {
		data, err := os.ReadFile(path)
		if err != nil {
			return p, err
		}
		if s, ok := gpxSource(filepath.Base(path), data); ok {
			p.gpx = append(p.gpx, s)
		}
	}
	sort.Slice(p.fit, func(i, j int) bool { return p.fit[i].name < p.fit[j].name })
	sort.Slice(p.gpx, func(i, j int) bool { return p.gpx[i].name < p.gpx[j].name })
	if len(p.fit) == 0 {
		return p, fmt.Errorf("no usable activity FIT files in %s", filepath.Join(realDir, "fit"))
	}
	return p, nil
}

// fitFacts collects what loadPool needs from a decoded FIT file. It keeps no messages.
type fitFacts struct {
	fileType         uint8
	sessions         int
	badSport         bool
	start            uint32 // first session start_time
	elapsedMs        uint32 // first session total_elapsed_time, ms
	records, hr      int
	minT, maxT       uint32 // record timestamps
	relative         bool   // a record or session time counts from power-on
	actTime, actLoc  uint32 // activity timestamp and local_timestamp
	hasActTimeLocals bool
}

func (f *fitFacts) OnMesg(m proto.Message) {
	switch m.Num {
	case typedef.MesgNumFileId:
		f.fileType = m.FieldValueByNum(0).Uint8()
	case typedef.MesgNumSession:
		f.sessions++
		sport, sub := m.FieldValueByNum(5).Uint8(), m.FieldValueByNum(6).Uint8()
		switch typedef.Sport(sport) {
		case typedef.SportRunning, typedef.SportCycling, typedef.SportWalking:
		case typedef.SportTraining:
			if typedef.SubSport(sub) != typedef.SubSportStrengthTraining {
				f.badSport = true
			}
		default:
			f.badSport = true
		}
		if f.sessions == 1 {
			f.start = m.FieldValueByNum(2).Uint32()
			f.elapsedMs = m.FieldValueByNum(7).Uint32()
			if f.start < minAbsTime || f.start == 0xFFFFFFFF {
				f.relative = true
			}
		}
	case typedef.MesgNumRecord:
		f.records++
		if hr := m.FieldValueByNum(3).Uint8(); hr != 0xFF && hr != 0 {
			f.hr++
		}
		t := m.FieldValueByNum(fitTimestamp).Uint32()
		if t == 0xFFFFFFFF {
			return
		}
		if t < minAbsTime {
			f.relative = true
			return
		}
		if f.minT == 0 || t < f.minT {
			f.minT = t
		}
		if t > f.maxT {
			f.maxT = t
		}
	case typedef.MesgNumActivity:
		f.actTime = m.FieldValueByNum(fitTimestamp).Uint32()
		f.actLoc = m.FieldValueByNum(5).Uint32()
		f.hasActTimeLocals = f.actTime != 0xFFFFFFFF && f.actLoc != 0xFFFFFFFF && f.actTime >= minAbsTime
	}
}

func fitSource(name string, data []byte) (source, bool) {
	// The walker must follow the file to its end, and with no shift it must give the same
	// bytes back: that proves the CRCs are right and every message was understood.
	same, _, err := ShiftFIT(data, 0)
	if err != nil || !bytes.Equal(same, data) {
		return source{}, false
	}
	var f fitFacts
	dec := decoder.New(bytes.NewReader(data), decoder.WithMesgListener(&f),
		decoder.WithBroadcastOnly(), decoder.WithIgnoreChecksum())
	for dec.Next() {
		if _, err := dec.Decode(); err != nil {
			return source{}, false
		}
	}
	if f.fileType != uint8(typedef.FileActivity) || f.sessions == 0 || f.badSport || f.relative ||
		f.records == 0 || f.minT == 0 || f.maxT-f.minT > 24*3600 {
		return source{}, false
	}
	start := fitEpoch().Add(time.Duration(f.start) * time.Second)
	if start.Year() < 2000 || f.minT+3600 < f.start || f.start+24*3600 < f.maxT {
		return source{}, false
	}
	s := source{
		name: name, data: data, start: start, records: f.records, hr: f.hr > f.records/2, weight: 1,
		elapsed: time.Duration(f.elapsedMs) * time.Millisecond,
	}
	if f.elapsedMs == 0xFFFFFFFF {
		s.elapsed = time.Duration(f.maxT-f.minT) * time.Second
	}
	if f.hasActTimeLocals {
		off := time.Duration(int64(f.actLoc)-int64(f.actTime)) * time.Second
		if off.Abs() <= 14*time.Hour && off%(15*time.Minute) == 0 {
			s.offset = off
		}
	}
	s.weight = pickWeight(s.records, s.hr)
	return s, true
}

// pickWeight prefers files that look like a day's training: with records (a real session
// rather than a one-minute test file) and with heart rate, as most watch exports have.
func pickWeight(records int, hr bool) int {
	w := 1
	if records >= 300 {
		w = 3
	}
	if hr {
		w *= 2
	}
	return w
}

// gpxTime matches a <time> element; group 1 is its text.
var gpxTime = regexp.MustCompile(`<time>([^<]*)</time>`)

func gpxSource(name string, data []byte) (source, bool) {
	points := bytes.Count(data, []byte("<trkpt"))
	if points < 30 {
		return source{}, false
	}
	var first, last time.Time
	n := 0
	for _, m := range gpxTime.FindAllSubmatch(data, -1) {
		t, _, err := parseGPXTime(string(m[1]))
		if err != nil {
			return source{}, false
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
		n++
	}
	if n < 30 || first.Year() < 2000 || last.Sub(first) > 12*time.Hour {
		return source{}, false
	}
	hr := bytes.Contains(data, []byte("hr>")) || bytes.Contains(data, []byte("heartrate>"))
	return source{name: name, gpx: true, data: data, start: first.UTC(), elapsed: last.Sub(first),
		records: points, hr: hr, weight: pickWeight(points, hr)}, true
}
