package benchcorpus

// crcTables are the slicing-by-8 tables of the FIT CRC (CRC-16/ARC: reflected polynomial
// 0xA001, initial value 0). crcTables[0] is the ordinary byte-at-a-time table; crcTables[k]
// advances a byte through k further zero bytes. Read-only after package initialisation.
var crcTables = makeCRCTables()

func makeCRCTables() *[8][256]uint16 {
	var t [8][256]uint16
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
	for k := 1; k < 8; k++ {
		for i := range 256 {
			c := t[k-1][i]
			t[k][i] = c>>8 ^ t[0][byte(c)]
		}
	}
	return &t
}

// CRC16 continues the FIT CRC crc over p and returns it; start with 0. It gives the same
// values as the FIT SDK's nibble-table CRC, eight bytes per step. A FIT sequence is intact
// when CRC16 over its header and data equals the two little-endian bytes that follow, or,
// equivalently, when CRC16 over header, data and those two bytes is 0.
func CRC16(crc uint16, p []byte) uint16 {
	t := crcTables
	for len(p) >= 8 {
		crc ^= uint16(p[0]) | uint16(p[1])<<8
		crc = t[7][byte(crc)] ^ t[6][crc>>8] ^
			t[5][p[2]] ^ t[4][p[3]] ^ t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]]
		p = p[8:]
	}
	for _, b := range p {
		crc = crc>>8 ^ t[0][byte(crc)^b]
	}
	return crc
}
