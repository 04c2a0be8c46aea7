package ingest

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

// decodeGPXFile decodes a GPX file from disk with opt.
func decodeGPXFile(t *testing.T, path string, opt Options) (FileResult, int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return decodeGPX(data, filepath.Base(path), opt)
}

// pointHR matches the first heart-rate element of a <trkpt>, whatever its prefix.
var pointHR = regexp.MustCompile(`<(?:[A-Za-z0-9]+:)?(?:hr|heartrate)(?:\s[^>]*)?>\s*([0-9.]+)\s*<`)

// rawMeanHR computes, independently of the decoder, the mean of the first valid heart rate
// of each <trkpt> in the raw file, and how many points have one.
func rawMeanHR(t *testing.T, path string) (mean float64, n int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, pt := range strings.Split(string(data), "<trkpt")[1:] {
		m := pointHR.FindStringSubmatch(pt)
		if m == nil {
			continue
		}
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil || v < analysis.MinValidHR || v > analysis.MaxValidHR {
			continue
		}
		sum += math.Round(v)
		n++
	}
	if n == 0 {
		return 0, 0
	}
	return sum / float64(n), n
}

func TestGPXHeartRateSpellings(t *testing.T) {
	for _, tc := range []struct {
		file     string
		spelling string
		points   int // points with HR, from DECODE-NOTES' GPX table
	}{
		{"gpsbabel_garminconnect.gpx", "ns3:hr", 68},
		{"sportslib_amazfit.gpx", "heartrate", 1216},
		{"sportslib_movescount.gpx", "hr in a TrackPointExtension declaring its own namespace", 1590},
		{"gc_Move_2014_01_17_09_33_11.gpx", "gpxdata:hr", 1405},
		{"sportslib_1681613317.gpx", "gpxtpx:hr", 1038},
	} {
		t.Run(tc.spelling, func(t *testing.T) {
			path := corpusFile(t, "gpx/"+tc.file)
			mean, n := rawMeanHR(t, path)
			if n != tc.points {
				t.Fatalf("%s: the regexp found HR on %d points, DECODE-NOTES says %d", tc.file, n, tc.points)
			}
			res, _ := decodeGPXFile(t, path, Options{})
			if res.Status != analysis.StatusOK || len(res.Sessions) != 1 {
				t.Fatalf("%s: %s %q, %d sessions; want ok, 1", tc.file, res.Status, res.Detail, len(res.Sessions))
			}
			s := res.Sessions[0]
			if want := int(math.Round(mean)); !s.AvgHR.OK || s.AvgHR.V != want {
				t.Errorf("%s: AvgHR = %v, want %d (mean of %d points: %.2f)", tc.file, s.AvgHR, want, n, mean)
			}
			if !s.MaxHR.OK || s.MaxHR.V < s.AvgHR.V {
				t.Errorf("%s: MaxHR = %v with AvgHR %v", tc.file, s.MaxHR, s.AvgHR)
			}
			if s.HR == nil || s.HR.Covered() <= 0 || s.HR.Covered() > s.Duration+time.Millisecond { // float32 seconds
				t.Errorf("%s: HR histogram covers %v of %v moving time", tc.file, s.HR.Covered(), s.Duration)
			}
		})
	}
}

