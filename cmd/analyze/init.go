package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"runload/ingest"
)

// runInit writes a blank symptoms.xlsx (Symptoms and Plan sheets) into DIR, never over a file.
func runInit(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("analyze init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: analyze init [DIR]\n\nWrites DIR/symptoms.xlsx (default: the current folder; DIR is created): a Symptoms\nsheet to log mornings and a Plan sheet for the limits agreed with the physio. Its example\nrows are never read as data. It never overwrites a file.\n")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 1 {
		return usageAfter(stderr, usagef("init takes one folder, got %d arguments", fs.NArg()))
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return usageAfter(stderr, usagef("init %s: a file of that name exists; name a folder", dir))
	} else if err != nil {
		// A new folder is made, as a runner who typed "analyze init ~/runlog" expects.
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cannot create the folder %s: %v", dir, unwrapPath(err))
		}
	}
	path := filepath.Join(dir, "symptoms.xlsx")
	if err := writeNew(path, ingest.WriteTemplate); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: log each morning in the Symptoms sheet, agree the limits in the Plan sheet\n", path)
	return nil
}

// writeNew writes path only if it does not exist yet, through a temporary file and a link,
// so that a file appearing meanwhile is not overwritten either.
func writeNew(path string, write func(io.Writer) error) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists: not overwriting it (move it away, or choose another folder)", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	tmp := path + ".tmp"
	err := writeAtomic(tmp, write)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists: not overwriting it", path)
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
