package hostilegen

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"runload/analysis"
	"runload/ingest"
)

// A Case is one hostile input and what the import log must say about it.
type Case struct {
	Name       string               // what the input is, for test names and the README table
	Path       string               // the import-log line to check: a file, or a path inside a zip
	WantKind   analysis.InputKind   // that line's kind
	WantStatus analysis.InputStatus // and status
	WantDetail string               // a substring of its detail ("" when the detail may be anything)
	// WantRejected, when set, is a substring of the reason of a rejected row of the log.
	WantRejected string
	// Log says that Path is read as the symptom log (-symptoms), not found by the walk of
	// the watch folder.
	Log bool
}

// Limits returns the limits the cases are sized against: small, so that every bomb is
// a few kilobytes. Pass them in ingest.Options.Limits.
func Limits() ingest.Limits {
	return ingest.Limits{
		FileBytes:   64 << 10,
		TrackPoints: 400,
		ZipEntries:  50,
		ZipBytes:    512 << 10,
		ZipDepth:    3,
		LogBytes:    512 << 10,
		RowBytes:    16 << 10,
		UnzipBytes:  1 << 20,
	}
}

// Watch and Logs are the folders Generate writes under dir: the watch export, read whole,
// and the symptom logs, each read on its own with -symptoms.
const (
	Watch = "watch"
	Logs  = "logs"
)

// t0 is the start of the first good activity.
var t0 = time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)

// Generate writes every hostile input under dir (in dir/watch and dir/logs) and returns the
// cases in a fixed order. It also writes good files beside them, so that a run over
// dir/watch has sessions and a report.
func Generate(dir string) ([]Case, error) {
	g := &gen{dir: dir, lim: Limits()}
	for _, step := range []func() error{g.watchFiles, g.archives, g.links, g.logs} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return g.cases, nil
}

type gen struct {
	dir   string
	lim   ingest.Limits
	cases []Case
}

func (g *gen) path(parts ...string) string {
	return filepath.Join(append([]string{g.dir}, parts...)...)
}

func (g *gen) write(data []byte, parts ...string) (string, error) {
	p := g.path(parts...)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	return p, os.WriteFile(p, data, 0o644)
}

func (g *gen) add(c Case) { g.cases = append(g.cases, c) }

