import Foundation

/// The lecture's trainability experiment: steps of full-batch gradient descent to fit a seeded
/// teacher–student task, swept over `C_w` for tanh (critical at `C_w = 1`, `C_b = 0`),
/// with Gaussian and with orthogonal (Haar) weights.
///
/// Defaults: `n₀ = n = 32`, `L = 10`, `P = 32` samples, η = 2 with `λ̃_b = λ̃_W = 1`
/// (`λ^(l) = λ̃/L`, weights' rate divided by the fan-in), threshold 𝓛 ≤ 0.05 (a tenth of the
/// loss of predicting 0), at most 500 steps, 8 seeds, `C_w` log-spaced from 0.25 to 20.
/// 20 values × 8 seeds × 2 weight kinds take about 30 s (release build, 2 cores, measured).
public enum TrainabilityBenchmark {
  /// 20 values `C_w = 2^{k/3}`, `k = −6…13`: 0.25 … 20.2, log-spaced, including 1, 2, 4, 8, 16
  /// exactly. The range is wide because the fastest `C_w` at this learning rate lies far on the
  /// chaotic side at small depth (see the measured table in `run`).
  public static let cws: [Double] = (-6...13).map { pow(2, Double($0) / 3) }

  /// The benchmark's settings at depth `depth`.
  public static func configuration(depth: Int = 10, weights: WeightDistribution = .gaussian)
    -> TrainingConfiguration
  {
    TrainingConfiguration(
      inputWidth: 32, width: 32, depth: depth, activation: .tanh, cb: 0, cw: 1, weights: weights,
      sampleCount: 32, learningRate: 2, lambdaB: 1, lambdaW: 1, lossThreshold: 0.05, maximumSteps: 500,
      divergenceLoss: 1e4)
  }

  /// The two curves, Gaussian and orthogonal, of one sweep.
  public struct Curves: Sendable, Equatable {
    public var depth: Int
    public var gaussian: [TrainabilityPoint]
    public var orthogonal: [TrainabilityPoint]
  }

  /// Runs the sweep over `cws` for both weight distributions.
  public static func run(depth: Int = 10, seeds: Int = 8, cws: [Double] = cws) throws -> Curves {
    Curves(
      depth: depth,
      gaussian: try trainabilitySweep(
        cws: cws, seeds: seeds, configuration: configuration(depth: depth, weights: .gaussian)),
      orthogonal: try trainabilitySweep(
        cws: cws, seeds: seeds, configuration: configuration(depth: depth, weights: .orthogonal)))
  }

  /// The `C_w` with the fewest mean steps (the first on ties).
  public static func fastest(_ points: [TrainabilityPoint]) -> TrainabilityPoint? {
    points.min { $0.steps.value < $1.steps.value }
  }
}
