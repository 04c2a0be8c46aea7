package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"runload/internal/benchcorpus"
)

// The modes, in the order of the issue.
var allModes = []string{"whole", "wholedir", "ingest", "decode", "decodedir", "floor"}

var modeLabel = map[string]string{
	"whole":     "(a) whole job",
	"wholedir":  "(a′) whole job, unpacked",
	"ingest":    "(b) ingest only",
	"decode":    "(c) muktihari stream",
	"decodedir": "(c′) muktihari, unpacked",
	"floor":     "(d) floor read+CRC",
	"before":    "(e) whole job -before",
	"beforedir": "(e′) -before, unpacked",
}

// onFolder says whether mode m reads the corpus unpacked rather than the export zip.
func onFolder(m string) bool { return strings.HasSuffix(m, "dir") }

// key names one cell of the table.
type key struct {
	years, workers int
	mode           string
}

// sample is one measured run.
type sample struct {
	wall time.Duration
	cpu  time.Duration // user + system time of the child
	rss  int64         // peak resident set of the child, bytes
	res  childResult
	err  error
}

// corpus is a generated corpus and where the whole job writes its outputs.
type corpus struct {
	sum benchcorpus.Summary
	out string
}

func bench(ctx context.Context, cfg config, stdout, stderr io.Writer) error {
	repo, work, self, cleanup, err := prepareRun(ctx, &cfg, "analyze-bench-", stderr)
	if err != nil {
		return err
	}
	defer cleanup()
	corpora := map[int]corpus{}
	for _, y := range cfg.years {
		c, err := prepare(ctx, self, work, y, cfg, stderr)
		if err != nil {
			return err
		}
		corpora[y] = c
	}
	if slices.ContainsFunc(cfg.modes, onFolder) {
		for _, y := range cfg.years {
			if err := ensureUnpacked(ctx, self, corpora[y], stderr); err != nil {
				return err
			}
		}
	}
	analyzeBin, buildErr := "", error(nil)
	if contains(cfg.modes, "whole") || contains(cfg.modes, "wholedir") {
		analyzeBin = filepath.Join(work, "analyze")
		buildErr = buildAnalyze(ctx, repo, analyzeBin, stderr)
	}
	beforeBin, beforeErr := "", error(nil)
	if cfg.before != "" {
		beforeBin = filepath.Join(work, "analyze-before")
		beforeErr = buildBefore(ctx, repo, work, cfg.before, beforeBin, stderr)
	}

	// One untimed pass per corpus so every run reads from the page cache.
	for _, y := range cfg.years {
		c := corpora[y]
		if s := measure(ctx, self, []string{"-mode", "floor", "-n", "2", c.sum.Export}, 2); s.err != nil {
			return fmt.Errorf("warm-up on %d-year corpus: %w", y, s.err)
		}
	}

	loadStart := loadAvg()
	results := map[key][]sample{}
	for r := range cfg.runs {
		for _, y := range cfg.years {
			c := corpora[y]
			for _, w := range cfg.workers {
				// Rotate the mode order each run so no mode always goes first.
				for i := range cfg.modes {
					m := cfg.modes[(i+r)%len(cfg.modes)]
					inputs := []string{c.sum.Export, c.sum.Symptoms}
					if onFolder(m) {
						inputs[0] = unpackedDir(c)
					}
					bin, binErr := analyzeBin, buildErr
					if m == "before" || m == "beforedir" {
						bin, binErr = beforeBin, beforeErr
					}
					var s sample
					switch m {
					case "whole", "wholedir", "before", "beforedir":
						if binErr != nil {
							s.err = binErr
							break
						}
						out := filepath.Join(c.out, fmt.Sprintf("w%d-%s", w, m))
						if err := os.MkdirAll(out, 0o755); err != nil {
							return err
						}
						args := append([]string{"-q", "-o", filepath.Join(out, "report.xlsx"),
							"-json", filepath.Join(out, "report.json")}, inputs...)
						s = measure(ctx, bin, args, w)
						s.res = childResult{Files: c.sum.Files, Bytes: c.sum.Bytes, Records: int64(c.sum.Records)}
					default:
						args := append([]string{"-mode", strings.TrimSuffix(m, "dir"), "-n", fmt.Sprint(w)}, inputs...)
						s = measure(ctx, self, args, w)
						if m == "ingest" {
							s.res.Bytes = c.sum.Bytes // ingest does not count bytes
						}
					}
					if ctx.Err() != nil {
						return ctx.Err()
					}
					results[key{y, w, m}] = append(results[key{y, w, m}], s)
					status := "ok"
					if s.err != nil {
						status = "FAILED: " + s.err.Error()
					}
					fmt.Fprintf(stderr, "run %d/%d  %dy w%d %-22s %7.2fs (cpu %6.2fs) %7.1f MiB  %s\n",
						r+1, cfg.runs, y, w, modeLabel[m], s.wall.Seconds(), s.cpu.Seconds(), mib(s.rss), status)
				}
			}
		}
	}
	printTable(stdout, cfg, selfHWM(), loadStart, results)
	return nil
}

// buildAnalyze builds ./cmd/analyze of the tree at src into bin.
func buildAnalyze(ctx context.Context, src, bin string, stderr io.Writer) error {
	fmt.Fprintf(stderr, "building %s\n", bin)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/analyze")
	cmd.Dir = src
	if out, err := cmd.CombinedOutput(); err != nil {
		err = fmt.Errorf("go build ./cmd/analyze in %s: %v: %s", src, err, lastLine(out))
		fmt.Fprintln(stderr, err)
		return err
	}
	return nil
}

