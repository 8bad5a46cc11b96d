import Criticality
import Foundation
import Testing

@Suite struct KernelTests {
  @Test func criticalValuesOfTanhReLULinear() throws {
    let tanh = try KernelRecursion(activation: .tanh, cb: 0, cw: 1).criticalInitializationResult.get()
    #expect(tanh.cb == 0 && tanh.cw == 1 && tanh.kind == .vanishingKernel && tanh.fixedPointK == 0)
    let relu = try KernelRecursion(activation: .relu, cb: 0.3, cw: 1).criticalInitialization
    #expect(relu?.cb == 0 && relu?.cw == 2)
    let linear = try KernelRecursion(activation: .linear, cb: 0, cw: 3).criticalInitialization
    #expect(linear?.cb == 0 && linear?.cw == 1)
  }

  @Test func leakyReLUIsScaleInvariantWithCwTwoOverOnePlusSlopeSquared() throws {
    // Scale invariance is detected numerically for a custom activation: C_w = 2/(1 + a²).
    let a = 0.2
    let leaky = Activation.custom(
      name: "leaky", function: { $0 > 0 ? $0 : a * $0 }, derivative: { $0 > 0 ? 1 : a })
    let p = try KernelRecursion(activation: leaky, cb: 0, cw: 1).criticalInitializationResult.get()
    #expect(p.kind == .scaleInvariant && p.cb == 0)
    #expect(relativeError(p.cw, 2 / (1 + a * a)) < 1e-11)
  }

  @Test func sigmoidHasNoCriticalInitialization() throws {
    let rec = try KernelRecursion(activation: .sigmoid, cb: 0, cw: 1)
    #expect(rec.criticalInitialization == nil)
    let reason = try #require(rec.noCriticalInitializationReason)
    #expect(reason.contains("σ(0) = 0.5"))
    #expect(reason.contains("no fixed point K* > 0"))
  }

  @Test func geluCriticalPointIsSelfConsistentAndAgreesWithQuadrature() throws {
    // The closed-form GELU moments and the generic quadrature path (σ passed as a custom
    // activation) must find the same nontrivial critical point.
    let closed = try KernelRecursion(activation: .gelu, cb: 0, cw: 1).criticalInitializationResult.get()
    let custom = Activation.custom(
      name: "gelu-q", function: { Activation.gelu($0) }, derivative: { Activation.gelu.derivative($0) })
    let numeric = try KernelRecursion(activation: custom, cb: 0, cw: 1).criticalInitializationResult.get()
    #expect(closed.kind == .nontrivial && numeric.kind == .nontrivial)
    let kStar = try #require(closed.fixedPointK)
    #expect(relativeError(numeric.fixedPointK ?? 0, kStar) < 1e-8)
    #expect(relativeError(numeric.cw, closed.cw) < 1e-9)
    #expect(abs(numeric.cb - closed.cb) < 1e-8)
    // PDLT §5.3 quotes (C_b, C_w) ≈ (0.17292, 1.98305) for GELU; K* comes out as
    // (3 + √17)/2 to all digits.
    #expect(abs(closed.cb - 0.17292) < 1e-5 && abs(closed.cw - 1.98305) < 2e-5)
    #expect(relativeError(kStar, (3 + 17.0.squareRoot()) / 2) < 1e-10)
    // At (C_b, C_w) the fixed point reproduces itself and both susceptibilities are one.
    let rec = try KernelRecursion(activation: custom, cb: closed.cb, cw: closed.cw)
    let K = try rec.kernels(inputNormSquared: (kStar - closed.cb) / closed.cw, inputWidth: 1, depth: 3)
    #expect(relativeError(K[0], kStar) < 1e-14)
    #expect(relativeError(K[1], kStar) < 1e-10 && relativeError(K[2], kStar) < 1e-10)
    let chi = try rec.susceptibilities(at: kStar)
    #expect(abs(chi.parallel - 1) < 1e-9 && abs(chi.perpendicular - 1) < 1e-9)
  }

