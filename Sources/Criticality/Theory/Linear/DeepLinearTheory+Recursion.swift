import Foundation

extension DeepLinearTheory {
  /// The lecture's four-point recursion for Gaussian weights,
  ///
  ///     G_4^(l+1) = C_w² (1 + 2/n_l) G_4^(l),    G_4^(1) = (G^(1))² = (C_w |x|²/n_0)²,
  ///
  /// iterated layer by layer (PDLT §3.3, the recursion and its solution). Convention: `G_4` is
  /// the coefficient of each Wick pairing, `G_4 = E[z_i² z_j²]` for `i ≠ j` `= E[z_i⁴]/3`; it
  /// follows from `E[σ_{l+1}⁴] = (C_w/n_l)² E[|z^(l)|⁴]` with
  /// `E[|z^(l)|⁴] = n_l E[z⁴] + n_l(n_l − 1) E[z_1² z_2²] = n_l (n_l + 2) G_4^(l)`.
  /// Returns `[G_4^(1), …, G_4^(l)]`; it agrees with `fourPoint` to rounding. Throws for
  /// orthogonal weights (there `G_4` is `fourPoint`; for square layers `G_4^(l+1) = C_w² G_4^(l)`).
  public func lectureFourPointRecursion(layer l: Int, inputNormSquared x2: Double) throws -> [Double] {
    guard weights == .gaussian else {
      throw CriticalityError(
        "DeepLinearTheory.lectureFourPointRecursion: the recursion is the Gaussian one; use fourPoint for orthogonal weights"
      )
    }
    let g1 = try twoPoint(layer: 1, inputNormSquared: x2)
    try checkLayer(l)
    var g4 = [g1 * g1]
    for k in 1..<l {
      g4.append(cw * cw * (1 + 2 / Double(widths[k])) * g4[k - 1])
    }
    return g4
  }

  /// The leading order in `1/n` of `normalizedFourthCumulant`:
  ///
  /// - Gaussian: `2 Σ_{k=1}^{l−1} 1/n_k` (`2(l − 1)/n` at equal widths, the lecture's connected
  ///   four-point `≈ 2(l−1)/n G²` per pairing; PDLT §3.3).
  /// - Orthogonal: `2 Σ_{k ≤ l: n_k < n_{k−1}} (1/n_k − 1/n_{k−1}) − 2/n_l`, i.e. `−2/n` for
  ///   square layers.
  public func normalizedFourthCumulantLeadingOrder(layer l: Int) throws -> Double {
    try checkLayer(l)
    switch weights {
    case .gaussian:
      return hiddenWidths(below: l).reduce(0.0) { $0 + 2 / Double($1) }
    case .orthogonal:
      var s = -2 / Double(widths[l])
      for k in 1...l where widths[k] < widths[k - 1] {
        s += 2 / Double(widths[k]) - 2 / Double(widths[k - 1])
      }
      return s
    }
  }

  /// The leading order of `normalizedSixthCumulant` for Gaussian weights,
  /// `12 (Σ_k 1/n_k)² − 4 Σ_k 1/n_k²` over `k = 1…l−1` (at equal widths `4(l−1)(3l−4)/n²`,
  /// the `(l/n)²` growth of the connected six-point function); for orthogonal weights with
  /// square layers, `16/n²` (exactly `κ_6/(15G³) = 16/((n+2)(n+4))`).
  public func normalizedSixthCumulantLeadingOrder(layer l: Int) throws -> Double {
    try checkLayer(l)
    switch weights {
    case .gaussian:
      let s1 = hiddenWidths(below: l).reduce(0.0) { $0 + 1 / Double($1) }
      let s2 = hiddenWidths(below: l).reduce(0.0) { $0 + 1 / (Double($1) * Double($1)) }
      return 12 * s1 * s1 - 4 * s2
    case .orthogonal:
      guard widths[0...l].allSatisfy({ $0 == widths[0] }) else {
        throw CriticalityError(
          "DeepLinearTheory.normalizedSixthCumulantLeadingOrder: orthogonal case needs equal widths")
      }
      let n = Double(widths[0])
      return 16 / (n * n)
    }
  }
}
