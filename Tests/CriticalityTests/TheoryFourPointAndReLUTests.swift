import Criticality
import Foundation
import Testing

/// Four fixed, non-parallel inputs of width 3.
private let inputs: [[Double]] = [[1.0, 0.2, -0.5], [0.3, 1.1, 0.4], [-0.7, 0.5, 0.9], [0.6, -0.4, 0.8]]

/// Per network, the Monte Carlo products z_{i;1} z_{i;2} z_{j;3} z_{j;4} (i = 0, j = 1) and
/// z_{0;1} z_{0;2} z_{0;3} z_{0;4}, averaged with the symmetric unit-1 term.
private func fourPointSamples(_ ensemble: Ensemble, layer l: Int) -> (distinct: [Double], same: [Double]) {
  let v = (0..<2).map { u in (0..<4).map { a in ensemble.values(layer: l, unit: u, input: a) } }
  var distinct: [Double] = []
  var same: [Double] = []
  for s in 0..<ensemble.samples {
    let a0: Double = v[0][0][s] * v[0][1][s]
    let b0: Double = v[0][2][s] * v[0][3][s]
    let a1: Double = v[1][0][s] * v[1][1][s]
    let b1: Double = v[1][2][s] * v[1][3][s]
    distinct.append(0.5 * (a0 * b1 + a1 * b0))
    same.append(0.5 * (a0 * b0 + a1 * b1))
  }
  return (distinct, same)
}

/// `E[X^m]` for a sum of `n` i.i.d. `Y = ξ² 1{ξ > 0}` by convolving moments,
/// `E[(S + Y)^k] = Σ_i binom(k, i) E[S^i] E[Y^{k−i}]`, `E[Y^j] = (2j − 1)!!/2` (j ≥ 1): an
/// independent route to the binomial-mixture formula of the theory.
private func positivePartSumMoment(width n: Int, _ m: Int) -> Double {
  var y = [1.0]
  for j in 1...max(m, 1) { y.append(y[j - 1] * Double(2 * j - 1)) }
  for j in 1..<y.count { y[j] /= 2 }  // (2j − 1)!!/2; y[0] = 1
  func binomial(_ a: Int, _ b: Int) -> Double {
    var c = 1.0
    for t in 0..<b { c = c * Double(a - t) / Double(t + 1) }
    return c
  }
  var s = [1.0] + [Double](repeating: 0, count: m)
  for _ in 0..<n {
    var next = [Double](repeating: 0, count: m + 1)
    for k in 0...m {
      for i in 0...k {
        let term: Double = binomial(k, i) * s[i] * y[k - i]
        next[k] += term
      }
    }
    s = next
  }
  return s[m]
}

@Suite struct MultiInputFourPointTests {
  @Test func reducesToTheSingleInputFourPoint() throws {
    let theory = try DeepLinearTheory(widths: [3, 5, 4, 7, 6], cw: 1.3)
    let x = inputs[0]
    let x2 = x.reduce(0) { $0 + $1 * $1 }
    for l in 1...4 {
      let single = try theory.fourPoint(layer: l, inputNormSquared: x2)
      let distinct = try theory.fourPoint(layer: l, inputs: [x, x, x, x], units: .distinct)
      let same = try theory.fourPoint(layer: l, inputs: [x, x, x, x], units: .same)
      #expect(abs(distinct / single - 1) < 1e-12)
      #expect(abs(same / (3 * single) - 1) < 1e-12)
    }
  }

  /// Width 1 in the middle: z^(2)_{i;a} = v_i u_a with u = w·x scalar, so
  /// E[distinct] = C_w² · (Wick sum of u) and E[same] = 3 C_w² · (Wick sum of u), by hand.
  @Test func closedFormThroughAWidthOneLayer() throws {
    let cw = 1.7
    let theory = try DeepLinearTheory(widths: [3, 1, 4], cw: cw)
    func dot(_ a: Int, _ b: Int) -> Double { zip(inputs[a], inputs[b]).reduce(0) { $0 + $1.0 * $1.1 } }
    let wick = pow(cw / 3, 2) * (dot(0, 1) * dot(2, 3) + dot(0, 2) * dot(1, 3) + dot(0, 3) * dot(1, 2))
    let distinct = try theory.fourPoint(layer: 2, inputs: inputs, units: .distinct)
    let same = try theory.fourPoint(layer: 2, inputs: inputs, units: .same)
    #expect(abs(distinct / (cw * cw * wick) - 1) < 1e-12)
    #expect(abs(same / (3 * cw * cw * wick) - 1) < 1e-12)
  }