  @Test func susceptibilitiesAreOneAtCriticality() throws {
    // ReLU at C_w = 2: exactly 1 at every K. tanh at C_w = 1: 1 − O(K) as K → K* = 0, where
    // χ_⊥ = ⟨sech⁴⟩ = ⟨1 − 2z² + …⟩ ≈ 1 − 2K and
    // χ_∥ = ⟨z tanh sech²⟩/K = ⟨z² − (4/3)z⁴ + …⟩/K ≈ 1 − 4K.
    let relu = try KernelRecursion(activation: .relu, cb: 0, cw: 2)
    for K in [1e-3, 1.0, 100.0] {
      let chi = try relu.susceptibilities(at: K)
      #expect(abs(chi.parallel - 1) < 1e-14 && abs(chi.perpendicular - 1) < 1e-14)
    }
    let tanh = try KernelRecursion(activation: .tanh, cb: 0, cw: 1)
    let K = 1e-4
    let chi = try tanh.susceptibilities(at: K)
    #expect(abs(chi.parallel - (1 - 4 * K)) < 100 * K * K)
    #expect(abs(chi.perpendicular - (1 - 2 * K)) < 100 * K * K)
    // Away from criticality they move with C_w: χ ∝ C_w.
    let hot = try KernelRecursion(activation: .tanh, cb: 0, cw: 2).susceptibilities(at: 1)
    let cold = try tanh.susceptibilities(at: 1)
    #expect(relativeError(hot.perpendicular, 2 * cold.perpendicular) < 1e-14)
  }

