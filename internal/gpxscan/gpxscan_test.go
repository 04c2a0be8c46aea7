package gpxscan

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The agreement with go-gpx on real files, on XML's corners and under fuzzing is tested in
// ingest (gpxscan_test.go there), beside the go-gpx reader it falls back to. These tests
// pin the API: what Tracks reports, and that it refuses what it does not read.

type visited struct {
	Trk, Seg int
	P        Point
}

func scan(t *testing.T, doc string) ([]Track, []visited, bool) {
	t.Helper()
	var vs []visited
	tracks, ok := Tracks([]byte(doc), func(trk, seg int, p Point) {
		vs = append(vs, visited{trk, seg, p})
	})
	return tracks, vs, ok
}

func TestTracks(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <trk><name>Run avec Nico &amp; Mag</name><type>9</type>
  <trkseg>
   <trkpt lat="51.5" lon="-0.12"><ele>12.5</ele><time>2026-04-01T06:00:00Z</time><extensions><gpxtpx:hr>120</gpxtpx:hr></extensions></trkpt>
  </trkseg>
  <trkseg><trkpt lat="51.6" lon="-0.13"><time>2026-04-01T06:00:10</time></trkpt></trkseg>
 </trk>
 <trk/>
 <trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk>
</gpx>`
	tracks, got, ok := scan(t, doc)
	if !ok {
		t.Fatal("Tracks refused the document")
	}
	wantTracks := []Track{{Name: "Run avec Nico & Mag", Type: "9"}, {}, {}}
	if d := cmp.Diff(wantTracks, tracks); d != "" {
		t.Errorf("tracks (-want +got):\n%s", d)
	}
	want := []visited{
		{0, 0, Point{Lat: 51.5, Lon: -0.12, Time: time.Date(2026, 4, 1, 6, 0, 0, 0, time.UTC), Ext: []byte("<gpxtpx:hr>120</gpxtpx:hr>")}},
		// A time without a zone is read as UTC, as go-gpx reads it.
		{0, 1, Point{Lat: 51.6, Lon: -0.13, Time: time.Date(2026, 4, 1, 6, 0, 10, 0, time.UTC)}},
		{2, 0, Point{Lat: 1, Lon: 2}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("points (-want +got):\n%s", d)
	}
}

// TestTracksRefuses: what the scanner cannot be sure to read as go-gpx does is refused
// whole, for go-gpx to read.
func TestTracksRefuses(t *testing.T) {
	seg := `<trkseg><trkpt lat="1" lon="2"><time>2026-04-01T06:00:00Z</time></trkpt></trkseg>`
	for name, doc := range map[string]string{
		"an entity in a point":        `<gpx><trk><trkseg><trkpt lat="1" lon="2"><name>a &amp; b</name></trkpt></trkseg></trk></gpx>`,
		"a character reference":       `<gpx><trk><name>Ren&#233;</name>` + seg + `</trk></gpx>`,
		"a DOCTYPE":                   `<!DOCTYPE gpx><gpx><trk>` + seg + `</trk></gpx>`,
		"another encoding":            `<?xml version="1.0" encoding="ISO-8859-1"?><gpx><trk>` + seg + `</trk></gpx>`,
		"a time go-gpx cannot parse":  `<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>01/04/2026</time></trkpt></trkseg></trk></gpx>`,
		"a mismatched end tag":        `<gpx><trk>` + seg + `</trkseg></gpx>`,
		"an unclosed root":            `<gpx><trk>` + seg + `</trk>`,
		"invalid UTF-8":               "<gpx><trk><name>Caf\xe9</name>" + seg + "</trk></gpx>",
		"a control character in text": "<gpx><trk><name>Run\x01</name>" + seg + "</trk></gpx>",
	} {
		if tracks, _, ok := scan(t, doc); ok {
			t.Errorf("%s: read as %+v; want it refused", name, tracks)
		}
	}
}
