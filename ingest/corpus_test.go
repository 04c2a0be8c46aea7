package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"runload/analysis"
)

// realCorpus is the shared folder of real watch exports (SOURCES.md there says where each
// file comes from). The files are read in place, never copied into this repository.
const realCorpus = "../../shared/testdata/real"

// needCorpus returns the corpus folder, or skips the test when it is absent.
func needCorpus(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(realCorpus); err != nil {
		t.Skipf("real-file corpus not found at %s (a checkout of the shared test data): %v", realCorpus, err)
	}
	return realCorpus
}

// corpusFile returns the path of a corpus file such as "gpx/sportslib_amazfit.gpx".
func corpusFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(needCorpus(t), filepath.FromSlash(name))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus file %s missing: %v", p, err)
	}
	return p
}

func TestReadRealCorpus(t *testing.T) {
	root := needCorpus(t)
	var onDisk []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			onDisk = append(onDisk, shownUnder(root, p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Read(context.Background(), []string{root}, Options{})
	if err != nil {
		t.Fatalf("Read(%s) = %v", root, err)
	}

	// Every file is accounted for, once, in walk (lexical) order, with a status, and a
	// reason when not ok.
	var got []string
	for _, in := range b.Inputs {
		got = append(got, in.Path)
		if in.Status == "" {
			t.Errorf("%s: no status", in.Path)
		}
		if in.Status != analysis.StatusOK && in.Detail == "" {
			t.Errorf("%s: status %s without a reason", in.Path, in.Status)
		}
		if strings.HasSuffix(in.Path, ".md") && (in.Kind != analysis.KindOther || in.Status != analysis.StatusSkipped) {
			t.Errorf("%s: %s/%s, want other/skipped", in.Path, in.Kind, in.Status)
		}
		if len(in.Detail) > 400 {
			t.Errorf("%s: a %d-character detail is too long for the import log: %.100s…", in.Path, len(in.Detail), in.Detail)
		}
		if in.Status == analysis.StatusError && strings.Contains(in.Detail, "decoder failed") {
			t.Errorf("%s: a decoder panicked: %s", in.Path, in.Detail)
		}
	}
	if !slices.Equal(got, onDisk) {
		t.Errorf("Inputs do not list the %d files on disk in order:\ngot  %q\nwant %q", len(onDisk), got, onDisk)
	}
	if len(b.SymptomFiles) != 0 {
		t.Errorf("SymptomFiles = %q, want none", b.SymptomFiles)
	}

	// The table per format × status, and every GPX/TCX file that is not ok.
	counts := map[analysis.InputKind]map[analysis.InputStatus]int{}
	for _, in := range b.Inputs {
		if counts[in.Kind] == nil {
			counts[in.Kind] = map[analysis.InputStatus]int{}
		}
		counts[in.Kind][in.Status]++
	}
	statuses := []analysis.InputStatus{analysis.StatusOK, analysis.StatusPartial, analysis.StatusDuplicate, analysis.StatusSkipped, analysis.StatusError}
	var tab strings.Builder
	fmt.Fprintf(&tab, "%-6s %4s %7s %9s %7s %5s\n", "kind", "ok", "partial", "duplicate", "skipped", "error")
	for _, k := range []analysis.InputKind{analysis.KindFIT, analysis.KindGPX, analysis.KindTCX, analysis.KindOther} {
		c := counts[k]
		fmt.Fprintf(&tab, "%-6s %4d %7d %9d %7d %5d\n", k, c[statuses[0]], c[statuses[1]], c[statuses[2]], c[statuses[3]], c[statuses[4]])
	}
	t.Logf("%d inputs, %d sessions, %d records\n%s", len(b.Inputs), len(b.Sessions), b.Records, tab.String())
	for _, in := range b.Inputs {
		if (in.Kind == analysis.KindGPX || in.Kind == analysis.KindTCX) && in.Status != analysis.StatusOK {
			t.Logf("%-8s %s: %s", in.Status, filepath.Base(in.Path), in.Detail)
		}
	}

	// What the GPX and TCX files give (DECODE-NOTES §4 and the GPX table, checked by hand).
	status := map[string]analysis.InputStatus{}
	for _, in := range b.Inputs {
		status[filepath.Base(in.Path)] = in.Status
	}
	want := map[string]analysis.InputStatus{
		// Timed tracks.
		"gc_1292585194-20906.gpx":            analysis.StatusOK,
		"gc_Move_2014_01_16_19_48_44.gpx":    analysis.StatusOK,
		"gc_Move_2014_01_17_09_33_11.gpx":    analysis.StatusOK,
		"gc_UrbanBiker2019-04-18_16-12.gpx":  analysis.StatusOK,
		"gpsbabel_garminconnect.gpx":         analysis.StatusOK,
		"gpsbabel_globalsat_gh625XT.gpx":     analysis.StatusOK,
		"gpxgo_visnjan.gpx":                  analysis.StatusOK,
		"gpxpy_around-visnjan-with-car.gpx":  analysis.StatusOK,
		"gpxgo_file.gpx":                     analysis.StatusOK,
		"gpxpy_track-with-empty-segment.gpx": analysis.StatusOK,
		// The same 8 tracks as gpxpy_cerknicko-jezero-no-creator.gpx, which sorts first.
		"gpxpy_cerknicko-jezero.gpx":            analysis.StatusDuplicate,
		"gpxpy_cerknicko-jezero-no-creator.gpx": analysis.StatusOK,
		"gpxpy_korita-zbevnica.gpx":             analysis.StatusOK,
		"sportslib_1681613317.gpx":              analysis.StatusOK,
		"sportslib_4623204522-1.gpx":            analysis.StatusOK,
		"sportslib_6037744996.gpx":              analysis.StatusOK,
		"sportslib_6090674952.gpx":              analysis.StatusOK,
		"sportslib_6909258631.gpx":              analysis.StatusOK,
		"sportslib_amazfit.gpx":                 analysis.StatusOK,
		"sportslib_movescount.gpx":              analysis.StatusOK,
		"sportslib_samples-garmin.gpx":          analysis.StatusOK,
		// Routes, waypoints, nothing, untimed or placeholder-timed tracks.
		"gc_A_ride_mapped_on_11_22_2011.gpx":               analysis.StatusSkipped,
		"gc_MetadataOnly.gpx":                              analysis.StatusSkipped,
		"gpsbabel_empty.gpx":                               analysis.StatusSkipped,
		"gpsbabel_route.gpx":                               analysis.StatusSkipped,
		"gpsbabel_Lctns_Instinct.gpx":                      analysis.StatusSkipped,
		"gpxgo_iso8859-1encoded.gpx":                       analysis.StatusSkipped,
		"gpxgo_gpx-without-root-attributes.gpx":            analysis.StatusSkipped,
		"gpxpy_Mojstrovka.gpx":                             analysis.StatusSkipped,
		"gpxpy_route.gpx":                                  analysis.StatusSkipped,
		"gpxpy_track-with-extremes.gpx":                    analysis.StatusSkipped,
		"gpxpy_gpx1.1_with_extensions.gpx":                 analysis.StatusSkipped,
		"gpxpy_gpx_with_garmin_extension.gpx":              analysis.StatusSkipped,
		"gpxpy_unicode_with_bom_noencoding.gpx":            analysis.StatusSkipped,
		"gpsbabel_trackfilter_discard_err.gpx":             analysis.StatusError, // a text file named .gpx
		"gpxpy_gpx-with-node-with-comments.gpx":            analysis.StatusSkipped,
		"gpxpy_track-with-less-sec-time.gpx":               analysis.StatusOK,      // two points 0.994 s apart: odd, but a recording
		"gpsbabel_googletakeout.gpx":                       analysis.StatusSkipped, // location history: points minutes apart
		"gpsbabel_gpxpassthrough10.gpx":                    analysis.StatusSkipped, // 3 points minutes apart
		"gpsbabel_gtrnctr-readcp.tcx":                      analysis.StatusSkipped, // a course
		"gc_10kUNLP2014-Garmin15.tcx":                      analysis.StatusOK,      // its FIT twin decodes too, see below
		"gc_argmac_Garmin_FR910XT_2015_01_31_10_17_02.tcx": analysis.StatusOK,
		"gpsbabel_kona2013.tcx":                            analysis.StatusOK,
		"gpsbabel_tcxdata.tcx":                             analysis.StatusOK,
		"sportslib_6281425038.tcx":                         analysis.StatusOK,
	}
	for name, w := range want {
		g, ok := status[name]
		switch {
		case !ok:
			t.Errorf("%s: not in Inputs", name)
		case w == analysis.StatusOK && g == analysis.StatusDuplicate:
			// counted once with another file of the same activity: fine
		case g != w:
			t.Errorf("%s: status %s, want %s", name, g, w)
		}
	}
	// Refused from its first bytes, before it is loaded.
	if d := detailOf(b, "gpsbabel_trackfilter_discard_err.gpx"); d != "real/gpx/gpsbabel_trackfilter_discard_err.gpx: not a GPX file: text, not XML" {
		t.Errorf("gpsbabel_trackfilter_discard_err.gpx: detail %q", d)
	}
	if d := detailOf(b, "gpsbabel_route.gpx"); d != "no timed track: a route or waypoints only" {
		t.Errorf("gpsbabel_route.gpx: detail %q", d)
	}

	// Sessions keep no positions: nothing in a Session can hold one, and every session
	// names its source.
	for _, s := range b.Sessions {
		if s.Source == "" || s.Start.IsZero() {
			t.Errorf("session without source or start: %+v", s)
		}
	}
}

// detailOf returns the Detail of the input whose base name is name.
func detailOf(b Batch, name string) string {
	for _, in := range b.Inputs {
		if filepath.Base(in.Path) == name {
			return in.Detail
		}
	}
	return ""
}

// BenchmarkReadCorpus reads the whole real corpus: walk, decode (all formats), dedupe.
func BenchmarkReadCorpus(b *testing.B) {
	root := needCorpus(b)
	b.ReportAllocs()
	var records int
	for b.Loop() {
		batch, err := Read(context.Background(), []string{root}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		records = batch.Records
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
