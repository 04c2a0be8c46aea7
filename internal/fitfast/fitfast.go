// Package fitfast reads the few FIT messages and fields that runload's analysis uses, straight
// from the file's bytes: no allocation per message, the FIT CRC of every part computed in the
// same pass. It is a fast path in front of github.com/muktihari/fit (v0.28.3), not a FIT
// decoder of its own: it accepts a file only when it can say exactly what muktihari's
// streaming decoder (standard profile, component expansion on, checksums ignored) would give
// for those fields, and reports anything else as not handled, so that the caller hands the
// file to muktihari unchanged. Not handled are:
//
//   - damaged or odd framing: an empty file, a header that is not 12 or 14 bytes with ".FIT",
//     a data size of 0, a part cut short, messages that run past the data size the header
//     declares, bytes after the last part, a data message whose local type has no definition;
//   - a field definition with a base type the FIT protocol does not define (muktihari fails on
//     it; ingest repairs the GoldenCheetah variant before decoding again);
//   - a definition of a message read here that holds a field whose components expand into a
//     field read here (record compressed_speed_distance, hr time256 and event_timestamp_12):
//     muktihari's expansion and accumulation are not reproduced;
//   - a field_description message without a valid fit_base_type_id (muktihari fails on a
//     developer field that refers to it).
//
// Everything muktihari does for the fields read is reproduced: values are read as the
// profile's base type whatever the definition says, a field shorter than that type is
// zero-padded in its byte order, a longer one gives its first element, an absent field the
// type's invalid value; the first occurrence of a field number wins; compressed-timestamp
// headers take the last timestamp seen in the part (any message's field 253 read as uint32);
// any architecture byte but 0 is big-endian; developer fields are skipped.
package fitfast

import (
	"encoding/binary"

	"runload/internal/fitcrc"
)

// Message numbers read (FIT profile).
const (
	MesgFileID               = 0
	MesgUserProfile          = 3
	MesgZonesTarget          = 7
	MesgHRZone               = 8
	MesgSport                = 12
	MesgSession              = 18
	MesgLap                  = 19
	MesgRecord               = 20
	MesgActivity             = 34
	MesgHR                   = 132
	MesgTimestampCorrelation = 162
	mesgFieldDescription     = 206
)

// Indexes into Mesg.V, by message. An absent field holds its profile type's invalid value
// (0xFF, 0xFFFF or 0xFFFFFFFF).
const (
	FileIDType        = 0 // enum file
	FileIDTimeCreated = 1 // uint32

	UserProfileGender              = 0 // enum
	UserProfileRestingHeartRate    = 1 // uint8
	UserProfileDefaultMaxHeartRate = 2 // uint8

	ZonesTargetMaxHeartRate = 0 // uint8
	HRZoneHighBpm           = 0 // uint8

	SportSport    = 0 // enum
	SportSubSport = 1 // enum

	SessionTimestamp        = 0  // uint32
	SessionStartTime        = 1  // uint32
	SessionTotalElapsedTime = 2  // uint32, ms
	SessionTotalTimerTime   = 3  // uint32, ms
	SessionTotalDistance    = 4  // uint32, cm
	SessionSport            = 5  // enum
	SessionSubSport         = 6  // enum
	SessionTotalAscent      = 7  // uint16, m
	SessionAvgHeartRate     = 8  // uint8
	SessionMaxHeartRate     = 9  // uint8
	SessionWorkoutRPE       = 10 // uint8, ×10

	LapSport    = 0 // enum
	LapSubSport = 1 // enum

	RecordTimestamp = 0 // uint32
	RecordHeartRate = 1 // uint8
	RecordDistance  = 2 // uint32, cm

	ActivityTimestamp      = 0 // uint32
	ActivityLocalTimestamp = 1 // uint32

	HRTimestamp           = 0 // uint32
	HRFractionalTimestamp = 1 // uint16, 1/32768 s

	TimestampCorrelationTimestamp       = 0 // uint32
	TimestampCorrelationSystemTimestamp = 1 // uint32
	TimestampCorrelationLocalTimestamp  = 2 // uint32
)

