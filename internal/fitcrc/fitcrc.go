// Package fitcrc computes the FIT file CRC fast (slicing-by-8, about 2 GB/s here): the
// ingest checks every file with it, and the bench uses it for its read-and-CRC floor.
package fitcrc

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

// Update returns the FIT CRC-16 of b, continuing from crc (0 to start).
func Update(crc uint16, b []byte) uint16 {
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