// gpxDoc is a running track of n points 5 s apart from start, padded with a comment to at
// least pad bytes.
func gpxDoc(start time.Time, n, pad int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<gpx version="1.1" creator="hostilegen" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Run</name><type>running</type><trkseg>` + "\n")
	for i := range n {
		fmt.Fprintf(&b, `<trkpt lat="%.4f" lon="4"><time>%s</time>`, 52+float64(i)*0.0001, start.Add(time.Duration(i)*5*time.Second).Format(time.RFC3339))
		if i < 100 {
			fmt.Fprintf(&b, `<extensions><hr>%d</hr></extensions>`, 120+i%30)
		}
		b.WriteString("</trkpt>\n")
	}
	b.WriteString("</trkseg></trk></gpx>\n")
	if fill := pad - b.Len() - len("<!---->\n"); fill >= 0 {
		b.WriteString("<!--" + strings.Repeat(" ", fill) + "-->\n") // exactly pad bytes in all
	}
	return b.Bytes()
}

// zeros is an endless reader of zero bytes: a bomb is deflated from it as it streams.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// zipEntry is one file of a zip to build: Data, or N zero bytes streamed through Deflate.
type zipEntry struct {
	Name   string
	Data   []byte
	Zeros  int64
	Stored bool
	blank  int64 // "<gpx>" and this many blanks
}

func zipOf(entries ...zipEntry) ([]byte, error) {
	return zipOfLevel(flate.BestCompression, entries...)
}

func zipOfLevel(level int, entries ...zipEntry) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, level)
	})
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.Name, Method: zip.Deflate}
		if e.Stored {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		switch {
		case e.blank > 0:
			if _, err = w.Write([]byte("<gpx>")); err == nil {
				_, err = io.CopyN(w, spaces{}, e.blank)
			}
		case e.Zeros > 0:
			_, err = io.CopyN(w, zeros{}, e.Zeros)
		default:
			_, err = w.Write(e.Data)
		}
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func gzipOf(data []byte) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // a valid level: no error
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

// junk returns n bytes of deterministic binary noise that starts with a NUL byte.
func junk(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	b[0] = 0
	return b
}

// watchFiles writes the loose files of the watch folder.
func (g *gen) watchFiles() error {
	w := func(data []byte, name string) (string, error) { return g.write(data, Watch, name) }
	good, err := w(gpxDoc(t0, 60, 0), "good.gpx")
	if err != nil {
		return err
	}
	g.add(Case{Name: "a good GPX file beside the bad ones", Path: good, WantKind: analysis.KindGPX, WantStatus: analysis.StatusOK})

	big := int(g.lim.FileBytes) + 36<<10
	p, err := w(gpxDoc(t0.AddDate(0, 0, 1), 20, big), "too-big.gpx")
	if err != nil {
		return err
	}
	g.add(Case{Name: "file over the size cap", Path: p, WantKind: analysis.KindGPX, WantStatus: analysis.StatusError,
		WantDetail: "is 100 KiB, more than the 64 KiB a GPX file may have: not read"})

	// A FIT header (14 bytes, protocol 2.0, profile 21.32) that declares 4 GiB of data.
	h := make([]byte, 14, 14+64)
	h[0], h[1] = 14, 0x20
	binary.LittleEndian.PutUint16(h[2:], 2132)
	binary.LittleEndian.PutUint32(h[4:], 0xFFFFFFF0)
	copy(h[8:], ".FIT")
	p, err = w(append(h, make([]byte, 64)...), "absurd-header.fit")
	if err != nil {
		return err
	}
	g.add(Case{Name: "FIT header claiming 4 GiB of data", Path: p, WantKind: analysis.KindFIT, WantStatus: analysis.StatusError,
		WantDetail: "the FIT header declares 4.0 GiB of data, more than the 64 KiB a FIT file may have: damaged or not a FIT file"})

	n := g.lim.TrackPoints*3/2 + 1
	p, err = w(gpxDoc(t0.AddDate(0, 0, 2), n, 0), "many-points.gpx")
	if err != nil {
		return err
	}
	g.add(Case{Name: "GPX with more points than the cap", Path: p, WantKind: analysis.KindGPX, WantStatus: analysis.StatusError,
		WantDetail: fmt.Sprintf("has %d points, more than the %d one file may have", n, g.lim.TrackPoints)})

	for _, ext := range []string{"fit", "gpx", "tcx"} {
		p, err = w(nil, "empty."+ext)
		if err != nil {
			return err
		}
		g.add(Case{Name: "0-byte ." + ext, Path: p, WantKind: analysis.InputKind(ext), WantStatus: analysis.StatusError,
			WantDetail: "is empty (0 bytes)"})
	}

	p, err = w(junk(4096), "junk.gpx")
	if err != nil {
		return err
	}
	g.add(Case{Name: "binary junk named .gpx", Path: p, WantKind: analysis.KindGPX, WantStatus: analysis.StatusError,
		WantDetail: "not a GPX file: binary data, not XML"})

	gz := gzipOf(gpxDoc(t0.AddDate(0, 0, 3), 200, 0))
	p, err = w(gz[:len(gz)/2], "cut.gpx.gz")
	if err != nil {
		return err
	}
	g.add(Case{Name: "truncated .gz", Path: p, WantKind: analysis.KindGPX, WantStatus: analysis.StatusError,
		WantDetail: "the file is cut short"})

	p, err = w([]byte("this was never compressed\n"), "not-gzip.fit.gz")
	if err != nil {
		return err
	}
	g.add(Case{Name: ".gz that is not gzip", Path: p, WantKind: analysis.KindFIT, WantStatus: analysis.StatusError,
		WantDetail: "not gzip data"})

	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zw.Write(fitHeader) // a real FIT header, so that the bomb is unpacked up to the cap
	if _, err := io.CopyN(zw, zeros{}, 4<<20); err != nil {
		return err
	}
	zw.Close()
	p, err = w(bomb.Bytes(), "bomb.fit.gz")
	if err != nil {
		return err
	}
	g.add(Case{Name: ".gz bomb (a FIT header and 4 MiB of zeros in 4 KiB)", Path: p, WantKind: analysis.KindFIT, WantStatus: analysis.StatusError,
		WantDetail: "unpacks to more than the 64 KiB a FIT file may have"})

	var zerosGz bytes.Buffer
	zw, _ = gzip.NewWriterLevel(&zerosGz, gzip.BestCompression)
	if _, err := io.CopyN(zw, zeros{}, 4<<20); err != nil {
		return err
	}
	zw.Close()
	p, err = w(zerosGz.Bytes(), "zeros.fit.gz")
	if err != nil {
		return err
	}
	g.add(Case{Name: ".gz of zeros: refused from its first bytes, never unpacked", Path: p, WantKind: analysis.KindFIT, WantStatus: analysis.StatusError,
		WantDetail: "not a FIT file: it does not start with a FIT header (it starts with zero bytes)"})

	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>&lol9;</Id></Activity></Activities>
</TrainingCenterDatabase>
`
	p, err = w([]byte(laughs), "laughs.tcx")
	if err != nil {
		return err
	}
	g.add(Case{Name: "TCX with a billion-laughs DTD", Path: p, WantKind: analysis.KindTCX, WantStatus: analysis.StatusError,
		WantDetail: "invalid character entity &lol9;"})

	p, err = w(gpxDoc(t0.AddDate(0, 0, 4), 30, 0), "locked.gpx")
	if err != nil {
		return err
	}
	if err := os.Chmod(p, 0); err != nil {
		return err
	}
	c := Case{Name: "unreadable file (mode 000)", Path: p, WantKind: analysis.KindGPX, WantStatus: analysis.StatusError,
		WantDetail: "permission denied"}
	if os.Geteuid() == 0 {
		// root reads every file: the file is simply read.
		c.Name, c.WantStatus, c.WantDetail = "unreadable file (mode 000; read anyway as root)", analysis.StatusOK, ""
	}
	g.add(c)

	p, err = w([]byte("PK\x03\x04 an OpenDocument spreadsheet"), "symptoms.ods")
	if err != nil {
		return err
	}
	g.add(Case{Name: "symptom log as .ods in the export", Path: p, WantKind: analysis.KindSymptoms, WantStatus: analysis.StatusError,
		WantDetail: ".ods files cannot be read: save it as .xlsx (or .csv)"})
	return nil
}

