package main

import (
	"bytes"
	"encoding/binary"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	mfit "github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/kit/hash/crc16"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/profile/typedef"
	tfit "github.com/tormoder/fit"
	"github.com/twpayne/go-gpx"
	"github.com/xuri/excelize/v2"
)

// committed is the sample-data folder, seen from this package's directory.
const committed = "../../sample-data"

// generatedFiles lists the files under dir: all of them are the generator's
// (it lives in internal/samplegen and its story in docs/sample-data.md, not in sample-data/).
func generatedFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			return nil
		}
		names = append(names, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

func TestCommittedFilesAreReproduced(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{"-o", dir}, io.Discard); err != nil {
		t.Fatal(err)
	}
	const hint = "rerun `go run ./internal/samplegen` from the repository root and review the diff"
	got, want := generatedFiles(t, dir), generatedFiles(t, committed)
	if !slices.Equal(got, want) {
		t.Fatalf("generated files %v, committed %v; %s", got, want, hint)
	}
	for _, name := range got {
		g, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		w, err := os.ReadFile(filepath.Join(committed, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(g, w) {
			t.Errorf("sample-data/%s: generated %d bytes differ from the committed %d; %s", name, len(g), len(w), hint)
		}
	}
	total := 0
	for _, name := range want {
		st, err := os.Stat(filepath.Join(committed, name))
		if err != nil {
			t.Fatal(err)
		}
		total += int(st.Size())
	}
	if total > 1500<<10 {
		t.Errorf("sample-data totals %d bytes, over the 1.5 MB budget", total)
	}
}

func TestGenerateTwiceIsIdentical(t *testing.T) {
	a, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two runs", a[i].Name)
		}
	}
}

// crcOK checks the FIT file CRC with muktihari's CRC implementation (LIBRARIES §2.6).
func crcOK(b []byte) bool {
	end := int(b[0]) + int(binary.LittleEndian.Uint32(b[4:8]))
	if end+2 != len(b) {
		return false
	}
	h := crc16.New()
	h.Write(b[:end])
	return h.Sum16() == binary.LittleEndian.Uint16(b[end:])
}

var wantSport = map[Kind]typedef.Sport{Run: typedef.SportRunning, Strength: typedef.SportTraining,
	Ride: typedef.SportCycling, Indoor: typedef.SportCycling, Swim: typedef.SportSwimming}

// TestFITRoundTripMuktihari decodes every FIT file with muktihari/fit, the decoder runload uses
// (an implementation independent of tormoder's encoder) and compares it with the story table.
func TestFITRoundTripMuktihari(t *testing.T) {
	files, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string][]byte{}
	for _, f := range files {
		byName[f.Name] = f.Data
	}
	n := 0
	for _, s := range Sessions {
		data, ok := byName["watch/"+s.Name()+".fit"]
		if !ok {
			continue
		}
		n++
		t.Run(s.Name(), func(t *testing.T) {
			if !crcOK(data) {
				t.Error("file CRC does not match (muktihari crc16)")
			}
			lis := filedef.NewListener()
			defer lis.Close()
			dec := mfit.New(bytes.NewReader(data), mfit.WithMesgListener(lis), mfit.WithBroadcastOnly(), mfit.WithIgnoreChecksum())
			if _, err := dec.Decode(); err != nil {
				t.Fatal(err)
			}
			act, ok := lis.File().(*filedef.Activity)
			if !ok {
				t.Fatalf("decoded %T, want an activity", lis.File())
			}
			if len(act.Sessions) != 1 {
				t.Fatalf("%d sessions, want 1", len(act.Sessions))
			}
			ses := act.Sessions[0]
			if ses.Sport != wantSport[s.Kind] {
				t.Errorf("sport %v, want %v", ses.Sport, wantSport[s.Kind])
			}
			if !ses.StartTime.Equal(s.Start()) {
				t.Errorf("start %v, want %v", ses.StartTime, s.Start())
			}
			if got := time.Duration(ses.TotalTimerTime) * time.Millisecond; got != s.Timer {
				t.Errorf("timer %v, want %v", got, s.Timer)
			}
			if got := time.Duration(ses.TotalElapsedTime) * time.Millisecond; got != s.Elapsed() {
				t.Errorf("elapsed %v, want %v", got, s.Elapsed())
			}
			if s.DistM > 0 {
				if got := ses.TotalDistanceScaled(); got != s.DistM {
					t.Errorf("distance %v m, want %v", got, s.DistM)
				}
			} else if ses.TotalDistance != math.MaxUint32 {
				t.Errorf("distance %d cm, want none", ses.TotalDistance)
			}
			if int(ses.AvgHeartRate) != s.AvgHR {
				t.Errorf("avg HR %d, want %d", ses.AvgHeartRate, s.AvgHR)
			}
			// The records agree with the session: their mean HR, last distance and time span.
			sum := 0
			for _, r := range act.Records {
				sum += int(r.HeartRate)
			}
			if got := avg(sum, len(act.Records)); got != s.AvgHR {
				t.Errorf("records' mean HR %d, want %d", got, s.AvgHR)
			}
			last := act.Records[len(act.Records)-1]
			if span := last.Timestamp.Sub(act.Records[0].Timestamp); span != s.Elapsed() {
				t.Errorf("records span %v, want %v", span, s.Elapsed())
			}
			if s.DistM > 0 && last.DistanceScaled() != s.DistM {
				t.Errorf("last record distance %v, want %v", last.DistanceScaled(), s.DistM)
			}
			if act.Activity == nil {
				t.Fatal("no activity message")
			}
			if off := act.Activity.LocalTimestamp.Sub(act.Activity.Timestamp); off != s.Offset() {
				t.Errorf("local offset %v, want %v", off, s.Offset())
			}
			up := act.UserProfile
			if up == nil || up.RestingHeartRate != profileHRRest || up.DefaultMaxHeartRate != profileHRMax {
				t.Errorf("user profile %+v, want resting %d and max %d", up, profileHRRest, profileHRMax)
			}
		})
	}
	if n < 50 {
		t.Errorf("only %d FIT files", n)
	}
}

