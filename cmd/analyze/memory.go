package main

import (
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// baseMemoryLimit is the soft memory limit of a run (GOMEMLIMIT overrides it). Years of
// exports keep a live heap under about 16 MiB (files are decoded streaming, sheets made one at
// a time and streamed), so without a limit the collector lets the heap double between
// collections and the peak grows with the years: 62 MB at five years against 36 MB at one
// (GOMEMLIMIT=off, 2 CPUs). Measured with scripts/bench.sh's corpora, 2 CPUs: 32 MiB gave 33
// and 40 MB at one and five years, 28 MiB 32 and 36 MB, 24 MiB made the collector run back to
// back (before the FIT fast path). With the fast path and the limit following the live heap
// (memoryLimitFor), five years peak at 35.0–35.4 MiB under 26 MiB and 37.0–38.6 under 28 (a
// quarter and 4 MiB of room), in the same CPU time (3.0–3.3 s, three runs each).
const baseMemoryLimit = 26 << 20

// A single file can need more than the base limit (a 111-hour GPX track is held whole: 80 MB
// and its points). Under a fixed limit the collector would then run back to back, capped at
// half the CPU: on that track read by go-gpx (a CDATA name makes the scanner fall back), 5.5 s
// with a fixed 28 MiB against 2.2 s without a limit and 2.45 s governed. So the limit follows
// the live heap when it must.
const governEvery = 20 * time.Millisecond

// memoryLimitFor is the soft limit for a live heap of live bytes when the runtime holds
// overhead bytes besides the heap: the base, or the live heap plus a quarter, and the
// overhead, when that is more (a quarter is GOGC=25, measured as fast as GOGC=100 on the
// 111-hour track). The limit counts all of the runtime's memory (stacks, GC metadata, the
// unused ends of spans: 6 to 10 MiB here), not only the heap, so near the base the collector
// does run often: in the five-year report phase, with 13–17 MiB live, about every 20 ms, which
// the bench shows as no measurable cost. The rise above the base is for heaps it could not
// shrink at all, and leaves the heap its quarter whatever the overhead: without the overhead,
// 50 000 tiny files (20 MiB live from the start) had 2 MiB to allocate between collections,
// each marking the 20, and spent more time collecting than reading. With 4 MiB more room they
// took 1.6–1.7 s of CPU at 46–47 MiB, without it 1.8–2.1 s at 40–42 MiB (and five years 1.5 MiB
// more): the room is not worth its memory.
func memoryLimitFor(base, live, overhead int64) int64 {
	return max(base, live+live/4+overhead)
}

// governMemory sets the soft memory limit to base and keeps it at memoryLimitFor the live
// heap, read every governEvery, until stop is called.
func governMemory(base int64) (stop func()) {
	debug.SetMemoryLimit(base)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{
			{Name: "/gc/heap/live:bytes"},
			{Name: "/memory/classes/total:bytes"},
			{Name: "/memory/classes/heap/released:bytes"},
			{Name: "/memory/classes/heap/free:bytes"},
			{Name: "/memory/classes/heap/objects:bytes"},
		}
		tick := time.NewTicker(governEvery)
		defer tick.Stop()
		limit := base
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			var v [5]int64
			ok := true
			for i, s := range sample {
				if s.Value.Kind() != metrics.KindUint64 {
					ok = false
					break
				}
				v[i] = int64(s.Value.Uint64())
			}
			if !ok {
				continue
			}
			// What the limit counts besides the heap's objects and the free spans it can return.
			overhead := max(v[1]-v[2]-v[3]-v[4], 0)
			if l := memoryLimitFor(base, v[0], overhead); l != limit {
				limit = l
				debug.SetMemoryLimit(l)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
