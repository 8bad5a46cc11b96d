import BigInt
import Foundation

extension DeepLinearTheory {
  /// `log (2m − 1)!! = lgamma(2m + 1) − m log 2 − lgamma(m + 1)`.
  static func logDoubleFactorial(_ m: Int) -> Double {
    lgamma(Double(2 * m + 1)) - Double(m) * log(2.0) - lgamma(Double(m + 1))
  }

  /// `log( E[(z_i^(l))^{2m}] / ((2m − 1)!! (G^(l))^m) )`, summed in logs (`log1p` of each
  /// factor) so that it is accurate to a few ulp per factor and never overflows:
  ///
  /// - Gaussian: `Σ_{k=1}^{l−1} Σ_{j<m} log(1 + 2j/n_k)`, from
  ///   `E[(χ²_n/n)^m] = ∏_{j<m} (1 + 2j/n)` and `E[ξ^{2m}] = (2m − 1)!!`.
  /// - Orthogonal: `Σ_{k: n_k > n_{k−1}} m log(n_k/n_{k−1})
  ///   + Σ_{k: n_k ≤ n_{k−1}} Σ_{j<m} log((n_k + 2j)/(n_{k−1} + 2j))
  ///   + Σ_{j<m} log(n_0/(n_l + 2j))`, from `E[B^m] = ∏_{j<m} (a + j)/(a + b + j)` for
  ///   `B ~ Beta(a, b)` and `E[u_1^{2m}] = (2m − 1)!! / ∏_{j<m} (n + 2j)` on `S^{n−1}`.
  func logNormalizedMoment(half m: Int, layer l: Int) -> Double {
    var s = 0.0
    switch weights {
    case .gaussian:
      for n in hiddenWidths(below: l) {
        for j in 0..<m { s += log1p(Double(2 * j) / Double(n)) }
      }
    case .orthogonal:
      for k in 1...l {
        let (n, nPrevious) = (Double(widths[k]), Double(widths[k - 1]))
        if n > nPrevious {
          s += Double(m) * log(n / nPrevious)
        } else {
          for j in 0..<m { s += log1p((n - nPrevious) / (nPrevious + Double(2 * j))) }
        }
      }
      let (n0, nl) = (Double(widths[0]), Double(widths[l]))
      for j in 0..<m { s += log1p((n0 - nl - Double(2 * j)) / (nl + Double(2 * j))) }
    }
    return s
  }

  /// Checks an even, non-negative moment order and returns half of it; odd orders give nil.
  func halfOrder(_ order: Int) throws -> Int? {
    guard order >= 0 else {
      throw CriticalityError("DeepLinearTheory: moment order must be ≥ 0, got \(order)")
    }
    return order % 2 == 0 ? order / 2 : nil
  }

  /// The exact moment `E[(z_i^(l))^order]` of one component at layer `l`, any finite widths:
  ///
  /// - Gaussian: `(2m − 1)!! (G^(l))^m ∏_{k=1}^{l−1} ∏_{j=0}^{m−1} (1 + 2j/n_k)` for order `2m`
  ///   (PDLT §3.3 for m = 2, here for every m; Zavatone-Veth & Pehlevan 2021).
  /// - Orthogonal: `(2m − 1)!! (G^(l))^m` times the width factors of `logNormalizedMoment`;
  ///   for square layers `E[z^{2m}] = (2m − 1)!! R^{2m}/∏_{j<m}(n + 2j)` with `R² = C_w^l |x|²`.
  ///
  /// Odd orders vanish by symmetry. Accuracy ~1e-15 × (number of factors) relative; `+∞` only
  /// beyond the `Double` range. Throws for negative order, bad layer or input.
  public func moment(_ order: Int, layer l: Int, inputNormSquared x2: Double) throws -> Double {
    let g = try twoPoint(layer: l, inputNormSquared: x2)
    guard let m = try halfOrder(order) else { return 0 }
    if m == 0 { return 1 }
    if g == 0 { return 0 }
    return exp(
      DeepLinearTheory.logDoubleFactorial(m) + logNormalizedMoment(half: m, layer: l) + Double(m) * log(g))
  }

  /// The exact ratio `E[(z_i^(l))^order] / (G^(l))^{order/2}` as a rational number (zero for
  /// odd orders): `(2m − 1)!! ∏_k ∏_{j<m} (n_k + 2j)/n_k` for Gaussian weights and the
  /// corresponding product of beta-moment ratios for orthogonal ones. Exact for any widths;
  /// the cost grows with the number of bits, so keep `order × depth` modest (≲ 10^3).
  public func momentRatio(_ order: Int, layer l: Int) throws -> Rational {
    try checkLayer(l)
    guard let m = try halfOrder(order) else { return .zero }
    var num = BigInt(1)
    var den = BigInt(1)
    for j in 0..<m { num = num * BigInt(2 * j + 1) }
    switch weights {
    case .gaussian:
      for n in hiddenWidths(below: l) {
        for j in 0..<m {
          num = num * BigInt(n + 2 * j)
          den = den * BigInt(n)
        }
      }
    case .orthogonal:
      for k in 1...l {
        let (n, nPrevious) = (widths[k], widths[k - 1])
        for j in 0..<m {
          if n > nPrevious {
            num = num * BigInt(n)
            den = den * BigInt(nPrevious)
          } else {
            num = num * BigInt(n + 2 * j)
            den = den * BigInt(nPrevious + 2 * j)
          }
        }
      }
      for j in 0..<m {
        num = num * BigInt(widths[0])
        den = den * BigInt(widths[l] + 2 * j)
      }
    }
    return try Rational(num, den)
  }

