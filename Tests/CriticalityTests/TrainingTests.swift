import Criticality
import Foundation
import Testing

/// A small random regression set from a seeded generator (independent of the teacher–student
/// helper under test).
func randomData(inputWidth: Int, outputWidth: Int, count: Int, seed: UInt64) throws -> RegressionData {
  var rng = Xoshiro256(seed: seed, stream: 99)
  let x = (0..<(count * inputWidth)).map { _ in rng.nextGaussian() }
  let y = (0..<(count * outputWidth)).map { _ in rng.nextGaussian() }
  return try RegressionData(inputs: x, targets: y, inputWidth: inputWidth, outputWidth: outputWidth)
}

@Suite struct TrainingTests {
  @Test(arguments: [Activation.tanh, .gelu, .sigmoid])
  func gradientMatchesFiniteDifferences(activation: Activation) throws {
    let net = try Network(
      widths: [3, 5, 4, 2], activation: activation, cb: 0.1, cw: 1.5, weights: .gaussian, seed: 7)
    let data = try randomData(inputWidth: 3, outputWidth: 2, count: 5, seed: 1)
    let g = net.gradient(on: data)
    #expect(abs(g.loss - net.loss(on: data)) < 1e-15 * g.loss)
    let h = 1e-5
    var worst = 0.0
    for l in 0..<net.depth {
      for k in 0..<net.weights[l].count {
        var plus = net
        var minus = net
        plus.weights[l][k] += h
        minus.weights[l][k] -= h
        let fd = (plus.loss(on: data) - minus.loss(on: data)) / (2 * h)
        worst = max(worst, abs(fd - g.weights[l][k]) / max(1e-3, abs(fd)))
      }
      for k in 0..<net.biases[l].count {
        var plus = net
        var minus = net
        plus.biases[l][k] += h
        minus.biases[l][k] -= h
        let fd = (plus.loss(on: data) - minus.loss(on: data)) / (2 * h)
        worst = max(worst, abs(fd - g.biases[l][k]) / max(1e-3, abs(fd)))
      }
    }
    #expect(worst < 1e-7, "worst relative gradient error \(worst) for \(activation)")
  }

  @Test func batchLossMatchesSampleBySampleForward() throws {
    let net = try Network(
      widths: [6, 7, 7, 3], activation: .tanh, cb: 0.2, cw: 1, weights: .orthogonal, seed: 3)
    let data = try randomData(inputWidth: 6, outputWidth: 3, count: 4, seed: 2)
    var sum = 0.0
    for p in 0..<4 {
      let z = net(data.input(p))
      for k in 0..<3 { sum += (z[k] - data.targets[p * 3 + k]) * (z[k] - data.targets[p * 3 + k]) }
    }
    #expect(relativeError(net.loss(on: data), sum / 8) < 1e-13)
  }

