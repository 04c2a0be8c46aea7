package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"

	"runload/analysis"
	"runload/internal/fitfast"
)

const (
	// fitEpochUnix is the FIT time origin, 1989-12-31 00:00:00 UTC, in Unix seconds; FIT
	// timestamps count seconds from it.
	fitEpochUnix = 631065600
	// fitClockUnset: timestamps below this are seconds since the watch was switched on,
	// because its clock was never set (FIT protocol, "date_time").
	fitClockUnset = 0x10000000
	fitNoTime     = math.MaxFloat64 // a sample without a timestamp
)

// decodeFIT returns the sessions in one FIT file and the number of records decoded.
// It reads chained FIT sequences and trailing heart-rate parts, checks each part's CRC
// itself, and keeps whatever decoded when the file is damaged. It never panics: a panic in
// the decoder becomes status error.
func decodeFIT(data []byte, name string, opt Options) (res FileResult, records int) {
	res, records, _ = decodeFITWith(data, name, opt, fitAuto)
	return res, records
}

// fitPath chooses the FIT decoder of decodeFITWith.
type fitPath int

const (
	fitAuto      fitPath = iota // fitfast when it handles the file, else muktihari/fit
	fitMuktihari                // muktihari/fit only
	fitFastOnly                 // fitfast only; fast is false (and the result empty) when it does not handle the file
)

// decodeFITWith is decodeFIT with the decoder chosen; fast reports that fitfast read the file.
// Both give the same result for every file fitfast handles (TestFITFastMatchesMuktihari).
func decodeFITWith(data []byte, name string, opt Options, path fitPath) (res FileResult, records int, fast bool) {
	if path != fitMuktihari {
		if res, records, ok := decodeFITFast(data, name, opt); ok || path == fitFastOnly {
			return res, records, ok
		}
	}
	defer func() {
		if r := recover(); r != nil {
			res = FileResult{Status: analysis.StatusError, Detail: fmt.Sprintf("decoding %s: panic in fit decoder: %v", name, r)}
			records = 0
		}
	}()
	var notes []string
	buf := data // what is decoded: data, or a repaired copy of it
	l, err := decodeFITPass(buf, nil)
	if err != nil && isFITBaseTypeError(err) && l.records == 0 {
		// GoldenCheetah re-saves write base-type bytes without the endian flag (0x06 for
		// 0x86 uint32). Set the flag in a copy and decode again.
		if fixed, n := repairFITBaseTypes(data); n > 0 {
			if l2, err2 := decodeFITPass(fixed, nil); err2 == nil || l2.records > l.records {
				buf, l, err = fixed, l2, err2
				notes = append(notes, fmt.Sprintf("repaired %d base-type bytes without the endian flag", n))
			}
		}
	}
	if w := l.windows(); len(w) > 1 && l.straddles(w) {
		// Multisport files that write every session message after all the records: the
		// first pass could not split the records between sessions, so decode again with
		// the session windows known from the start. The error is the same as before.
		l, _ = decodeFITPass(buf, w)
	}
	res = l.result(data, name, opt, err, notes)
	return res, l.records, false
}

// fitDecoders holds fitfast decoders (about 8 KB of definition tables each) for reuse.
var fitDecoders = sync.Pool{New: func() any { return new(fitfast.Decoder) }}

// decodeFITFast reads data with fitfast into the same listener muktihari feeds; ok is false
// when fitfast does not handle the file (or panics), and the file is then muktihari's.
func decodeFITFast(data []byte, name string, opt Options) (res FileResult, records int, ok bool) {
	res, records, ok, _ = decodeFITFastWhy(data, name, opt)
	return res, records, ok
}

// decodeFITFastWhy is decodeFITFast, saying why fitfast did not handle the file.
func decodeFITFastWhy(data []byte, name string, opt Options) (res FileResult, records int, ok bool, why string) {
	defer func() {
		if r := recover(); r != nil {
			res, records, ok, why = FileResult{}, 0, false, fmt.Sprint("panic: ", r)
		}
	}()
	dec := fitDecoders.Get().(*fitfast.Decoder)
	defer fitDecoders.Put(dec)
	l, parts, ok := decodeFastPass(dec, data)
	if !ok && dec.Why() == whyInvalidBaseType && l.records == 0 {
		// As in decodeFITWith: a GoldenCheetah re-save's base-type bytes lack the endian
		// flag. muktihari stops at the first with no record read, the flags are set in a copy
		// and it decodes again; the copy is used when it holds records. fitfast reads the
		// copy the same way; the parts and their CRCs are the file's own, found in data.
		if fixed, n := repairFITBaseTypes(data); n > 0 {
			if l2, parts2, ok2 := decodeFastPass(dec, fixed); ok2 && l2.records > 0 {
				l2.parts = len(parts2)
				note := fmt.Sprintf("repaired %d base-type bytes without the endian flag", n)
				return l2.result(data, name, opt, nil, []string{note}), l2.records, true, ""
			}
		}
	}
	if !ok {
		return FileResult{}, 0, false, dec.Why()
	}
	l.parts = len(parts)
	l.knownParts = make([]fitPart, len(parts))
	for i, p := range parts {
		l.knownParts[i] = fitPart{off: p.Off, end: p.End, size: p.Size, crcOK: p.CRCOK}
	}
	return l.result(data, name, opt, nil, nil), l.records, true, ""
}

// whyInvalidBaseType is fitfast's reason for a field definition whose base type the FIT
// protocol does not define.
const whyInvalidBaseType = "an invalid base type"

// decodeFastPass reads data with dec into a new listener, and again with the session windows
// known from the start when the records straddle them (as decodeFITWith does); ok is false
// when fitfast does not handle data, and the listener then holds what was read before.
func decodeFastPass(dec *fitfast.Decoder, data []byte) (*fitListener, []fitfast.Part, bool) {
	l := &fitListener{fileType: -1}
	parts, ok := dec.Decode(data, l)
	if !ok {
		return l, nil, false
	}
	if w := l.windows(); len(w) > 1 && l.straddles(w) {
		l = &fitListener{fixed: w, fileType: -1}
		if parts, ok = dec.Decode(data, l); !ok {
			return l, nil, false
		}
	}
	return l, parts, true
}

