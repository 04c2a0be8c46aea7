package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"

	"runload/analysis"
)

// Inner zips that are compressed must be unpacked to be opened. Small ones are kept in
// memory, up to a total; the others are spooled to a temporary file, removed once decoding
// is done. Stored (uncompressed) inner zips are opened in place, at no cost.
const (
	innerZipMemBytes = 8 << 20  // an inner zip up to this size may be held in memory
	innerZipMemTotal = 64 << 20 // all inner zips held in memory at once
)

// source is where the walk found a file to decode: the fs.FS it is read from (walker.fss[fs-1];
// 0 for a file the walk decided about, which is not read), its name there, and whether it
// is gzipped. The bytes are read when a worker gets to it (loadFile).
type source struct {
	name string
	fs   int32
	gz   bool
}

// walker lists the files under the PATHs in a deterministic order. It holds no file's bytes:
// a worker reads them from the file's source when it gets to it.
type walker struct {
	ctx context.Context
	lim Limits
	// inputs are the files found, in walk order: each becomes a line of the import log.
	// srcs[i] says how to read inputs[i]; the zero source when the walk decided about it
	// (skipped, error). Nothing else is kept per file: 50 000 files are 50 000 of each.
	inputs   []analysis.Input
	srcs     []source
	fss      []fs.FS // the folders and zips files are read from (source.fs)
	symptoms []LogFile
	closers  []io.Closer // zips opened in place and spooled inner zips, closed once decoding is done
	// severalPaths: more than one PATH is walked, which may overlap; seen then holds the
	// absolute paths of the files on disk listed so far. One PATH lists each file once.
	severalPaths bool
	seen         map[string]bool
	// outputs are the files about to be written that exist; clashes, the files on disk
	// listed that are one of them.
	outputs []os.FileInfo
	clashes []string
	full    bool  // Limits.Files files were listed: the rest is not read
	memHeld int64 // bytes of inner zips held in memory
	// memBytes and memTotal are innerZipMemBytes and innerZipMemTotal; tests set less.
	memBytes, memTotal int64
	tmpDir             string // where inner zips are spooled; "" is the system's temporary folder
}

func newWalker(ctx context.Context, lim Limits) *walker {
	return &walker{ctx: ctx, lim: lim.orDefault(), memBytes: innerZipMemBytes, memTotal: innerZipMemTotal}
}

// archive is the budget of one archive on disk, shared with the zips inside it.
type archive struct {
	display string // the archive on disk (or the outermost zip), for messages
	files   int    // entries (files and folders) met so far
	bytes   int64  // bytes they unpack to, as their headers declare
	full    bool   // a limit was reached: the rest is not read
}

// zipDir is one open zip: the bytes it lies in, its files by header, and its archive's budget.
type zipDir struct {
	ra    io.ReaderAt
	files map[*zip.FileHeader]*zip.File
	arch  *archive
}

func newZipDir(zr *zip.Reader, ra io.ReaderAt, arch *archive) *zipDir {
	zd := &zipDir{ra: ra, files: make(map[*zip.FileHeader]*zip.File, len(zr.File)), arch: arch}
	for _, f := range zr.File {
		zd.files[&f.FileHeader] = f
	}
	return zd
}

func (w *walker) close() {
	for _, c := range w.closers {
		c.Close() // read-only files and our own temporary files: a failed close loses nothing
	}
	w.closers = nil
}

// walkPath adds the file or folder p (as given on the command line). What it finds is shown
// from p's base name on (DisplayRoot), never from the machine's folders above it.
func (w *walker) walkPath(p string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if w.full {
		return nil // over the files a run lists: the import log says from which file on
	}
	root := DisplayRoot(p)
	fi, err := os.Stat(p)
	if err != nil {
		detail := fmt.Sprintf("reading %s: %v", root, unwrapPathError(err))
		if errors.Is(err, fs.ErrNotExist) {
			detail = root + " does not exist"
		}
		w.decided(analysis.Input{Path: root, Kind: kindOf(p), Status: analysis.StatusError, Detail: detail})
		return nil
	}
	if fi.IsDir() {
		return w.walkFS(os.DirFS(p), root, p, 0, nil)
	}
	fsys := os.DirFS(filepath.Dir(p))
	return w.file(fsys, w.register(fsys), filepath.Base(p), root, p, fs.FileInfoToDirEntry(fi), 0, nil)
}

