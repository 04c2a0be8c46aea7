package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestReportHoldsNoPositionFromRealFiles makes a report from real files that carry GPS (a
// Garmin FIT ride, an Amazfit GPX run, a Movescount GPX hike and a Garmin Connect TCX) and
// looks for every one of their coordinates, to 4 decimals, in every part of the workbook and
// in the JSON: none may appear (SPEC: the report is shared and must not show where the runner
// lives).
func TestReportHoldsNoPositionFromRealFiles(t *testing.T) {
	const real = "../../../shared/testdata/real"
	files := []string{"fit/gpsbabel_wahoo-element-bolt.fit", "gpx/sportslib_amazfit.gpx", "gpx/sportslib_movescount.gpx", "tcx/sportslib_6281425038.tcx"}
	var args []string
	coords := map[string]bool{}
	// Coordinates with two or more integer digits: a value like 0.9334 (a longitude near
	// Greenwich) is also an everyday ratio, and would match by chance.
	num := regexp.MustCompile(`-?\d{2,3}\.\d{4}`)
	for _, f := range files {
		p := filepath.Join(real, f)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Skipf("real-file corpus not found (%v): it lives beside the repository in ../shared/testdata/real", err)
		}
		args = append(args, p)
		if filepath.Ext(p) == ".fit" {
			continue
		}
		// lat="60.2722…" lon="24.9730…" (GPX) and <LatitudeDegrees>…</LatitudeDegrees> (TCX)
		for _, m := range regexp.MustCompile(`(?:lat|lon)="(-?[0-9.]+)"|(?:Latitude|Longitude)Degrees>(-?[0-9.]+)<`).FindAllSubmatch(b, -1) {
			v := m[1]
			if len(v) == 0 {
				v = m[2]
			}
			if c := num.Find(v); c != nil {
				coords[string(c)] = true
			}
		}
	}
	if len(coords) < 500 {
		t.Fatalf("found only %d distinct coordinates in the files: the scan is broken", len(coords))
	}
	dir := t.TempDir()
	out, js := filepath.Join(dir, "r.xlsx"), filepath.Join(dir, "r.json")
	code, _, stderr := analyzeCmd(t, append([]string{"-q", "-tz", "UTC", "-o", out, "-json", js}, args...)...)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	x, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(x), int64(len(x)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	parts["report.json"], _ = os.ReadFile(js)
	for name, b := range parts {
		for _, c := range num.FindAll(b, -1) {
			if coords[string(c)] {
				t.Errorf("%s holds the coordinate %s from an input file", name, c)
			}
		}
	}
}