// isFITBaseTypeError reports whether err is muktihari's unexported "invalid basetype" error.
func isFITBaseTypeError(err error) bool { return strings.Contains(err.Error(), "invalid basetype") }

// decodeFITPass decodes every FIT sequence of data into a new listener. With windows set,
// records and heart-rate samples are routed to the session windows given; otherwise they go
// into chunks split at lap, session and sport messages.
func decodeFITPass(data []byte, windows []fitWindow) (*fitListener, error) {
	l := &fitListener{fixed: windows, fileType: -1}
	dec := decoder.New(bytes.NewReader(data), decoder.WithFactory(&fitFactory{}),
		decoder.WithMesgListener(l), decoder.WithBroadcastOnly(), decoder.WithIgnoreChecksum())
	var err error
	for dec.Next() {
		if _, err = dec.Decode(); err != nil {
			break
		}
		l.parts++
	}
	return l, err
}

// fitFactory is the standard FIT profile with one field base per message and field number,
// reused for every message of a decode. muktihari's factory allocates a new base for every
// unknown field of every message (Garmin records carry several): half of all the memory
// allocated reading an export, and so most of the garbage collector's work. Reusing them is
// safe because the decoder rewrites an unknown field's type from its definition each time it
// creates it, and with WithBroadcastOnly no message outlives the listener's call.
type fitFactory struct {
	bases [fitProfileMesgs]*[256]*proto.FieldBase // by message number, filled on first use
	mfg   map[uint32]*proto.FieldBase             // message numbers past the profile's
}

// fitProfileMesgs bounds the message numbers of the profile (muktihari's factory table).
const fitProfileMesgs = 472

// CreateField implements decoder.Factory.
func (f *fitFactory) CreateField(mesgNum typedef.MesgNum, num byte) proto.Field {
	var slot **proto.FieldBase
	if mesgNum < fitProfileMesgs {
		t := f.bases[mesgNum]
		if t == nil {
			t = new([256]*proto.FieldBase)
			f.bases[mesgNum] = t
		}
		slot = &t[num]
	} else {
		key := uint32(mesgNum)<<8 | uint32(num)
		if b, ok := f.mfg[key]; ok {
			return proto.Field{FieldBase: b}
		}
		if f.mfg == nil {
			f.mfg = make(map[uint32]*proto.FieldBase)
		}
		fld := factory.StandardFactory().CreateField(mesgNum, num)
		f.mfg[key] = fld.FieldBase
		return fld
	}
	if *slot == nil {
		*slot = factory.StandardFactory().CreateField(mesgNum, num).FieldBase
	}
	return proto.Field{FieldBase: *slot}
}

// fitWindow is the time span of one session message, in seconds since the FIT epoch.
type fitWindow struct{ start, end float64 }

// fitChunk aggregates consecutive samples (records, or strap heart-rate samples). A session
// is built from the chunks that fall in its window, so no per-record data is kept.
type fitChunk struct {
	first, last float64 // sample times (noTime when no sample had one)
	n           int     // samples
	moving      float64 // seconds between consecutive samples, gaps over maxGap excluded
	hrSum, hrN  int
	hrMax       int
	hist        *analysis.HRHistogram
	distAcc     float64 // metres: sum of forward steps of the record distance
	hasDist     bool
	win         int // session window index in the fixed-window pass, else -1
}

func newFITChunk(win int) *fitChunk { return &fitChunk{first: fitNoTime, last: fitNoTime, win: win} }

// fitStream is one series of samples (records, or the strap's hr messages) cut into chunks.
type fitStream struct {
	chunks   []*fitChunk
	cur      *fitChunk
	prevT    float64   // time of the previous timed sample
	prevHR   int       // its heart rate (0 when none)
	prevC    *fitChunk // the chunk it went to
	prevDist float64
	hasPrevD bool
}

// split makes the next sample start a new chunk.
func (s *fitStream) split() { s.cur = nil }

// add adds one sample: t in seconds since the FIT epoch (noTime when unknown), bpm (0 when
// none), dist in metres (NaN when none). c is the chunk the sample belongs to.
func (s *fitStream) add(c *fitChunk, t float64, bpm int, dist float64) {
	c.n++
	if t != fitNoTime {
		if c.first == fitNoTime || t < c.first {
			c.first = t
		}
		if c.last == fitNoTime || t > c.last {
			c.last = t
		}
		if s.prevC != nil {
			// Δt to this sample belongs to the previous one: its heart rate held until now.
			if dt := t - s.prevT; dt > 0 && dt <= maxMovingGap.Seconds() && (s.prevC.win < 0 || s.prevC.win == c.win) {
				s.prevC.moving += dt
				if s.prevHR > 0 {
					if s.prevC.hist == nil {
						s.prevC.hist = new(analysis.HRHistogram)
					}
					s.prevC.hist.Add(s.prevHR, time.Duration(dt*float64(time.Second)))
				}
			}
		}
		s.prevT, s.prevHR, s.prevC = t, bpm, c
	}
	if bpm > 0 {
		c.hrSum += bpm
		c.hrN++
		c.hrMax = max(c.hrMax, bpm)
	}
	if !math.IsNaN(dist) {
		if s.hasPrevD && dist >= s.prevDist {
			c.distAcc += dist - s.prevDist
		}
		c.hasDist = true
		s.prevDist, s.hasPrevD = dist, true
	}
}