// DisplayRoot is how a PATH given on the command line is shown in the import log, the
// report and messages: its base name ("garmin-export.zip" for
// ~/Downloads/garmin-export.zip; the folder's own name for "."), with any e-mail
// address in it masked. Files found under it are shown below it (SPEC "The report").
func DisplayRoot(p string) string {
	base := filepath.Base(filepath.Clean(p))
	if base == "." || base == ".." {
		if abs, err := filepath.Abs(p); err == nil {
			base = filepath.Base(abs)
		}
	}
	if base == string(filepath.Separator) || base == "" {
		base = "/"
	}
	return ShowName(base)
}

// ShowName is a file name as the report, the JSON and the terminal show it: e-mail
// addresses masked (MaskEmails), and every byte that is not valid UTF-8, every control
// character (a newline, a tab, an escape sequence) and every invisible format character (a
// right-to-left override that would turn "gpx.exe" around) written as an escape: \x0a,
// \u202e. A name made on another system can hold anything but "/" and NUL.
func ShowName(name string) string {
	name = MaskEmails(name) // first: an escape's letters would join an address
	clean := true
	for _, r := range name {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			clean = false
			break
		}
	}
	if !clean {
		var b strings.Builder
		for i := 0; i < len(name); {
			r, n := utf8.DecodeRuneInString(name[i:])
			switch {
			case r == utf8.RuneError && n <= 1:
				fmt.Fprintf(&b, "\\x%02x", name[i])
			case unicode.IsControl(r) && r < 0x100:
				fmt.Fprintf(&b, "\\x%02x", r)
			case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
				fmt.Fprintf(&b, "\\u%04x", r)
			default:
				b.WriteString(name[i : i+n])
			}
			i += n
		}
		name = b.String()
	}
	return name
}

// emailAddr matches an e-mail address as Garmin puts one in the names of uploaded files
// ("jane.doe@example.com_18000000007.fit").
var emailAddr = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)

// MaskEmails replaces every e-mail address in name with "…", so that a shared report does
// not carry the runner's address: "jane.doe@example.com_18000000007.fit" becomes
// "…_18000000007.fit".
func MaskEmails(name string) string {
	if !strings.Contains(name, "@") {
		return name
	}
	return emailAddr.ReplaceAllStringFunc(name, func(addr string) string {
		// "jane@example.com.fit": the address ends before the file's own extensions.
		ext := ""
		for {
			e := path.Ext(addr)
			if !slices.Contains(fileExts, strings.ToLower(e)) || !strings.Contains(strings.TrimSuffix(addr, e), ".") {
				break
			}
			ext, addr = e+ext, strings.TrimSuffix(addr, e)
		}
		return "…" + ext
	})
}

// fileExts are the extensions of the files the tool reads, never part of an address.
var fileExts = []string{".fit", ".gpx", ".tcx", ".gz", ".zip", ".xlsx", ".csv"}

// walkFS adds every file of fsys, in lexical order, shown under prefix (slash-joined, e-mails
// masked). disk is the folder on disk that fsys is, so that symptom logs can be handed to
// the caller and zips opened in place; "" inside an archive. zd is the zip that fsys is,
// nil for a folder.
func (w *walker) walkFS(fsys fs.FS, prefix, disk string, depth int, zd *zipDir) error {
	src := w.register(fsys)
	err := walkDir(fsys, ".", w.lim.Files, func(name string, d fs.DirEntry, err error) error {
		if cerr := w.ctx.Err(); cerr != nil {
			return cerr
		}
		if w.full || zd != nil && zd.arch.full {
			return fs.SkipAll
		}
		display, onDisk := prefix, disk
		if name != "." {
			shown := ShowName(name)
			display = prefix + "/" + shown
			if shown == name {
				name = display[len(display)-len(name):] // one string for both, kept until the file is read
			}
			if disk != "" {
				onDisk = filepath.Join(disk, filepath.FromSlash(name))
			}
		}
		if err != nil {
			w.decided(analysis.Input{Path: display, Kind: kindOf(name), Status: analysis.StatusError,
				Detail: fmt.Sprintf("reading %s: %v", display, unwrapPathError(err))})
			if d != nil && d.IsDir() && name != "." {
				return fs.SkipDir
			}
			return nil
		}
		if zd != nil && name != "." {
			if zd.arch.files++; zd.arch.files > w.lim.ZipEntries {
				zd.arch.full = true
				w.decided(analysis.Input{Path: zd.arch.display, Kind: analysis.KindOther, Status: analysis.StatusError,
					Detail: fmt.Sprintf("%s holds more than %d entries: the rest is not read; unpack it and pass its folders", zd.arch.display, w.lim.ZipEntries)})
				return fs.SkipAll
			}
		}
		if d.IsDir() {
			if strings.EqualFold(d.Name(), "__MACOSX") {
				w.decided(analysis.Input{Path: display + "/", Kind: analysis.KindOther,
					Status: analysis.StatusSkipped, Detail: "macOS metadata folder, not read"})
				return fs.SkipDir
			}
			return nil
		}
		if len(w.inputs) >= w.lim.Files {
			// The import log's lines and the sessions are held until the report is written.
			w.full = true
			w.decided(analysis.Input{Path: display, Kind: kindOf(name), Status: analysis.StatusError,
				Detail: fmt.Sprintf("more than %d files under the PATHs: %s and every file after it are not read; pass fewer folders at once (a year at a time)", w.lim.Files, display)})
			return fs.SkipAll
		}
		return w.file(fsys, src, name, display, onDisk, d, depth, zd)
	})
	if errors.Is(err, fs.SkipAll) {
		return nil
	}
	return err
}