// MaxFields is the most fields read from one message (session).
const MaxFields = 11

// Mesg is one message read. It is owned by the decoder and overwritten by the next one.
type Mesg struct {
	Num uint16
	V   [MaxFields]uint32 // the fields read, by the index constants above
	// hr only: event_timestamp (present or not, and its values) and filtered_bpm (nil when
	// absent), as muktihari gives these array fields.
	HasEventTimestamp bool
	EventTimestamp    []uint32
	FilteredBpm       []uint8
}

// Handler receives the messages read, in file order.
type Handler interface {
	OnFITMesg(m *Mesg)
}

// Part is one FIT sequence of a (possibly chained) file.
type Part struct {
	Off, End int  // header start; just past the 2-byte file CRC
	Size     int  // data size the header declares
	CRCOK    bool // the CRC over header and data matches the file CRC
}

// FieldSpec is one field read: its number, the size of its profile base type, its index in V.
type FieldSpec struct{ Num, Size, Slot byte }

// MesgSpec is what is read of one message: the fields, and the fields whose components expand
// into one of them (a definition holding one is not handled).
type MesgSpec struct {
	Fields  []FieldSpec
	Sources []byte
}

// Specs lists the messages read, by message number (the tests check it against muktihari's profile).
var Specs = map[uint16]MesgSpec{
	MesgFileID:      {Fields: []FieldSpec{{0, 1, FileIDType}, {4, 4, FileIDTimeCreated}}},
	MesgUserProfile: {Fields: []FieldSpec{{1, 1, UserProfileGender}, {8, 1, UserProfileRestingHeartRate}, {11, 1, UserProfileDefaultMaxHeartRate}}},
	MesgZonesTarget: {Fields: []FieldSpec{{1, 1, ZonesTargetMaxHeartRate}}},
	MesgHRZone:      {Fields: []FieldSpec{{1, 1, HRZoneHighBpm}}},
	MesgSport:       {Fields: []FieldSpec{{0, 1, SportSport}, {1, 1, SportSubSport}}},
	MesgSession: {Fields: []FieldSpec{{253, 4, SessionTimestamp}, {2, 4, SessionStartTime},
		{7, 4, SessionTotalElapsedTime}, {8, 4, SessionTotalTimerTime}, {9, 4, SessionTotalDistance},
		{5, 1, SessionSport}, {6, 1, SessionSubSport}, {22, 2, SessionTotalAscent},
		{16, 1, SessionAvgHeartRate}, {17, 1, SessionMaxHeartRate}, {193, 1, SessionWorkoutRPE}}},
	MesgLap:                  {Fields: []FieldSpec{{25, 1, LapSport}, {39, 1, LapSubSport}}},
	MesgRecord:               {Fields: []FieldSpec{{253, 4, RecordTimestamp}, {3, 1, RecordHeartRate}, {5, 4, RecordDistance}}, Sources: []byte{8}},
	MesgActivity:             {Fields: []FieldSpec{{253, 4, ActivityTimestamp}, {5, 4, ActivityLocalTimestamp}}},
	MesgHR:                   {Fields: []FieldSpec{{253, 4, HRTimestamp}, {0, 2, HRFractionalTimestamp}}, Sources: []byte{1, 10}},
	MesgTimestampCorrelation: {Fields: []FieldSpec{{253, 4, TimestampCorrelationTimestamp}, {1, 4, TimestampCorrelationSystemTimestamp}, {3, 4, TimestampCorrelationLocalTimestamp}}},
}

// hr array fields (profile: uint32[N] and uint8[N]).
const (
	hrEventTimestamp = 9
	hrFilteredBpm    = 6
)

