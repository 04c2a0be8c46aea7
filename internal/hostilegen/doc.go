// Package hostilegen writes the hostile and broken inputs of issue 6 into a folder: zip and
// xlsx bombs, archives too deep or too full, files over the size caps, FIT headers claiming
// absurd sizes, GPX with too many points, CSV logs with enormous rows or in Windows-1252,
// spreadsheet formats that cannot be read, empty files, binary junk, broken .gz, a zip entry
// named ../../evil.gpx, looping links, an unreadable file and an entity-expansion TCX.
//
// Each input comes with what the import log must say about it (Case). The bombs and big
// files are sized against Limits, the small limits a test passes to ingest, so the folder
// stays a few megabytes and is written in well under a second; the default limits are
// proven by ingest's own tests. Nothing here is committed: tests generate into a temporary
// folder.
package hostilegen
