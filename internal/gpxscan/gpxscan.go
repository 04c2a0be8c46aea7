// Package gpxscan reads the track points of a GPX document with a byte scanner, giving
// exactly what encoding/xml with go-gpx's point decoder (gpx.WptType) gives, about six times
// faster and without allocating per point (ingest's BenchmarkDecodeGPX). It reads only a subset of XML for which it can
// check that the answer is the same, and refuses anything else: the caller then reads the
// document with go-gpx.
package gpxscan

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A Point is one <trkpt> as go-gpx's WptType reads it.
type Point struct {
	Lat, Lon float64   // degrees; 0 when absent
	Time     time.Time // zero when absent
	// Ext is the raw inner XML of its <extensions>, the bytes go-gpx keeps in
	// Extensions.XML; nil when absent. It aliases the document.
	Ext []byte
}

// A Track is the <name> and <type> of a <trk>, their entities replaced ("" when absent).
type Track struct{ Name, Type string }

// Tracks reads the tracks of a GPX document: the <trk> elements directly under the root,
// with their <name> and <type> children, and the elements named trkpt inside a <trkseg>
// child. It calls visit for each point, with the index of its track in tracks and its
// segment's index within the track. It reports false when data is outside the subset it
// reads; visit may have been called for some points by then, and the caller must read the
// document again with go-gpx.
//
// The subset is a UTF-8 document with no control character other than tab, CR and LF, no
// "]]>", no DOCTYPE, CDATA section or character reference, whose names are ASCII with at
// most one colon inside, and whose XML declarations name UTF-8 (or no encoding) and
// version 1.0. Outside tracks, text and attribute values may hold the five predefined
// entities; inside a <trk>, only the track's <name> and <type> may (a Strava name holds
// "&amp;"), and nothing else may hold a '&'. Every tag is checked as encoding/xml checks it,
// up to the end of the root element (what follows it is not read, as with encoding/xml).
// A track's <name> and <type>, and a point's <time> and numeric children, must hold plain
// text, a point has at most one <time>, and every value go-gpx parses must parse.
func Tracks(data []byte, visit func(trk, seg int, p Point)) (tracks []Track, ok bool) {
	if !plainChars(data) || bytes.Contains(data, []byte("]]>")) {
		return nil, false
	}
	s := scanner{data: data, amp: bytes.IndexByte(data, '&') >= 0}
	return s.tracks(visit)
}

// zonelessLayout is go-gpx's second time layout: a time written without any zone, which
// go-gpx reads as UTC.
const zonelessLayout = "2006-01-02T15:04:05.999999999"

// scanner is the state of one Tracks call.
type scanner struct {
	data  []byte
	i     int      // read position in data
	amp   bool     // data holds a '&' somewhere: text and attribute values need checking
	inTrk bool     // inside a <trk>, where '&' is refused (but in its <name> and <type>)
	stk   [][]byte // names of the open elements, the root first

	// The tag read last by next.
	tag   int    // offset of its '<'
	name  []byte // its name, as written (prefix included)
	attrs []attr // its attributes, for a start tag
	empty bool   // a self-closing start tag: not pushed on stk
}

// attr is an attribute as written: its name and its value between the quotes.
type attr struct{ name, val []byte }

// token is what scanner.next read.
type token uint8

const (
	tokEOF   token = iota // the end of data, outside any tag
	tokStart              // a start tag (s.name, s.attrs, s.empty)
	tokEnd                // an end tag (s.name, s.tag) that closed the element on top of stk
)

// tracks walks the document as go-gpx reads it: <trk> elements directly under the root
// are tracks, their <name> and <type> children name them, a <trkseg> child starts a
// segment, and the elements named trkpt one level further down are points.
func (s *scanner) tracks(visit func(trk, seg int, p Point)) ([]Track, bool) {
	var (
		tracks []Track
		trk    = -1 // the index of the open track in tracks, -1 outside tracks
		seg    = -1
	)
	for {
		tok, ok := s.next()
		if !ok {
			return nil, false
		}
		switch tok {
		case tokEOF:
			// Before the root starts, text and comments may end the file; inside it, not.
			return tracks, len(s.stk) == 0
		case tokEnd:
			depth := len(s.stk)
			if depth == 1 && string(localName(s.name)) == "trk" {
				trk, s.inTrk = -1, false
			}
			if depth == 0 {
				return tracks, true // what follows the root element is not read
			}
		case tokStart:
			depth := len(s.stk) // of this element; the root is 1
			if s.empty {
				depth++
			}
			local := localName(s.name)
			switch {
			case depth == 2 && string(local) == "trk":
				trk, seg = len(tracks), -1
				tracks = append(tracks, Track{})
				s.inTrk = true
			case trk < 0:
			case depth == 3 && (string(local) == "name" || string(local) == "type"):
				// The five predefined entities are read here ("Run avec Nico &amp; Mag", a
				// Strava name); everywhere else inside a track a '&' falls back.
				s.inTrk = false
				text, ok := s.leafText()
				s.inTrk = true
				if !ok {
					return nil, false
				}
				if string(local) == "name" {
					tracks[trk].Name = unescapeXML(text)
				} else {
					tracks[trk].Type = unescapeXML(text)
				}
				continue
			case depth == 3 && string(local) == "trkseg":
				seg++
			case depth == 4 && string(local) == "trkpt":
				p, ok := s.point()
				if !ok {
					return nil, false
				}
				visit(trk, seg, p)
				continue
			}
			if s.empty { // the end half of a self-closing element
				depth--
				if depth == 1 && string(local) == "trk" {
					trk, s.inTrk = -1, false
				}
				if depth == 0 {
					return tracks, true
				}
			}
		}
	}
}

