import Criticality
import Testing

/// The two halves of the science library checked against each other: the exact finite-width
/// moments of `DeepLinearTheory` against Monte Carlo ensembles of `MLP`, on a grid of widths,
/// depths, `C_W` and both weight kinds. Each comparison must agree within 4 standard errors.
/// Agreement within 4 standard errors. Some estimates are exact to rounding (orthogonal layers
/// preserve the norm, and the exact sampler averages over the sphere analytically), so their
/// error bar is ~1e-16: there the agreement asked for is 1e-10 relative instead.
private func agrees(_ estimate: Estimate, _ exact: Double) -> Bool {
  abs(estimate.value - exact) <= 4 * estimate.error + 1e-10 * abs(exact)
}

@Suite("Exact theory vs Monte Carlo")
struct CrossCheckTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var widths: [Int]
    var cw: Double
    var weights: WeightDistribution
    var testDescription: String { "\(widths) C_W=\(cw) \(weights)" }
  }

  static let grid: [Case] = {
    var cases: [Case] = []
    for n in [3, 12] {
      for depth in [1, 4, 10] {
        for cw in [0.8, 1.0, 1.3] {
          for weights in [WeightDistribution.gaussian, .orthogonal] {
            cases.append(Case(widths: [5] + Array(repeating: n, count: depth), cw: cw, weights: weights))
          }
        }
      }
    }
    // Non-square layers: the orthogonal convention (rows vs columns) must agree.
    cases.append(Case(widths: [6, 10, 4, 9, 3], cw: 1.0, weights: .orthogonal))
    cases.append(Case(widths: [6, 10, 4, 9, 3], cw: 1.1, weights: .gaussian))
    return cases
  }()

  static let input: [Double] = [0.3, -1.2, 0.8, 0.5, -0.1, 0.7]

  @Test("second and fourth moments, exact sampler", arguments: grid)
  func exactSamplerMatchesTheory(_ c: Case) throws {
    let x = Array(Self.input.prefix(c.widths[0]))
    let x2 = x.reduce(0) { $0 + $1 * $1 }
    let net = MLP(widths: c.widths, activation: .linear, cw: c.cw, cb: 0, weights: c.weights)
    let ensemble = try net.ensemble(inputs: [x], samples: 20_000, seed: 11, method: .exact)
    let theory = try DeepLinearTheory(widths: c.widths, cw: c.cw, weights: c.weights)
    let depth = c.widths.count - 1
    for layer in Set([1, depth]).sorted() {
      for order in [2, 4] {
        let exact = try theory.moment(order, layer: layer, inputNormSquared: x2)
        let estimate = ensemble.moment(order, layer: layer)
        #expect(agrees(estimate, exact), "E[z^\(order)] at layer \(layer): \(estimate) vs \(exact)")
      }
      let kappa = try theory.normalizedFourthCumulant(layer: layer)
      let estimate = ensemble.normalizedFourthCumulant(layer: layer)
      #expect(agrees(estimate, kappa), "normalized κ4 at layer \(layer): \(estimate) vs \(kappa)")
    }
  }

  @Test(
    "brute force (every weight drawn) matches theory",
    arguments: [
      Case(widths: [5, 8, 8, 8, 8], cw: 1.0, weights: .gaussian),
      Case(widths: [5, 8, 8, 8, 8], cw: 1.0, weights: .orthogonal),
      Case(widths: [6, 10, 4, 9, 3], cw: 1.2, weights: .orthogonal),
    ])
  func bruteForceMatchesTheory(_ c: Case) throws {
    let x = Array(Self.input.prefix(c.widths[0]))
    let x2 = x.reduce(0) { $0 + $1 * $1 }
    let net = MLP(widths: c.widths, activation: .linear, cw: c.cw, cb: 0, weights: c.weights)
    let ensemble = try net.ensemble(inputs: [x], samples: 6_000, seed: 5)
    let theory = try DeepLinearTheory(widths: c.widths, cw: c.cw, weights: c.weights)
    let depth = c.widths.count - 1
    for order in [2, 4] {
      let exact = try theory.moment(order, layer: depth, inputNormSquared: x2)
      let estimate = ensemble.moment(order, layer: depth)
      #expect(agrees(estimate, exact), "E[z^\(order)]: \(estimate) vs \(exact)")
    }
  }

  @Test func orthogonalFourPointIsDepthIndependent() throws {
    // Square orthogonal layers: κ4/(3G²) = −2/(n+2) at every depth (the output is uniform on a
    // sphere), and the exact sampler reproduces it.
    let n = 8
    let widths = [n] + Array(repeating: n, count: 6)
    let theory = try DeepLinearTheory(widths: widths, cw: 1, weights: .orthogonal)
    let ensemble = try MLP(widths: widths, activation: .linear, weights: .orthogonal)
      .ensemble(inputs: [Array(repeating: 1.0, count: n)], samples: 40_000, seed: 3, method: .exact)
    for layer in 2...6 {
      #expect(abs(try theory.normalizedFourthCumulant(layer: layer) - (-2.0 / Double(n + 2))) < 1e-12)
      #expect(agrees(ensemble.normalizedFourthCumulant(layer: layer), -2.0 / Double(n + 2)))
    }
  }
}
