import Foundation

/// A regression training set: `P` inputs of width `n₀` and targets of width `n_out`, stored
/// row-major (`inputs[p·n₀ + j]`, `targets[p·n_out + k]`).
public struct RegressionData: Sendable, Equatable {
  /// The inputs, row-major: sample $p$, component $j$ at `inputs[p * inputWidth + j]`.
  public let inputs: [Double]
  /// The targets, row-major: sample $p$, component $k$ at `targets[p * outputWidth + k]`.
  public let targets: [Double]
  /// The input width $n_0$.
  public let inputWidth: Int
  /// The number of target components per sample.
  public let outputWidth: Int

  /// The number of samples `P`.
  public var count: Int { inputs.count / inputWidth }

  /// - Throws: `CriticalityError` unless the arrays hold the same number `P ≥ 1` of samples.
  public init(inputs: [Double], targets: [Double], inputWidth: Int, outputWidth: Int) throws {
    guard inputWidth >= 1, outputWidth >= 1, !inputs.isEmpty, inputs.count % inputWidth == 0,
      targets.count == inputs.count / inputWidth * outputWidth
    else {
      throw CriticalityError("inputs and targets must hold the same number of samples of the given widths")
    }
    self.inputs = inputs
    self.targets = targets
    self.inputWidth = inputWidth
    self.outputWidth = outputWidth
  }

  /// The sample `p`'s input.
  public func input(_ p: Int) -> [Double] { Array(inputs[(p * inputWidth)..<((p + 1) * inputWidth)]) }

  /// A seeded teacher–student task: `P` inputs `x ~ N(0, 1_{n₀})` and scalar targets from a
  /// random one-hidden-layer tanh teacher, `y(x) = Σ_{k=1}^{n₀} a_k tanh(w_k · x / √n₀)` with
  /// `w_k ~ N(0, 1_{n₀})`, `a_k ~ N(0, 1)`, then centered and scaled to unit variance over the
  /// sample (so a loss `(1/2P) Σ (z − y)²` of 0.5 is what predicting 0 achieves).
  /// Draws from `Xoshiro256(seed: seed, stream: 1 << 32)` (students use streams below that).
  public static func teacherStudent(inputWidth n0: Int, sampleCount P: Int, seed: UInt64) throws
    -> RegressionData
  {
    guard n0 >= 1, P >= 2 else { throw CriticalityError("need n₀ ≥ 1 and at least two samples") }
    var rng = Xoshiro256(seed: seed, stream: 1 << 32)
    let x = (0..<(P * n0)).map { _ in rng.nextGaussian() }
    let w = (0..<(n0 * n0)).map { _ in rng.nextGaussian() }
    let a = (0..<n0).map { _ in rng.nextGaussian() }
    let scale = 1 / Double(n0).squareRoot()
    var y = (0..<P).map { p in
      (0..<n0).reduce(0.0) { sum, k in
        var dot = 0.0
        for j in 0..<n0 { dot += w[k * n0 + j] * x[p * n0 + j] }
        return sum + a[k] * tanh(scale * dot)
      }
    }
    let mean = y.reduce(0, +) / Double(P)
    let variance = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(P)
    y = y.map { ($0 - mean) / variance.squareRoot() }
    return try RegressionData(inputs: x, targets: y, inputWidth: n0, outputWidth: 1)
  }
}
