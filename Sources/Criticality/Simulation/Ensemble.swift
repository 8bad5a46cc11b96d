import Foundation

/// The statistics of an ensemble of independently initialized networks, as drawn by
/// `MLP.ensemble(inputs:samples:seed:method:)`. Layers are numbered `1...L`, inputs `0..<k`.
///
/// For every network `s` the ensemble keeps a few per-network statistics of each layer (the
/// Gram matrix `G_{αβ} = Σ_i z_{i;α} z_{i;β}`, power sums of the components, the values of the
/// first units). Estimators pool the `n_l` components *within* a network, which are identically
/// distributed, but take their uncertainty from the spread *across* the independent networks
/// only, since components of one network are correlated (they share the layers below):
///
/// - a moment `E[(z_i)^j]` is estimated by the mean over networks of the per-network statistic
///   `m_j(s)` (below), with the standard error `sd(m_j)/√N`;
/// - nonlinear functions of moments (cumulants, ratios) by the same function of the means, with a
///   delete-one jackknife error over networks (`Estimate.jackknife`).
public struct Ensemble: Sendable, CustomStringConvertible {
  /// The network's widths `[n₀, …, n_L]`.
  public let widths: [Int]
  /// The number `N` of sampled networks.
  public let samples: Int
  /// The number `k` of inputs.
  public let inputCount: Int
  /// How the networks were drawn.
  public let method: SamplingMethod
  /// The master seed.
  public let seed: UInt64

  let layout: EnsembleLayout
  let storage: EnsembleStorage

  init(
    widths: [Int], samples: Int, inputCount: Int, method: SamplingMethod, seed: UInt64,
    layout: EnsembleLayout,
    storage: EnsembleStorage
  ) {
    self.widths = widths
    self.samples = samples
    self.inputCount = inputCount
    self.method = method
    self.seed = seed
    self.layout = layout
    self.storage = storage
  }

  /// The depth `L`.
  public var depth: Int { widths.count - 1 }

  /// `Ensemble(20000 networks, brute force, widths [8, 32, 32], 2 inputs, seed 1)`.
  public var description: String {
    "Ensemble(\(samples) networks, \(method), widths \(widths), \(inputCount) input\(inputCount == 1 ? "" : "s"),"
      + " seed \(seed))"
  }

  /// How many units of layer `l` have their values recorded (`values(layer:unit:input:)`).
  public func recordedUnits(layer l: Int) -> Int {
    checkLayer(l)
    return layout.units[l - 1]
  }

  // MARK: Per-network statistics

  /// One value per network: the output `z^(l)_{unit; input}` of the given unit.
  public func values(layer l: Int, unit: Int = 0, input: Int = 0) -> [Double] {
    checkLayer(l)
    checkInput(input)
    require(
      unit >= 0 && unit < layout.units[l - 1],
      "Ensemble.values: unit \(unit) of layer \(l) was not recorded; units 0..<\(layout.units[l - 1]) were"
        + " (the `recordedUnits:` argument of `ensemble`).")
    return Array(column(l, layout.unit(unit, input: input)))
  }

  /// One value per network: `G^(l)_{αβ} = Σ_i z^(l)_{i;α} z^(l)_{i;β}` (for `α = β` the
  /// squared norm `|z^(l)_α|²`).
  public func gram(layer l: Int, _ a: Int, _ b: Int) -> [Double] {
    checkLayer(l)
    checkInput(a)
    checkInput(b)
    return Array(column(l, layout.gram(a, b)))
  }

  /// One value per network `s`: an unbiased estimate `m_j(s)` of `E[(z^(l)_{i;α})^j]` from
  /// that network alone.
  ///
  /// - Brute force: the component average `(1/n_l) Σ_i (z_{i;α})^j` for `j ≤ 8`; for `j > 8`
  ///   the average of `z^j` over the recorded units.
  /// - Exact sampler, even `j`: the conditional expectation given the network's norm
  ///   `r² = G_αα`. The direction of `z_α` is uniform on the sphere `S^{n−1}` and independent of
  ///   `r` (rotational invariance), so `m_j = r^j E[u_1^j] = r^j (j−1)!! / (n (n+2) ⋯ (n+j−2))`
  ///   (a Rao–Blackwellized estimator: same mean, smaller variance). Odd `j` (exactly zero by
  ///   the symmetry `z → −z`): the average of `z^j` over the recorded units, so that the
  ///   estimate keeps a genuine error bar (all zeros if no unit was recorded).
  public func perNetworkMoment(_ j: Int, layer l: Int, input a: Int = 0) -> [Double] {
    checkLayer(l)
    checkInput(a)
    require(j >= 0, "Ensemble.moment: the order must be non-negative, got \(j)")
    let n = Double(widths[l])
    if j == 0 { return [Double](repeating: 1, count: samples) }
    switch method {
    case .exact:
      if j % 2 == 1 { return unitAverage(j, layer: l, input: a) }
      var c = 1.0
      for t in 0..<(j / 2) { c *= Double(2 * t + 1) / (n + Double(2 * t)) }
      return column(l, layout.gram(a, a)).map { g in c * pow(g, Double(j / 2)) }
    case .bruteForce:
      if j == 2 { return column(l, layout.gram(a, a)).map { $0 / n } }
      if j <= EnsembleLayout.maxPower { return column(l, layout.power(j, input: a)).map { $0 / n } }
      require(
        layout.units[l - 1] > 0,
        "Ensemble.moment(\(j)): orders above 8 need recorded units (recordedUnits ≥ 1)")
      return unitAverage(j, layer: l, input: a)
    }
  }