// point reads a <trkpt> whose start tag was just read, through its end tag, checking
// what go-gpx's WptType.UnmarshalXML checks: lat and lon attributes and numeric children
// parse, and <time> holds one of go-gpx's time layouts. Its other children are skipped.
func (s *scanner) point() (Point, bool) {
	var p Point
	for _, a := range s.attrs {
		var dst *float64
		switch string(localName(a.name)) {
		case "lat":
			dst = &p.Lat
		case "lon":
			dst = &p.Lon
		default:
			continue
		}
		v, ok := xmlFloat(normalizeCR(a.val))
		if !ok {
			return p, false
		}
		*dst = v // the last one wins, as in encoding/xml
	}
	if s.empty {
		return p, true
	}
	hasTime := false
	for {
		tok, ok := s.next()
		switch {
		case !ok || tok == tokEOF:
			return p, false
		case tok == tokEnd:
			return p, true // the children are read whole: this closed the <trkpt>
		}
		switch string(localName(s.name)) {
		case "time":
			if hasTime {
				return p, false
			}
			hasTime = true
			text, ok := s.leafText()
			if !ok {
				return p, false
			}
			if len(text) > 0 {
				if p.Time, ok = parseTime(text); !ok {
					return p, false
				}
			}
		case "ele", "speed", "course", "magvar", "geoidheight", "hdop", "vdop", "pdop", "ageofdgpsdata":
			text, ok := s.leafText()
			if !ok || !xmlFloatOK(text) {
				return p, false
			}
		case "sat", "dgpsid":
			text, ok := s.leafText()
			if !ok || !xmlIntOK(text) {
				return p, false
			}
		case "extensions":
			start := s.i
			if !s.empty {
				if !s.skip() {
					return p, false
				}
				p.Ext = s.data[start:s.tag:s.tag] // the last one wins, as in encoding/xml
			} else {
				p.Ext = s.data[start:start:start]
			}
		default:
			if !s.empty && !s.skip() {
				return p, false
			}
		}
	}
}

// leafText reads the text of the element whose start tag was just read, and its end tag.
// It accepts plain text only: any markup inside (a child, a comment) is left to go-gpx.
// The text comes with line ends normalised as encoding/xml does.
func (s *scanner) leafText() ([]byte, bool) {
	if s.empty {
		return nil, true
	}
	rest := s.data[s.i:]
	j := bytes.IndexByte(rest, '<')
	if j < 0 || j+1 >= len(rest) || rest[j+1] != '/' {
		return nil, false
	}
	text := rest[:j]
	if !s.textOK(text) {
		return nil, false
	}
	s.tag = s.i + j
	s.i += j + 2
	if !s.endTag() {
		return nil, false
	}
	return normalizeCR(text), true
}

// skip reads through the end tag of the element whose start tag was just read (and
// pushed); s.tag is then the offset of that end tag.
func (s *scanner) skip() bool {
	depth := len(s.stk)
	for {
		tok, ok := s.next()
		if !ok || tok == tokEOF {
			return false
		}
		if tok == tokEnd && len(s.stk) < depth {
			return true
		}
	}
}

// next reads up to and including the next start or end tag. Text, comments and
// processing instructions on the way are checked and passed over, as go-gpx ignores them
// everywhere except inside the text elements that leafText reads.
func (s *scanner) next() (token, bool) {
	d := s.data
	for {
		rest := d[s.i:]
		j := bytes.IndexByte(rest, '<')
		if j < 0 {
			s.i = len(d)
			return tokEOF, s.textOK(rest)
		}
		if j > 0 && !s.textOK(rest[:j]) {
			return 0, false
		}
		s.tag = s.i + j
		s.i += j + 2
		if s.i > len(d) {
			return 0, false
		}
		switch d[s.i-1] {
		case '/':
			return tokEnd, s.endTag()
		case '?':
			if !s.procInst() {
				return 0, false
			}
		case '!':
			if !s.comment() {
				return 0, false
			}
		default:
			s.i--
			return tokStart, s.startTag()
		}
	}
}

