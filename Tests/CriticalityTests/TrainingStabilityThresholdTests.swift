import Criticality
import Foundation
import Testing

/// The stability-threshold learning-rate rule `η = c · 2/⟨λ_max(Θ/P)⟩` and its parts.
@Suite struct TrainingStabilityThresholdTests {
  @Test func jacobiEigenvaluesMatchAConstructedSpectrum() throws {
    // A = Q diag(μ) Qᵀ with Haar Q: the eigenvalues are μ (with a repeated and a negative one).
    let mu: [Double] = [-2.5, 0, 0.75, 0.75, 1, 3, 10]
    let n = mu.count
    var rng = Xoshiro256(seed: 21)
    let q = HaarOrthogonal.sample(rows: n, columns: n, using: &rng)
    let a = (0..<n).map { i in
      (0..<n).map { j in (0..<n).reduce(0.0) { $0 + q[i * n + $1] * mu[$1] * q[j * n + $1] } }
    }
    let symmetric = (0..<n).map { i in (0..<n).map { j in 0.5 * (a[i][j] + a[j][i]) } }
    let values = try symmetricEigenvalues(symmetric)
    for (v, m) in zip(values, mu) { #expect(abs(v - m) < 1e-13) }
    // 2 × 2: (a+d)/2 ± √(((a−d)/2)² + b²).
    let (p, r, b) = (1.3, -0.4, 0.9)
    let root = ((p - r) * (p - r) / 4 + b * b).squareRoot()
    let two = try symmetricEigenvalues([[p, b], [b, r]])
    #expect(abs(two[0] - ((p + r) / 2 - root)) < 1e-15 && abs(two[1] - ((p + r) / 2 + root)) < 1e-15)
    #expect(throws: CriticalityError.self) { try symmetricEigenvalues([[1, 2], [0, 1]]) }
    #expect(throws: CriticalityError.self) { try symmetricEigenvalues([[1, 2]]) }
  }

  /// A linear model `z = b + W x` (L = 1): Θ_{αβ} = λ_b + λ_W x_α·x_β/n₀ exactly, and the loss is
  /// quadratic, so gradient descent converges below η·λ_max(Θ/P) = 2 and diverges above.
  static let linear = TrainingConfiguration(
    inputWidth: 6, width: 1, depth: 1, activation: .tanh, cb: 0, cw: 1, sampleCount: 8, learningRate: 1,
    lambdaB: 0.7, lambdaW: 1.3, lossThreshold: 0, maximumSteps: 300, divergenceLoss: 1e4)

  @Test func edgeRuleOnALinearModelIsTheExactStabilityBound() throws {
    let c = Self.linear
    let data = try RegressionData.teacherStudent(inputWidth: 6, sampleCount: 8, seed: 3)
    let exact = (0..<8).map { a in
      (0..<8).map { b in
        0.7 + 1.3 * zip(data.input(a), data.input(b)).reduce(0.0) { $0 + $1.0 * $1.1 } / 6
      }
    }
    for kernel in [TangentKernelEstimate.infiniteWidth, .empirical] {
      let gram = try c.tangentKernelGram(seed: 3, kernel: kernel)
      for a in 0..<8 { for b in 0..<8 { #expect(abs(gram[a][b] - exact[a][b]) < 1e-13) } }
    }
    // λ_max(Θ) by power iteration on the closed-form Gram (positive definite, so it converges).
    var v = [Double](repeating: 1, count: 8)
    var lambdaMax = 0.0
    for _ in 0..<2000 {
      let w = exact.map { row in zip(row, v).reduce(0.0) { $0 + $1.0 * $1.1 } }
      lambdaMax = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
      v = w.map { $0 / lambdaMax }
    }
    for fraction in [0.5, 0.9] {
      let eta = try stabilityThresholdLearningRate(for: c, fraction: fraction, seeds: 1, firstSeed: 3)
      #expect(abs(eta * lambdaMax / 8 - 2 * fraction) < 1e-12)
    }
    // Just below the edge the loss decreases to its minimum; just above, the run diverges and
    // `train` says so.
    var below = c
    below.learningRate = try stabilityThresholdLearningRate(for: c, fraction: 0.97, seeds: 1, firstSeed: 3)
    let stable = try train(below, seed: 3)
    #expect(!stable.diverged && stable.lossCurve.count == 301 && stable.lossCurve.last! < stable.lossCurve[0])
    var above = c
    above.learningRate = try stabilityThresholdLearningRate(for: c, fraction: 1.1, seeds: 1, firstSeed: 3)
    let unstable = try train(above, seed: 3)
    #expect(unstable.diverged && unstable.stepsToThreshold == nil && unstable.lossCurve.count < 301)
  }

  @Test func divergentRunsBeyondTheEdgeAreCountedNotDropped() throws {
    var c = Self.linear
    c.maximumSteps = 120
    c.learningRate = try stabilityThresholdLearningRate(for: c, fraction: 1.25, seeds: 3)
    // C_w only rescales W at initialization; the linear model's Θ does not depend on it.
    let points = try trainabilitySweep(cws: [0.5, 2], seeds: 3, configuration: c)
    for p in points {
      #expect(p.runs == 3 && p.diverged == 3 && p.reached == 0 && p.steps.value == 120)
      #expect(p.finalLosses.allSatisfy { !$0.isFinite || $0 > 1e4 })
    }
  }

  @Test func empiricalGramMatchesPairwiseNTKAndSeedMeanIsDeterministic() throws {
    let c = TrainingConfiguration(
      inputWidth: 5, width: 9, depth: 3, activation: .tanh, cb: 0.1, cw: 1.3, weights: .orthogonal,
      sampleCount: 4, learningRate: 1)
    let gram = try c.tangentKernelGram(seed: 2, kernel: .empirical)
    let net = try Network(
      widths: c.widths, activation: .tanh, cb: 0.1, cw: 1.3, weights: .orthogonal, seed: 2, stream: 0)
    let data = try RegressionData.teacherStudent(inputWidth: 5, sampleCount: 4, seed: 2)
    let rates = try LearningRates.depthNormalized(depth: 3)
    for a in 0..<4 {
      for b in 0..<4 {
        let pair = try net.neuralTangentKernel(data.input(a), data.input(b), learningRates: rates)
        #expect(abs(gram[a][b] - pair) < 1e-13 * abs(pair) + 1e-15)
        #expect(gram[a][b] == gram[b][a])
      }
    }
    // The seed mean: η = 2c / mean_s λ_max(Θ_s/P), bit-identical on repetition.
    let lambdas = try (1...3).map { s in
      try symmetricEigenvalues(c.tangentKernelGram(seed: UInt64(s), kernel: .empirical)).last! / 4
    }
    let eta = try stabilityThresholdLearningRate(for: c, fraction: 0.8, seeds: 3, kernel: .empirical)
    #expect(abs(eta - 1.6 / (lambdas.reduce(0, +) / 3)) < 1e-14 * eta)
    #expect(try stabilityThresholdLearningRate(for: c, fraction: 0.8, seeds: 3, kernel: .empirical) == eta)
    #expect(throws: CriticalityError.self) {
      try stabilityThresholdLearningRate(for: c, fraction: 0, seeds: 1)
    }
  }

  @Test func benchmarkRateIsTheEdgeRuleAtCriticality() throws {
    // A small configuration: the benchmark rule ignores C_w, C_b and η and uses (1, 0).
    var c = TrainingConfiguration(
      inputWidth: 4, width: 8, depth: 3, activation: .tanh, cb: 0.3, cw: 2.5, sampleCount: 4, learningRate: 9)
    let eta = try TrainabilityBenchmark.learningRate(for: c)
    (c.cw, c.cb) = (1, 0)
    let grams = try (1...2).map { try c.tangentKernelGram(seed: UInt64($0), kernel: .infiniteWidth) }
    let mean = try grams.reduce(0.0) { try $0 + symmetricEigenvalues($1).last! / 4 } / 2
    #expect(abs(eta * mean - 2 * TrainabilityBenchmark.thresholdFraction) < 1e-13)
    // At C_w = 1 the infinite-width NTK is of order one, so η is too.
    #expect(eta > 0.5 && eta < 10)
  }
}
