import Foundation

extension KernelRecursion {
  /// The infinite-width (frozen) neural tangent kernel for one input (PDLT ch. 8; Jacot,
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
  /// inputs (PDLT ch. 8): element `[l−1][α][β]` of
  ///
  /// `Θ^(1)_{αβ} = λ_b^(1) + λ_W^(1) x_α·x_β/n₀`,
  /// `Θ^(l+1)_{αβ} = λ_b^(l+1) + λ_W^(l+1) ⟨σ_α σ_β⟩_{K^(l)} + C_w ⟨σ′_α σ′_β⟩_{K^(l)} Θ^(l)_{αβ}`.
  ///
  /// - Throws: `CriticalityError` for invalid inputs.
  public func neuralTangentKernels(inputs: [[Double]], learningRates: LearningRates) throws -> [[[Double]]] {
    let n0 = try Self.checkInputs(inputs)
    let depth = learningRates.depth
    // ⟨σσ⟩ and ⟨σ′σ′⟩ at K^(1…L−1), shared with K's own recursion and with other depths.
    let layers = LayerExpectationCache.shared.expectations(self, inputs: inputs, n0: n0, layers: depth - 1)
    var theta = [
      Self.firstLayer(inputs, n0: n0, constant: learningRates.lambdaB[0], slope: learningRates.lambdaW[0])
    ]
    let count = inputs.count
    for l in 1..<depth {
      let previous = theta[l - 1]
      var out = previous
      for a in 0..<count {
        for b in a..<count {
          let ss = layers.sigmaSigma[l - 1][a][b]
          let dd = layers.derivativeDerivative[l - 1][a][b]
          out[a][b] = learningRates.lambdaB[l] + learningRates.lambdaW[l] * ss + cw * dd * previous[a][b]
          out[b][a] = out[a][b]
        }
      }
      theta.append(out)
    }
    return theta
  }
}

/// One layer's share of the neural tangent kernel at the output (`KernelRecursion.neuralTangentKernelContributions`).
public struct NTKContribution: Sendable, Hashable, Codable {
  /// The bias part, `λ_b^(l) ∏_{l' = l}^{L−1} χ_⊥(K^(l'))`.
  public var bias: Double
  /// The weight part, `λ_W^(l) ⟨σ²⟩_{K^(l−1)} ∏_{l' = l}^{L−1} χ_⊥(K^(l'))` (`|x|²/n₀` for l = 1).
  public var weight: Double
  /// `bias + weight`.
  public var total: Double { bias + weight }

  /// A layer's bias and weight parts.
  public init(bias: Double, weight: Double) {
    self.bias = bias
    self.weight = weight
  }
}

extension KernelRecursion {
  /// The contribution of each layer `l = 1…L` to the infinite-width NTK at the output,
  /// `Θ^(L) = Σ_l [bias_l + weight_l]` (PDLT ch. 8, the recursion of
  /// `neuralTangentKernels(inputNormSquared:inputWidth:learningRates:)` unrolled): layer `l`'s
  /// own term `λ_b^(l) + λ_W^(l) ⟨σ²⟩_{K^(l−1)}` reaches the output multiplied by the
  /// perpendicular susceptibilities of the layers above,
  ///
  ///     bias_l = λ_b^(l) ∏_{l'=l}^{L−1} χ_⊥(K^(l')),   weight_l = λ_W^(l) ⟨σ²⟩_{K^(l−1)} ∏_{l'=l}^{L−1} χ_⊥(K^(l')),
  ///
  /// with `⟨σ²⟩_{K^(0)} ≡ |x|²/n₀` and `χ_⊥(K) = C_w ⟨σ′²⟩_K`. At tanh criticality
  /// `K^(l) ≈ 1/(2l)`, `χ_⊥(K^(l)) ≈ 1 − 1/l`, so the product is `≈ l/L`.
  ///
  /// - Throws: `CriticalityError` for invalid input norm or width.
  public func neuralTangentKernelContributions(
    inputNormSquared: Double, inputWidth: Int, learningRates: LearningRates
  ) throws -> [NTKContribution] {
    let depth = learningRates.depth
    let K = try kernels(inputNormSquared: inputNormSquared, inputWidth: inputWidth, depth: depth)
    var own = [
      NTKContribution(
        bias: learningRates.lambdaB[0],
        weight: learningRates.lambdaW[0] * inputNormSquared / Double(inputWidth))
    ]
    for l in 1..<depth {
      own.append(
        NTKContribution(
          bias: learningRates.lambdaB[l], weight: learningRates.lambdaW[l] * moments.sigmaSquared(K[l - 1])))
    }
    // Damping from the top down: layer l (index l−1) is multiplied by χ_⊥(K^(l')) for l' = l…L−1.
    var damping = 1.0
    for l in stride(from: depth - 1, through: 0, by: -1) {
      own[l].bias *= damping
      own[l].weight *= damping
      if l >= 1 { damping *= cw * moments.derivativeSquared(K[l - 1]) }
    }
    return own
  }
}
