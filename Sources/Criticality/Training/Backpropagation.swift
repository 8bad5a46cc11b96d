import Foundation

/// Gradients of the mean squared error `𝓛 = (1/2P) Σ_p Σ_k (z_k^(L)(x_p) − y_{p,k})²`
/// by backpropagation over a batch:
/// `δ^(L) = (z^(L) − y)/P`, `∂𝓛/∂W^(l)_{ij} = Σ_p δ^(l)_{p,i} σ(z^(l−1)_{p,j})` (with
/// `σ(z^(0)) ≡ x`), `∂𝓛/∂b^(l)_i = Σ_p δ^(l)_{p,i}`,
/// `δ^(l−1)_{p,j} = σ′(z^(l−1)_{p,j}) Σ_i δ^(l)_{p,i} W^(l)_{ij}`.
/// Sums run in a fixed order, so results are bit-reproducible.
public struct NetworkGradient: Sendable {
  /// The loss `𝓛` at the current parameters.
  public var loss: Double
  /// `∂𝓛/∂W^(l)`, same layout as `Network.weights`.
  public var weights: [[Double]]
  /// `∂𝓛/∂b^(l)`, same layout as `Network.biases`.
  public var biases: [[Double]]
}

extension Network {
  /// `𝓛 = (1/2P) Σ_p |z^(L)(x_p) − y_p|²` on `data`.
  public func loss(on data: RegressionData) -> Double {
    var workspace = Workspace(self, batch: data.count)
    return workspace.forward(self, data)
  }

  /// The loss and its gradient with respect to every weight and bias (see `NetworkGradient`).
  public func gradient(on data: RegressionData) -> NetworkGradient {
    var workspace = Workspace(self, batch: data.count)
    let loss = workspace.forward(self, data)
    workspace.backward(self, data)
    return NetworkGradient(loss: loss, weights: workspace.gradW, biases: workspace.gradB)
  }

  /// Buffers for one batch: preactivations `z^(l)`, activations `σ(z^(l))`, errors `δ^(l)`, and
  /// gradients. Reused across gradient-descent steps.
  struct Workspace {
    let batch: Int
    var z: [[Double]]
    var a: [[Double]]
    /// `σ′(z^(l))`, stored by `forward` for `backward`.
    var slope: [[Double]]
    var delta: [[Double]]
    var gradW: [[Double]]
    var gradB: [[Double]]
    /// Scratch space: `Wᵀ` in `forward`, `Σ_i δ_{p,i} W_ij` in `backward`.
    var scratchD: [Double] = []
    var scratchW: [Double] = []

    init(_ net: Network, batch: Int) {
      self.batch = batch
      let layers = net.widths.dropFirst()
      z = layers.map { [Double](repeating: 0, count: batch * $0) }
      a = z
      slope = z
      delta = z
      gradW = net.weights.map { [Double](repeating: 0, count: $0.count) }
      gradB = net.biases.map { [Double](repeating: 0, count: $0.count) }
    }

    /// Fills `z`, `a` and `delta^(L) = (z^(L) − y)/P`; returns the loss.
    mutating func forward(_ net: Network, _ data: RegressionData) -> Double {
      let L = net.depth
      let P = batch
      for l in 1...L {
        let n = net.widths[l]
        let fanIn = net.widths[l - 1]
        let sigma = net.activation
        let input = l == 1 ? data.inputs : a[l - 2]
        // z_{p,i} = b_i + Σ_j W_ij x_{p,j}, each sum as `dot(W_i, x_p)`, with Wᵀ (n_{l−1} × n).
        if scratchW.count < n * fanIn { scratchW = [Double](repeating: 0, count: n * fanIn) }
        transpose(net.weights[l - 1], rows: n, columns: fanIn, into: &scratchW)
        input.withUnsafeBufferPointer { x in
          scratchW.withUnsafeBufferPointer { wT in
            net.biases[l - 1].withUnsafeBufferPointer { b in
              z[l - 1].withUnsafeMutableBufferPointer { z in
                batchProduct(
                  x.baseAddress!, rowStride: fanIn, innerStride: 1, rows: P, inner: fanIn,
                  wT.baseAddress!, columns: n, into: z.baseAddress!)
                for p in 0..<P {
                  for i in 0..<n { z[p * n + i] = b[i] + z[p * n + i] }
                }
              }
            }
          }
        }
        if l < L {
          z[l - 1].withUnsafeBufferPointer { z in
            a[l - 1].withUnsafeMutableBufferPointer { a in
              slope[l - 1].withUnsafeMutableBufferPointer { d in
                if case .tanh = sigma {
                  for k in 0..<(P * n) {
                    let t = tanh(z[k])
                    a[k] = t
                    d[k] = 1 - t * t
                  }
                } else {
                  for k in 0..<(P * n) {
                    a[k] = sigma(z[k])
                    d[k] = sigma.derivative(z[k])
                  }
                }
              }
            }
          }
        }
      }
      var loss = 0.0
      let out = net.widths[L]
      let inverseP = 1 / Double(P)
      for k in 0..<(P * out) {
        let r = z[L - 1][k] - data.targets[k]
        loss += r * r
        delta[L - 1][k] = r * inverseP
      }
      return 0.5 * loss * inverseP
    }

