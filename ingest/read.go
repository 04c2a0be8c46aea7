package ingest

import (
	"context"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"runload/analysis"
)

// decodeFunc decodes one watch file's bytes; name is for messages and Session.Source.
// It returns the result and the number of records or points decoded.
type decodeFunc func(data []byte, name string, opt Options) (FileResult, int)

// reader reads a batch with one decoder per format. The decoders are fields, not package
// state, so a test can give it a decoder that panics.
type reader struct {
	fit, gpx, tcx decodeFunc
	seed          maphash.Seed // of the content sums; made by decodeAll when zero
}

// Read walks paths (files, folders, zips), reads every watch file, removes duplicates and
// returns the sessions with the import log. Only cancellation returns an error.
//
// Folders are searched recursively in lexical order; zips are read in place, zips inside
// zips too; .fit, .gpx and .tcx files (case-insensitive, optionally .gz) are decoded
// concurrently, opt.Workers at a time, and every file found appears in Batch.Inputs in walk
// order with its status. symptom*.xlsx and symptom*.csv files on disk are returned in
// Batch.SymptomFiles for the caller to read.
func Read(ctx context.Context, paths []string, opt Options) (Batch, error) {
	return reader{fit: decodeFIT, gpx: decodeGPX, tcx: decodeTCX}.read(ctx, paths, opt)
}

// decoded is what reading one file gave.
type decoded struct {
	res     FileResult
	records int
	sum     contentSum
}

// contentSum identifies a file's decoded bytes within one run, for finding byte-identical
// copies: a 64-bit maphash and the length. Two different files of one length share a hash
// with a chance of 1 in 2⁶⁴ a pair. The zero value means unknown. (SHA-256 cost 3 % of ingest.)
type contentSum struct {
	hash uint64
	size int
}

func sumOf(seed maphash.Seed, data []byte) contentSum {
	return contentSum{hash: maphash.Bytes(seed, data), size: len(data)}
}

func (r reader) read(ctx context.Context, paths []string, opt Options) (Batch, error) {
	w := newWalker(ctx, opt.Limits)
	defer w.close()
	w.severalPaths = len(paths) > 1
	for _, o := range opt.Outputs {
		if fi, err := os.Stat(o); err == nil {
			w.outputs = append(w.outputs, fi)
		}
	}
	for _, p := range paths {
		if err := w.walkPath(p); err != nil {
			return Batch{}, err
		}
	}
	return r.decodeAll(ctx, w, opt)
}

// decodeAll decodes the files the walk found, opt.Workers at a time; each worker loads its
// file's bytes itself, so only the files being decoded are in memory. What a file leaves once
// decoded is its import-log line (the walk's, with its status) and its sessions, all in one
// slice in the order decoded.
func (r reader) decodeAll(ctx context.Context, w *walker, opt Options) (Batch, error) {
	if r.seed == (maphash.Seed{}) {
		r.seed = maphash.MakeSeed()
	}
	total := 0
	for _, src := range w.srcs {
		if src.fs != 0 {
			total++
		}
	}
	var (
		mu      sync.Mutex
		done    int
		records int
		// all holds every file's sessions (most files have one); got[i] says where those of
		// w.inputs[i] are.
		all = make([]analysis.Session, 0, total)
		got = make([]fileSessions, len(w.inputs))
	)
	g, gctx := errgroup.WithContext(ctx)
	budget := newByteBudget(gctx, w.lim.BudgetBytes)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g.SetLimit(workers)
	for i, src := range w.srcs {
		if src.fs == 0 {
			continue
		}
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err // cancelled: stop the batch
			}
			in := &w.inputs[i] // this worker's alone until the batch is done
			// A bad file is recorded, never returned.
			d := r.decodeOne(w.fss[src.fs-1], src, in.Path, in.Kind, w.lim.fileBytes(in.Kind), opt, budget)
			in.Status, in.Detail = d.res.Status, d.res.Detail
			mu.Lock()
			defer mu.Unlock()
			got[i] = fileSessions{first: len(all), n: len(d.res.Sessions), sum: d.sum}
			all = append(all, d.res.Sessions...)
			records += d.records
			done++
			if opt.Progress != nil {
				opt.Progress(done, total)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return Batch{}, err
	}
	if err := ctx.Err(); err != nil {
		return Batch{}, err
	}
	b := Batch{SymptomFiles: w.symptoms, Clashes: w.clashes, Inputs: w.inputs, Records: records}
	w.inputs, w.srcs = nil, nil // the batch's now; the walk's sources are read
	b.Sessions = dedupeBatch(all, got, b.Inputs)
	return b, nil
}