// archives writes the zips of the watch folder.
func (g *gen) archives() error {
	mk := func(name string, entries ...zipEntry) (string, error) {
		data, err := zipOf(entries...)
		if err != nil {
			return "", err
		}
		return g.write(data, Watch, name)
	}
	p, err := mk("zip-bomb.zip", zipEntry{Name: "bomb.fit", Zeros: 4 << 20}, zipEntry{Name: "ok.gpx", Data: gpxDoc(t0.AddDate(0, 0, 5), 40, 0)})
	if err != nil {
		return err
	}
	g.add(Case{Name: "zip bomb: an entry inflating past the per-file cap", Path: p + "/bomb.fit", WantKind: analysis.KindFIT,
		WantStatus: analysis.StatusError, WantDetail: "unpacks to 4 MiB, more than the 64 KiB a FIT file may have: not read"})
	g.add(Case{Name: "the good file beside the zip bomb", Path: p + "/ok.gpx", WantKind: analysis.KindGPX, WantStatus: analysis.StatusOK})

	var many []zipEntry
	for i := range g.lim.ZipEntries + 10 {
		many = append(many, zipEntry{Name: fmt.Sprintf("f%03d.txt", i), Data: []byte("x")})
	}
	if p, err = mk("too-many.zip", many...); err != nil {
		return err
	}
	g.add(Case{Name: "zip with too many entries", Path: p, WantKind: analysis.KindOther, WantStatus: analysis.StatusError,
		WantDetail: fmt.Sprintf("holds more than %d entries: the rest is not read", g.lim.ZipEntries)})

	var total []zipEntry
	for i := range 10 {
		total = append(total, zipEntry{Name: fmt.Sprintf("p%d.gpx", i), Data: gpxDoc(t0.AddDate(0, 0, 10+i), 30, 60<<10)})
	}
	if p, err = mk("too-much.zip", total...); err != nil {
		return err
	}
	g.add(Case{Name: "zip unpacking past the total cap", Path: p, WantKind: analysis.KindOther, WantStatus: analysis.StatusError,
		WantDetail: "unpacks to more than 512 KiB: files from " + Watch + "/" + filepath.Base(p) + "/p8.gpx on are not read"})

	inner, err := zipOf(zipEntry{Name: "run.gpx", Data: gpxDoc(t0.AddDate(0, 0, 6), 30, 0)})
	if err != nil {
		return err
	}
	for i := g.lim.ZipDepth; i >= 1; i-- {
		if inner, err = zipOf(zipEntry{Name: fmt.Sprintf("d%d.zip", i), Data: inner, Stored: i%2 == 0}); err != nil {
			return err
		}
	}
	if p, err = g.write(inner, Watch, "deep.zip"); err != nil {
		return err
	}
	g.add(Case{Name: "zips nested deeper than the limit", Path: p + "/d1.zip/d2.zip/d3.zip", WantKind: analysis.KindOther,
		WantStatus: analysis.StatusSkipped, WantDetail: fmt.Sprintf("zip nested more than %d deep, not read", g.lim.ZipDepth)})

	if p, err = mk("traversal.zip", zipEntry{Name: "../../evil.gpx", Data: gpxDoc(t0.AddDate(0, 0, 7), 30, 0)}); err != nil {
		return err
	}
	g.add(Case{Name: "zip entry named ../../evil.gpx (read in place, never extracted)", Path: p + "/evil.gpx",
		WantKind: analysis.KindGPX, WantStatus: analysis.StatusOK})
	return nil
}

