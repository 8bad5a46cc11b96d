import Criticality
import Foundation
import Testing

/// The exact sampler and brute force draw the same distribution: every statistic agrees
/// within the combined error bars.
@Suite struct SimulationExactSamplerTests {
  static let x0: [Double] = [1, -0.5, 2, 0.25, 1]
  static let x1: [Double] = [0.5, 1, -1, 1.5, 0]

  static func expectAgree(_ a: Estimate, _ b: Estimate, _ label: String) {
    let sigma = (a.error * a.error + b.error * b.error).squareRoot()
    #expect(sigma > 0 && abs(a.value - b.value) < 4.5 * sigma, "\(label): brute \(a) vs exact \(b)")
  }

  /// Compares moments, covariances and unit-level statistics of the two samplers.
  static func compare(_ net: MLP, samples: Int, seed: UInt64) throws {
    let inputs = [x0, x1]
    let brute = try net.ensemble(inputs: inputs, samples: samples, seed: seed)
    let exact = try net.ensemble(inputs: inputs, samples: samples, seed: seed + 1, method: .exact)
    for l in 1...net.depth {
      for a in 0..<2 {
        for j in [2, 4, 6] {
          expectAgree(
            brute.moment(j, layer: l, input: a), exact.moment(j, layer: l, input: a),
            "\(net) E[z^\(j)] l=\(l) α=\(a)")
        }
      }
      expectAgree(brute.covariance(layer: l, 0, 1), exact.covariance(layer: l, 0, 1), "\(net) K₀₁ l=\(l)")
      // Unit values: E[z₀²z₁²] across units and E[z_{0;0} z_{0;1}] across inputs.
      func cross(_ e: Ensemble) -> Estimate {
        let u0 = e.values(layer: l, unit: 0, input: 0)
        let u1 = e.values(layer: l, unit: 1, input: 0)
        return Estimate.mean(of: zip(u0, u1).map { $0 * $0 * $1 * $1 })
      }
      func inputs(_ e: Ensemble) -> Estimate {
        let a = e.values(layer: l, unit: 0, input: 0)
        let b = e.values(layer: l, unit: 0, input: 1)
        return Estimate.mean(of: zip(a, b).map { $0 * $1 })
      }
      expectAgree(cross(brute), cross(exact), "\(net) E[z₀²z₁²] l=\(l)")
      expectAgree(inputs(brute), inputs(exact), "\(net) unit E[z_α z_β] l=\(l)")
    }
  }

  @Test func gaussianWithBiases() throws {
    try Self.compare(
      MLP(widths: [5, 3, 4, 2], activation: .linear, cw: 1.4, cb: 0.2), samples: 4000, seed: 10)
  }

  @Test func orthogonalNarrowingAndWidening() throws {
    try Self.compare(
      MLP(widths: [5, 3, 6, 4], activation: .linear, cw: 0.9, cb: 0, weights: .orthogonal), samples: 4000,
      seed: 20)
  }

  @Test func orthogonalWithBiases() throws {
    try Self.compare(
      MLP(widths: [5, 4, 2], activation: .linear, cw: 1.1, cb: 0.3, weights: .orthogonal), samples: 4000,
      seed: 30)
  }

  @Test func oneInputChain() throws {
    // The scalar chain (k = 1) against brute force, Gaussian and orthogonal with biases.
    for weights in [WeightDistribution.gaussian, .orthogonal] {
      let net = MLP(widths: [5, 3, 4], activation: .linear, cw: 1.2, cb: 0.15, weights: weights)
      let brute = try net.ensemble(inputs: [Self.x0], samples: 4000, seed: 40)
      let exact = try net.ensemble(inputs: [Self.x0], samples: 4000, seed: 41, method: .exact)
      for l in 1...2 {
        for j in [2, 4] {
          Self.expectAgree(
            brute.moment(j, layer: l), exact.moment(j, layer: l), "\(weights) E[z^\(j)] l=\(l)")
        }
        let b = Estimate.mean(of: brute.values(layer: l).map { $0 * $0 * $0 * $0 })
        let e = Estimate.mean(of: exact.values(layer: l).map { $0 * $0 * $0 * $0 })
        Self.expectAgree(b, e, "\(weights) unit E[z⁴] l=\(l)")
      }
    }
  }

  @Test func repeatedInputsAreHandled() throws {
    // Rank-deficient Gram matrices (x, x): the two inputs stay identical, no NaN.
    let net = MLP.deepLinear(inputWidth: 5, width: 3, depth: 3)
    let ens = try net.ensemble(inputs: [Self.x0, Self.x0], samples: 200, seed: 3, method: .exact)
    #expect(ens.gram(layer: 3, 0, 1).allSatisfy { $0.isFinite })
    for (a, b) in zip(ens.values(layer: 3, unit: 1, input: 0), ens.values(layer: 3, unit: 1, input: 1)) {
      #expect(abs(a - b) < 1e-9 * max(1, abs(a)))
    }
  }
}

extension SimulationExactSamplerTests {
  @Test func exactOddMomentsHaveErrorBars() throws {
    let net = MLP.deepLinear(inputWidth: 5, width: 6, depth: 2)
    let ens = try net.ensemble(inputs: [Self.x0], samples: 2000, seed: 4, method: .exact)
    for j in [1, 3] {
      let m = ens.moment(j, layer: 2)
      #expect(m.error > 0 && abs(m.value) < 4.5 * m.error, "E[z^\(j)] = \(m)")
    }
  }
}
