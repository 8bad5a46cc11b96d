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
  /// PDLT §3.3; orthogonal square: `−2/(n+2) = −2/n + 4/n² − …`).
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

  /// The normalized cumulant `κ_{2m}/((2m − 1)!! G^m)` of one component at equal hidden widths,
  /// exactly in `1/n` to `O(n^{−order})`, from `normalizedMomentSeries` by the moment–cumulant
  /// recursion `κ_r = μ_r − Σ_{k=1}^{r−1} binom(r−1, k−1) κ_k μ_{r−k}` carried out in the series
  /// algebra. For Gaussian weights its first non-zero term is `n^{−(m−1)}` with a coefficient of
  /// degree `m − 1` in `l`: the connected 2m-point function scales as `(l/n)^{m−1}` (PDLT §3.3,
  /// lecture 1). Zero for odd orders. Throws for negative `twiceM` or `order < 1`.
  public static func normalizedCumulantSeries(_ twiceM: Int, weights: WeightDistribution, order: Int) throws
    -> InverseWidthSeries
  {
    guard twiceM >= 0 else {
      throw CriticalityError("normalizedCumulantSeries: order of the cumulant must be ≥ 0")
    }
    let zero = try InverseWidthSeries.constant(.zero, order: order)
    if twiceM % 2 == 1 || twiceM == 0 { return zero }
    // μ_r / G^{r/2}: (r − 1)!! A_{r/2} for even r, 0 for odd r.
    var mu = [zero]
    for r in 1...twiceM {
      if r % 2 == 1 {
        mu.append(zero)
      } else {
        let doubleFactorial = (0..<(r / 2)).reduce(1) { $0 * (2 * $1 + 1) }
        mu.append(
          DepthPolynomial(Rational(doubleFactorial))
            * (try normalizedMomentSeries(half: r / 2, weights: weights, order: order)))
      }
    }
    var kappa = [zero]
    for r in 1...twiceM {
      var k = mu[r]
      for j in 1..<r where r % 2 == 0 || j % 2 == 0 {
        var binomial = 1
        for i in 0..<(j - 1) { binomial = binomial * (r - 1 - i) / (i + 1) }
        k = k - DepthPolynomial(Rational(binomial)) * (kappa[j] * mu[r - j])
      }
      kappa.append(k)
    }
    let m = twiceM / 2
    let norm = try Rational.one.divided(by: Rational((0..<m).reduce(1) { $0 * (2 * $1 + 1) }))
    return DepthPolynomial(norm) * kappa[twiceM]
  }
}
