package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// refuseInput returns an error when out is one of the inputs, by name or through another
// path to the same file (a link, a different spelling): the report never overwrites an input.
func refuseInput(out string, inputs []string) error {
	oi, err := os.Stat(out)
	if err != nil {
		return nil // a new file cannot be an input
	}
	for _, in := range inputs {
		ii, err := os.Stat(in)
		if err == nil && os.SameFile(oi, ii) {
			return fmt.Errorf("refusing to write %s: it is the input %s; choose another name with -o or -json", out, in)
		}
	}
	return nil
}

// checkOutput says, before anything is read, why path cannot be written: its folder does not
// exist or is not a folder, it is a folder itself, or it is a file the user may not write
// (read-only, or another user's). Writing goes through a temporary file and a rename, which
// would replace such a file without asking: it is refused instead, and nothing is replaced.
func checkOutput(flag, path string) error {
	dir := filepath.Dir(path)
	if di, err := os.Stat(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot write %s: the folder %s does not exist; create it, or choose another %s", path, dir, flag)
		}
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	} else if !di.IsDir() {
		return fmt.Errorf("cannot write %s: %s is not a folder", path, dir)
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		if fi, err = os.Stat(path); err != nil {
			return fmt.Errorf("cannot write %s: it is a broken link", path)
		}
	}
	switch {
	case fi.IsDir():
		return fmt.Errorf("cannot write %s: it is a folder; name a file", path)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("cannot write %s: it is not a regular file", path)
	case !mayWrite(fi):
		return fmt.Errorf("refusing to replace %s: it is read-only or belongs to someone else (mode %v); choose another %s, or make it writable", path, fi.Mode().Perm(), flag)
	}
	return nil
}

// unwrapPath drops the path an *fs.PathError repeats, so that a message names the user's
// file once and never a temporary one.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// writeAtomic writes path through a temporary file in the same folder and a rename, so that
// a failure (full disk, read-only folder, a crash) never leaves a partial file behind.
// Its errors name path, never the temporary file.
func writeAtomic(path string, write func(io.Writer) error) (err error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("cannot write %s: it is a folder; name a file", path)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot write %s: the folder %s does not exist", path, dir)
		}
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	fail := func(err error) error { return fmt.Errorf("writing %s: %w", path, unwrapPath(err)) }
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = write(bw); err != nil {
		return fail(err)
	}
	if err = bw.Flush(); err != nil {
		return fail(err)
	}
	if err = f.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err = f.Sync(); err != nil {
		return fail(err)
	}
	if err = f.Close(); err != nil {
		return fail(err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fail(err)
	}
	return nil
}