  /// The four-point function in the lecture's convention,
  /// `G_4^(l) = E[(z_i^(l))² (z_j^(l))²]` for `i ≠ j`, which equals `E[(z_i^(l))⁴]/3` for any
  /// rotation-invariant `z^(l)` (both weight kinds here), so that
  /// `E[z_{i1} z_{i2} z_{i3} z_{i4}] = G_4 (δ_{i1i2}δ_{i3i4} + δ_{i1i3}δ_{i2i4} + δ_{i1i4}δ_{i2i3})`.
  /// Gaussian: `G_4^(l) = (G^(l))² ∏_{k=1}^{l−1} (1 + 2/n_k)` (PDLT §3.3).
  public func fourPoint(layer l: Int, inputNormSquared x2: Double) throws -> Double {
    try moment(4, layer: l, inputNormSquared: x2) / 3
  }

  /// The connected four-point function per Wick pairing, `G_4^(l) − (G^(l))²`: the lecture's
  /// `≈ 2(l − 1)/n G²` for Gaussian weights at equal widths (PDLT §3.3, `V^(l)/n` at leading order).
  /// The fourth cumulant of one component is three times this (`fourthCumulant`).
  public func connectedFourPoint(layer l: Int, inputNormSquared x2: Double) throws -> Double {
    let g = try twoPoint(layer: l, inputNormSquared: x2)
    return try normalizedFourthCumulant(layer: l) * g * g
  }

  /// The fourth cumulant of one component, `κ_4 = E[z⁴] − 3 (E[z²])² = 3 (G_4 − G²)`.
  public func fourthCumulant(layer l: Int, inputNormSquared x2: Double) throws -> Double {
    try 3 * connectedFourPoint(layer: l, inputNormSquared: x2)
  }

  /// The normalized fourth cumulant `E[z⁴]/(3 G²) − 1 = κ_4/(3G²) = (G_4 − G²)/G²`, exact:
  ///
  /// - Gaussian: `∏_{k=1}^{l−1} (1 + 2/n_k) − 1`, i.e. `(1 + 2/n)^{l−1} − 1` at equal widths,
  ///   `= 2(l − 1)/n + O(l²/n²)` (PDLT §3.3 at leading order). The leading order fails when
  ///   `l ~ n`: at n = 32, l = 20 the exact value 2.16 is 1.8 × `2(l−1)/n` = 1.19.
  /// - Orthogonal: from the beta and sphere moments; `−2/(n + 2)` for square layers of width
  ///   `n`, independent of depth.
  ///
  /// Computed as `expm1` of a sum of `log1p`, so small values keep full relative accuracy.
  public func normalizedFourthCumulant(layer l: Int) throws -> Double {
    try checkLayer(l)
    return expm1(logNormalizedMoment(half: 2, layer: l))
  }

  /// The normalized sixth cumulant `κ_6/(15 G³) = E[z⁶]/(15G³) − 3 E[z⁴]/(3G²) + 2`
  /// (for a symmetric law `κ_6 = μ_6 − 15 μ_4 μ_2 + 30 μ_2³`). Gaussian, equal widths:
  /// `(1 + 2/n)^{l−1} (1 + 4/n)^{l−1} − 3 (1 + 2/n)^{l−1} + 2 = 4(l − 1)(3l − 4)/n² + O(1/n³)`,
  /// the `(l/n)²` scaling of the connected six-point function. Absolute accuracy ~1e-16 × n
  /// relative to `1/n²` (two `O(1/n)` terms cancel).
  public func normalizedSixthCumulant(layer l: Int) throws -> Double {
    try checkLayer(l)
    let e4 = expm1(logNormalizedMoment(half: 2, layer: l))
    let e6 = expm1(logNormalizedMoment(half: 3, layer: l))
    return e6 - 3 * e4
  }

  /// The cumulant `κ_{2m}` of one component divided by `(2m − 1)!! G^m` (the Gaussian value of
  /// the moment), from the exact moments by the moment–cumulant recursion
  /// `κ_n = μ_n − Σ_{k=1}^{n−1} binom(n−1, k−1) κ_k μ_{n−k}`; zero for odd orders. Loses about
  /// `log10((2m)!)` digits to cancellation at large widths; prefer the 4th/6th functions there.
  public func normalizedCumulant(_ order: Int, layer l: Int) throws -> Double {
    try checkLayer(l)
    guard let m = try halfOrder(order) else { return 0 }
    if m == 0 { return 0 }
    let n = 2 * m
    // Normalized moments μ_k / G^{k/2}.
    var mu = [Double](repeating: 0, count: n + 1)
    mu[0] = 1
    for k in stride(from: 2, through: n, by: 2) {
      mu[k] = exp(DeepLinearTheory.logDoubleFactorial(k / 2) + logNormalizedMoment(half: k / 2, layer: l))
    }
    var kappa = [Double](repeating: 0, count: n + 1)
    for r in 1...n {
      var s = mu[r]
      for k in 1..<r { s -= DeepLinearTheory.binomial(r - 1, k - 1) * kappa[k] * mu[r - k] }
      kappa[r] = s
    }
    return kappa[n] / exp(DeepLinearTheory.logDoubleFactorial(m))
  }

  static func binomial(_ n: Int, _ k: Int) -> Double {
    exp(lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))).rounded()
  }
}
