import Foundation

extension KernelRecursion {
  /// The normalized fourth cumulant `E[z⁴]/(3 E[z²]²) − 1` of one component at layers
  /// `1…L` at leading order in `1/n`, `V^(l)/(n (K^(l))²)`, for one input and equal hidden
  /// widths `n` (PDLT §4.3 and §5.4, arXiv:2106.10165v2). Given layer `l`, the components of
  /// layer `l + 1` are Gaussian with variance `Ĝ = C_b + (C_w/n) Σ_j σ(z_j)²`, so
  /// `κ_4/3 = Var Ĝ`; with `Var Ĝ^(l) = V^(l)/n`, `V^(1) = 0` and
  ///
  ///     V^(l+1) = χ_∥(K^(l))² V^(l) + C_w² (⟨σ⁴⟩_{K^(l)} − ⟨σ²⟩²_{K^(l)}),
  ///
  /// the law of total variance at leading order (the first term is the fluctuation of the
  /// layer's own variance carried up by `d⟨σ²⟩/dK = χ_∥/C_w`, the second the sampling of `n`
  /// units). ReLU at `C_w = 2`: `5(l − 1)/n`; linear: `2(l − 1)/n`; tanh at criticality
  /// (`C_b = 0`, `C_w = 1`), the `K^⋆ = 0` class: `→ (2/3) l/n` at large `l` (PDLT §5.4.2).
  ///
  /// - Throws: `CriticalityError` for invalid input norm or width, `width < 1`, `depth < 1`, or
  ///   a kernel that reaches 0.
  public func normalizedFourthCumulantLeadingOrder(
    inputNormSquared: Double, inputWidth: Int, width n: Int, depth: Int
  ) throws -> [Double] {
    guard n >= 1 else { throw CriticalityError("width must be ≥ 1, got \(n)") }
    let K = try kernels(inputNormSquared: inputNormSquared, inputWidth: inputWidth, depth: depth)
    var v = 0.0  // V^(l), in units where Var Ĝ = V/n
    var result = [0.0]
    for l in 1..<depth {
      let k = K[l - 1]
      let chi = try susceptibilities(at: k).parallel
      let s2 = moments.sigmaSquared(k)
      v = chi * chi * v + cw * cw * (moments.sigmaFourth(k) - s2 * s2)
      result.append(v / (Double(n) * K[l] * K[l]))
    }
    return result
  }
}
