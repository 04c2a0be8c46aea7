package ingest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLogWarnings(t *testing.T) {
	for _, tc := range []struct {
		name  string
		order DateOrder
		csv   string
		want  []string
	}{
		{"mdy on a day-first log: rejects 3 of 5, may misread 03/11",
			DateMDY, "Date,Pain\n19/10/2026,1\n20/10/2026,1\n03/11/2026,1\n21/10/2026,1\n2026-10-22,1\n",
			// Most rows are rejected, for the order: the order warning says it, once.
			[]string{`-date-order mdy rejects 3 of 5 rows of symptoms.csv (first: line 2, Date: "19/10/2026" is not a valid date in the order mdy) ` +
				`and may have moved others to the wrong month; the dates look day-first: give -date-order dmy`}},
		{"dmy on a month-first log: rejects 1 of 4, may misread 10/02",
			DateDMY, "Date,Pain\n10/19/2026,1\n10/02/2026,1\n2026-10-21,1\n2026-10-22,1\n",
			[]string{`-date-order dmy rejects 1 of 4 rows of symptoms.csv (first: line 2, Date: "10/19/2026" is not a valid date in the order dmy) ` +
				`and may have moved others to the wrong month; the dates look month-first: give -date-order mdy`}},
		{"mdy on a day-first log with no date that could be either",
			DateMDY, "Date,Pain\n19/10/2026,1\n2026-10-20,1\n",
			[]string{`-date-order mdy rejects 1 of 2 rows of symptoms.csv (first: line 2, Date: "19/10/2026" is not a valid date in the order mdy); ` +
				`the dates look day-first: give -date-order dmy`}},
		{"no order given (ISO only): 2 of 3 rejected for their dates",
			DateISO, "Date,Pain\n19/10/2026,1\n20/10/2026,1\n2026-10-21,1\n",
			[]string{`2 of 3 rows of symptoms.csv were rejected (first: line 2, Date: "19/10/2026" is not a YYYY-MM-DD date; ` +
				`run with -date-order dmy, mdy or ymd to read dates like it): the dates look day-first: give -date-order dmy`}},
		{"mdy on a log that mixes both: no order reads it all",
			DateMDY, "Date,Pain\n19/10/2026,1\n10/21/2026,1\n22/10/2026,1\n",
			[]string{`2 of 3 rows of symptoms.csv were rejected (first: line 2, Date: "19/10/2026" is not a valid date in the order mdy): ` +
				`the Date column mixes day-first and month-first dates: write them as YYYY-MM-DD`}},
		{"a wrong order and most rows rejected for other cells: both said, each with its first cell",
			DateMDY, "Date,Pain\n19/10/2026,1\n2026-10-20,x\n2026-10-21,x\n2026-10-22,x\n2026-10-23,1\n2026-10-24,1\n",
			[]string{
				`-date-order mdy rejects 1 of 6 rows of symptoms.csv (first: line 2, Date: "19/10/2026" is not a valid date in the order mdy); ` +
					`the dates look day-first: give -date-order dmy`,
				`4 of 6 rows of symptoms.csv were rejected (first: line 3, Pain: "x" is not a score from 0 to 10): ` +
					`correct the cells the Import log names, then run again`,
			}},
		{"every logged row rejected for its pain cell",
			DateAuto, "Date,Pain\n2026-10-19,x\n2026-10-20,11\n2026-10-21,\"\"\n2026-10-22,-1\n2026-10-23\n",
			// Line 4 has an empty pain cell (not logged): a date-only row, not counted.
			[]string{`3 of 3 rows of symptoms.csv were rejected (first: line 2, Pain: "x" is not a score from 0 to 10): ` +
				`correct the cells the Import log names, then run again`}},
		{"half the rows rejected is not most", DateAuto, "Date,Pain\n2026-10-19,x\n2026-10-20,1\n", nil},
		{"the right order: no warning", DateDMY, "Date,Pain\n19/10/2026,1\n03/11/2026,1\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readSymptoms(strings.NewReader(tc.csv), "symptoms.csv", Options{DateOrder: tc.order})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got.Warnings); d != "" {
				t.Errorf("warnings (-want +got):\n%s", d)
			}
		})
	}
}