// TestFITTormoderDecode reads the files back with tormoder's own decoder too, which also checks
// the header and file CRC, and the local offset as tormoder computes it.
func TestFITTormoderDecode(t *testing.T) {
	files, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Sessions {
		for _, f := range files {
			if f.Name != "watch/"+s.Name()+".fit" {
				continue
			}
			ff, err := tfit.Decode(bytes.NewReader(f.Data))
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			act, err := ff.Activity()
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if _, off := act.Activity.LocalTimestamp.Zone(); time.Duration(off)*time.Second != s.Offset() {
				t.Errorf("%s: tormoder local offset %ds, want %v", f.Name, off, s.Offset())
			}
			if got := act.Sessions[0].GetTotalTimerTimeScaled(); got != s.Timer.Seconds() {
				t.Errorf("%s: timer %vs, want %v", f.Name, got, s.Timer)
			}
		}
	}
}

// TestGPX reads the GPX files with go-gpx: start, duration, heart rate and distance.
func TestGPX(t *testing.T) {
	n := 0
	for i, s := range Sessions {
		if s.Export == "" {
			continue
		}
		n++
		g, err := gpx.Read(bytes.NewReader(encodeGPX(i, s, s.Export == "gpx-named")))
		if err != nil {
			t.Fatalf("%s.gpx: %v", s.Name(), err)
		}
		pts := g.Trk[0].TrkSeg[0].TrkPt
		if !pts[0].Time.Equal(s.Start()) || pts[len(pts)-1].Time.Sub(pts[0].Time) != s.Elapsed() {
			t.Errorf("%s.gpx: %v + %v, want %v + %v", s.Name(), pts[0].Time, pts[len(pts)-1].Time.Sub(pts[0].Time), s.Start(), s.Elapsed())
		}
		var d float64
		for k := 1; k < len(pts); k++ {
			d += haversine(pts[k-1].Lat, pts[k-1].Lon, pts[k].Lat, pts[k].Lon)
		}
		if math.Abs(d-s.DistM) > 0.005*s.DistM {
			t.Errorf("%s.gpx: %.1f m along the points, want %v ± 0.5 %%", s.Name(), d, s.DistM)
		}
		if pts[0].Extensions == nil || !bytes.Contains([]byte(pts[0].Extensions.XML), []byte("<gpxtpx:hr>")) {
			t.Errorf("%s.gpx: no gpxtpx:hr in the first point", s.Name())
		}
	}
	if n != 4 {
		t.Errorf("%d GPX files, want 4", n)
	}
}

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371000.0
	rad := math.Pi / 180
	dl, dn := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dl/2)*math.Sin(dl/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dn/2)*math.Sin(dn/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// TestXLSX reads symptoms.xlsx back with excelize: sheets, headers, a date stored as a serial,
// the text score, the blank row and the share of mornings logged.
func TestXLSX(t *testing.T) {
	b, err := encodeXLSX()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Symptoms", "Plan"}) {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows("Symptoms")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Date" || rows[0][1] != "Pain (0-10)" {
		t.Errorf("header %v", rows[0])
	}
	serial, err := strconv.ParseFloat(rows[1][0], 64)
	if err != nil {
		t.Fatalf("A2 = %q, want a date serial", rows[1][0])
	}
	if d, _ := excelize.ExcelDateToTime(serial, false); !d.Equal(FirstDay) {
		t.Errorf("A2 is %v, want %v", d, FirstDay)
	}
	logged, blank, text := 0, 0, ""
	for _, r := range rows[1:] {
		if len(r) == 0 {
			blank++
			continue
		}
		logged++
		if _, err := strconv.ParseFloat(r[1], 64); err != nil {
			text += r[1]
		}
	}
	days := int(LastDay.Sub(FirstDay).Hours()/24) + 1
	if blank != 1 || text != "3/10" || logged != days-len(Missing) || float64(logged) < 0.7*float64(days) {
		t.Errorf("%d logged of %d days, %d blank rows, text scores %q", logged, days, blank, text)
	}
	plan, err := f.GetRows("Plan")
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != len(Plan)+1 || plan[0][1] != "Rule" {
		t.Errorf("Plan has %d rows, header %v", len(plan), plan[0])
	}
}
