import Foundation

/// The infinite-width kernel recursion of a deep MLP (PDLT ch. 4–5):
///
/// `K^(1)_{αβ} = C_b + C_w (1/n₀) Σ_j x_{j;α} x_{j;β}` (PDLT §4.1),
/// `K^(l+1)_{αβ} = C_b + C_w ⟨σ(z_α) σ(z_β)⟩_{K^(l)}` (PDLT §4.3),
///
/// with `⟨·⟩_K` the centered Gaussian expectation with covariance `K^(l)`, and the parallel and
/// perpendicular susceptibilities of PDLT §5.1. Expectations come from
/// `ActivationMoments` (closed forms where they exist, otherwise adaptive quadrature, relative
/// accuracy ~1e-12 for `K` in [1e-3, 100]).
public struct KernelRecursion: Sendable {
  /// The activation σ.
  public let activation: Activation
  /// The bias variance `C_b`.
  public let cb: Double
  /// The weight variance `C_w` (weights have variance `C_w / n_{l-1}`).
  public let cw: Double
  /// The Gaussian expectations of σ used by the recursion.
  public let moments: ActivationMoments

  /// - Throws: `CriticalityError` unless `cb ≥ 0` and `cw ≥ 0` are finite.
  public init(activation: Activation, cb: Double, cw: Double) throws {
    guard cb.isFinite, cb >= 0 else { throw CriticalityError("cb must be finite and ≥ 0, got \(cb)") }
    guard cw.isFinite, cw >= 0 else { throw CriticalityError("cw must be finite and ≥ 0, got \(cw)") }
    self.activation = activation
    self.cb = cb
    self.cw = cw
    self.moments = ActivationMoments(activation)
  }

  /// The single-input kernels `[K^(1), …, K^(L)]` for an input with `|x|² = inputNormSquared`
  /// and `n₀ = inputWidth` components: `K^(1) = C_b + C_w |x|²/n₀`,
  /// `K^(l+1) = C_b + C_w ⟨σ²⟩_{K^(l)}`.
  ///
  /// - Throws: `CriticalityError` for `inputNormSquared < 0`, `inputWidth < 1` or `depth < 1`.
  public func kernels(inputNormSquared: Double, inputWidth: Int, depth: Int) throws -> [Double] {
    guard inputNormSquared.isFinite, inputNormSquared >= 0 else {
      throw CriticalityError("inputNormSquared must be finite and ≥ 0, got \(inputNormSquared)")
    }
    guard inputWidth >= 1 else { throw CriticalityError("inputWidth must be ≥ 1, got \(inputWidth)") }
    guard depth >= 1 else { throw CriticalityError("depth must be ≥ 1, got \(depth)") }
    var K = [cb + cw * inputNormSquared / Double(inputWidth)]
    for _ in 1..<depth { K.append(cb + cw * moments.sigmaSquared(K[K.count - 1])) }
    return K
  }

  /// The kernel matrices `K^(l)_{αβ}` for `l = 1…L` and the given inputs (all of one width
  /// `n₀`): element `[l-1][α][β]`. The diagonal equals `kernels(inputNormSquared:…)` of each
  /// input; off-diagonal entries need two-dimensional Gaussian integrals (closed forms for linear
  /// and ReLU, nested quadrature otherwise).
  ///
  /// - Throws: `CriticalityError` for no inputs, inputs of different or zero widths, or `depth < 1`.
  public func kernels(inputs: [[Double]], depth: Int) throws -> [[[Double]]] {
    let n0 = try Self.checkInputs(inputs)
    guard depth >= 1 else { throw CriticalityError("depth must be ≥ 1, got \(depth)") }
    var K = [Self.firstLayer(inputs, n0: n0, constant: cb, slope: cw)]
    for _ in 1..<depth { K.append(next(K[K.count - 1])) }
    return K
  }

  /// `K^(l+1)` from `K^(l)` for any number of inputs.
  func next(_ K: [[Double]]) -> [[Double]] {
    let count = K.count
    var out = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
    for a in 0..<count {
      for b in a..<count {
        let e =
          a == b
          ? moments.sigmaSquared(K[a][a])
          : moments.sigmaSigma(k11: K[a][a], k12: K[a][b], k22: K[b][b])
        out[a][b] = cb + cw * e
        out[b][a] = out[a][b]
      }
    }
    return out
  }

  /// The parallel and perpendicular susceptibilities at kernel `K` (PDLT §5.1):
  /// `χ_∥(K) = (C_w/K) ⟨σ′(z) σ(z) z⟩_K` (the growth of a perturbation of the kernel's size,
  /// `δK^(l+1) = χ_∥ δK^(l)`), `χ_⊥(K) = C_w ⟨σ′(z)²⟩_K` (the growth of the distance between
  /// two nearby inputs).
  ///
  /// - Throws: `CriticalityError` unless `K > 0` and finite (χ_∥ divides by K).
  public func susceptibilities(at K: Double) throws -> (parallel: Double, perpendicular: Double) {
    guard K.isFinite, K > 0 else { throw CriticalityError("K must be finite and > 0, got \(K)") }
    return (cw * moments.zSigmaDerivative(K) / K, cw * moments.derivativeSquared(K))
  }

  static func checkInputs(_ inputs: [[Double]]) throws -> Int {
    guard let n0 = inputs.first?.count else { throw CriticalityError("need at least one input") }
    guard n0 >= 1 else { throw CriticalityError("inputs must have at least one component") }
    guard inputs.allSatisfy({ $0.count == n0 }) else {
      throw CriticalityError("all inputs must have the same width \(n0)")
    }
    guard inputs.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
      throw CriticalityError("inputs must be finite")
    }
    return n0
  }

  /// `constant + slope · (1/n₀) x_α · x_β`, the first-layer kernel (or NTK) matrix.
  static func firstLayer(_ inputs: [[Double]], n0: Int, constant: Double, slope: Double) -> [[Double]] {
    inputs.map { xa in
      inputs.map { xb in
        var dot = 0.0
        for j in 0..<n0 { dot += xa[j] * xb[j] }
        return constant + slope * dot / Double(n0)
      }
    }
  }
}
