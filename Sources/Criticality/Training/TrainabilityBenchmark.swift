import Foundation

/// The lecture's trainability experiment: steps of full-batch gradient descent to fit a seeded
/// teacher–student task, swept over `C_w` for tanh (critical at `C_w = 1`, `C_b = 0`),
/// with Gaussian and with orthogonal (Haar) weights.
///
/// Defaults: `n₀ = n = 32`, `L = 10`, `P = 32` samples, `λ̃_b = λ̃_W = 1` (`λ^(l) = λ̃/L`,
/// weights' rate divided by the fan-in), threshold 𝓛 ≤ 0.05 (a tenth of the loss of predicting
/// 0), at most 500 steps, 8 seeds, `C_w` log-spaced from 0.25 to 20. The learning rate is one
/// η per depth, at a fraction `edgeFraction = 0.8` of the edge of stability *at criticality*:
/// `η = 0.8 · 2/⟨λ_max(Θ/P)⟩` with `Θ` the infinite-width NTK Gram matrix over the training
/// inputs at `C_w = 1`, `C_b = 0`, averaged over the datasets of seeds 1 and 2
/// (`edgeOfStabilityLearningRate`; the seed-to-seed spread of `2/λ_max` is ~1%).
/// At n₀ = P = 16: `2/⟨λ_max⟩` = 3.20, 3.87, 4.00 at L = 3, 10, 24 over 8 seeds (3.18, 3.85,
/// 3.99 over the two seeds used).
///
/// Measured (release build, 2 shared cores, 8 seeds; mean steps, Gaussian | orthogonal):
///
/// | n = P | L  | η    | fastest `C_w`  | steps there   | steps at `C_w = 1` | trainable (8/8)        | frozen edge at `C_w` |
/// |-------|----|------|----------------|---------------|--------------------|------------------------|----------------------|
/// | 16    | 3  | 2.54 | 8 \| 3.17      | 22 \| 19      | 35 \| 28           | 0.25–16 \| 0.25–16    | 3.2 \| 2.3          |
/// | 16    | 10 | 3.08 | 5.04 \| 4      | 12 \| 9       | 122 \| 69          | 0.79–10 \| 0.5–13     | 1.8 \| 1.3          |
/// | 16    | 24 | 3.19 | 2.52 \| 2      | 47 \| 11      | 408 (6/8) \| 210   | 1.3–3.2 \| 1–4        | ≤ 1 \| 1.2          |
/// | 32    | 10 | 3.12 | 6.35 \| 5.04   | 13 \| 8.4     |                    | 1–20 \| 0.63–20       |                      |
///
/// (rows n = 16: chapter 6's grid `2^{k/3}`, 0.25…16; row n = 32: `run(depth: 10)`). "Frozen
/// edge": the `C_w` above which `η⟨λ_max(Θ̂/P)⟩ > 2` for the empirical NTK at initialization.
/// So the fastest `C_w` is far on the chaotic side at small depth and approaches 1 with depth,
/// always beyond the frozen-kernel edge; no run diverged (0 of 912 in chapter 6, 0 of 640 in
/// `run(depth: 10)`): past the edge tanh units saturate, the NTK shrinks (the catapult
/// mechanism, Lewkowycz et al. 2020) and runs slow down or stall instead of blowing up. With
/// the loss averaged over `P`, `λ_max(Θ/P)` is the collective mode, while the chaotic side makes
/// `Θ` better conditioned, so larger `C_w` keeps paying off until chaos stops training. The old
/// fixed η = 2 gave the same picture (fastest 8 | 4 | 2 at L = 3 | 12 | 24, n = 16).
/// Runtime of `run(depth: 10)`: 32 s at load ~3 (13 s of it the η rule: the infinite-width
/// NTK of 32 inputs, two seeds).
public enum TrainabilityBenchmark {
  /// 20 values `C_w = 2^{k/3}`, `k = −6…13`: 0.25 … 20.2, log-spaced, including 1, 2, 4, 8, 16
  /// exactly. The range is wide because the fastest `C_w` lies far on the chaotic side at small
  /// depth (see above).
  public static let cws: [Double] = (-6...13).map { pow(2, Double($0) / 3) }

  /// The fraction `c` of the edge of stability at criticality: `η = c · 2/⟨λ_max(Θ/P)⟩`.
  public static let edgeFraction = 0.8

  /// The benchmark's learning rate for the settings `c` (its `C_w`, `C_b` and η are ignored):
  /// `edgeOfStabilityLearningRate` at the critical point `C_w = 1`, `C_b = 0`, fraction
  /// `edgeFraction`, infinite-width NTK, averaged over seeds 1 and 2.
  public static func learningRate(for c: TrainingConfiguration) throws -> Double {
    var critical = c
    (critical.cw, critical.cb) = (1, 0)
    return try edgeOfStabilityLearningRate(
      for: critical, fraction: edgeFraction, seeds: 2, kernel: .infiniteWidth)
  }

  /// The benchmark's settings at depth `depth`, with learning rate `learningRate` (nil:
  /// `learningRate(for:)`, the edge-of-stability rule).
  public static func configuration(
    depth: Int = 10, weights: WeightDistribution = .gaussian, learningRate: Double? = nil
  ) throws -> TrainingConfiguration {
    var c = TrainingConfiguration(
      inputWidth: 32, width: 32, depth: depth, activation: .tanh, cb: 0, cw: 1, weights: weights,
      sampleCount: 32, learningRate: 1, lambdaB: 1, lambdaW: 1, lossThreshold: 0.05, maximumSteps: 500,
      divergenceLoss: 1e4)
    c.learningRate = try learningRate ?? Self.learningRate(for: c)
    return c
  }

  /// The two curves, Gaussian and orthogonal, of one sweep.
  public struct Curves: Sendable, Equatable {
    /// The depth $L$ of the networks trained.
    public var depth: Int
    /// The sweep over $C_w$ with Gaussian initial weights.
    public var gaussian: [TrainabilityPoint]
    /// The same sweep with orthogonal initial weights.
    public var orthogonal: [TrainabilityPoint]
  }

  /// Runs the sweep over `cws` for both weight distributions.
  /// The learning rate is computed once (`learningRate(for:)`) and shared by both curves.
  public static func run(depth: Int = 10, seeds: Int = 8, cws: [Double] = cws) throws -> Curves {
    let gaussian = try configuration(depth: depth, weights: .gaussian)
    var orthogonal = gaussian
    orthogonal.weights = .orthogonal
    return Curves(
      depth: depth,
      gaussian: try trainabilitySweep(cws: cws, seeds: seeds, configuration: gaussian),
      orthogonal: try trainabilitySweep(cws: cws, seeds: seeds, configuration: orthogonal))
  }

  /// The `C_w` with the fewest mean steps (the first on ties).
  public static func fastest(_ points: [TrainabilityPoint]) -> TrainabilityPoint? {
    points.min { $0.steps.value < $1.steps.value }
  }
}
