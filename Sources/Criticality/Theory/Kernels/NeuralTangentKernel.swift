import Foundation

extension KernelRecursion {
  /// The infinite-width (frozen) neural tangent kernel for one input (PDLT §8.3; Jacot,
  /// Gabriel & Hongler 2018), `[Θ^(1), …, Θ^(L)]`:
  ///
  /// `Θ^(1) = λ_b^(1) + λ_W^(1) |x|²/n₀`,
  /// `Θ^(l+1) = λ_b^(l+1) + λ_W^(l+1) ⟨σ²⟩_{K^(l)} + C_w ⟨σ′²⟩_{K^(l)} Θ^(l)`,
  ///
  /// with `K^(l)` from `kernels(inputNormSquared:inputWidth:depth:)` and `L = learningRates.depth`.
  ///
  /// - Throws: `CriticalityError` for invalid input norm or width.
  public func neuralTangentKernels(
    inputNormSquared: Double, inputWidth: Int, learningRates: LearningRates
  ) throws -> [Double] {
    let depth = learningRates.depth
    let K = try kernels(inputNormSquared: inputNormSquared, inputWidth: inputWidth, depth: depth)
    var theta = [learningRates.lambdaB[0] + learningRates.lambdaW[0] * inputNormSquared / Double(inputWidth)]
    for l in 1..<depth {
      let k = K[l - 1]
      theta.append(
        learningRates.lambdaB[l] + learningRates.lambdaW[l] * moments.sigmaSquared(k)
          + cw * moments.derivativeSquared(k) * theta[l - 1])
    }
    return theta
  }

  /// The infinite-width neural tangent kernel matrices `Θ^(l)_{αβ}`, `l = 1…L`, for several
  /// inputs (PDLT §8.3): element `[l−1][α][β]` of
  ///
  /// `Θ^(1)_{αβ} = λ_b^(1) + λ_W^(1) x_α·x_β/n₀`,
  /// `Θ^(l+1)_{αβ} = λ_b^(l+1) + λ_W^(l+1) ⟨σ_α σ_β⟩_{K^(l)} + C_w ⟨σ′_α σ′_β⟩_{K^(l)} Θ^(l)_{αβ}`.
  ///
  /// - Throws: `CriticalityError` for invalid inputs.
  public func neuralTangentKernels(inputs: [[Double]], learningRates: LearningRates) throws -> [[[Double]]] {
    let n0 = try Self.checkInputs(inputs)
    let depth = learningRates.depth
    let K = try kernels(inputs: inputs, depth: depth)
    var theta = [
      Self.firstLayer(inputs, n0: n0, constant: learningRates.lambdaB[0], slope: learningRates.lambdaW[0])
    ]
    let count = inputs.count
    for l in 1..<depth {
      let k = K[l - 1]
      let previous = theta[l - 1]
      var out = previous
      for a in 0..<count {
        for b in a..<count {
          let ss: Double
          let dd: Double
          if a == b {
            ss = moments.sigmaSquared(k[a][a])
            dd = moments.derivativeSquared(k[a][a])
          } else {
            ss = moments.sigmaSigma(k11: k[a][a], k12: k[a][b], k22: k[b][b])
            dd = moments.derivativeDerivative(k11: k[a][a], k12: k[a][b], k22: k[b][b])
          }
          out[a][b] = learningRates.lambdaB[l] + learningRates.lambdaW[l] * ss + cw * dd * previous[a][b]
          out[b][a] = out[a][b]
        }
      }
      theta.append(out)
    }
    return theta
  }
}
