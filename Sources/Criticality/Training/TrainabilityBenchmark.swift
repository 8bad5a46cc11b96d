import Foundation

/// The lecture's trainability experiment for tanh networks: steps of full-batch gradient
/// descent to fit a seeded teacher–student task, swept over `C_w` (critical at `C_w = 1`,
/// `C_b = 0`), with Gaussian and with orthogonal (Haar) weights.
///
/// Defaults: $n_0 = n = 32$, $L = 10$, $P = 32$ samples, $\tilde\lambda_b = \tilde\lambda_W = 1$
/// (`TrainingConfiguration.schedule` chooses the per-layer rates; chapter 6 uses `.critical`,
/// PDLT's $K^\star = 0$ rates $\lambda_b^{(\ell)} \propto 1/\ell$, $\lambda_W^{(\ell)} = O(1)$),
/// threshold $\mathcal{L} \le 0.05$ (a tenth of the loss of predicting 0), at most 500 steps,
/// 8 seeds, `C_w` log-spaced from 0.25 to 20. The learning rate is one η per depth, at a
/// fraction `thresholdFraction = 0.8` of the stability threshold *at criticality*,
/// $\eta = 0.8 \cdot 2/\langle\lambda_{\max}(\Theta/P)\rangle$ with `Θ` the infinite-width NTK Gram
/// matrix over the training inputs at `C_w = 1`, `C_b = 0`, averaged over the datasets of seeds
/// 1 and 2 (`stabilityThresholdLearningRate`).
///
/// One η for every `C_w` means the effective step `ηΘ` grows with `C_w` (Θ does), so the
/// fastest `C_w` of a sweep mixes the initialization with the effective learning rate; chapter
/// 6 says so and studies deep linear networks with η set per `C_w` first. Measured results
/// live in chapter 6, computed at build time, not here.
public enum TrainabilityBenchmark {
  /// 20 values `C_w = 2^{k/3}`, `k = −6…13`: 0.25 … 20.2, log-spaced, including 1, 2, 4, 8, 16
  /// exactly. The range is wide because at small depth the fastest `C_w` of a sweep lies far on
  /// the chaotic side.
  public static let cws: [Double] = (-6...13).map { pow(2, Double($0) / 3) }

  /// The fraction `c` of the stability threshold at criticality: `η = c · 2/⟨λ_max(Θ/P)⟩`.
  public static let thresholdFraction = 0.8

  /// The benchmark's learning rate for the settings `c` (its `C_w`, `C_b` and η are ignored):
  /// `stabilityThresholdLearningRate` at the critical point `C_w = 1`, `C_b = 0`, fraction
  /// `thresholdFraction`, infinite-width NTK, averaged over seeds 1 and 2.
  public static func learningRate(for c: TrainingConfiguration) throws -> Double {
    var critical = c
    (critical.cw, critical.cb) = (1, 0)
    return try stabilityThresholdLearningRate(
      for: critical, fraction: thresholdFraction, seeds: 2, kernel: .infiniteWidth)
  }

  /// The benchmark's settings at depth `depth`, with learning rate `learningRate` (nil:
  /// `learningRate(for:)`, the stability-threshold rule).
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