// file adds one file of fsys (registered as src), named name, shown as display; disk is its
// path on disk, "" inside an archive.
func (w *walker) file(fsys fs.FS, src int32, name, display, disk string, d fs.DirEntry, depth int, zd *zipDir) error {
	if disk != "" {
		if w.severalPaths {
			// PATHs that overlap (a folder and a file in it) list each file once.
			key := disk
			if abs, err := filepath.Abs(disk); err == nil {
				key = abs
			}
			if w.seen[key] {
				return nil
			}
			if w.seen == nil {
				w.seen = make(map[string]bool)
			}
			w.seen[key] = true
		}
		if !w.regular(display, disk, d) {
			return nil
		}
		w.clash(disk)
	}
	var size int64 = -1 // unpacked size, inside an archive
	if zd != nil {
		if fi, err := d.Info(); err == nil {
			size = fi.Size()
		}
	}
	base := path.Base(name)
	lower := strings.ToLower(base)
	switch {
	case lower == ".ds_store" || lower == "thumbs.db" || lower == "desktop.ini" || strings.HasPrefix(base, "._"):
		w.skip(display, "operating-system metadata file, not read")
		return nil
	case strings.HasSuffix(lower, ".zip"):
		return w.zip(fsys, name, display, disk, d, depth, zd)
	case isSymptomName(lower):
		if disk != "" {
			w.symptoms = append(w.symptoms, LogFile{Path: disk, Name: display})
		} else {
			w.skip(display, "a symptom log inside an archive is not read: extract it and pass it with -symptoms")
		}
		return nil
	case strings.HasPrefix(lower, "symptom") && refuseFormat(lower, base) != nil:
		w.decided(analysis.Input{Path: display, Kind: analysis.KindSymptoms, Status: analysis.StatusError,
			Detail: refuseFormat(lower, base).Error()})
		return nil
	}
	kind := kindOf(lower)
	if kind == analysis.KindOther {
		w.skip(display, "not a FIT, GPX or TCX file")
		return nil
	}
	gz := strings.HasSuffix(lower, ".gz")
	limit := w.lim.fileBytes(kind)
	if zd != nil {
		// A file refused by its own size is not unpacked, so it costs the archive nothing.
		if !gz && size > limit {
			w.decided(analysis.Input{Path: display, Kind: kind, Status: analysis.StatusError,
				Detail: fmt.Sprintf("%s unpacks to %s, more than the %s a %s file may have: not read", display, sizeText(size), sizeText(limit), kindName(kind))})
			return nil
		}
		if !w.budget(zd, display, size) {
			return fs.SkipAll
		}
	}
	w.inputs = append(w.inputs, analysis.Input{Path: display, Kind: kind})
	w.srcs = append(w.srcs, source{fs: src, name: name, gz: gz})
	return nil
}

// clash notes the file on disk listed if it is one of the outputs. A stat for each file, only
// when an output exists already (a report written over again).
func (w *walker) clash(disk string) {
	if len(w.outputs) == 0 {
		return
	}
	fi, err := os.Stat(disk)
	if err != nil {
		return
	}
	for _, o := range w.outputs {
		if os.SameFile(o, fi) {
			w.clashes = append(w.clashes, disk)
			return
		}
	}
}