// fitSession is what one session message said; absent values are NaN or 0 as noted.
type fitSession struct {
	start, end     float64 // window, seconds since the FIT epoch (end may be +Inf)
	startTS        uint32  // raw start_time, for the clock check
	timer, elapsed float64 // seconds, NaN when absent
	dist, ascent   float64 // metres, NaN when absent
	avgHR, maxHR   int     // 0 when absent
	rpe            float64 // 0–10, NaN when absent
	sport          typedef.Sport
	sub            typedef.SubSport
	hasStart       bool
}

// fitListener keeps the per-file facts and the chunked record and heart-rate streams while
// the decoder broadcasts messages. Messages are short-lived: nothing of them is retained.
type fitListener struct {
	fixed    []fitWindow // session windows known before decoding (second pass), else nil
	fileType int         // file_id.type of the first file_id, -1 when none
	parts    int         // FIT sequences decoded without error
	// knownParts are the file's parts with their CRC checked, when the decoder gave them
	// (fitfast); nil when problems must find them.
	knownParts []fitPart
	records    int

	sessions []fitSession
	rec, hr  fitStream
	sport    typedef.Sport // from the sport message or a lap, for sessions rebuilt from records
	subSport typedef.SubSport
	hasSport bool

	offset    int64 // activity local_timestamp − timestamp, seconds
	hasOffset bool
	badOffset bool
	created   uint32 // file_id.time_created, for files without any timestamp

	hrMax, hrRest int // user profile / zones, 0 when absent
	hrZoneMax     int // highest hr_zone high_bpm, the fallback for hrMax
	female        int // 0 unknown, 1 female, 2 male

	anchorT   float64 // hr messages: anchor time (s since FIT epoch)
	anchorEvt uint32  // and its event_timestamp, 1/1024 s
	hasAnchor bool
	hrWin     []fitWindow // session windows for routing hr samples in the first pass
	hrWinN    int         // len(sessions) when hrWin was computed
	strapUsed bool        // some session took its heart rate from the hr messages

	// timestamp_correlation: UTC − system time, for watches whose clock was never set (VIRB).
	corrShift float64
	hasCorr   bool
}

// OnMesg implements decoder.MesgListener: it reads from muktihari's message the fields
// fitfast would read (an absent field gives its type's invalid value) and hands them on.
func (l *fitListener) OnMesg(m proto.Message) {
	spec := fitfast.Spec(uint16(m.Num))
	if spec == nil {
		return
	}
	var fm fitfast.Mesg
	fm.Num = uint16(m.Num)
	for _, f := range spec.Fields {
		switch f.Size {
		case 1:
			fm.V[f.Slot] = uint32(fitU8(&m, f.Num))
		case 2:
			fm.V[f.Slot] = uint32(fitU16(&m, f.Num))
		default:
			fm.V[f.Slot] = fitU32(&m, f.Num)
		}
	}
	if m.Num == mesgnum.Hr {
		if f := m.FieldByNum(fieldnum.HrEventTimestamp); f != nil {
			fm.HasEventTimestamp = true
			fm.EventTimestamp = f.Value.SliceUint32()
			if fm.EventTimestamp == nil {
				if v := f.Value.Uint32(); v != basetype.Uint32Invalid {
					fm.EventTimestamp = []uint32{v}
				}
			}
		}
		if bf := m.FieldByNum(fieldnum.HrFilteredBpm); bf != nil {
			fm.FilteredBpm = bf.Value.SliceUint8()
			if fm.FilteredBpm == nil {
				if v := bf.Value.Uint8(); v != basetype.Uint8Invalid {
					fm.FilteredBpm = []uint8{v}
				}
			}
		}
	}
	l.OnFITMesg(&fm)
}

// OnFITMesg implements fitfast.Handler: one message, from fitfast or from muktihari.
func (l *fitListener) OnFITMesg(m *fitfast.Mesg) {
	u8 := func(i int) uint8 { return uint8(m.V[i]) }
	switch m.Num {
	case fitfast.MesgRecord:
		l.onRecord(m)
	case fitfast.MesgHR:
		l.onHR(m)
	case fitfast.MesgLap:
		if !l.hasSport {
			if s := typedef.Sport(u8(fitfast.LapSport)); s != typedef.SportInvalid {
				l.sport, l.subSport, l.hasSport = s, typedef.SubSport(u8(fitfast.LapSubSport)), true
			}
		}
		l.rec.split()
	case fitfast.MesgSession:
		l.onSession(m)
		l.rec.split()
	case fitfast.MesgSport:
		if s := typedef.Sport(u8(fitfast.SportSport)); s != typedef.SportInvalid {
			l.sport, l.subSport, l.hasSport = s, typedef.SubSport(u8(fitfast.SportSubSport)), true
		}
		l.rec.split()
	case fitfast.MesgFileID:
		if l.fileType < 0 {
			l.fileType = int(u8(fitfast.FileIDType))
			l.created = m.V[fitfast.FileIDTimeCreated]
		}
	case fitfast.MesgActivity:
		ts, lt := m.V[fitfast.ActivityTimestamp], m.V[fitfast.ActivityLocalTimestamp]
		if l.hasOffset || ts == basetype.Uint32Invalid || lt == basetype.Uint32Invalid || lt == 0 {
			return
		}
		if off := int64(lt) - int64(ts); plausibleFITOffset(off) {
			l.offset, l.hasOffset = off, true
		} else {
			l.badOffset = true
		}
	case fitfast.MesgUserProfile:
		if v := u8(fitfast.UserProfileDefaultMaxHeartRate); validHR(v) && l.hrMax == 0 {
			l.hrMax = int(v)
		}
		if v := u8(fitfast.UserProfileRestingHeartRate); v > 0 && v < 255 {
			l.hrRest = int(v)
		}
		switch typedef.Gender(u8(fitfast.UserProfileGender)) {
		case typedef.GenderFemale:
			l.female = 1
		case typedef.GenderMale:
			l.female = 2
		}
	case fitfast.MesgHRZone:
		if v := u8(fitfast.HRZoneHighBpm); validHR(v) {
			l.hrZoneMax = max(l.hrZoneMax, int(v))
		}
	case fitfast.MesgTimestampCorrelation:
		ts, sys := m.V[fitfast.TimestampCorrelationTimestamp], m.V[fitfast.TimestampCorrelationSystemTimestamp]
		if !l.hasCorr && ts != basetype.Uint32Invalid && sys != basetype.Uint32Invalid && ts >= fitClockUnset && sys < fitClockUnset {
			l.corrShift, l.hasCorr = float64(ts)-float64(sys), true
			lt := m.V[fitfast.TimestampCorrelationLocalTimestamp]
			if off := int64(lt) - int64(ts); !l.hasOffset && lt != basetype.Uint32Invalid && plausibleFITOffset(off) {
				l.offset, l.hasOffset = off, true
			}
		}
	case fitfast.MesgZonesTarget:
		if v := u8(fitfast.ZonesTargetMaxHeartRate); validHR(v) {
			l.hrMax = int(v) // the zones the watch used win over the profile default
		}
	}
}

