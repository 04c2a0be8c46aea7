package benchcorpus

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/muktihari/fit/profile"
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"

	"runload/internal/fitcrc"
)

// minAbsTime is the smallest FIT date_time that is an instant (seconds since 1989-12-31 UTC);
// smaller values count seconds since the device was switched on (FIT SDK) and are left alone.
const minAbsTime = 0x10000000

// fitTimestamp is field 253, the timestamp of every FIT message that has one.
const fitTimestamp = 253

// errDelta is returned for a shift that would break compressed-timestamp headers.
var errDelta = errors.New("shift must be a multiple of 32 s")

// localDef is what a data message needs from its definition message: its size, byte order,
// and the offsets of the 4-byte date_time values in it.
type localDef struct {
	ok        bool
	bigEndian bool
	size      int   // bytes of field data, developer fields included
	times     []int // offsets of date_time values within the field data
}

// ShiftFIT returns a copy of the FIT file data with every absolute date_time moved by delta
// seconds, and reports how many values it moved. Shifted are field 253 (timestamp) of every
// message, known or not, and every field whose profile type is date_time or local_date_time
// (file_id.time_created, session/lap.start_time, activity.local_timestamp, …); values that
// are invalid (0xFFFFFFFF) or relative to power-on (below 0x10000000) stay as they are.
// Each sequence's file CRC is recomputed, and a 14-byte header's CRC when it is non-zero.
// Chained sequences are all shifted. delta must be a multiple of 32 s: a compressed-timestamp
// header holds the low 5 bits of its time, which then stay consistent with the last full
// timestamp. Anything the walker cannot follow is an error; nothing is guessed.
func ShiftFIT(data []byte, delta int64) ([]byte, int, error) {
	if delta%32 != 0 {
		return nil, 0, fmt.Errorf("shifting by %d s: %w", delta, errDelta)
	}
	out := make([]byte, len(data))
	copy(out, data)
	moved := 0
	for pos := 0; pos < len(out); {
		n, end, err := shiftSequence(out[pos:], delta)
		moved += n
		if err != nil {
			return nil, moved, fmt.Errorf("sequence at byte %d: %w", pos, err)
		}
		pos += end
	}
	return out, moved, nil
}

// shiftSequence shifts one FIT sequence (header, messages, CRC) at the start of b in place,
// and returns the values moved and the sequence's length.
func shiftSequence(b []byte, delta int64) (moved, end int, err error) {
	if len(b) < 12 {
		return 0, 0, errors.New("short file header")
	}
	hs := int(b[0])
	if (hs != 12 && hs != 14) || string(b[8:12]) != ".FIT" {
		return 0, 0, fmt.Errorf("not a FIT header (size %d)", hs)
	}
	dataEnd := hs + int(binary.LittleEndian.Uint32(b[4:8]))
	if dataEnd+2 > len(b) || dataEnd < hs {
		return 0, 0, errors.New("data size beyond the end of the file")
	}
	if hs == 14 && binary.LittleEndian.Uint16(b[12:14]) != 0 {
		binary.LittleEndian.PutUint16(b[12:14], fitcrc.Update(0, b[:12]))
	}
	var defs [16]localDef
	for p := hs; p < dataEnd; {
		h := b[p]
		p++
		switch {
		case h&0x80 != 0: // compressed timestamp header: a data message, time kept relative
			n, err := shiftData(b[p:dataEnd], &defs[(h>>5)&3], delta)
			if err != nil {
				return moved, 0, fmt.Errorf("message at byte %d: %w", p-1, err)
			}
			moved += n
			p += defs[(h>>5)&3].size
		case h&0x40 != 0: // definition message
			size, def, err := parseDef(b[p:dataEnd], h&0x20 != 0)
			if err != nil {
				return moved, 0, fmt.Errorf("definition at byte %d: %w", p-1, err)
			}
			defs[h&0x0F] = def
			p += size
		default:
			n, err := shiftData(b[p:dataEnd], &defs[h&0x0F], delta)
			if err != nil {
				return moved, 0, fmt.Errorf("message at byte %d: %w", p-1, err)
			}
			moved += n
			p += defs[h&0x0F].size
		}
	}
	binary.LittleEndian.PutUint16(b[dataEnd:], fitcrc.Update(0, b[:dataEnd]))
	return moved, dataEnd + 2, nil
}

// parseDef reads a definition message's content (after its header byte).
func parseDef(b []byte, dev bool) (int, localDef, error) {
	if len(b) < 5 {
		return 0, localDef{}, errors.New("cut short")
	}
	def := localDef{ok: true, bigEndian: b[1] == 1}
	var num uint16
	if def.bigEndian {
		num = binary.BigEndian.Uint16(b[2:4])
	} else {
		num = binary.LittleEndian.Uint16(b[2:4])
	}
	nf := int(b[4])
	p := 5
	if len(b) < p+3*nf {
		return 0, localDef{}, errors.New("cut short")
	}
	for i := range nf {
		f := b[p+3*i : p+3*i+3]
		if isTimeField(num, f[0]) && isUint32Like(f[2]) && f[1]%4 == 0 {
			for k := 0; k < int(f[1]); k += 4 {
				def.times = append(def.times, def.size+k)
			}
		}
		def.size += int(f[1])
	}
	p += 3 * nf
	if dev {
		if len(b) < p+1 {
			return 0, localDef{}, errors.New("cut short")
		}
		nd := int(b[p])
		p++
		if len(b) < p+3*nd {
			return 0, localDef{}, errors.New("cut short")
		}
		for i := range nd {
			def.size += int(b[p+3*i+1])
		}
		p += 3 * nd
	}
	return p, def, nil
}

// isTimeField says whether field num of global message mesg holds a date_time.
func isTimeField(mesg uint16, num byte) bool {
	if num == fitTimestamp {
		return true
	}
	t := factory.CreateField(typedef.MesgNum(mesg), num).Type
	return t == profile.DateTime || t == profile.LocalDateTime
}

// isUint32Like says whether a base-type byte is a 4-byte integer (uint32, uint32z, sint32),
// with or without the endian flag.
func isUint32Like(bt byte) bool {
	switch bt & 0x1F {
	case 0x05, 0x06, 0x0C:
		return true
	}
	return false
}

// shiftData shifts the date_time values of one data message at the start of b.
func shiftData(b []byte, def *localDef, delta int64) (int, error) {
	if !def.ok {
		return 0, errors.New("data message without a definition")
	}
	if len(b) < def.size {
		return 0, errors.New("cut short")
	}
	moved := 0
	for _, off := range def.times {
		v := b[off : off+4]
		var t uint32
		if def.bigEndian {
			t = binary.BigEndian.Uint32(v)
		} else {
			t = binary.LittleEndian.Uint32(v)
		}
		if t == 0xFFFFFFFF || t < minAbsTime {
			continue
		}
		s := int64(t) + delta
		if s < minAbsTime || s >= 0xFFFFFFFF {
			return moved, fmt.Errorf("time %d shifted by %d s leaves the FIT range", t, delta)
		}
		if def.bigEndian {
			binary.BigEndian.PutUint32(v, uint32(s))
		} else {
			binary.LittleEndian.PutUint32(v, uint32(s))
		}
		moved++
	}
	return moved, nil
}
