// Package benchcorpus writes deterministic benchmark corpora for issue 5: N years of daily
// activities built from the real watch files in shared/testdata/real, wrapped like a Garmin
// account export (zips in a zip), with a symptom log for the same days.
//
// The content stays real: each activity is a byte copy of a real FIT or GPX file whose
// timestamps are shifted to its day (FIT: every date_time field and the file CRC rewritten
// by a small FIT walker; GPX: every <time> element). The same seed gives byte-identical
// output. Nothing here is used by the analyze command itself.
package benchcorpus
