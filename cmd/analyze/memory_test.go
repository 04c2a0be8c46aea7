package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestMemoryLimitFor(t *testing.T) {
	const base, mib = 32 << 20, 1 << 20
	for _, tc := range []struct{ live, overhead, want int64 }{
		{0, 0, base},
		{20 * mib, 0, base},              // 20 + 5 = 25 MiB: the base holds
		{24 * mib, 0, base},              // 24 + 6 = 30 MiB
		{28 * mib, 0, 35 * mib},          // 28 + 7
		{16 * mib, 8 * mib, base},        // 16 + 4 + 8 = 28 MiB
		{20 * mib, 8 * mib, 33 * mib},    // 20 + 5 + 8: the heap keeps its quarter beside the overhead
		{160 * mib, 0, 200 * mib},        // a 111-hour GPX track held whole: 160 + 40
		{160 * mib, 10 * mib, 210 * mib}, // and the runtime's 10
		{1 << 30, 0, (1 << 30) * 5 / 4},
	} {
		if got := memoryLimitFor(base, tc.live, tc.overhead); got != tc.want {
			t.Errorf("memoryLimitFor(32 MiB, %d MiB, %d MiB) = %.2f MiB, want %.2f MiB", tc.live/mib, tc.overhead/mib, float64(got)/mib, float64(tc.want)/mib)
		}
	}
}

// governMemory sets the base limit, raises it when the live heap needs more, and leaves it as
// it was told when stopped.
func TestGovernMemoryFollowsTheLiveHeap(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	const base = 16 << 20
	stop := governMemory(base)
	if got := debug.SetMemoryLimit(-1); got != base {
		t.Errorf("limit after start = %d, want %d", got, base)
	}
	held := make([]byte, 64<<20)
	for i := range held {
		held[i] = byte(i)
	}
	runtime.GC()
	want := memoryLimitFor(base, 64<<20, 0)
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < want && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(governEvery)
	}
	if got := debug.SetMemoryLimit(-1); got < want {
		t.Errorf("with 64 MiB live the limit is %d MiB, want at least %d MiB", got>>20, want>>20)
	}
	runtime.KeepAlive(held)
	stop()
	if got := debug.SetMemoryLimit(-1); got == math.MaxInt64 {
		t.Error("stopping the governor removed the limit")
	}
}
