package ingest

import (
	"time"

	"runload/analysis"
)

// The rules every reader applies, written once.

// maxMovingGap is the longest gap between two samples or points that still counts as moving
// time (SPEC "Watch files": duration excludes gaps over 60 s between points). FIT, GPX and
// TCX use it alike.
const maxMovingGap = 60 * time.Second

// validHR reports whether v is a heart rate worth keeping (DOMAIN §1: 30–230 bpm), for a FIT
// byte, a GPX extension's integer or a TCX text value alike.
func validHR[T uint8 | int | float64](v T) bool {
	return float64(v) >= analysis.MinValidHR && float64(v) <= analysis.MaxValidHR
}