// buildBefore builds ./cmd/analyze as it was at git revision rev (git archive into the work
// folder) into bin: the baseline of -before.
func buildBefore(ctx context.Context, repo, work, rev, bin string, stderr io.Writer) error {
	src := filepath.Join(work, "before-src")
	if err := os.RemoveAll(src); err != nil {
		return err
	}
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "sh", "-c", `git -C "$1" archive --format=tar "$2" | tar -x -C "$3"`, "sh", repo, rev, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		err = fmt.Errorf("git archive %s: %v: %s", rev, err, lastLine(out))
		fmt.Fprintln(stderr, err)
		return err
	}
	return buildAnalyze(ctx, src, bin, stderr)
}

// prepare generates the corpus for y years under work, in a child process so that this
// process stays small (see peakRSS), or reuses one generated earlier by the same seed when
// -dir is given.
func prepare(ctx context.Context, self, work string, y int, cfg config, stderr io.Writer) (corpus, error) {
	dir := filepath.Join(work, fmt.Sprintf("corpus-%dy", y))
	c := corpus{out: filepath.Join(work, fmt.Sprintf("out-%dy", y))}
	cache := filepath.Join(work, fmt.Sprintf("corpus-%dy.json", y))
	if cfg.dir != "" {
		if b, err := os.ReadFile(cache); err == nil && json.Unmarshal(b, &c.sum) == nil {
			if st, err := os.Stat(c.sum.Export); err == nil && st.Size() == c.sum.ZipBytes &&
				c.sum.Seed == cfg.seed && c.sum.Years == y && c.sum.Version == benchcorpus.Version {
				fmt.Fprintf(stderr, "reusing %d-year corpus in %s\n", y, dir)
				return c, nil
			}
		}
	}
	fmt.Fprintf(stderr, "generating %d-year corpus in %s from %s\n", y, dir, cfg.real)
	t := time.Now()
	cmd := exec.CommandContext(ctx, self, "-mode", "generate", "-n", fmt.Sprint(y),
		"-seed", fmt.Sprint(cfg.seed), "-real", cfg.real, dir)
	cmd.Stderr = stderr
	out, err := cmd.Output()
	if err != nil {
		return c, fmt.Errorf("generating the %d-year corpus: %w", y, err)
	}
	if err := json.Unmarshal(out, &c.sum); err != nil {
		return c, fmt.Errorf("reading the %d-year corpus summary: %w", y, err)
	}
	sum := c.sum
	fmt.Fprintf(stderr, "  %d files (%d FIT, %d GPX, %d gz), %.0f MB, %d records, export.zip %.0f MB, in %.1fs\n",
		sum.Files, sum.FIT, sum.GPX, sum.Gzipped, mb(sum.Bytes), sum.Records, mb(sum.ZipBytes), time.Since(t).Seconds())
	return c, os.WriteFile(cache, out, 0o644)
}

// runGenerate is -mode generate: write a corpus of years into the one PATH and print its
// Summary as JSON, without the per-day list (the parent has no use for it and stays small).
func runGenerate(years int, cfg config, paths []string, stdout io.Writer) error {
	if len(paths) != 1 {
		return errors.New("-mode generate needs one folder")
	}
	sum, err := benchcorpus.Generate(paths[0], years, cfg.seed, cfg.real)
	if err != nil {
		return err
	}
	sum.Activities = nil
	return json.NewEncoder(stdout).Encode(sum)
}

// measure runs one child with GOMAXPROCS=workers and returns its wall time, peak RSS and,
// for our own modes, the childResult it printed; a failed child is the sample's err.
func measure(ctx context.Context, bin string, args []string, workers int) sample {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", workers))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start)}
	if cmd.ProcessState != nil {
		s.rss = peakRSS(cmd.ProcessState)
		s.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if err != nil {
		s.err = fmt.Errorf("%v: %s", err, lastLine(errOut.Bytes()))
		return s
	}
	if bytes.HasPrefix(bytes.TrimSpace(out.Bytes()), []byte("{")) {
		if err := json.Unmarshal(out.Bytes(), &s.res); err != nil {
			s.err = fmt.Errorf("reading the child's result: %v", err)
		}
	}
	return s
}

// moduleRoot is the folder of the main module's go.mod.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside the runload module (go env GOMOD is empty); run from the repository")
	}
	return filepath.Dir(mod), nil
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func mb(b int64) float64  { return float64(b) / 1e6 }
func mib(b int64) float64 { return float64(b) / (1 << 20) }

// prepareRun finds the repository, the real corpus (cfg.real, when not given) and the work
// folder (cfg.dir, else a temporary one that cleanup removes unless cfg.keep), and this
// program's own path, which runs the measured modes.
func prepareRun(ctx context.Context, cfg *config, prefix string, stderr io.Writer) (repo, work, self string, cleanup func(), err error) {
	cleanup = func() {}
	if repo, err = moduleRoot(ctx); err != nil {
		return
	}
	if cfg.real == "" {
		cfg.real = filepath.Join(repo, "..", "shared", "testdata", "real")
	}
	work = cfg.dir
	if work == "" {
		if work, err = os.MkdirTemp("", prefix); err != nil {
			return
		}
		if cfg.keep {
			fmt.Fprintln(stderr, "work folder (kept):", work)
		} else {
			dir := work
			cleanup = func() { os.RemoveAll(dir) }
		}
	}
	self, err = os.Executable()
	return
}
