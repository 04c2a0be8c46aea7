package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
	"golang.org/x/sync/errgroup"

	"runload/ingest"
	"runload/internal/fitcrc"
)

// childResult is what a measuring child prints on stdout, one JSON object.
type childResult struct {
	Files   int   `json:"files"`
	Bytes   int64 `json:"bytes"`
	Records int64 `json:"records"`
	Errors  int64 `json:"errors"` // files that did not decode (decode) or had a bad CRC (floor)
}

// runChild measures one mode in this process and prints its childResult.
func runChild(ctx context.Context, mode string, workers int, paths []string, stdout io.Writer) error {
	var res childResult
	var err error
	switch mode {
	case "ingest":
		res, err = ingestOnly(ctx, workers, paths)
	case "decode":
		res, err = overFiles(ctx, workers, paths, true, decodeFIT)
	case "floor":
		res, err = overFiles(ctx, workers, paths, false, readCRC)
	default:
		return fmt.Errorf("unknown -mode %q (want ingest, decode or floor)", mode)
	}
	if err != nil {
		return err
	}
	return writeResult(stdout, res)
}

func writeResult(stdout io.Writer, res childResult) error {
	return json.NewEncoder(stdout).Encode(res)
}

// ingestOnly is mode (b): the tool's own reader, nothing after it.
func ingestOnly(ctx context.Context, workers int, paths []string) (childResult, error) {
	b, err := ingest.Read(ctx, paths, ingest.Options{Workers: workers})
	if err != nil {
		return childResult{}, err
	}
	res := childResult{Records: int64(b.Records)}
	for _, in := range b.Inputs {
		switch in.Kind {
		case "fit", "gpx", "tcx":
			res.Files++
		}
		if in.Status == "error" {
			res.Errors++
		}
	}
	return res, nil
}

// perFile handles one opened file and returns the bytes read, the records found and
// whether it was bad.
type perFile func(r io.Reader, buf []byte, fit bool) (n int64, records int64, bad bool)

// overFiles runs fn over every activity file under paths (FIT only when fitOnly), workers
// at a time, reading from the zips in place.
func overFiles(ctx context.Context, workers int, paths []string, fitOnly bool, fn perFile) (childResult, error) {
	var f finder
	defer f.close()
	for _, p := range paths {
		if err := f.walk(p); err != nil {
			return childResult{}, err
		}
	}
	var bytes, records, errs atomic.Int64
	files := 0
	bufs := sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, t := range f.tasks {
		if fitOnly && !t.fit {
			continue
		}
		files++
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			rc, err := t.open()
			if err != nil {
				errs.Add(1)
				return nil
			}
			defer rc.Close()
			b := bufs.Get().(*[]byte)
			n, recs, bad := fn(rc, *b, t.fit)
			bufs.Put(b)
			bytes.Add(n)
			records.Add(recs)
			if bad {
				errs.Add(1)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return childResult{}, err
	}
	return childResult{Files: files, Bytes: bytes.Load(), Records: records.Load(), Errors: errs.Load()}, nil
}

// countingReader counts the bytes a decoder pulls through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// hrSum is the bare streaming listener of mode (c): it reads the heart rate of every record
// and keeps nothing (LIBRARIES.md §2.7).
type hrSum struct{ n, sum int64 }

func (h *hrSum) OnMesg(m proto.Message) {
	if m.Num != typedef.MesgNumRecord {
		return
	}
	h.n++
	if v := m.FieldValueByNum(3).Uint8(); v != 0xFF {
		h.sum += int64(v)
	}
}

// decodeFIT is mode (c): muktihari/fit streaming decode of every FIT sequence in the file,
// checksum ignored (its check is wrong for some 14-byte headers, LIBRARIES.md §2.3).
func decodeFIT(r io.Reader, _ []byte, _ bool) (int64, int64, bool) {
	cr := &countingReader{r: r}
	var h hrSum
	dec := decoder.New(cr, decoder.WithMesgListener(&h), decoder.WithBroadcastOnly(), decoder.WithIgnoreChecksum())
	bad := false
	for dec.Next() {
		if _, err := dec.Decode(); err != nil {
			bad = true
			break
		}
	}
	return cr.n, h.n, bad
}

// readCRC is mode (d), the floor: read every byte of every activity file and run the FIT CRC
// over it. A FIT file of one sequence is intact when the CRC over all its bytes, its own CRC
// included, is 0; a chained FIT file counts as bad here, which is only reported.
func readCRC(r io.Reader, buf []byte, fit bool) (int64, int64, bool) {
	var n int64
	var crc uint16
	for {
		k, err := r.Read(buf)
		crc = fitcrc.Update(crc, buf[:k])
		n += int64(k)
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, 0, true
		}
	}
	return n, 0, fit && crc != 0
}
