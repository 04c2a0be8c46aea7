package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

// zipOf returns a zip archive holding files (name → content), in the order given by names.
func zipOf(t *testing.T, names []string, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(files[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gzipOf(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fakeFIT stands in for the FIT decoder: one running session per file, starting at a time
// taken from the file's size, so the walk can be tested whatever the FIT decoder does.
func fakeFIT(data []byte, name string, opt Options) (FileResult, int) {
	s := analysis.Session{Source: name, Sport: analysis.Running, Start: t0.Add(time.Duration(len(data)) * time.Hour),
		Duration: 30 * time.Minute, Elapsed: 30 * time.Minute}
	return FileResult{Status: analysis.StatusOK, Sessions: []analysis.Session{s}}, 1
}

// TestReadGarminExport builds, in a temporary folder, what a runner's download folder may
// hold: a Garmin account export (zips of FIT files inside a zip), a Strava .gpx.gz, the
// symptom log, and files that are not activities.
func TestReadGarminExport(t *testing.T) {
	run := readFile(t, corpusFile(t, "fit/fitparse_garmin-fenix-5-run.fit"))
	walk := readFile(t, corpusFile(t, "fit/fitparse_garmin-fenix-5-walk.fit"))
	gap := readFile(t, "testdata/gpx/gap.gpx")

	dir := t.TempDir()
	inner := zipOf(t, []string{"walk.FIT", "run.fit", "readme.txt"},
		map[string][]byte{"run.fit": run, "walk.FIT": walk, "readme.txt": []byte("hello")})
	const part = "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip"
	outer := zipOf(t, []string{"DI_CONNECT/DI-Connect-Fitness/summary.json", part, "__MACOSX/._x", "strava/run.gpx.gz"},
		map[string][]byte{part: inner, "DI_CONNECT/DI-Connect-Fitness/summary.json": []byte("{}"),
			"__MACOSX/._x": []byte("junk"), "strava/run.gpx.gz": gzipOf(t, gap)})
	writeFile(t, filepath.Join(dir, "export.zip"), outer)
	writeFile(t, filepath.Join(dir, "activities", "9.gpx.gz"), gzipOf(t, gap))
	writeFile(t, filepath.Join(dir, "activities", "bad.tcx.gz"), []byte("this is not gzip data at all"))
	writeFile(t, filepath.Join(dir, "Symptoms.xlsx"), []byte("PK"))
	writeFile(t, filepath.Join(dir, "notes.txt"), []byte("remember the ice"))
	writeFile(t, filepath.Join(dir, ".DS_Store"), []byte{0})
	missing := filepath.Join(dir, "nothing-here.fit")

	r := reader{fit: fakeFIT, gpx: decodeGPX, tcx: decodeTCX}
	var progress []string
	opt := Options{Workers: 2, Progress: func(done, total int) { progress = append(progress, fmt.Sprint(done, "/", total)) }}
	// The symptom log is also named on its own: it is still listed once.
	b, err := r.read(context.Background(), []string{dir, missing, filepath.Join(dir, "Symptoms.xlsx")}, opt)
	if err != nil {
		t.Fatal(err)
	}

	// Paths are shown from the PATH's base name on, slash-separated.
	d := filepath.Base(dir)
	ex := d + "/export.zip"
	type line struct {
		Path     string
		Kind     analysis.InputKind
		Status   analysis.InputStatus
		Detail   string
		Sessions int
	}
	want := []line{
		{d + "/.DS_Store", analysis.KindOther, analysis.StatusSkipped, "operating-system metadata file, not read", 0},
		{d + "/activities/9.gpx.gz", analysis.KindGPX, analysis.StatusOK, `track 2: no times (a route), skipped`, 1},
		{d + "/activities/bad.tcx.gz", analysis.KindTCX, analysis.StatusError, "gunzip " + d + "/activities/bad.tcx.gz" + ": not gzip data (gzip: invalid header): the name ends in .gz but the file is not compressed; rename it or export it again", 0},
		{ex + "/DI_CONNECT/DI-Connect-Fitness/summary.json", analysis.KindOther, analysis.StatusSkipped, "not a FIT, GPX or TCX file", 0},
		{ex + "/" + part + "/readme.txt", analysis.KindOther, analysis.StatusSkipped, "not a FIT, GPX or TCX file", 0},
		{ex + "/" + part + "/run.fit", analysis.KindFIT, analysis.StatusOK, "", 1},
		{ex + "/" + part + "/walk.FIT", analysis.KindFIT, analysis.StatusOK, "", 1},
		{ex + "/__MACOSX/", analysis.KindOther, analysis.StatusSkipped, "macOS metadata folder, not read", 0},
		{ex + "/strava/run.gpx.gz", analysis.KindGPX, analysis.StatusDuplicate, `track 2: no times (a route), skipped; same activity as ` + d + "/activities/9.gpx.gz" + " (an identical file)", 0},
		{d + "/notes.txt", analysis.KindOther, analysis.StatusSkipped, "not a FIT, GPX or TCX file", 0},
		{"nothing-here.fit", analysis.KindFIT, analysis.StatusError, "nothing-here.fit does not exist", 0},
	}
	var got []line
	for _, in := range b.Inputs {
		got = append(got, line{in.Path, in.Kind, in.Status, in.Detail, in.Sessions})
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Inputs (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]LogFile{{Path: filepath.Join(dir, "Symptoms.xlsx"), Name: d + "/Symptoms.xlsx"}}, b.SymptomFiles); d != "" {
		t.Errorf("SymptomFiles (-want +got):\n%s", d)
	}
	// The FIT files reached the decoder whole: fakeFIT dates them by their size.
	var starts []string
	for _, s := range b.Sessions {
		starts = append(starts, filepath.Base(s.Source)+" "+s.Start.Sub(t0).String())
	}
	wantStarts := []string{"9.gpx.gz " + time.Date(2026, 4, 1, 6, 0, 0, 0, time.UTC).Sub(t0).String(),
		"walk.FIT " + (time.Duration(len(walk)) * time.Hour).String(), "run.fit " + (time.Duration(len(run)) * time.Hour).String()}
	if len(run) < len(walk) {
		wantStarts[1], wantStarts[2] = wantStarts[2], wantStarts[1]
	}
	if d := cmp.Diff(wantStarts, starts); d != "" {
		t.Errorf("sessions (-want +got):\n%s", d)
	}
	if b.Records != 7+7+1+1 {
		t.Errorf("Records = %d, want 16 (7 points in each GPX, 1 per fake FIT)", b.Records)
	}
	if d := cmp.Diff([]string{"1/5", "2/5", "3/5", "4/5", "5/5"}, progress); d != "" {
		t.Errorf("Progress calls (-want +got):\n%s", d)
	}
}

// TestReadKeepsInputOrder decodes many files with decoders that finish in reverse order.
func TestReadKeepsInputOrder(t *testing.T) {
	dir := t.TempDir()
	const n = 24
	for i := range n {
		// A FIT header, then i bytes: fakeFIT dates each file by its size.
		writeFile(t, filepath.Join(dir, fmt.Sprintf("%02d.fit", i)), append([]byte{12, 0x10, 0, 0, 0, 0, 0, 0, '.', 'F', 'I', 'T'}, bytes.Repeat([]byte{'x'}, i+1)...))
	}
	slow := func(data []byte, name string, opt Options) (FileResult, int) {
		time.Sleep(time.Duration(n+12-len(data)) * time.Millisecond) // the first files finish last
		return fakeFIT(data, name, opt)
	}
	var (
		mu    sync.Mutex
		calls int
		inCB  bool
	)
	opt := Options{Workers: 8, Progress: func(done, total int) {
		if inCB {
			t.Error("Progress called concurrently")
		}
		inCB = true
		mu.Lock()
		calls++
		mu.Unlock()
		inCB = false
	}}
	b, err := reader{fit: slow}.read(context.Background(), []string{dir}, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range b.Inputs {
		if want := shownUnder(dir, filepath.Join(dir, fmt.Sprintf("%02d.fit", i))); in.Path != want || in.Status != analysis.StatusOK {
			t.Errorf("Inputs[%d] = %s %s, want %s ok", i, in.Path, in.Status, want)
		}
	}
	if len(b.Inputs) != n || calls != n {
		t.Errorf("%d inputs, %d progress calls; want %d", len(b.Inputs), calls, n)
	}
}

func TestReadRecoversFromPanic(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.gpx", "boom.gpx", "c.gpx"} {
		writeFile(t, filepath.Join(dir, name), readFile(t, "testdata/gpx/gap.gpx"))
	}
	writeFile(t, filepath.Join(dir, "c.gpx"), readFile(t, "testdata/gpx/zoneless.gpx"))
	panicky := func(data []byte, name string, opt Options) (FileResult, int) {
		if strings.HasSuffix(name, "boom.gpx") {
			var m map[string]int
			m["x"]++ //lint:ignore SA5000 a decoder bug on purpose: the batch must survive its panic
		}
		return decodeGPX(data, name, opt)
	}
	b, err := reader{gpx: panicky}.read(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range b.Inputs {
		got = append(got, fmt.Sprintf("%s %s", filepath.Base(in.Path), in.Status))
	}
	if d := cmp.Diff([]string{"a.gpx ok", "boom.gpx error", "c.gpx ok"}, got); d != "" {
		t.Errorf("statuses (-want +got):\n%s", d)
	}
	if d := b.Inputs[1].Detail; !strings.Contains(d, "boom.gpx") || !strings.Contains(d, "assignment to entry in nil map") {
		t.Errorf("panic detail = %q, want the file and the panic message", d)
	}
	if len(b.Sessions) != 2 {
		t.Errorf("%d sessions, want 2", len(b.Sessions))
	}
}

func TestReadCancelled(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.gpx"), readFile(t, "testdata/gpx/gap.gpx"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, []string{dir}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Read with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestWalkLimits(t *testing.T) {
	fitHead := []byte{14, 0x20, 0x08, 0x52, 0, 0, 0, 0, '.', 'F', 'I', 'T', 0, 0} // a 14-byte header, no data declared
	bigFIT := append(slices.Clone(fitHead), bytes.Repeat([]byte{1}, 2048-len(fitHead))...)
	fsys := fstest.MapFS{"big.fit": {Data: bigFIT}, "big.gpx.gz": {Data: gzipOf(t, bytes.Repeat([]byte{' '}, 4096))}}
	load := func(name string, kind analysis.InputKind, gz bool, limit int64, b *byteBudget) ([]byte, error) {
		data, release, err := loadFile(fsys, name, "x/"+name, kind, gz, limit, b)
		if err == nil {
			release()
		}
		return data, err
	}
	if _, err := load("big.fit", analysis.KindFIT, false, 1023, nil); err == nil || err.Error() != "x/big.fit is 2 KiB, more than the 1023 bytes a FIT file may have: not read" {
		t.Errorf("loadFile over the limit = %v", err)
	}
	if data, err := load("big.fit", analysis.KindFIT, false, 2048, nil); err != nil || len(data) != 2048 {
		t.Errorf("loadFile at the limit = %d bytes, %v", len(data), err)
	}
	if data, err := load("big.gpx.gz", analysis.KindGPX, true, 4096, nil); err != nil || len(data) != 4096 {
		t.Errorf("loadFile(gz) = %d bytes, %v", len(data), err)
	}
	if _, err := load("big.gpx.gz", analysis.KindGPX, true, 4095, nil); err == nil || err.Error() != "x/big.gpx.gz unpacks to more than the 4095 bytes a GPX file may have: not read" {
		t.Errorf("loadFile(gz) over the limit = %v", err)
	}

	// Zips nested deeper than DefaultZipDepth are listed, not opened.
	data := zipOf(t, []string{"run.gpx"}, map[string][]byte{"run.gpx": readFile(t, "testdata/gpx/gap.gpx")})
	for i := range DefaultZipDepth {
		name := fmt.Sprintf("z%d.zip", i)
		data = zipOf(t, []string{name}, map[string][]byte{name: data})
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "deep.zip"), data)
	b, err := Read(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Inputs) != 1 || b.Inputs[0].Status != analysis.StatusSkipped || !strings.Contains(b.Inputs[0].Detail, "nested more than") {
		t.Errorf("Inputs = %+v, want one skipped zip nested too deep", b.Inputs)
	}
}

func TestKindOf(t *testing.T) {
	for name, want := range map[string]analysis.InputKind{
		"a.fit": analysis.KindFIT, "A.FIT": analysis.KindFIT, "a.fit.gz": analysis.KindFIT, "a.FIT.GZ": analysis.KindFIT,
		"a.gpx": analysis.KindGPX, "a.Gpx.gz": analysis.KindGPX, "a.tcx": analysis.KindTCX, "a.tcx.gz": analysis.KindTCX,
		"a.txt": analysis.KindOther, "a.gz": analysis.KindOther, "fit": analysis.KindOther, "a.fit.zip": analysis.KindOther,
	} {
		if got := kindOf(name); got != want {
			t.Errorf("kindOf(%q) = %s, want %s", name, got, want)
		}
	}
	for name, want := range map[string]bool{"symptoms.xlsx": true, "symptom log.csv": true, "symptoms-2026.xlsx": true,
		"my symptoms.xlsx": false, "symptoms.ods": false, "plan.csv": false} {
		if got := isSymptomName(name); got != want {
			t.Errorf("isSymptomName(%q) = %v", name, got)
		}
	}
}

// zeroReader is an endless reader of zero bytes, for bombs that are deflated as they stream.
type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// zipHeaders returns a zip whose entries are stored or deflated as asked.
func zipHeaders(t *testing.T, entries []*zip.FileHeader, data [][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, h := range entries {
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestInnerZipsInPlaceOrSpooled checks that an inner zip that is stored is read in place,
// that a deflated one over the memory threshold is spooled to one temporary file, removed
// when the batch is done, and that both give their sessions.
func TestInnerZipsInPlaceOrSpooled(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	gap := readFile(t, "testdata/gpx/gap.gpx")
	zoneless := readFile(t, "testdata/gpx/zoneless.gpx")
	stored := zipOf(t, []string{"a.gpx"}, map[string][]byte{"a.gpx": gap})
	deflated := zipOf(t, []string{"b.gpx"}, map[string][]byte{"b.gpx": zoneless})
	outer := zipHeaders(t, []*zip.FileHeader{{Name: "stored.zip", Method: zip.Store}, {Name: "deflated.zip", Method: zip.Deflate}},
		[][]byte{stored, deflated})
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "export.zip"), outer)

	w := newWalker(context.Background(), Limits{})
	w.memBytes = 0 // spool every deflated inner zip
	if err := w.walkPath(filepath.Join(dir, "export.zip")); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 1 {
		t.Errorf("%d temporary files while decoding, want 1 (the deflated inner zip only)", len(left))
	}
	b, err := reader{fit: decodeFIT, gpx: decodeGPX, tcx: decodeTCX}.decodeAll(context.Background(), w, Options{Zone: time.UTC})
	w.close()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range b.Inputs {
		got = append(got, fmt.Sprintf("%s %s %d", in.Path, in.Status, in.Sessions))
	}
	want := []string{"export.zip/deflated.zip/b.gpx ok 1", "export.zip/stored.zip/a.gpx ok 1"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("inputs (-want +got):\n%s", d)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left after the batch: %v", left)
	}
}

// TestDefaultLimitBombs proves the default limits on real bombs: a zip entry and an .xlsx
// that inflate past DefaultFileBytes and DefaultUnzipBytes from a few hundred kilobytes.
func TestDefaultLimitBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("deflates 460 MB of zeros")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("bomb.fit")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(w, zeroReader{}, DefaultFITBytes+1); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "bomb.zip"), buf.Bytes())
	b, err := Read(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Inputs) != 1 || b.Inputs[0].Status != analysis.StatusError ||
		!strings.HasSuffix(b.Inputs[0].Detail, "bomb.fit unpacks to 32.0 MiB, more than the 32 MiB a FIT file may have: not read") {
		t.Errorf("zip bomb (%d bytes on disk): %+v", buf.Len(), b.Inputs)
	}

	// The blank workbook with 33 MiB of blanks in its Symptoms sheet.
	var tpl bytes.Buffer
	if err := WriteTemplate(&tpl); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(tpl.Bytes()), int64(tpl.Len()))
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	zw = zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			i := bytes.LastIndex(data, []byte("</worksheet>"))
			blanks := bytes.Repeat([]byte{' '}, 1<<20)
			for _, part := range append([][]byte{data[:i]}, slices.Repeat([][]byte{blanks}, 33)...) {
				if _, err := w.Write(part); err != nil {
					t.Fatal(err)
				}
			}
			data = data[i:]
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = readSymptoms(bytes.NewReader(buf.Bytes()), "symptoms.xlsx", Options{})
	if err == nil || !strings.Contains(err.Error(), "symptoms.xlsx: the workbook unpacks to more than 32 MiB") {
		t.Errorf("xlsx bomb (%d bytes): %v", buf.Len(), err)
	}
}

// TestReadBudgetedHints: readBudgeted reads a file whole whatever its size hint says (none,
// too small, exact, too large), a byte at a time too, and returns what it read with a failing
// reader's error.
func TestReadBudgetedHints(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	const limit = 1 << 20
	b := newByteBudget(context.Background(), 2*limit)
	ident := func(n int64) int64 { return n }
	read := func(r io.Reader, hint int64) ([]byte, error) {
		held := hint
		if hint < 0 || hint > limit {
			held = limit
		}
		release, err := b.acquire(held)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { release() }()
		return readBudgeted(r, hint, held, limit, ident, b, &release)
	}
	for _, hint := range []int64{-1, 0, 10, 9999, 10000, 10001, 50000} {
		got, err := read(iotest.OneByteReader(bytes.NewReader(data)), hint)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("size hint %d: %d bytes, %v", hint, len(got), err)
		}
	}
	got, err := read(iotest.TimeoutReader(bytes.NewReader(data)), int64(len(data)))
	if !errors.Is(err, iotest.ErrTimeout) || len(got) != len(data) {
		t.Errorf("a failing reader: %d bytes, %v", len(got), err)
	}
}