  @Test func leadingOrderIsTheFirstTermOfTheExactResult() throws {
    for n in [1000, 4000] {
      let theory = try DeepLinearTheory(widths: [3] + [Int](repeating: n, count: 6), cw: 1)
      for units in [DeepLinearTheory.Units.distinct, .same] {
        let exact = try theory.connectedFourPoint(layer: 6, inputs: inputs, units: units)
        let leading = try theory.connectedFourPointLeadingOrder(layer: 6, inputs: inputs, units: units)
        // The next order is O(l²/n²) relative to O(l/n): relative difference ≲ 10 l/n.
        #expect(abs(exact / leading - 1) < 10 * 6 / Double(n), "n \(n) \(units): \(exact) vs \(leading)")
      }
    }
  }

  @Test func gaussianMonteCarlo() throws {
    let widths = [3, 3, 4, 2]
    let theory = try DeepLinearTheory(widths: widths, cw: 1.2)
    let ensemble = try MLP(widths: widths, activation: .linear, cw: 1.2).ensemble(
      inputs: inputs, samples: 100_000, seed: 15, method: .bruteForce, recordedUnits: 2)
    for l in 2...3 {
      let samples = fourPointSamples(ensemble, layer: l)
      let zDistinct = Estimate.mean(of: samples.distinct).zScore(
        against: try theory.fourPoint(layer: l, inputs: inputs, units: .distinct))
      let zSame = Estimate.mean(of: samples.same).zScore(
        against: try theory.fourPoint(layer: l, inputs: inputs, units: .same))
      #expect(abs(zDistinct) < 4 && abs(zSame) < 4, "layer \(l): z = \(zDistinct), \(zSame)")
    }
  }

  @Test func orthogonalMonteCarloAndThrows() throws {
    let theory = try DeepLinearTheory(widths: [3, 3, 3, 3], cw: 1.1, weights: .orthogonal)
    let ensemble = try MLP.deepLinear(inputWidth: 3, width: 3, depth: 3, cw: 1.1, weights: .orthogonal)
      .ensemble(inputs: inputs, samples: 100_000, seed: 16, method: .bruteForce, recordedUnits: 2)
    let samples = fourPointSamples(ensemble, layer: 3)
    let zDistinct = Estimate.mean(of: samples.distinct).zScore(
      against: try theory.fourPoint(layer: 3, inputs: inputs, units: .distinct))
    let zSame = Estimate.mean(of: samples.same).zScore(
      against: try theory.fourPoint(layer: 3, inputs: inputs, units: .same))
    #expect(abs(zDistinct) < 4 && abs(zSame) < 4, "z = \(zDistinct), \(zSame)")
    let unequal = try DeepLinearTheory(widths: [3, 4, 3], weights: .orthogonal)
    #expect(throws: CriticalityError.self) { try unequal.fourPoint(layer: 2, inputs: inputs, units: .same) }
    #expect(throws: CriticalityError.self) {
      try theory.connectedFourPointLeadingOrder(layer: 2, inputs: inputs, units: .same)
    }
    #expect(throws: CriticalityError.self) {
      try theory.fourPoint(layer: 2, inputs: [inputs[0]], units: .same)
    }
  }
}

@Suite struct DeepReLUTheoryTests {
  @Test func momentsMatchAnIndependentConvolution() throws {
    let widths = [3, 4, 1, 6, 2]
    let cw = 1.6
    let x2 = 2.3
    let theory = try DeepReLUTheory(widths: widths, cw: cw)
    for l in 1...4 {
      for m in 0...4 {
        var expected = (0..<m).reduce(1.0) { $0 * Double(2 * $1 + 1) } * pow(cw * x2 / 3, Double(m))
        for k in 1..<l {
          expected *= pow(cw / Double(widths[k]), Double(m)) * positivePartSumMoment(width: widths[k], m)
        }
        let got = try theory.moment(2 * m, layer: l, inputNormSquared: x2)
        #expect(abs(got / expected - 1) < 1e-12, "l \(l) m \(m): \(got) vs \(expected)")
      }
      #expect(try theory.moment(3, layer: l, inputNormSquared: x2) == 0)
      let m2 = try theory.moment(2, layer: l, inputNormSquared: x2)
      let m4 = try theory.moment(4, layer: l, inputNormSquared: x2)
      #expect(abs(m2 / (try theory.twoPoint(layer: l, inputNormSquared: x2)) - 1) < 1e-13)
      #expect(abs(m4 / (3 * m2 * m2) - 1 - (try theory.normalizedFourthCumulant(layer: l))) < 1e-12)
    }
  }