func TestGPXRealSessions(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		file      string
		sport     analysis.Sport
		start     time.Time     // first and last point: DECODE-NOTES' GPX table
		elapsed   time.Duration //
		distanceM float64       // haversine along the points, checked with a separate script; ±1 m
		avgHR     int
	}{
		// 68 points; <type>cycling</type>.
		{"gpsbabel_garminconnect.gpx", analysis.Cycling, utc("2023-01-16T18:02:26Z"), 4*time.Minute + 58*time.Second, 1587.2, 110},
		// Strava: <type>9</type> is a run.
		{"sportslib_1681613317.gpx", analysis.Running, utc("2017-03-19T16:49:30Z"), 32*time.Minute + 38*time.Second, 4589.2, 146},
		// Strava: <type>16</type> is a swim.
		{"sportslib_4623204522-1.gpx", analysis.Swimming, utc("2018-10-13T17:05:01Z"), time.Hour + time.Minute + 28*time.Second, 3864.9, 74},
		// <type>Running</type>, both heartrate and ns3:hr on each point.
		{"sportslib_amazfit.gpx", analysis.Running, utc("2018-05-14T09:54:12Z"), 42*time.Minute + 11*time.Second, 8722.6, 146},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res, n := decodeGPXFile(t, corpusFile(t, "gpx/"+tc.file), Options{})
			if res.Status != analysis.StatusOK || len(res.Sessions) != 1 || n == 0 {
				t.Fatalf("%s %q, %d sessions, %d points", res.Status, res.Detail, len(res.Sessions), n)
			}
			s := res.Sessions[0]
			if s.Sport != tc.sport {
				t.Errorf("Sport = %s, want %s", s.Sport, tc.sport)
			}
			if !s.Start.Equal(tc.start) || s.Start.Location() != time.UTC {
				t.Errorf("Start = %v, want %v in UTC (no zone given)", s.Start, tc.start)
			}
			if s.Elapsed != tc.elapsed {
				t.Errorf("Elapsed = %v, want %v", s.Elapsed, tc.elapsed)
			}
			if s.Duration <= 0 || s.Duration > s.Elapsed {
				t.Errorf("Duration = %v, outside (0, %v]", s.Duration, s.Elapsed)
			}
			if !s.DistanceM.OK || math.Abs(s.DistanceM.V-tc.distanceM) > 1 {
				t.Errorf("DistanceM = %v, want %.1f ± 1", s.DistanceM, tc.distanceM)
			}
			if s.AvgHR.V != tc.avgHR {
				t.Errorf("AvgHR = %v, want %d", s.AvgHR, tc.avgHR)
			}
		})
	}
}

func TestGPXFixture(t *testing.T) {
	res, n := decodeGPXFile(t, filepath.Join("testdata", "gpx", "gap.gpx"), Options{ZoneName: "-tz UTC"})
	if n != 7 {
		t.Errorf("points = %d, want 7", n)
	}
	want := FileResult{
		Status: analysis.StatusOK,
		Detail: `track 2: no times (a route), skipped`,
		Sessions: []analysis.Session{{
			Source:    "gap.gpx",
			Sport:     analysis.Running,
			Start:     time.Date(2026, 4, 1, 6, 0, 0, 0, time.UTC),
			Elapsed:   210 * time.Second,
			Duration:  30 * time.Second,                                     // the 180 s pause is not moving time
			DistanceM: analysis.Some(3 * 0.001 * math.Pi / 180 * 6371008.8), // not across the segment break
			AvgHR:     analysis.Some(115),                                   // 100, 110, 120, 130; 0 is missing
			MaxHR:     analysis.Some(130),
			ZoneNote:  "-tz UTC",
		}},
	}
	var hist analysis.HRHistogram
	hist.Add(100, 10*time.Second)
	hist.Add(110, 10*time.Second)
	hist.Add(130, 10*time.Second) // 120 is followed by the pause
	want.Sessions[0].HR = &hist
	if d := cmp.Diff(want, res, cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-6 })); d != "" {
		t.Errorf("decodeGPX(gap.gpx) (-want +got):\n%s", d)
	}
}

func TestGPXZonelessTimes(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	opt := Options{Zone: est, ZoneName: "-tz America/New_York"}
	res, _ := decodeGPXFile(t, filepath.Join("testdata", "gpx", "zoneless.gpx"), opt)
	if res.Status != analysis.StatusOK || len(res.Sessions) != 1 {
		t.Fatalf("%s %q, %d sessions", res.Status, res.Detail, len(res.Sessions))
	}
	s := res.Sessions[0]
	// 20:30 written without a zone is 20:30 on the runner's clock, not 20:30 UTC (15:30 EST).
	if want := time.Date(2026, 3, 14, 20, 30, 0, 0, est); !s.Start.Equal(want) || s.Start.Hour() != 20 {
		t.Errorf("Start = %v, want %v", s.Start, want)
	}
	if s.Elapsed != 20*time.Second || s.Sport != analysis.Running || s.ZoneNote != "-tz America/New_York" {
		t.Errorf("Elapsed %v, Sport %s, ZoneNote %q", s.Elapsed, s.Sport, s.ZoneNote)
	}
	if !strings.Contains(res.Detail, "without a zone") {
		t.Errorf("Detail = %q, want it to say the times had no zone", res.Detail)
	}

	// A time with a zone keeps its instant and is shown in the chosen zone.
	res, _ = decodeGPXFile(t, corpusFile(t, "gpx/gpsbabel_garminconnect.gpx"), opt)
	if got := res.Sessions[0].Start; !got.Equal(time.Date(2023, 1, 16, 18, 2, 26, 0, time.UTC)) || got.Location() != est {
		t.Errorf("Start = %v, want 2023-01-16 13:02:26 EST", got)
	}
}

