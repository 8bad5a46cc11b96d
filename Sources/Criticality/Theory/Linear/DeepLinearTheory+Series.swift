import Foundation

extension DeepLinearTheory {
  /// `E[z^{2m}] / ((2m − 1)!! G^m)` at layer `l` of a network whose hidden widths all equal `n`,
  /// as an exact series in `1/n` to `O(n^{−order})` with coefficients polynomial in `l`:
  ///
  /// - Gaussian: `∏_{j<m} (1 + 2j/n)^{l−1}` (see `moment`),
  /// - Orthogonal, all widths `n` (input included): `∏_{j<m} (1 + 2j/n)^{−1}`, depth independent.
  ///
  /// Throws for `m < 0` or `order < 1`.
  public static func normalizedMomentSeries(half m: Int, weights: WeightDistribution, order: Int) throws
    -> InverseWidthSeries
  {
    guard m >= 0 else { throw CriticalityError("normalizedMomentSeries: m must be ≥ 0, got \(m)") }
    let one = try InverseWidthSeries.constant(.one, order: order)
    if order == 1 || m <= 1 { return one }
    let x = try InverseWidthSeries.inverseWidth(order: order)
    let exponent: DepthPolynomial = weights == .gaussian ? .l - .one : -1
    var result = one
    for j in 1..<m {
      let base = one + DepthPolynomial(Rational(2 * j)) * x
      result = result * (try InverseWidthSeries.power(base, exponent: exponent))
    }
    return result
  }

  /// The normalized fourth cumulant `E[z⁴]/(3G²) − 1` at equal hidden widths `n`, exactly in
  /// `1/n` to `O(n^{−order})` (Gaussian: `(1 + 2/n)^{l−1} − 1 = 2(l−1)/n + 2(l−1)(l−2)/n² + …`,
  /// PDLT eqs. 3.27–3.30; orthogonal square: `−2/(n+2) = −2/n + 4/n² − …`).
  public static func normalizedFourthCumulantSeries(weights: WeightDistribution, order: Int) throws
    -> InverseWidthSeries
  {
    try normalizedMomentSeries(half: 2, weights: weights, order: order)
      - .constant(.one, order: order)
  }

  /// The normalized sixth cumulant `κ_6/(15G³) = A_6 − 3A_4 + 2` (with
  /// `A_{2m} = E[z^{2m}]/((2m−1)!! G^m)`) at equal hidden widths, exactly in `1/n`
  /// (Gaussian: `4(l−1)(3l−4)/n² + O(1/n³)`; orthogonal square: `16/n² + O(1/n³)`).
  public static func normalizedSixthCumulantSeries(weights: WeightDistribution, order: Int) throws
    -> InverseWidthSeries
  {
    let a6 = try normalizedMomentSeries(half: 3, weights: weights, order: order)
    let a4 = try normalizedMomentSeries(half: 2, weights: weights, order: order)
    return a6 - DepthPolynomial(3) * a4 + (try .constant(2, order: order))
  }
}
