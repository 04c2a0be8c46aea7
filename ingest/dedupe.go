package ingest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
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

// keptSession is a session counted once, with the file it came from and its index there.
type keptSession struct {
	s       analysis.Session
	file, i int
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
	kept, out := dedupeFiles(files)
	sessions := make([]analysis.Session, len(kept))
	for i, k := range kept {
		sessions[i] = k.s
	}
	slices.SortStableFunc(sessions, func(a, b analysis.Session) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Source, b.Source))
	})
	return sessions, out
}

// dedupeFiles is dedupe but for the order: the kept sessions are in the order counted (the
// files ranked as dedupe says, then each file's sessions in order), each with the file it
// came from and its index there.
func dedupeFiles(files []dupFile) ([]*keptSession, []dupOutcome) {
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
			k := &keptSession{s: s, file: fi, i: i}
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

	for _, k := range kept {
		tidyDuplicates(&k.s)
	}
	return kept, out
}

// tidyDuplicates sorts s.Duplicates and lists each once; none is nil.
func tidyDuplicates(s *analysis.Session) {
	slices.Sort(s.Duplicates)
	s.Duplicates = slices.Compact(s.Duplicates)
	if len(s.Duplicates) == 0 {
		s.Duplicates = nil
	}
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

// dedupeBatch counts every activity of a batch once, as dedupe does over all its files, and
// returns the kept sessions in dedupe's order. all holds every decoded file's sessions;
// got[i] says where those of inputs[i] are (none for a file not decoded); what became of
// each file's sessions is noted on its inputs line (noteOutcome). The kept sessions are
// those of all, which is reused.
//
// Only sessions that start within maxStartDiff of each other can be the same activity, and
// byte-identical files have identical sessions, so dedupe runs on each group of files whose
// sessions are linked by such near starts, not on the whole batch: years of files, one
// activity each, are mostly groups of one, and what dedupe holds (its ranking of files, its
// sessions by start) stays the size of a group.
func dedupeBatch(all []analysis.Session, got []fileSessions, inputs []analysis.Input) []analysis.Session {
	owner := make([]int32, len(all)) // owner[j]: the file (index of inputs) that all[j] is from
	for i, f := range got {
		for j := f.first; j < f.first+f.n; j++ {
			owner[j] = int32(i)
		}
		inputs[i].Sessions = f.n
	}

	// Files linked by near starts, as a forest over files (-1: linked to none).
	byStart := make([]int32, len(all))
	for j := range byStart {
		byStart[j] = int32(j)
	}
	slices.SortFunc(byStart, func(a, b int32) int { return cmp.Or(all[a].Start.Compare(all[b].Start), cmp.Compare(a, b)) })
	var parent []int32
	root := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for j := 1; j < len(byStart); j++ {
		a, b := byStart[j-1], byStart[j]
		if all[b].Start.Sub(all[a].Start) > maxStartDiff {
			continue
		}
		if parent == nil {
			parent = make([]int32, len(got))
			for i := range parent {
				parent[i] = -1
			}
		}
		fa, fb := owner[a], owner[b]
		for _, f := range []int32{fa, fb} {
			if parent[f] < 0 {
				parent[f] = f
			}
		}
		parent[root(fa)] = root(fb)
	}

	// dedupe over each group, in the order of inputs within it; its kept sessions go back in
	// their places, the others are marked dropped.
	const dropped = -1
	if parent != nil {
		var linked []int32
		for i, p := range parent {
			if p >= 0 {
				linked = append(linked, int32(i))
			}
		}
		slices.SortStableFunc(linked, func(a, b int32) int { return cmp.Compare(root(a), root(b)) })
		var files []dupFile
		for lo := 0; lo < len(linked); {
			hi := lo + 1
			for hi < len(linked) && root(linked[hi]) == root(linked[lo]) {
				hi++
			}
			files = files[:0]
			for _, i := range linked[lo:hi] {
				f, in := got[i], &inputs[i]
				files = append(files, dupFile{Path: in.Path, Kind: in.Kind, Sum: f.sum, Sessions: all[f.first : f.first+f.n],
					Damaged: in.Status == analysis.StatusPartial})
			}
			kept, outcomes := dedupeFiles(files)
			for _, i := range linked[lo:hi] {
				for j := got[i].first; j < got[i].first+got[i].n; j++ {
					owner[j] = dropped
				}
			}
			for _, k := range kept {
				i := linked[lo+k.file]
				j := got[i].first + k.i
				all[j], owner[j] = k.s, i
			}
			for n, o := range outcomes {
				noteOutcome(&inputs[linked[lo+n]], o)
			}
			lo = hi
		}
	}

	// The kept sessions, in place and in dedupe's order: by start and source, then as
	// counted (the files ranked, then each file's sessions in order).
	n := 0
	for j := range all {
		if owner[j] == dropped {
			continue
		}
		tidyDuplicates(&all[j])
		all[n], owner[n] = all[j], owner[j]
		n++
	}
	clear(all[n:]) // let go of what the dropped sessions point to
	all, owner = all[:n], owner[:n]
	rank := func(a, b int32) int {
		x, y := &inputs[a], &inputs[b]
		return cmp.Or(cmp.Compare(kindRank(x.Kind), kindRank(y.Kind)),
			cmpBool(x.Status == analysis.StatusPartial, y.Status == analysis.StatusPartial),
			cmp.Compare(x.Path, y.Path), cmp.Compare(a, b))
	}
	order := make([]int32, n)
	for j := range order {
		order[j] = int32(j)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(all[a].Start.Compare(all[b].Start), cmp.Compare(all[a].Source, all[b].Source),
			rank(owner[a], owner[b]), cmp.Compare(a, b))
	})
	permute(all, order)
	if n == 0 {
		return []analysis.Session{}
	}
	if n < cap(all)*3/4 {
		all = slices.Clone(all) // many of the files' sessions were dropped
	}
	return all
}

// permute puts s in order: s[j] becomes what s[order[j]] was. It takes order over, whose
// elements it changes, and moves each element once.
func permute[T any](s []T, order []int32) {
	for start := range order {
		if order[start] == int32(start) {
			continue
		}
		tmp := s[start]
		j := start
		for {
			k := int(order[j])
			order[j] = int32(j)
			if k == start {
				s[j] = tmp
				break
			}
			s[j] = s[k]
			j = k
		}
	}
}

// noteOutcome notes on a decoded file's import-log line what dedupe made of its sessions:
// how many were counted, and which files its others were counted from.
func noteOutcome(in *analysis.Input, o dupOutcome) {
	in.Sessions = o.Kept
	if o.Dropped == 0 {
		return
	}
	same := "same activity as " + strings.Join(o.KeptPaths, ", ")
	switch {
	case o.CopyOf == "":
	case slices.Contains(o.KeptPaths, o.CopyOf):
		same += " (an identical file)"
	default:
		same += fmt.Sprintf(" (identical to %s)", o.CopyOf)
	}
	if o.Kept == 0 {
		// What was wrong with the copy stays in the log: a damaged duplicate is still damaged.
		if in.Detail != "" {
			same = in.Detail + "; " + same
		}
		in.Status, in.Detail = analysis.StatusDuplicate, same
		return
	}
	note := fmt.Sprintf("%d of %d sessions: %s", o.Dropped, o.Kept+o.Dropped, same)
	if in.Detail != "" {
		note = in.Detail + "; " + note
	}
	in.Detail = note
}
