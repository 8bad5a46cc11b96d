/// How `MLP.ensemble` draws its networks.
public enum SamplingMethod: Sendable, Hashable, CustomStringConvertible {
  /// Draw every weight and bias of every network (Haar matrices as products of Householder
  /// reflections) and propagate the inputs layer by layer: `O(Σ_l n_l n_{l−1})` per network.
  /// Works for every activation.
  case bruteForce
  /// For linear networks only: use rotational invariance to draw the chain of Gram matrices
  /// `G^(l)_{αβ} = Σ_i z^(l)_{i;α} z^(l)_{i;β}` directly (scaled chi-square, Wishart and
  /// matrix-Beta draws, PDLT §3.3), `O(L k³)` per network for `k` inputs, independent of the
  /// widths. Throws for a nonlinear activation.
  case exact

  public var description: String {
    switch self {
    case .bruteForce: return "brute force"
    case .exact: return "exact"
    }
  }
}
