package ingest

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"runload/analysis"
)

func decodeTCXFile(t *testing.T, path string, opt Options) (FileResult, int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return decodeTCX(data, filepath.Base(path), opt)
}

// TestTCXRealFiles pins the 9 real TCX files. Duration and distance are the laps'
// TotalTimeSeconds and DistanceMeters summed, and HR the mean of the trackpoints'
// HeartRateBpm, all recomputed with a separate script over the raw XML.
func TestTCXRealFiles(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	type want struct {
		status    analysis.InputStatus
		points    int
		sport     analysis.Sport
		start     time.Time
		durationS float64 // laps summed
		elapsedS  float64
		distanceM float64 // laps summed
		avgHR     int     // 0: none
		maxHR     int
	}
	for file, w := range map[string]want{
		// Forerunner 15 10 km, no HR; its FIT twin is in the corpus.
		"gc_10kUNLP2014-Garmin15.tcx": {analysis.StatusOK, 686, analysis.Running, utc("2014-10-11T18:08:45Z"), 2223.803, 2224.624, 10010.82, 0, 0},
		// Pool swim with an HRM-Swim strap: HR on all 2 630 trackpoints (mean 127.86).
		"gc_GarminHRMswim.tcx":                             {analysis.StatusOK, 2630, analysis.Other, utc("2015-11-23T19:11:49Z"), 2629.118, 2629, 1350, 128, 156},
		"gc_argmac_Garmin_FR910XT_2015_01_31_10_17_02.tcx": {analysis.StatusOK, 85, analysis.Other, utc("2015-01-31T09:17:02Z"), 2299.011, 2299.022, 2000, 0, 0},
		// A course, not an activity.
		"gpsbabel_gtrnctr-readcp.tcx": {status: analysis.StatusSkipped},
		// 5 trackpoints over 4 s of a 5 h 15 min lap: elapsed and HR come from the lap.
		"gpsbabel_kona2013.tcx":    {analysis.StatusOK, 5, analysis.Cycling, utc("2013-10-12T18:17:26Z"), 18930.35, 18930.35, 180219.88, 150, 179},
		"gpsbabel_tcxdata.tcx":     {analysis.StatusOK, 4, analysis.Other, utc("2026-02-23T23:40:52Z"), 3, 3, 33.49, 115, 130},
		"sportslib_6281425038.tcx": {analysis.StatusOK, 1545, analysis.Running, utc("2016-09-12T11:19:55Z"), 1545, 2162.051, 4156.7, 130, 139},
		// Pool swim: Id 13:14:00, first lap 13:14:59 (the FIT file's start).
		"sportslib_6860712481.tcx":        {analysis.StatusOK, 2875, analysis.Other, utc("2019-07-21T13:14:59Z"), 2847.026, 2847, 2000, 128, 156},
		"sweatpy_activity_5039744860.tcx": {analysis.StatusOK, 100, analysis.Cycling, utc("2020-06-01T14:52:40Z"), 126, 126, 668.19, 150, 156},
	} {
		t.Run(file, func(t *testing.T) {
			res, n := decodeTCXFile(t, corpusFile(t, "tcx/"+file), Options{ZoneName: "machine zone UTC"})
			if res.Status != w.status {
				t.Fatalf("status %s %q, want %s", res.Status, res.Detail, w.status)
			}
			if w.status != analysis.StatusOK {
				if len(res.Sessions) != 0 || res.Detail == "" {
					t.Errorf("%d sessions, detail %q", len(res.Sessions), res.Detail)
				}
				return
			}
			if len(res.Sessions) != 1 || n != w.points {
				t.Fatalf("%d sessions, %d points; want 1, %d", len(res.Sessions), n, w.points)
			}
			s := res.Sessions[0]
			sec := func(d time.Duration) float64 { return d.Seconds() }
			if s.Sport != w.sport || !s.Start.Equal(w.start) || math.Abs(sec(s.Duration)-w.durationS) > 0.001 ||
				math.Abs(sec(s.Elapsed)-w.elapsedS) > 0.001 || !s.DistanceM.OK || math.Abs(s.DistanceM.V-w.distanceM) > 0.01 {
				t.Errorf("got %s %v duration %v elapsed %v distance %v\nwant %s %v duration %vs elapsed %vs distance %v",
					s.Sport, s.Start, s.Duration, s.Elapsed, s.DistanceM, w.sport, w.start, w.durationS, w.elapsedS, w.distanceM)
			}
			if s.AvgHR.V != w.avgHR || s.MaxHR.V != w.maxHR || s.AvgHR.OK != (w.avgHR > 0) {
				t.Errorf("HR %v/%v, want %d/%d", s.AvgHR, s.MaxHR, w.avgHR, w.maxHR)
			}
			if s.Source != file || s.ZoneNote != "machine zone UTC" {
				t.Errorf("Source %q ZoneNote %q", s.Source, s.ZoneNote)
			}
		})
	}
}