  @Test func haarMatricesAreOrthogonalAndHaarDistributed() {
    var rng = Xoshiro256(seed: 5)
    for (rows, columns) in [(4, 4), (3, 7), (7, 3)] {
      let q = HaarOrthogonal.sample(rows: rows, columns: columns, using: &rng)
      // The shorter side is orthonormal: QQᵀ = 1 (rows ≤ columns) or QᵀQ = 1.
      let (count, length) = (min(rows, columns), max(rows, columns))
      for a in 0..<count {
        for b in 0..<count {
          var dot = 0.0
          for r in 0..<length {
            dot +=
              rows <= columns
              ? q[a * columns + r] * q[b * columns + r] : q[r * columns + a] * q[r * columns + b]
          }
          #expect(abs(dot - (a == b ? 1 : 0)) < 1e-14)
        }
      }
    }
    // For Haar O(3): E[tr Q] = 0, E[(tr Q)²] = 1, E[Q₁₁²] = 1/3, E[Q₁₁⁴] = 3/(3·5) = 1/5.
    // (Without the sign fix of Mezzadri 2007, E[Q₁₁] and E[tr Q] are biased.)
    let samples = 4000
    var (t, t2, q2, q4) = (0.0, 0.0, 0.0, 0.0)
    var (tt, t2t, q2t, q4t) = (0.0, 0.0, 0.0, 0.0)
    for _ in 0..<samples {
      let q = HaarOrthogonal.sample(rows: 3, columns: 3, using: &rng)
      let tr = q[0] + q[4] + q[8]
      let values = (tr, tr * tr, q[0] * q[0], q[0] * q[0] * q[0] * q[0])
      t += values.0
      t2 += values.1
      q2 += values.2
      q4 += values.3
      tt += values.0 * values.0
      t2t += values.1 * values.1
      q2t += values.2 * values.2
      q4t += values.3 * values.3
    }
    let n = Double(samples)
    func estimate(_ s: Double, _ s2: Double) -> Estimate {
      let mean = s / n
      return Estimate(value: mean, error: ((s2 / n - mean * mean) / (n - 1)).squareRoot())
    }
    #expect(abs(estimate(t, tt).zScore(against: 0)) < 4)
    #expect(abs(estimate(t2, t2t).zScore(against: 1)) < 4)
    #expect(abs(estimate(q2, q2t).zScore(against: 1.0 / 3)) < 4)
    #expect(abs(estimate(q4, q4t).zScore(against: 0.2)) < 4)
  }