// plausibleFITOffset reports whether off seconds is a real UTC offset: within ±14 h, whole quarter hours.
func plausibleFITOffset(off int64) bool { return off >= -14*3600 && off <= 14*3600 && off%(15*60) == 0 }

// fitU8 and fitU32 read a field by number as the profile's type; absent fields give the invalid value.
func fitU8(m *proto.Message, num byte) uint8 {
	if f := m.FieldByNum(num); f != nil {
		return f.Value.Uint8()
	}
	return basetype.Uint8Invalid
}

func fitU16(m *proto.Message, num byte) uint16 {
	if f := m.FieldByNum(num); f != nil {
		return f.Value.Uint16()
	}
	return basetype.Uint16Invalid
}

func fitU32(m *proto.Message, num byte) uint32 {
	if f := m.FieldByNum(num); f != nil {
		return f.Value.Uint32()
	}
	return basetype.Uint32Invalid
}

// fitScaled returns a uint32 value divided by scale, NaN when invalid.
func fitScaled(v uint32, scale float64) float64 {
	if v == basetype.Uint32Invalid {
		return math.NaN()
	}
	return float64(v) / scale
}

// fitWindowIndex returns the fixed window that holds t: the last one starting at or before t,
// if t is not past its end; -1 otherwise.
func fitWindowIndex(w []fitWindow, t float64) int {
	i := sort.Search(len(w), func(i int) bool { return w[i].start > t }) - 1
	if i < 0 || t > w[i].end {
		return -1
	}
	return i
}

// chunkFor returns the chunk a sample at time t goes to.
func (l *fitListener) chunkFor(s *fitStream, t float64) *fitChunk {
	if l.fixed == nil {
		if s.cur == nil {
			s.cur = newFITChunk(-1)
			s.chunks = append(s.chunks, s.cur)
		}
		return s.cur
	}
	i := -1
	if t != fitNoTime {
		i = fitWindowIndex(l.fixed, t)
	}
	if s.cur == nil || s.cur.win != i {
		s.cur = newFITChunk(i)
		s.chunks = append(s.chunks, s.cur)
	}
	return s.cur
}

func (l *fitListener) onRecord(m *fitfast.Mesg) {
	l.records++
	t := fitNoTime
	if ts := m.V[fitfast.RecordTimestamp]; ts != basetype.Uint32Invalid {
		t = float64(ts)
	}
	bpm := 0
	if v := uint8(m.V[fitfast.RecordHeartRate]); validHR(v) {
		bpm = int(v)
	}
	l.rec.add(l.chunkFor(&l.rec, t), t, bpm, fitScaled(m.V[fitfast.RecordDistance], 100))
}

// onHR merges the strap's stored heart rate (hr messages, usually in a trailing part after
// the activity) the way the FIT SDK's HrToRecordMesgBroadcastPlugin does: an hr message with
// a timestamp is an anchor (timestamp + fractional_timestamp, and its one event_timestamp);
// each filtered_bpm[i] happened at anchor + (event_timestamp[i] − anchor event_timestamp),
// event timestamps counting 1/1024 s and rolling over at 2^32.
func (l *fitListener) onHR(m *fitfast.Mesg) {
	if !m.HasEventTimestamp {
		return
	}
	evts := m.EventTimestamp
	if ts := m.V[fitfast.HRTimestamp]; ts != basetype.Uint32Invalid && ts != 0 && len(evts) > 0 {
		l.anchorT = float64(ts)
		if fr := uint16(m.V[fitfast.HRFractionalTimestamp]); fr != basetype.Uint16Invalid {
			l.anchorT += float64(fr) / 32768
		}
		l.anchorEvt, l.hasAnchor = evts[0], true
	}
	if !l.hasAnchor {
		return
	}
	bpms := m.FilteredBpm
	for i := range min(len(evts), len(bpms)) {
		t := l.anchorT + float64(evts[i]-l.anchorEvt)/1024
		bpm := 0
		if validHR(bpms[i]) {
			bpm = int(bpms[i])
		}
		l.hr.add(l.chunkForHR(t), t, bpm, math.NaN())
	}
}

// chunkFor returns the chunk a strap sample goes to. The hr part normally follows the
// sessions, so their windows are known by then even in the first pass.
func (l *fitListener) chunkForHR(t float64) *fitChunk {
	if l.fixed != nil {
		return l.chunkFor(&l.hr, t)
	}
	if l.hrWinN != len(l.sessions) { // recompute only when a session message came in between
		l.hrWin, l.hrWinN = l.windows(), len(l.sessions)
	}
	i := fitWindowIndex(l.hrWin, t)
	if l.hr.cur == nil || l.hr.cur.win != i {
		l.hr.cur = newFITChunk(i)
		l.hr.chunks = append(l.hr.chunks, l.hr.cur)
	}
	return l.hr.cur
}

