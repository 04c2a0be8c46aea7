// Package report turns an analysis.Result and the import log into what people read:
// report.xlsx for the physio and the -json document for scripts. It owns every presentation
// choice (sheets, cells, number formats, colours, wording of columns) and the JSON contract,
// as its own snake_case structs, so renaming a domain field cannot break anyone's scripts.
//
// Build lays the workbook out as plain values (sheets, cells, styles, tables, conditional
// formats, charts); WriteXLSX serializes it with excelize, writing sheets of 1 000 rows or
// more with the StreamWriter, through a zip writer that puts the parts in a fixed order. The
// Import log, a row per input file, is made a row at a time as it is written (Sheet.Later),
// its rows going straight into the archive a chunk at a time.
// WriteJSON fills the JSON structs and encodes them.
//
// It refuses to read input files or the clock: the same Result gives byte-identical output.
// It never writes GPS positions or place names: the domain types hold none.
package report
