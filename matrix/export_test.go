package matrix

// ScaleDistances exposes the multidimensional scaling of the party map for
// the tests: the points of parties 0 … n−1 at the distances d, before
// rounding, the explained shares, and false when there is nothing to map.
func ScaleDistances(d [][]float64) ([]Point, [2]float64, bool) {
	ps := make([]int, len(d))
	for i := range ps {
		ps[i] = i
	}
	return scale2(ps, d)
}

// MapStress exposes the normalised stress of points against distances d.
func MapStress(pts []Point, d [][]float64) float64 { return stress(pts, d) }
