package ingest

import (
	"fmt"
	"slices"
)

// This file words the warnings of a symptom log (LogResult.Warnings): most of its rows
// rejected, or a -date-order its dates contradict. Each says what to do about it.

// rejections are a log's rejected rows, in order, counting those rejected for their
// date's order: a text date the order read could not read, or would read another way.
type rejections struct {
	list       []*CellError
	byOrder    int
	firstOrder *CellError // the first rejected for its date's order
	firstOther *CellError // the first rejected for anything else
}

// newRejections starts with the rows that could not even be split into cells.
func newRejections(bad []*CellError) rejections {
	r := rejections{list: slices.Clone(bad)}
	if len(bad) > 0 {
		r.firstOther = bad[0]
	}
	return r
}

// add records a rejected row; byOrder says its date was refused for its order.
func (r *rejections) add(rej *CellError, byOrder bool) {
	switch {
	case byOrder && r.byOrder == 0:
		r.firstOrder = rej
	case !byOrder && len(r.list) == r.byOrder:
		r.firstOther = rej
	}
	r.list = append(r.list, rej)
	if byOrder {
		r.byOrder++
	}
}

// warnings words the warnings of a log file of rows logged rows (read or rejected), its
// dates surveyed in dates and read as asked: first a -date-order that the dates
// contradict (orderWarning), then most rows rejected, unless that is the same news.
func (r *rejections) warnings(file string, asked DateOrder, dates dateSurvey, rows int) []string {
	var out []string
	w := r.orderWarning(file, asked, dates, rows)
	if w != "" {
		out = append(out, w)
	}
	n := len(r.list)
	if 2*n <= rows {
		return out
	}
	byOrder := 2*r.byOrder > n // the dates' order is why most rows were rejected
	if w != "" && 2*r.byOrder >= n {
		return out // the order warning has said it
	}
	first, fix := r.firstOther, "correct the cells the Import log names, then run again"
	if byOrder {
		first, fix = r.firstOrder, dates.fix()
	}
	return append(out, fmt.Sprintf("%d of %d rows of %s were rejected (first: %s: %s): %s", n, rows, file, first.Cell(), first.Err, fix))
}

// orderWarning warns when an explicit -date-order dmy or mdy rejects dates that only the
// other order reads, and none of the column's dates needs the order asked: the other
// order then reads every text date of the column that is a date at all.
func (r *rejections) orderWarning(file string, asked DateOrder, dates dateSurvey, rows int) string {
	var other DateOrder
	switch asked {
	case DateDMY:
		other = DateMDY
	case DateMDY:
		other = DateDMY
	default:
		return ""
	}
	if dates.n[orderKind(other)] == 0 || dates.n[orderKind(asked)] > 0 || r.byOrder == 0 {
		return ""
	}
	w := fmt.Sprintf("-date-order %s rejects %d of %d rows of %s (first: %s: %s)", asked, r.byOrder, rows, file,
		r.firstOrder.Cell(), r.firstOrder.Err)
	if dates.n[dateEither] > 0 {
		w += " and may have moved others to the wrong month"
	}
	return w + fmt.Sprintf("; the dates look %s: give -date-order %s", orderWords(other), other)
}