func TestGPXSkippedAndRefused(t *testing.T) {
	for _, tc := range []struct {
		path   string
		status analysis.InputStatus
		detail string // prefix
	}{
		{"testdata/gpx/route-only.gpx", analysis.StatusSkipped, "no timed track: a route or waypoints only"},
		{"gpx/gpsbabel_route.gpx", analysis.StatusSkipped, "no timed track: a route or waypoints only"},
		{"gpx/gpxpy_route.gpx", analysis.StatusSkipped, "no timed track: a route or waypoints only"},
		{"gpx/gpxpy_Mojstrovka.gpx", analysis.StatusSkipped, "no timed track"},      // placeholder 1901 times
		{"gpx/gpsbabel_googletakeout.gpx", analysis.StatusSkipped, "no track with"}, // location history
		{"gpx/gpsbabel_trackfilter_discard_err.gpx", analysis.StatusError, "not a GPX file: "},
		{"tcx/gpsbabel_tcxdata.tcx", analysis.StatusError, "not a GPX file: "},
	} {
		path := tc.path
		if !strings.HasPrefix(path, "testdata/") {
			path = corpusFile(t, path)
		}
		res, _ := decodeGPXFile(t, path, Options{})
		if res.Status != tc.status || !strings.HasPrefix(res.Detail, tc.detail) || len(res.Sessions) != 0 {
			t.Errorf("%s: %s %q with %d sessions, want %s %q…", tc.path, res.Status, res.Detail, len(res.Sessions), tc.status, tc.detail)
		}
	}
	// The error says what the file is instead (the import log line already names the file).
	res, _ := decodeGPX([]byte("<?xml version=\"1.0\"?>\n<TrainingCenterDatabase/>"), "run.gpx", Options{})
	if want := "not a GPX file: the root element is <TrainingCenterDatabase>: a TCX file"; res.Detail != want {
		t.Errorf("Detail = %q, want %q", res.Detail, want)
	}
	for _, data := range []string{"", "\x00\x01binary", "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>bad</time>"} {
		if res, _ := decodeGPX([]byte(data), "x.gpx", Options{}); res.Status != analysis.StatusError || !strings.HasPrefix(res.Detail, "not a ") {
			t.Errorf("decodeGPX(%q) = %s %q, want an error saying why", data, res.Status, res.Detail)
		}
	}
}

func TestGPXSport(t *testing.T) {
	for _, tc := range []struct {
		typ, name string
		def       analysis.Sport
		want      analysis.Sport
	}{
		{"9", "", "", analysis.Running},
		{"16", "Stage", "", analysis.Swimming},
		{"1", "", "", analysis.Cycling},
		{"running", "", "", analysis.Running},
		{"Running", "", "", analysis.Running},
		{"cycling", "Morning Run", "", analysis.Cycling}, // the type wins over the name
		{"", "Morning Run", "", analysis.Running},
		{"77", "Lunch Ride", "", analysis.Cycling}, // an unknown number: the name decides
		{"", "Move", analysis.Walking, analysis.Walking},
		{"", "", "", analysis.Unknown},
		{"T", "", analysis.Running, analysis.Running},
	} {
		if got := gpxSport(tc.typ, tc.name, tc.def); got != tc.want {
			t.Errorf("gpxSport(%q, %q, %q) = %s, want %s", tc.typ, tc.name, tc.def, got, tc.want)
		}
	}
}

