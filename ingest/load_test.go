package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"runload/analysis"
)

// TestLoadLooksFirst: a file that cannot be of its kind is refused from its first bytes: a
// gzip of 64 MiB of zeros named .fit.gz costs a few KiB, not 64 MiB.
func TestLoadLooksFirst(t *testing.T) {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if _, err := io.CopyN(zw, zeroReader{}, 64<<20); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	fsys := fstest.MapFS{
		"zeros.fit.gz": {Data: gz.Bytes()},
		"photo.gpx":    {Data: append([]byte{0xff, 0xd8, 0xff, 0xe0}, bytes.Repeat([]byte{7}, 1000)...)},
		"notes.tcx":    {Data: []byte("Found track point at the bridge\n")},
		"blank.gpx":    {Data: append(bytes.Repeat([]byte{'\n'}, 600), "<gpx/>"...)},
		"bom.tcx":      {Data: []byte("\xef\xbb\xbf  <?xml version=\"1.0\"?><TrainingCenterDatabase/>")},
		"run.fit.zip":  {Data: []byte("PK\x03\x04 rest of a zip")},
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, _, err := loadFile(fsys, "zeros.fit.gz", "x/zeros.fit.gz", analysis.KindFIT, true, DefaultFITBytes, nil)
	runtime.ReadMemStats(&after)
	if want := "x/zeros.fit.gz: not a FIT file: it does not start with a FIT header (it starts with zero bytes)"; err == nil || err.Error() != want {
		t.Errorf("zeros.fit.gz: %v, want %s", err, want)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("refusing zeros.fit.gz allocated %d bytes, want under 1 MiB", got)
	}
	for _, c := range []struct {
		name string
		kind analysis.InputKind
		want string // "" for loaded
	}{
		{"photo.gpx", analysis.KindGPX, "x/photo.gpx: not a GPX file: binary data, not XML"},
		{"notes.tcx", analysis.KindTCX, "x/notes.tcx: not a TCX file: text, not XML"},
		{"blank.gpx", analysis.KindGPX, ""}, // blank for more than the bytes looked at: the XML reader decides
		{"bom.tcx", analysis.KindTCX, ""},
		{"run.fit.zip", analysis.KindFIT, "x/run.fit.zip: not a FIT file: it does not start with a FIT header (it is a zip archive: name it .zip)"},
	} {
		data, release, err := loadFile(fsys, c.name, "x/"+c.name, c.kind, false, 1<<20, nil)
		switch {
		case c.want == "" && (err != nil || len(data) != len(fsys[c.name].Data)):
			t.Errorf("%s: %d bytes, %v; want it whole", c.name, len(data), err)
		case c.want != "" && (err == nil || err.Error() != c.want):
			t.Errorf("%s: %v, want %s", c.name, err, c.want)
		}
		if err == nil {
			release()
		}
	}
}

// TestLoadBudget: the bytes of loaded files are held against the shared budget until
// released; a file larger than the budget takes all of it.
func TestLoadBudget(t *testing.T) {
	fit := append([]byte{12, 0x10, 0, 0, 0, 0, 0, 0, '.', 'F', 'I', 'T'}, make([]byte, 3000-12)...)
	big := append([]byte("<gpx>"), bytes.Repeat([]byte{' '}, 9000-5)...)
	fsys := fstest.MapFS{"a.fit": {Data: fit}, "b.fit": {Data: fit}, "big.gpx": {Data: big}}
	b := newByteBudget(context.Background(), 8000)

	_, relA, err := loadFile(fsys, "a.fit", "a.fit", analysis.KindFIT, false, 1<<20, b)
	if err != nil {
		t.Fatal(err)
	}
	_, relB, err := loadFile(fsys, "b.fit", "b.fit", analysis.KindFIT, false, 1<<20, b)
	if err != nil {
		t.Fatal(err)
	}
	// 3000 + 3000 held of 8000: 2000 left.
	if b.sem.TryAcquire(2001) {
		t.Fatal("more than 2000 bytes free while two files of 3000 are held in a budget of 8000")
	}
	if !b.sem.TryAcquire(2000) {
		t.Fatal("2000 bytes not free")
	}
	b.sem.Release(2000)
	relA()
	relB()

	// 9000 bytes against a budget of 8000: it takes the whole budget, and reads whole.
	data, relBig, err := loadFile(fsys, "big.gpx", "big.gpx", analysis.KindGPX, false, 1<<20, b)
	if err != nil || len(data) != len(big) {
		t.Fatalf("big.gpx: %d bytes, %v", len(data), err)
	}
	if b.sem.TryAcquire(1) {
		t.Error("a file over the budget left some of it free")
	}
	relBig()
	if !b.sem.TryAcquire(8000) {
		t.Error("the budget is not whole again after every file was released")
	}
}

// TestLoadGrowsPastItsHint: a .gz whose trailer declares less than it holds (a file of
// several gzip parts) is read whole, the whole cap being held once the hint is passed.
func TestLoadGrowsPastItsHint(t *testing.T) {
	part := func(s string) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(s))
		zw.Close()
		return b.Bytes()
	}
	doc := "<gpx>" + strings.Repeat(" ", 5000) + "</gpx>"
	two := append(part(doc[:5000]), part(doc[5000:])...) // the trailer says 11 bytes
	fsys := fstest.MapFS{"two.gpx.gz": {Data: two}}
	b := newByteBudget(context.Background(), 64<<10)
	data, release, err := loadFile(fsys, "two.gpx.gz", "two.gpx.gz", analysis.KindGPX, true, 32<<10, b)
	if err != nil || string(data) != doc {
		t.Fatalf("%d bytes, %v", len(data), err)
	}
	if b.sem.TryAcquire(64<<10 - 32<<10 + 1) {
		t.Error("past its hint, the file does not hold its cap")
	}
	release()
	if !b.sem.TryAcquire(64 << 10) {
		t.Error("the budget is not whole again")
	}
}

