import Foundation

/// The lecture's trainability experiment: steps of full-batch gradient descent to fit a seeded
/// teacher–student task, swept over `C_w` for tanh (critical at `C_w = 1`, `C_b = 0`),
/// with Gaussian and with orthogonal (Haar) weights.
///
/// Defaults: `n₀ = n = 32`, `L = 10`, `P = 32` samples, η = 2 with `λ̃_b = λ̃_W = 1`
/// (`λ^(l) = λ̃/L`, weights' rate divided by the fan-in), threshold 𝓛 ≤ 0.05 (a tenth of the
/// loss of predicting 0), at most 500 steps, 8 seeds, `C_w` log-spaced from 0.25 to 20.
///
/// Measured (release build, 2 shared cores; mean steps over 8 seeds, Gaussian | orthogonal):
///
/// | L  | fastest `C_w`  | steps at `C_w = 1` | steps at the fastest | trainable in 500 steps |
/// |----|----------------|--------------------|----------------------|------------------------|
/// | 3  | 10.1 \| 8.0    | 58 \| 58           | 25 \| 26             | all of 0.25…20         |
/// | 10 | 6.35 \| 5.04   | 197 \| 131         | 15 \| 9              | 0.63…20                |
/// | 30 | 2.52 \| 2.52   | 500 (0/8) \| 405 (3/8) | 33 \| 7.5        | 1.26…5.04              |
///
/// So at this fixed learning rate the fastest `C_w` is on the chaotic side (`C_w > 1`) and moves
/// toward the critical value 1 as the depth grows; the ordered side (`C_w < 1`) fails first.
/// No run diverged (tanh is bounded): past the optimum runs slow down and then stop reaching
/// the threshold. With the loss averaged over `P` and nearly orthogonal random inputs, the NTK
/// of the chaotic phase is close to diagonal, so each mode's step is ~`ηΘ_diag/P` and the edge
/// of stability is far from `C_w = 1` at small depth.
/// Runtime of `run(depth: 10)` (20 values × 8 seeds × 2 weight kinds): 12 s at load 3, 26 s
/// at load 7; `run(depth: 30)`: ~4.5 min (most runs go to 500 steps).
public enum TrainabilityBenchmark {
  /// 20 values `C_w = 2^{k/3}`, `k = −6…13`: 0.25 … 20.2, log-spaced, including 1, 2, 4, 8, 16
  /// exactly. The range is wide because the fastest `C_w` at this learning rate lies far on the
  /// chaotic side at small depth (see the measured table above).
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
