package fitcrc

import (
	"testing"

	"github.com/muktihari/fit/kit/hash/crc16"
)

func TestUpdate(t *testing.T) {
	// CRC-16/ARC check value (the FIT CRC is CRC-16/ARC).
	if got := Update(0, []byte("123456789")); got != 0xBB3D {
		t.Errorf("Update(123456789) = %#04x, want 0xbb3d", got)
	}
	data := make([]byte, 1000)
	for i := range data {
		data[i] = byte(i*7 + i>>3)
	}
	for n := range 40 { // every tail length through the 8-byte loop
		h := crc16.New()
		h.Write(data[:n*25])
		if got, want := Update(0, data[:n*25]), h.Sum16(); got != want {
			t.Errorf("Update(%d bytes) = %#04x, muktihari crc16 %#04x", n*25, got, want)
		}
	}
	if got, want := Update(Update(0, data[:333]), data[333:]), Update(0, data); got != want {
		t.Errorf("continued CRC %#04x, want %#04x", got, want)
	}
}

// BenchmarkUpdate compares our slicing-by-8 CRC with muktihari's kit/hash/crc16 on 1 MB.
func BenchmarkUpdate(b *testing.B) {
	data := make([]byte, 1<<20)
	for i := range data {
		data[i] = byte(i * 31)
	}
	b.Run("slicing8", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			Update(0, data)
		}
	})
	b.Run("muktihari-crc16", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		h := crc16.New()
		for b.Loop() {
			h.Reset()
			h.Write(data)
			h.Sum16()
		}
	})
}