// TimestampMesgs are the message numbers whose field 253 is in the profile (as uint32): in
// any other message a field 253 counts as a timestamp only when its own base type is uint32
// or uint32z and its size is not an array of them.
var TimestampMesgs = []uint16{18, 19, 20, 21, 23, 30, 33, 34, 51, 55, 72, 80, 81, 101, 103, 128, 129,
	132, 142, 160, 161, 162, 164, 165, 167, 169, 174, 177, 178, 188, 208, 209, 210, 211, 216, 258,
	268, 269, 275, 285, 289, 290, 297, 302, 304, 305, 306, 307, 308, 314, 315, 317, 319, 323, 370,
	371, 372, 375, 376, 387, 388, 389, 398, 409, 412, 470, 471}

var (
	specs      [256]*MesgSpec // Specs by number (all below 256)
	profileTS  [472]bool      // TimestampMesgs as a table
	validBase  [256]bool      // the base types of the FIT protocol
	baseSizes  = map[byte]int{0x00: 1, 0x01: 1, 0x02: 1, 0x83: 2, 0x84: 2, 0x85: 4, 0x86: 4, 0x07: 1, 0x88: 4, 0x89: 8, 0x0A: 1, 0x8B: 2, 0x8C: 4, 0x0D: 1, 0x8E: 8, 0x8F: 8, 0x90: 8}
	invalidFor = [5]uint32{1: 0xFF, 2: 0xFFFF, 4: 0xFFFFFFFF}
)

// Spec returns what is read of message num, nil when nothing is.
func Spec(num uint16) *MesgSpec {
	if num < uint16(len(specs)) {
		return specs[num]
	}
	return nil
}

func init() {
	for n, s := range Specs {
		s := s
		specs[n] = &s
	}
	for _, n := range TimestampMesgs {
		profileTS[n] = true
	}
	for b := range baseSizes {
		validBase[b] = true
	}
}

// read is one field read from a data message: where, how long in the file, where it goes.
type read struct {
	off, size int
	n         int // profile base type size
	slot      int
}

// def is a local message definition, reduced to what the reader needs.
type def struct {
	defined bool
	num     uint16
	big     bool
	size    int // bytes of a data message, developer fields included
	spec    *MesgSpec
	reads   [MaxFields]read
	nreads  int
	ts      int // offset of the field 253 that sets the running timestamp, -1 when none
	tsSize  int
	evt     read  // hr event_timestamp (size 0 when absent)
	bpm     read  // hr filtered_bpm
	desc    []int // field_description: offsets of fit_base_type_id fields
	descTmp [8]int
}

// Decoder reads FIT files; its zero value is ready, and it may be reused (not concurrently).
type Decoder struct {
	why   string // why the last Decode did not handle its file
	defs  [16]def
	m     Mesg
	evt   [64]uint32
	bpm   [256]uint8
	parts []Part
}

// Why says why the last Decode returned false ("" after one that returned true).
func (d *Decoder) Why() string { return d.why }

// no records why the file is not handled.
func (d *Decoder) no(why string) bool { d.why = why; return false }

// chunk is how many bytes the CRC falls behind the reader before it catches up (the bytes
// are still in cache).
const chunk = 4096

// Decode reads every part of data, giving h the messages read. It returns the parts and true,
// or false when data is not handled (h may have seen some messages by then: discard them).
// The parts slice is reused by the next Decode.
func (d *Decoder) Decode(data []byte, h Handler) ([]Part, bool) {
	d.parts, d.why = d.parts[:0], ""
	if len(data) == 0 {
		return nil, d.no("empty")
	}
	for off := 0; off < len(data); {
		p, ok := d.decodePart(data, off, h)
		if !ok {
			return nil, false
		}
		d.parts = append(d.parts, p)
		off = p.End
	}
	return d.parts, true
}

