import Criticality
import Foundation
import Testing

/// A small, independent Monte Carlo of deep linear networks (explicit weight matrices drawn
/// with `Xoshiro256.nextGaussian`; Haar matrices by Gram–Schmidt of Gaussian rows or columns),
/// to check the exact theory — including its conventions for non-square orthogonal layers —
/// with z-scores.
private enum LinearNetworkSampler {
  /// Orthonormalizes the vectors in place (modified Gram–Schmidt): Haar-distributed frames
  /// when the inputs are i.i.d. Gaussian.
  static func gramSchmidt(_ v: inout [[Double]]) {
    for i in 0..<v.count {
      for j in 0..<i {
        let d = zip(v[i], v[j]).reduce(0.0) { $0 + $1.0 * $1.1 }
        for k in 0..<v[i].count { v[i][k] -= d * v[j][k] }
      }
      let norm = v[i].reduce(0.0) { $0 + $1 * $1 }.squareRoot()
      for k in 0..<v[i].count { v[i][k] /= norm }
    }
  }

  /// An `nOut × nIn` weight matrix (rows), Gaussian `N(0, cw/nIn)` or `s` times Haar with
  /// orthonormal rows (`nOut ≤ nIn`, `s² = cw`) or columns (`nOut > nIn`, `s² = cw nOut/nIn`).
  static func weights(_ nOut: Int, _ nIn: Int, cw: Double, kind: WeightDistribution, rng: inout Xoshiro256)
    -> [[Double]]
  {
    switch kind {
    case .gaussian:
      let sd = (cw / Double(nIn)).squareRoot()
      return (0..<nOut).map { _ in (0..<nIn).map { _ in sd * rng.nextGaussian() } }
    case .orthogonal:
      if nOut <= nIn {
        var rows = (0..<nOut).map { _ in (0..<nIn).map { _ in rng.nextGaussian() } }
        gramSchmidt(&rows)
        let s = cw.squareRoot()
        return rows.map { $0.map { s * $0 } }
      }
      var columns = (0..<nIn).map { _ in (0..<nOut).map { _ in rng.nextGaussian() } }
      gramSchmidt(&columns)
      let s = (cw * Double(nOut) / Double(nIn)).squareRoot()
      return (0..<nOut).map { i in (0..<nIn).map { j in s * columns[j][i] } }
    }
  }

  /// The layer-`l` preactivations of one random network on the input `x`.
  static func forward(
    widths: [Int], layer l: Int, cw: Double, kind: WeightDistribution, x: [Double],
    rng: inout Xoshiro256
  ) -> [Double] {
    var z = x
    for k in 1...l {
      let w = weights(widths[k], widths[k - 1], cw: cw, kind: kind, rng: &rng)
      z = w.map { row in zip(row, z).reduce(0.0) { $0 + $1.0 * $1.1 } }
    }
    return z
  }
}

/// Mean and standard error of i.i.d. samples.
private func meanAndError(_ s: [Double]) -> Estimate {
  let n = Double(s.count)
  let mean = s.reduce(0, +) / n
  let variance = s.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
  return Estimate(value: mean, error: (variance / n).squareRoot())
}

@Suite struct LinearTheoryMonteCarloTests {
  @Test(arguments: [WeightDistribution.gaussian, .orthogonal])
  func momentsMatchExplicitNetworks(kind: WeightDistribution) throws {
    let cases: [(widths: [Int], cw: Double)] = [
      ([3, 4, 4, 4], 1.0), ([4, 3, 5, 2], 1.5), ([2, 6, 3], 0.8),
    ]
    for (c, (widths, cw)) in cases.enumerated() {
      let theory = try DeepLinearTheory(widths: widths, cw: cw, weights: kind)
      let x = (0..<widths[0]).map { 0.5 + Double($0) * 0.3 }
      let x2 = x.reduce(0.0) { $0 + $1 * $1 }
      let l = widths.count - 1
      var rng = Xoshiro256(seed: 2024, stream: UInt64(c))
      var m2: [Double] = []
      var m4: [Double] = []
      var logNorm: [Double] = []
      for _ in 0..<6000 {
        let z = LinearNetworkSampler.forward(widths: widths, layer: l, cw: cw, kind: kind, x: x, rng: &rng)
        // Components are exchangeable: average over them within a network (samples stay i.i.d.).
        m2.append(z.reduce(0.0) { $0 + $1 * $1 } / Double(z.count))
        m4.append(z.reduce(0.0) { $0 + $1 * $1 * $1 * $1 } / Double(z.count))
        logNorm.append(log(z.reduce(0.0) { $0 + $1 * $1 }))
      }
      let e2 = meanAndError(m2)
      let e4 = meanAndError(m4)
      let exact2 = try theory.moment(2, layer: l, inputNormSquared: x2)
      let exact4 = try theory.moment(4, layer: l, inputNormSquared: x2)
      // Within 4 standard errors (plus rounding, for the orthogonal cases where |z|² is
      // deterministic and the component average E z² has no statistical error at all).
      #expect(
        abs(e2.value - exact2) < 4 * e2.error + 1e-12 * exact2, "\(kind) \(widths) E z²: \(e2) vs \(exact2)")
      #expect(abs(e4.zScore(against: exact4)) < 4, "\(kind) \(widths) E z⁴: \(e4) vs \(exact4)")
      let (mean, variance) = try theory.logNormSquaredMoments(layer: l, inputNormSquared: x2)
      let eLog = meanAndError(logNorm)
      if variance > 0 {
        #expect(abs(eLog.zScore(against: mean)) < 4, "\(kind) \(widths) E log|z|²: \(eLog) vs \(mean)")
        let centred = logNorm.map { ($0 - mean) * ($0 - mean) }
        let eVar = meanAndError(centred)
        #expect(
          abs(eVar.zScore(against: variance)) < 4, "\(kind) \(widths) Var log|z|²: \(eVar) vs \(variance)")
      } else {
        #expect(abs(eLog.value - mean) < 1e-12 && eLog.error < 1e-12)
      }
    }
  }

  @Test func normalizedFourthCumulantFromChiSquareChain() throws {
    // Chi-square chain σ_l² = G ∏ χ²_{n_k}/n_k, z = σ ξ: a deeper network than the explicit
    // sampler affords; the estimator E[z⁴]/(3G²) − 1 uses the exact G.
    let n = 6
    let l = 8
    let theory = try DeepLinearTheory(widths: Array(repeating: n, count: l + 1))
    var rng = Xoshiro256(seed: 11)
    var samples: [Double] = []
    for _ in 0..<40_000 {
      var s = 1.0
      for _ in 1..<l {
        var chi2 = 0.0
        for _ in 0..<n {
          let g = rng.nextGaussian()
          chi2 += g * g
        }
        s *= chi2 / Double(n)
      }
      // E[z⁴ | σ] = 3σ⁴ exactly: a lower-variance estimator of E[z⁴]/3 with the same mean.
      samples.append(s * s - 1)
    }
    let e = meanAndError(samples)
    let exact = try theory.normalizedFourthCumulant(layer: l)
    #expect(abs(e.zScore(against: exact)) < 4, "\(e) vs \(exact)")
  }
}
