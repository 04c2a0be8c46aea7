package main

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// The GPX tracks run round a 1 km circle centred in the Gulf of Guinea, near 0°N 0°E: a place
// where nobody lives, so the sample can never point at a home. The report never shows positions.
const (
	loopLat0    = 0.0125
	loopLon0    = 0.0250
	loopLengthM = 1000.0
	gpxInterval = 5 * time.Second // the other app records every 5 s
)

// encodeGPX writes session i as a GPX 1.1 file as another app exports it: one track, a point
// every 5 s with time and heart rate (gpxtpx:hr). named: the sport is only in the track name.
func encodeGPX(i int, s Session, named bool) []byte {
	tr := track(i, s, gpxInterval)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="RunTracker export" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
`)
	fmt.Fprintf(&b, " <metadata><time>%s</time></metadata>\n", s.Start().Format(time.RFC3339))
	b.WriteString(" <trk>\n")
	if named {
		fmt.Fprintf(&b, "  <name>%s Run</name>\n", s.Start().Add(s.Offset()).Weekday())
	} else {
		b.WriteString("  <name>Morning Run</name>\n  <type>running</type>\n")
	}
	b.WriteString("  <trkseg>\n")
	r := loopLengthM / (2 * math.Pi)
	mPerDegLat := 111320.0
	mPerDegLon := mPerDegLat * math.Cos(loopLat0*math.Pi/180)
	for k, t := range tr.Time {
		a := tr.DistM[k] / r
		lat := loopLat0 + r*math.Sin(a)/mPerDegLat
		lon := loopLon0 + r*math.Cos(a)/mPerDegLon
		fmt.Fprintf(&b, "   <trkpt lat=\"%.6f\" lon=\"%.6f\"><ele>12.0</ele><time>%s</time>"+
			"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%d</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>\n",
			lat, lon, t.UTC().Format(time.RFC3339), tr.HR[k])
	}
	b.WriteString("  </trkseg>\n </trk>\n</gpx>\n")
	return []byte(b.String())
}