  @Test func monteCarlo() throws {
    let widths = [3, 4, 3, 5]
    let theory = try DeepReLUTheory(widths: widths, cw: 2)
    let x = inputs[1]
    let x2 = x.reduce(0) { $0 + $1 * $1 }
    let ensemble = try MLP(widths: widths, activation: .relu, cw: 2).ensemble(
      inputs: [x], samples: 200_000, seed: 17, method: .bruteForce)
    for l in 2...3 {
      for order in [2, 4, 6] {
        let z = ensemble.moment(order, layer: l).zScore(
          against: try theory.moment(order, layer: l, inputNormSquared: x2))
        #expect(abs(z) < 4, "layer \(l) order \(order): z = \(z)")
      }
      let z = ensemble.normalizedFourthCumulant(layer: l).zScore(
        against: try theory.normalizedFourthCumulant(layer: l))
      #expect(abs(z) < 4, "layer \(l) κ4: z = \(z)")
    }
  }

  @Test func invalidArguments() throws {
    #expect(throws: CriticalityError.self) { try DeepReLUTheory(widths: [3], cw: 2) }
    #expect(throws: CriticalityError.self) { try DeepReLUTheory(widths: [3, 0], cw: 2) }
    let theory = try DeepReLUTheory(widths: [3, 4], cw: 2)
    #expect(throws: CriticalityError.self) { try theory.moment(-2, layer: 1, inputNormSquared: 1) }
    #expect(throws: CriticalityError.self) { try theory.normalizedFourthCumulant(layer: 2) }
  }
}

@Suite struct FourPointVertexTests {
  @Test func scaleInvariantLeadingOrdersAreExact() throws {
    let n = 50
    let relu = try KernelRecursion(activation: .relu, cb: 0, cw: 2).normalizedFourthCumulantLeadingOrder(
      inputNormSquared: 3, inputWidth: 3, width: n, depth: 12)
    let linear = try KernelRecursion(activation: .linear, cb: 0, cw: 1).normalizedFourthCumulantLeadingOrder(
      inputNormSquared: 3, inputWidth: 3, width: n, depth: 12)
    for l in 1...12 {
      #expect(abs(relu[l - 1] - 5 * Double(l - 1) / Double(n)) < 1e-12)
      #expect(abs(linear[l - 1] - 2 * Double(l - 1) / Double(n)) < 1e-12)
    }
  }

  @Test func tanhApproachesTwoThirdsOfDepthOverWidth() throws {
    let v = try KernelRecursion(activation: .tanh, cb: 0, cw: 1).normalizedFourthCumulantLeadingOrder(
      inputNormSquared: 1, inputWidth: 1, width: 1, depth: 4000)
    let slope = (v[3999] - v[1999]) / 2000
    #expect(abs(slope / (2.0 / 3) - 1) < 0.02, "slope \(slope)")
  }

  @Test func tanhMonteCarlo() throws {
    let (n, depth) = (32, 6)
    let x = [Double](repeating: 1, count: n)
    let theory = try KernelRecursion(activation: .tanh, cb: 0, cw: 1).normalizedFourthCumulantLeadingOrder(
      inputNormSquared: Double(n), inputWidth: n, width: n, depth: depth)
    let ensemble = try MLP(widths: [Int](repeating: n, count: depth + 1), activation: .tanh, cw: 1).ensemble(
      inputs: [x], samples: 20_000, seed: 18)
    let estimate = ensemble.normalizedFourthCumulant(layer: depth)
    #expect(abs(estimate.zScore(against: theory[depth - 1])) < 4, "\(estimate) vs \(theory[depth - 1])")
  }
}

