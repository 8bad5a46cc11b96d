import Foundation

/// The Gaussian expectations of an activation that enter the infinite-width recursions
/// (PDLT ch. 4–5, 8): with `z ~ N(0, K)` and `(z₁, z₂) ~ N(0, [[K₁₁, K₁₂], [K₁₂, K₂₂]])`,
///
/// - `⟨σ²⟩_K`, `⟨σ′²⟩_K`, `⟨z σ σ′⟩_K` (one input),
/// - `⟨σ(z₁) σ(z₂)⟩`, `⟨σ′(z₁) σ′(z₂)⟩` (two inputs).
///
/// Closed forms where they exist, otherwise `GaussianIntegral` quadrature (relative ≲ 1e-12):
/// - linear: `K`, `1`, `K`, `K₁₂`, `1`;
/// - ReLU: `K/2`, `1/2`, `K/2`, and the arc-cosine kernels (Cho & Saul 2009)
///   `√(K₁₁K₂₂)/(2π) (sin θ + (π − θ) cos θ)` and `(π − θ)/(2π)`, `cos θ = K₁₂/√(K₁₁K₂₂)`;
/// - GELU `σ = zΦ(z)` (one input): by Stein's lemma `E[z h(z)] = K E[h′(z)]` and the orthant
///   probability `E[Φ(z)²] = 1/4 + arcsin(K/(1+K))/(2π)`:
///   `⟨σ²⟩ = K A + 2K² P/(1+K)`, `⟨σ′²⟩ = A + 2B + C`, `⟨zσσ′⟩ = ⟨σ²⟩ + K(2B + C)/(1+K)`,
///   with `A = E[Φ²]`, `P = E[φ²] = 1/(2π√(1+2K))`, `B = E[zΦφ] = K P/(1+K)`,
///   `C = E[z²φ²] = K/(2π(1+2K)^{3/2})`.
public struct ActivationMoments: Sendable {
  /// The activation $\sigma$ whose Gaussian expectations these are.
  public let activation: Activation

  /// The moments of `activation`.
  public init(_ activation: Activation) { self.activation = activation }

  /// `⟨σ(z)²⟩_K`.
  public func sigmaSquared(_ K: Double) -> Double {
    switch activation {
    case .linear: return K
    case .relu: return K / 2
    case .gelu: return Self.geluSigmaSquared(K)
    default:
      let s = activation
      return GaussianIntegral.expectation(variance: K) { z in
        let v = s(z)
        return v * v
      }
    }
  }

  /// `⟨σ(z)⁴⟩_K`: `3K²` (linear), `3K²/2` (ReLU), otherwise by quadrature.
  public func sigmaFourth(_ K: Double) -> Double {
    switch activation {
    case .linear: return 3 * K * K
    case .relu: return 1.5 * K * K
    default:
      let s = activation
      return GaussianIntegral.expectation(variance: K) { z in
        let v = s(z)
        return v * v * v * v
      }
    }
  }

  /// `⟨σ′(z)²⟩_K`.
  public func derivativeSquared(_ K: Double) -> Double {
    switch activation {
    case .linear: return 1
    case .relu: return K > 0 ? 0.5 : 0
    case .gelu:
      let g = Self.gelu(K)
      return g.a + 2 * g.b + g.c
    default:
      let s = activation
      return GaussianIntegral.expectation(variance: K) { z in
        let d = s.derivative(z)
        return d * d
      }
    }
  }

  /// `⟨z σ(z) σ′(z)⟩_K`, which by Stein's lemma equals `⟨σ(z)² (z² − K)⟩_K / (2K)`.
  public func zSigmaDerivative(_ K: Double) -> Double {
    switch activation {
    case .linear: return K
    case .relu: return K / 2
    case .gelu:
      let g = Self.gelu(K)
      return Self.geluSigmaSquared(K) + K * (2 * g.b + g.c) / (1 + K)
    default:
      let s = activation
      return GaussianIntegral.expectation(variance: K) { z in z * s(z) * s.derivative(z) }
    }
  }

  /// `⟨σ(z₁) σ(z₂)⟩` for covariance `[[k11, k12], [k12, k22]]`.
  public func sigmaSigma(k11: Double, k12: Double, k22: Double) -> Double {
    switch activation {
    case .linear: return k12
    case .relu:
      let (theta, norm) = Self.angle(k11: k11, k12: k12, k22: k22)
      return norm / (2 * Double.pi) * (sin(theta) + (Double.pi - theta) * cos(theta))
    default:
      if k11 == k22 && k12 == k11 { return sigmaSquared(k11) }
      let s = activation
      return GaussianIntegral.expectation(k11: k11, k12: k12, k22: k22, { s($0) }, { s($0) })
    }
  }

  /// `⟨σ′(z₁) σ′(z₂)⟩` for covariance `[[k11, k12], [k12, k22]]`.
  public func derivativeDerivative(k11: Double, k12: Double, k22: Double) -> Double {
    switch activation {
    case .linear: return 1
    case .relu:
      if k11 == 0 || k22 == 0 { return 0 }
      let (theta, _) = Self.angle(k11: k11, k12: k12, k22: k22)
      return (Double.pi - theta) / (2 * Double.pi)
    default:
      if k11 == k22 && k12 == k11 { return derivativeSquared(k11) }
      let s = activation
      return GaussianIntegral.expectation(
        k11: k11, k12: k12, k22: k22, { s.derivative($0) }, { s.derivative($0) })
    }
  }

  /// The angle θ between two inputs, `cos θ = K₁₂/√(K₁₁K₂₂)`, computed as
  /// `atan2(√(K₁₁K₂₂ − K₁₂²), K₁₂)` to stay accurate near θ = 0, and `√(K₁₁K₂₂)`.
  static func angle(k11: Double, k12: Double, k22: Double) -> (theta: Double, norm: Double) {
    let norm = (k11 * k22).squareRoot()
    let det = max(0, k11 * k22 - k12 * k12)
    return (atan2(det.squareRoot(), k12), norm)
  }

  /// GELU building blocks `A = E[Φ²]`, `B = E[zΦφ]`, `C = E[z²φ²]`, `P = E[φ²]` at variance K.
  static func gelu(_ K: Double) -> (a: Double, b: Double, c: Double, p: Double) {
    let q = (1 + 2 * K).squareRoot()
    let a = 0.25 + asin(K / (1 + K)) / (2 * Double.pi)
    let p = 1 / (2 * Double.pi * q)
    let b = K * p / (1 + K)
    let c = K / (2 * Double.pi * q * q * q)
    return (a, b, c, p)
  }

  static func geluSigmaSquared(_ K: Double) -> Double {
    let g = gelu(K)
    return K * g.a + 2 * K * K * g.p / (1 + K)
  }
}
