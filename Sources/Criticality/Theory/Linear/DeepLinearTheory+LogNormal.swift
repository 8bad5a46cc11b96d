import Foundation

extension DeepLinearTheory {
  /// Exact mean and variance of `log |z^(l)|²`, the log squared norm of the whole layer-`l`
  /// vector: the large-depth log-normal regime of Hanin & Nica ("Products of many large random
  /// matrices and gradients in deep neural networks", 2019), where `log |z^(l)|²` is a sum of
  /// `l` independent terms and hence ≈ normal when `l` is large.
  ///
  /// - Gaussian: `|z^(l)|² = |x|² ∏_{k=1}^{l} (C_w/n_{k−1}) χ²_{n_k}`, with
  ///   `E[log χ²_n] = ψ(n/2) + log 2` and `Var[log χ²_n] = ψ′(n/2)`, so
  ///   `mean = log(C_w^l |x|² n_l/n_0) + Σ_k [ψ(n_k/2) − log(n_k/2)]`,
  ///   `variance = Σ_{k=1}^{l} ψ′(n_k/2)`.
  /// - Orthogonal: `|z^(l)|² = |x|² ∏_k s_k² ∏_{narrowing k} B_k` with
  ///   `E[log B] = ψ(a) − ψ(a + b)`, `Var[log B] = ψ′(a) − ψ′(a + b)` for `B ~ Beta(a, b)`;
  ///   deterministic (variance 0) when no layer narrows.
  ///
  /// Accuracy ~1e-15 relative per term. Throws for bad layer or `inputNormSquared ≤ 0`.
  public func logNormSquaredMoments(layer l: Int, inputNormSquared x2: Double) throws
    -> (mean: Double, variance: Double)
  {
    let g = try twoPoint(layer: l, inputNormSquared: x2)
    guard g > 0 else { throw CriticalityError("DeepLinearTheory: log|z|² needs inputNormSquared > 0") }
    // log E|z^(l)|² = log(n_l G^(l)) for both kinds.
    var mean = log(Double(widths[l]) * g)
    var variance = 0.0
    switch weights {
    case .gaussian:
      for n in widths[1...l] {
        let a = Double(n) / 2
        mean += LinearGamma.digamma(a) - log(a)
        variance += LinearGamma.trigamma(a)
      }
    case .orthogonal:
      for k in 1...l where widths[k] < widths[k - 1] {
        let (a, ab) = (Double(widths[k]) / 2, Double(widths[k - 1]) / 2)
        // log E|z|² already holds log E[B] = log(a/(a+b)); add E[log B] − log E[B].
        mean += LinearGamma.digamma(a) - LinearGamma.digamma(ab) - log(a / ab)
        variance += LinearGamma.trigamma(a) - LinearGamma.trigamma(ab)
      }
    }
    return (mean, variance)
  }

  /// The leading large-width form of `logNormSquaredMoments` for Gaussian weights (Hanin & Nica
  /// 2019): with `β = Σ_{k=1}^{l} 1/n_k`,
  /// `mean ≈ log E|z^(l)|² − β` and `variance ≈ 2β` (from `ψ(a) − log a = −1/(2a) + O(a^{−2})`,
  /// `ψ′(a) = 1/a + O(a^{−2})`), so `|z^(l)|²/E|z^(l)|² ≈ exp(N(−β, 2β))` — log-normal, with
  /// fluctuations set by `l/n`, not by `l` or `n` alone. Throws for orthogonal weights.
  public func logNormSquaredLeadingOrder(layer l: Int, inputNormSquared x2: Double) throws
    -> (mean: Double, variance: Double)
  {
    guard weights == .gaussian else {
      throw CriticalityError("DeepLinearTheory.logNormSquaredLeadingOrder: Gaussian weights only")
    }
    let g = try twoPoint(layer: l, inputNormSquared: x2)
    guard g > 0 else { throw CriticalityError("DeepLinearTheory: log|z|² needs inputNormSquared > 0") }
    let beta = widths[1...l].reduce(0.0) { $0 + 1 / Double($1) }
    return (log(Double(widths[l]) * g) - beta, 2 * beta)
  }

  /// Exact mean and variance of `log (z_i^(l))²` for one component with Gaussian weights:
  /// `log(2G) + ψ(1/2) + Σ_{k<l} [ψ(n_k/2) − log(n_k/2)]` and `π²/2 + Σ_{k<l} ψ′(n_k/2)`
  /// (the `χ²_1` of the last layer contributes `ψ′(1/2) = π²/2`). Throws for orthogonal weights.
  public func logComponentSquaredMoments(layer l: Int, inputNormSquared x2: Double) throws
    -> (mean: Double, variance: Double)
  {
    guard weights == .gaussian else {
      throw CriticalityError("DeepLinearTheory.logComponentSquaredMoments: Gaussian weights only")
    }
    let g = try twoPoint(layer: l, inputNormSquared: x2)
    guard g > 0 else { throw CriticalityError("DeepLinearTheory: log z² needs inputNormSquared > 0") }
    let law = componentSquaredLaw(layer: l, twoPoint: g)
    return (law.mean(0), law.variance(0))
  }
}