// decodePart reads the part whose header starts at off.
func (d *Decoder) decodePart(data []byte, off int, h Handler) (Part, bool) {
	if off+12 > len(data) {
		return Part{}, d.no("bytes after the last part, or a part cut in its header")
	}
	hs := int(data[off])
	if hs != 12 && hs != 14 || off+hs > len(data) || string(data[off+8:off+12]) != ".FIT" {
		return Part{}, d.no("not a FIT header")
	}
	size := int(binary.LittleEndian.Uint32(data[off+4 : off+8]))
	pos, end := off+hs, off+hs+size
	if size == 0 || end+2 > len(data) || end < off {
		return Part{}, d.no("data size 0, or a part cut short")
	}
	for i := range d.defs {
		d.defs[i].defined = false
	}
	var timestamp uint32
	var lastOff byte
	crc, crcAt := uint16(0), off
	for pos < end {
		if pos-crcAt >= chunk {
			crc = fitcrc.Update(crc, data[crcAt:pos])
			crcAt = pos
		}
		hdr := data[pos]
		pos++
		if hdr&0xC0 == 0x40 { // definition
			var ok bool
			if pos, ok = d.define(data, pos, end, hdr); !ok {
				return Part{}, false // define said why
			}
			continue
		}
		local := hdr & 0x0F
		compressed := hdr&0x80 != 0
		if compressed {
			local = hdr >> 5 & 3
		}
		df := &d.defs[local]
		if !df.defined {
			return Part{}, d.no("a data message without a definition")
		}
		if pos+df.size > end {
			return Part{}, d.no("a message runs past the data size")
		}
		b := data[pos : pos+df.size]
		pos += df.size
		if compressed {
			t := hdr & 0x1F
			timestamp += uint32((t - lastOff) & 0x1F)
			lastOff = t
		}
		msgTS := timestamp
		if df.ts >= 0 {
			timestamp = readUint(b[df.ts:df.ts+df.tsSize], 4, df.big)
			lastOff = byte(timestamp & 0x1F)
		}
		if df.desc != nil {
			for _, o := range df.desc {
				if !validBase[b[o]] {
					return Part{}, d.no("a field_description with an invalid base type")
				}
			}
		}
		if df.spec == nil {
			continue
		}
		m := &d.m
		m.Num = df.num
		for _, f := range df.spec.Fields {
			m.V[f.Slot] = invalidFor[f.Size]
		}
		for _, r := range df.reads[:df.nreads] {
			m.V[r.slot] = readUint(b[r.off:r.off+r.size], r.n, df.big)
		}
		if compressed && df.spec.Fields[0].Num == 253 { // muktihari puts the header's timestamp first
			m.V[df.spec.Fields[0].Slot] = msgTS
		}
		if df.num == MesgHR {
			d.hrArrays(df, b)
		}
		h.OnFITMesg(m)
	}
	crc = fitcrc.Update(crc, data[crcAt:end])
	return Part{Off: off, End: end + 2, Size: size, CRCOK: crc == binary.LittleEndian.Uint16(data[end:end+2])}, true
}

// hrArrays reads an hr message's event_timestamp and filtered_bpm into d.m.
func (d *Decoder) hrArrays(df *def, b []byte) {
	m := &d.m
	m.HasEventTimestamp, m.EventTimestamp, m.FilteredBpm = false, nil, nil
	if r := df.evt; r.size > 0 {
		m.HasEventTimestamp = true
		v := b[r.off : r.off+r.size]
		if len(v) < 4 {
			d.evt[0] = readUint(v, 4, df.big)
			m.EventTimestamp = d.evt[:1]
		} else {
			n := 0
			for ; len(v) >= 4; v = v[4:] {
				d.evt[n] = readUint(v[:4], 4, df.big)
				n++
			}
			m.EventTimestamp = d.evt[:n]
		}
	}
	if r := df.bpm; r.size > 0 {
		n := copy(d.bpm[:], b[r.off:r.off+r.size])
		m.FilteredBpm = d.bpm[:n]
	}
}

