import Foundation

/// The per-layer learning-rate tensors of PDLT §7.1/§8.0: the update of a bias is
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

  /// PDLT's depth normalization for scale-invariant and critical networks (PDLT §9.4):
  /// `λ_b^(l) = λ̃_b / L`, `λ_W^(l) = λ̃_W / L`, which keeps the NTK of order one at any depth
  /// (each layer adds O(1/L) to Θ). Combined with the fan-in factor `1/n_{l−1}` applied to
  /// weights, this is the learning-rate normalization used by `train`.
  public static func depthNormalized(lambdaB: Double = 1, lambdaW: Double = 1, depth: Int) throws
    -> LearningRates
  {
    guard depth >= 1 else { throw CriticalityError("depth must be ≥ 1, got \(depth)") }
    return try uniform(lambdaB: lambdaB / Double(depth), lambdaW: lambdaW / Double(depth), depth: depth)
  }

  /// The number of layers `L`.
  public var depth: Int { lambdaB.count }
}