func (l *fitListener) onSession(m *fitfast.Mesg) {
	s := fitSession{
		timer:   fitScaled(m.V[fitfast.SessionTotalTimerTime], 1000),
		elapsed: fitScaled(m.V[fitfast.SessionTotalElapsedTime], 1000),
		dist:    fitScaled(m.V[fitfast.SessionTotalDistance], 100),
		ascent:  math.NaN(),
		rpe:     math.NaN(),
		sport:   typedef.Sport(uint8(m.V[fitfast.SessionSport])),
		sub:     typedef.SubSport(uint8(m.V[fitfast.SessionSubSport])),
	}
	if v := uint16(m.V[fitfast.SessionTotalAscent]); v != basetype.Uint16Invalid {
		s.ascent = float64(v)
	}
	if v := uint8(m.V[fitfast.SessionAvgHeartRate]); validHR(v) {
		s.avgHR = int(v)
	}
	if v := uint8(m.V[fitfast.SessionMaxHeartRate]); validHR(v) {
		s.maxHR = int(v)
	}
	if v := uint8(m.V[fitfast.SessionWorkoutRPE]); v <= 100 {
		s.rpe = float64(v) / 10
	}
	end := m.V[fitfast.SessionTimestamp]
	if st := m.V[fitfast.SessionStartTime]; st != basetype.Uint32Invalid {
		s.startTS, s.start, s.hasStart = st, float64(st), true
	} else if end != basetype.Uint32Invalid && !math.IsNaN(s.elapsed) {
		s.startTS = end - uint32(s.elapsed)
		s.start, s.hasStart = float64(s.startTS), true
	}
	switch {
	case !math.IsNaN(s.elapsed):
		s.end = s.start + s.elapsed
	case end != basetype.Uint32Invalid && float64(end) >= s.start:
		s.end = float64(end)
	default:
		s.end = math.Inf(1)
	}
	l.sessions = append(l.sessions, s)
}

// windows returns the session windows in start order, each ending at most where the next starts.
func (l *fitListener) windows() []fitWindow {
	if l.fixed != nil {
		return l.fixed
	}
	var w []fitWindow
	for _, s := range l.sessions {
		if s.hasStart {
			w = append(w, fitWindow{s.start, s.end})
		}
	}
	sort.SliceStable(w, func(i, j int) bool { return w[i].start < w[j].start })
	return w
}

// straddles reports whether some record or heart-rate chunk spans two session windows, so
// that its samples cannot be given to one session without a second, window-routed pass.
func (l *fitListener) straddles(w []fitWindow) bool {
	for _, cs := range [][]*fitChunk{l.rec.chunks, l.hr.chunks} {
		for _, c := range cs {
			if c.first == fitNoTime || c.hrN == 0 && !c.hasDist && c.moving == 0 {
				continue
			}
			n := 0
			for _, x := range w {
				if c.first < x.end && c.last > x.start {
					n++
				}
			}
			if n > 1 {
				return true
			}
		}
	}
	return false
}

// fitSessionChunks returns the chunks of cs that belong to window i of w: in the fixed pass
// their own window; otherwise the window holding the chunk's first sample, or its last.
func fitSessionChunks(cs []*fitChunk, w []fitWindow, i int, fixed bool) []*fitChunk {
	var out []*fitChunk
	for _, c := range cs {
		if c.win >= 0 || fixed {
			if c.win == i {
				out = append(out, c)
			}
			continue
		}
		if c.first == fitNoTime {
			continue
		}
		j := fitWindowIndex(w, c.first)
		if j < 0 {
			j = fitWindowIndex(w, c.last)
		}
		if j == i {
			out = append(out, c)
		}
	}
	return out
}

// fitSummary is what a set of chunks says about a session.
type fitSummary struct {
	first, last float64
	n           int
	moving      float64
	hrSum, hrN  int
	hrMax       int
	hist        *analysis.HRHistogram
	dist        float64
	hasDist     bool
}

func summarizeFIT(cs []*fitChunk) fitSummary {
	s := fitSummary{first: fitNoTime, last: fitNoTime}
	for _, c := range cs {
		s.n += c.n
		if c.first != fitNoTime && (s.first == fitNoTime || c.first < s.first) {
			s.first = c.first
		}
		if c.last != fitNoTime && (s.last == fitNoTime || c.last > s.last) {
			s.last = c.last
		}
		s.moving += c.moving
		s.hrSum += c.hrSum
		s.hrN += c.hrN
		s.hrMax = max(s.hrMax, c.hrMax)
		s.dist += c.distAcc
		s.hasDist = s.hasDist || c.hasDist
		if c.hist != nil {
			if s.hist == nil {
				s.hist = new(analysis.HRHistogram)
			}
			s.hist.Merge(c.hist)
		}
	}
	return s
}

// result turns what the listener gathered into sessions and the import-log status; notes
// are what the decode already had to say (a repair).
func (l *fitListener) result(data []byte, name string, opt Options, err error, notes []string) FileResult {
	if l.notActivity() {
		return FileResult{Status: analysis.StatusSkipped, Detail: "not an activity: " + fitFileKind(l.fileType)}
	}
	l.dateLoneSession()
	sessions, clockUnset := l.messageSessions(name, opt)
	undated := false // no time at all in the file
	if len(l.sessions) == 0 && l.records > 0 {
		var s analysis.Session
		var rebuilt []string
		s, rebuilt, clockUnset, undated = l.rebuiltSession(name, opt)
		sessions = append(sessions, s)
		notes = append(notes, rebuilt...)
	}
	sessions, repeats := dropRepeatedFITSessions(sessions)
	notes = append(notes, l.sessionNotes(sessions, clockUnset, repeats, opt)...)
	misdated := clockUnset && !l.hasCorr || undated
	return fitStatus(sessions, l.problems(data, err), notes, misdated, l.fileType == int(typedef.FileInvalid))
}

// notActivity reports whether file_id names the file something other than an activity
// (settings, monitoring, a course, …). A file without a file type may still be one.
func (l *fitListener) notActivity() bool {
	return l.fileType >= 0 && l.fileType != int(typedef.FileActivity) && l.fileType != int(typedef.FileInvalid)
}

