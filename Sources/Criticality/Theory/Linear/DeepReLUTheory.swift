import Foundation

/// Exact finite-width statistics of one output component of a ReLU network with Gaussian
/// weights and no biases (`C_b = 0`), widths `n_0, n_1, …, n_L`:
/// `z^(1) = W^(1) x`, `z^(l+1) = W^(l+1) σ(z^(l))`, `σ(z) = max(0, z)`,
/// `E[W_ij W_kl] = C_w/n_{l−1} δ_ik δ_jl` (PDLT ch. 2; §5.2 for the ReLU's criticality, arXiv:2106.10165v2).
///
/// As for a deep linear network (`DeepLinearTheory`), given layer `l` the components of layer
/// `l + 1` are independent Gaussians with a common variance
/// `σ²_{l+1} = (C_w/n_l) Σ_j σ(z^(l)_j)²`. Given `σ²_l`, the `z^(l)_j = σ_l ξ_j` are i.i.d., and
/// `Σ_j σ(z_j)² = σ²_l X_l`, `X_l = Σ_{j=1}^{n_l} ξ_j² 1{ξ_j > 0}`, independent of everything
/// below (a chi-square with a Binomial(n_l, 1/2) number of degrees of freedom). Hence
///
///     σ²_l = (C_w |x|²/n_0) ∏_{k=1}^{l−1} (C_w/n_k) X_k,    z^(l)_i = σ_l ξ,
///
/// a product of independent factors, and every even moment is exact:
/// `E[(z^(l)_i)^{2m}] = (2m − 1)!! (C_w|x|²/n_0)^m ∏_{k=1}^{l−1} (C_w/n_k)^m E[X_k^m]` with
/// `E[X^m] = 2^{−n} Σ_{b=0}^{n} binom(n, b) ∏_{j=0}^{m−1} (b + 2j)`. Since `E[X] = n/2` and
/// `Var X = 5n/4` (`E[ξ⁴ 1{ξ>0}] = 3/2`), the normalized fourth cumulant is
/// `∏_{k=1}^{l−1} (1 + 5/n_k) − 1`, whose leading order `5(l − 1)/n` is PDLT's `5ℓ/n` for the
/// ReLU (PDLT §5.4.1, arXiv:2106.10165v2; here exact at any width).
///
/// Construction and every function throw `CriticalityError` on invalid arguments.
public struct DeepReLUTheory: Sendable {
  /// `n_0, n_1, …, n_L`: input width first.
  public let widths: [Int]
  /// `C_w`, the weight variance times fan-in (2 is critical).
  public let cw: Double

  /// The depth `L`.
  public var depth: Int { widths.count - 1 }

  /// A ReLU network with widths `[n_0, …, n_L]` (at least one layer, every width ≥ 1),
  /// `C_w > 0` and `C_b = 0`.
  public init(widths: [Int], cw: Double = 2) throws {
    guard widths.count >= 2 else {
      throw CriticalityError(
        "DeepReLUTheory: widths must list n_0 and at least one layer width, got \(widths)")
    }
    if let bad = widths.first(where: { $0 < 1 }) {
      throw CriticalityError("DeepReLUTheory: every width must be ≥ 1, got \(bad) in \(widths)")
    }
    guard cw > 0, cw.isFinite else {
      throw CriticalityError("DeepReLUTheory: C_w must be positive and finite, got \(cw)")
    }
    self.widths = widths
    self.cw = cw
  }

  func checkLayer(_ l: Int) throws {
    guard l >= 1 && l <= depth else {
      throw CriticalityError("DeepReLUTheory: layer must be in 1...\(depth), got \(l)")
    }
  }

  /// `E[(z^(l)_i)²] = K^(l) = (C_w/2)^{l−1} C_w |x|²/n_0`, exact at any width (the kernel
  /// recursion `K' = C_w K/2` holds for the finite-width variance since `E[X_k] = n_k/2`).
  public func twoPoint(layer l: Int, inputNormSquared x2: Double) throws -> Double {
    try checkLayer(l)
    guard x2 >= 0, x2.isFinite else {
      throw CriticalityError("DeepReLUTheory: inputNormSquared must be finite and ≥ 0, got \(x2)")
    }
    return pow(cw / 2, Double(l - 1)) * cw * x2 / Double(widths[0])
  }

  /// `log E[X^m]` for `X = Σ_{j=1}^{n} ξ_j² 1{ξ_j > 0}`: the binomial mixture of chi-square
  /// moments `E[(χ²_b)^m] = ∏_{j<m} (b + 2j)`, summed in logs (all terms positive).
  static func logMomentOfPositivePart(width n: Int, half m: Int) -> Double {
    if m == 0 { return 0 }
    var terms: [Double] = []
    terms.reserveCapacity(n)
    let logNFactorial: Double = lgamma(Double(n + 1))
    for b in 1...n {
      let logB: Double = lgamma(Double(b + 1))
      let logRest: Double = lgamma(Double(n - b + 1))
      var t = logNFactorial - logB - logRest - Double(n) * log(2.0)
      for j in 0..<m { t += log(Double(b + 2 * j)) }
      terms.append(t)
    }
    let top = terms.max()!
    return top + log(terms.reduce(0) { $0 + exp($1 - top) })
  }

  /// The exact moment `E[(z^(l)_i)^order]` of one output component (zero for odd orders):
  /// `(2m − 1)!! (C_w|x|²/n_0)^m ∏_{k=1}^{l−1} (C_w/n_k)^m E[X_k^m]` for order `2m`.
  /// Accurate to ~1e-14 relative per factor; cost `O(m Σ n_k)`.
  public func moment(_ order: Int, layer l: Int, inputNormSquared x2: Double) throws -> Double {
    guard order >= 0 else {
      throw CriticalityError("DeepReLUTheory: moment order must be ≥ 0, got \(order)")
    }
    let k1 = try twoPoint(layer: 1, inputNormSquared: x2)
    try checkLayer(l)
    if order % 2 == 1 { return 0 }
    let m = order / 2
    if m == 0 { return 1 }
    if k1 == 0 { return 0 }
    var s = DeepLinearTheory.logDoubleFactorial(m) + Double(m) * log(k1)
    for n in widths[1..<l] {
      s += Double(m) * log(cw / Double(n)) + Self.logMomentOfPositivePart(width: n, half: m)
    }
    return exp(s)
  }

  /// The exact normalized fourth cumulant `E[z⁴]/(3 E[z²]²) − 1 = ∏_{k=1}^{l−1} (1 + 5/n_k) − 1`
  /// of one component at layer `l`, independent of `C_w` and the input (`expm1` of a sum of
  /// `log1p`, full relative accuracy when small).
  public func normalizedFourthCumulant(layer l: Int) throws -> Double {
    try checkLayer(l)
    return expm1(widths[1..<l].reduce(0.0) { $0 + log1p(5 / Double($1)) })
  }
}
