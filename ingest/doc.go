// Package ingest turns files into analysis values: FIT, GPX and TCX activities (also gzipped
// and inside zips, zips in zips, folders walked recursively), the symptom log and the plan
// (.xlsx or .csv), and the blank template of `analyze init`. It finds the same activity read
// twice and keeps one, and it owns the import log: every file appears in it with a status and
// a reason, and every rejected row names its file and cell.
//
// It refuses to analyse or to present: it never imports report, and it never logs. A bad
// file is a line in the import log, never a failed run and never a panic: each file is
// decoded behind its own recover, and Limits bound what one hostile input may cost (file
// size, track points, zip entries, unpacked bytes, nesting, log and row size, workbook
// size unpacked), each refusal naming the file and what to do. Archives are read in place,
// and each worker loads only the file it decodes, so memory stays flat with the export's size;
// what is kept of a file once read is its import-log line and its sessions.
package ingest