  @Test func multiInputDiagonalEqualsSingleInputRecursion() throws {
    let rec = try KernelRecursion(activation: .tanh, cb: 0.1, cw: 1.5)
    let x1: [Double] = [1, -2, 0.5]
    let x2: [Double] = [0.3, 1, 2]
    let matrices = try rec.kernels(inputs: [x1, x2], depth: 4)
    for (i, x) in [x1, x2].enumerated() {
      let single = try rec.kernels(
        inputNormSquared: x.reduce(0) { $0 + $1 * $1 }, inputWidth: 3, depth: 4)
      for l in 0..<4 { #expect(relativeError(matrices[l][i][i], single[l]) < 1e-13) }
    }
    // Symmetric, and a valid covariance (Cauchy–Schwarz) with correlation < 1.
    for K in matrices {
      #expect(K[0][1] == K[1][0])
      #expect(K[0][1] * K[0][1] < K[0][0] * K[1][1])
    }
    // Identical inputs stay perfectly correlated: K₁₂ = K₁₁ in every layer.
    let same = try rec.kernels(inputs: [x1, x1], depth: 3)
    for K in same { #expect(relativeError(K[0][1], K[0][0]) < 1e-12) }
  }

  @Test func reluTwoInputKernelsFollowTheArcCosineMap() throws {
    // Independent iteration of the Cho–Saul map K₁₂ ← C_b + C_w √(K₁₁K₂₂) J(θ)/(2π).
    let (cb, cw) = (0.05, 2.0)
    let rec = try KernelRecursion(activation: .relu, cb: cb, cw: cw)
    let x1: [Double] = [1, 0, 2, -1]
    let x2: [Double] = [0.5, 1, 1, 1]
    let matrices = try rec.kernels(inputs: [x1, x2], depth: 6)
    var k11 = cb + cw * 6 / 4
    var k22 = cb + cw * 3.25 / 4
    var k12 = cb + cw * (0.5 + 2 - 1) / 4
    for l in 0..<6 {
      #expect(relativeError(matrices[l][0][1], k12) < 1e-12, "layer \(l + 1)")
      let theta = acos(k12 / (k11 * k22).squareRoot())
      let n = (k11 * k22).squareRoot() / (2 * Double.pi)
      (k11, k12, k22) = (
        cb + cw * k11 / 2, cb + cw * n * (sin(theta) + (Double.pi - theta) * cos(theta)), cb + cw * k22 / 2
      )
    }
  }

  @Test func linearNetworkNTKMatchesClosedForm() throws {
    // σ(z) = z: K^(l) = C_w^l x²/n₀ + C_b Σ_{k<l} C_w^k and
    // Θ^(L) = Σ_{l=1}^{L} C_w^{L−l} (λ_b^(l) + λ_W^(l) K^(l−1)), K^(0) = x·x′/n₀.
    let (cb, cw) = (0.2, 1.3)
    let rates = try LearningRates(lambdaB: [0.5, 1, 0.25, 2], lambdaW: [1, 0.3, 2, 0.7])
    let rec = try KernelRecursion(activation: .linear, cb: cb, cw: cw)
    let x: [Double] = [1, 2, -1]
    let y: [Double] = [0, 1, 3]
    func kernel(_ l: Int, _ dot: Double) -> Double {
      var k = dot / 3
      for _ in 0..<l { k = cb + cw * k }
      return k
    }
    func theta(_ L: Int, _ dot: Double) -> Double {
      (1...L).reduce(0.0) { sum, l in
        sum + pow(cw, Double(L - l)) * (rates.lambdaB[l - 1] + rates.lambdaW[l - 1] * kernel(l - 1, dot))
      }
    }
    let single = try rec.neuralTangentKernels(inputNormSquared: 6, inputWidth: 3, learningRates: rates)
    let pair = try rec.neuralTangentKernels(inputs: [x, y], learningRates: rates)
    for L in 1...4 {
      #expect(relativeError(single[L - 1], theta(L, 6)) < 1e-14)
      #expect(relativeError(pair[L - 1][0][0], theta(L, 6)) < 1e-14)
      #expect(relativeError(pair[L - 1][0][1], theta(L, -1)) < 1e-14)
      #expect(relativeError(pair[L - 1][1][1], theta(L, 10)) < 1e-14)
    }
  }

  @Test func criticalReLUNTKGrowsLinearlyInDepth() throws {
    // At (0, 2) with uniform λ: K^(l) = K^(1) and Θ^(L) = L (λ_b + λ_W K^(1)) for ReLU as
    // λ_W⟨σ²⟩ = λ_W K/2 ... written out: Θ^(l+1) = λ_b + λ_W K + Θ^(l) (C_w⟨σ′²⟩ = 1).
    let rec = try KernelRecursion(activation: .relu, cb: 0, cw: 2)
    let rates = try LearningRates.uniform(lambdaB: 0.5, lambdaW: 1, depth: 5)
    let theta = try rec.neuralTangentKernels(inputNormSquared: 4, inputWidth: 2, learningRates: rates)
    // K^(l) = 2·4/2 = 4 in every layer; ⟨σ²⟩ = 2.
    #expect(relativeError(theta[0], 0.5 + 1 * 2) < 1e-15)
    for l in 1..<5 { #expect(relativeError(theta[l] - theta[l - 1], 0.5 + 1 * 2) < 1e-13) }
  }

  @Test func invalidArgumentsThrow() throws {
    #expect(throws: CriticalityError.self) { try KernelRecursion(activation: .tanh, cb: -1, cw: 1) }
    let rec = try KernelRecursion(activation: .tanh, cb: 0, cw: 1)
    #expect(throws: CriticalityError.self) { try rec.kernels(inputNormSquared: 1, inputWidth: 0, depth: 2) }
    #expect(throws: CriticalityError.self) { try rec.kernels(inputs: [[1, 2], [1]], depth: 2) }
    #expect(throws: CriticalityError.self) { try rec.susceptibilities(at: 0) }
    #expect(throws: CriticalityError.self) { try LearningRates(lambdaB: [1], lambdaW: [1, 2]) }
  }
}
