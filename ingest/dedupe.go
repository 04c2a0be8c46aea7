package ingest

import (
	"cmp"
	"slices"
	"time"

	"runload/analysis"
)

// The rule for "the same activity twice" (SPEC "Inputs", DOMAIN §7). Two sessions from
// different files are the same activity when their sports are compatible (equal, or one of
// them unknown or other), they start within maxStartDiff, and either their durations are
// within maxDurationDiff of the longer one (SPEC) or their start–end intervals overlap by at
// least minOverlap of the longer one (DOMAIN's criterion [E]). The overlap catches exports
// whose moving times are counted differently: the FIT file of sweatpy's ride has 94 s of
// timer time in 113 s, its GPX export 126 s of points, and the intervals overlap by 90 %.
const (
	maxStartDiff    = 2 * time.Minute
	maxDurationDiff = 0.10
	minOverlap      = 0.80
)

// dupFile is one decoded watch file as dedupe sees it.
type dupFile struct {
	Path     string
	Kind     analysis.InputKind
	Sum      contentSum // of the file's decoded bytes; the zero value means unknown
	Sessions []analysis.Session
	// Damaged: the file was cut short or failed its CRC (status partial). Its sessions are
	// ranked after complete files of the same format, and one that lies inside a complete
	// session of the same activity is that activity (a half-copied file), not another.
	Damaged bool
}

// dupOutcome is what dedupe made of one file.
type dupOutcome struct {
	Kept      int      // sessions counted from this file
	Dropped   int      // sessions already counted from another file
	KeptPaths []string // the files its dropped sessions were counted from, sorted
	CopyOf    string   // the file this one is a byte-identical copy of, or ""
}

// keptSession is a session counted once, with the index of the file it came from.
type keptSession struct {
	s    analysis.Session
	file int
}

// kindRank orders the formats by preference: FIT over TCX over GPX.
func kindRank(k analysis.InputKind) int {
	switch k {
	case analysis.KindFIT:
		return 0
	case analysis.KindTCX:
		return 1
	case analysis.KindGPX:
		return 2
	}
	return 3
}

// dedupe counts every activity once. It returns the kept sessions, each with Duplicates
// listing the sources of the same activity read from other files, sorted by Start then
// Source, and an outcome per file in the order of files. The result does not depend on the
// order of files: files are ranked FIT, TCX, GPX, complete before damaged, then by path,
// and the better-ranked copy of an activity is kept. The sessions of files are not modified.
func dedupe(files []dupFile) ([]analysis.Session, []dupOutcome) {
	out := make([]dupOutcome, len(files))
	order := make([]int, len(files))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		fa, fb := files[a], files[b]
		return cmp.Or(cmp.Compare(kindRank(fa.Kind), kindRank(fb.Kind)), cmpBool(fa.Damaged, fb.Damaged), cmp.Compare(fa.Path, fb.Path))
	})

	var kept []*keptSession     // in the order counted
	byStart := []*keptSession{} // kept, sorted by Start
	// firstOfSum maps a content hash to the best-ranked file with that content.
	firstOfSum := map[contentSum]int{}
	// keptOf[file][i] is the kept session that file's session i was counted as (itself or another).
	keptOf := make([][]*keptSession, len(files))

	for _, fi := range order {
		f := files[fi]
		keptOf[fi] = make([]*keptSession, len(f.Sessions))
		if len(f.Sessions) > 0 && f.Sum != (contentSum{}) {
			if first, ok := firstOfSum[f.Sum]; ok && len(files[first].Sessions) == len(f.Sessions) {
				// A byte-identical copy: its sessions are the first copy's, one for one.
				out[fi].CopyOf = files[first].Path
				for i := range f.Sessions {
					k := keptOf[first][i]
					k.s.Duplicates = append(k.s.Duplicates, f.Sessions[i].Source)
					keptOf[fi][i] = k
					out[fi].Dropped++
					out[fi].KeptPaths = append(out[fi].KeptPaths, files[k.file].Path)
				}
				slices.Sort(out[fi].KeptPaths)
				out[fi].KeptPaths = slices.Compact(out[fi].KeptPaths)
				continue
			}
			firstOfSum[f.Sum] = fi
		}
		for i, s := range f.Sessions {
			if k := bestMatch(byStart, s, fi, f.Damaged); k != nil {
				fillFrom(&k.s, s)
				k.s.Duplicates = append(k.s.Duplicates, s.Source)
				keptOf[fi][i] = k
				out[fi].Dropped++
				out[fi].KeptPaths = append(out[fi].KeptPaths, files[k.file].Path)
				continue
			}
			k := &keptSession{s: s, file: fi}
			k.s.Duplicates = slices.Clone(s.Duplicates)
			kept = append(kept, k)
			// After any kept session with the same start, so that ties go to the better rank.
			j, _ := slices.BinarySearchFunc(byStart, s.Start, func(k *keptSession, t time.Time) int {
				if k.s.Start.After(t) {
					return 1
				}
				return -1
			})
			byStart = slices.Insert(byStart, j, k)
			keptOf[fi][i] = k
			out[fi].Kept++
		}
		slices.Sort(out[fi].KeptPaths)
		out[fi].KeptPaths = slices.Compact(out[fi].KeptPaths)
	}

	sessions := make([]analysis.Session, len(kept))
	for i, k := range kept {
		slices.Sort(k.s.Duplicates)
		k.s.Duplicates = slices.Compact(k.s.Duplicates)
		if len(k.s.Duplicates) == 0 {
			k.s.Duplicates = nil
		}
		sessions[i] = k.s
	}
	slices.SortStableFunc(sessions, func(a, b analysis.Session) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Source, b.Source))
	})
	return sessions, out
}

