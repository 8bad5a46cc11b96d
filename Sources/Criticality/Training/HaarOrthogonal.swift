import Foundation

/// Exact Haar-random orthogonal matrices (Mezzadri 2007, "How to generate random matrices from
/// the classical compact groups"): the Q factor of the QR decomposition of a matrix of i.i.d.
/// standard Gaussians, with the signs fixed so that R has a positive diagonal. Gram–Schmidt
/// produces exactly that normalization; it is applied twice per column ("twice is enough",
/// Giraud et al. 2005), so `QᵀQ = 1` to machine precision.
public enum HaarOrthogonal {
  /// A `rows × columns` row-major matrix with orthonormal rows (`rows ≤ columns`) or orthonormal
  /// columns (`rows ≥ columns`), distributed as the corresponding block of a Haar orthogonal
  /// matrix of size `max(rows, columns)`.
  public static func sample(rows: Int, columns: Int, using rng: inout Xoshiro256) -> [Double] {
    let m = max(rows, columns)
    let k = min(rows, columns)
    // q[c*m + r]: k orthonormal vectors of length m, stored contiguously.
    var q = [Double](repeating: 0, count: m * k)
    for i in 0..<(m * k) { q[i] = rng.nextGaussian() }
    q.withUnsafeMutableBufferPointer { q in
      for c in 0..<k {
        for _ in 0..<2 {
          for p in 0..<c {
            var dot = 0.0
            for r in 0..<m { dot += q[p * m + r] * q[c * m + r] }
            for r in 0..<m { q[c * m + r] -= dot * q[p * m + r] }
          }
        }
        var norm = 0.0
        for r in 0..<m { norm += q[c * m + r] * q[c * m + r] }
        let inverse = 1 / norm.squareRoot()
        for r in 0..<m { q[c * m + r] *= inverse }
      }
    }
    if rows <= columns { return q }  // vector c is row c: already row-major rows × columns
    var out = [Double](repeating: 0, count: rows * columns)
    for c in 0..<k { for r in 0..<m { out[r * columns + c] = q[c * m + r] } }
    return out
  }
}
