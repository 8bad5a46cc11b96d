import Foundation

/// The activation function σ of a multilayer perceptron,
/// `z^(l+1) = b^(l+1) + W^(l+1) σ(z^(l))` (PDLT §2.1).
///
/// The built-in cases have closed forms for σ and σ′; `.custom` carries both as closures.
public enum Activation: Sendable, CustomStringConvertible {
  /// σ(z) = z: the deep linear network of PDLT ch. 3.
  case linear
  /// σ(z) = max(0, z).
  case relu
  /// σ(z) = tanh z.
  case tanh
  /// σ(z) = z Φ(z), with Φ the standard normal CDF (the exact GELU, not the tanh approximation).
  case gelu
  /// σ(z) = 1 / (1 + e^{-z}).
  case sigmoid
  /// A user-supplied σ with its derivative σ′.
  case custom(
    name: String, function: @Sendable (Double) -> Double, derivative: @Sendable (Double) -> Double)

  /// σ(z).
  @inlinable
  public func callAsFunction(_ z: Double) -> Double {
    switch self {
    case .linear: return z
    case .relu: return z > 0 ? z : 0
    case .tanh: return Foundation.tanh(z)
    case .gelu: return 0.5 * z * erfc(-z / 2.0.squareRoot())
    case .sigmoid: return 1 / (1 + exp(-z))
    case .custom(_, let f, _): return f(z)
    }
  }

  /// σ′(z). For ReLU the derivative at 0 is taken to be 0.
  @inlinable
  public func derivative(_ z: Double) -> Double {
    switch self {
    case .linear: return 1
    case .relu: return z > 0 ? 1 : 0
    case .tanh:
      let t = Foundation.tanh(z)
      return 1 - t * t
    case .gelu:
      // d/dz [z Φ(z)] = Φ(z) + z φ(z)
      return 0.5 * erfc(-z / 2.0.squareRoot()) + z * exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
    case .sigmoid:
      let s = 1 / (1 + exp(-z))
      return s * (1 - s)
    case .custom(_, _, let d): return d(z)
    }
  }

  /// Whether σ is the identity, the case with exact samplers and exact finite-width theory.
  public var isLinear: Bool {
    if case .linear = self { return true }
    return false
  }

  public var description: String {
    switch self {
    case .linear: return "linear"
    case .relu: return "ReLU"
    case .tanh: return "tanh"
    case .gelu: return "GELU"
    case .sigmoid: return "sigmoid"
    case .custom(let name, _, _): return name
    }
  }
}

/// How the weight matrices of a network are drawn.
public enum WeightDistribution: Sendable, Hashable, CustomStringConvertible {
  /// i.i.d. Gaussian, `E[W_ij W_kl] = C_w / n_{l-1} δ_ik δ_jl` (PDLT §2.3).
  case gaussian
  /// `sqrt(C_w)` times a Haar-random orthogonal matrix; for a non-square layer, Haar-random
  /// orthonormal rows or columns scaled so that `E[(z_i)^2]` matches the Gaussian case.
  case orthogonal

  public var description: String {
    switch self {
    case .gaussian: return "Gaussian"
    case .orthogonal: return "orthogonal"
    }
  }
}

/// Invalid arguments to the science library: thrown, never trapped, with a message that says
/// what was wrong and what is allowed.
public struct CriticalityError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What was wrong and what is allowed, in one or two sentences.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
