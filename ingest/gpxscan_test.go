package ingest

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"runload/analysis"
	"runload/internal/gpxscan"
)

// gpxCmpOpts compare what the two GPX readers give: times by instant and by zone (cmp
// would otherwise use time.Time.Equal, blind to the zone that zoneless handling changes),
// NaN equal to NaN (a lat of "NaN" parses), and an empty <extensions/> equal to none.
var gpxCmpOpts = cmp.Options{
	cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) && a.String() == b.String() }),
	cmpopts.EquateNaNs(),
	cmpopts.EquateEmpty(),
}

// gpxDiff is cmp.Diff under gpxCmpOpts, after a reflect.DeepEqual that settles the common
// case (equal) in a fiftieth of the time: a 1 MB track is 20 000 points, and cmp walks each
// by reflection with its options. Values DeepEqual calls different (NaNs, zones made twice)
// still go to cmp, so nothing equal under the options is reported as a difference.
func gpxDiff(x, y any) string {
	if reflect.DeepEqual(x, y) {
		return ""
	}
	if xs, ok := x.([]gpxReadPt); ok {
		if ys, ok := y.([]gpxReadPt); ok && slices.EqualFunc(xs, ys, samePt) {
			return ""
		}
	}
	return cmp.Diff(x, y, gpxCmpOpts)
}

// samePt is gpxCmpOpts's equality for one point, written out.
func samePt(a, b gpxReadPt) bool {
	f := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	return a.Track == b.Track && a.Seg == b.Seg && f(a.Lat, b.Lat) && f(a.Lon, b.Lon) &&
		a.T.Equal(b.T) && a.T.String() == b.T.String() && bytes.Equal(a.Ext, b.Ext)
}

// gpxReadPt is one point as a reader reported it, with the index of its track.
type gpxReadPt struct {
	Track, Seg int
	Lat, Lon   float64
	T          time.Time
	Ext        []byte
}

// gpxReadTrack is one track as a reader reported it.
type gpxReadTrack struct{ Name, Type string }

// gpxReadAll reads data with read and returns the tracks and every point visited, in order.
func gpxReadAll(data []byte, read func([]byte, func(*gpxTrack, int, gpxscan.Point)) ([]*gpxTrack, error)) ([]gpxReadTrack, []gpxReadPt, error) {
	type visited struct {
		trk *gpxTrack
		seg int
		p   gpxscan.Point
	}
	var vs []visited
	tracks, err := read(data, func(trk *gpxTrack, seg int, p gpxscan.Point) {
		p.Ext = bytes.Clone(p.Ext) // the scanner's Ext aliases data
		vs = append(vs, visited{trk, seg, p})
	})
	if err != nil {
		return nil, nil, err
	}
	index := map[*gpxTrack]int{}
	var trks []gpxReadTrack
	for i, trk := range tracks {
		index[trk] = i
		trks = append(trks, gpxReadTrack{trk.name, trk.typ})
	}
	var pts []gpxReadPt
	for _, v := range vs {
		ti, ok := index[v.trk]
		if !ok {
			ti = -1 // a point of a track not returned: the comparison shows it
		}
		pts = append(pts, gpxReadPt{ti, v.seg, v.p.Lat, v.p.Lon, v.p.Time, v.p.Ext})
	}
	return trks, pts, nil
}

// scanOnly reads data with the scanner alone, reporting its refusal as an error.
func scanOnly(data []byte, visit func(*gpxTrack, int, gpxscan.Point)) ([]*gpxTrack, error) {
	tracks, ok := scanGPXTracks(data, visit)
	if !ok {
		return nil, errScanRefused
	}
	return tracks, nil
}

var errScanRefused = fmt.Errorf("the scanner fell back")

// scanAccepts reports whether the scanner reads data itself.
func scanAccepts(data []byte) bool {
	_, ok := scanGPXTracks(data, func(*gpxTrack, int, gpxscan.Point) {})
	return ok
}

