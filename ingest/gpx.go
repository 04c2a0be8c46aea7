package ingest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/twpayne/go-gpx"
	"golang.org/x/net/html/charset"

	"runload/analysis"
	"runload/internal/gpxscan"
)

// minRealYear is the first year a point time is believed: earlier times are placeholders
// (gpxpy and gpxgo samples carry 1901-12-13, unset FIT clocks 1989) and count as untimed.
const minRealYear = 1980

// zonelessLayout is go-gpx's second time layout: a time written without any zone, which
// go-gpx reads as UTC.
const zonelessLayout = "2006-01-02T15:04:05.999999999"

// stravaTypes maps the numbers Strava writes in a track's <type> to sports. Only codes
// confirmed in real exports are listed: 9 (run; "Run avec …" in the shared corpus, and
// tapiriik issue #574), 16 (swim; "Morning Swim" in the shared corpus) and 1 (ride, the
// first entry of Strava's activity type list). Other numbers fall back to the track name.
var stravaTypes = map[string]analysis.Sport{
	"1":  analysis.Cycling,
	"9":  analysis.Running,
	"16": analysis.Swimming,
}

// gpxPoint is what a session needs from one track point. Coordinates stay here and never
// reach the Session (SPEC: no GPS positions in the report).
type gpxPoint struct {
	t        time.Time
	lat, lon float64
	seg      int // segment index: distance is not summed across segment breaks
	hr       int // 0 when absent or invalid
}

// decodeGPX returns the sessions (one per timed track) in one GPX file and the points decoded.
//
// go-gpx parses a time written without a zone ("2022-07-09T09:41:23.35") as UTC, and then it
// cannot be told from "Z". Such times are wall-clock times in opt.Zone (LIBRARIES §5), so the
// raw <time> texts are scanned first (zonelessTimes) and matching point times are moved to
// opt.Zone keeping their wall clock. gpx.WithTimeLayout is never used: it rewrites a package
// variable of go-gpx.
//
// The tracks are read by readGPXTracks: a byte scanner for well-formed files, else go-gpx.
func decodeGPX(data []byte, name string, opt Options) (FileResult, int) {
	return decodeGPXWith(data, name, opt, readGPXTracks)
}