  /// Per network, `(1/m) Σ_{u<m} (z_{u;α})^j` over the `m` recorded units (zeros if `m = 0`).
  func unitAverage(_ j: Int, layer l: Int, input a: Int) -> [Double] {
    let u = layout.units[l - 1]
    var result = [Double](repeating: 0, count: samples)
    guard u > 0 else { return result }
    for unit in 0..<u {
      let values = column(l, layout.unit(unit, input: a))
      for s in 0..<samples { result[s] += pow(values[s], Double(j)) }
    }
    return result.map { $0 / Double(u) }
  }

  // MARK: Estimators

  /// `E[(z^(l)_{i;α})^j]`: the mean over networks of `perNetworkMoment(j, layer: l, input: α)`,
  /// error `sd/√N`.
  public func moment(_ j: Int, layer l: Int, input a: Int = 0) -> Estimate {
    Estimate.mean(of: perNetworkMoment(j, layer: l, input: a))
  }

  /// The fourth cumulant (connected four-point function) of one component,
  /// `E[z⁴] − 3 E[z²]²`: zero for a Gaussian, `O(1/n)` at finite width (PDLT ch. 3–4).
  /// Estimated as `m̄₄ − 3 m̄₂²` from the per-network moments, jackknife error.
  public func fourthCumulant(layer l: Int, input a: Int = 0) -> Estimate {
    let m2 = perNetworkMoment(2, layer: l, input: a)
    let m4 = perNetworkMoment(4, layer: l, input: a)
    return Estimate.jackknife([m2, m4]) { m in m[1] - 3 * m[0] * m[0] }
  }

  /// The normalized fourth cumulant $\mathbb{E}[z^4] / (3\, \mathbb{E}[z^2]^2) - 1$ of one component
  /// (the excess kurtosis divided by 3).
  ///
  /// For a deep linear network with Gaussian weights and no biases it is exactly
  /// $\prod_{l<L} (1 + 2/n_l) - 1 \approx 2L/n$ (PDLT ch. 3). Estimated as
  /// $\bar m_4/(3 \bar m_2^2) - 1$ from the per-network moments, jackknife error (the ratio's
  /// numerator and denominator are correlated, so composing two `Estimate`s would be wrong).
  ///
  /// - Parameters:
  ///   - layer: the layer $l$, from 1 to the depth $L$.
  ///   - input: the input (index into the ensemble's `inputs`).
  /// - Returns: the estimate with its jackknife standard error.
  public func normalizedFourthCumulant(layer l: Int, input a: Int = 0) -> Estimate {
    let m2 = perNetworkMoment(2, layer: l, input: a)
    let m4 = perNetworkMoment(4, layer: l, input: a)
    return Estimate.jackknife([m2, m4]) { m in m[1] / (3 * m[0] * m[0]) - 1 }
  }

  /// The covariance of one component across two inputs, `E[z_{i;α₁} z_{i;α₂}]` (the kernel
  /// `K_{α₁α₂}` at infinite width): the mean over networks of `G_{α₁α₂}/n_l`, error `sd/√N`.
  public func covariance(layer l: Int, _ a: Int, _ b: Int) -> Estimate {
    let n = Double(widths[l])
    return Estimate.mean(of: gram(layer: l, a, b).map { $0 / n })
  }

  // MARK: Helpers

  func column(_ l: Int, _ statistic: Int) -> UnsafeBufferPointer<Double> {
    storage.column(layout.layerStart[l - 1] + statistic)
  }

  func checkLayer(_ l: Int) {
    require(
      l >= 1 && l <= depth, "Ensemble: layer \(l) is out of range; layers are numbered 1...\(depth)")
  }

  func checkInput(_ a: Int) {
    require(
      a >= 0 && a < inputCount, "Ensemble: input \(a) is out of range; inputs are 0..<\(inputCount)")
  }
}
