import Foundation

/// Exact finite-width statistics of a deep linear network at initialization (PDLT ch. 3,
/// arXiv:2106.10165v2, cited by section throughout the library;
/// lecture 1), $z^{(l)} = W^{(l)} z^{(l-1)}$, $z^{(0)} = x$, no biases, widths $n_0, n_1, \dots, n_L$.
///
/// Gaussian weights, $\mathbb{E}[W_{ij} W_{kl}] = \frac{C_w}{n_{l-1}} \delta_{ik} \delta_{jl}$ (PDLT §2.3):
/// given the layer below, $z^{(l)} \mid z^{(l-1)} \sim \mathcal{N}(0, \sigma_l^2 I)$ with
/// $\sigma_l^2 = C_w |z^{(l-1)}|^2/n_{l-1}$, so
/// $|z^{(l)}|^2 = (C_w/n_{l-1})\, |z^{(l-1)}|^2 \chi^2_{n_l}$ and (PDLT §3.2)
///
/// $$\sigma_l^2 = G^{(l)} \prod_{k=1}^{l-1} \frac{\chi^2_{n_k}}{n_k}, \qquad G^{(l)} = \frac{C_w^l |x|^2}{n_0},$$
///
/// a product of independent scaled chi-squares. Every statistic of one component
/// $z_i^{(l)} = \sigma_l \xi$, $\xi \sim \mathcal{N}(0, 1)$, follows exactly from that product.
///
/// Orthogonal weights (`WeightDistribution.orthogonal`): $W = s A$ with $A$ Haar, orthonormal
/// rows when $n_l \le n_{l-1}$ ($s^2 = C_w$) and orthonormal columns when $n_l > n_{l-1}$
/// ($s^2 = C_w n_l/n_{l-1}$), which gives the same $G^{(l)}$. Then $z^{(l)}$ is rotation invariant:
/// $z^{(l)} = R_l u$ with $u$ uniform on the unit sphere $S^{n_l-1}$, and
/// $R_l^2 = |x|^2 \prod_k s_k^2 \prod_{\text{narrowing } k} B_k$,
/// $B_k \sim \mathrm{Beta}\big(n_k/2, (n_{k-1} - n_k)/2\big)$ (the
/// squared length of a random $n_k$-dimensional projection of a unit vector). For square
/// layers $R_l$ is deterministic and the output is uniform on a sphere.
///
/// Construction and every function throw `CriticalityError` on invalid arguments.
public struct DeepLinearTheory: Sendable {
  /// `n_0, n_1, …, n_L`: input width first.
  public let widths: [Int]
  /// `C_w`, the weight variance times fan-in.
  public let cw: Double
  /// How the weights are drawn.
  public let weights: WeightDistribution

  /// The depth `L` (number of weight layers).
  public var depth: Int { widths.count - 1 }

  /// A network with widths `[n_0, n_1, …, n_L]` (at least one layer, every width ≥ 1) and
  /// `C_w > 0`.
  public init(widths: [Int], cw: Double = 1.0, weights: WeightDistribution = .gaussian) throws {
    guard widths.count >= 2 else {
      throw CriticalityError(
        "DeepLinearTheory: widths must list n_0 and at least one layer width, got \(widths)")
    }
    if let bad = widths.first(where: { $0 < 1 }) {
      throw CriticalityError("DeepLinearTheory: every width must be ≥ 1, got \(bad) in \(widths)")
    }
    guard cw > 0, cw.isFinite else {
      throw CriticalityError("DeepLinearTheory: C_w must be positive and finite, got \(cw)")
    }
    self.widths = widths
    self.cw = cw
    self.weights = weights
  }

  /// Checks `1 ≤ l ≤ L`.
  func checkLayer(_ l: Int) throws {
    guard l >= 1 && l <= depth else {
      throw CriticalityError("DeepLinearTheory: layer must be in 1...\(depth), got \(l)")
    }
  }

  /// Checks `|x|² ≥ 0` and finite.
  func checkInput(_ x2: Double) throws {
    guard x2 >= 0, x2.isFinite else {
      throw CriticalityError("DeepLinearTheory: inputNormSquared must be finite and ≥ 0, got \(x2)")
    }
  }

  /// The hidden widths `n_1, …, n_{l−1}` below layer `l`.
  func hiddenWidths(below l: Int) -> ArraySlice<Int> { widths[1..<l] }

  /// The two-point function `G^(l) = E[(z_i^(l))²] = C_w^l |x|²/n_0`, exact at any width and
  /// for both weight kinds (PDLT §3.2: no finite-width correction in a linear network).
  public func twoPoint(layer l: Int, inputNormSquared x2: Double) throws -> Double {
    try checkLayer(l)
    try checkInput(x2)
    return pow(cw, Double(l)) * x2 / Double(widths[0])
  }
}