// links writes a link to itself and a link to its own folder.
func (g *gen) links() error {
	loop := g.path(Watch, "loop.fit")
	if err := os.Symlink("loop.fit", loop); err != nil {
		return err
	}
	g.add(Case{Name: "symlink loop", Path: loop, WantKind: analysis.KindFIT, WantStatus: analysis.StatusError,
		WantDetail: "too many levels of symbolic links"})
	dirLink := g.path(Watch, "again")
	if err := os.Symlink(".", dirLink); err != nil {
		return err
	}
	g.add(Case{Name: "link to its own folder", Path: dirLink, WantKind: analysis.KindOther, WantStatus: analysis.StatusSkipped,
		WantDetail: "a link to a folder, not followed"})
	return nil
}

// ole2 starts an OLE2 compound file: an old .xls, or an .xlsx saved with a password.
var ole2 = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// logs writes the symptom logs, each read on its own.
func (g *gen) logs() error {
	add := func(name string, data []byte, status analysis.InputStatus, detail, rejected string) error {
		p, err := g.write(data, Logs, name)
		if err != nil {
			return err
		}
		g.add(Case{Name: name, Path: p, WantKind: analysis.KindSymptoms, WantStatus: status, WantDetail: detail,
			WantRejected: rejected, Log: true})
		return nil
	}
	bomb, err := xlsxBomb(2 << 20)
	if err != nil {
		return err
	}
	const head = "Date,Pain (0-10),Notes\n"
	cp1252 := []byte(head + "2026-03-02,2,caf\xe9 na\xefve\n2026-03-03,1,\n")
	bigRow := head + "2026-03-02,2,ok\n2026-03-03,3,\"" + strings.Repeat("x", 100<<10) + "\"\n2026-03-04,1,ok\n"
	huge := head + strings.Repeat("2026-03-02,2,"+strings.Repeat("y", 1000)+"\n", 600)
	for _, c := range []struct {
		name     string
		data     []byte
		status   analysis.InputStatus
		detail   string
		rejected string
	}{
		{"symptoms-bomb.xlsx", bomb, analysis.StatusError, "the workbook unpacks to more than 1 MiB, too big for a symptom log", ""},
		{"symptoms-cp1252.csv", cp1252, analysis.StatusOK, "not valid UTF-8: read as Windows-1252", ""},
		{"symptoms-bigrow.csv", []byte(bigRow), analysis.StatusPartial, "1 row rejected", "the row is 100.0 KiB long, more than the 16 KiB a row may have: not read"},
		{"symptoms-huge.csv", []byte(huge), analysis.StatusError, "more than 512 KiB, too big for a symptom log or plan", ""},
		{"symptoms.ods", []byte("PK\x03\x04 OpenDocument"), analysis.StatusError, ".ods files cannot be read: save it as .xlsx (or .csv)", ""},
		{"symptoms.xls", append(bytes.Clone(ole2), junk(512)...), analysis.StatusError, ".xls files cannot be read: save it as .xlsx (or .csv)", ""},
		{"symptoms.numbers", []byte("PK\x03\x04 Numbers"), analysis.StatusError, ".numbers files cannot be read: save it as .xlsx (or .csv)", ""},
		{"symptoms-password.xlsx", append(bytes.Clone(ole2), junk(512)...), analysis.StatusError, "password-protected or in the old .xls format: remove the password and save it as .xlsx", ""},
		{"symptoms-empty.csv", nil, analysis.StatusSkipped, "empty: no header row and no entries", ""},
		{"symptoms-empty.xlsx", nil, analysis.StatusError, "the file is empty (0 bytes): save the workbook again", ""},
		{"symptoms-renamed.xlsx", []byte(head + "2026-03-02,2,\n"), analysis.StatusError, "not an .xlsx workbook (a renamed file?)", ""},
	} {
		if err := add(c.name, c.data, c.status, c.detail, c.rejected); err != nil {
			return err
		}
	}
	return nil
}

// xlsxBomb returns the blank symptom workbook with its Symptoms sheet padded with pad
// spaces: a few kilobytes that unpack past Limits().UnzipBytes.
func xlsxBomb(pad int64) ([]byte, error) {
	var tpl bytes.Buffer
	if err := ingest.WriteTemplate(&tpl); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(tpl.Bytes()), int64(tpl.Len()))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			i := bytes.LastIndex(data, []byte("</worksheet>"))
			if i < 0 {
				return nil, fmt.Errorf("template sheet has no </worksheet>")
			}
			if _, err := w.Write(data[:i]); err != nil {
				return nil, err
			}
			if _, err := io.Copy(w, io.LimitReader(spaces{}, pad)); err != nil {
				return nil, err
			}
			data = data[i:]
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// spaces is an endless reader of blanks, which XML allows between elements.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// fitHeader is a 14-byte FIT file header declaring no data (its CRC left 0: not checked).
var fitHeader = []byte{14, 0x20, 0x08, 0x52, 0, 0, 0, 0, '.', 'F', 'I', 'T', 0, 0}
