package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"text/tabwriter"

	"runload/internal/benchcorpus"
)

// Targets of issue 13 ("Fast and flat").
const (
	maxClinicOverSerial = 0.6 // clinic wall ≤ 0.6 × the same runners one by one, on 2 cores
	maxClinicRSSOver    = 1.5 // clinic peak RSS ≤ 1.5 × the largest single run
	maxClinicNonLinear  = 1.1 // time per runner at the largest caseload ≤ 1.1 × at the smallest
)

// clinicCell is one caseload size measured once: the clinic run, and every runner one by one.
type clinicCell struct {
	clinic    sample
	serial    sample // wall and cpu: sums over the runners; rss: the largest single run's
	identical bool   // every runner's workbook from the clinic equals its single run's
	err       error
}

// clinicBench is -clinic: caseloads of sizes runners with a year of daily activities each,
// analyze clinic against the same runners analysed one by one by analyze, each a child with
// GOMAXPROCS = workers. Runners share cfg.corpora distinct corpora (seeds seed, seed+1, …),
// hard-linked round robin into their folders, so that 200 runners take the disk of a few.
func clinicBench(ctx context.Context, cfg config, sizes []int, stdout, stderr io.Writer) error {
	repo, work, self, cleanup, err := prepareRun(ctx, &cfg, "analyze-bench-clinic-", stderr)
	if err != nil {
		return err
	}
	defer cleanup()
	k := min(cfg.corpora, slices.Max(sizes))
	var corpora []corpus
	for i := range k {
		c := cfg
		c.seed = cfg.seed + uint64(i)
		cor, err := prepareIn(ctx, self, filepath.Join(work, fmt.Sprintf("seed-%d", c.seed)), 1, c, stderr)
		if err != nil {
			return err
		}
		corpora = append(corpora, cor)
	}
	bin := filepath.Join(work, "analyze")
	fmt.Fprintln(stderr, "building ./cmd/analyze")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/analyze")
	build.Dir = repo
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/analyze: %v: %s", err, lastLine(out))
	}
	cases := map[int]string{}
	for _, n := range sizes {
		dir, err := plantCaseload(work, n, corpora)
		if err != nil {
			return err
		}
		cases[n] = dir
	}
	// One untimed single run per corpus, so that every measured run reads from the page cache.
	for _, c := range corpora {
		if s := measure(ctx, bin, []string{"-q", "-o", filepath.Join(work, "warm.xlsx"), filepath.Dir(c.sum.Export)}, 2); s.err != nil {
			return s.err
		}
	}

	loadStart := loadAvg()
	results := map[[2]int][]clinicCell{} // by runners, workers
	for r := range cfg.runs {
		for _, n := range sizes {
			for _, w := range cfg.workers {
				cell := clinicRun(ctx, bin, work, cases[n], n, w)
				if ctx.Err() != nil {
					return ctx.Err()
				}
				results[[2]int{n, w}] = append(results[[2]int{n, w}], cell)
				status := "ok"
				if cell.err != nil {
					status = "FAILED: " + cell.err.Error()
				} else if !cell.identical {
					status = "workbooks differ from single runs"
				}
				fmt.Fprintf(stderr, "run %d/%d  %3d runners w%d  clinic %7.1fs (cpu %7.1fs, %5.1f MiB)  one by one %7.1fs (cpu %7.1fs, max %5.1f MiB)  %s\n",
					r+1, cfg.runs, n, w, cell.clinic.wall.Seconds(), cell.clinic.cpu.Seconds(), mib(cell.clinic.rss),
					cell.serial.wall.Seconds(), cell.serial.cpu.Seconds(), mib(cell.serial.rss), status)
			}
		}
	}
	printClinicTable(stdout, cfg, sizes, k, corpora[0].sum, selfHWM(), loadStart, results)
	return nil
}

// prepareIn is prepare with the corpus in dir.
func prepareIn(ctx context.Context, self, dir string, years int, cfg config, stderr io.Writer) (corpus, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return corpus{}, err
	}
	return prepare(ctx, self, dir, years, cfg, stderr)
}

// plantCaseload makes work/caseload-n: n runner folders, runner-001…, each holding one
// corpus's export.zip and symptoms.csv as hard links (copies where links fail).
func plantCaseload(work string, n int, corpora []corpus) (string, error) {
	dir := filepath.Join(work, fmt.Sprintf("caseload-%d", n))
	for i := range n {
		c := corpora[i%len(corpora)].sum
		rd := filepath.Join(dir, fmt.Sprintf("runner-%03d", i+1))
		if err := os.MkdirAll(rd, 0o755); err != nil {
			return "", err
		}
		for _, src := range []string{c.Export, c.Symptoms} {
			dst := filepath.Join(rd, filepath.Base(src))
			if _, err := os.Stat(dst); err == nil {
				continue
			}
			if err := os.Link(src, dst); err != nil {
				b, err := os.ReadFile(src)
				if err != nil {
					return "", err
				}
				if err := os.WriteFile(dst, b, 0o644); err != nil {
					return "", err
				}
			}
		}
	}
	return dir, nil
}

