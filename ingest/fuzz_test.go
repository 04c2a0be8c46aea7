package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"runload/analysis"
)

// maxSeedBytes bounds the real files used as fuzz seeds: the seeds run in every go test, and
// small inputs mutate faster.
const maxSeedBytes = 32 << 10

// addSeeds adds as seeds the files of testdata/sub and of the real corpus's sub folder whose
// names end in ext and that are at most maxSeedBytes; the real corpus is skipped when absent.
func addSeeds(f *testing.F, sub, ext string) {
	f.Helper()
	for _, dir := range []string{filepath.Join("testdata", sub), filepath.Join(realCorpus, sub)} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue // the real corpus lives beside the repository and may be absent
		}
		var names []string
		for _, e := range entries {
			if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() && fi.Size() <= maxSeedBytes &&
				strings.EqualFold(filepath.Ext(e.Name()), ext) {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for _, n := range names {
			data, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// checkResult fails when a decoder's result breaks the properties every reader keeps: a
// status, a reason when not ok, no panic, and sessions whose values are in range.
func checkResult(t *testing.T, res FileResult) {
	t.Helper()
	if res.Status == "" || (res.Status != analysis.StatusOK && res.Detail == "") {
		t.Fatalf("status %q detail %q", res.Status, res.Detail)
	}
	if strings.Contains(res.Detail, "panic") {
		t.Fatalf("panic: %s", res.Detail)
	}
	for _, s := range res.Sessions {
		bad := ""
		switch {
		case s.Start.IsZero():
			bad = "no start"
		case s.Duration < 0 || s.Elapsed < 0:
			bad = "negative duration"
		case s.DistanceM.OK && !(s.DistanceM.V >= 0 && !math.IsInf(s.DistanceM.V, 0)):
			bad = "distance"
		case s.AscentM.OK && (math.IsNaN(s.AscentM.V) || math.IsInf(s.AscentM.V, 0)):
			bad = "ascent"
		case s.AvgHR.OK && (s.AvgHR.V < analysis.MinValidHR || s.AvgHR.V > analysis.MaxValidHR),
			s.MaxHR.OK && (s.MaxHR.V < analysis.MinValidHR || s.MaxHR.V > analysis.MaxValidHR):
			bad = "heart rate outside 30–230"
		case s.RPE.OK && !(s.RPE.V >= 0 && s.RPE.V <= 10):
			bad = "rpe outside 0–10"
		case s.Sport == "":
			bad = "no sport"
		}
		if bad != "" {
			t.Fatalf("session out of range (%s): %+v", bad, s)
		}
	}
}

// FuzzExtHRCad fuzzes the GPX extension parser alone: any blob gives a heart rate and a
// cadence that are absent (0) or a rounded value under 1000.
func FuzzExtHRCad(f *testing.F) {
	for _, s := range []string{
		`<ns3:TrackPointExtension><ns3:atemp>11.0</ns3:atemp><ns3:hr>121</ns3:hr><ns3:cad>82</ns3:cad></ns3:TrackPointExtension>`,
		`<gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr></gpxtpx:TrackPointExtension>`,
		`<gpxtpx:hr>99.6</gpxtpx:hr>`, `<heartrate>150</heartrate><cadence>90</cadence>`,
		`<hr xmlns="http://www.suunto.com">131</hr>`, `<!-- <hr>1</hr> --><hr>2</hr>`, `<hr/><hr>77</hr>`, `<hr>`, `<`, ``,
		`<gpxdata:hr>1e3</gpxdata:hr>`, `<HR>NaN</HR><cad>-5</cad>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in := string(b)
		hr, cad := extHRCad(b)
		if string(b) != in {
			t.Fatal("input bytes were modified")
		}
		if hr < 0 || hr > 1000 || cad < 0 || cad > 1000 {
			t.Fatalf("extHRCad(%q) = %d, %d", b, hr, cad)
		}
	})
}

// hangGuard crashes the fuzz worker with every goroutine's stack when one input takes more
// than 10 s, so that a hang is reported (and its input saved) like a panic. Call it as
// defer hangGuard(t)().
func hangGuard(t *testing.T) func() {
	timer := time.AfterFunc(10*time.Second, func() {
		buf := make([]byte, 1<<20)
		panic("input took over 10 s:\n" + string(buf[:runtime.Stack(buf, true)]))
	})
	return func() { timer.Stop() }
}

// fuzzLimits are small, so that the walk fuzzer reaches every limit with small inputs.
var fuzzLimits = Limits{FileBytes: 4 << 10, ZipEntries: 20, ZipBytes: 16 << 10, ZipDepth: 3}

// FuzzWalk fuzzes the zip and .gz walker through an fs.FS: data is read as an archive
// (in.zip) and as a gzipped watch file (in.fit.gz), with small limits. No input panics or
// hangs, every line of the import log has a status and a path under the input, every error
// names the input, and no decoder is handed more than the file limit.
func FuzzWalk(f *testing.F) {
	gap, err := os.ReadFile("testdata/gpx/gap.gpx")
	if err != nil {
		f.Fatal(err)
	}
	zipOf := func(stored bool, files ...[2][]byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, fl := range files {
			h := &zip.FileHeader{Name: string(fl[0]), Method: zip.Deflate}
			if stored {
				h.Method = zip.Store
			}
			w, err := zw.CreateHeader(h)
			if err != nil {
				f.Fatal(err)
			}
			w.Write(fl[1])
		}
		zw.Close()
		return buf.Bytes()
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	inner := zipOf(false, [2][]byte{[]byte("a.fit"), []byte("fit")}, [2][]byte{[]byte("b.gpx"), gap})
	f.Add(zipOf(false, [2][]byte{[]byte("run.gpx"), gap}, [2][]byte{[]byte("x/inner.zip"), inner}))
	f.Add(zipOf(true, [2][]byte{[]byte("s.zip"), inner}, [2][]byte{[]byte("r.fit.gz"), gz([]byte("fit"))},
		[2][]byte{[]byte("__MACOSX/._r.fit"), nil}, [2][]byte{[]byte("../../evil.tcx"), []byte("<x/>")}))
	f.Add(zipOf(true, [2][]byte{[]byte("d1.zip"), zipOf(true, [2][]byte{[]byte("d2.zip"), zipOf(false, [2][]byte{[]byte("d3.zip"), inner})})}))
	f.Add(gz(gap))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	if data, err := os.ReadFile(filepath.Join(realCorpus, "fit", "gc_14582164182.fit.gz")); err == nil && len(data) <= 64<<10 {
		f.Add(data)
	}
	fake := func(data []byte, name string, opt Options) (FileResult, int) {
		if int64(len(data)) > fuzzLimits.FileBytes {
			panic("a decoder was handed more than the file limit")
		}
		return FileResult{Status: analysis.StatusOK, Sessions: []analysis.Session{{Source: name, Sport: analysis.Running,
			Start: time.Date(2026, 1, 1, 0, 0, 0, len(data), time.UTC), Duration: time.Minute, Elapsed: time.Minute}}}, 1
	}
	r := reader{fit: fake, gpx: fake, tcx: fake}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer hangGuard(t)()
		tmp := t.TempDir()
		fsys := fstest.MapFS{"in.zip": {Data: data}, "in.fit.gz": {Data: data}}
		w := newWalker(context.Background(), fuzzLimits)
		w.memBytes, w.tmpDir = 1<<10, tmp // spool inner zips over 1 KiB
		if err := w.walkFS(fsys, "root", "", 0, nil); err != nil {
			t.Fatal(err)
		}
		b, err := r.decodeAll(context.Background(), w, Options{})
		w.close()
		if err != nil {
			t.Fatal(err)
		}
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Fatalf("temporary files left: %v", left)
		}
		if len(b.Inputs) == 0 || len(b.Inputs) > fuzzLimits.ZipEntries+2 {
			t.Fatalf("%d import-log lines", len(b.Inputs))
		}
		for _, in := range b.Inputs {
			if in.Status == "" || !strings.HasPrefix(in.Path, "root/in.") {
				t.Fatalf("input %+v", in)
			}
			if in.Status != analysis.StatusOK && in.Status != analysis.StatusDuplicate && in.Detail == "" {
				t.Fatalf("input %+v without a reason", in)
			}
			if in.Status == analysis.StatusError && !strings.Contains(in.Detail, "root/in.") {
				t.Fatalf("error %q does not name its file", in.Detail)
			}
			if strings.Contains(in.Detail, "decoder failed") {
				t.Fatalf("panic: %s", in.Detail)
			}
		}
	})
}
