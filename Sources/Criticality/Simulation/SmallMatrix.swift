import Foundation

/// Dense linear algebra on the small `k × k` Gram matrices of the exact sampler (`k` = number of
/// inputs). Matrices are row-major with row stride `k`; nothing here allocates.
enum SmallMatrix {
  /// Semidefinite Cholesky factor: for a symmetric positive-semidefinite `n × n` matrix `A`,
  /// writes `F` (`n × r`, in the first `r` columns of an `n × n` block, the rest zero) with
  /// `F Fᵀ = A` and returns the rank `r`. Pivots below `10⁻¹² · max_i A_ii` count as zero (the
  /// direction depends on earlier ones), so exactly repeated inputs give `r < n` instead of NaN.
  /// For a positive-definite `A`, `F` is the usual lower-triangular factor.
  static func choleskyPSD(
    _ a: UnsafePointer<Double>, _ n: Int, stride k: Int, into f: UnsafeMutablePointer<Double>
  ) -> Int {
    for i in 0..<n { for j in 0..<n { f[i * k + j] = 0 } }
    var scale = 0.0
    for i in 0..<n { scale = max(scale, a[i * k + i]) }
    let tolerance = 1e-12 * scale
    guard scale > 0 else { return 0 }
    var r = 0
    for j in 0..<n {
      var d = a[j * k + j]
      for p in 0..<r { d -= f[j * k + p] * f[j * k + p] }
      guard d > tolerance else { continue }
      let pivot = d.squareRoot()
      f[j * k + r] = pivot
      for i in (j + 1)..<max(j + 1, n) {
        var s = a[i * k + j]
        for p in 0..<r { s -= f[i * k + p] * f[j * k + p] }
        f[i * k + r] = s / pivot
      }
      r += 1
    }
    return r
  }

  /// `C = A B` for `A` (`rows × inner`) and `B` (`inner × cols`), all with row stride `k`.
  static func multiply(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, rows: Int, inner: Int, cols: Int, stride k: Int,
    into c: UnsafeMutablePointer<Double>
  ) {
    for i in 0..<rows {
      for j in 0..<cols {
        var s = 0.0
        for p in 0..<inner { s += a[i * k + p] * b[p * k + j] }
        c[i * k + j] = s
      }
    }
  }

  /// `C = A Aᵀ` for `A` (`rows × cols`), row stride `k`.
  static func gram(
    _ a: UnsafePointer<Double>, rows: Int, cols: Int, stride k: Int, into c: UnsafeMutablePointer<Double>
  ) {
    for i in 0..<rows {
      for j in 0...i {
        var s = 0.0
        for p in 0..<cols { s += a[i * k + p] * a[j * k + p] }
        c[i * k + j] = s
        c[j * k + i] = s
      }
    }
  }

  /// Solves `L y = x` in place for a lower-triangular `L` (`r × r`, row stride `k`).
  static func solveLower(
    _ l: UnsafePointer<Double>, _ r: Int, stride k: Int, _ x: UnsafeMutablePointer<Double>
  ) {
    for i in 0..<r {
      var s = x[i]
      for p in 0..<i { s -= l[i * k + p] * x[p] }
      x[i] = s / l[i * k + i]
    }
  }

  /// A Wishart matrix `W ~ W_r(d, I)`, i.e. `Σ_{t<d} g_t g_tᵀ` with `g_t ~ N(0, I_r)`, written
  /// to the top-left `r × r` block of `w` (row stride `k`). For `d ≥ r` by the Bartlett
  /// decomposition `W = T Tᵀ`, `T` lower triangular with `T_ii² ~ χ²_{d−i}` and `T_ij ~ N(0, 1)`
  /// below the diagonal (Bartlett 1933), costing `O(r³)` whatever `d`; for `d < r` by the sum.
  /// `t` is scratch of the same shape.
  static func wishart(
    _ r: Int, dof d: Int, stride k: Int, rng: inout Xoshiro256, scratch t: UnsafeMutablePointer<Double>,
    into w: UnsafeMutablePointer<Double>
  ) {
    if d >= r {
      for i in 0..<r {
        for j in 0..<r {
          if j < i {
            t[i * k + j] = rng.nextNormal()
          } else if j == i {
            t[i * k + j] = rng.nextChiSquare(d - i).squareRoot()
          } else {
            t[i * k + j] = 0
          }
        }
      }
      gram(t, rows: r, cols: r, stride: k, into: w)
    } else {
      // g_t as the columns of an r × d matrix (d < r ≤ k fits the stride).
      for i in 0..<r {
        for j in 0..<d { t[i * k + j] = rng.nextNormal() }
      }
      gram(t, rows: r, cols: d, stride: k, into: w)
    }
  }
}