    /// Backpropagates `delta^(L)` and fills `gradW`, `gradB`. Call after `forward`.
    /// Every sum is in the order of `dot` over the same two vectors (see `batchProduct`), four
    /// neighbouring outputs per SIMD vector, read in place without transposes.
    mutating func backward(_ net: Network, _ data: RegressionData) {
      let P = batch
      let largest = net.widths.max()!
      if scratchD.count < largest * P { scratchD = [Double](repeating: 0, count: largest * P) }
      for l in stride(from: net.depth, through: 1, by: -1) {
        let n = net.widths[l]
        let fanIn = net.widths[l - 1]
        let input = l == 1 ? data.inputs : a[l - 2]
        delta[l - 1].withUnsafeBufferPointer { d in
          // ∂𝓛/∂W_ij = Σ_p δ_{p,i} x_{p,j}, as `dot(δᵀ_i, xᵀ_j)`.
          input.withUnsafeBufferPointer { x in
            gradW[l - 1].withUnsafeMutableBufferPointer { g in
              batchProduct(
                d.baseAddress!, rowStride: 1, innerStride: n, rows: n, inner: P,
                x.baseAddress!, columns: fanIn, into: g.baseAddress!)
            }
          }
          gradB[l - 1].withUnsafeMutableBufferPointer { g in
            for i in 0..<n {
              var sum = 0.0
              for p in 0..<P { sum += d[p * n + i] }
              g[i] = sum
            }
          }
          if l > 1 {
            // Σ_i δ_{p,i} W_ij, as `dot(δ_p, Wᵀ_j)`, into scratch (P × n_{l−1}).
            net.weights[l - 1].withUnsafeBufferPointer { w in
              scratchD.withUnsafeMutableBufferPointer { e in
                batchProduct(
                  d.baseAddress!, rowStride: n, innerStride: 1, rows: P, inner: n,
                  w.baseAddress!, columns: fanIn, into: e.baseAddress!)
              }
            }
          }
        }
        if l > 1 {
          // δ^(l−1)_{p,j} = σ′(z_{p,j}) Σ_i δ_{p,i} W_{ij}.
          scratchD.withUnsafeBufferPointer { e in
            slope[l - 2].withUnsafeBufferPointer { s in
              delta[l - 2].withUnsafeMutableBufferPointer { previous in
                for k in 0..<(P * fanIn) { previous[k] = s[k] * e[k] }
              }
            }
          }
        }
      }
    }
  }
}

/// `out[c·rows + r] = m[r·columns + c]`: the transpose of a row-major `rows × columns` matrix.
func transpose(_ m: [Double], rows: Int, columns: Int, into out: inout [Double]) {
  m.withUnsafeBufferPointer { m in
    out.withUnsafeMutableBufferPointer { o in
      for r in 0..<rows { for c in 0..<columns { o[c * rows + r] = m[r * columns + c] } }
    }
  }
}

/// `Σ_j u_j v_j` with four interleaved partial sums (fixed order, so deterministic), which lets
/// the compiler vectorize the reduction.
@inline(__always)
func dot(_ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>, _ count: Int) -> Double {
  var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
  var j = 0
  while j + 4 <= count {
    s0 += u[j] * v[j]
    s1 += u[j + 1] * v[j + 1]
    s2 += u[j + 2] * v[j + 2]
    s3 += u[j + 3] * v[j + 3]
    j += 4
  }
  while j < count {
    s0 += u[j] * v[j]
    j += 1
  }
  return (s0 + s1) + (s2 + s3)
}
