import Foundation

/// Full-batch gradient descent on a teacher–student task (see `RegressionData.teacherStudent`)
/// for an Network of `depth` layers of width `width` (n₀ = `inputWidth`, scalar output), with
/// PDLT's learning-rate normalization (PDLT ch. 7 and 9): per step
/// `Δb^(l) = −η λ_b^(l) ∂𝓛/∂b^(l)`, `ΔW^(l) = −η (λ_W^(l)/n_{l−1}) ∂𝓛/∂W^(l)`,
/// `λ^(l) = λ̃/L` (`LearningRates.depthNormalized`), so the NTK, and with it the largest stable
/// `η`, is of order one at criticality for any depth and width.
public struct TrainingConfiguration: Sendable {
  /// The input width $n_0$.
  public var inputWidth: Int
  /// The width $n$ of every hidden layer.
  public var width: Int
  /// The depth $L$ (number of layers).
  public var depth: Int
  /// The activation $\sigma$.
  public var activation: Activation
  /// The bias variance $C_b$ at initialization.
  public var cb: Double
  /// The weight variance $C_w$ at initialization.
  public var cw: Double
  /// How the initial weights are drawn.
  public var weights: WeightDistribution
  /// Training-set size `P`.
  public var sampleCount: Int
  /// The global learning rate η.
  public var learningRate: Double
  /// `λ̃_b`, `λ̃_W` before the `1/L` depth normalization.
  public var lambdaB: Double
  /// See `lambdaB`: the weights' learning-rate factor $\tilde\lambda_W$.
  public var lambdaW: Double
  /// The run stops when `𝓛 ≤ lossThreshold` (targets have unit variance: 𝓛 = 0.5 at z ≡ 0).
  public var lossThreshold: Double
  /// The run stops unsuccessfully after this many steps.
  public var maximumSteps: Int
  /// A run diverges when `𝓛` is not finite or exceeds this.
  public var divergenceLoss: Double
  /// How `λ̃_b`, `λ̃_W` are spread over the layers (`learningRates()`); `.uniform` by default.
  public var schedule: LearningRateSchedule = .uniform

  /// A configuration; every parameter has the default of the trainability experiment.
  public init(
    inputWidth: Int = 32, width: Int = 32, depth: Int = 10, activation: Activation = .tanh,
    cb: Double = 0, cw: Double = 1, weights: WeightDistribution = .gaussian, sampleCount: Int = 32,
    learningRate: Double = 1, lambdaB: Double = 1, lambdaW: Double = 1, lossThreshold: Double = 0.05,
    maximumSteps: Int = 500, divergenceLoss: Double = 1e4
  ) {
    self.inputWidth = inputWidth
    self.width = width
    self.depth = depth
    self.activation = activation
    self.cb = cb
    self.cw = cw
    self.weights = weights
    self.sampleCount = sampleCount
    self.learningRate = learningRate
    self.lambdaB = lambdaB
    self.lambdaW = lambdaW
    self.lossThreshold = lossThreshold
    self.maximumSteps = maximumSteps
    self.divergenceLoss = divergenceLoss
  }

  /// `[n₀, n, …, n, 1]` with `depth − 1` hidden layers.
  public var widths: [Int] { [inputWidth] + Array(repeating: width, count: depth - 1) + [1] }
}

/// How a `TrainingConfiguration` spreads its learning rates `λ̃_b`, `λ̃_W` over the layers.
public enum LearningRateSchedule: Sendable, Equatable {
  /// `λ^(l) = λ̃/L` in every layer (`LearningRates.depthNormalized`): PDLT's prescription for the
  /// scale-invariant class.
  case uniform
  /// `LearningRates.critical(activation, depth:)`: the prescription of the activation's
  /// universality class (for tanh `λ_b^(l) = λ̃_b/l`, `λ_W^(l) = λ̃_W`; PDLT ch. 9).
  case critical
}

/// The outcome of one training run.
public struct TrainingRun: Sendable, Equatable {
  /// `𝓛` before step 1, after step 1, …, up to the last step taken.
  public var lossCurve: [Double]
  /// The first step after which `𝓛 ≤ lossThreshold` (0 if already at initialization), or nil.
  public var stepsToThreshold: Int?
  /// Whether the loss became non-finite or exceeded `divergenceLoss`.
  public var diverged: Bool
}

/// Trains a freshly initialized network (`Network(…, seed: seed, stream: 0)`) on
/// `RegressionData.teacherStudent(…, seed: seed)` by full-batch gradient descent; stops at the
/// threshold, at divergence, or after `maximumSteps`. Bit-deterministic for a given seed.
///
/// - Throws: `CriticalityError` for invalid configuration values.
public func train(_ c: TrainingConfiguration, seed: UInt64) throws -> TrainingRun {
  guard c.depth >= 1, c.width >= 1, c.inputWidth >= 1, c.sampleCount >= 2, c.maximumSteps >= 0 else {
    throw CriticalityError("depth, widths, sample count must be ≥ 1 (P ≥ 2) and maximumSteps ≥ 0")
  }
  guard c.learningRate.isFinite, c.learningRate > 0 else {
    throw CriticalityError("learningRate must be finite and > 0, got \(c.learningRate)")
  }
  let data = try RegressionData.teacherStudent(
    inputWidth: c.inputWidth, sampleCount: c.sampleCount, seed: seed)
  var net = try Network(
    widths: c.widths, activation: c.activation, cb: c.cb, cw: c.cw, weights: c.weights, seed: seed, stream: 0)
  let rates = try c.learningRates()
  let stepW = (1...c.depth).map { c.learningRate * rates.lambdaW[$0 - 1] / Double(c.widths[$0 - 1]) }
  let stepB = rates.lambdaB.map { c.learningRate * $0 }
  var workspace = Network.Workspace(net, batch: data.count)
  var curve: [Double] = []
  curve.reserveCapacity(c.maximumSteps + 1)
  var step = 0
  while true {
    let loss = workspace.forward(net, data)
    curve.append(loss)
    if !loss.isFinite || loss > c.divergenceLoss {
      return TrainingRun(lossCurve: curve, stepsToThreshold: nil, diverged: true)
    }
    if loss <= c.lossThreshold {
      return TrainingRun(lossCurve: curve, stepsToThreshold: step, diverged: false)
    }
    if step == c.maximumSteps { return TrainingRun(lossCurve: curve, stepsToThreshold: nil, diverged: false) }
    workspace.backward(net, data)
    for l in 0..<c.depth {
      let (sw, sb) = (stepW[l], stepB[l])
      workspace.gradW[l].withUnsafeBufferPointer { g in
        net.weights[l].withUnsafeMutableBufferPointer { w in
          for k in 0..<w.count { w[k] -= sw * g[k] }
        }
      }
      workspace.gradB[l].withUnsafeBufferPointer { g in
        net.biases[l].withUnsafeMutableBufferPointer { b in
          for k in 0..<b.count { b[k] -= sb * g[k] }
        }
      }
    }
    step += 1
  }
}