// dateLoneSession dates a lone session message that has neither start_time nor timestamp
// from its records' first timestamp.
func (l *fitListener) dateLoneSession() {
	if len(l.sessions) != 1 || l.sessions[0].hasStart {
		return
	}
	if first := summarizeFIT(l.rec.chunks).first; first != fitNoTime {
		fs := &l.sessions[0]
		fs.start, fs.startTS, fs.hasStart = first, uint32(first), true
		fs.end = math.Inf(1)
		if !math.IsNaN(fs.elapsed) {
			fs.end = first + fs.elapsed
		}
	}
}

// messageSessions returns a session for each session message with a start, built from the
// records and strap samples in its window and then given the message's own totals.
// clockUnset reports that some session starts on a watch whose clock was never set.
func (l *fitListener) messageSessions(name string, opt Options) (sessions []analysis.Session, clockUnset bool) {
	w := l.windows()
	fixed := l.fixed != nil
	for _, fs := range l.sessions {
		if !fs.hasStart {
			continue
		}
		i := fitWindowIndex(w, fs.start) // sessions with the same start share one window's chunks
		rec := summarizeFIT(fitSessionChunks(l.rec.chunks, w, i, fixed))
		hr := summarizeFIT(fitSessionChunks(l.hr.chunks, w, i, fixed))
		s := l.session(name, fs.sport, fs.sub, fs.start, rec, hr, opt)
		fs.overrideTotals(&s, rec)
		clockUnset = clockUnset || fs.startTS < fitClockUnset
		sessions = append(sessions, s)
	}
	return sessions, clockUnset
}

// overrideTotals replaces what the records said about s with the session message's own
// values, where it has them; rec is the summary of the session's records.
func (fs fitSession) overrideTotals(s *analysis.Session, rec fitSummary) {
	if !math.IsNaN(fs.timer) {
		s.Duration = fitSeconds(fs.timer)
	}
	if !math.IsNaN(fs.elapsed) {
		s.Elapsed = fitSeconds(fs.elapsed)
	} else if math.IsInf(fs.end, 0) && rec.last == fitNoTime {
		s.Elapsed = s.Duration
	} else if !math.IsInf(fs.end, 0) {
		s.Elapsed = fitSeconds(fs.end - fs.start)
	}
	if !math.IsNaN(fs.dist) {
		s.DistanceM = fitDistance(fs.dist)
	}
	if !math.IsNaN(fs.ascent) {
		s.AscentM = analysis.Some(fs.ascent)
	}
	if fs.avgHR > 0 {
		s.AvgHR = analysis.Some(fs.avgHR)
	}
	if fs.maxHR > 0 {
		s.MaxHR = analysis.Some(fs.maxHR)
	}
	if !math.IsNaN(fs.rpe) {
		s.RPE = analysis.Some(fs.rpe)
	}
}

// rebuiltSession builds the one session of a file that has records but no session message,
// starting at its first record, else at the file's creation time, else (undated) at the
// FIT epoch; notes say which. clockUnset reports a start on a watch whose clock was never set.
func (l *fitListener) rebuiltSession(name string, opt Options) (s analysis.Session, notes []string, clockUnset, undated bool) {
	rec := summarizeFIT(l.rec.chunks)
	hr := summarizeFIT(l.hr.chunks)
	start := rec.first
	if start == fitNoTime && l.created != basetype.Uint32Invalid && l.created != 0 {
		start = float64(l.created)
		notes = append(notes, "no record has a timestamp: start is the file's creation time")
	}
	if start == fitNoTime {
		start = 0
		notes = append(notes, "no timestamp anywhere in the file: start set to the fit epoch 1989-12-31")
		undated = true
	}
	sport, sub := typedef.SportInvalid, typedef.SubSportInvalid
	if l.hasSport {
		sport, sub = l.sport, l.subSport
	}
	s = l.session(name, sport, sub, start, rec, hr, opt)
	notes = append(notes, "session rebuilt from records")
	return s, notes, start > 0 && start < fitClockUnset, undated
}

// dropRepeatedFITSessions counts once a session that a chained file repeats right after
// itself, returning how many repeats it dropped.
func dropRepeatedFITSessions(sessions []analysis.Session) ([]analysis.Session, int) {
	if len(sessions) < 2 {
		return sessions, 0
	}
	n := len(sessions)
	sessions = slices.CompactFunc(sessions, sameFITSession)
	return sessions, n - len(sessions)
}

// sessionNotes says, for the import log, what happened to the file's sessions: messages left
// out without a start, a clock never set (clockUnset), repeats dropped, an implausible local
// offset, heart rate from the strap, and a file type not set.
func (l *fitListener) sessionNotes(sessions []analysis.Session, clockUnset bool, repeats int, opt Options) []string {
	var notes []string
	for i, fs := range l.sessions {
		if !fs.hasStart {
			notes = append(notes, fmt.Sprintf("session %d has no start time: left out", i+1))
		}
	}
	switch {
	case clockUnset && l.hasCorr:
		notes = append(notes, "clock not set on the watch: times placed by its timestamp_correlation message")
	case clockUnset:
		notes = append(notes, "clock not set on the watch: dates in 1990")
	}
	if repeats > 0 {
		notes = append(notes, fmt.Sprintf("sessions repeated by a chained part counted once: %d", repeats))
	}
	if l.badOffset && !l.hasOffset && !opt.TZForced && len(sessions) > 0 {
		notes = append(notes, "implausible local time offset in the file: calendar day from "+sessions[0].ZoneNote)
	}
	if l.strapUsed {
		notes = append(notes, "heart rate from the strap's stored hr messages")
	}
	if l.fileType == int(typedef.FileInvalid) {
		notes = append(notes, "file type not set in file_id")
	}
	return notes
}

