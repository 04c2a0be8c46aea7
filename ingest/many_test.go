package ingest_test

import (
	"context"
	"runtime"
	"testing"

	"runload/ingest"
	"runload/internal/hostilegen"
)

// maxHeldPerFile bounds what a batch of one-session files holds per file once read: its
// session (analysis.Session, 272 bytes), its import-log line (analysis.Input, 72) and its
// path (16 for these names); measured 356. The batch used to keep every file's path on disk
// as well (429).
const maxHeldPerFile = 400

// TestReadHoldsLittlePerFile: what a batch of many tiny files holds once read is its sessions
// and import-log lines, a few hundred bytes a file, and nothing the reading needed.
func TestReadHoldsLittlePerFile(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10 000 files")
	}
	const n = 10_000
	dir := t.TempDir()
	if err := hostilegen.TinyFiles(dir, n); err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	b, err := ingest.Read(context.Background(), []string{dir}, ingest.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	held := float64(int64(ms.HeapAlloc)-int64(before)) / n
	t.Logf("%d files: %.0f bytes held a file", n, held)
	if len(b.Sessions) != n || len(b.Inputs) != n {
		t.Fatalf("%d sessions, %d inputs; want %d of each", len(b.Sessions), len(b.Inputs), n)
	}
	if held > maxHeldPerFile {
		t.Errorf("%.0f bytes held a file once read, want at most %d", held, maxHeldPerFile)
	}
	runtime.KeepAlive(b)
}
