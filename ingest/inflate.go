package ingest

import (
	"archive/zip"
	"errors"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
)

// Inflate is github.com/klauspost/compress's, not the standard library's: on the five-year
// Garmin-export corpus it takes a fifth less CPU to unpack every file and allocates half as
// much (README "Performance", BenchmarkInflateExport). The zip reader stays archive/zip,
// with klauspost's flate registered as its Deflate on each zip opened (newZipReader); .gz
// files are read with klauspost's gzip (newGzipReader). Limits, checksums and messages are
// the same: the caps are counted on what comes out, archive/zip checks each file's CRC-32,
// and gzip checks its own trailer.

// newZipReader is zip.NewReader with klauspost's flate as the Deflate decompressor.
func newZipReader(ra io.ReaderAt, size int64) (*zip.Reader, error) {
	zr, err := zip.NewReader(ra, size)
	if zr != nil {
		zr.RegisterDecompressor(zip.Deflate, newFlateReader)
	}
	return zr, err
}

// newGzipReader reads a gzip stream (of one or more members) with klauspost's gzip.
func newGzipReader(r io.Reader) (*gzip.Reader, error) { return gzip.NewReader(r) }

// flateReaders pools klauspost's flate readers (a 32 KiB window and the Huffman tables
// each), as archive/zip pools its own.
var flateReaders sync.Pool

// newFlateReader is a zip.Decompressor: a flate reader from the pool, returned to it on Close.
func newFlateReader(r io.Reader) io.ReadCloser {
	fr, ok := flateReaders.Get().(io.ReadCloser)
	if ok {
		fr.(flate.Resetter).Reset(r, nil)
	} else {
		fr = flate.NewReader(r)
	}
	return &pooledFlateReader{fr: fr}
}

// errReadAfterClose is what a zip entry's reader returns once it is closed.
var errReadAfterClose = errors.New("flate: read after Close")

// pooledFlateReader gives its reader back to the pool when closed; reads after that fail.
type pooledFlateReader struct {
	mu sync.Mutex
	fr io.ReadCloser
}

func (r *pooledFlateReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fr == nil {
		return 0, errReadAfterClose
	}
	return r.fr.Read(p)
}

func (r *pooledFlateReader) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var err error
	if r.fr != nil {
		err = r.fr.Close()
		flateReaders.Put(r.fr)
		r.fr = nil
	}
	return err
}