// FuzzLoadFile: whatever a watch file or .gz holds, loadFile never hands over more than the
// cap, never holds more of the budget than it has (the budget is whole again once released),
// names the file in every error, and gives back exactly the bytes of a file it accepts.
func FuzzLoadFile(f *testing.F) {
	gap := readFileOrSkip(f, "testdata/gpx/gap.gpx")
	fit := append([]byte{12, 0x10, 0, 0, 0, 0, 0, 0, '.', 'F', 'I', 'T'}, make([]byte, 100)...)
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	for _, seed := range [][]byte{gap, fit, gz(gap), gz(fit), gz(make([]byte, 5000)), []byte("\xef\xbb\xbf<gpx/>"), {0x1f, 0x8b}, nil} {
		f.Add(seed, uint8(0), false)
		f.Add(seed, uint8(1), true)
		f.Add(seed, uint8(2), false)
	}
	const limit, budget = 4 << 10, 6 << 10
	f.Fuzz(func(t *testing.T, data []byte, k uint8, isGz bool) {
		kind := []analysis.InputKind{analysis.KindFIT, analysis.KindGPX, analysis.KindTCX}[int(k)%3]
		fsys := fstest.MapFS{"f": {Data: data}}
		b := newByteBudget(context.Background(), budget)
		got, release, err := loadFile(fsys, "f", "x/f", kind, isGz, limit, b)
		if err != nil {
			if !strings.Contains(err.Error(), "x/f") {
				t.Errorf("error %q does not name its file", err)
			}
			if !b.sem.TryAcquire(budget) {
				t.Error("a refused file kept some of the budget")
			}
			return
		}
		if int64(len(got)) > limit {
			t.Errorf("handed over %d bytes, more than the %d cap", len(got), limit)
		}
		if !isGz && !bytes.Equal(got, data) {
			t.Errorf("handed over %d bytes of a %d-byte file", len(got), len(data))
		}
		release()
		if !b.sem.TryAcquire(budget) {
			t.Error("the budget is not whole again after release")
		}
	})
}

