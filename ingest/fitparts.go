package ingest

import (
	"encoding/binary"

	"runload/internal/fitcrc"
)

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
		parts = append(parts, fitPart{off: off, end: end, size: size, crcOK: fitcrc.Update(0, data[off:end-2]) == want})
		off = end
	}
	return parts
}