// startTag reads a start tag from its name on, and pushes it unless it is self-closing.
func (s *scanner) startTag() bool {
	name, ok := s.readName()
	if !ok {
		return false
	}
	d := s.data
	s.name, s.attrs = name, s.attrs[:0]
	for {
		s.skipSpace()
		if s.i >= len(d) {
			return false
		}
		switch d[s.i] {
		case '>':
			s.i++
			s.empty = false
			s.stk = append(s.stk, name)
			return true
		case '/':
			if s.i+1 < len(d) && d[s.i+1] == '>' {
				s.i += 2
				s.empty = true
				return true
			}
			return false
		}
		// encoding/xml (strict) needs name = "value" or 'value'; no space is needed
		// between two attributes.
		an, ok := s.readName()
		if !ok {
			return false
		}
		s.skipSpace()
		if s.i >= len(d) || d[s.i] != '=' {
			return false
		}
		s.i++
		s.skipSpace()
		if s.i >= len(d) || d[s.i] != '"' && d[s.i] != '\'' {
			return false
		}
		q := d[s.i]
		s.i++
		k := bytes.IndexByte(d[s.i:], q)
		if k < 0 {
			return false
		}
		v := d[s.i : s.i+k]
		if bytes.IndexByte(v, '<') >= 0 || !s.textOK(v) {
			return false
		}
		s.i += k + 1
		s.attrs = append(s.attrs, attr{an, v})
	}
}

// endTag reads an end tag from its name on: "name", spaces, ">". It must close the element
// on top of the stack, with the same name as written, as encoding/xml requires.
func (s *scanner) endTag() bool {
	n := len(s.stk)
	if n == 0 {
		return false
	}
	// The name readName would read is the whole run of name bytes at s.i; it matches
	// when that run is the open element's name (which readName accepted).
	name, d := s.stk[n-1], s.data
	end := s.i + len(name)
	if end >= len(d) || !bytes.Equal(d[s.i:end], name) || isNameByte(d[end]) || d[end] >= utf8.RuneSelf {
		return false
	}
	s.i = end
	s.skipSpace()
	if s.i >= len(d) || d[s.i] != '>' {
		return false
	}
	s.i++
	s.stk = s.stk[:n-1]
	s.name = name
	return true
}

// procInst reads a processing instruction after its "<?". An XML declaration ("xml"
// target) must say version 1.0 and UTF-8 when it says anything: encoding/xml refuses other
// versions and reads other encodings through a charset reader, which the scanner does not.
func (s *scanner) procInst() bool {
	target, ok := s.readName()
	if !ok {
		return false
	}
	s.skipSpace()
	k := bytes.Index(s.data[s.i:], []byte("?>"))
	if k < 0 {
		return false
	}
	content := string(s.data[s.i : s.i+k])
	s.i += k + 2
	if string(target) == "xml" {
		if v := xmlProcInstParam("version", content); v != "" && v != "1.0" {
			return false
		}
		if e := xmlProcInstParam("encoding", content); e != "" && !strings.EqualFold(e, "utf-8") {
			return false
		}
	}
	return true
}

// comment reads a comment after its "<": "!--", then up to the first "--", which must be
// followed by ">" (encoding/xml's rule). Anything else after "<!" (a DOCTYPE, CDATA) is
// refused.
func (s *scanner) comment() bool {
	d := s.data
	if !bytes.HasPrefix(d[s.i-1:], []byte("!--")) {
		return false
	}
	body := s.i + 2
	k := bytes.Index(d[body:], []byte("--"))
	if k < 0 || body+k+2 >= len(d) || d[body+k+2] != '>' {
		return false
	}
	s.i = body + k + 3
	return true
}

// readName reads an XML name at s.i: an ASCII letter or '_', then letters, digits, '_',
// '-', '.' and at most one ':' with a letter before it and something after it, so that its
// local name is what encoding/xml makes of it. A non-ASCII byte right after the name, or
// the end of data, is refused (encoding/xml would read on, or fail).
func (s *scanner) readName() ([]byte, bool) {
	d := s.data
	start := s.i
	if start >= len(d) {
		return nil, false
	}
	if c := d[start]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_') {
		return nil, false
	}
	i, colon := start+1, -1
	for ; i < len(d); i++ {
		c := d[i]
		if !isNameByte(c) {
			break
		}
		if c == ':' {
			if colon >= 0 {
				return nil, false
			}
			colon = i
		}
	}
	if i >= len(d) || d[i] >= utf8.RuneSelf || colon == i-1 {
		return nil, false
	}
	s.i = i
	return d[start:i], true
}

