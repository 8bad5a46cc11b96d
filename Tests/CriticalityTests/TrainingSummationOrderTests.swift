import Criticality
import Foundation
import Testing

/// The loss, gradient and NTK are bit for bit what a plain scalar implementation with a fixed
/// summation order gives, so that chapter results (training steps, learning rates) cannot move
/// when the inner loops are rewritten for speed.
@Suite struct TrainingSummationOrderTests {
  /// `Σ u_k v_k` with four partial sums by `k mod 4`, the tail into the first, then
  /// `(s₀ + s₁) + (s₂ + s₃)`: the order the library documents for every inner product.
  static func dot(_ u: [Double], _ v: [Double]) -> Double {
    var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
    var k = 0
    while k + 4 <= u.count {
      s0 += u[k] * v[k]
      s1 += u[k + 1] * v[k + 1]
      s2 += u[k + 2] * v[k + 2]
      s3 += u[k + 3] * v[k + 3]
      k += 4
    }
    while k < u.count {
      s0 += u[k] * v[k]
      k += 1
    }
    return (s0 + s1) + (s2 + s3)
  }

  /// Loss and gradient by the textbook recursion, one scalar `dot` per element.
  static func reference(_ net: Network, _ data: RegressionData) -> (
    loss: Double, w: [[Double]], b: [[Double]]
  ) {
    let P = data.count
    let L = net.depth
    let w = net.widths
    var activations: [[[Double]]] = [(0..<P).map { data.input($0) }]  // [layer][p][unit]
    var slopes: [[[Double]]] = []
    var output: [[Double]] = []
    for l in 1...L {
      let rows = net.weights[l - 1]
      let z = activations[l - 1].map { x in
        (0..<w[l]).map { i in
          net.biases[l - 1][i] + dot(Array(rows[(i * w[l - 1])..<((i + 1) * w[l - 1])]), x)
        }
      }
      if l == L {
        output = z
      } else {
        activations.append(z.map { $0.map { net.activation($0) } })
        slopes.append(z.map { $0.map { net.activation.derivative($0) } })
      }
    }
    var loss = 0.0
    var delta = output.enumerated().map { p, z in
      z.enumerated().map { k, v -> Double in
        let r = v - data.targets[p * w[L] + k]
        loss += r * r
        return r * (1 / Double(P))
      }
    }
    var gw = [[Double]](repeating: [], count: L)
    var gb = [[Double]](repeating: [], count: L)
    for l in stride(from: L, through: 1, by: -1) {
      let (n, fanIn) = (w[l], w[l - 1])
      gw[l - 1] = (0..<(n * fanIn)).map { k in
        dot((0..<P).map { delta[$0][k / fanIn] }, (0..<P).map { activations[l - 1][$0][k % fanIn] })
      }
      gb[l - 1] = (0..<n).map { i in (0..<P).reduce(0.0) { $0 + delta[$1][i] } }
      if l > 1 {
        let W = net.weights[l - 1]
        delta = (0..<P).map { p in
          (0..<fanIn).map { j in slopes[l - 2][p][j] * dot(delta[p], (0..<n).map { W[$0 * fanIn + j] }) }
        }
      }
    }
    return (0.5 * loss * (1 / Double(P)), gw, gb)
  }

  @Test(arguments: [
    ([5, 7, 6, 2], Activation.tanh, 3), ([16, 16, 16, 1], .tanh, 16), ([9, 13, 1], .linear, 6),
    ([4, 8, 3], .relu, 1),
  ])
  func gradientIsBitIdenticalToScalarReference(widths: [Int], activation: Activation, count: Int) throws {
    let net = try Network(
      widths: widths, activation: activation, cb: 0.2, cw: 1.3, weights: .gaussian, seed: 11)
    let data = try randomData(inputWidth: widths[0], outputWidth: widths.last!, count: count, seed: 5)
    let g = net.gradient(on: data)
    let r = Self.reference(net, data)
    #expect(g.loss.bitPattern == r.loss.bitPattern)
    #expect(g.weights.map { $0.map(\.bitPattern) } == r.w.map { $0.map(\.bitPattern) })
    #expect(g.biases.map { $0.map(\.bitPattern) } == r.b.map { $0.map(\.bitPattern) })
  }

  /// The multi-input NTK (whose layer expectations are cached and shared across depths) equals
  /// the recursion written out with `ActivationMoments`, whatever depth was asked for before.
  @Test func multiInputNTKIsBitIdenticalAcrossDepths() throws {
    let inputs = [[0.3, -1.1, 0.7], [1.2, 0.4, -0.5], [-0.8, 0.9, 0.1]]
    let recursion = try KernelRecursion(activation: .tanh, cb: 0.05, cw: 1.1)
    let moments = ActivationMoments(.tanh)
    for depth in [3, 6, 2, 6] {
      let rates = try LearningRates.critical(.tanh, depth: depth)
      let theta = try recursion.neuralTangentKernels(inputs: inputs, learningRates: rates)
      var K = inputs.map { a in inputs.map { b in 0.05 + 1.1 * Self.dot(a, b) / 3 } }
      var expected = inputs.map { a in
        inputs.map { b in rates.lambdaB[0] + rates.lambdaW[0] * Self.dot(a, b) / 3 }
      }
      for l in 1..<depth {
        var next = K
        var out = expected
        for a in 0..<3 {
          // The upper triangle, mirrored: the integrals are not symmetric in their arguments to the last bit.
          for b in a..<3 {
            let (ss, dd) =
              a == b
              ? (moments.sigmaSquared(K[a][a]), moments.derivativeSquared(K[a][a]))
              : (
                moments.sigmaSigma(k11: K[a][a], k12: K[a][b], k22: K[b][b]),
                moments.derivativeDerivative(k11: K[a][a], k12: K[a][b], k22: K[b][b])
              )
            next[a][b] = 0.05 + 1.1 * ss
            out[a][b] = rates.lambdaB[l] + rates.lambdaW[l] * ss + 1.1 * dd * expected[a][b]
            (next[b][a], out[b][a]) = (next[a][b], out[a][b])
          }
        }
        (K, expected) = (next, out)
      }
      #expect(theta.last!.map { $0.map(\.bitPattern) } == expected.map { $0.map(\.bitPattern) })
    }
  }
}
