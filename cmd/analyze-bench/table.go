package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Targets from issues 5 and 14.
const (
	maxDirOverDecodeDir = 0.6  // issue 14: whole job unpacked ≤ 0.6 × muktihari's decode of the same files
	maxWholeOverBefore  = 0.65 // issue 14: whole job on the export ≤ 0.65 × the -before build's
	maxRSSOverBefore    = 1.0  // issue 14: peak memory no higher than the -before build's

	maxWholeOverDecode = 1.2  // whole job ≤ 1.2 × muktihari's bare streaming decode
	minSpeedup         = 1.6  // 2 workers at least 1.6 × faster than 1
	maxRSSGrowth       = 1.2  // peak RSS at 5 years ≤ 1.2 × at 1 year
	maxRSSMiB          = 64.0 // and under 64 MiB
	maxTimeGrowthPerY  = 1.1  // 5 years within 5.5 × 1 year: 1.1 × linear
)

func printTable(w io.Writer, cfg config, floorRSS int64, loadStart string, results map[key][]sample) {
	fmt.Fprintf(w, "\nbench: %s/%s, %d CPUs, %s; corpus seed %d; %d runs per cell, alternated; medians\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), cfg.seed, cfg.runs)
	fmt.Fprintln(w, "MB = activity bytes after unzip/gunzip (10^6); cpu s = the child's user+system time; peak RSS = its ru_maxrss; all medians over runs")
	fmt.Fprintln(w, "(c) and (d) open the zips in place as the tool would; (d) therefore includes inflating them: the floor for this input")
	fmt.Fprintln(w, "(a′), (c′), (e′) read the same activity files unpacked into one folder (no zip, no .gz)")
	if cfg.before != "" {
		fmt.Fprintf(w, "(e), (e′): analyze built from git revision %s\n", cfg.before)
	}
	if floorRSS > 0 {
		fmt.Fprintf(w, "(Linux counts this process's own peak, %.1f MiB, into a child's ru_maxrss: no RSS below it can show)\n", mib(floorRSS))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "corpus\tworkers\tmode\tfiles\tMB\trecords\tmedian s\tcpu s\tMB/s\trecords/s\tpeak RSS MiB\tok runs\t  note")
	for _, y := range cfg.years {
		for _, wk := range cfg.workers {
			for _, m := range cfg.modes {
				ss := results[key{y, wk, m}]
				ok := okSamples(ss)
				if len(ok) == 0 {
					fmt.Fprintf(tw, "%dy\t%d\t%s\t\t\t\t\t\t\t\t\t0/%d\t  %s\n", y, wk, modeLabel[m], len(ss), firstErr(ss))
					continue
				}
				r := ok[len(ok)-1].res
				t := medianWall(ok)
				rec := "-"
				recps := "-"
				if r.Records > 0 {
					rec = fmt.Sprint(r.Records)
					recps = fmt.Sprintf("%.0fk", float64(r.Records)/t.Seconds()/1e3)
				}
				note := ""
				if r.Errors > 0 {
					note = fmt.Sprintf("%d files bad", r.Errors)
				}
				fmt.Fprintf(tw, "%dy\t%d\t%s\t%d\t%.1f\t%s\t%.2f\t%.2f\t%.1f\t%s\t%.1f\t%d/%d\t  %s\n",
					y, wk, modeLabel[m], r.Files, mb(r.Bytes), rec, t.Seconds(), medianCPU(ok).Seconds(), mb(r.Bytes)/t.Seconds(), recps,
					mib(medianRSS(ok)), len(ok), len(ss), note)
			}
		}
	}
	tw.Flush()

	fmt.Fprintf(w, "load average (1 min) before and after the runs: %s, %s\n", loadStart, loadAvg())
	fmt.Fprintln(w, "\nratios (medians of the per-run ratios of alternated runs; wall time unless marked cpu,")
	fmt.Fprintln(w, "which other load on the machine hardly changes; targets are on wall time)")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	check := checkTable(tw)
	for _, y := range cfg.years {
		for _, wk := range cfg.workers {
			if has(cfg, "whole", "decode") {
				v, ok := pairedRatio(results[key{y, wk, "whole"}], results[key{y, wk, "decode"}])
				check(fmt.Sprintf("%dy %dw  (a)/(c) whole job / muktihari stream", y, wk), v, ok,
					fmt.Sprintf("<= %.1f", maxWholeOverDecode), v <= maxWholeOverDecode)
			}
			if has(cfg, "whole", "floor") {
				v, ok := pairedRatio(results[key{y, wk, "whole"}], results[key{y, wk, "floor"}])
				check(fmt.Sprintf("%dy %dw  (a)/(d) whole job / floor", y, wk), v, ok, "-", true)
			}
			if has(cfg, "wholedir", "decodedir") {
				v, ok := pairedRatio(results[key{y, wk, "wholedir"}], results[key{y, wk, "decodedir"}])
				check(fmt.Sprintf("%dy %dw  (a′)/(c′) whole job / muktihari, unpacked", y, wk), v, ok,
					fmt.Sprintf("<= %.2g", maxDirOverDecodeDir), v <= maxDirOverDecodeDir)
				v, ok = pairedCPU(results[key{y, wk, "wholedir"}], results[key{y, wk, "decodedir"}])
				check(fmt.Sprintf("%dy %dw  cpu (a′)/(c′)", y, wk), v, ok, "-", true)
			}
			if has(cfg, "whole", "before") {
				v, ok := pairedRatio(results[key{y, wk, "whole"}], results[key{y, wk, "before"}])
				check(fmt.Sprintf("%dy %dw  (a)/(e) whole job / -before, export", y, wk), v, ok,
					fmt.Sprintf("<= %.2g", maxWholeOverBefore), v <= maxWholeOverBefore)
				v, ok = pairedCPU(results[key{y, wk, "whole"}], results[key{y, wk, "before"}])
				check(fmt.Sprintf("%dy %dw  cpu (a)/(e)", y, wk), v, ok, "-", true)
				v, ok = rssRatio(results[key{y, wk, "whole"}], results[key{y, wk, "before"}])
				check(fmt.Sprintf("%dy %dw  peak RSS (a)/(e)", y, wk), v, ok,
					fmt.Sprintf("<= %.1f", maxRSSOverBefore), v <= maxRSSOverBefore)
			}
			if has(cfg, "wholedir", "beforedir") {
				v, ok := pairedRatio(results[key{y, wk, "wholedir"}], results[key{y, wk, "beforedir"}])
				check(fmt.Sprintf("%dy %dw  (a′)/(e′) whole job / -before, unpacked", y, wk), v, ok, "-", true)
				v, ok = rssRatio(results[key{y, wk, "wholedir"}], results[key{y, wk, "beforedir"}])
				check(fmt.Sprintf("%dy %dw  peak RSS (a′)/(e′)", y, wk), v, ok,
					fmt.Sprintf("<= %.1f", maxRSSOverBefore), v <= maxRSSOverBefore)
			}
			if has(cfg, "whole", "decode") {
				v, ok := pairedCPU(results[key{y, wk, "whole"}], results[key{y, wk, "decode"}])
				check(fmt.Sprintf("%dy %dw  cpu (a)/(c)", y, wk), v, ok, "-", true)
			}
			if has(cfg, "whole", "floor") {
				v, ok := pairedCPU(results[key{y, wk, "whole"}], results[key{y, wk, "floor"}])
				check(fmt.Sprintf("%dy %dw  cpu (a)/(d)", y, wk), v, ok, "-", true)
			}
		}
	}
	if slices.Contains(cfg.workers, 1) && slices.Contains(cfg.workers, 2) {
		for _, y := range cfg.years {
			for _, m := range cfg.modes {
				v, ok := pairedRatio(results[key{y, 1, m}], results[key{y, 2, m}])
				target := "-"
				if m == "whole" {
					target = fmt.Sprintf(">= %.1f", minSpeedup)
				}
				check(fmt.Sprintf("%dy  2-worker speed-up, %s", y, modeLabel[m]), v, ok, target, v >= minSpeedup)
			}
		}
	}
	if len(cfg.years) > 1 {
		lo, hi := slices.Min(cfg.years), slices.Max(cfg.years)
		growth := maxTimeGrowthPerY * float64(hi) / float64(lo)
		for _, wk := range cfg.workers {
			for _, m := range cfg.modes {
				v, ok := pairedRatio(results[key{hi, wk, m}], results[key{lo, wk, m}])
				target := "-"
				if m == "whole" {
					target = fmt.Sprintf("<= %.1f", growth)
				}
				check(fmt.Sprintf("%dw  time %dy/%dy, %s", wk, hi, lo, modeLabel[m]), v, ok, target, v <= growth)
			}
			if slices.Contains(cfg.modes, "whole") {
				v, ok := pairedCPU(results[key{hi, wk, "whole"}], results[key{lo, wk, "whole"}])
				check(fmt.Sprintf("%dw  cpu %dy/%dy, %s", wk, hi, lo, modeLabel["whole"]), v, ok, "-", true)
			}
			for _, m := range cfg.modes {
				a, b := okSamples(results[key{hi, wk, m}]), okSamples(results[key{lo, wk, m}])
				ok := len(a) > 0 && len(b) > 0 && medianRSS(b) > 0
				v := 0.0
				if ok {
					v = float64(medianRSS(a)) / float64(medianRSS(b))
				}
				target := "-"
				if m == "whole" {
					target = fmt.Sprintf("<= %.1f", maxRSSGrowth)
				}
				check(fmt.Sprintf("%dw  peak RSS %dy/%dy, %s", wk, hi, lo, modeLabel[m]), v, ok, target, v <= maxRSSGrowth)
			}
			if slices.Contains(cfg.modes, "whole") {
				a := okSamples(results[key{hi, wk, "whole"}])
				v := 0.0
				if len(a) > 0 {
					v = mib(medianRSS(a))
				}
				check(fmt.Sprintf("%dw  peak RSS MiB at %dy, %s", wk, hi, modeLabel["whole"]), v, len(a) > 0,
					fmt.Sprintf("< %.0f", maxRSSMiB), v < maxRSSMiB)
			}
		}
	}
	tw.Flush()
}

// checkTable starts a table of checks on tw and returns what writes a row: the check's name,
// its value (ok false: no data), its target ("-" for information only) and whether it passed.
func checkTable(tw *tabwriter.Writer) func(name string, v float64, ok bool, target string, pass bool) {
	fmt.Fprintln(tw, "check\tvalue\ttarget\tresult\t")
	return func(name string, v float64, ok bool, target string, pass bool) {
		if !ok {
			fmt.Fprintf(tw, "%s\tn/a\t%s\tno data\t\n", name, target)
			return
		}
		res := "MISS"
		if pass {
			res = "PASS"
		}
		if target == "-" {
			res = "info"
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%s\t%s\t\n", name, v, target, res)
	}
}

// loadAvg is the 1-minute load average, or "?" where /proc/loadavg is missing.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

func has(cfg config, modes ...string) bool {
	for _, m := range modes {
		if !slices.Contains(cfg.modes, m) {
			return false
		}
	}
	return true
}

func okSamples(ss []sample) []sample {
	var ok []sample
	for _, s := range ss {
		if s.err == nil {
			ok = append(ok, s)
		}
	}
	return ok
}

func firstErr(ss []sample) string {
	for _, s := range ss {
		if s.err != nil {
			msg := s.err.Error()
			if len(msg) > 90 {
				msg = msg[:90] + "…"
			}
			return "failed: " + msg
		}
	}
	return "not run"
}

// pairedRatio is the median over runs of a's wall time over b's in the same run.
func pairedRatio(a, b []sample) (float64, bool) {
	return pairedBy(a, b, func(s sample) time.Duration { return s.wall })
}

// pairedCPU is pairedRatio of CPU time, which other load on the machine hardly changes.
func pairedCPU(a, b []sample) (float64, bool) {
	return pairedBy(a, b, func(s sample) time.Duration { return s.cpu })
}

func pairedBy(a, b []sample, f func(sample) time.Duration) (float64, bool) {
	var r []float64
	for i := range min(len(a), len(b)) {
		if a[i].err == nil && b[i].err == nil && f(b[i]) > 0 {
			r = append(r, f(a[i]).Seconds()/f(b[i]).Seconds())
		}
	}
	if len(r) == 0 {
		return 0, false
	}
	return median(r), true
}

// rssRatio is the median peak RSS of a's runs over b's.
func rssRatio(a, b []sample) (float64, bool) {
	a, b = okSamples(a), okSamples(b)
	if len(a) == 0 || len(b) == 0 || medianRSS(b) == 0 {
		return 0, false
	}
	return float64(medianRSS(a)) / float64(medianRSS(b)), true
}

func medianWall(ss []sample) time.Duration {
	v := make([]float64, len(ss))
	for i, s := range ss {
		v[i] = float64(s.wall)
	}
	return time.Duration(median(v))
}

func medianCPU(ss []sample) time.Duration {
	v := make([]float64, len(ss))
	for i, s := range ss {
		v[i] = float64(s.cpu)
	}
	return time.Duration(median(v))
}

func medianRSS(ss []sample) int64 {
	v := make([]float64, len(ss))
	for i, s := range ss {
		v[i] = float64(s.rss)
	}
	return int64(median(v))
}

// median of v; v is sorted in place.
func median(v []float64) float64 {
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}
