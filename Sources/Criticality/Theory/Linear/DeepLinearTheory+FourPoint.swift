import Foundation

extension DeepLinearTheory {
  /// Which output units the four-point function `E[z_{i;α1} z_{i;α2} z_{j;α3} z_{j;α4}]` pairs.
  public enum Units: Sendable, Hashable {
    /// `i ≠ j`: inputs 1, 2 on one unit and 3, 4 on another.
    case distinct
    /// `i = j`: all four inputs on the same unit.
    case same
  }

  /// The multi-input four-point function at layer `l`, exact at any widths,
  /// `E[z^(l)_{i;α1} z^(l)_{i;α2} z^(l)_{j;α3} z^(l)_{j;α4}]` for `i ≠ j` (`.distinct`) or
  /// `i = j` (`.same`), with `G_{ab} = G^(l)_{αa αb} = C_w^l x_a·x_b/n_0` and
  /// `S = G_12 G_34 + G_13 G_24 + G_14 G_23`:
  ///
  /// - Gaussian weights (PDLT §3.3, here for four distinct inputs and any widths): with
  ///   `Q^(l)_{ab} = z^(l)_a·z^(l)_b/n_l`, Wick's theorem for the weights of layer `l + 1` gives
  ///   `E[z_{i;a} z_{i;b} z_{j;c} z_{j;d}] = C_w² E[Q_ab Q_cd]` for `i ≠ j` and
  ///   `C_w² E[Q_ab Q_cd + Q_ac Q_bd + Q_ad Q_bc]` for `i = j`, and summing over units,
  ///   `E[Q'_ab Q'_cd] = C_w² (E[Q_ab Q_cd] + (E[Q_ac Q_bd] + E[Q_ad Q_bc])/n_l)`. The symmetric
  ///   sum of the three pairings grows by `1 + 2/n_k` per layer, their differences by
  ///   `1 − 1/n_k`, so with `P_± = ∏_{k=1}^{l−1}` of those factors,
  ///
  ///       distinct: S/3 · P_+ + (G_12 G_34 − S/3) · P_−,        same: S · P_+.
  ///
  ///   For one input (`S = 3G²`) both reduce to `G_4 = G² ∏(1 + 2/n_k)`.
  /// - Orthogonal weights, equal widths `n_0 = … = n_l = n`: the product of the layers is
  ///   `C_w^{l/2}` times a Haar matrix, whose fourth moments are given by the orthogonal
  ///   Weingarten function (Collins & Śniady 2006),
  ///
  ///       distinct: n ((n + 1) G_12 G_34 − G_13 G_24 − G_14 G_23)/((n − 1)(n + 2)),
  ///       same:     n S/(n + 2).
  ///
  /// - Throws: `CriticalityError` for a bad layer, `inputs` that are not four vectors of length
  ///   `n_0` with finite entries, `.distinct` with a layer of width 1, and orthogonal weights with
  ///   unequal widths up to layer `l` (no exact result is implemented there).
  public func fourPoint(layer l: Int, inputs: [[Double]], units: Units) throws -> Double {
    let g = try fourPointKernel(layer: l, inputs: inputs, units: units)
    let s = g[0][1] * g[2][3] + g[0][2] * g[1][3] + g[0][3] * g[1][2]
    switch weights {
    case .gaussian:
      var plus = 0.0
      var minus = 0.0
      for n in hiddenWidths(below: l) {
        plus += log1p(2 / Double(n))
        minus += n == 1 ? -Double.infinity : log1p(-1 / Double(n))
      }
      switch units {
      case .distinct: return s / 3 * exp(plus) + (g[0][1] * g[2][3] - s / 3) * exp(minus)
      case .same: return s * exp(plus)
      }
    case .orthogonal:
      let n = Double(widths[0])
      guard widths[0...l].allSatisfy({ $0 == widths[0] }) else {
        throw CriticalityError(
          "DeepLinearTheory.fourPoint: the multi-input four-point function of orthogonal networks is"
            + " exact here only for equal widths n_0 = … = n_l, got \(widths[0...l])")
      }
      switch units {
      case .distinct:
        return n * ((n + 1) * g[0][1] * g[2][3] - g[0][2] * g[1][3] - g[0][3] * g[1][2]) / ((n - 1) * (n + 2))
      case .same: return n * s / (n + 2)
      }
    }
  }

  /// The connected part of `fourPoint(layer:inputs:units:)`: the four-point function minus its
  /// Wick (Gaussian) value, `G_12 G_34` for `.distinct` and `S` for `.same`. Exact.
  public func connectedFourPoint(layer l: Int, inputs: [[Double]], units: Units) throws -> Double {
    let g = try fourPointKernel(layer: l, inputs: inputs, units: units)
    let wick: Double
    switch units {
    case .distinct: wick = g[0][1] * g[2][3]
    case .same: wick = g[0][1] * g[2][3] + g[0][2] * g[1][3] + g[0][3] * g[1][2]
    }
    return try fourPoint(layer: l, inputs: inputs, units: units) - wick
  }

  /// The leading order in `1/n` of `connectedFourPoint(layer:inputs:units:)` for Gaussian
  /// weights (PDLT §3.3), with `β = Σ_{k=1}^{l−1} 1/n_k`:
  ///
  ///     distinct: β (G_13 G_24 + G_14 G_23),      same: 2β (G_12 G_34 + G_13 G_24 + G_14 G_23).
  ///
  /// The leading order of the exact result above (`P_± = 1 + 2β, 1 − β + O(1/n²)`).
  /// - Throws: as `fourPoint`, and for orthogonal weights, whose exact connected function
  ///   `(2 G_12 G_34 − n (G_13 G_24 + G_14 G_23))/((n − 1)(n + 2)) ≈ −(G_13 G_24 + G_14 G_23)/n`
  ///   (`.distinct`) does not grow with depth.
  public func connectedFourPointLeadingOrder(layer l: Int, inputs: [[Double]], units: Units) throws
    -> Double
  {
    guard weights == .gaussian else {
      throw CriticalityError(
        "DeepLinearTheory.connectedFourPointLeadingOrder: the Σ 1/n_k form is for Gaussian weights")
    }
    let g = try fourPointKernel(layer: l, inputs: inputs, units: units)
    let beta = hiddenWidths(below: l).reduce(0.0) { $0 + 1 / Double($1) }
    switch units {
    case .distinct: return beta * (g[0][2] * g[1][3] + g[0][3] * g[1][2])
    case .same: return 2 * beta * (g[0][1] * g[2][3] + g[0][2] * g[1][3] + g[0][3] * g[1][2])
    }
  }

  /// Checks the arguments of the four-point functions and returns the 4×4 two-point matrix
  /// `G^(l)_{ab} = C_w^l x_a·x_b/n_0`.
  func fourPointKernel(layer l: Int, inputs: [[Double]], units: Units) throws -> [[Double]] {
    try checkLayer(l)
    guard inputs.count == 4 else {
      throw CriticalityError("DeepLinearTheory.fourPoint: needs exactly four inputs, got \(inputs.count)")
    }
    for x in inputs {
      guard x.count == widths[0], x.allSatisfy({ $0.isFinite }) else {
        throw CriticalityError(
          "DeepLinearTheory.fourPoint: every input needs n_0 = \(widths[0]) finite components")
      }
    }
    if units == .distinct && widths[l] < 2 {
      throw CriticalityError("DeepLinearTheory.fourPoint: .distinct needs two units, but n_\(l) = 1")
    }
    let scale = pow(cw, Double(l)) / Double(widths[0])
    return inputs.map { a in inputs.map { b in scale * zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } } }
  }
}
