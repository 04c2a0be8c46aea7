package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"

	"golang.org/x/sync/semaphore"

	"runload/analysis"
)

// Memory is bounded by design (README "Memory"): a watch file is looked at before it is
// loaded (its first bytes must be a FIT header or the start of an XML document), each format
// has its own size cap grounded in real files, and the bytes of all the files being decoded
// at once are held against one budget shared by the workers. A file larger than the budget
// waits until it can be read alone, and then takes what it needs up to its cap.

// byteBudget is the bytes of watch files the workers may hold at once.
type byteBudget struct {
	ctx  context.Context
	size int64
	sem  *semaphore.Weighted
}

func newByteBudget(ctx context.Context, size int64) *byteBudget {
	return &byteBudget{ctx: ctx, size: size, sem: semaphore.NewWeighted(size)}
}

// acquire holds n bytes of the budget (all of it when n is more) until release is called.
// It returns an error only when the run is cancelled.
func (b *byteBudget) acquire(n int64) (release func(), err error) {
	if b == nil {
		return func() {}, nil
	}
	n = max(1, min(n, b.size))
	if err := b.sem.Acquire(b.ctx, n); err != nil {
		return nil, err
	}
	return func() { b.sem.Release(n) }, nil
}

// decodeWeight is what decoding a file of kind k holds in memory for n bytes of it, file
// included, as measured on the largest files each format allows (README "Memory"): the FIT
// listener streams (the bytes only); GPX keeps 56 bytes a point, about a quarter of the text
// of one; TCX is read whole by encoding/xml, about 2.2 times its size. The budget counts
// these, so that two TCX files of 30 MiB are not decoded at once.
func decodeWeight(k analysis.InputKind) func(n int64) int64 {
	switch k {
	case analysis.KindGPX:
		return func(n int64) int64 { return n + n/2 }
	case analysis.KindTCX:
		return func(n int64) int64 { return n*5/2 + 1 }
	}
	return func(n int64) int64 { return n }
}

// kindName names a watch format in messages.
func kindName(k analysis.InputKind) string {
	switch k {
	case analysis.KindFIT:
		return "FIT"
	case analysis.KindGPX:
		return "GPX"
	case analysis.KindTCX:
		return "TCX"
	}
	return "watch"
}

// sniffBytes is how much of a file is looked at before it is loaded: a FIT header is 12 or 14
// bytes; an XML document may start with a byte-order mark, blank lines and comments.
const sniffBytes = 512

// loadFile returns the bytes of a watch file of the given kind, gunzipped when gz, at most
// limit bytes, held against b until release is called. The first bytes are looked at before
// anything is loaded: a file that cannot be of its kind costs a read of sniffBytes.
func loadFile(fsys fs.FS, name, display string, kind analysis.InputKind, gz bool, limit int64, b *byteBudget) (data []byte, release func(), err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %v", display, unwrapPathError(err))
	}
	defer f.Close()
	hint := int64(-1) // the size the bytes will have, when known
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		hint = fi.Size()
	}
	var r io.Reader = f
	if gz {
		hint = gzipSize(fsys, name, f, hint, limit)
		zr, err := newGzipReader(f)
		if err != nil {
			return nil, nil, gunzipError(display, err)
		}
		defer zr.Close()
		r = zr
	} else if hint > limit {
		return nil, nil, fmt.Errorf("%s is %s, more than the %s a %s file may have: not read", display, sizeText(hint), sizeText(limit), kindName(kind))
	}
	br := bufio.NewReaderSize(r, sniffBytes)
	head, err := br.Peek(sniffBytes)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		if gz {
			return nil, nil, gunzipError(display, err)
		}
		return nil, nil, fmt.Errorf("reading %s: %v", display, unwrapPathError(err))
	}
	if len(head) == 0 {
		return nil, nil, fmt.Errorf("%s is empty (0 bytes): the export or copy did not finish; export it again", display)
	}
	if err := sniff(kind, head, limit); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", display, err)
	}
	if gz && (hint < 0 || hint > limit) {
		// A .gz whose end could not be read (or larger than the cap, inside a zip), or whose
		// trailer is over the cap (maybe a damaged one): unpack it once without keeping it,
		// to count its bytes up to the cap, so that what is held is known before anything is.
		if hint, err = gunzipCount(fsys, name, limit); err != nil {
			return nil, nil, gunzipError(display, err)
		}
		if hint > limit {
			return nil, nil, fmt.Errorf("%s unpacks to more than the %s a %s file may have: not read", display, sizeText(limit), kindName(kind))
		}
	}
	held := hint
	if hint < 0 || hint > limit {
		held = limit // unknown, or a gzip trailer that cannot be right
	}
	w := decodeWeight(kind)
	release, err = b.acquire(w(held))
	if err != nil {
		return nil, nil, err
	}
	data, err = readBudgeted(br, hint, held, limit, w, b, &release)
	if err != nil {
		release()
		if gz {
			return nil, nil, gunzipError(display, err)
		}
		return nil, nil, fmt.Errorf("reading %s: %v", display, unwrapPathError(err))
	}
	if int64(len(data)) > limit {
		release()
		what := "is more than"
		if gz {
			what = "unpacks to more than"
		}
		return nil, nil, fmt.Errorf("%s %s the %s a %s file may have: not read", display, what, sizeText(limit), kindName(kind))
	}
	return data, release, nil
}

