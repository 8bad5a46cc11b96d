import Criticality
import Foundation
import Testing

/// Exact facts about ensembles that need no theory beyond Gaussian integrals and chi-square
/// moments, checked on small networks (debug builds must stay fast).
@Suite struct SimulationEnsembleTests {
  static let x0: [Double] = [1, -0.5, 2, 0.25]
  static let x1: [Double] = [0.5, 1, -1, 1.5]
  static func norm2(_ x: [Double]) -> Double { x.map { $0 * $0 }.reduce(0, +) }
  static func dot(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).map { $0 * $1 }.reduce(0, +) }

  /// `|estimate − exact| < 4.5 σ`.
  static func expectNear(_ e: Estimate, _ exact: Double, _ label: String) {
    #expect(e.error > 0 && e.error.isFinite, "\(label): error bar \(e.error)")
    #expect(abs(e.value - exact) < 4.5 * e.error, "\(label): \(e) vs exact \(exact)")
  }

  @Test(arguments: [WeightDistribution.gaussian, .orthogonal])
  func linearSecondMomentAtEveryLayer(weights: WeightDistribution) throws {
    // E[z²] = C_w^l |x|²/n₀ for a linear network without biases, any widths.
    let cw = 1.3
    let net = MLP(widths: [4, 5, 3, 6], activation: .linear, cw: cw, cb: 0, weights: weights)
    let ens = try net.ensemble(inputs: [Self.x0], samples: 3000, seed: 2)
    for l in 1...3 {
      Self.expectNear(
        ens.moment(2, layer: l), pow(cw, Double(l)) * Self.norm2(Self.x0) / 4, "\(weights) layer \(l)")
    }
  }

  @Test func layerOneIsGaussian() throws {
    // z^(1) = b + W x is exactly Gaussian: E[z⁴] = 3 E[z²]², odd moments vanish.
    let net = MLP(widths: [4, 6, 6], activation: .tanh, cw: 2.0, cb: 0.3)
    let ens = try net.ensemble(inputs: [Self.x0, Self.x1], samples: 3000, seed: 3)
    let k = 0.3 + 2.0 * Self.norm2(Self.x0) / 4
    Self.expectNear(ens.moment(2, layer: 1), k, "E[z²]")
    Self.expectNear(ens.fourthCumulant(layer: 1), 0, "E[z⁴] − 3E[z²]²")
    Self.expectNear(ens.normalizedFourthCumulant(layer: 1), 0, "normalized cumulant")
    Self.expectNear(ens.moment(3, layer: 1), 0, "E[z³]")
    Self.expectNear(ens.moment(6, layer: 1), 15 * k * k * k, "E[z⁶]")
    Self.expectNear(ens.covariance(layer: 1, 0, 1), 0.3 + 2.0 * Self.dot(Self.x0, Self.x1) / 4, "K₀₁")
  }

  @Test func reluSecondLayerKernel() throws {
    // E[(z^(2))²] = C_b + C_w E[relu(z)²] = C_b + C_w K₁/2 exactly, at any width.
    let net = MLP(widths: [4, 3, 5], activation: .relu, cw: 2.0, cb: 0.1)
    let ens = try net.ensemble(inputs: [Self.x0], samples: 4000, seed: 4)
    let k1 = 0.1 + 2.0 * Self.norm2(Self.x0) / 4
    Self.expectNear(ens.moment(2, layer: 2), 0.1 + 2.0 * k1 / 2, "ReLU layer 2")
  }

  @Test func haarLayersPreserveNormsAndAngles() throws {
    let net = MLP(widths: [4, 4, 4, 4], activation: .linear, cw: 1, cb: 0, weights: .orthogonal)
    let ens = try net.ensemble(inputs: [Self.x0, Self.x1], samples: 50, seed: 5, threads: 1)
    for l in 1...3 {
      for g in ens.gram(layer: l, 0, 0) { #expect(abs(g - Self.norm2(Self.x0)) < 1e-12) }
      for g in ens.gram(layer: l, 1, 1) { #expect(abs(g - Self.norm2(Self.x1)) < 1e-12) }
      for g in ens.gram(layer: l, 0, 1) { #expect(abs(g - Self.dot(Self.x0, Self.x1)) < 1e-12) }
    }
    // Not the identity: the output moves.
    let z = ens.values(layer: 3, unit: 0, input: 0)
    #expect(Set(z.map { ($0 * 1e6).rounded() }).count > 40)
    // Widening layer keeps the norm times C_w n_out/n_in; the exact sampler agrees exactly.
    let wide = MLP(widths: [4, 7], activation: .linear, cw: 1.5, cb: 0, weights: .orthogonal)
    for method in [SamplingMethod.bruteForce, .exact] {
      let e = try wide.ensemble(inputs: [Self.x0], samples: 20, seed: 6, method: method)
      for g in e.gram(layer: 1, 0, 0) { #expect(abs(g - 1.5 * 7 / 4 * Self.norm2(Self.x0)) < 1e-12) }
    }
  }

  @Test func haarMatricesHaveBothDeterminantSigns() throws {
    // Q e₁, Q e₂ are the first two columns of Q; for m = 2 the determinant is ±1 with equal
    // probability under Haar measure (a product of reflections alone would always give −1).
    let net = MLP(widths: [2, 2], activation: .linear, cw: 1, cb: 0, weights: .orthogonal)
    let ens = try net.ensemble(inputs: [[1, 0], [0, 1]], samples: 2000, seed: 12)
    let a = ens.values(layer: 1, unit: 0, input: 0)
    let b = ens.values(layer: 1, unit: 1, input: 0)
    let c = ens.values(layer: 1, unit: 0, input: 1)
    let d = ens.values(layer: 1, unit: 1, input: 1)
    var positive = 0
    for s in 0..<2000 {
      let det = a[s] * d[s] - c[s] * b[s]
      #expect(abs(abs(det) - 1) < 1e-12)
      if det > 0 { positive += 1 }
    }
    #expect(
      abs(Double(positive) / 2000 - 0.5) < 4 * (0.25 / 2000).squareRoot(), "det > 0 in \(positive)/2000")
    // The first column is uniform on the circle: E[cos⁴θ] = 3/8.
    Self.expectNear(Estimate.mean(of: a.map { $0 * $0 * $0 * $0 }), 3.0 / 8, "E[Q₁₁⁴]")
  }

  @Test func valuesMatchRecordedStatistics() throws {
    // With recordedUnits = n every unit is kept: their squares add up to the Gram diagonal.
    let net = MLP(widths: [4, 3, 3], activation: .sigmoid, cw: 1, cb: 0.2)
    let ens = try net.ensemble(inputs: [Self.x0], samples: 10, seed: 7, recordedUnits: 3)
    let g = ens.gram(layer: 2, 0, 0)
    let units = (0..<3).map { ens.values(layer: 2, unit: $0, input: 0) }
    for s in 0..<10 {
      let sum = units.map { $0[s] * $0[s] }.reduce(0, +)
      #expect(abs(sum - g[s]) < 1e-12 * max(1, g[s]))
    }
    #expect(ens.recordedUnits(layer: 1) == 3)
    #expect(ens.values(layer: 1).count == 10)
  }

  @Test func resultsDoNotDependOnThreadCount() throws {
    let net = MLP(widths: [4, 6, 5], activation: .gelu, cw: 1.7, cb: 0.05, weights: .gaussian)
    let one = try net.ensemble(inputs: [Self.x0, Self.x1], samples: 97, seed: 8, threads: 1)
    let three = try net.ensemble(inputs: [Self.x0, Self.x1], samples: 97, seed: 8, threads: 3)
    for l in 1...2 {
      #expect(one.values(layer: l, unit: 1, input: 1) == three.values(layer: l, unit: 1, input: 1))
      #expect(one.gram(layer: l, 0, 1) == three.gram(layer: l, 0, 1))
      #expect(one.perNetworkMoment(8, layer: l) == three.perNetworkMoment(8, layer: l))
    }
    let other = try net.ensemble(inputs: [Self.x0, Self.x1], samples: 97, seed: 9, threads: 1)
    #expect(other.values(layer: 2) != one.values(layer: 2))
    let deep = MLP.deepLinear(inputWidth: 4, width: 5, depth: 3, weights: .orthogonal)
    let e1 = try deep.ensemble(inputs: [Self.x0, Self.x1], samples: 301, seed: 1, method: .exact, threads: 1)
    let e2 = try deep.ensemble(inputs: [Self.x0, Self.x1], samples: 301, seed: 1, method: .exact, threads: 2)
    #expect(e1.gram(layer: 3, 0, 1) == e2.gram(layer: 3, 0, 1))
    #expect(e1.values(layer: 2, unit: 1, input: 0) == e2.values(layer: 2, unit: 1, input: 0))
  }

  @Test func progressIsReportedUpToOne() throws {
    final class Log: @unchecked Sendable {
      let lock = NSLock()
      var values: [Double] = []
      func add(_ x: Double) {
        lock.lock()
        values.append(x)
        lock.unlock()
      }
    }
    let log = Log()
    let net = MLP.deepLinear(inputWidth: 4, width: 4, depth: 2)
    _ = try net.ensemble(inputs: [Self.x0], samples: 500, seed: 1, method: .exact, threads: 2) { log.add($0) }
    #expect(!log.values.isEmpty)
    #expect(log.values == log.values.sorted())
    #expect(log.values.last == 1)
  }
}