// clinicRun measures one caseload: analyze clinic, then each runner alone, and checks that
// the workbooks are the same bytes.
func clinicRun(ctx context.Context, bin, work, dir string, n, workers int) clinicCell {
	var cell clinicCell
	outC := filepath.Join(work, fmt.Sprintf("out-clinic-%d-w%d", n, workers))
	outS := filepath.Join(work, fmt.Sprintf("out-serial-%d-w%d", n, workers))
	for _, d := range []string{outC, outS} {
		os.RemoveAll(d)
		if err := os.MkdirAll(d, 0o755); err != nil {
			cell.err = err
			return cell
		}
	}
	s := measure(ctx, bin, []string{"clinic", "-q", "-o", outC, dir}, workers)
	if err := s.err; err != nil {
		cell.err = fmt.Errorf("clinic: %w", err)
		return cell
	}
	cell.clinic = s
	entries, err := os.ReadDir(dir)
	if err != nil {
		cell.err = err
		return cell
	}
	cell.identical = true
	for _, e := range entries {
		out := filepath.Join(outS, e.Name()+".xlsx")
		s := measure(ctx, bin, []string{"-q", "-o", out, filepath.Join(dir, e.Name())}, workers)
		if err := s.err; err != nil {
			cell.err = fmt.Errorf("%s alone: %w", e.Name(), err)
			return cell
		}
		cell.serial.wall += s.wall
		cell.serial.cpu += s.cpu
		cell.serial.rss = max(cell.serial.rss, s.rss)
		a, errA := os.ReadFile(out)
		b, errB := os.ReadFile(filepath.Join(outC, e.Name()+".xlsx"))
		cell.identical = cell.identical && errA == nil && errB == nil && bytes.Equal(a, b)
	}
	return cell
}

func printClinicTable(w io.Writer, cfg config, sizes []int, k int, sum0 benchcorpus.Summary, floorRSS int64, loadStart string, results map[[2]int][]clinicCell) {
	fmt.Fprintf(w, "\nissue 13 clinic bench: %s/%s, %d CPUs, %s; runners of 1 year each (%d files, %.0f MB of activities), %d distinct corpora (seeds %d–%d) hard-linked round robin; %d runs per cell; medians\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), sum0.Files, mb(sum0.Bytes), k, cfg.seed, cfg.seed+uint64(k)-1, cfg.runs)
	fmt.Fprintln(w, "clinic = analyze clinic -q -o OUT DIR; one by one = analyze -q -o OUT/<runner>.xlsx DIR/<runner> for each runner in turn (wall and cpu summed, RSS the largest)")
	if floorRSS > 0 {
		fmt.Fprintf(w, "(Linux counts this process's own peak, %.1f MiB, into a child's ru_maxrss: no RSS below it can show)\n", mib(floorRSS))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "runners\tcores\tmode\twall s\twall s/runner\tcpu s\tpeak RSS MiB\tsame bytes\t")
	for _, n := range sizes {
		for _, wk := range cfg.workers {
			cells := okCells(results[[2]int{n, wk}])
			if len(cells) == 0 {
				fmt.Fprintf(tw, "%d\t%d\tfailed\t\t\t\t\t\t\n", n, wk)
				continue
			}
			c, s := clinicSamples(cells)
			same := "yes"
			for _, x := range cells {
				if !x.identical {
					same = "NO"
				}
			}
			for _, row := range []struct {
				mode string
				ss   []sample
			}{{"clinic", c}, {"one by one", s}} {
				fmt.Fprintf(tw, "%d\t%d\t%s\t%.1f\t%.2f\t%.1f\t%.1f\t%s\t\n", n, wk, row.mode, medianWall(row.ss).Seconds(),
					medianWall(row.ss).Seconds()/float64(n), medianCPU(row.ss).Seconds(), mib(medianRSS(row.ss)), same)
			}
		}
	}
	tw.Flush()
	fmt.Fprintf(w, "load average (1 min) before and after the runs: %s, %s\n", loadStart, loadAvg())

	fmt.Fprintln(w, "\nratios (medians of per-run ratios)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	check := checkTable(tw)
	for _, wk := range cfg.workers {
		for _, n := range sizes {
			c, s := clinicSamples(okCells(results[[2]int{n, wk}]))
			if len(c) == 0 {
				continue
			}
			v, ok := pairedRatio(c, s)
			check(fmt.Sprintf("%d runners, %d cores: clinic / one by one, wall", n, wk), v, ok, fmt.Sprintf("<= %.1f", maxClinicOverSerial), v <= maxClinicOverSerial)
			v, ok = pairedCPU(c, s)
			check(fmt.Sprintf("%d runners, %d cores: clinic / one by one, cpu", n, wk), v, ok, "-", true)
			v, ok = rssRatio(c, s)
			check(fmt.Sprintf("%d runners, %d cores: clinic peak RSS / largest single run", n, wk), v, ok, fmt.Sprintf("<= %.1f", maxClinicRSSOver), v <= maxClinicRSSOver)
		}
		if len(sizes) > 1 {
			lo, hi := slices.Min(sizes), slices.Max(sizes)
			a, _ := clinicSamples(okCells(results[[2]int{hi, wk}]))
			b, _ := clinicSamples(okCells(results[[2]int{lo, wk}]))
			if len(a) > 0 && len(b) > 0 {
				v := (medianWall(a).Seconds() / float64(hi)) / (medianWall(b).Seconds() / float64(lo))
				check(fmt.Sprintf("%d cores: clinic wall per runner, %d / %d runners", wk, hi, lo), v, true, fmt.Sprintf("<= %.1f", maxClinicNonLinear), v <= maxClinicNonLinear)
			}
		}
	}
	tw.Flush()
}

func okCells(cs []clinicCell) []clinicCell {
	var ok []clinicCell
	for _, c := range cs {
		if c.err == nil {
			ok = append(ok, c)
		}
	}
	return ok
}

func clinicSamples(cs []clinicCell) (clinic, serial []sample) {
	for _, c := range cs {
		clinic = append(clinic, c.clinic)
		serial = append(serial, c.serial)
	}
	return clinic, serial
}