// readBudgeted reads r whole. w(held) of the budget is held through *release, held being
// the size expected (hint), or the cap when the size is unknown (hint < 0). When r holds more
// than held (a file that grew, a .gz of several parts), those are given back and the whole
// cap is waited for, so the budget still bounds what is held. It stops one byte past limit,
// which the caller reports.
func readBudgeted(r io.Reader, hint, held, limit int64, w func(int64) int64, b *byteBudget, release *func()) ([]byte, error) {
	size := hint + 1 // one spare byte to see EOF without growing
	if hint < 0 || hint > limit {
		size = 64 << 10 // grown as needed; the budget already holds the cap
	}
	buf := make([]byte, 0, size)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if int64(len(buf)) > limit {
			return buf, nil
		}
		if len(buf) < cap(buf) {
			continue
		}
		if int64(len(buf)) > held && held < limit {
			// More than expected: hold the whole cap before reading on.
			(*release)()
			*release = func() {}
			rel, err := b.acquire(w(limit))
			if err != nil {
				return buf, err
			}
			*release, held = rel, limit
		}
		grown := make([]byte, len(buf), min(max(2*int64(cap(buf)), 4096), limit+1))
		copy(grown, buf)
		buf = grown
	}
}

// gunzipCount unpacks the .gz file name of fsys without keeping it, and returns its size,
// or limit+1 once it is past limit.
func gunzipCount(fsys fs.FS, name string, limit int64) (int64, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	zr, err := newGzipReader(f)
	if err != nil {
		return 0, err
	}
	return io.Copy(io.Discard, io.LimitReader(zr, limit+1))
}

// gzipSize is the unpacked size a gzip file declares in its last four bytes (modulo 4 GiB,
// and only of its last part: a hint, checked while reading), or -1 when it is too short to be
// gzip or its end cannot be read. A file on disk is read at its end; a .gz inside a zip (size
// is then the zip's word for it) is streamed through the zip's own layer to its last bytes,
// which costs little next to gunzipping it (the deflate of gzip data is mostly stored blocks),
// unless it is larger than the cap: that one gunzipCount counts.
func gzipSize(fsys fs.FS, name string, f fs.File, size, limit int64) int64 {
	if size < 18 { // a gzip header and trailer take 18 bytes
		return -1
	}
	var tail [4]byte
	if ra, ok := f.(io.ReaderAt); ok {
		if _, err := ra.ReadAt(tail[:], size-4); err != nil {
			return -1
		}
		return int64(binary.LittleEndian.Uint32(tail[:]))
	}
	if size > limit {
		return -1
	}
	g, err := fsys.Open(name)
	if err != nil {
		return -1
	}
	defer g.Close()
	t := tailWriter{}
	if n, err := io.Copy(&t, io.LimitReader(g, limit+1)); err != nil || n != size {
		return -1
	}
	return int64(binary.LittleEndian.Uint32(t.last[:]))
}

// tailWriter keeps the last four bytes written to it.
type tailWriter struct{ last [4]byte }

func (t *tailWriter) Write(p []byte) (int, error) {
	if len(p) >= 4 {
		copy(t.last[:], p[len(p)-4:])
	} else {
		copy(t.last[:], t.last[len(p):])
		copy(t.last[4-len(p):], p)
	}
	return len(p), nil
}

// sniff reports why head, the first bytes of a file (up to sniffBytes), cannot start a file
// of the given kind, or nil. The reasons never quote the file: its text may hold positions. A FIT file starts with a 12- or 14-byte header holding ".FIT"; GPX and TCX are XML:
// after an optional byte-order mark and blank space, '<'.
func sniff(kind analysis.InputKind, head []byte, limit int64) error {
	switch kind {
	case analysis.KindFIT:
		if len(head) < 12 || (head[0] != 12 && head[0] != 14) || string(head[8:12]) != ".FIT" {
			return fmt.Errorf("not a FIT file: it does not start with a FIT header (%s)", describeStart(head))
		}
		if n := int64(binary.LittleEndian.Uint32(head[4:8])); n > limit {
			return fmt.Errorf("the FIT header declares %s of data, more than the %s a FIT file may have: damaged or not a FIT file", sizeText(n), sizeText(limit))
		}
	case analysis.KindGPX, analysis.KindTCX:
		if !xmlStart(head) {
			what := "text, not XML"
			switch {
			case len(bytes.Trim(head, "\x00")) == 0:
				what = "zero bytes, not XML"
			case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
				what = "gzip data, not XML: name it .gz"
			case !isText(head):
				what = "binary data, not XML"
			}
			return fmt.Errorf("not a %s file: %s", kindName(kind), what)
		}
	}
	return nil
}

// xmlStart reports whether head can start an XML document: a byte-order mark (UTF-8, or
// UTF-16 either way), then blank space, then '<'.
func xmlStart(head []byte) bool {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		head = head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return true // UTF-16: the XML reader decides
	}
	rest := bytes.TrimLeft(head, " \t\r\n")
	if len(rest) == 0 {
		return len(head) == sniffBytes // blank all the way: the XML reader decides
	}
	return rest[0] == '<'
}

// describeStart says what a file starts with, without quoting it (it may hold anything).
func describeStart(head []byte) string {
	switch {
	case len(bytes.Trim(head, "\x00")) == 0:
		return "it starts with zero bytes"
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return "it is gzip data: name it .gz"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "it is a zip archive: name it .zip"
	case isText(head):
		return "it is text"
	}
	return "it is binary data"
}
