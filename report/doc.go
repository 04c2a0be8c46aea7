// Package report turns an analysis.Result and the import log into what people read:
// report.xlsx for the physio and the -json document for scripts. It owns every presentation
// choice (sheets, cells, number formats, colours, wording of columns) and the JSON contract,
// as its own snake_case structs, so renaming a domain field cannot break anyone's scripts.
//
// It refuses to read input files or the clock: the same Result gives byte-identical output.
// It never writes GPS positions or place names: the domain types hold none.
package report