// regular reports whether the file on disk d is a regular file, or a link to one; otherwise
// it lists the file with the reason. A FIFO or device named run.fit would block the reader.
func (w *walker) regular(display, disk string, d fs.DirEntry) bool {
	mode := d.Type()
	if mode&fs.ModeSymlink != 0 {
		fi, err := os.Stat(disk)
		if err != nil {
			w.decided(analysis.Input{Path: display, Kind: kindOf(display), Status: analysis.StatusError,
				Detail: fmt.Sprintf("reading %s: %v (a broken or looping link)", display, unwrapPathError(err))})
			return false
		}
		if fi.IsDir() {
			w.skip(display, "a link to a folder, not followed: pass the folder itself")
			return false
		}
		mode = fi.Mode().Type()
	}
	if !mode.IsRegular() {
		w.skip(display, "not a regular file (a device, pipe or socket), not read")
		return false
	}
	return true
}

// budget counts size unpacked bytes against zd's archive. Past the archive's limit it lists
// the archive with the reason, marks it full and reports false.
func (w *walker) budget(zd *zipDir, display string, size int64) bool {
	if size < 0 {
		size = 0
	}
	zd.arch.bytes += size
	if zd.arch.bytes <= w.lim.ZipBytes {
		return true
	}
	zd.arch.full = true
	w.decided(analysis.Input{Path: zd.arch.display, Kind: analysis.KindOther, Status: analysis.StatusError,
		Detail: fmt.Sprintf("%s unpacks to more than %s: files from %s on are not read; unpack it and pass its folders",
			zd.arch.display, sizeText(w.lim.ZipBytes), display)})
	return false
}

// decided adds a file the walk decided about: it is not read.
func (w *walker) decided(in analysis.Input) {
	w.inputs = append(w.inputs, in)
	w.srcs = append(w.srcs, source{})
}

// register adds fsys to the file systems files are read from and returns its source.fs.
func (w *walker) register(fsys fs.FS) int32 {
	w.fss = append(w.fss, fsys)
	return int32(len(w.fss))
}

func (w *walker) skip(display, why string) {
	w.decided(analysis.Input{Path: display, Kind: analysis.KindOther, Status: analysis.StatusSkipped, Detail: why})
}

// zip walks a zip archive without unpacking it whole: on disk it is read in place; inside a
// zip it is opened in place when stored, else unpacked to memory (small) or to a temporary
// file (large).
func (w *walker) zip(fsys fs.FS, name, display, disk string, d fs.DirEntry, depth int, parent *zipDir) (err error) {
	defer func() {
		// The zip reader runs on hostile bytes: a panic in it costs this archive, not the run.
		if p := recover(); p != nil {
			w.zipError(display, fmt.Errorf("the zip reader failed: %v", p))
			err = nil
		}
	}()
	if depth >= w.lim.ZipDepth {
		w.decided(analysis.Input{Path: display, Kind: analysis.KindOther, Status: analysis.StatusSkipped,
			Detail: fmt.Sprintf("zip nested more than %d deep, not read", w.lim.ZipDepth)})
		return nil
	}
	var (
		ra   io.ReaderAt
		size int64
	)
	if disk != "" {
		var f *os.File
		if f, err = os.Open(disk); err == nil {
			w.closers = append(w.closers, f)
			var fi os.FileInfo
			if fi, err = f.Stat(); err == nil {
				ra, size = f, fi.Size()
			}
		}
	} else {
		ra, size, err = w.openInner(fsys, name, display, d, parent)
	}
	if parent != nil && parent.arch.full {
		return fs.SkipAll
	}
	if err != nil {
		w.zipError(display, err)
		return nil
	}
	zr, err := newZipReader(ra, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		w.zipError(display, err)
		return nil
	}
	arch := &archive{display: display}
	if parent != nil {
		arch = parent.arch
	}
	return w.walkFS(zr, display, "", depth+1, newZipDir(zr, ra, arch))
}