// checkScanMatchesSlow fails unless the scanner either refuses data or gives what
// streamGPXTracks gives: the same tracks and points, and the same decodeGPX result. It
// reports whether the scanner accepted data.
func checkScanMatchesSlow(t *testing.T, data []byte, opts ...Options) bool {
	t.Helper()
	fastTrk, fastPts, ferr := gpxReadAll(data, scanOnly)
	if ferr != nil {
		// The fallback gives what the slow path gives, by construction; check it anyway.
		checkDecodeSame(t, data, opts...)
		return false
	}
	slowTrk, slowPts, serr := gpxReadAll(data, streamGPXTracks)
	if serr != nil {
		t.Fatalf("the scanner accepted a document go-gpx refuses (%v)", serr)
	}
	if d := gpxDiff(slowTrk, fastTrk); d != "" {
		t.Fatalf("tracks differ (-slow +fast):\n%s", d)
	}
	if d := gpxDiff(slowPts, fastPts); d != "" {
		t.Fatalf("points differ (-slow +fast):\n%s", d)
	}
	checkDecodeSame(t, data, opts...)
	return true
}

// checkDecodeSame fails unless decodeGPX gives the same result and record count through
// the fast path (with its fallback) as through go-gpx alone, for each of opts.
func checkDecodeSame(t *testing.T, data []byte, opts ...Options) {
	t.Helper()
	if len(opts) == 0 {
		opts = []Options{{}}
	}
	for _, opt := range opts {
		slow, ns := decodeGPXWith(data, "x.gpx", opt, streamGPXTracks)
		fast, nf := decodeGPXWith(data, "x.gpx", opt, readGPXTracks)
		if d := gpxDiff(slow, fast); d != "" || ns != nf {
			t.Fatalf("decodeGPX differs (-slow +fast), records %d vs %d:\n%s", ns, nf, d)
		}
	}
}

// gpxFiles lists the .gpx files under dir, or none when dir is absent.
func gpxFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".gpx") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}

// TestGPXScanMatchesSlowOnFiles reads every GPX file of the real corpus and of testdata
// both ways, in UTC and in a zone (zoneless times move), and checks that the plain
// exports of Garmin Connect, Strava, Amazfit, Movescount and Urban Biker take the fast path.
// Strava's "Run avec Nico &amp; Mag" takes it too: the predefined entities are read in a
// track's name and type.
func TestGPXScanMatchesSlowOnFiles(t *testing.T) {
	files := gpxFiles(t, filepath.Join("testdata", "gpx"))
	if _, err := os.Stat(realCorpus); err != nil {
		t.Logf("real-file corpus not found at %s: only testdata is compared", realCorpus)
	} else {
		files = append(files, gpxFiles(t, realCorpus)...)
	}
	if len(files) == 0 {
		t.Fatal("no GPX file found")
	}
	est := time.FixedZone("EST", -5*3600)
	opts := []Options{{}, {Zone: est, ZoneName: "-tz EST"}}
	fast := map[string]bool{}
	var fell []string
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(p), func(t *testing.T) {
			if checkScanMatchesSlow(t, data, opts...) {
				fast[filepath.Base(p)] = true
			} else {
				fell = append(fell, filepath.Base(p))
			}
		})
	}
	t.Logf("%d of %d GPX files took the fast path; fell back: %s", len(fast), len(files), strings.Join(fell, ", "))
	if _, err := os.Stat(realCorpus); err == nil {
		for _, name := range []string{
			"gpsbabel_garminconnect.gpx",        // Garmin Connect, ns3:hr
			"sportslib_2067489619.gpx",          // Garmin Connect
			"sportslib_6037744996.gpx",          // Strava, gpxtpx:hr
			"sportslib_4623204522-1.gpx",        // Strava swim
			"sportslib_amazfit.gpx",             // Amazfit, heartrate and ns3:hr
			"sportslib_movescount.gpx",          // Movescount, CRLF line ends
			"gc_UrbanBiker2019-04-18_16-12.gpx", // Urban Biker
			"sportslib_1681613317.gpx",          // Strava, "&amp;" in the track name
		} {
			if !fast[name] {
				t.Errorf("%s fell back to go-gpx; want the fast path", name)
			}
		}
	}
}