// define reads the definition message whose header hdr was just read; pos is past it.
func (d *Decoder) define(data []byte, pos, end int, hdr byte) (int, bool) {
	if pos+5 > end {
		return 0, d.no("a message runs past the data size")
	}
	df := &d.defs[hdr&0x0F]
	df.defined = false
	df.big = data[pos+1] != 0
	if df.big {
		df.num = binary.BigEndian.Uint16(data[pos+2 : pos+4])
	} else {
		df.num = binary.LittleEndian.Uint16(data[pos+2 : pos+4])
	}
	nf := int(data[pos+4])
	pos += 5
	if pos+3*nf > end {
		return 0, d.no("a message runs past the data size")
	}
	df.spec = nil
	if df.num < 256 {
		df.spec = specs[df.num]
	}
	df.nreads, df.ts, df.tsSize, df.size = 0, -1, 0, 0
	df.evt, df.bpm = read{}, read{}
	df.desc = nil
	var seen [4]uint64 // field numbers read so far (the first occurrence wins)
	for k := 0; k < nf; k++ {
		num, size, bt := data[pos], int(data[pos+1]), data[pos+2]
		pos += 3
		if !validBase[bt] {
			return 0, d.no("an invalid base type")
		}
		if size == 0 {
			continue // muktihari drops it
		}
		off := df.size
		df.size += size
		if num == 253 && (df.num < uint16(len(profileTS)) && profileTS[df.num] ||
			(bt == 0x86 || bt == 0x8C) && !(size > 4 && size%4 == 0)) {
			df.ts, df.tsSize = off, size
		}
		if df.num == mesgFieldDescription && num == 2 {
			if len(df.desc) == len(df.descTmp) {
				return 0, d.no("a field_description with many base types")
			}
			df.desc = append(df.descTmp[:len(df.desc)], off)
		}
		if df.spec == nil {
			continue
		}
		for _, s := range df.spec.Sources {
			if num == s {
				return 0, d.no("a field whose components expand into a field read")
			}
		}
		first := seen[num>>6]>>(num&63)&1 == 0
		seen[num>>6] |= 1 << (num & 63)
		if !first {
			continue
		}
		if df.num == MesgHR {
			switch num {
			case hrEventTimestamp:
				df.evt = read{off: off, size: size}
				continue
			case hrFilteredBpm:
				df.bpm = read{off: off, size: size}
				continue
			}
		}
		for _, f := range df.spec.Fields {
			if f.Num == num {
				df.reads[df.nreads] = read{off: off, size: size, n: int(f.Size), slot: int(f.Slot)}
				df.nreads++
				break
			}
		}
	}
	if hdr&0x20 != 0 { // developer fields: skipped
		if pos+1 > end {
			return 0, d.no("a message runs past the data size")
		}
		nd := int(data[pos])
		pos++
		if pos+3*nd > end {
			return 0, d.no("a message runs past the data size")
		}
		for k := 0; k < nd; k++ {
			df.size += int(data[pos+1])
			pos += 3
		}
	}
	if df.num == mesgFieldDescription && df.desc == nil {
		// no fit_base_type_id: muktihari would fail on a developer field using it
		return 0, d.no("a field_description without a base type")
	}
	df.defined = true
	return pos, true
}

// readUint reads an unsigned value of n bytes from b as muktihari does: the first n bytes of
// a longer field, a shorter one zero-padded in its byte order.
func readUint(b []byte, n int, big bool) uint32 {
	if len(b) > n {
		b = b[:n]
	}
	if !big && len(b) == 4 {
		return binary.LittleEndian.Uint32(b)
	}
	var v uint32
	if big {
		for _, c := range b {
			v = v<<8 | uint32(c)
		}
		return v
	}
	for i := len(b) - 1; i >= 0; i-- {
		v = v<<8 | uint32(b[i])
	}
	return v
}
