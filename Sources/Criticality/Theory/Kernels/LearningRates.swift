import Foundation

/// The per-layer learning-rate tensors of PDLT ch. 7–8: the update of a bias is
/// `Δb^(l) = −η λ_b^(l) ∂L/∂b^(l)` and of a weight `ΔW^(l) = −η (λ_W^(l)/n_{l−1}) ∂L/∂W^(l)`,
/// so that the neural tangent kernel is
/// `Θ = Σ_l [λ_b^(l) Σ_i (∂z/∂b_i^(l))² + (λ_W^(l)/n_{l−1}) Σ_{ij} (∂z/∂W_ij^(l))²]`.
/// Element `[l−1]` belongs to layer `l = 1…L`.
public struct LearningRates: Sendable, Equatable {
  /// `λ_b^(l)`, one per layer.
  public var lambdaB: [Double]
  /// `λ_W^(l)`, one per layer (the fan-in `1/n_{l−1}` is applied where they are used).
  public var lambdaW: [Double]

  /// - Throws: `CriticalityError` unless both arrays have the same non-zero length and all
  ///   entries are finite and ≥ 0.
  public init(lambdaB: [Double], lambdaW: [Double]) throws {
    guard !lambdaB.isEmpty, lambdaB.count == lambdaW.count else {
      throw CriticalityError(
        "lambdaB and lambdaW need one entry per layer (got \(lambdaB.count), \(lambdaW.count))")
    }
    guard (lambdaB + lambdaW).allSatisfy({ $0.isFinite && $0 >= 0 }) else {
      throw CriticalityError("learning rates must be finite and ≥ 0")
    }
    self.lambdaB = lambdaB
    self.lambdaW = lambdaW
  }

  /// The same `λ_b`, `λ_W` in every one of `depth` layers.
  public static func uniform(lambdaB: Double, lambdaW: Double, depth: Int) throws -> LearningRates {
    guard depth >= 1 else { throw CriticalityError("depth must be ≥ 1, got \(depth)") }
    return try LearningRates(
      lambdaB: Array(repeating: lambdaB, count: depth), lambdaW: Array(repeating: lambdaW, count: depth))
  }

  /// The uniform depth normalization `λ_b^(l) = λ̃_b / L`, `λ_W^(l) = λ̃_W / L`: PDLT's
  /// prescription for the scale-invariant class (PDLT ch. 9), which keeps the NTK of order one
  /// at any depth there (each layer adds O(1/L) to Θ). For the `K^⋆ = 0` class (tanh) use
  /// `critical(_:depth:)`. Combined with the fan-in factor `1/n_{l−1}` applied to weights, this
  /// is the learning-rate normalization used by `train`.
  public static func depthNormalized(lambdaB: Double = 1, lambdaW: Double = 1, depth: Int) throws
    -> LearningRates
  {
    guard depth >= 1 else { throw CriticalityError("depth must be ≥ 1, got \(depth)") }
    return try uniform(lambdaB: lambdaB / Double(depth), lambdaW: lambdaW / Double(depth), depth: depth)
  }

  /// PDLT's learning rates at criticality per universality class, from the learning-rate
  /// equivalence principle (PDLT ch. 9, arXiv:2106.10165v2): every layer should contribute
  /// equally, `O(1/L)`, to the NTK at the output. With `λ̃_b = lambdaB`, `λ̃_W = lambdaW`:
  ///
  /// - scale-invariant class (linear, ReLU; `χ_⊥ = 1` and `⟨σ²⟩_K ∝ K` at every layer):
  ///   `λ_b^(l) = λ̃_b/L`, `λ_W^(l) = λ̃_W/L`;
  /// - `K^⋆ = 0` class with `p_⊥ = 1` (tanh): `K^(l) ≈ 1/(2l)` and the layers above damp layer
  ///   `l`'s term by `∏ χ_⊥ ≈ l/L`, so `λ_b^(l) = λ̃_b/l` and `λ_W^(l) = λ̃_W` (order one), which
  ///   make both the bias and the weight parts of each layer `O(1/L)`.
  ///
  /// - Throws: `CriticalityError` for `depth < 1` and for other activations (GELU's critical
  ///   point is half-stable, sigmoid has none).
  public static func critical(
    _ activation: Activation, depth: Int, lambdaB: Double = 1, lambdaW: Double = 1
  ) throws -> LearningRates {
    guard depth >= 1 else { throw CriticalityError("depth must be ≥ 1, got \(depth)") }
    switch activation {
    case .linear, .relu:
      return try depthNormalized(lambdaB: lambdaB, lambdaW: lambdaW, depth: depth)
    case .tanh:
      return try LearningRates(
        lambdaB: (1...depth).map { lambdaB / Double($0) },
        lambdaW: Array(repeating: lambdaW, count: depth))
    default:
      throw CriticalityError(
        "LearningRates.critical: implemented for the scale-invariant class (linear, ReLU) and the"
          + " K* = 0 class (tanh), not \(activation)")
    }
  }

  /// The number of layers `L`.
  public var depth: Int { lambdaB.count }
}