// fillFrom completes the kept session k with what its duplicate d knows and k does not: a
// sport (a FIT "generic" session exported as a GPX "running" track must count as a run),
// a distance, heart rate (a strap's HR may reach only one of the files), ascent and RPE.
// What k has is never overwritten: the better-ranked file's values win.
func fillFrom(k *analysis.Session, d analysis.Session) {
	loose := func(s analysis.Sport) bool { return s == "" || s == analysis.Unknown || s == analysis.Other }
	if loose(k.Sport) && !loose(d.Sport) {
		k.Sport, k.SubSport = d.Sport, d.SubSport
	}
	if !k.DistanceM.OK {
		k.DistanceM = d.DistanceM
	}
	if !k.AscentM.OK {
		k.AscentM = d.AscentM
	}
	if !k.AvgHR.OK && d.AvgHR.OK {
		k.AvgHR, k.MaxHR, k.HR = d.AvgHR, d.MaxHR, d.HR
	}
	if !k.RPE.OK {
		k.RPE = d.RPE
	}
}

// bestMatch returns the kept session (from byStart, sorted by Start) that s is the same
// activity as, or nil. Sessions of the same file never match: the legs of a multisport
// file are different activities. A session of a damaged file also matches a kept session
// it lies inside. Among several matches the nearest start wins, then the better-ranked
// file (the earlier kept).
func bestMatch(byStart []*keptSession, s analysis.Session, file int, damaged bool) *keptSession {
	if s.Start.IsZero() {
		return nil
	}
	var (
		best     *keptSession
		bestDiff time.Duration
	)
	lo, _ := slices.BinarySearchFunc(byStart, s.Start.Add(-maxStartDiff), func(k *keptSession, t time.Time) int {
		return k.s.Start.Compare(t)
	})
	for _, k := range byStart[lo:] {
		if k.s.Start.After(s.Start.Add(maxStartDiff)) {
			break
		}
		if k.file == file || !(sameActivity(k.s, s) || damaged && inside(s, k.s)) {
			continue
		}
		if d := k.s.Start.Sub(s.Start).Abs(); best == nil || d < bestDiff {
			best, bestDiff = k, d
		}
	}
	return best
}

// sameActivity applies the rule above to two sessions.
func sameActivity(a, b analysis.Session) bool {
	if !compatibleSport(a.Sport, b.Sport) || a.Start.Sub(b.Start).Abs() > maxStartDiff {
		return false
	}
	if within(a.Duration, b.Duration, maxDurationDiff) {
		return true
	}
	return overlap(a, b) >= minOverlap
}

// inside reports whether the cut session s lies within the complete session k: a
// compatible sport, a start within maxStartDiff of k's, and an end no later than
// maxStartDiff after k's end. A file cut short while copying keeps the start of the
// activity and loses its end.
func inside(s, k analysis.Session) bool {
	if !compatibleSport(s.Sport, k.Sport) || s.Start.Sub(k.Start).Abs() > maxStartDiff {
		return false
	}
	return !s.Start.Add(s.Elapsed).After(k.Start.Add(k.Elapsed).Add(maxStartDiff))
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func compatibleSport(a, b analysis.Sport) bool {
	loose := func(s analysis.Sport) bool { return s == "" || s == analysis.Unknown || s == analysis.Other }
	return a == b || loose(a) || loose(b)
}

// within reports whether a and b differ by at most frac of the larger.
func within(a, b time.Duration, frac float64) bool {
	return float64((a - b).Abs()) <= frac*float64(max(a, b))
}

// overlap returns the length of the common part of the two sessions' [Start, Start+Elapsed]
// intervals as a fraction of the longer one (0 when either has no elapsed time).
func overlap(a, b analysis.Session) float64 {
	if a.Elapsed <= 0 || b.Elapsed <= 0 {
		return 0
	}
	aEnd, bEnd := a.Start.Add(a.Elapsed), b.Start.Add(b.Elapsed)
	lo, hi := a.Start, aEnd
	if b.Start.After(lo) {
		lo = b.Start
	}
	if bEnd.Before(hi) {
		hi = bEnd
	}
	if !hi.After(lo) {
		return 0
	}
	return float64(hi.Sub(lo)) / float64(max(a.Elapsed, b.Elapsed))
}