func TestExtHRCad(t *testing.T) {
	for _, tc := range []struct {
		xml     string
		hr, cad int
	}{
		{`<gpxtpx:TrackPointExtension><gpxtpx:hr>121</gpxtpx:hr><gpxtpx:cad>82</gpxtpx:cad></gpxtpx:TrackPointExtension>`, 121, 82},
		{`<ns3:TrackPointExtension><ns3:atemp>11.0</ns3:atemp><ns3:hr>121</ns3:hr></ns3:TrackPointExtension>`, 121, 0},
		{`<TrackPointExtension xmlns="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><hr>98</hr></TrackPointExtension><gpxdata:cadence>87</gpxdata:cadence>`, 98, 87},
		{`<gpxdata:hr>92</gpxdata:hr><gpxdata:temp>20.7</gpxdata:temp>`, 92, 0},
		{"<heartrate> 89 </heartrate>\n<ns3:TrackPointExtension><ns3:hr>90</ns3:hr></ns3:TrackPointExtension>", 89, 0},
		{`<HR>150.6</HR><Cadence>90</Cadence>`, 151, 90},
		{`<gpxtpx:hr/><gpxtpx:hrv>55</gpxtpx:hrv><hr>abc</hr>`, 0, 0},
		{`<!-- <hr>1</hr> --><x:power>250</x:power>`, 0, 0},
		{`<hr>120`, 120, 0},
		{`<`, 0, 0},
		{``, 0, 0},
	} {
		if hr, cad := extHRCad([]byte(tc.xml)); hr != tc.hr || cad != tc.cad {
			t.Errorf("extHRCad(%q) = %d, %d; want %d, %d", tc.xml, hr, cad, tc.hr, tc.cad)
		}
	}
}

func FuzzDecodeGPX(f *testing.F) {
	addSeeds(f, "gpx", ".gpx")
	f.Fuzz(func(t *testing.T, data []byte) {
		defer hangGuard(t)()
		in := string(data)
		res, _ := decodeGPX(data, "fuzz.gpx", Options{Limits: Limits{TrackPoints: 10_000}})
		if string(data) != in {
			t.Fatal("input bytes were modified")
		}
		checkResult(t, res)
		for _, s := range res.Sessions {
			if s.Elapsed <= 0 || s.Duration <= 0 || s.Duration > s.Elapsed {
				t.Fatalf("session out of range: %+v", s)
			}
		}
	})
}

func TestGPXPointsOutOfOrder(t *testing.T) {
	pt := func(i int) string {
		return fmt.Sprintf(`<trkpt lat="%.4f" lon="10"><time>2026-04-01T06:00:%02dZ</time><extensions><hr>%d</hr></extensions></trkpt>`, 0.001*float64(i), 10*i, 100+i)
	}
	doc := func(order ...int) []byte {
		var b strings.Builder
		b.WriteString(`<gpx version="1.1"><trk><trkseg>`)
		for _, i := range order {
			b.WriteString(pt(i))
		}
		b.WriteString(`</trkseg></trk></gpx>`)
		return []byte(b.String())
	}
	fwd, _ := decodeGPX(doc(0, 1, 2, 3, 4), "fwd.gpx", Options{})
	for _, order := range [][]int{{4, 3, 2, 1, 0}, {0, 1, 4, 2, 3}} {
		got, _ := decodeGPX(doc(order...), "x.gpx", Options{})
		if len(got.Sessions) != 1 {
			t.Fatalf("order %v: %s %q", order, got.Status, got.Detail)
		}
		f, g := fwd.Sessions[0], got.Sessions[0]
		if !g.Start.Equal(f.Start) || g.Elapsed != 40*time.Second || g.Duration != 40*time.Second || g.AvgHR != f.AvgHR || !g.HR.Equal(f.HR) {
			t.Errorf("order %v: start %v elapsed %v duration %v HR %v; want those of the ordered track: %v 40s 40s %v",
				order, g.Start, g.Elapsed, g.Duration, g.AvgHR, f.Start, f.AvgHR)
		}
	}
}
