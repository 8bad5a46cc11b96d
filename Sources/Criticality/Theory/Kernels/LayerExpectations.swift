import Foundation

/// The Gaussian expectations that the multi-input NTK recursion needs at each layer, for one
/// set of inputs: `K^(l)`, `⟨σ_α σ_β⟩_{K^(l)}` and `⟨σ′_α σ′_β⟩_{K^(l)}` for `l = 1, 2, …`.
/// They depend on the activation, `C_b`, `C_w` and the inputs only (not on the learning rates
/// or the depth), and the two-dimensional integrals are what the NTK costs, so they are
/// computed once per layer and shared: `K^(l+1) = C_b + C_w ⟨σσ⟩_{K^(l)}` uses the same
/// `⟨σσ⟩` as the NTK's `λ_W` term, and a deeper network extends the layers a shallower one
/// computed (see ``LayerExpectationCache``).
struct LayerExpectations: Sendable {
  /// `K^(l)` at `[l−1][α][β]`.
  var kernels: [[[Double]]]
  /// `⟨σ_α σ_β⟩_{K^(l)}` at `[l−1][α][β]` (one layer fewer than `kernels` until extended).
  var sigmaSigma: [[[Double]]] = []
  /// `⟨σ′_α σ′_β⟩_{K^(l)}` at `[l−1][α][β]`, as many layers as `sigmaSigma`.
  var derivativeDerivative: [[[Double]]] = []

  /// Layer 1 only: `K^(1) = C_b + C_w x_α·x_β/n₀`.
  init(first: [[Double]]) { kernels = [first] }

  /// Adds the expectations at `K^(l)` and `K^(l+1)` until `sigmaSigma` has `layers` entries.
  /// Diagonal entries are the one-input expectations `⟨σ²⟩`, `⟨σ′²⟩`, as in
  /// ``KernelRecursion/next(_:)``, so the kernels equal `kernels(inputs:depth:)` bit for bit.
  mutating func extend(to layers: Int, recursion: KernelRecursion) {
    let moments = recursion.moments
    while sigmaSigma.count < layers {
      let k = kernels[sigmaSigma.count]
      let count = k.count
      var ss = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
      var dd = ss
      for a in 0..<count {
        for b in a..<count {
          if a == b {
            ss[a][a] = moments.sigmaSquared(k[a][a])
            dd[a][a] = moments.derivativeSquared(k[a][a])
          } else {
            ss[a][b] = moments.sigmaSigma(k11: k[a][a], k12: k[a][b], k22: k[b][b])
            dd[a][b] = moments.derivativeDerivative(k11: k[a][a], k12: k[a][b], k22: k[b][b])
            ss[b][a] = ss[a][b]
            dd[b][a] = dd[a][b]
          }
        }
      }
      sigmaSigma.append(ss)
      derivativeDerivative.append(dd)
      kernels.append(ss.map { row in row.map { recursion.cb + recursion.cw * $0 } })
    }
  }
}

/// A process-wide store of ``LayerExpectations``, keyed by everything they depend on: the
/// activation (built-in ones only; a `.custom` closure has no identity to key by), the exact
/// bits of `C_b`, `C_w` and of every input component. A sweep computes the stability threshold
/// of the same training inputs at several depths, and each depth's NTK then reuses the layers
/// of the others. Holds at most `capacity` input sets (the least recently stored go first).
final class LayerExpectationCache: @unchecked Sendable {
  struct Key: Hashable {
    var activation: String
    var cb: UInt64
    var cw: UInt64
    var inputs: [[UInt64]]
  }

  static let shared = LayerExpectationCache(capacity: 64)

  private let lock = NSLock()
  private var values: [Key: LayerExpectations] = [:]
  private var order: [Key] = []
  let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  /// The key of `recursion` on `inputs`, or nil for a `.custom` activation.
  static func key(_ recursion: KernelRecursion, inputs: [[Double]]) -> Key? {
    if case .custom = recursion.activation { return nil }
    return Key(
      activation: recursion.activation.description, cb: recursion.cb.bitPattern, cw: recursion.cw.bitPattern,
      inputs: inputs.map { $0.map(\.bitPattern) })
  }

  /// The expectations of `recursion` on `inputs` for layers `1…layers` (at least), reusing
  /// and extending what an earlier call stored. Computed outside the lock: two threads asking
  /// for the same key at once both compute, with identical results.
  func expectations(_ recursion: KernelRecursion, inputs: [[Double]], n0: Int, layers: Int)
    -> LayerExpectations
  {
    let key = Self.key(recursion, inputs: inputs)
    var value =
      key.flatMap { key in lock.withLock { values[key] } }
      ?? LayerExpectations(
        first: KernelRecursion.firstLayer(inputs, n0: n0, constant: recursion.cb, slope: recursion.cw))
    guard value.sigmaSigma.count < layers else { return value }
    value.extend(to: layers, recursion: recursion)
    if let key { store(value, for: key) }
    return value
  }

  private func store(_ value: LayerExpectations, for key: Key) {
    lock.withLock {
      if let old = values[key] {
        if old.sigmaSigma.count < value.sigmaSigma.count { values[key] = value }
        return
      }
      values[key] = value
      order.append(key)
      if order.count > capacity { values[order.removeFirst()] = nil }
    }
  }
}
