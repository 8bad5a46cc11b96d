import Foundation

/// One fully connected network with its parameters drawn, for training (``MLP`` describes the
/// architecture of an ensemble): `z^(1) = b^(1) + W^(1) x`,
/// `z^(l+1) = b^(l+1) + W^(l+1) σ(z^(l))` (PDLT §2.1), with a linear readout `z^(L)`.
///
/// `weights[l−1]` is the `n_l × n_{l−1}` matrix `W^(l)`, row-major; `biases[l−1]` is `b^(l)`.
public struct Network: Sendable, Equatable {
  /// `[n₀, n₁, …, n_L]`.
  public let widths: [Int]
  /// The activation $\sigma$ between layers.
  public let activation: Activation
  /// The weight matrix $W^{(l)}$ of each layer, row-major ($n_l \times n_{l-1}$).
  public var weights: [[Double]]
  /// The bias vector $b^{(l)}$ of each layer.
  public var biases: [[Double]]

  /// The number of layers `L`.
  public var depth: Int { widths.count - 1 }

  /// A network with the given parameters.
  /// - Throws: `CriticalityError` if shapes do not match `widths` (at least two widths ≥ 1).
  public init(widths: [Int], activation: Activation, weights: [[Double]], biases: [[Double]]) throws {
    guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else {
      throw CriticalityError("widths must list n₀, …, n_L (at least two entries, all ≥ 1), got \(widths)")
    }
    guard weights.count == widths.count - 1, biases.count == widths.count - 1 else {
      throw CriticalityError("need one weight matrix and one bias vector per layer")
    }
    for l in 1..<widths.count {
      guard weights[l - 1].count == widths[l] * widths[l - 1], biases[l - 1].count == widths[l] else {
        throw CriticalityError(
          "layer \(l): W must be \(widths[l])×\(widths[l - 1]) and b of length \(widths[l])")
      }
    }
    self.widths = widths
    self.activation = activation
    self.weights = weights
    self.biases = biases
  }

  /// A network at initialization (PDLT §2.3): `b_i^(l) ~ N(0, C_b)` and
  /// - `.gaussian`: `W_ij^(l) ~ N(0, C_w/n_{l−1})`;
  /// - `.orthogonal`: `W^(l) = √(C_w max(1, n_l/n_{l−1}))` times a Haar block (orthonormal rows,
  ///   or orthonormal columns when `n_l > n_{l−1}`), so that `E[(z_i^(l))²]` matches the
  ///   Gaussian case given the previous layer.
  ///
  /// Draws from `Xoshiro256(seed: seed, stream: stream)`: weights layer by layer, then biases,
  /// so for a fixed seed the draws do not depend on `C_w` or `C_b` (they only rescale them).
  public init(
    widths: [Int], activation: Activation, cb: Double, cw: Double, weights distribution: WeightDistribution,
    seed: UInt64, stream: UInt64 = 0
  ) throws {
    guard cb.isFinite, cb >= 0, cw.isFinite, cw >= 0 else {
      throw CriticalityError("cb and cw must be finite and ≥ 0, got cb = \(cb), cw = \(cw)")
    }
    guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else {
      throw CriticalityError("widths must list n₀, …, n_L (at least two entries, all ≥ 1), got \(widths)")
    }
    var rng = Xoshiro256(seed: seed, stream: stream)
    var w: [[Double]] = []
    for l in 1..<widths.count {
      let (n, fanIn) = (widths[l], widths[l - 1])
      switch distribution {
      case .gaussian:
        let scale = (cw / Double(fanIn)).squareRoot()
        w.append((0..<(n * fanIn)).map { _ in scale * rng.nextGaussian() })
      case .orthogonal:
        let scale = (cw * max(1, Double(n) / Double(fanIn))).squareRoot()
        w.append(HaarOrthogonal.sample(rows: n, columns: fanIn, using: &rng).map { scale * $0 })
      }
    }
    let sb = cb.squareRoot()
    let b = widths.dropFirst().map { n in (0..<n).map { _ in sb * rng.nextGaussian() } }
    try self.init(widths: widths, activation: activation, weights: w, biases: b)
  }

  /// The network output `z^(L)(x)`.
  public func callAsFunction(_ x: [Double]) -> [Double] {
    require(x.count == widths[0], "input must have n₀ = \(widths[0]) components")
    var a = x
    for l in 1...depth {
      let (n, fanIn) = (widths[l], widths[l - 1])
      var z = biases[l - 1]
      for i in 0..<n {
        var s = 0.0
        for j in 0..<fanIn { s += weights[l - 1][i * fanIn + j] * a[j] }
        z[i] += s
      }
      a = l == depth ? z : z.map { activation($0) }
    }
    return a
  }

  public static func == (a: Network, b: Network) -> Bool {
    a.widths == b.widths && a.weights == b.weights && a.biases == b.biases
      && a.activation.description == b.activation.description
  }
}