// gpxDoc wraps track content in a GPX 1.1 document with Garmin's extension namespace.
func gpxDoc(trk string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata><name>Tom &amp; Jerry</name><time>2026-04-01T06:00:00Z</time></metadata>
 <trk>` + trk + `</trk>
</gpx>
`
}

// gpxPts is n points ten seconds apart, each with a gpxtpx heart rate.
func gpxPts(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "\n  <trkpt lat=\"51.%04d\" lon=\"-0.1200\"><ele>12.5</ele><time>2026-04-01T06:00:%02dZ</time>"+
			"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%d</gpxtpx:hr><gpxtpx:cad>80</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>",
			i, 10*i, 120+i)
	}
	return b.String()
}

func TestGPXScanFallsBack(t *testing.T) {
	seg := "<trkseg>" + gpxPts(3) + "</trkseg>"
	pt := func(inner string) string {
		return gpxDoc(`<trkseg>` + gpxPts(2) + `<trkpt lat="51.1" lon="-0.1">` + inner + `</trkpt></trkseg>`)
	}
	for _, tc := range []struct {
		name, doc string
		slowErr   string // the error decodeGPX reports, when go-gpx fails on doc
	}{
		{"entity in a point", pt("<name>Gate &amp; stile</name>"), ""},
		{"character reference in a track name", gpxDoc("<name>Ren&#233;</name>" + seg), ""},
		{"unknown entity in a track name", gpxDoc("<name>Run &nbsp; walk</name>" + seg), "XML syntax error on line 4: invalid character entity &nbsp;"},
		{"character reference outside tracks", strings.Replace(gpxDoc(seg), "Tom", "Ren&#233;", 1), ""},
		{"CDATA", gpxDoc("<name><![CDATA[Run]]></name>" + seg), ""},
		{"bad ele", pt("<ele>abc</ele><time>2026-04-01T06:01:00Z</time>"),
			`strconv.ParseFloat: parsing "abc": invalid syntax`},
		{"bad sat", pt("<sat>3.5</sat>"), `strconv.ParseInt: parsing "3.5": invalid syntax`},
		{"blank lat", gpxDoc(`<trkseg><trkpt lat=" " lon="1"/></trkseg>`), `strconv.ParseFloat: parsing "": invalid syntax`},
		{"bad time", pt("<time>01/04/2026 06:00</time>"),
			`parsing time "01/04/2026 06:00" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "01/04/2026 06:00" as "2006"`},
		{"mismatched tag", pt("<ele>1</ele></trkseg>"), "XML syntax error on line 6: element <trkpt> closed by </trkseg>"},
		{"unclosed root", strings.TrimSuffix(gpxDoc(seg), "</gpx>\n"), "XML syntax error on line 8: unexpected EOF"},
		{"control byte", gpxDoc("<name>Run\x01</name>" + seg), "XML syntax error on line 4: illegal character code U+0001"},
		{"ISO-8859-1 declaration", strings.Replace(gpxDoc(seg), "UTF-8", "ISO-8859-1", 1), ""},
		{"XML 1.1", strings.Replace(gpxDoc(seg), `version="1.0"`, `version="1.1"`, 1),
			`xml: unsupported version "1.1"; only version 1.0 is supported`},
		{"duplicate time", pt("<time>2026-04-01T06:01:00Z</time><time>2026-04-01T06:02:00Z</time>"), ""},
		{"comment in a time", pt("<time>2026-04-01T06:01:00Z<!-- utc --></time>"), ""},
		{"child in an ele", pt("<ele>1<unit>m</unit></ele>"), ""},
		{"DOCTYPE", strings.Replace(gpxDoc(seg), "<gpx ", "<!DOCTYPE gpx>\n<gpx ", 1), ""},
		{"unquoted attribute", gpxDoc(`<trkseg><trkpt lat=51 lon="1"/></trkseg>`),
			"XML syntax error on line 4: unquoted or missing attribute value in element"},
		{"attribute without value", gpxDoc(`<trkseg><trkpt lat lon="1"/></trkseg>`),
			"XML syntax error on line 4: attribute name without = in element"},
		{"non-ASCII element name", gpxDoc("<trkseg><trkpt lat=\"1\" lon=\"1\"><hör>1</hör></trkpt></trkseg>"), ""},
		{"invalid UTF-8", gpxDoc("<name>Caf\xe9</name>" + seg), "XML syntax error on line 4: invalid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.doc)
			if scanAccepts(data) {
				t.Fatal("the scanner read it; want a fallback to go-gpx")
			}
			checkScanMatchesSlow(t, data)
			res, _ := decodeGPX(data, "x.gpx", Options{})
			if tc.slowErr != "" {
				if want := "not a readable GPX file: " + tc.slowErr; res.Status != analysis.StatusError || res.Detail != want {
					t.Errorf("decodeGPX = %s %q, want error %q", res.Status, res.Detail, want)
				}
			} else if res.Status == analysis.StatusError {
				t.Errorf("decodeGPX = %s %q, want the file read by go-gpx", res.Status, res.Detail)
			}
		})
	}
}

func TestGPXScanReads(t *testing.T) {
	zoneless, err := os.ReadFile(filepath.Join("testdata", "gpx", "zoneless.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	hrDoc := gpxDoc("<name>Morning Run</name><type>9</type><trkseg>" + gpxPts(4) + "</trkseg>")
	for _, tc := range []struct {
		name, doc string
		sessions  int
		avgHR     int // of the first session, 0 for none
	}{
		{"gpxtpx heart rate", hrDoc, 1, 122}, // 120..123: (120+121+122+123)/4 rounds to 122
		{"zoneless times", string(zoneless), 1, 0},
		{"CRLF and a BOM", "\xef\xbb\xbf" + strings.ReplaceAll(hrDoc, "\n", "\r\n"), 1, 122},
		{"comments, PIs and self-closing elements", strings.Replace(hrDoc, "<trkseg>",
			"<!-- a - b ->? --><trkseg/><desc/><?app data?><trkseg><trkpt lat='51' lon='0'/><trkpt lat=\"51\" lon=\"0\"><extensions/><time/></trkpt>", 1), 1, 122},
		{"prefixed GPX elements", strings.NewReplacer("<trk>", "<g:trk>", "</trk>", "</g:trk>", "<trkpt ", "<g:trkpt ", "</trkpt>", "</g:trkpt>").Replace(hrDoc), 1, 122},
		{"entities in a track name and type", strings.Replace(hrDoc, "<name>Morning Run</name>",
			"<name>Run avec Nico &amp; Mag &lt;3 &amp;lt; &quot;x&quot; &apos;y&apos; &gt;</name>", 1), 1, 122},
		{"route only", `<gpx><rte><rtept lat="1" lon="2"><time>2026-04-01T06:00:00Z</time></rtept></rte></gpx>`, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.doc)
			if !scanAccepts(data) {
				t.Fatal("the scanner fell back; want it to read the file")
			}
			checkScanMatchesSlow(t, data, Options{}, Options{Zone: time.FixedZone("EST", -5*3600)})
			res, _ := decodeGPX(data, "x.gpx", Options{})
			if len(res.Sessions) != tc.sessions {
				t.Fatalf("%d sessions (%s %q), want %d", len(res.Sessions), res.Status, res.Detail, tc.sessions)
			}
			if tc.sessions > 0 && tc.avgHR > 0 && res.Sessions[0].AvgHR != analysis.Some(tc.avgHR) {
				t.Errorf("AvgHR = %v, want %d", res.Sessions[0].AvgHR, tc.avgHR)
			}
		})
	}

	// The values themselves, not only their agreement with go-gpx.
	_, pts, err := gpxReadAll([]byte(hrDoc), scanOnly)
	if err != nil {
		t.Fatal(err)
	}
	want := gpxReadPt{Track: 0, Seg: 0, Lat: 51.0003, Lon: -0.12, T: time.Date(2026, 4, 1, 6, 0, 30, 0, time.UTC),
		Ext: []byte("<gpxtpx:TrackPointExtension><gpxtpx:hr>123</gpxtpx:hr><gpxtpx:cad>80</gpxtpx:cad></gpxtpx:TrackPointExtension>")}
	if len(pts) != 4 {
		t.Fatalf("%d points, want 4", len(pts))
	}
	if d := cmp.Diff(want, pts[3], gpxCmpOpts); d != "" {
		t.Errorf("last point (-want +got):\n%s", d)
	}
}

// gpxEdgeDocs are corners of XML and of go-gpx that the scanner reads itself.
func gpxEdgeDocs() []struct{ name, doc string } {
	const tm = "<time>2026-04-01T06:00:00Z</time>"
	return []struct{ name, doc string }{
		{"only a declaration", `<?xml version="1.0"?>`},
		{"an empty root", `<gpx/>`},
		{"an empty track", `<gpx><trk/><trk></trk></gpx>`},
		{"text after the root is not read", `<gpx><trk><trkseg><trkpt lat="1" lon="2">` + tm + `</trkpt></trkseg></trk></gpx><oops>`},
		{"a second root is not read", `<gpx></gpx><gpx><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>`},
		{"a point before any segment", `<gpx><trk><extensions><trkpt lat="1" lon="2">` + tm + `</trkpt></extensions><trkseg><trkpt lat="3" lon="4"/></trkseg></trk></gpx>`},
		{"a point too deep is no point", `<gpx><trk><trkseg><x><trkpt lat="1" lon="2">` + tm + `</trkpt></x></trkseg></trk></gpx>`},
		{"a lat in any namespace, the last one winning", `<gpx><trk><trkseg><trkpt lat="1" xmlns:lat="5" lon="2" a:lon="7"/></trkseg></trk></gpx>`},
		{"attributes without space between them", `<gpx><trk><trkseg><trkpt lat="1"lon='2'/></trkseg></trk></gpx>`},
		{"empty lat and time", `<gpx><trk><trkseg><trkpt lat="" lon="2"><time></time><ele/></trkpt></trkseg></trk></gpx>`},
		{"CR in a name, a value and a point", "<gpx><trk><name>a\r\nb\rc</name><trkseg><trkpt lat=\"1\r\" lon=\"\r\n2\">\r\n" + tm + "<extensions>\r\n<hr>99</hr></extensions></trkpt></trkseg></trk></gpx>"},
		{"two extensions, the last one winning", `<gpx><trk><trkseg><trkpt lat="1" lon="2">` + tm + `<extensions><hr>99</hr></extensions><extensions><hr>101</hr></extensions></trkpt></trkseg></trk></gpx>`},
		{"the last name and type win", `<gpx><trk><name>a</name><type>9</type><name>Evening Ride</name><type/><trkseg><trkpt lat="1" lon="2">` + tm + `</trkpt></trkseg></trk></gpx>`},
		{"names outside tracks are not tracks'", `<gpx><rte><name>Run</name></rte><wpt lat="1" lon="2"><name>x &lt; y</name></wpt><trk><trkseg/></trk></gpx>`},
		{"declarations and processing instructions", `<?xml version='1.0' encoding='Utf-8' standalone="yes"?><?xml-stylesheet href="a.xsl"?><gpx><?xml version="1.0"?><trk><trkseg><trkpt lat="1" lon="2"><?x ?>` + tm + `</trkpt></trkseg></trk></gpx>`},
		{"comments everywhere", `<!----><gpx><!-- - --><trk><!-- a --><trkseg><trkpt lat="1" lon="2"><!-- b -->` + tm + `<extensions><!-- <hr>1</hr> --><hr>90</hr></extensions></trkpt></trkseg></trk></gpx><!-- after -->`},
		{"spaces inside tags", "<gpx ><trk\n><trkseg\t><trkpt lat = \"1\"\n lon= '2' >" + tm + "</trkpt ></trkseg\r\n></trk ></gpx >"},
		{"numbers go-gpx parses", `<gpx><trk><trkseg><trkpt lat=" 1.5e1 " lon="-0x1p-2"><ele>+.5</ele><speed>Inf</speed><sat> 7 </sat><dgpsid>1</dgpsid><dgpsid>-2</dgpsid>` + tm + `</trkpt></trkseg></trk></gpx>`},
		{"times with offsets and fractions", `<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>2026-04-01T06:00:00.123456789+02:00</time></trkpt><trkpt lat="1" lon="2"><time>2026-04-01T06:00:10.5</time></trkpt></trkseg></trk></gpx>`},
	}
}

// TestGPXScanEdgeCases checks each of gpxEdgeDocs against go-gpx.
func TestGPXScanEdgeCases(t *testing.T) {
	for _, tc := range gpxEdgeDocs() {
		t.Run(tc.name, func(t *testing.T) {
			if !checkScanMatchesSlow(t, []byte(tc.doc), Options{}, Options{Zone: time.FixedZone("EST", -5*3600)}) {
				t.Errorf("the scanner fell back on %q", tc.doc)
			}
		})
	}
}

// FuzzGPXScanMatchesSlow: whatever the input, the scanner either falls back or gives
// exactly what go-gpx gives; it never accepts a document go-gpx refuses. The input is
// tried as a whole document, and also placed inside a well-formed one (as the content of
// a track, as the attributes of a point, as the children of a point) so that most
// mutations still give documents the scanner reads.
func FuzzGPXScanMatchesSlow(f *testing.F) {
	addSeeds(f, "gpx", ".gpx")
	for _, seed := range []string{
		gpxDoc("<name>Morning Run</name><type>9</type><trkseg>" + gpxPts(3) + "</trkseg>"),
		gpxDoc(`<trkseg><trkpt lat="1" lon="2"><time>2026-04-01T06:00:00</time><sat>4</sat><dgpsid>1</dgpsid><extensions/></trkpt></trkseg>`),
		`<trk/><x:trk><name/><extensions><trkpt lat="3"/></extensions><trkseg/><trkseg><trkpt lon="-1e2"/></trkseg></x:trk>`,
		`<name>a</name><type>b</type><trkseg><trkpt lat="1" lon="2"><time>2026-04-01T06:00:00+02:00</time></trkpt></trkseg>`,
		`lat="51.5" lon='-0.1' x:lat="2"`,
		`<ele>1.5</ele><speed> 3 </speed><course/><time>2026-04-01T06:00:00.5Z</time><magvar>1e1</magvar><geoidheight>-0</geoidheight>`,
		`<hdop>1</hdop><vdop>.5</vdop><pdop>2.</pdop><ageofdgpsdata>0x1p-2</ageofdgpsdata><sat>07</sat><dgpsid>+3</dgpsid>`,
		`<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions><extensions><hr>90</hr></extensions>`,
		`<link href="x"><text>t</text></link><name>n</name><!-- c --><?pi x?><sym/><fix>3d</fix>`,
		`<time>2026-04-01T06:00:00Z</time><ele>1</ele><time>2026-04-01T07:00:00Z</time><ele>2</ele>`,
	} {
		f.Add([]byte(seed))
	}
	for _, tc := range gpxEdgeDocs() {
		f.Add([]byte(tc.doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer hangGuard(t)()
		opt := Options{Limits: Limits{TrackPoints: 10_000}}
		checkScanMatchesSlow(t, data, opt)
		in := string(data)
		checkScanMatchesSlow(t, []byte(gpxDoc(in)), opt)
		checkScanMatchesSlow(t, []byte(gpxDoc(`<trkseg><trkpt `+in+`><time>2026-04-01T06:00:00Z</time></trkpt></trkseg>`)), opt)
		checkScanMatchesSlow(t, []byte(gpxDoc(`<trkseg><trkpt lat="1" lon="2">`+in+`</trkpt></trkseg>`)), opt)
	})
}

// BenchmarkDecodeGPX decodes real files, and a generated 20 000-point Garmin Connect file,
// through the fast path (path=fast) and through go-gpx alone (path=slow).
func BenchmarkDecodeGPX(b *testing.B) {
	files := map[string][]byte{"generated-20k": genGarminGPX(20_000)}
	names := []string{"generated-20k"}
	for _, n := range []string{
		"sportslib_movescount.gpx",          // 1.3 MB, Movescount, CRLF
		"gc_UrbanBiker2019-04-18_16-12.gpx", // 1.0 MB, Urban Biker
		"sportslib_6037744996.gpx",          // 1.0 MB, Strava
		"sportslib_amazfit.gpx",             // 0.4 MB, Amazfit
		"gpsbabel_garminconnect.gpx",        // 26 kB, Garmin Connect
	} {
		data, err := os.ReadFile(filepath.Join(needCorpus(b), "gpx", n))
		if err != nil {
			b.Fatal(err)
		}
		files[n], names = data, append(names, n)
	}
	for _, n := range names {
		data := files[n]
		if !scanAccepts(data) {
			b.Fatalf("%s: the scanner falls back", n)
		}
		for _, path := range []struct {
			name string
			read gpxReader
		}{{"fast", readGPXTracks}, {"slow", streamGPXTracks}} {
			b.Run(n+"/path="+path.name, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					res, recs := decodeGPXWith(data, n, Options{}, path.read)
					if len(res.Sessions) == 0 || recs == 0 {
						b.Fatalf("%s %q", res.Status, res.Detail)
					}
				}
			})
		}
	}
}

// genGarminGPX builds a Garmin-Connect-style GPX 1.1 file of n one-second points with
// elevation and a TrackPointExtension (temperature, heart rate, cadence).
func genGarminGPX(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <metadata><time>2024-03-01T06:00:00.000Z</time></metadata>
  <trk>
    <name>Long</name>
    <type>running</type>
    <trkseg>
`)
	t0 := time.Date(2024, 3, 1, 6, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, `      <trkpt lat="%.7f" lon="%.7f">
        <ele>%.1f</ele>
        <time>%s</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:atemp>21.0</ns3:atemp>
            <ns3:hr>%d</ns3:hr>
            <ns3:cad>%d</ns3:cad>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>
`, 52.0+float64(i)*1e-5, 4.0+float64(i)*1e-5, 10+float64(i%50), t0.Add(time.Duration(i)*time.Second).Format("2006-01-02T15:04:05.000Z"), 120+i%40, 80+i%10)
	}
	b.WriteString("    </trkseg>\n  </trk>\n</gpx>\n")
	return b.Bytes()
}
