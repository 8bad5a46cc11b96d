import Foundation

extension Network {
  /// The empirical neural tangent kernel of a scalar-output network (PDLT ch. 7 with the
  /// learning-rate tensors of `LearningRates`):
  /// `Θ̂(x₁, x₂) = Σ_l [λ_b^(l) Σ_i ∂z/∂b_i^(l) ∂z/∂b_i^(l) + (λ_W^(l)/n_{l−1}) Σ_{ij} ∂z/∂W_ij^(l) ∂z/∂W_ij^(l)]`,
  /// the derivatives taken at `x₁` and at `x₂`. Its average over initializations tends to
  /// `KernelRecursion.neuralTangentKernels` as the width grows.
  ///
  /// - Throws: `CriticalityError` unless the output is scalar, the inputs have width `n₀`, and
  ///   `learningRates.depth == depth`.
  public func neuralTangentKernel(_ x1: [Double], _ x2: [Double], learningRates: LearningRates) throws
    -> Double
  {
    guard widths[depth] == 1 else { throw CriticalityError("the empirical NTK needs a scalar output") }
    guard x1.count == widths[0], x2.count == widths[0] else {
      throw CriticalityError("inputs must have n₀ = \(widths[0]) components")
    }
    guard learningRates.depth == depth else {
      throw CriticalityError("need \(depth) learning rates, got \(learningRates.depth)")
    }
    let g1 = try outputGradient(x1)
    let g2 = try outputGradient(x2)
    var theta = 0.0
    for l in 0..<depth {
      var b = 0.0
      for i in 0..<g1.biases[l].count { b += g1.biases[l][i] * g2.biases[l][i] }
      var w = 0.0
      for i in 0..<g1.weights[l].count { w += g1.weights[l][i] * g2.weights[l][i] }
      theta += learningRates.lambdaB[l] * b + learningRates.lambdaW[l] / Double(widths[l]) * w  // fan-in n_l
    }
    return theta
  }

  /// `∂z^(L)/∂θ` at `x`: the loss gradient for one sample with residual exactly 1.
  func outputGradient(_ x: [Double]) throws -> NetworkGradient {
    var workspace = Workspace(self, batch: 1)
    let data = try RegressionData(inputs: x, targets: [0], inputWidth: widths[0], outputWidth: 1)
    _ = workspace.forward(self, data)
    workspace.delta[depth - 1][0] = 1
    workspace.backward(self, data)
    return NetworkGradient(loss: 0, weights: workspace.gradW, biases: workspace.gradB)
  }
}
