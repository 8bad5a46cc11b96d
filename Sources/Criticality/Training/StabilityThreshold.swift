import Dispatch
import Foundation

/// Which neural tangent kernel `stabilityThresholdLearningRate` linearizes with.
public enum TangentKernelEstimate: Sendable, Equatable {
  /// The frozen infinite-width NTK `Θ^(L)_{αβ}` of `KernelRecursion.neuralTangentKernels(inputs:…)`
  /// (PDLT ch. 8): the same for Gaussian and orthogonal weights, no initialization noise.
  case infiniteWidth
  /// The empirical NTK `Θ̂_{αβ}` of the seed's own network at initialization
  /// (`Network.neuralTangentKernelGram`).
  case empirical
}

extension Network {
  /// The empirical NTK Gram matrix over a training set, `Θ̂_{αβ} = Θ̂(x_α, x_β)` for
  /// `α, β = 1…P` (PDLT ch. 7; see `neuralTangentKernel(_:_:learningRates:)`), from one
  /// backward pass per input. Symmetric to rounding (each element is the same sum).
  ///
  /// - Throws: `CriticalityError` unless the output is scalar, `data` has inputs of width `n₀`,
  ///   and `learningRates.depth == depth`.
  public func neuralTangentKernelGram(on data: RegressionData, learningRates: LearningRates) throws
    -> [[Double]]
  {
    guard widths[depth] == 1 else { throw CriticalityError("the empirical NTK needs a scalar output") }
    guard data.inputWidth == widths[0] else {
      throw CriticalityError("inputs must have n₀ = \(widths[0]) components")
    }
    guard learningRates.depth == depth else {
      throw CriticalityError("need \(depth) learning rates, got \(learningRates.depth)")
    }
    // ∂z/∂θ per input, each block scaled by √λ so that Θ̂_{αβ} = g_α · g_β.
    let gradients = try (0..<data.count).map { p -> [Double] in
      let g = try outputGradient(data.input(p))
      var flat: [Double] = []
      for l in 0..<depth {
        let sb = learningRates.lambdaB[l].squareRoot()
        let sw = (learningRates.lambdaW[l] / Double(widths[l])).squareRoot()
        flat += g.biases[l].map { sb * $0 }
        flat += g.weights[l].map { sw * $0 }
      }
      return flat
    }
    let P = data.count
    var gram = [[Double]](repeating: [Double](repeating: 0, count: P), count: P)
    for a in 0..<P {
      for b in a..<P {
        gradients[a].withUnsafeBufferPointer { u in
          gradients[b].withUnsafeBufferPointer { v in
            gram[a][b] = dot(u.baseAddress!, v.baseAddress!, u.count)
          }
        }
        gram[b][a] = gram[a][b]
      }
    }
    return gram
  }
}

extension TrainingConfiguration {
  /// The per-layer learning rates `train` uses: `λ_b^(l) = λ̃_b/L`, `λ_W^(l) = λ̃_W/L`
  /// (`LearningRates.depthNormalized`) for `schedule == .uniform`, and
  /// `LearningRates.critical(activation, depth:, lambdaB:, lambdaW:)` for `.critical` (PDLT ch. 9).
  public func learningRates() throws -> LearningRates {
    switch schedule {
    case .uniform:
      return try LearningRates.depthNormalized(lambdaB: lambdaB, lambdaW: lambdaW, depth: depth)
    case .critical:
      return try LearningRates.critical(activation, depth: depth, lambdaB: lambdaB, lambdaW: lambdaW)
    }
  }

  /// The NTK Gram matrix `Θ_{αβ}` (with this configuration's `λ^(l)`) over the training inputs
  /// that `train(self, seed: seed)` uses, at this configuration's `C_b`, `C_w` (and, for
  /// `.empirical`, weight distribution and width).
  ///
  /// - Throws: `CriticalityError` for invalid settings.
  public func tangentKernelGram(seed: UInt64, kernel: TangentKernelEstimate = .infiniteWidth) throws
    -> [[Double]]
  {
    let data = try RegressionData.teacherStudent(inputWidth: inputWidth, sampleCount: sampleCount, seed: seed)
    let rates = try learningRates()
    switch kernel {
    case .infiniteWidth:
      let inputs = (0..<data.count).map { data.input($0) }
      return try KernelRecursion(activation: activation, cb: cb, cw: cw)
        .neuralTangentKernels(inputs: inputs, learningRates: rates).last!
    case .empirical:
      let net = try Network(
        widths: widths, activation: activation, cb: cb, cw: cw, weights: weights, seed: seed, stream: 0)
      return try net.neuralTangentKernelGram(on: data, learningRates: rates)
    }
  }
}

/// The learning rate at a fraction `c` of the stability threshold of gradient descent, for the
/// training set and network of `configuration` at *its* `C_b`, `C_w`:
///
/// $\eta = c \cdot 2 / \langle \lambda_{\max}(\Theta/P) \rangle$,
///
/// with `Θ` the NTK Gram matrix over the `P` training inputs (`tangentKernelGram`) and `⟨·⟩` the
/// mean over the seeds `firstSeed…firstSeed+seeds−1` (each seed has its own inputs).
/// Why: with $\mathcal{L} = \frac{1}{2P}\sum_\alpha r_\alpha^2$, $r = z - y$, one step of `train`
/// changes the outputs by $\Delta z = -\eta (\Theta/P) r$ to first order (PDLT ch. 7 and 10), so
/// the residual evolves as $r \leftarrow (1 - \eta\Theta/P) r$, which is stable iff
/// $\eta\lambda_{\max}(\Theta/P) < 2$ — exactly so for a model linear in its parameters, whose
/// NTK does not move. A deep network's NTK (a deep linear network's included) moves during
/// training, so for it this static threshold at initialization is an estimate. It is not the
/// *edge of stability* of Cohen et al. (2021), the dynamical regime in which the sharpness of a
/// network trained at fixed η settles at `2/η`.
///
/// Accuracy: `λ_max` from `symmetricEigenvalues` (≈1e-15 relative); the infinite-width kernel
/// to the accuracy of `KernelRecursion` (≈1e-10); the seed mean is what it is.
///
/// - Throws: `CriticalityError` unless `0 < c`, `seeds ≥ 1`, and the configuration is valid.
public func stabilityThresholdLearningRate(
  for configuration: TrainingConfiguration, fraction c: Double, seeds: Int, firstSeed: UInt64 = 1,
  kernel: TangentKernelEstimate = .infiniteWidth
) throws -> Double {
  guard c.isFinite, c > 0 else { throw CriticalityError("fraction must be finite and > 0, got \(c)") }
  guard seeds >= 1 else { throw CriticalityError("need at least one seed") }
  let P = Double(configuration.sampleCount)
  // One seed per task, spread over the cores; summed in seed order, so deterministic.
  let results = ResultSlots<Double>(count: seeds)
  DispatchQueue.concurrentPerform(iterations: seeds) { s in
    results.set(
      s,
      Result {
        let gram = try configuration.tangentKernelGram(seed: firstSeed + UInt64(s), kernel: kernel)
        return try symmetricEigenvalues(gram).last! / P
      })
  }
  let sum = try (0..<seeds).reduce(0.0) { try $0 + results.get($1).get() }
  return c * 2 / (sum / Double(seeds))
}

/// Thread-safe result slots for work spread with `DispatchQueue.concurrentPerform`.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
  private var slots: [Result<Value, Error>?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ r: Result<Value, Error>) { lock.withLock { slots[i] = r } }
  func get(_ i: Int) -> Result<Value, Error> { lock.withLock { slots[i]! } }
}
