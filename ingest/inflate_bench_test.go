package ingest

import (
	stdzip "archive/zip"
	"bytes"
	stdgzip "compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	kgzip "github.com/klauspost/compress/gzip"
	kzip "github.com/klauspost/compress/zip"

	"runload/internal/benchcorpus"
)

// BenchmarkInflateExport unpacks every activity file of the five-year Garmin-export corpus
// (internal/benchcorpus, seed 1: 1 825 files in 7 stored inner zips, 90 % deflated in their
// zip, 10 % .gz stored) from memory, with the standard library and with
// github.com/klauspost/compress, the way the walk does: the outer zip's parts opened in
// place, each entry read whole, a .gz gunzipped. MB/s counts the bytes unpacked.
//
//	std            archive/zip + compress/gzip: the standard library alone
//	std+kflate     archive/zip with klauspost's flate registered as its Deflate, + klauspost's gzip:
//	               what ingest uses (newZipReader, newGzipReader)
//	kzip           klauspost's zip + klauspost's gzip
//
// The corpus is generated once into the system's temporary folder (about 20 s) and reused;
// RUNLOAD_BENCH_EXPORT names another export.zip instead. Run it with
//
//	go test ./ingest -run '^$' -bench InflateExport -count 6 -benchtime 1x >new.txt
//	go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da -col /impl new.txt
func BenchmarkInflateExport(b *testing.B) {
	data, err := os.ReadFile(benchExport(b))
	if err != nil {
		b.Fatal(err)
	}
	impls := []struct {
		name   string
		open   func(io.ReaderAt, int64) (zipDirReader, error)
		gunzip func(io.Reader) (io.ReadCloser, error)
	}{
		{"std", openStdZip(nil), stdGunzip},
		{"std+kflate", openStdZip(newFlateReader), klauspostGunzip}, // what ingest uses
		{"kzip", openKZip, klauspostGunzip},
	}
	for _, part := range []string{"all", "deflate", "gzip"} {
		for _, im := range impls {
			if part != "all" && im.name == "kzip" {
				continue // the same flate as std+kflate
			}
			b.Run("files="+part+"/impl="+im.name, func(b *testing.B) {
				b.ReportAllocs()
				var buf []byte
				var total int64
				n, cpu0 := 0, cpuTime()
				for b.Loop() {
					total, buf = inflateExport(b, data, part, im.open, im.gunzip, buf)
					n++
				}
				b.SetBytes(total)
				// CPU time (user+system, GC included) per op: steadier than wall time on a
				// machine that other work shares.
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(n), "cpu-ns/op")
			})
		}
	}
}

// zipDirReader is what both zip packages give: each file's name, method, data offset and size.
type zipDirReader []zipEntry

type zipEntry struct {
	name   string
	stored bool
	off    int64
	size   int64
	open   func() (io.ReadCloser, error)
}

func openStdZip(dcomp stdzip.Decompressor) func(io.ReaderAt, int64) (zipDirReader, error) {
	return func(ra io.ReaderAt, size int64) (zipDirReader, error) {
		zr, err := stdzip.NewReader(ra, size)
		if err != nil {
			return nil, err
		}
		if dcomp != nil {
			zr.RegisterDecompressor(stdzip.Deflate, dcomp)
		}
		var d zipDirReader
		for _, f := range zr.File {
			off, err := f.DataOffset()
			if err != nil {
				return nil, err
			}
			d = append(d, zipEntry{f.Name, f.Method == stdzip.Store, off, int64(f.CompressedSize64), f.Open})
		}
		return d, nil
	}
}

func openKZip(ra io.ReaderAt, size int64) (zipDirReader, error) {
	zr, err := kzip.NewReader(ra, size)
	if err != nil {
		return nil, err
	}
	var d zipDirReader
	for _, f := range zr.File {
		off, err := f.DataOffset()
		if err != nil {
			return nil, err
		}
		d = append(d, zipEntry{f.Name, f.Method == kzip.Store, off, int64(f.CompressedSize64), f.Open})
	}
	return d, nil
}

func stdGunzip(r io.Reader) (io.ReadCloser, error)       { return stdgzip.NewReader(r) }
func klauspostGunzip(r io.Reader) (io.ReadCloser, error) { return kgzip.NewReader(r) }

// inflateExport unpacks the activity files of the export in data (part: "all", or only the
// "deflate"d or "gzip"ped ones) and returns the bytes unpacked; buf is reused between calls.
func inflateExport(b *testing.B, data []byte, part string,
	open func(io.ReaderAt, int64) (zipDirReader, error), gunzip func(io.Reader) (io.ReadCloser, error), buf []byte) (int64, []byte) {
	ra := bytes.NewReader(data)
	outer, err := open(ra, int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	for _, p := range outer {
		if !strings.HasSuffix(p.name, ".zip") || !p.stored {
			continue
		}
		inner, err := open(io.NewSectionReader(ra, p.off, p.size), p.size)
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range inner {
			gz := strings.HasSuffix(f.name, ".gz")
			if (part == "deflate" && gz) || (part == "gzip" && !gz) {
				continue
			}
			rc, err := f.open()
			if err != nil {
				b.Fatal(err)
			}
			var r io.Reader = rc
			var zr io.ReadCloser
			if gz {
				if zr, err = gunzip(rc); err != nil {
					b.Fatal(err)
				}
				r = zr
			}
			buf, err = readInto(r, buf[:0])
			if err != nil {
				b.Fatalf("%s: %v", f.name, err)
			}
			total += int64(len(buf))
			if zr != nil {
				zr.Close()
			}
			rc.Close()
		}
	}
	if total == 0 {
		b.Fatal("nothing unpacked")
	}
	return total, buf
}

// readInto reads r whole into buf, growing it as needed.
func readInto(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// benchExport returns the five-year export.zip: RUNLOAD_BENCH_EXPORT, or one generated once
// (seed 1) into the system's temporary folder and kept there for later runs.
func benchExport(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv("RUNLOAD_BENCH_EXPORT"); p != "" {
		return p
	}
	real := filepath.Dir(realFITDir(tb))
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("runload-bench-export-v%d-5y-seed1", benchcorpus.Version))
	done := filepath.Join(dir, "done")
	if _, err := os.Stat(done); err == nil {
		return filepath.Join(dir, benchcorpus.ExportName)
	}
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
	sum, err := benchcorpus.Generate(dir, 5, 1, real)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		tb.Fatal(err)
	}
	return sum.Export
}