// problems says what is wrong with the file's bytes: a part whose header declares far more
// than the file holds, a CRC mismatch, or the decoder's error err (cut short, unreadable).
func (l *fitListener) problems(data []byte, err error) []string {
	var problems []string
	parts := l.knownParts
	if parts == nil {
		parts = fitParts(data)
	}
	for i, p := range parts {
		if p.cut && p.size > DefaultFITBytes {
			problems = append(problems, fmt.Sprintf("the header of part %d declares %s of data, more than any watch file holds, and the file ends after %s: damaged or not a FIT file",
				i+1, sizeText(int64(p.size)), sizeText(int64(len(data)))))
		}
		if !p.crcOK && !p.cut {
			if len(parts) == 1 {
				problems = append(problems, "file CRC mismatch")
			} else {
				problems = append(problems, fmt.Sprintf("file CRC mismatch in part %d", i+1))
			}
		}
	}
	switch {
	case err == nil:
	case len(data) == 0:
		problems = append(problems, "empty file")
	case l.parts == 0 && l.fileType < 0 && l.records == 0:
		problems = append(problems, "not a readable fit file: "+err.Error())
	case l.parts > 0 && errors.Is(err, decoder.ErrNotFITFile):
		problems = append(problems, fmt.Sprintf("unreadable data after part %d: %v", l.parts, err))
	case l.parts > 0:
		problems = append(problems, fmt.Sprintf("part %d cut short after %d records: %v", l.parts+1, l.records, err))
	default:
		problems = append(problems, fmt.Sprintf("cut short after %d records: %v", l.records, err))
	}
	return problems
}

// fitStatus judges a FIT file by what it gave: error when no session came of its problems or
// of nothing at all, skipped when it has no sessions and no file type (typeUnset), partial
// when damaged or misdated (on 1990, or on no date), else ok. The detail is the problems,
// then the notes.
func fitStatus(sessions []analysis.Session, problems, notes []string, misdated, typeUnset bool) FileResult {
	res := FileResult{Sessions: sessions, Status: analysis.StatusOK}
	switch {
	case len(sessions) == 0 && len(problems) > 0:
		res.Status = analysis.StatusError
	case len(sessions) == 0 && typeUnset:
		res.Status = analysis.StatusSkipped
		problems = append(problems, "not an activity: file type not set")
		notes = nil
	case len(sessions) == 0:
		res.Status = analysis.StatusError
		problems = append(problems, "no sessions and no records in the file")
	case len(problems) > 0 || misdated:
		// A clock that was never set puts the session on a 1990 date: keep it, but mark the
		// file partial so that the import log and -strict draw attention to it.
		res.Status = analysis.StatusPartial
	}
	res.Detail = strings.Join(append(problems, notes...), "; ")
	return res
}

// session builds one analysis.Session from a start and what its records and strap samples say.
// The caller overrides totals with the session message's own values where it has them.
func (l *fitListener) session(name string, sport typedef.Sport, sub typedef.SubSport, start float64,
	rec, hr fitSummary, opt Options) analysis.Session {
	s := analysis.Session{
		Source:   name,
		Sport:    fitSport(sport, sub),
		SubSport: fitSubSport(sub),
		Duration: fitSeconds(rec.moving),
	}
	if rec.first != fitNoTime {
		s.Elapsed = fitSeconds(rec.last - rec.first)
	}
	if rec.hasDist {
		s.DistanceM = fitDistance(rec.dist)
	}
	// The strap's stored heart rate (swims) wins when it covers more time than the records'.
	src := rec
	if rec.hrN == 0 || hr.hrN > 0 && hr.hist.Covered() > rec.hist.Covered() {
		src = hr
	}
	if src.hrN > 0 {
		l.strapUsed = l.strapUsed || src.hrN == hr.hrN && hr.hrN > 0 && rec.hrN != hr.hrN
		s.AvgHR = analysis.Some(int(math.Round(float64(src.hrSum) / float64(src.hrN))))
		s.MaxHR = analysis.Some(src.hrMax)
		s.HR = src.hist
	}
	if l.hrMax > 0 {
		s.HRMax = analysis.Some(l.hrMax)
	} else if l.hrZoneMax > 0 {
		s.HRMax = analysis.Some(l.hrZoneMax)
	}
	if l.hrRest > 0 {
		s.HRRest = analysis.Some(l.hrRest)
	}
	if l.female > 0 {
		s.Female = analysis.Some(l.female == 1)
	}
	if start < fitClockUnset && l.hasCorr {
		start += l.corrShift
	}
	s.Start, s.ZoneNote = l.localStart(time.Unix(fitEpochUnix, 0).Add(fitSeconds(start)), opt)
	return s
}

// localStart places start in the zone that decides its calendar day (SPEC "The calendar
// day"): -tz when forced, else the file's own plausible local offset, else opt.Zone.
func (l *fitListener) localStart(start time.Time, opt Options) (time.Time, string) {
	zone := opt.Zone
	if zone == nil {
		zone = time.UTC
	}
	note := opt.ZoneName
	if note == "" {
		note = zone.String()
	}
	if opt.TZForced || !l.hasOffset {
		return start.In(zone), note
	}
	z := fitZoneOf(int(l.offset))
	return start.In(z.loc), z.note
}

// fitZone is the zone of one FIT local-time offset and its note.
type fitZone struct {
	loc  *time.Location
	note string
}

// fitZones holds a fitZone per offset met (seconds east of UTC): the sessions of years of
// files share a few, where a zone and a note made for each were 200 bytes a session. Only
// plausible offsets are used (plausibleFITOffset: whole quarters of an hour within 14 hours),
// so it holds at most 113.
var fitZones sync.Map

func fitZoneOf(off int) fitZone {
	if z, ok := fitZones.Load(off); ok {
		return z.(fitZone)
	}
	sign, a := '+', off
	if off < 0 {
		sign, a = '-', -off
	}
	label := fmt.Sprintf("%c%02d:%02d", sign, a/3600, a%3600/60)
	z, _ := fitZones.LoadOrStore(off, fitZone{time.FixedZone(label, off), "fit offset " + label})
	return z.(fitZone)
}

