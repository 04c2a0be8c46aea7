package ingest

import "encoding/binary"

// FIT files use CRC-16/ARC (reflected polynomial 0xA001, initial value 0): the FIT SDK's
// nibble-table CRC gives the same result. crcTables holds the slicing-by-8 tables: row 0 is
// the classic byte-at-a-time table, row k advances a byte k positions further on.
var crcTables = makeCRCTables()

func makeCRCTables() *[8][256]uint16 {
	t := new([8][256]uint16)
	for i := range 256 {
		c := uint16(i)
		for range 8 {
			if c&1 != 0 {
				c = c>>1 ^ 0xA001
			} else {
				c >>= 1
			}
		}
		t[0][i] = c
	}
	for i := range 256 {
		c := t[0][i]
		for k := 1; k < 8; k++ {
			c = t[0][c&0xFF] ^ c>>8
			t[k][i] = c
		}
	}
	return t
}

// fitCRC returns the FIT CRC-16 of b, continuing from crc (0 to start).
func fitCRC(crc uint16, b []byte) uint16 {
	t := crcTables
	for len(b) >= 8 {
		// The CRC is 16 bits wide, so only the first two bytes mix with it.
		x := uint32(crc) ^ uint32(binary.LittleEndian.Uint16(b))
		crc = t[7][x&0xFF] ^ t[6][x>>8&0xFF] ^
			t[5][b[2]] ^ t[4][b[3]] ^ t[3][b[4]] ^ t[2][b[5]] ^ t[1][b[6]] ^ t[0][b[7]]
		b = b[8:]
	}
	for _, c := range b {
		crc = t[0][byte(crc)^c] ^ crc>>8
	}
	return crc
}

// fitPart is one FIT sequence ("part") of a possibly chained file, located from its header.
type fitPart struct {
	off, end int  // header start; end is the offset just past the 2-byte file CRC
	size     int  // data size the header declares
	crcOK    bool // the CRC over header + data matches the file CRC
	cut      bool // the file ends before the part's declared end
}

// fitParts walks the headers of the chained FIT sequences in data. It stops at the first
// bytes that are not a FIT header (trailing garbage is left to the decoder to report).
// The CRC is computed over header and data together, which the FIT protocol allows for both
// 12- and 14-byte headers; muktihari/fit v0.28.3 checks a 14-byte header separately and
// reports a false mismatch when that header's own CRC is 0x0000 (LIBRARIES §2.3).
func fitParts(data []byte) []fitPart {
	var parts []fitPart
	for off := 0; off+12 <= len(data); {
		h := int(data[off])
		if (h != 12 && h != 14) || off+h > len(data) || string(data[off+8:off+12]) != ".FIT" {
			break
		}
		size := int(binary.LittleEndian.Uint32(data[off+4 : off+8]))
		end := off + h + size + 2
		if size == 0 || end > len(data) || end < off {
			parts = append(parts, fitPart{off: off, end: len(data), size: size, cut: true})
			break
		}
		want := binary.LittleEndian.Uint16(data[end-2 : end])
		parts = append(parts, fitPart{off: off, end: end, size: size, crcOK: fitCRC(0, data[off:end-2]) == want})
		off = end
	}
	return parts
}
