package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// walkDir is fs.WalkDir, but each folder's entries are read a chunk at a time and a folder
// of more than max entries is refused before they are all held: fn is called for it with an
// error (tooManyEntriesError) instead of walking it. fs.WalkDir reads a folder's entries
// whole, about 100 bytes each, to sort them: a folder of ten million files would hold a
// gigabyte before its first file was looked at. Entries are walked in lexical order, as by
// fs.WalkDir, and fn's fs.SkipDir and fs.SkipAll mean what they mean there.
func walkDir(fsys fs.FS, root string, max int, fn fs.WalkDirFunc) error {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkDirFrom(fsys, root, fs.FileInfoToDirEntry(info), max, fn)
	}
	if err == fs.SkipDir || err == fs.SkipAll {
		return nil
	}
	return err
}

// walkDirFrom is fs.WalkDir's walkDir with readDirMax for fs.ReadDir.
func walkDirFrom(fsys fs.FS, name string, d fs.DirEntry, max int, fn fs.WalkDirFunc) error {
	if err := fn(name, d, nil); err != nil || !d.IsDir() {
		if err == fs.SkipDir && d.IsDir() {
			err = nil // a folder asked to be skipped
		}
		return err
	}
	dirs, err := readDirMax(fsys, name, max)
	if err != nil {
		// As fs.WalkDir: a second call for the folder, with the error.
		if err = fn(name, d, err); err != nil {
			if err == fs.SkipDir && d.IsDir() {
				err = nil
			}
			return err
		}
	}
	for _, d1 := range dirs {
		if err := walkDirFrom(fsys, path.Join(name, d1.Name()), d1, max, fn); err != nil {
			if err == fs.SkipDir {
				break
			}
			return err
		}
	}
	return nil
}

// tooManyEntriesError is readDirMax's error for a folder of more than max entries.
type tooManyEntriesError struct{ max int }

func (e tooManyEntriesError) Error() string {
	return fmt.Sprintf("holds more than %d files or folders: not read; split it into smaller folders", e.max)
}

// readDirMax is fs.ReadDir (the entries of folder name, sorted by name), read a chunk at a
// time and stopped, with a tooManyEntriesError and no entries, once there are more than max.
func readDirMax(fsys fs.FS, name string, max int) ([]fs.DirEntry, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dir, ok := f.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not implemented")}
	}
	var list []fs.DirEntry
	for {
		var chunk []fs.DirEntry
		chunk, err = dir.ReadDir(1024)
		list = append(list, chunk...)
		if len(list) > max {
			return nil, tooManyEntriesError{max}
		}
		if err == io.EOF || err == nil && len(chunk) == 0 {
			err = nil
			break
		}
		if err != nil {
			break // what was read is walked, and the error reported (as fs.ReadDir does)
		}
	}
	slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return list, err
}