// decodeGPXWith is decodeGPX reading the tracks with read (tests compare the two readers).
func decodeGPXWith(data []byte, name string, opt Options, read gpxReader) (FileResult, int) {
	if msg := sniffXML(data, "gpx"); msg != "" {
		return FileResult{Status: analysis.StatusError, Detail: "not a GPX file: " + msg}, 0
	}
	lim := opt.Limits.orDefault()
	if n := countTags(data, "<trkpt", "<rtept", "<wpt"); n > lim.TrackPoints {
		return FileResult{Status: analysis.StatusError, Detail: tooManyPoints(name, n, lim.TrackPoints)}, 0
	}
	loc := opt.Zone
	if loc == nil {
		loc = time.UTC
	}
	zoneless := zonelessTimes(data)

	var (
		res                      FileResult
		records, untimedTracks   int
		untimedPoints, zonelessN int
		notes                    []string
		skips                    []trackSkip
	)
	// The first track's points are allocated once, for every <trkpt> of the file: a 111-hour
	// track is 400 000 points, and growing by doubling would hold up to twice that at once
	// (22 MB against 45 MB beside the file's 78 MiB).
	presize := countTags(data, "<trkpt")
	// visit keeps its counts in trk only: a reader that gives up part-way leaves nothing behind.
	tracks, err := read(data, func(trk *gpxTrack, si int, p gpxscan.Point) {
		trk.n++
		t := p.Time
		if t.IsZero() || t.Year() < minRealYear {
			trk.untimed++
			return
		}
		if t.Location() == time.UTC && zoneless[t.UnixNano()] {
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
			trk.zoneless++
		}
		gp := gpxPoint{t: t, lat: p.Lat, lon: p.Lon, seg: si}
		if hr, _ := extHRCad(p.Ext); validHR(hr) {
			gp.hr = hr
		}
		if trk.pts == nil && presize > 0 {
			trk.pts, presize = make([]gpxPoint, 0, presize), 0
		}
		trk.pts = append(trk.pts, gp)
	})
	if err != nil {
		return FileResult{Status: analysis.StatusError, Detail: fmt.Sprintf("not a readable GPX file: %v", err)}, 0
	}
	for ti, trk := range tracks {
		zonelessN += trk.zoneless
		n, untimed, pts := trk.n, trk.untimed, trk.pts
		records += n
		label := trackLabel(ti)
		switch {
		case n == 0:
			continue // an empty track says nothing
		case len(pts) == 0:
			untimedTracks++
			skips = append(skips, trackSkip{label, "no times (a route)"})
			continue
		}
		s, ok := gpxSession(pts, loc)
		switch {
		case !ok:
			skips = append(skips, trackSkip{label, "no time elapsed between its points"})
			continue
		case s.Duration == 0:
			// Location history (Google Takeout), not a recording: every gap is a pause.
			skips = append(skips, trackSkip{label, fmt.Sprintf("no two points within %.0f s of each other", maxMovingGap.Seconds())})
			continue
		}
		untimedPoints += untimed
		s.Source = name
		s.Sport = gpxSport(trk.typ, trk.name, opt.DefaultSport)
		s.ZoneNote = opt.ZoneName
		res.Sessions = append(res.Sessions, s)
	}
	notes = append(notes, skipNotes(skips)...)
	if untimedPoints > 0 {
		notes = append(notes, fmt.Sprintf("%d points without time ignored", untimedPoints))
	}
	if zonelessN > 0 {
		zn := opt.ZoneName
		if zn == "" {
			zn = loc.String()
		}
		notes = append(notes, fmt.Sprintf("times written without a zone, read as wall-clock time in %s", zn))
	}
	if len(res.Sessions) == 0 {
		res.Status = analysis.StatusSkipped
		if len(skips) == untimedTracks {
			res.Detail = "no timed track: a route or waypoints only"
		} else {
			res.Detail = "no track with a recorded activity"
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

// countTags counts the occurrences of each of tags in data: a cheap bound on the points an
// XML decode would keep in memory.
func countTags(data []byte, tags ...string) int {
	n := 0
	for _, t := range tags {
		n += bytes.Count(data, []byte(t))
	}
	return n
}

// tooManyPoints says that the file name holds n points, more than limit.
func tooManyPoints(name string, n, limit int) string {
	return fmt.Sprintf("%s has %d points, more than the %d one file may have (%v at one a second): not read; export the activity alone or split the file",
		name, n, limit, time.Duration(limit)*time.Second)
}

// gpxTrack is one <trk> as a gpxReader reads it: its name and type, and what its points
// gave (filled by the caller's visit function).
type gpxTrack struct {
	name, typ  string
	n, untimed int        // points, and points without a usable time
	zoneless   int        // points whose time was written without a zone
	pts        []gpxPoint // the timed points
}

// gpxReader reads the tracks of a GPX document, calling visit for each point with its
// track and its segment index within the track (-1 before the first <trkseg>).
type gpxReader func(data []byte, visit func(trk *gpxTrack, seg int, p gpxscan.Point)) ([]*gpxTrack, error)

// readGPXTracks reads the tracks with the byte scanner (scanGPXTracks), and with go-gpx
// (streamGPXTracks) when the scanner gives up: the result is the same either way, as are
// the error messages.
func readGPXTracks(data []byte, visit func(trk *gpxTrack, seg int, p gpxscan.Point)) ([]*gpxTrack, error) {
	if tracks, ok := scanGPXTracks(data, visit); ok {
		return tracks, nil
	}
	return streamGPXTracks(data, visit)
}

// scanGPXTracks reads the tracks with gpxscan.Tracks, into tracks of its own: when the
// scanner gives up part-way (false), what visit kept in them is dropped with them.
func scanGPXTracks(data []byte, visit func(trk *gpxTrack, seg int, p gpxscan.Point)) ([]*gpxTrack, bool) {
	var tracks []*gpxTrack
	track := func(i int) *gpxTrack { // tracks are numbered in order, from 0
		for len(tracks) <= i {
			tracks = append(tracks, &gpxTrack{})
		}
		return tracks[i]
	}
	found, ok := gpxscan.Tracks(data, func(trk, seg int, p gpxscan.Point) { visit(track(trk), seg, p) })
	if !ok {
		return nil, false
	}
	for i, f := range found {
		t := track(i)
		t.name, t.typ = f.Name, f.Type
	}
	return tracks, true
}

// streamGPXTracks reads the tracks of a GPX document one <trkpt> at a time, with go-gpx's
// own point decoder, and calls visit for each point with its track and segment index (from
// 0 within the track). Only what visit keeps stays in memory: go-gpx's Read keeps every
// point whole, about 1.5 kB each, so a 400 000-point file cost 600 MB. The whole document
// must be well formed, as for Read; elements other than tracks are not decoded. It is the
// reference for the scanner, and reads every file that one gives up on.
func streamGPXTracks(data []byte, visit func(trk *gpxTrack, seg int, p gpxscan.Point)) ([]*gpxTrack, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	var (
		tracks []*gpxTrack
		trk    *gpxTrack
		depth  int // of the element being read; the root <gpx> is 1
		seg    = -1
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if depth > 0 {
				return nil, io.ErrUnexpectedEOF
			}
			return tracks, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch local := t.Name.Local; {
			case depth == 2 && local == "trk":
				trk, seg = &gpxTrack{}, -1
				tracks = append(tracks, trk)
			case trk == nil:
			case depth == 3 && (local == "name" || local == "type"):
				var text string
				if err := d.DecodeElement(&text, &t); err != nil {
					return nil, err
				}
				depth--
				if local == "name" {
					trk.name = text
				} else {
					trk.typ = text
				}
			case depth == 3 && local == "trkseg":
				seg++
			case depth == 4 && local == "trkpt":
				var p gpx.WptType
				if err := d.DecodeElement(&p, &t); err != nil {
					return nil, err
				}
				depth--
				pt := gpxscan.Point{Lat: p.Lat, Lon: p.Lon, Time: p.Time}
				if p.Extensions != nil {
					pt.Ext = p.Extensions.XML
				}
				visit(trk, seg, pt)
			}
		case xml.EndElement:
			depth--
			if depth == 1 && t.Name.Local == "trk" {
				trk = nil
			}
			if depth == 0 {
				return tracks, nil // what follows the root element is not read, as with Read
			}
		}
	}
}

// trackSkip is a track that gave no session, and why.
type trackSkip struct{ label, why string }

// maxListedSkips is how many skipped tracks are named one by one; beyond it they are
// counted by reason (Google Takeout files hold hundreds of tracks).
const maxListedSkips = 3

// skipNotes says which tracks were skipped and why, in a line of bounded length.
func skipNotes(skips []trackSkip) []string {
	if len(skips) <= maxListedSkips {
		var out []string
		for _, k := range skips {
			out = append(out, k.label+": "+k.why+", skipped")
		}
		return out
	}
	var reasons []string
	count := map[string]int{}
	for _, k := range skips {
		if count[k.why] == 0 {
			reasons = append(reasons, k.why)
		}
		count[k.why]++
	}
	var parts []string
	for _, r := range reasons {
		parts = append(parts, fmt.Sprintf("%d with %s", count[r], r))
	}
	return []string{fmt.Sprintf("%d tracks skipped: %s", len(skips), strings.Join(parts, ", "))}
}

// trackLabel names a track in the import log by its number only: track names are often
// places ("Brighton Running", a street), and the import log goes into the shared report.
func trackLabel(i int) string { return fmt.Sprintf("track %d", i+1) }

// gpxSession summarises the timed points of one track. It reports false when no time
// elapsed between them (a single point, or all at one instant).
func gpxSession(pts []gpxPoint, loc *time.Location) (analysis.Session, bool) {
	first, last := pts[0].t, pts[0].t
	for _, p := range pts[1:] {
		if p.t.Before(first) {
			first = p.t
		}
		if p.t.After(last) {
			last = p.t
		}
	}
	if !last.After(first) {
		return analysis.Session{}, false
	}
	var (
		moving    time.Duration
		dist      float64
		hasDist   bool
		hist      analysis.HRHistogram
		hrSum, hN int
		maxHR     int
	)
	// Distance follows the points in the order recorded; time follows the clock, so a
	// track written backwards or with a point out of place still has its moving time.
	for i, p := range pts {
		if p.hr > 0 {
			hrSum += p.hr
			hN++
			maxHR = max(maxHR, p.hr)
		}
		if i+1 < len(pts) {
			if q := pts[i+1]; q.seg == p.seg && hasPosition(p) && hasPosition(q) {
				dist += haversineM(p.lat, p.lon, q.lat, q.lon)
				hasDist = true
			}
		}
	}
	byTime := pts
	if !slices.IsSortedFunc(pts, func(a, b gpxPoint) int { return a.t.Compare(b.t) }) {
		byTime = slices.Clone(pts)
		slices.SortStableFunc(byTime, func(a, b gpxPoint) int { return a.t.Compare(b.t) })
	}
	for i := 0; i+1 < len(byTime); i++ {
		p, q := byTime[i], byTime[i+1]
		if dt := q.t.Sub(p.t); dt > 0 && dt <= maxMovingGap {
			moving += dt
			if p.hr > 0 {
				hist.Add(p.hr, dt)
			}
		}
	}
	s := analysis.Session{
		Start:    first.In(loc),
		Elapsed:  last.Sub(first),
		Duration: moving,
	}
	if hasDist {
		s.DistanceM = analysis.Some(dist)
	}
	if hN > 0 {
		s.AvgHR = analysis.Some(int(math.Round(float64(hrSum) / float64(hN))))
		s.MaxHR = analysis.Some(maxHR)
		h := hist
		s.HR = &h
	}
	return s, true
}

// hasPosition reports whether p has a real position: (0, 0) is what a missing lat/lon reads as.
func hasPosition(p gpxPoint) bool { return p.lat != 0 || p.lon != 0 }

// haversineM returns the great-circle distance in metres between two points given in degrees.
func haversineM(lat1, lon1, lat2, lon2 float64) float64 {
	const earthRadiusM = 6371008.8 // mean Earth radius (IUGG)
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusM * math.Asin(math.Min(1, math.Sqrt(a)))
}

// gpxSport chooses a track's sport: its <type> (a Strava number or a word), else its name
// ("Morning Run"), else def, else Unknown.
func gpxSport(typ, name string, def analysis.Sport) analysis.Sport {
	typ = strings.TrimSpace(typ)
	if s, ok := stravaTypes[typ]; ok {
		return s
	}
	if typ != "" {
		if s, ok := analysis.ParseSport(typ); ok && s != analysis.Any {
			return s
		}
	}
	if s, ok := analysis.ParseSport(name); ok && s != analysis.Any && s != analysis.Unknown {
		return s
	}
	if def != "" {
		return def
	}
	return analysis.Unknown
}

// zonelessTimes returns the instants (as go-gpx reads them: UTC) of every <time> text in
// data written without a zone, or nil when there is none. It is a plain byte scan, much
// cheaper than the XML decode it accompanies.
func zonelessTimes(data []byte) map[int64]bool {
	var set map[int64]bool
	openTag, closeTag := []byte("<time>"), []byte("</time>")
	for rest := data; ; {
		i := bytes.Index(rest, openTag)
		if i < 0 {
			return set
		}
		rest = rest[i+len(openTag):]
		j := bytes.Index(rest, closeTag)
		if j < 0 {
			return set
		}
		v := string(rest[:j])
		rest = rest[j+len(closeTag):]
		if _, err := time.Parse(time.RFC3339Nano, v); err == nil {
			continue
		}
		if t, err := time.Parse(zonelessLayout, v); err == nil {
			if set == nil {
				set = make(map[int64]bool)
			}
			set[t.UnixNano()] = true
		}
	}
}

// extHRCad returns heart rate and cadence from a point's raw <extensions> XML, 0 when
// absent. It matches local element names case-insensitively and ignores prefixes and
// namespaces, so gpxtpx:hr (Strava, Runkeeper), ns3:hr (Garmin Connect), hr with an inline
// xmlns (Suunto), gpxdata:hr (Movescount 2014), plain heartrate (Amazfit), and cad,
// cadence all work (DOMAIN §7). The first value of each wins. It is a byte scan rather than
// an xml.Decoder per point: a 2-hour run has 7 200 points.
func extHRCad(b []byte) (hr, cad int) {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '<')
		if i < 0 || i+1 >= len(b) {
			return hr, cad
		}
		b = b[i+1:]
		if bytes.HasPrefix(b, []byte("!--")) {
			end := bytes.Index(b, []byte("-->"))
			if end < 0 {
				return hr, cad
			}
			b = b[end+3:]
			continue
		}
		if c := b[0]; c == '/' || c == '!' || c == '?' {
			continue
		}
		end := bytes.IndexAny(b, " \t\r\n/>")
		if end < 0 {
			return hr, cad
		}
		tag := b[:end]
		if k := bytes.LastIndexByte(tag, ':'); k >= 0 {
			tag = tag[k+1:]
		}
		gt := bytes.IndexByte(b, '>')
		if gt < 0 {
			return hr, cad
		}
		selfClosing := gt > 0 && b[gt-1] == '/'
		var field *int
		switch {
		case bytes.EqualFold(tag, []byte("hr")), bytes.EqualFold(tag, []byte("heartrate")):
			field = &hr
		case bytes.EqualFold(tag, []byte("cad")), bytes.EqualFold(tag, []byte("cadence")):
			field = &cad
		}
		b = b[gt+1:]
		if field == nil || selfClosing || *field != 0 {
			continue
		}
		text := b
		if lt := bytes.IndexByte(b, '<'); lt >= 0 {
			text = b[:lt]
		}
		if v, err := strconv.ParseFloat(string(bytes.TrimSpace(text)), 64); err == nil && v > 0 && v < 1000 {
			*field = int(math.Round(v))
		}
	}
	return hr, cad
}