// isNameByte reports whether c is an ASCII byte encoding/xml reads as part of a name.
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '_' || c == '-' || c == '.' || c == ':'
}

// skipSpace passes over the white space encoding/xml allows between the parts of a tag.
func (s *scanner) skipSpace() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		default:
			return
		}
	}
}

// textOK checks the '&'s of text or of an attribute value: none inside a track, and only
// the five predefined entities elsewhere (the others, and character references, are left
// to encoding/xml).
func (s *scanner) textOK(b []byte) bool {
	if !s.amp {
		return true
	}
	for {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return true
		}
		if s.inTrk {
			return false
		}
		b = b[i+1:]
		n := 0
		switch {
		case bytes.HasPrefix(b, []byte("amp;")):
			n = 4
		case bytes.HasPrefix(b, []byte("lt;")), bytes.HasPrefix(b, []byte("gt;")):
			n = 3
		case bytes.HasPrefix(b, []byte("apos;")), bytes.HasPrefix(b, []byte("quot;")):
			n = 5
		default:
			return false
		}
		b = b[n:]
	}
}

// xmlEntities replaces the five predefined entities, in one pass left to right as
// encoding/xml reads them ("&amp;lt;" is "&lt;").
var xmlEntities = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&apos;", "'", "&quot;", `"`)

// unescapeXML returns text with its predefined entities replaced; textOK has refused any
// other '&'.
func unescapeXML(text []byte) string {
	if bytes.IndexByte(text, '&') < 0 {
		return string(text)
	}
	return xmlEntities.Replace(string(text))
}

// localName returns the local part of a name read by readName: what follows its colon.
func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// normalizeCR rewrites "\r\n" and a lone "\r" to "\n", as encoding/xml does in text and
// attribute values. b is returned as is when it holds no '\r'.
func normalizeCR(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		}
		out = append(out, c)
	}
	return out
}

// xmlFloat parses b as encoding/xml's copyValue parses a float64: empty is 0, otherwise
// strconv.ParseFloat of the text without surrounding space.
func xmlFloat(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, true
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(string(b)), 64)
	return v, err == nil
}

// xmlFloatOK reports whether xmlFloat accepts b. A plain decimal ("1531.4000244140625",
// "-3") is accepted without parsing it: strconv.ParseFloat reads any such string of up to
// 300 digits (it can neither overflow nor be malformed).
func xmlFloatOK(b []byte) bool {
	if len(b) > 0 && len(b) <= 300 {
		i := 0
		if b[0] == '-' || b[0] == '+' {
			i++
		}
		digits, dot := 0, false
		for ; i < len(b); i++ {
			switch c := b[i]; {
			case '0' <= c && c <= '9':
				digits++
				continue
			case c == '.' && !dot:
				dot = true
				continue
			}
			break
		}
		if i == len(b) && digits > 0 {
			return true
		}
	}
	_, ok := xmlFloat(b)
	return ok
}

// xmlIntOK reports whether encoding/xml's copyValue accepts b for an int.
func xmlIntOK(b []byte) bool {
	if len(b) == 0 {
		return true
	}
	_, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, strconv.IntSize)
	return err == nil
}

// parseTime parses a <time> text as go-gpx's parseTime does with its default layouts:
// RFC 3339, else the same without a zone (read as UTC).
func parseTime(b []byte) (time.Time, bool) {
	v := string(b)
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, true
	}
	t, err := time.Parse(zonelessLayout, v)
	return t, err == nil
}

// xmlProcInstParam returns the value of param in the content of a processing instruction,
// exactly as encoding/xml's procInst finds the version and encoding of a declaration
// (including its quirks: no space is allowed around '=').
func xmlProcInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// plainChars reports whether data is valid UTF-8 with only characters encoding/xml
// accepts in text: no control character but tab, LF and CR, and no U+FFFE or U+FFFF.
// (encoding/xml checks text and attribute values only; the scanner asks it everywhere.)
func plainChars(data []byte) bool {
	const lows, highs = 0x2020202020202020, 0x8080808080808080
	i := 0
	for i < len(data) {
		if i+8 <= len(data) {
			// Eight printable ASCII bytes at once: no byte below 0x20 and none from 0x80.
			if w := binary.LittleEndian.Uint64(data[i:]); (w-lows|w)&highs == 0 {
				i += 8
				continue
			}
		}
		c := data[i]
		switch {
		case c >= 0x20 && c < utf8.RuneSelf:
			i++
		case c < 0x20:
			if c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
				return false
			}
			i += size
		}
	}
	return true
}