  @Test func orthogonalInitializationHasScaledOrthonormalRows() throws {
    let net = try Network(
      widths: [5, 5, 8, 3], activation: .tanh, cb: 0, cw: 2, weights: .orthogonal, seed: 1)
    // Square layer: W Wᵀ = C_w 1. Widening layer 5 → 8: WᵀW = C_w (8/5) 1. Narrowing 8 → 3: WWᵀ = C_w 1.
    func gram(_ w: [Double], rows: Int, columns: Int, transpose: Bool) -> [[Double]] {
      let k = transpose ? columns : rows
      return (0..<k).map { a in
        (0..<k).map { b in
          (0..<(transpose ? rows : columns)).reduce(0.0) { s, r in
            s
              + (transpose
                ? w[r * columns + a] * w[r * columns + b] : w[a * columns + r] * w[b * columns + r])
          }
        }
      }
    }
    for (l, rows, columns, transpose, scale) in [
      (0, 5, 5, false, 2.0), (1, 8, 5, true, 2.0 * 8 / 5), (2, 3, 8, false, 2.0),
    ] {
      let g = gram(net.weights[l], rows: rows, columns: columns, transpose: transpose)
      for a in 0..<g.count { for b in 0..<g.count { #expect(abs(g[a][b] - (a == b ? scale : 0)) < 1e-13) } }
    }
  }

  static let small = TrainingConfiguration(
    inputWidth: 8, width: 16, depth: 3, activation: .tanh, cb: 0, cw: 1, sampleCount: 8, learningRate: 2,
    lossThreshold: 0.05, maximumSteps: 400)

  @Test func trainingReachesThresholdAndIsBitDeterministic() throws {
    let first = try train(Self.small, seed: 11)
    let second = try train(Self.small, seed: 11)
    #expect(first == second)
    let steps = try #require(first.stepsToThreshold)
    #expect(!first.diverged && steps > 0 && steps < 400)
    #expect(first.lossCurve.count == steps + 1)
    #expect(first.lossCurve[steps] <= 0.05 && first.lossCurve[steps - 1] > 0.05)
    #expect(first.lossCurve[0] > 0.3)  // the teacher's targets have unit variance
    // Another seed gives another run.
    #expect(try train(Self.small, seed: 12).lossCurve != first.lossCurve)
  }

  @Test func sweepCountsDivergentAndUnfinishedRunsAndIsDeterministic() throws {
    var c = Self.small
    c.maximumSteps = 60
    let points = try trainabilitySweep(cws: [0.5, 1.5], seeds: 3, configuration: c)
    #expect(points.map(\.cw) == [0.5, 1.5])
    for (p, cw) in zip(points, [0.5, 1.5]) {
      // Each point summarizes exactly the runs `train` produces for its seeds.
      c.cw = cw
      let runs = try (1...3).map { try train(c, seed: UInt64($0)) }
      let steps = runs.map { Double($0.stepsToThreshold ?? 60) }
      #expect(p.runs == 3 && p.reached == runs.filter { $0.stepsToThreshold != nil }.count)
      #expect(relativeError(p.steps.value, steps.reduce(0, +) / 3) < 1e-15)
      #expect(p.finalLosses == runs.map { $0.lossCurve.last! })
    }
    #expect(try trainabilitySweep(cws: [0.5, 1.5], seeds: 3, configuration: c) == points)
    // A learning rate far beyond the stability threshold: every run diverges and is counted at
    // maximumSteps, not dropped.
    c.learningRate = 200
    let diverging = try trainabilitySweep(cws: [1], seeds: 2, configuration: c)[0]
    #expect(diverging.diverged == 2 && diverging.reached == 0 && diverging.steps.value == 60)
    // Too few steps: nothing reached, nothing diverged.
    c.learningRate = 2
    c.maximumSteps = 3
    let short = try trainabilitySweep(cws: [1], seeds: 2, configuration: c)[0]
    #expect(short.reached == 0 && short.diverged == 0 && short.steps.value == 3)
    #expect(throws: CriticalityError.self) { try trainabilitySweep(cws: [1], seeds: 1, configuration: c) }
  }

  @Test func empiricalNTKApproachesInfiniteWidthRecursion() throws {
    // Average of Θ̂(x_α, x_β) over 12 networks of width 256 against the frozen NTK recursion.
    // Fluctuations are O(√(L/n)) per network and the bias O(L/n): a 4σ + 2% window.
    let (cb, cw) = (0.1, 1.2)
    let widths = [4, 256, 256, 1]
    let rates = try LearningRates(lambdaB: [0.5, 1, 0.7], lambdaW: [1, 0.8, 1.3])
    let x: [Double] = [1, -0.5, 2, 0.3]
    let y: [Double] = [0.2, 1.1, -0.4, 1.5]
    let rec = try KernelRecursion(activation: .tanh, cb: cb, cw: cw)
    let exact = try rec.neuralTangentKernels(inputs: [x, y], learningRates: rates)[2]
    let seeds = 12
    let nets = try (0..<seeds).map { s in
      try Network(widths: widths, activation: .tanh, cb: cb, cw: cw, weights: .gaussian, seed: UInt64(s))
    }
    for (a, b, target) in [(x, x, exact[0][0]), (x, y, exact[0][1]), (y, y, exact[1][1])] {
      let values = try nets.map { try $0.neuralTangentKernel(a, b, learningRates: rates) }
      let mean = values.reduce(0, +) / Double(seeds)
      let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(seeds - 1)).squareRoot()
      #expect(abs(mean - target) < 4 * sd / Double(seeds).squareRoot() + 0.02 * abs(target))
    }
  }

  @Test func benchmarkGridAndFastestPoint() throws {
    let grid = TrainabilityBenchmark.cws
    #expect(grid.count == 20 && grid.first == 0.25)
    for exact in [0.5, 1, 2, 4, 8, 16] { #expect(grid.contains(exact)) }
    let c = try TrainabilityBenchmark.configuration(depth: 4, weights: .orthogonal, learningRate: 1.5)
    #expect(
      c.widths == [32, 32, 32, 32, 1] && c.weights == .orthogonal && c.cb == 0 && c.learningRate == 1.5)
    func point(_ cw: Double, _ steps: Double) -> TrainabilityPoint {
      TrainabilityPoint(
        cw: cw, steps: Estimate(value: steps, error: 1), reached: 1, diverged: 0, runs: 1, finalLosses: [0])
    }
    #expect(TrainabilityBenchmark.fastest([point(1, 30), point(2, 10), point(3, 10), point(4, 50)])?.cw == 2)
  }
}
