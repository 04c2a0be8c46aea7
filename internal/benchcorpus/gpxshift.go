package benchcorpus

import (
	"fmt"
	"strings"
	"time"
)

// parseGPXTime reads an RFC 3339 time as GPX writers spell it, and returns the layout that
// writes it back in the same form: the same number of fraction digits, and Z, a numeric
// offset, or no zone at all (a time without zone is read as UTC).
func parseGPXTime(s string) (time.Time, string, error) {
	s = strings.TrimSpace(s)
	layout := "2006-01-02T15:04:05"
	rest := ""
	if len(s) > len(layout) {
		rest = s[len(layout):]
	}
	if i := strings.IndexByte(rest, '.'); i == 0 {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		layout += "." + strings.Repeat("0", n-1)
		rest = rest[n:]
	}
	switch {
	case rest == "Z":
		layout += "Z07:00"
	case rest == "":
	default:
		layout += "-07:00"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("reading GPX time %q: %w", s, err)
	}
	return t, layout, nil
}

// ShiftGPX returns a copy of a GPX file with every <time> element moved by delta, each
// written back in its own form. The rest of the file is copied byte for byte.
func ShiftGPX(data []byte, delta time.Duration) ([]byte, int, error) {
	out := make([]byte, 0, len(data)+64)
	last, moved := 0, 0
	for _, m := range gpxTime.FindAllSubmatchIndex(data, -1) {
		t, layout, err := parseGPXTime(string(data[m[2]:m[3]]))
		if err != nil {
			return nil, moved, err
		}
		out = append(out, data[last:m[2]]...)
		out = t.Add(delta).AppendFormat(out, layout)
		last = m[3]
		moved++
	}
	out = append(out, data[last:]...)
	return out, moved, nil
}
