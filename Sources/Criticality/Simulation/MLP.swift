/// A multilayer perceptron at initialization (PDLT ch. 2): widths $[n_0, n_1, \dots, n_L]$,
///
/// $$z^{(1)} = b^{(1)} + W^{(1)} x, \qquad z^{(l+1)} = b^{(l+1)} + W^{(l+1)} \sigma\big(z^{(l)}\big),$$
///
/// with Gaussian weights $\mathbb{E}[W_{ij} W_{kl}] = \frac{C_w}{n_{l-1}} \delta_{ik} \delta_{jl}$ (or
/// $\sqrt{C_w}$ times Haar orthogonal matrices, see `WeightDistribution`) and biases
/// $b_i \sim \mathcal{N}(0, C_b)$.
///
/// Creating an `MLP` never fails; its parameters are checked when an ensemble is drawn
/// (`ensemble(...)` throws a `CriticalityError` for zero widths, negative `C_w` or `C_b`, …).
public struct MLP: Sendable, CustomStringConvertible {
  /// $[n_0, n_1, \dots, n_L]$: the input width followed by the width of each layer.
  public var widths: [Int]
  /// $\sigma$, applied between layers (never to the input or to the output $z^{(L)}$).
  public var activation: Activation
  /// The weight variance $C_w$.
  public var cw: Double
  /// The bias variance $C_b$.
  public var cb: Double
  /// How weight matrices are drawn.
  public var weights: WeightDistribution

  /// A network with these widths, activation, variances and weight distribution (checked when
  /// an ensemble is drawn, see `validate()`).
  public init(
    widths: [Int], activation: Activation = .linear, cw: Double = 1, cb: Double = 0,
    weights: WeightDistribution = .gaussian
  ) {
    self.widths = widths
    self.activation = activation
    self.cw = cw
    self.cb = cb
    self.weights = weights
  }

  /// A deep linear network (PDLT ch. 3): input width $n_0$ = `inputWidth`, then `depth` layers of
  /// width $n$ = `width`, $\sigma(z) = z$, no biases.
  public static func deepLinear(
    inputWidth: Int, width: Int, depth: Int, cw: Double = 1, weights: WeightDistribution = .gaussian
  ) -> MLP {
    MLP(
      widths: [inputWidth] + [Int](repeating: width, count: max(depth, 0)), activation: .linear, cw: cw,
      cb: 0, weights: weights)
  }

  /// The depth $L$: the number of layers, numbered $1, \dots, L$.
  public var depth: Int { widths.count - 1 }

  /// The input width $n_0$.
  public var inputWidth: Int { widths.first ?? 0 }

  /// Throws a `CriticalityError` naming the first invalid parameter: at least one layer, every
  /// width ≥ 1, `C_w` and `C_b` finite and ≥ 0.
  public func validate() throws {
    guard widths.count >= 2 else {
      throw CriticalityError(
        "An MLP needs an input width and at least one layer: widths = \(widths) (depth \(max(0, depth))).")
    }
    for (l, n) in widths.enumerated() where n < 1 {
      throw CriticalityError(
        "Every width must be at least 1, but widths[\(l)] = \(n) (n_\(l)) in widths = \(widths).")
    }
    guard cw.isFinite, cw >= 0 else {
      throw CriticalityError("The weight variance C_w must be finite and non-negative, got cw = \(cw).")
    }
    guard cb.isFinite, cb >= 0 else {
      throw CriticalityError("The bias variance C_b must be finite and non-negative, got cb = \(cb).")
    }
  }

  public var description: String {
    "MLP(widths: \(widths), σ = \(activation), C_w = \(cw), C_b = \(cb), \(weights) weights)"
  }
}