// sameFITSession reports whether a and b are the same session read twice (a chained file that
// repeats its activity).
func sameFITSession(a, b analysis.Session) bool {
	return a.Start.Equal(b.Start) && a.Sport == b.Sport && a.Duration == b.Duration &&
		a.Elapsed == b.Elapsed && a.DistanceM == b.DistanceM
}

func fitSeconds(s float64) time.Duration { return time.Duration(math.Round(s * float64(time.Second))) }

// fitDistance returns a distance, absent when zero or less (indoor sessions write 0).
func fitDistance(m float64) analysis.Opt[float64] {
	if m > 0 {
		return analysis.Some(m)
	}
	return analysis.Opt[float64]{}
}

// fitSport maps FIT sport and sub-sport to the analysis sports of SPEC "Inputs".
func fitSport(sp typedef.Sport, sub typedef.SubSport) analysis.Sport {
	switch sp {
	case typedef.SportRunning, typedef.SportWheelchairPushRun:
		return analysis.Running
	case typedef.SportCycling, typedef.SportEBiking:
		return analysis.Cycling
	case typedef.SportSwimming:
		return analysis.Swimming
	case typedef.SportWalking, typedef.SportHiking, typedef.SportWheelchairPushWalk:
		return analysis.Walking
	case typedef.SportTraining:
		if sub == typedef.SubSportStrengthTraining {
			return analysis.Strength
		}
		return analysis.Other
	case typedef.SportFitnessEquipment:
		switch sub {
		case typedef.SubSportTreadmill, typedef.SubSportIndoorRunning:
			return analysis.Running
		case typedef.SubSportIndoorCycling, typedef.SubSportSpin:
			return analysis.Cycling
		case typedef.SubSportIndoorWalking:
			return analysis.Walking
		case typedef.SubSportStrengthTraining:
			return analysis.Strength
		}
		return analysis.Other
	case typedef.SportGeneric, typedef.SportInvalid, typedef.SportAll:
		return analysis.Unknown
	}
	if strings.HasPrefix(sp.String(), "SportInvalid(") {
		return analysis.Unknown // a sport newer than the profile
	}
	return analysis.Other
}

// fitSubSport returns the sub-sport in lower case ("trail", "lap_swimming"), "" when generic,
// invalid or unknown to the profile.
func fitSubSport(sub typedef.SubSport) string {
	if sub == typedef.SubSportGeneric || sub == typedef.SubSportInvalid {
		return ""
	}
	s := sub.String()
	if strings.HasPrefix(s, "SubSportInvalid(") {
		return ""
	}
	return s
}

// fitFileKind names a non-activity file type for the import log.
func fitFileKind(t int) string {
	switch typedef.File(t) {
	case typedef.FileDevice:
		return "device file"
	case typedef.FileSettings:
		return "settings file"
	case typedef.FileSport:
		return "sport settings file"
	case typedef.FileWorkout:
		return "workout file"
	case typedef.FileCourse:
		return "course file"
	case typedef.FileSchedules:
		return "schedules file"
	case typedef.FileWeight:
		return "weight file"
	case typedef.FileTotals:
		return "totals file"
	case typedef.FileGoals:
		return "goals file"
	case typedef.FileBloodPressure:
		return "blood pressure file"
	case typedef.FileMonitoringA, typedef.FileMonitoringB, typedef.FileMonitoringDaily:
		return "monitoring file"
	case typedef.FileActivitySummary:
		return "activity fitSummary file"
	case typedef.FileSegment, typedef.FileSegmentList:
		return "segment file"
	case typedef.FileExdConfiguration:
		return "data screen settings file"
	case 8:
		return "locations file" // Garmin saved locations; not in the public profile
	}
	return fmt.Sprintf("file type %d", t)
}

// repairFITBaseTypes returns a copy of data in which every field definition whose base-type
// byte lacks the endian flag (0x06 instead of 0x86 for uint32, …) has it set, and the number
// of bytes changed. It walks the message stream of each FIT part; data messages are skipped
// using the sizes their definitions give. It gives up (returning what it fixed so far) at
// the first thing it cannot follow.
func repairFITBaseTypes(data []byte) ([]byte, int) {
	out := bytes.Clone(data)
	fixed := 0
	for _, p := range fitParts(data) {
		h := int(out[p.off])
		pos, end := p.off+h, p.end-2
		if p.cut {
			end = len(out)
		}
		var sizes [16]int // data size per local message type, -1 = undefined
		for i := range sizes {
			sizes[i] = -1
		}
		for pos < end {
			hdr := out[pos]
			pos++
			if hdr&0x80 != 0 { // compressed timestamp header
				lm := int(hdr>>5) & 3
				if sizes[lm] < 0 {
					return out, fixed
				}
				pos += sizes[lm]
				continue
			}
			lm := int(hdr & 0x0F)
			if hdr&0x40 == 0 {
				if sizes[lm] < 0 {
					return out, fixed
				}
				pos += sizes[lm]
				continue
			}
			if pos+5 > end {
				return out, fixed
			}
			n := int(out[pos+4])
			pos += 5
			size := 0
			for k := 0; k < n; k++ {
				if pos+3 > end {
					return out, fixed
				}
				size += int(out[pos+1])
				bt := out[pos+2]
				if !basetype.BaseType(bt).Valid() && basetype.BaseType(bt|0x80).Valid() {
					out[pos+2] = bt | 0x80
					fixed++
				}
				pos += 3
			}
			if hdr&0x20 != 0 { // developer fields
				if pos+1 > end {
					return out, fixed
				}
				nd := int(out[pos])
				pos++
				for k := 0; k < nd; k++ {
					if pos+3 > end {
						return out, fixed
					}
					size += int(out[pos+1])
					pos += 3
				}
			}
			sizes[lm] = size
		}
	}
	return out, fixed
}