// sniffXML checks that data looks like an XML document whose root element is root (local
// name, any prefix), and says what it is instead when not: "", or a short reason.
func sniffXML(data []byte, root string) string {
	b := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return "the file is empty"
	}
	if b[0] != '<' {
		// The reason never quotes the file: its text may hold positions, and the import log
		// goes into the report.
		line := b
		if len(line) > 512 {
			line = line[:512]
		}
		if !isText(line) {
			return "binary data, not XML"
		}
		return "text, not XML"
	}
	// Skip the declaration, comments, doctype and processing instructions to the root.
	for len(b) > 1 && b[0] == '<' && (b[1] == '?' || b[1] == '!') {
		var end int
		if bytes.HasPrefix(b, []byte("<!--")) {
			end = bytes.Index(b, []byte("-->"))
			if end >= 0 {
				end += 2
			}
		} else {
			end = bytes.IndexByte(b, '>')
		}
		if end < 0 {
			return ""
		}
		b = bytes.TrimLeft(b[end+1:], " \t\r\n")
	}
	if len(b) < 2 || b[0] != '<' {
		return ""
	}
	b = b[1:]
	end := bytes.IndexAny(b, " \t\r\n/>")
	if end < 0 {
		return ""
	}
	tag := b[:end]
	if k := bytes.LastIndexByte(tag, ':'); k >= 0 {
		tag = tag[k+1:]
	}
	if !bytes.EqualFold(tag, []byte(root)) {
		what := ""
		switch {
		case bytes.EqualFold(tag, []byte("TrainingCenterDatabase")):
			what = ": a TCX file"
		case bytes.EqualFold(tag, []byte("gpx")):
			what = ": a GPX file"
		}
		return fmt.Sprintf("the root element is <%s>%s", b[:end], what)
	}
	return ""
}

// isText reports whether b looks like printable text.
func isText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
