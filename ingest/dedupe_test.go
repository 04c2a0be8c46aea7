package ingest

import (
	"context"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"runload/analysis"
)

var t0 = time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)

// sess builds a session starting min minutes (and sec seconds) after t0.
func sess(src string, sport analysis.Sport, min, sec int, dur, elapsed time.Duration) analysis.Session {
	return analysis.Session{Source: src, Sport: sport, Start: t0.Add(time.Duration(min)*time.Minute + time.Duration(sec)*time.Second),
		Duration: dur, Elapsed: elapsed}
}

func file(path string, kind analysis.InputKind, ss ...analysis.Session) dupFile {
	for i := range ss {
		ss[i].Source = path
	}
	return dupFile{Path: path, Kind: kind, Sum: sumOf(testSeed, []byte(path)), Sessions: ss}
}

func damagedFile(f dupFile) dupFile {
	f.Damaged = true
	return f
}

func TestDedupe(t *testing.T) {
	run := analysis.Running
	for _, tc := range []struct {
		name     string
		files    []dupFile
		sessions []string   // Source of each kept session, in order
		dups     [][]string // Duplicates of each kept session
		outcomes []dupOutcome
	}{
		{
			name: "a FIT, its GPX and its TCX export count once, and the FIT is kept",
			files: []dupFile{
				file("z/run.gpx", analysis.KindGPX, sess("", run, 0, 30, 29*time.Minute, 30*time.Minute)),
				file("a/run.tcx", analysis.KindTCX, sess("", run, 1, 0, 30*time.Minute, 31*time.Minute)),
				file("m/run.fit", analysis.KindFIT, sess("", run, 0, 0, 30*time.Minute, 31*time.Minute)),
			},
			sessions: []string{"m/run.fit"},
			dups:     [][]string{{"a/run.tcx", "z/run.gpx"}},
			outcomes: []dupOutcome{
				{Dropped: 1, KeptPaths: []string{"m/run.fit"}},
				{Dropped: 1, KeptPaths: []string{"m/run.fit"}},
				{Kept: 1},
			},
		},
		{
			name: "a half-copied file inside the complete run is the same run, whatever its path",
			files: []dupFile{
				damagedFile(file("a-cut.fit", analysis.KindFIT, sess("", run, 0, 0, 9*time.Minute, 10*time.Minute))),
				file("b-whole.fit", analysis.KindFIT, sess("", run, 0, 0, 45*time.Minute, 47*time.Minute)),
			},
			sessions: []string{"b-whole.fit"},
			dups:     [][]string{{"a-cut.fit"}},
			outcomes: []dupOutcome{
				{Dropped: 1, KeptPaths: []string{"b-whole.fit"}},
				{Kept: 1},
			},
		},
		{
			name: "a damaged file that starts 3 minutes later is another activity",
			files: []dupFile{
				damagedFile(file("a-cut.fit", analysis.KindFIT, sess("", run, 3, 0, 9*time.Minute, 10*time.Minute))),
				file("b-whole.fit", analysis.KindFIT, sess("", run, 0, 0, 45*time.Minute, 47*time.Minute)),
			},
			sessions: []string{"b-whole.fit", "a-cut.fit"},
			dups:     [][]string{nil, nil},
			outcomes: []dupOutcome{{Kept: 1}, {Kept: 1}},
		},
		{
			name: "a complete file's short session beside a longer one is not inside it: only damage makes it so",
			files: []dupFile{
				file("a-short.fit", analysis.KindFIT, sess("", run, 0, 0, 9*time.Minute, 10*time.Minute)),
				file("b-whole.fit", analysis.KindFIT, sess("", run, 0, 0, 45*time.Minute, 47*time.Minute)),
			},
			sessions: []string{"a-short.fit", "b-whole.fit"},
			dups:     [][]string{nil, nil},
			outcomes: []dupOutcome{{Kept: 1}, {Kept: 1}},
		},
		{
			name: "of two files of one format the earlier path is kept",
			files: []dupFile{
				file("b.fit", analysis.KindFIT, sess("", run, 0, 0, 30*time.Minute, 30*time.Minute)),
				file("a.fit", analysis.KindFIT, sess("", run, 1, 59, 28*time.Minute, 30*time.Minute)),
			},
			sessions: []string{"a.fit"},
			dups:     [][]string{{"b.fit"}},
			outcomes: []dupOutcome{{Dropped: 1, KeptPaths: []string{"a.fit"}}, {Kept: 1}},
		},
		{
			name: "a GPX of one leg of a multisport FIT is that leg",
			files: []dupFile{
				file("tri.fit", analysis.KindFIT,
					sess("", analysis.Swimming, 0, 0, 30*time.Minute, 30*time.Minute),
					sess("", analysis.Other, 30, 0, 2*time.Minute, 2*time.Minute), // transition
					sess("", analysis.Cycling, 32, 0, 60*time.Minute, 61*time.Minute)),
				file("bike.gpx", analysis.KindGPX, sess("", analysis.Cycling, 32, 30, 59*time.Minute, 60*time.Minute)),
			},
			sessions: []string{"tri.fit", "tri.fit", "tri.fit"},
			dups:     [][]string{nil, nil, {"bike.gpx"}},
			outcomes: []dupOutcome{{Kept: 3}, {Dropped: 1, KeptPaths: []string{"tri.fit"}}},
		},
		{
			name: "moving times counted differently still match when the intervals overlap by 80 %",
			// sweatpy's ride: FIT timer 94 s in 113 s, its GPX export 126 s of points.
			files: []dupFile{
				file("ride.gpx", analysis.KindGPX, sess("", analysis.Cycling, 0, 0, 126*time.Second, 126*time.Second)),
				file("ride.fit", analysis.KindFIT, sess("", analysis.Cycling, 0, 0, 94*time.Second, 113*time.Second)),
			},
			sessions: []string{"ride.fit"},
			dups:     [][]string{{"ride.gpx"}},
			outcomes: []dupOutcome{{Dropped: 1, KeptPaths: []string{"ride.fit"}}, {Kept: 1}},
		},
		{
			name: "an unknown sport is compatible, a different known sport is not",
			files: []dupFile{
				file("a.gpx", analysis.KindGPX, sess("", analysis.Unknown, 0, 0, 30*time.Minute, 30*time.Minute)),
				file("b.fit", analysis.KindFIT, sess("", run, 0, 0, 30*time.Minute, 30*time.Minute)),
				file("c.tcx", analysis.KindTCX, sess("", analysis.Cycling, 0, 0, 30*time.Minute, 30*time.Minute)),
			},
			sessions: []string{"b.fit", "c.tcx"},
			dups:     [][]string{{"a.gpx"}, nil},
			outcomes: []dupOutcome{{Dropped: 1, KeptPaths: []string{"b.fit"}}, {Kept: 1}, {Kept: 1}},
		},
		{
			name: "starts over 2 minutes apart, or durations and intervals too different, are two activities",
			files: []dupFile{
				file("a.fit", analysis.KindFIT, sess("", run, 0, 0, 30*time.Minute, 30*time.Minute)),
				file("b.gpx", analysis.KindGPX, sess("", run, 2, 1, 30*time.Minute, 30*time.Minute)),
				file("c.gpx", analysis.KindGPX, sess("", run, 0, 0, 20*time.Minute, 20*time.Minute)),
			},
			sessions: []string{"a.fit", "c.gpx", "b.gpx"},
			dups:     [][]string{nil, nil, nil},
			outcomes: []dupOutcome{{Kept: 1}, {Kept: 1}, {Kept: 1}},
		},
		{
			name: "two sessions of one file are never merged",
			files: []dupFile{
				file("laps.fit", analysis.KindFIT, sess("", run, 0, 0, 10*time.Minute, 10*time.Minute), sess("", run, 0, 30, 10*time.Minute, 10*time.Minute)),
			},
			sessions: []string{"laps.fit", "laps.fit"},
			dups:     [][]string{nil, nil},
			outcomes: []dupOutcome{{Kept: 2}},
		},
		{
			name: "a byte-identical copy is a duplicate even of the same format",
			files: func() []dupFile {
				a := file("copy/x.gpx", analysis.KindGPX, sess("", run, 0, 0, 0, 0)) // no duration: only the bytes say it
				b := file("x.gpx", analysis.KindGPX, sess("", run, 0, 0, 0, 0))
				a.Sum = b.Sum
				return []dupFile{a, b}
			}(),
			sessions: []string{"copy/x.gpx"},
			dups:     [][]string{{"x.gpx"}},
			outcomes: []dupOutcome{{Kept: 1}, {Dropped: 1, KeptPaths: []string{"copy/x.gpx"}, CopyOf: "copy/x.gpx"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sessions, outcomes := dedupe(tc.files)
			var srcs []string
			var dups [][]string
			for _, s := range sessions {
				srcs = append(srcs, s.Source)
				dups = append(dups, s.Duplicates)
			}
			if d := cmp.Diff(tc.sessions, srcs); d != "" {
				t.Errorf("kept sessions (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.dups, dups); d != "" {
				t.Errorf("Duplicates (-want +got):\n%s", d)
			}
			if d := cmp.Diff(tc.outcomes, outcomes); d != "" {
				t.Errorf("outcomes (-want +got):\n%s", d)
			}

			// The same files in any order give the same sessions and the same outcome per file.
			for seed := range uint64(20) {
				perm := rand.New(rand.NewPCG(seed, 1)).Perm(len(tc.files))
				shuffled := make([]dupFile, len(perm))
				for i, p := range perm {
					shuffled[i] = tc.files[p]
				}
				s2, o2 := dedupe(shuffled)
				if d := cmp.Diff(sessions, s2); d != "" {
					t.Fatalf("order %v changes the sessions (-first +shuffled):\n%s", perm, d)
				}
				for i, p := range perm {
					if d := cmp.Diff(outcomes[p], o2[i]); d != "" {
						t.Fatalf("order %v changes the outcome of %s:\n%s", perm, tc.files[p].Path, d)
					}
				}
			}
		})
	}
}

func TestDedupeDoesNotModifyInput(t *testing.T) {
	f := []dupFile{
		file("a.fit", analysis.KindFIT, sess("", analysis.Running, 0, 0, time.Hour, time.Hour)),
		file("a.gpx", analysis.KindGPX, sess("", analysis.Running, 0, 0, time.Hour, time.Hour)),
	}
	before := slices.Clone(f[0].Sessions)
	dedupe(f)
	if d := cmp.Diff(before, f[0].Sessions); d != "" {
		t.Errorf("dedupe modified its input:\n%s", d)
	}
}

// TestReadRealDuplicates reads real pairs of a FIT file and its Garmin Connect exports:
// each activity counts once, the FIT file is kept and the exports are reported duplicate.
func TestReadRealDuplicates(t *testing.T) {
	fit1 := corpusFile(t, "fit/sportslib_2067489619.fit")
	gpx1 := corpusFile(t, "gpx/sportslib_2067489619.gpx")
	fit2 := corpusFile(t, "fit/sweatpy_2020-06-01-16-52-40.fit")
	gpx2 := corpusFile(t, "gpx/sweatpy_activity_5039744860.gpx")
	tcx2 := corpusFile(t, "tcx/sweatpy_activity_5039744860.tcx")
	fit3 := corpusFile(t, "fit/sportslib_6860712481.fit")
	tcx3 := corpusFile(t, "tcx/sportslib_6860712481.tcx")
	paths := []string{gpx1, tcx2, fit3, fit1, gpx2, tcx3, fit2}

	b, err := Read(context.Background(), paths, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Files named on the command line are shown by their base names.
	got := map[string]analysis.Input{}
	for _, in := range b.Inputs {
		got[in.Path] = in
	}
	fit1, gpx1, fit2, gpx2, tcx2, fit3, tcx3 = filepath.Base(fit1), filepath.Base(gpx1), filepath.Base(fit2), filepath.Base(gpx2), filepath.Base(tcx2), filepath.Base(fit3), filepath.Base(tcx3)
	for _, fit := range []string{fit1, fit2, fit3} {
		if in := got[fit]; in.Status != analysis.StatusOK && in.Status != analysis.StatusPartial || in.Sessions != 1 {
			t.Fatalf("%s: %s %q, %d sessions: the FIT decoder must read it first", filepath.Base(fit), in.Status, in.Detail, in.Sessions)
		}
	}
	for dup, kept := range map[string]string{gpx1: fit1, gpx2: fit2, tcx2: fit2, tcx3: fit3} {
		in := got[dup]
		if in.Status != analysis.StatusDuplicate || in.Detail != "same activity as "+kept || in.Sessions != 0 {
			t.Errorf("%s: %s %q, %d sessions; want duplicate \"same activity as %s\"", filepath.Base(dup), in.Status, in.Detail, in.Sessions, kept)
		}
	}
	if len(b.Sessions) != 3 {
		t.Fatalf("%d sessions, want 3", len(b.Sessions))
	}
	wantDups := map[string][]string{fit1: {gpx1}, fit2: {gpx2, tcx2}, fit3: {tcx3}}
	for _, s := range b.Sessions {
		w := slices.Clone(wantDups[s.Source])
		slices.Sort(w)
		if d := cmp.Diff(w, s.Duplicates); d != "" {
			t.Errorf("%s: Duplicates (-want +got):\n%s", filepath.Base(s.Source), d)
		}
	}

	// The same files in another order: the same sessions and statuses.
	for seed := range uint64(5) {
		shuffled := slices.Clone(paths)
		rand.New(rand.NewPCG(seed, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		b2, err := Read(context.Background(), shuffled, Options{Workers: 3})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(b.Sessions, b2.Sessions); d != "" {
			t.Fatalf("order %q changes the sessions:\n%s", shuffled, d)
		}
		for _, in := range b2.Inputs {
			if d := cmp.Diff(got[in.Path], in); d != "" {
				t.Errorf("order %q changes %s:\n%s", shuffled, in.Path, d)
			}
		}
	}
}

// TestDedupeKeptSessionLearnsFromItsDuplicates: a FIT session the watch filed as "generic"
// (unknown) without heart rate, and the GPX export of the same run, named running and with a
// strap's heart rate. The FIT is kept, and it now counts as a run with that heart rate; what
// the FIT has itself (its distance) is not overwritten.
func TestDedupeKeptSessionLearnsFromItsDuplicates(t *testing.T) {
	fit := sess("", analysis.Unknown, 0, 0, 30*time.Minute, 31*time.Minute)
	fit.DistanceM = analysis.Some(5000.0)
	gpx := sess("", analysis.Running, 0, 5, 30*time.Minute, 31*time.Minute)
	gpx.SubSport = "trail"
	gpx.DistanceM, gpx.AvgHR, gpx.MaxHR = analysis.Some(5100.0), analysis.Some(142), analysis.Some(171)
	sessions, _ := dedupe([]dupFile{file("run.gpx", analysis.KindGPX, gpx), file("run.fit", analysis.KindFIT, fit)})
	if len(sessions) != 1 {
		t.Fatalf("%d sessions, want 1", len(sessions))
	}
	got := sessions[0]
	if got.Source != "run.fit" || got.Sport != analysis.Running || got.SubSport != "trail" ||
		got.DistanceM != analysis.Some(5000.0) || got.AvgHR != analysis.Some(142) || got.MaxHR != analysis.Some(171) {
		t.Errorf("kept %s %s/%s, %v m, HR %v/%v; want run.fit running/trail, 5000 m, HR 142/171",
			got.Source, got.Sport, got.SubSport, got.DistanceM, got.AvgHR, got.MaxHR)
	}
}

// testSeed seeds the content sums of the dedupe tests.
var testSeed = maphash.MakeSeed()

// TestDedupeBatchIsDedupe: dedupeBatch, which runs dedupe on each group of files linked by
// near starts, gives what dedupe over all the files gives, whatever order the files were
// decoded in: the same sessions in the same order, and the same import-log lines.
func TestDedupeBatchIsDedupe(t *testing.T) {
	kinds := []analysis.InputKind{analysis.KindFIT, analysis.KindGPX, analysis.KindTCX}
	sports := []analysis.Sport{analysis.Running, analysis.Running, analysis.Cycling, analysis.Unknown}
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 2))
		var files []dupFile
		var inputs []analysis.Input
		for i := range 1 + rng.IntN(40) {
			if rng.IntN(8) == 0 { // a file that gave no session
				inputs = append(inputs, analysis.Input{Path: fmt.Sprintf("f%02d.fit", i), Kind: analysis.KindFIT, Status: analysis.StatusSkipped})
				files = append(files, dupFile{})
				continue
			}
			if len(files) > 0 && rng.IntN(6) == 0 { // a byte-identical copy of an earlier file
				c := files[rng.IntN(len(files))]
				if len(c.Sessions) > 0 {
					c.Path = fmt.Sprintf("copy%02d-%s", i, c.Path)
					c.Sessions = slices.Clone(c.Sessions)
					for j := range c.Sessions {
						c.Sessions[j].Source = c.Path
					}
					files = append(files, c)
					inputs = append(inputs, analysis.Input{Path: c.Path, Kind: c.Kind,
						Status: map[bool]analysis.InputStatus{false: analysis.StatusOK, true: analysis.StatusPartial}[c.Damaged]})
					continue
				}
			}
			kind := kinds[rng.IntN(len(kinds))]
			path := fmt.Sprintf("f%02d.%s", rng.IntN(30), kind) // the same path twice, at times
			var ss []analysis.Session
			for range 1 + rng.IntN(3)*rng.IntN(2) {
				dur := time.Duration(20+rng.IntN(20)) * time.Minute
				ss = append(ss, sess(path, sports[rng.IntN(len(sports))], rng.IntN(3)*1440+rng.IntN(12), rng.IntN(60), dur, dur+time.Duration(rng.IntN(5))*time.Minute))
			}
			f := dupFile{Path: path, Kind: kind, Sum: sumOf(testSeed, []byte(fmt.Sprint(i))), Sessions: ss, Damaged: rng.IntN(5) == 0}
			status := analysis.StatusOK
			if f.Damaged {
				status = analysis.StatusPartial
			}
			files = append(files, f)
			inputs = append(inputs, analysis.Input{Path: path, Kind: kind, Status: status, Detail: map[bool]string{true: "cut short"}[f.Damaged]})
		}

		var withSessions []dupFile
		var index []int
		for i, f := range files {
			if len(f.Sessions) > 0 {
				withSessions = append(withSessions, f)
				index = append(index, i)
			}
		}
		want, outcomes := dedupe(withSessions)
		wantInputs := slices.Clone(inputs)
		for j, o := range outcomes {
			noteOutcome(&wantInputs[index[j]], o)
		}

		// The files' sessions in the order their files were decoded.
		var all []analysis.Session
		got := make([]fileSessions, len(files))
		for _, i := range rng.Perm(len(files)) {
			got[i] = fileSessions{first: len(all), n: len(files[i].Sessions), sum: files[i].Sum}
			all = append(all, slices.Clone(files[i].Sessions)...)
		}
		gotInputs := slices.Clone(inputs)
		sessions := dedupeBatch(all, got, gotInputs)
		if d := cmp.Diff(want, sessions); d != "" {
			t.Fatalf("seed %d: sessions (-dedupe +dedupeBatch):\n%s", seed, d)
		}
		if d := cmp.Diff(wantInputs, gotInputs); d != "" {
			t.Fatalf("seed %d: import log (-dedupe +dedupeBatch):\n%s", seed, d)
		}
	}
}