@Suite struct NTKContributionTests {
  @Test func contributionsSumToTheKernelAndMatchClosedForms() throws {
    let rates = try LearningRates(lambdaB: [0.5, 1, 2, 0.7], lambdaW: [1.5, 0.3, 1, 2])
    let tanh = try KernelRecursion(activation: .tanh, cb: 0.1, cw: 1.3)
    let parts = try tanh.neuralTangentKernelContributions(
      inputNormSquared: 2, inputWidth: 2, learningRates: rates)
    let theta = try tanh.neuralTangentKernels(inputNormSquared: 2, inputWidth: 2, learningRates: rates)
    #expect(abs(parts.reduce(0) { $0 + $1.total } / theta.last! - 1) < 1e-13)
    // Linear, C_W = c: K^(l) = c^l G0, χ_⊥ = c, so layer l gives (λ_b + λ_W c^{l−1} G0) c^{L−l}.
    let c = 1.4
    let linear = try KernelRecursion(activation: .linear, cb: 0, cw: c)
      .neuralTangentKernelContributions(inputNormSquared: 2, inputWidth: 2, learningRates: rates)
    for l in 1...4 {
      let damping = pow(c, Double(4 - l))
      #expect(abs(linear[l - 1].bias - rates.lambdaB[l - 1] * damping) < 1e-12)
      #expect(abs(linear[l - 1].weight - rates.lambdaW[l - 1] * pow(c, Double(l - 1)) * damping) < 1e-12)
    }
    // Critical ReLU with the critical rates: every layer gives (λ_b + λ_W G0)/L.
    let relu = try KernelRecursion(activation: .relu, cb: 0, cw: 2).neuralTangentKernelContributions(
      inputNormSquared: 2, inputWidth: 2, learningRates: .critical(.relu, depth: 5))
    for part in relu { #expect(abs(part.total - 2.0 / 5) < 1e-13) }
  }

  /// The empirical NTK with the learning rates of one layer only is that layer's contribution.
  @Test func monteCarloPerLayer() throws {
    let (n, depth, cw) = (32, 4, 1.25)
    let x = (0..<n).map { cos(Double($0)) }
    let x2 = x.reduce(0) { $0 + $1 * $1 }
    let rates = try LearningRates.uniform(lambdaB: 1, lambdaW: 1, depth: depth)
    let parts = try KernelRecursion(activation: .tanh, cb: 0, cw: cw).neuralTangentKernelContributions(
      inputNormSquared: x2, inputWidth: n, learningRates: rates)
    for l in [1, 3] {
      var only = try LearningRates.uniform(lambdaB: 0, lambdaW: 0, depth: depth)
      only.lambdaB[l - 1] = 1
      only.lambdaW[l - 1] = 1
      let values = try (0..<40).map { s in
        try Network(
          widths: [n] + [Int](repeating: n, count: depth - 1) + [1], activation: .tanh, cb: 0, cw: cw,
          weights: .gaussian, seed: 900 + UInt64(s)
        ).neuralTangentKernel(x, x, learningRates: only)
      }
      let z = Estimate.mean(of: values).zScore(against: parts[l - 1].total)
      #expect(abs(z) < 4, "layer \(l): \(Estimate.mean(of: values)) vs \(parts[l - 1].total)")
    }
  }

  @Test func criticalTanhRatesMakeEveryLayerComparable() throws {
    let recursion = try KernelRecursion(activation: .tanh, cb: 0, cw: 1)
    var totals: [Double] = []
    for depth in [50, 200] {
      let parts = try recursion.neuralTangentKernelContributions(
        inputNormSquared: 1, inputWidth: 1, learningRates: .critical(.tanh, depth: depth))
      totals.append(parts.reduce(0) { $0 + $1.total })
      // Away from the first layers, each layer's bias and weight parts are within 40% of 1/L, 1/(2L).
      for part in parts[(depth / 5)...] {
        #expect(abs(part.bias * Double(depth) - 1) < 0.4)
        #expect(abs(2 * part.weight * Double(depth) - 1) < 0.4)
      }
    }
    // Θ is of order one, nearly independent of depth.
    #expect(abs(totals[1] / totals[0] - 1) < 0.1, "\(totals)")
    #expect(throws: CriticalityError.self) { try LearningRates.critical(.sigmoid, depth: 3) }
  }
}