func readFileOrSkip(f *testing.F, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return data
}

func TestTailWriterKeepsTheLastFourBytes(t *testing.T) {
	for _, chunks := range [][]string{
		{"abcdef"}, {"ab", "cd", "ef"}, {"a", "b", "c", "d", "e", "f"}, {"abcde", "f"}, {"a", "bcdef"}, {"abc", "", "def"},
	} {
		var w tailWriter
		for _, c := range chunks {
			w.Write([]byte(c))
		}
		if got := string(w.last[:]); got != "cdef" {
			t.Errorf("%q: last four bytes %q, want \"cdef\"", chunks, got)
		}
	}
}

// countingFS counts the files opened in an fs.FS.
type countingFS struct {
	fs.FS
	opens int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.opens++
	return c.FS.Open(name)
}

// TestLoadGzipInZip: a .gz inside a zip is sized from its gzip trailer, read by streaming the
// zip's layer, and gunzipped once (two opens: the trailer, the load). A trailer that does not
// match the data is the gzip reader's "invalid checksum" once it is read (a trailer past the
// cap first makes the file be counted: three opens); a file that unpacks past the cap is
// refused at the cap whatever its trailer says.
func TestLoadGzipInZip(t *testing.T) {
	fit := append([]byte{12, 0x10, 0, 0, 0, 0, 0, 0, '.', 'F', 'I', 'T'}, bytes.Repeat([]byte("fit data "), 20000)...)
	withTrailer := func(gz []byte, size uint32) []byte {
		out := bytes.Clone(gz)
		binary.LittleEndian.PutUint32(out[len(out)-4:], size)
		return out
	}
	gz := gzipOf(t, fit)
	big := gzipOf(t, append(bytes.Clone(fit[:12]), make([]byte, 1<<20)...))
	raw := zipOf(t, []string{"a.fit.gz", "small.fit.gz", "over.fit.gz", "big.fit.gz"}, map[string][]byte{
		"a.fit.gz":     gz,
		"small.fit.gz": withTrailer(gz, 100),     // says 100 bytes
		"over.fit.gz":  withTrailer(gz, 1<<30),   // says 1 GiB
		"big.fit.gz":   withTrailer(big, 50_000), // says 50 000, holds 1 MiB
	})
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	const limit = 512 << 10
	for _, c := range []struct {
		name  string
		opens int
		want  string // "" for loaded whole
	}{
		{"a.fit.gz", 2, ""},
		{"small.fit.gz", 2, "gunzip x/small.fit.gz: the file is damaged (gzip: invalid checksum): download or copy it again"},
		{"over.fit.gz", 3, "gunzip x/over.fit.gz: the file is damaged (gzip: invalid checksum): download or copy it again"},
		{"big.fit.gz", 2, "x/big.fit.gz unpacks to more than the 512 KiB a FIT file may have: not read"},
	} {
		cfs := &countingFS{FS: zr}
		b := newByteBudget(context.Background(), 4<<20)
		data, release, err := loadFile(cfs, c.name, "x/"+c.name, analysis.KindFIT, true, limit, b)
		switch {
		case c.want == "" && (err != nil || !bytes.Equal(data, fit)):
			t.Errorf("%s: %d bytes, %v; want the %d bytes whole", c.name, len(data), err, len(fit))
		case c.want != "" && (err == nil || err.Error() != c.want):
			t.Errorf("%s: %v, want %s", c.name, err, c.want)
		}
		if err == nil {
			release()
		}
		if cfs.opens != c.opens {
			t.Errorf("%s: opened %d times, want %d", c.name, cfs.opens, c.opens)
		}
	}
}
