import Foundation

/// The eigenvalues of a real symmetric matrix, in ascending order, by the cyclic Jacobi method
/// (Golub & Van Loan, *Matrix Computations*, §8.5; the rotation of Numerical Recipes §11.1):
/// plane rotations `A ← Jᵀ A J` zero one off-diagonal element at a time until
/// `Σ_{p≠q} A_pq² ≤ (10⁻¹⁵ ‖A‖_F)²`; the diagonal then holds the eigenvalues. Backward stable:
/// every eigenvalue to an absolute accuracy of a few ulps of `‖A‖_F` (about `10⁻¹⁵ ‖A‖_F`).
/// Meant for the small matrices of this module (up to ~100 × 100; cost `O(n³)` per sweep, a
/// handful of sweeps). Deterministic: the rotations run in a fixed order.
///
/// - Throws: `CriticalityError` unless `a` is a non-empty square matrix of finite numbers that is
///   symmetric to `10⁻¹² ‖A‖_F`.
public func symmetricEigenvalues(_ a: [[Double]]) throws -> [Double] {
  let n = a.count
  guard n >= 1, a.allSatisfy({ $0.count == n }) else {
    throw CriticalityError("need a non-empty square matrix")
  }
  var m = a.flatMap { $0 }
  guard m.allSatisfy(\.isFinite) else { throw CriticalityError("matrix entries must be finite") }
  let norm = m.reduce(0) { $0 + $1 * $1 }.squareRoot()
  for p in 0..<n {
    for q in (p + 1)..<max(p + 1, n) where abs(m[p * n + q] - m[q * n + p]) > 1e-12 * norm {
      throw CriticalityError("matrix is not symmetric at (\(p), \(q))")
    }
  }
  for _ in 0..<64 {
    var off = 0.0
    for p in 0..<n { for q in 0..<n where q != p { off += m[p * n + q] * m[p * n + q] } }
    if off <= 1e-30 * norm * norm { break }
    for p in 0..<(n - 1) {
      for q in (p + 1)..<n {
        let apq = m[p * n + q]
        if apq == 0 { continue }
        // tan φ = t, the smaller root of t² + 2θt − 1 = 0, makes (JᵀAJ)_pq vanish.
        let theta = (m[q * n + q] - m[p * n + p]) / (2 * apq)
        let t =
          abs(theta) > 1e150
          ? 1 / (2 * theta) : (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in 0..<n {
          let (akp, akq) = (m[k * n + p], m[k * n + q])
          m[k * n + p] = c * akp - s * akq
          m[k * n + q] = s * akp + c * akq
        }
        for k in 0..<n {
          let (apk, aqk) = (m[p * n + k], m[q * n + k])
          m[p * n + k] = c * apk - s * aqk
          m[q * n + k] = s * apk + c * aqk
        }
      }
    }
  }
  return (0..<n).map { m[$0 * n + $0] }.sorted()
}
