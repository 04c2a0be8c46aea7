// Command analyze-bench measures issue 5's numbers side by side in one invocation: it
// generates 1- and 5-year corpora (internal/benchcorpus), builds the analyze command, and
// for each corpus and worker count alternates runs of
//
//	(a) whole job: analyze -q -o report.xlsx -json report.json export.zip symptoms.csv
//	(b) ingest only: ingest.Read with Workers n
//	(c) muktihari/fit's bare streaming decode of the same FIT files
//	(d) the floor: read every byte of every activity file and run the FIT CRC over it
//
// and (a′), (c′): (a) and (c) on the same files unpacked into a folder (no zip, no gzip); with
// -before REV, (e) and (e′): the whole job as built from git revision REV, on the export and
// on the folder, the baseline a change is measured against (issue 14).
//
// each as a child process (GOMAXPROCS=n) so that its wall time and peak RSS are its own.
// It prints one table of medians and the ratios the issue sets targets for.
//
// Usage:
//
//	go run ./cmd/analyze-bench [-years 1,5] [-workers 1,2] [-runs 5] [-before REV] [-dir DIR] [-keep]
//
// With -clinic 10,50,200 it measures issue 13 instead: caseloads of that many runners of a
// year each, analyze clinic against the same runners analysed one by one (clinic.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "analyze-bench:", err)
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

// config is the parsed command line.
type config struct {
	years, workers []int
	modes          []string
	corpora        int // -clinic: distinct corpora the runners share
	runs           int
	dir            string
	keep           bool
	seed           uint64
	real           string
	before         string // git revision of the baseline build, or ""
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("analyze-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		years   = fs.String("years", "1,5", "corpus sizes in `years` of daily activities, comma-separated")
		workers = fs.String("workers", "1,2", "worker `counts` (GOMAXPROCS of each child), comma-separated")
		modes   = fs.String("modes", strings.Join(allModes, ","), "`modes` to measure, comma-separated")
		runs    = fs.Int("runs", 5, "measured `runs` of every cell, alternated; the table shows medians")
		dir     = fs.String("dir", "", "work `folder` for corpora and outputs, kept and reused (default: a temporary folder)")
		keep    = fs.Bool("keep", false, "keep the temporary work folder")
		seed    = fs.Uint64("seed", 1, "corpus `seed`")
		real    = fs.String("real", "", "real-file corpus `folder` (default: ../shared/testdata/real beside the module)")
		mode    = fs.String("mode", "", "internal: measure one `mode` (ingest, decode, floor) over PATHs, or generate a corpus of -n years into PATH")
		n       = fs.Int("n", 1, "internal: `workers` (or years) for -mode")
		clinic  = fs.String("clinic", "", "measure analyze clinic on caseloads of these `sizes` (runners of 1 year each, comma-separated) against the same runners one by one")
		corpora = fs.Int("corpora", 5, "-clinic: distinct 1-year `corpora` the runners share, hard-linked round robin")
		before  = fs.String("before", "", "also measure the whole job built from this git `revision` (modes before, beforedir): the baseline of a change")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := config{runs: *runs, dir: *dir, keep: *keep, seed: *seed, real: *real, corpora: *corpora, before: *before}
	if *mode == "generate" {
		return runGenerate(*n, cfg, fs.Args(), stdout)
	}
	if *mode == "unpack" {
		return runUnpack(ctx, fs.Args(), stdout)
	}
	if *mode != "" {
		return runChild(ctx, *mode, *n, fs.Args(), stdout)
	}
	var err error
	if cfg.years, err = intList(*years); err != nil {
		return usage(stderr, "-years: %v", err)
	}
	if cfg.workers, err = intList(*workers); err != nil {
		return usage(stderr, "-workers: %v", err)
	}
	for _, m := range strings.Split(*modes, ",") {
		if _, ok := modeLabel[m]; !ok {
			return usage(stderr, "-modes: unknown mode %q (want %s)", m, strings.Join(allModes, ", "))
		}
		cfg.modes = append(cfg.modes, m)
	}
	if cfg.before != "" && !slices.Contains(cfg.modes, "before") && !slices.Contains(cfg.modes, "beforedir") {
		cfg.modes = append(cfg.modes, "before", "beforedir")
	}
	if cfg.before == "" && (slices.Contains(cfg.modes, "before") || slices.Contains(cfg.modes, "beforedir")) {
		return usage(stderr, "-modes before and beforedir need -before REVISION")
	}
	if cfg.runs < 1 {
		return usage(stderr, "-runs must be at least 1")
	}
	if *clinic != "" {
		sizes, err := intList(*clinic)
		if err != nil {
			return usage(stderr, "-clinic: %v", err)
		}
		if cfg.corpora < 1 {
			return usage(stderr, "-corpora must be at least 1")
		}
		return clinicBench(ctx, cfg, sizes, stdout, stderr)
	}
	return bench(ctx, cfg, stdout, stderr)
}

func usage(stderr io.Writer, format string, args ...any) error {
	fmt.Fprintf(stderr, "analyze-bench: "+format+"\n", args...)
	return errUsage
}

func intList(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v < 1 {
			return nil, fmt.Errorf("%q is not a positive whole number", f)
		}
		out = append(out, v)
	}
	return out, nil
}