// fileSessions is where one decoded file's sessions are in the batch's slice of them, and
// the file's content sum.
type fileSessions struct {
	first, n int
	sum      contentSum
}

// decodeOne loads and decodes one file, found as src in fsys and shown as path, of at most
// limit bytes. It is the panic boundary of the batch: a decoder that panics on some input
// costs that file (status error, with the panic's message), not the run.
func (r reader) decodeOne(fsys fs.FS, src source, path string, kind analysis.InputKind, limit int64, opt Options, budget *byteBudget) (d decoded) {
	defer func() {
		if p := recover(); p != nil {
			d = decoded{res: FileResult{Status: analysis.StatusError,
				Detail: fmt.Sprintf("reading %s: decoder failed: %v", path, p)}}
		}
	}()
	data, release, err := loadFile(fsys, src.name, path, kind, src.gz, limit, budget)
	if err != nil {
		return decoded{res: FileResult{Status: analysis.StatusError, Detail: err.Error()}}
	}
	defer release() // the bytes are let go once decoded
	if len(data) == 0 {
		return decoded{res: FileResult{Status: analysis.StatusError,
			Detail: fmt.Sprintf("%s is empty (0 bytes): the export or copy did not finish; export it again", path)}}
	}
	var decode decodeFunc
	switch kind {
	case analysis.KindFIT:
		decode = r.fit
	case analysis.KindGPX:
		decode = r.gpx
	case analysis.KindTCX:
		decode = r.tcx
	}
	if decode == nil {
		return decoded{res: FileResult{Status: analysis.StatusSkipped, Detail: "not a FIT, GPX or TCX file"}}
	}
	res, n := decode(data, path, opt)
	for i := range res.Sessions {
		res.Sessions[i].Source = path
		res.Sessions[i].HR.Clip() // kept until the batch is analysed
	}
	res = leaveOutUndated(res)
	if res.Status == "" {
		res.Status = analysis.StatusOK
		if len(res.Sessions) == 0 {
			res.Status = analysis.StatusSkipped
		}
	}
	if res.Status != analysis.StatusOK && res.Detail == "" {
		res.Detail = "no sessions in the file"
	}
	return decoded{res: res, records: n, sum: sumOf(r.seed, data)}
}

// earliestReal is the first instant a watch file can really be dated at: FIT files dated
// before it come from a watch whose clock was never set (power-on relative 1989–1990
// dates), or carry no timestamp at all.
var earliestReal = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// leaveOutUndated removes sessions that cannot be placed on the runner's calendar: filed
// under 1990 they would stretch the period over decades and match nobody's mornings. The
// import log says so (status partial), so nothing is dropped silently.
func leaveOutUndated(res FileResult) FileResult {
	kept := res.Sessions[:0]
	for _, s := range res.Sessions {
		if s.Start.Before(earliestReal) {
			continue
		}
		kept = append(kept, s)
	}
	left := len(res.Sessions) - len(kept)
	if left == 0 {
		return res
	}
	note := fmt.Sprintf("%d session left out of the calendar: no real date", left)
	if left > 1 {
		note = fmt.Sprintf("%d sessions left out of the calendar: no real date", left)
	}
	res.Sessions = kept
	if res.Detail != "" {
		note = res.Detail + "; " + note
	}
	res.Detail = note
	if res.Status == "" || res.Status == analysis.StatusOK {
		res.Status = analysis.StatusPartial
	}
	return res
}
