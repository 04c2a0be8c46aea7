package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// unpackedDir is where a corpus's activity files lie unpacked: out of the zips, .gz
// unzipped, one plain file each, for the modes that read "five years unpacked".
func unpackedDir(c corpus) string { return filepath.Join(c.sum.Dir, "unpacked") }

// unpackDone marks an unpacked folder as complete, so a kept work folder reuses it.
const unpackDone = ".complete"

// ensureUnpacked unpacks c's export into unpackedDir(c), in a child process (the parent's
// own peak would count in every later child's ru_maxrss), unless it is there already.
func ensureUnpacked(ctx context.Context, self string, c corpus, stderr io.Writer) error {
	dir := unpackedDir(c)
	if _, err := os.Stat(filepath.Join(dir, unpackDone)); err == nil {
		return nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "unpacking %s into %s\n", c.sum.Export, dir)
	if s := measure(ctx, self, []string{"-mode", "unpack", c.sum.Export, dir}, 2); s.err != nil {
		return fmt.Errorf("unpacking %s: %w", c.sum.Export, s.err)
	}
	return nil
}

// runUnpack is -mode unpack EXPORT DIR: every activity file under EXPORT (zips opened, .gz
// unpacked) written into DIR under its own base name without .gz.
func runUnpack(ctx context.Context, paths []string, stdout io.Writer) error {
	if len(paths) != 2 {
		return errors.New("-mode unpack needs an export and a folder")
	}
	src, dir := paths[0], paths[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var f finder
	defer f.close()
	if err := f.walk(src); err != nil {
		return err
	}
	seen := map[string]bool{}
	var res childResult
	for _, t := range f.tasks {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := strings.TrimSuffix(path.Base(filepath.ToSlash(t.name)), ".gz")
		if seen[name] {
			return fmt.Errorf("%s: two files named %s", src, name)
		}
		seen[name] = true
		n, err := copyOut(t, filepath.Join(dir, name))
		if err != nil {
			return err
		}
		res.Files++
		res.Bytes += n
	}
	if err := os.WriteFile(filepath.Join(dir, unpackDone), nil, 0o644); err != nil {
		return err
	}
	return writeResult(stdout, res)
}

func copyOut(t task, dst string) (int64, error) {
	rc, err := t.open()
	if err != nil {
		return 0, fmt.Errorf("opening %s: %w", t.name, err)
	}
	defer rc.Close()
	out, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, rc)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("unpacking %s: %w", t.name, err)
	}
	return n, nil
}