// shownUnder is how Read shows the file p found under the PATH root: from root's base name
// on, slash-separated (SPEC "The report").
func shownUnder(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		panic(err)
	}
	if rel == "." {
		return filepath.Base(root)
	}
	return filepath.Base(root) + "/" + filepath.ToSlash(rel)
}

func TestDisplayRootAndMaskEmails(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	// An absolute path of the test's own folder stands for the runner's download folder.
	downloads := filepath.Join(t.TempDir(), "Downloads")
	for _, c := range []struct{ in, want string }{
		{filepath.Join(downloads, "garmin-export.zip"), "garmin-export.zip"},
		{"garmin-export/", "garmin-export"},
		{"exports/../runs", "runs"},
		{".", filepath.Base(wd)},
		{filepath.Join(downloads, "runner@example.com_18000000007.fit"), "…_18000000007.fit"},
	} {
		if got := DisplayRoot(c.in); got != c.want {
			t.Errorf("DisplayRoot(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"jane.doe@example.com_18000000007.fit", "…_18000000007.fit"},
		{"j+runs@mail.example.co.uk_1.FIT", "…_1.FIT"},
		{"UploadedFiles_0-_Part1.zip", "UploadedFiles_0-_Part1.zip"},
		{"run @ the park.gpx", "run @ the park.gpx"}, // an @ alone is no address
		{"a@b.io and c@d.org.tcx", "… and ….tcx"},
		{"jane@example.com.fit.gz", "….fit.gz"},
	} {
		if got := MaskEmails(c.in); got != c.want {
			t.Errorf("MaskEmails(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestShowName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"run.fit", "run.fit"},
		{"Zoë Ångström/løb.gpx", "Zoë Ångström/løb.gpx"},
		{"two\nlines.fit", `two\x0alines.fit`},
		{"bell\a\x1b[31mred.gpx", `bell\x07\x1b[31mred.gpx`},
		{"latin1-\xe9t\xe9.tcx", `latin1-\xe9t\xe9.tcx`},
		{"run\u202egpx.exe.fit", `run\u202egpx.exe.fit`},
		{"tab\there@example.com_1.fit", `tab\x09…_1.fit`},
	} {
		if got := ShowName(c.in); got != c.want {
			t.Errorf("ShowName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestReadOddFileNames: names with a newline, an escape sequence and bytes that are not
// UTF-8 are read, and shown escaped, one line each, in valid UTF-8.
func TestReadOddFileNames(t *testing.T) {
	dir := t.TempDir()
	gap := readFile(t, "testdata/gpx/gap.gpx")
	names := []string{"a\nb.gpx", "c\x1b[2Jd.gpx", "e\xff\xfe.gpx"}
	for _, n := range names {
		writeFile(t, filepath.Join(dir, n), gap)
	}
	b, err := Read(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := filepath.Base(dir)
	want := []string{d + `/a\x0ab.gpx`, d + `/c\x1b[2Jd.gpx`, d + `/e\xff\xfe.gpx`}
	var got []string
	for _, in := range b.Inputs {
		got = append(got, in.Path)
		if !utf8.ValidString(in.Path+in.Detail) || strings.ContainsAny(in.Path+in.Detail, "\n\x1b") {
			t.Errorf("%q: not safe to show: %q", in.Path, in.Detail)
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("paths (-want +got):\n%s", d)
	}
}

// TestReadFilesThatChange: a file that disappears between the walk and its reading is an
// error naming it; one that shrank or grew is read as it is when read.
func TestReadFilesThatChange(t *testing.T) {
	dir := t.TempDir()
	gap := readFile(t, "testdata/gpx/gap.gpx")
	for _, n := range []string{"gone.gpx", "shrank.gpx", "grew.gpx"} {
		writeFile(t, filepath.Join(dir, n), gap)
	}
	w := newWalker(context.Background(), Limits{})
	if err := w.walkPath(dir); err != nil {
		t.Fatal(err)
	}
	// Between the walk and the decoding: one file removed, one cut to nothing, one doubled.
	if err := os.Remove(filepath.Join(dir, "gone.gpx")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "shrank.gpx"), nil)
	writeFile(t, filepath.Join(dir, "grew.gpx"), append(slices.Clone(gap), bytes.Repeat([]byte(" "), 3*len(gap))...))
	b, err := reader{fit: decodeFIT, gpx: decodeGPX, tcx: decodeTCX}.decodeAll(context.Background(), w, Options{Zone: time.UTC})
	w.close()
	if err != nil {
		t.Fatal(err)
	}
	d := filepath.Base(dir)
	want := map[string]string{
		d + "/gone.gpx":   "error reading " + d + "/gone.gpx: no such file or directory",
		d + "/shrank.gpx": "error " + d + "/shrank.gpx is empty (0 bytes): the export or copy did not finish; export it again",
		d + "/grew.gpx":   "ok ",
	}
	for _, in := range b.Inputs {
		if got := string(in.Status) + " " + in.Detail; got != want[in.Path] && !strings.HasPrefix(got, "ok") {
			t.Errorf("%s: %q, want %q", in.Path, got, want[in.Path])
		} else if want[in.Path] == "ok " && in.Status != analysis.StatusOK {
			t.Errorf("%s: %s %q, want ok", in.Path, in.Status, in.Detail)
		}
	}
}