// openInner returns the bytes of the zip name inside fsys (the zip parent, or another fs.FS).
// Only what is unpacked counts against the archive's budget: a stored zip costs nothing.
func (w *walker) openInner(fsys fs.FS, name, display string, d fs.DirEntry, parent *zipDir) (io.ReaderAt, int64, error) {
	var zf *zip.File
	if parent != nil {
		if fi, err := d.Info(); err == nil {
			if h, ok := fi.Sys().(*zip.FileHeader); ok {
				zf = parent.files[h]
			}
		}
	}
	if zf != nil && zf.Method == zip.Store && zf.Flags&1 == 0 {
		off, err := zf.DataOffset()
		if err != nil {
			return nil, 0, err
		}
		n := int64(zf.CompressedSize64)
		return io.NewSectionReader(parent.ra, off, n), n, nil
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, 0, unwrapPathError(err)
	}
	defer f.Close()
	size := int64(-1)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	if parent != nil && !w.budget(parent, display, size) {
		return nil, 0, nil // listed by budget; the caller sees parent.arch.full
	}
	if size >= 0 && size <= w.memBytes && w.memHeld+size <= w.memTotal {
		data, err := io.ReadAll(io.LimitReader(f, size+1))
		if err != nil {
			return nil, 0, unwrapPathError(err)
		}
		w.memHeld += int64(len(data))
		return bytes.NewReader(data), int64(len(data)), nil
	}
	tmp, err := os.CreateTemp(w.tmpDir, "runload-zip-*")
	if err != nil {
		return nil, 0, fmt.Errorf("no room to unpack it: %w", err)
	}
	w.closers = append(w.closers, removeOnClose{tmp})
	n, err := io.Copy(tmp, io.LimitReader(f, w.lim.ZipBytes+1))
	if err != nil {
		return nil, 0, fmt.Errorf("unpacking it to a temporary file: %w", unwrapPathError(err))
	}
	if n > w.lim.ZipBytes {
		return nil, 0, fmt.Errorf("it unpacks to more than %s", sizeText(w.lim.ZipBytes))
	}
	return tmp, n, nil
}

// removeOnClose is a temporary file that is removed when closed.
type removeOnClose struct{ f *os.File }

func (r removeOnClose) Close() error {
	err := r.f.Close()
	if rerr := os.Remove(r.f.Name()); err == nil {
		err = rerr
	}
	return err
}

func (w *walker) zipError(display string, err error) {
	w.decided(analysis.Input{Path: display, Kind: analysis.KindOther, Status: analysis.StatusError,
		Detail: fmt.Sprintf("reading zip %s: %v", display, unwrapPathError(err))})
}

// kindOf tells a watch file by its name (case-insensitive), .gz or not.
func kindOf(name string) analysis.InputKind {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch {
	case strings.HasSuffix(n, ".fit"):
		return analysis.KindFIT
	case strings.HasSuffix(n, ".gpx"):
		return analysis.KindGPX
	case strings.HasSuffix(n, ".tcx"):
		return analysis.KindTCX
	}
	return analysis.KindOther
}

// isSymptomName reports whether a lower-case base name is a symptom log: symptom*.xlsx or .csv.
func isSymptomName(lower string) bool {
	return strings.HasPrefix(lower, "symptom") && (strings.HasSuffix(lower, ".xlsx") || strings.HasSuffix(lower, ".csv"))
}

// gunzipError says what went wrong unpacking the .gz file display, and what to do.
func gunzipError(display string, err error) error {
	switch {
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, io.EOF):
		return fmt.Errorf("gunzip %s: not gzip data (%v): the name ends in .gz but the file is not compressed; rename it or export it again", display, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("gunzip %s: the file is cut short (%v): download or copy it again", display, err)
	case errors.Is(err, gzip.ErrChecksum):
		return fmt.Errorf("gunzip %s: the file is damaged (%v): download or copy it again", display, err)
	}
	return fmt.Errorf("gunzip %s: %v", display, unwrapPathError(err))
}

// sizeText writes a byte count for people: "512 bytes", "64 KiB", "1.5 GiB".
func sizeText(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	v, i := float64(n)/unit, 0
	for v >= unit && i < 3 {
		v /= unit
		i++
	}
	name := [...]string{"KiB", "MiB", "GiB", "TiB"}[i]
	switch {
	case v == float64(int64(v)):
		return fmt.Sprintf("%d %s", int64(v), name)
	case n < 10<<10:
		return fmt.Sprintf("%d bytes", n) // 4095 is not "4.0 KiB"
	}
	return fmt.Sprintf("%.1f %s", v, name)
}

// unwrapPathError drops the *fs.PathError wrapper, whose path is relative to an fs.FS root
// and would confuse the message; the caller names the file itself.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
