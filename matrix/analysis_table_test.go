package matrix

import (
	"math/rand/v2"
	"testing"
)

// TestTranspose8 checks transpose8 bit by bit.
func TestTranspose8(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 1000 {
		x := r.Uint64()
		y := transpose8(x)
		for i := range 8 {
			for j := range 8 {
				if x>>(8*i+j)&1 != y>>(8*j+i)&1 {
					t.Fatalf("transpose8(%#x) = %#x: bit (%d, %d) not moved to (%d, %d)", x, y, i, j, j, i)
				}
			}
		}
	}
}