func TestTCXFixtures(t *testing.T) {
	cest := time.FixedZone("CEST", 2*3600)
	res, _ := decodeTCXFile(t, "testdata/tcx/laps-only.tcx", Options{Zone: cest, DefaultSport: analysis.Running})
	if res.Status != analysis.StatusOK || len(res.Sessions) != 1 {
		t.Fatalf("laps-only.tcx: %s %q, %d sessions", res.Status, res.Detail, len(res.Sessions))
	}
	s := res.Sessions[0]
	if want := time.Date(2026, 5, 2, 7, 0, 0, 0, cest); !s.Start.Equal(want) {
		t.Errorf("Start = %v, want %v (no zone: wall clock in -tz)", s.Start, want)
	}
	if s.Sport != analysis.Running || s.Duration != 900*time.Second || s.Elapsed != 17*time.Minute ||
		s.DistanceM != analysis.Some(3000.5) || s.AvgHR != analysis.Some(153) || s.MaxHR != analysis.Some(171) || s.HR != nil {
		t.Errorf("got %s duration %v elapsed %v distance %v HR %v/%v hist %v", s.Sport, s.Duration, s.Elapsed, s.DistanceM, s.AvgHR, s.MaxHR, s.HR)
	}
	if !strings.Contains(res.Detail, "without a zone") {
		t.Errorf("Detail = %q", res.Detail)
	}

	res, n := decodeTCXFile(t, "testdata/tcx/multisport.tcx", Options{})
	if res.Status != analysis.StatusOK || len(res.Sessions) != 2 || n != 2 {
		t.Fatalf("multisport.tcx: %s %q, %d sessions, %d points", res.Status, res.Detail, len(res.Sessions), n)
	}
	if a, b := res.Sessions[0], res.Sessions[1]; a.Sport != analysis.Cycling || b.Sport != analysis.Running ||
		a.DistanceM.V != 15000 || b.Duration != 20*time.Minute || a.AvgHR != analysis.Some(135) || b.AvgHR.OK {
		t.Errorf("legs: %+v\n%+v", a, b)
	}

	for _, data := range []string{"", "plain text", "<gpx version=\"1.1\"/>", "<TrainingCenterDatabase><Activities><Activity>"} {
		res, _ := decodeTCX([]byte(data), "x.tcx", Options{})
		if res.Status != analysis.StatusError || !strings.HasPrefix(res.Detail, "not a ") {
			t.Errorf("decodeTCX(%q) = %s %q, want an error saying why", data, res.Status, res.Detail)
		}
	}
}

func FuzzDecodeTCX(f *testing.F) {
	addSeeds(f, "tcx", ".tcx")
	f.Fuzz(func(t *testing.T, data []byte) {
		defer hangGuard(t)()
		in := string(data)
		res, _ := decodeTCX(data, "fuzz.tcx", Options{Limits: Limits{TrackPoints: 10_000}})
		if string(data) != in {
			t.Fatal("input bytes were modified")
		}
		checkResult(t, res)
	})
}
