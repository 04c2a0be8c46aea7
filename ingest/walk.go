package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"runload/analysis"
)

// Limits on hostile or broken input. More come in a later issue; each is a named constant so
// that the import log can quote it.
const (
	// maxFileBytes caps one watch file, uncompressed. The largest real FIT file seen is
	// 2.4 MB; a 2-hour GPX at 1 Hz is about 2 MB.
	maxFileBytes = 256 << 20
	// maxInnerZipBytes caps a zip inside a zip, which is read into memory to be opened
	// (Garmin account exports nest zips of FIT files).
	maxInnerZipBytes = 1 << 30
	// maxZipDepth is how deep zips inside zips are followed.
	maxZipDepth = 4
)

// entry is one file found by the walk: either decided already (skipped, error) or to be
// decoded by kind.
type entry struct {
	path   string // display path: on disk as given, inside archives "export.zip/inner/run.fit"
	kind   analysis.InputKind
	status analysis.InputStatus // set when decided by the walk; "" when the file is to be decoded
	detail string
	load   func() ([]byte, error) // the file's bytes, gunzipped and capped; only for decoding
}

// walker lists the files under the PATHs in a deterministic order.
type walker struct {
	ctx      context.Context
	entries  []entry
	symptoms []string
	closers  []io.Closer     // zips opened in place on disk, closed once decoding is done
	seen     map[string]bool // absolute paths of the files on disk listed so far
}

func (w *walker) close() {
	for _, c := range w.closers {
		c.Close() // read-only files: a failed close loses nothing
	}
	w.closers = nil
}

// walkPath adds the file or folder p (as given on the command line).
func (w *walker) walkPath(p string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	fi, err := os.Stat(p)
	if err != nil {
		detail := fmt.Sprintf("reading %s: %v", p, unwrapPathError(err))
		if errors.Is(err, fs.ErrNotExist) {
			detail = p + " does not exist"
		}
		w.entries = append(w.entries, entry{path: p, kind: kindOf(p), status: analysis.StatusError, detail: detail})
		return nil
	}
	if fi.IsDir() {
		return w.walkFS(os.DirFS(p), p, true, 0)
	}
	return w.file(os.DirFS(filepath.Dir(p)), filepath.Base(p), p, true, 0)
}

// walkFS adds every file of fsys, in lexical order, shown under prefix. onDisk says that
// fsys is a folder on disk, so symptom logs can be handed to the caller and zips opened in
// place; display paths are then real paths, while inside archives they are slash-joined.
func (w *walker) walkFS(fsys fs.FS, prefix string, onDisk bool, depth int) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if cerr := w.ctx.Err(); cerr != nil {
			return cerr
		}
		display := prefix
		switch {
		case name == ".":
		case onDisk:
			display = filepath.Join(prefix, filepath.FromSlash(name))
		default:
			display = prefix + "/" + name
		}
		if err != nil {
			w.entries = append(w.entries, entry{path: display, kind: kindOf(name), status: analysis.StatusError,
				detail: fmt.Sprintf("reading %s: %v", display, unwrapPathError(err))})
			if d != nil && d.IsDir() && name != "." {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if strings.EqualFold(d.Name(), "__MACOSX") {
				w.entries = append(w.entries, entry{path: display + "/", kind: analysis.KindOther,
					status: analysis.StatusSkipped, detail: "macOS metadata folder, not read"})
				return fs.SkipDir
			}
			return nil
		}
		return w.file(fsys, name, display, onDisk, depth)
	})
}

// file adds one file of fsys, named name, shown as display.
func (w *walker) file(fsys fs.FS, name, display string, onDisk bool, depth int) error {
	if onDisk {
		// PATHs that overlap (a folder and a file in it) list each file once.
		key := display
		if abs, err := filepath.Abs(display); err == nil {
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
	base := path.Base(name)
	lower := strings.ToLower(base)
	switch {
	case lower == ".ds_store" || lower == "thumbs.db" || lower == "desktop.ini" || strings.HasPrefix(base, "._"):
		w.skip(display, "operating-system metadata file, not read")
		return nil
	case strings.HasSuffix(lower, ".zip"):
		return w.zip(fsys, name, display, onDisk, depth)
	case isSymptomName(lower):
		if onDisk {
			w.symptoms = append(w.symptoms, display)
		} else {
			w.skip(display, "a symptom log inside an archive is not read: extract it and pass it with -symptoms")
		}
		return nil
	}
	kind := kindOf(lower)
	if kind == analysis.KindOther {
		w.skip(display, "not a FIT, GPX or TCX file")
		return nil
	}
	gz := strings.HasSuffix(lower, ".gz")
	w.entries = append(w.entries, entry{path: display, kind: kind, load: func() ([]byte, error) {
		return loadFile(fsys, name, display, gz)
	}})
	return nil
}

func (w *walker) skip(display, why string) {
	w.entries = append(w.entries, entry{path: display, kind: analysis.KindOther, status: analysis.StatusSkipped, detail: why})
}

// zip walks a zip archive: in place when it is a file on disk, else read into memory.
func (w *walker) zip(fsys fs.FS, name, display string, onDisk bool, depth int) error {
	if depth >= maxZipDepth {
		w.entries = append(w.entries, entry{path: display, kind: analysis.KindOther, status: analysis.StatusSkipped,
			detail: fmt.Sprintf("zip nested more than %d deep, not read", maxZipDepth)})
		return nil
	}
	var zr *zip.Reader
	if onDisk {
		rc, err := zip.OpenReader(display)
		if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
			w.zipError(display, err)
			return nil
		}
		w.closers = append(w.closers, rc)
		zr = &rc.Reader
	} else {
		data, err := readCapped(fsys, name, display, maxInnerZipBytes)
		if err != nil {
			w.zipError(display, err)
			return nil
		}
		zr, err = zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
			w.zipError(display, err)
			return nil
		}
	}
	return w.walkFS(zr, display, false, depth+1)
}

func (w *walker) zipError(display string, err error) {
	w.entries = append(w.entries, entry{path: display, kind: analysis.KindOther, status: analysis.StatusError,
		detail: fmt.Sprintf("reading zip %s: %v", display, unwrapPathError(err))})
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

// loadFile returns the bytes of a watch file, gunzipped when gz, at most maxFileBytes.
func loadFile(fsys fs.FS, name, display string, gz bool) ([]byte, error) {
	if !gz {
		return readCapped(fsys, name, display, maxFileBytes)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", display, unwrapPathError(err))
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %v", display, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %v", display, err)
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("%s unpacks to more than %d MiB: not read", display, maxFileBytes>>20)
	}
	return data, nil
}

// readCapped reads name from fsys, refusing more than limit bytes.
func readCapped(fsys fs.FS, name, display string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", display, unwrapPathError(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > limit {
		return nil, fmt.Errorf("%s is larger than %d MiB: not read", display, limit>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", display, unwrapPathError(err))
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d MiB: not read", display, limit>>20)
	}
	return data, nil
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
