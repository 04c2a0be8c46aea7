package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"runload/analysis"
	"runload/ingest"
	"runload/internal/benchcorpus"
)

// realDir is the corpus of real watch files beside the repository.
const realDir = "../../../shared/testdata/real"

// needReal skips a test when the real-file corpus is absent (a fresh clone without ../shared).
func needReal(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(realDir); err != nil {
		t.Skipf("real-file corpus not found (%v): it lives beside the repository in ../shared/testdata/real", err)
	}
}

// blockRuns are real runs from the corpus that the recent block is made of, each shifted to
// its day (a Monday, Wednesday, Friday and Sunday rhythm).
var blockRuns = []string{
	"fit/gc_3386684871.fit",                      // Garmin, 24 min, 4.9 km
	"fit/sportslib_2067489619.fit",               // 47 min, 4.5 km
	"fit/fitparse_activity-small-fenix2-run.fit", // Fenix 2, 47 min, 9.0 km
	"fit/gc_Garmin920_withFirstbeat.fit",         // Forerunner 920, 35 min, 7.3 km
}

// The recent block: four weeks and a day of runs and mornings, 2026-10-19 (Mon) to
// 2026-11-16 (Mon), so that the last week is a one-day week.
var (
	blockFrom = analysis.Day{Year: 2026, Month: time.October, Day: 19}
	blockTo   = analysis.Day{Year: 2026, Month: time.November, Day: 16}
)

// garminMail is the e-mail address Garmin puts in the names of uploaded files.
const garminMail = "jane.doe@example.com"

// exportFacts is what the test export holds, for the assertions.
type exportFacts struct {
	zip       string            // the account export
	blockDays []analysis.Day    // days with a block run
	cut       string            // the name of the half-copied FIT file inside the export
	history   int               // history sessions from the corpus (before the block), duplicates counted once
	first     analysis.Day      // the day of the earliest of them
	runs      map[string][]byte // block file name → bytes, as written
}

// accountExport writes a Garmin-style account export, garmin-export.zip, into dir: every
// real FIT activity of the corpus with its own date (years of history, 2007 to 2026) in
// DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip, named the way Garmin
// names uploads (the account's e-mail address, an underscore, an id); the recent block of
// runs, shifted to their days; a half-copied FIT file (the first 300 bytes of a block run);
// and the export's JSON files, which are not activities. With damaged false only the FIT
// files that read cleanly are taken (for -strict).
func accountExport(t *testing.T, dir string, damaged bool) exportFacts {
	t.Helper()
	needReal(t)
	facts := exportFacts{zip: filepath.Join(dir, "garmin-export.zip"), runs: map[string][]byte{}}
	var inner bytes.Buffer
	zw := zip.NewWriter(&inner)
	add := func(w *zip.Writer, name string, data []byte) {
		f, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2026, 11, 17, 8, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(data); err != nil {
			t.Fatal(err)
		}
	}

	// History: every corpus FIT file that gives a dated session before the block.
	names, err := filepath.Glob(filepath.Join(realDir, "fit", "*.fit"))
	if err != nil || len(names) < 100 {
		t.Fatalf("corpus FIT files: %d, %v", len(names), err)
	}
	slices.Sort(names)
	id := 18000000000
	var history []string
	for _, p := range names {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := ingest.Read(context.Background(), []string{p}, ingest.Options{Zone: time.UTC, TZForced: true, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Inputs) != 1 {
			t.Fatalf("%s: %d inputs", p, len(b.Inputs))
		}
		if st := b.Inputs[0].Status; !damaged && st != analysis.StatusOK && st != analysis.StatusSkipped {
			continue
		}
		if len(b.Sessions) > 0 && !b.Sessions[len(b.Sessions)-1].Day().Before(blockFrom) {
			continue // the block is the latest data
		}
		id++
		add(zw, fmt.Sprintf("%s_%d.fit", garminMail, id), data)
		history = append(history, p)
	}
	// The history as the tool counts it: the same activity in two corpus files counts once.
	hb, err := ingest.Read(context.Background(), history, ingest.Options{Zone: time.UTC, TZForced: true})
	if err != nil {
		t.Fatal(err)
	}
	facts.history = len(hb.Sessions)
	if len(hb.Sessions) > 0 {
		facts.first = hb.Sessions[0].Day()
	}

	// The block: a run every Monday, Wednesday, Friday and Sunday at 07:00 UTC.
	i := 0
	for d := blockFrom; !d.After(blockTo); d = d.AddDays(1) {
		switch d.Weekday() {
		case time.Monday, time.Wednesday, time.Friday, time.Sunday:
		default:
			continue
		}
		src := filepath.Join(realDir, blockRuns[i%len(blockRuns)])
		i++
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		b, err := ingest.Read(context.Background(), []string{src}, ingest.Options{Zone: time.UTC, TZForced: true, Workers: 1})
		if err != nil || len(b.Sessions) != 1 {
			t.Fatalf("%s: %d sessions, %v", src, len(b.Sessions), err)
		}
		want := time.Date(d.Year, d.Month, d.Day, 7, 0, 0, 0, time.UTC)
		delta := int64(want.Sub(b.Sessions[0].Start) / time.Second)
		delta -= delta % 32 // ShiftFIT moves by whole 32 s steps; the run starts by 07:00:31
		shifted, _, err := benchcorpus.ShiftFIT(data, delta)
		if err != nil {
			t.Fatalf("shifting %s: %v", src, err)
		}
		id++
		name := fmt.Sprintf("%s_%d.fit", garminMail, id)
		add(zw, name, shifted)
		facts.runs[name] = shifted
		facts.blockDays = append(facts.blockDays, d)
	}
	// A copy of the last run that stopped a third of the way through: a few minutes of it.
	last := fmt.Sprintf("%s_%d.fit", garminMail, id)
	id++
	facts.cut = fmt.Sprintf("%s_%d.fit", garminMail, id)
	add(zw, facts.cut, facts.runs[last][:len(facts.runs[last])/3])
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}

	var outer bytes.Buffer
	ow := zip.NewWriter(&outer)
	add(ow, "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner.Bytes())
	add(ow, "DI_CONNECT/DI-Connect-User/user_profile.json", []byte(`{"userName":"jane.doe"}`))
	add(ow, "DI_CONNECT/DI-Connect-Fitness/jane.doe_0_summarizedActivities.json", []byte(`[{"summarizedActivitiesExport":[]}]`))
	add(ow, "DI_CONNECT/DI-Connect-Wellness/2026-11-16_sleepData.json", []byte(`[]`))
	if err := ow.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(facts.zip, outer.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return facts
}

// dayFirstCSV is a symptom log as Google Sheets exports it in a day-first locale: one row a
// morning over the block, pain 1 (2 on the morning after each Sunday run), stiffness 1, and
// rehab done every other day.
func dayFirstCSV(from, to analysis.Day) string {
	var b strings.Builder
	b.WriteString("Date,Pain (0-10),Stiffness,Rehab done,Notes\r\n")
	for d := from; !d.After(to); d = d.AddDays(1) {
		pain := 1
		if d.Weekday() == time.Monday && d != from {
			pain = 2
		}
		rehab := "no"
		if d.Sub(from)%2 == 0 {
			rehab = "yes"
		}
		fmt.Fprintf(&b, "%02d/%02d/%d,%d,1,%s,\r\n", d.Day, int(d.Month), d.Year, pain, rehab)
	}
	return b.String()
}
