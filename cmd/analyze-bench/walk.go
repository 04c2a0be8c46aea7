package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// task is one activity file found under the PATHs, ready to be opened by any worker.
type task struct {
	name string
	fit  bool // FIT rather than GPX/TCX
	open func() (io.ReadCloser, error)
}

// finder walks paths like the tool does: folders recursively, zips in place (a zip stored
// inside a zip is opened where it lies, a compressed one is read into memory), .gz
// unpacked on the fly. It keeps the files it opened until close.
type finder struct {
	tasks []task
	files []*os.File
}

func (f *finder) close() {
	for _, h := range f.files {
		h.Close()
	}
}

// activityKind says whether name is a watch file and whether it is FIT.
func activityKind(name string) (ok, fit bool) {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch filepath.Ext(n) {
	case ".fit":
		return true, true
	case ".gpx", ".tcx":
		return true, false
	}
	return false, false
}

func (f *finder) walk(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		low := strings.ToLower(p)
		if strings.HasSuffix(low, ".zip") {
			h, err := os.Open(p)
			if err != nil {
				return err
			}
			f.files = append(f.files, h)
			st, err := h.Stat()
			if err != nil {
				return err
			}
			return f.walkZip(p, h, st.Size())
		}
		if ok, isFIT := activityKind(p); ok {
			f.add(p, isFIT, func() (io.ReadCloser, error) { return os.Open(p) })
		}
		return nil
	})
}

func (f *finder) walkZip(name string, r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	for _, e := range zr.File {
		full := name + "/" + e.Name
		if strings.HasSuffix(strings.ToLower(e.Name), ".zip") {
			if e.Method == zip.Store {
				off, err := e.DataOffset()
				if err != nil {
					return fmt.Errorf("reading %s: %w", full, err)
				}
				sz := int64(e.CompressedSize64)
				if err := f.walkZip(full, io.NewSectionReader(r, off, sz), sz); err != nil {
					return err
				}
				continue
			}
			rc, err := e.Open()
			if err != nil {
				return fmt.Errorf("reading %s: %w", full, err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return fmt.Errorf("reading %s: %w", full, err)
			}
			if err := f.walkZip(full, bytes.NewReader(data), int64(len(data))); err != nil {
				return err
			}
			continue
		}
		if ok, isFIT := activityKind(e.Name); ok {
			f.add(full, isFIT, e.Open)
		}
	}
	return nil
}

// add records a file; a .gz name is unpacked when opened.
func (f *finder) add(name string, isFIT bool, open func() (io.ReadCloser, error)) {
	if strings.HasSuffix(strings.ToLower(name), ".gz") {
		raw := open
		open = func() (io.ReadCloser, error) {
			rc, err := raw()
			if err != nil {
				return nil, err
			}
			zr, err := gzip.NewReader(rc)
			if err != nil {
				rc.Close()
				return nil, err
			}
			return gzReadCloser{zr, rc}, nil
		}
	}
	f.tasks = append(f.tasks, task{name: name, fit: isFIT, open: open})
}

type gzReadCloser struct {
	*gzip.Reader
	under io.Closer
}

func (g gzReadCloser) Close() error {
	g.Reader.Close()
	return g.under.Close()
}
