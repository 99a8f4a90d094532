package matrix

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/gonum"
)

// leadingGap is the smallest gap, relative to the largest eigenvalue in
// size, between λ₁ and λ₂ and between λ₂ and λ₃ for which leading2 answers:
// closer eigenvalues leave their eigenvectors ill-determined (each solver
// returns its own vector of a near-degenerate eigenspace), and the caller
// then asks the full solver, which the map has always used.
const leadingGap = 1e-5

// leading2 returns all the eigenvalues of the symmetric k×k matrix a (row
// major, both triangles filled; a is overwritten), in ascending order, and
// unit eigenvectors v₁, v₂ of the two largest, λ₁ ≥ λ₂. It reports false
// when it cannot answer (k < 3, LAPACK failing, or eigenvalues closer than
// leadingGap), and the caller should use mat.EigenSym.
//
// The classical scaling needs two eigenvectors of a k×k matrix, and the
// full symmetric solver (mat.EigenSym: Dsyev, the QL/QR iteration
// accumulating all k eigenvectors) costs O(k³) in rotations; this is LAPACK's
// route for a few eigenvectors (Dsyevx) put together from gonum's LAPACK:
// Dsytrd reduces a to tridiagonal form T = Qᵀ a Q, Dsterf finds the
// eigenvalues of T, inverse iteration with Dgtsv finds the eigenvectors of
// T for λ₁ and λ₂ (as Dstein does), and Dorm2r applies Q to them (as
// Dormtr does for a reduction to lower triangle form).
func leading2(k int, a []float64) (vals, v1, v2 []float64, ok bool) {
	if k < 3 {
		return nil, nil, nil, false
	}
	var impl gonum.Implementation
	d := make([]float64, k)
	e := make([]float64, k-1)
	tau := make([]float64, k-1)
	work := make([]float64, 1)
	impl.Dsytrd(blas.Lower, k, a, k, d, e, tau, work, -1)
	work = make([]float64, int(work[0]))
	impl.Dsytrd(blas.Lower, k, a, k, d, e, tau, work, len(work))

	vals = append([]float64(nil), d...)
	if !impl.Dsterf(k, vals, append([]float64(nil), e...)) {
		return nil, nil, nil, false
	}
	l1, l2, l3 := vals[k-1], vals[k-2], vals[k-3]
	size := math.Max(math.Abs(vals[0]), math.Abs(l1))
	if !(l1-l2 > leadingGap*size && l2-l3 > leadingGap*size) {
		return nil, nil, nil, false
	}

	// Inverse iteration: x ← (T − λI)⁻¹ x, normalised, from a fixed
	// pseudo-random start. Each step shrinks the components along the
	// other eigenvectors by |λ − σ|/gap, at most about 1e-16/leadingGap
	// (σ is λ to rounding), so three steps leave them far below rounding.
	// The second vector is kept orthogonal to the first (Gram–Schmidt, as
	// Dstein does for close eigenvalues).
	r := rand.New(rand.NewPCG(1, 2))
	z := make([]float64, 2*k) // k×2, row major: z₁ and z₂ in its columns
	dl, dd, du := make([]float64, k-1), make([]float64, k), make([]float64, k-1)
	for col, lambda := range []float64{l1, l2} {
		x := blas64.Vector{N: k, Data: make([]float64, k), Inc: 1}
		for i := range x.Data {
			x.Data[i] = float64(2*r.Float64()) - 1 // no fused multiply-add (see stress)
		}
		for range 3 {
			copy(dl, e)
			copy(du, e)
			for i := range dd {
				dd[i] = d[i] - lambda
			}
			if !impl.Dgtsv(k, 1, dl, dd, du, x.Data, 1) {
				return nil, nil, nil, false // T − λI singular to the last bit
			}
			if col == 1 {
				first := blas64.Vector{N: k, Data: z, Inc: 2}
				blas64.Axpy(-blas64.Dot(x, first), first, x)
			}
			nrm := blas64.Nrm2(x)
			if !(nrm > 0) || math.IsInf(nrm, 0) {
				return nil, nil, nil, false
			}
			blas64.Scal(1/nrm, x)
		}
		blas64.Copy(x, blas64.Vector{N: k, Data: z[col:], Inc: 2})
	}
	// z ← Q z: the reflectors of a reduction to lower form act on rows
	// 1 … k−1 and are stored below the subdiagonal (LAPACK's Dormtr).
	impl.Dorm2r(blas.Left, blas.NoTrans, k-1, 2, k-1, a[k:], k, tau, z[2:], 2, make([]float64, 2))
	v1, v2 = make([]float64, k), make([]float64, k)
	for i := range k {
		v1[i], v2[i] = z[2*i], z[2*i+1]
	}
	return vals, v1, v2, true
}
